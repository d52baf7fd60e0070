"""What ``tutor doctor`` checks inside a progress store, beyond SQLite's own integrity check.

A file can open, pass ``PRAGMA integrity_check`` and still not be what tutor
needs: a table or column missing (edited with another program), rows that
point nowhere, answers that are not JSON, scores outside 0..1. Each check
here reads only and reports how many rows are affected, so the doctor can say
exactly what is wrong without changing anything it cannot safely repair.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from tutor.errors import UserError
from tutor.progress import schema
from tutor.progress.faults import store_error


@dataclass(frozen=True, slots=True)
class Checkup:
    """What the doctor found in a store, and the indexes it recreated."""

    integrity: list[str]
    tables: list[str]
    contents: list[str]
    indexes: list[str]
    #: (schema version, learners, answers), when the tables are tutor's.
    counts: tuple[int, int, int] | None

    @property
    def healthy(self) -> bool:
        return self.integrity == ["ok"] and not self.tables and not self.contents


def examine(store) -> Checkup:
    """Check a store (integrity, tables, rows), recreate missing indexes and checkpoint the log; StoreError if SQLite fails."""
    conn = store.conn
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        tables = schema.problems(conn)
        contents = content_problems(conn) if not tables else []
        try:
            with store.write() as writing:
                indexes = repair_indexes(writing)
        except (UserError, sqlite3.Error) as exc:
            indexes, contents = [], [*contents, f"missing indexes could not be recreated ({exc})"]
        counts = None
        if not tables:
            counts = (schema.version(conn), conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0],
                      conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise store_error(exc, store.path) from None
    return Checkup(integrity, tables, contents, indexes, counts)


def content_problems(conn: sqlite3.Connection) -> list[str]:
    """Rows tutor cannot use, as sentences ([] when every row is sound). Assumes the tables are tutor's (schema.problems)."""
    found: list[str] = []
    dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        tables = sorted({row[0] for row in dangling})
        found.append(f"{len(dangling)} row(s) in {', '.join(tables)} refer to a learner, run or answer that does not exist")
    not_json = 0
    for (answer,) in conn.execute("SELECT answer FROM attempts"):
        try:
            json.loads(answer)
        except (TypeError, ValueError, RecursionError):
            not_json += 1
    if not_json:
        found.append(f"{not_json} stored answer(s) are not readable (not JSON); they are shown as no answer")
    checks = (
        ("SELECT COUNT(*) FROM attempts WHERE correct NOT IN (0, 1) OR typeof(score) NOT IN ('real', 'integer') OR score < 0 OR score > 1",
         "answer(s) have an impossible mark or score"),
        ("SELECT COUNT(*) FROM runs WHERE score IS NOT NULL AND (typeof(score) NOT IN ('real', 'integer') OR score < 0 OR score > 1)",
         "run(s) have a score outside 0..100%"),
        ("SELECT COUNT(*) FROM latest l WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = l.attempt_id)",
         "latest-answer row(s) point at an answer that does not exist"),
        ("SELECT COUNT(*) FROM module_results WHERE runs < 0 OR best_score < 0 OR best_score > 1 OR last_score < 0 OR last_score > 1",
         "module result(s) have impossible figures"),
    )
    for sql, what in checks:
        count = conn.execute(sql).fetchone()[0]
        if count:
            found.append(f"{count} {what}")
    return found


def repair_indexes(conn: sqlite3.Connection) -> list[str]:
    """Recreate indexes tutor's schema has and the file lacks (safe: they hold no data); their names."""
    missing = schema.missing_indexes(conn)
    if not missing:
        return []
    memory = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(memory)
    sql = dict(memory.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall())
    memory.close()
    repaired = []
    for name in missing:
        if name in sql:
            conn.execute(sql[name].replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1).replace(
                "CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX IF NOT EXISTS", 1))
            repaired.append(name)
    return repaired
