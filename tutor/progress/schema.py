"""The progress database schema, as a list of migrations.

``PRAGMA user_version`` records how many migrations a database has had.
Opening a store applies the missing ones, in order, each in its own
transaction, so a database from any earlier tutor is brought up to date and
keeps every row. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tutor.progress import migrate_runs, outbox

#: Each migration is a SQL script or, where data must be reshaped, a function of the connection.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: learners, every answer ever given, and where each learner is in each module.
    """
    CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        score REAL NOT NULL,
        seconds REAL NOT NULL,
        answered_at TEXT NOT NULL,
        mode TEXT NOT NULL DEFAULT 'lesson'
    );
    CREATE INDEX attempts_by_question ON attempts(profile_id, module_id, question_id, answered_at);
    CREATE TABLE positions (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        place TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, module_id)
    );
    """,
    # 2: the latest answer per question and per-module results, kept up to date
    # on every answer so summaries never scan the attempts (4 ms instead of 225+).
    """
    CREATE TABLE latest (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        attempt_id INTEGER NOT NULL,
        question_hash TEXT NOT NULL,
        correct INTEGER NOT NULL,
        score REAL NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, module_id, question_id)
    ) WITHOUT ROWID;
    INSERT INTO latest
        SELECT a.profile_id, a.module_id, a.question_id, a.id, a.question_hash, a.correct, a.score, a.answered_at
        FROM attempts a
        WHERE a.id = (SELECT MAX(b.id) FROM attempts b
                      WHERE b.profile_id = a.profile_id AND b.module_id = a.module_id AND b.question_id = a.question_id);
    CREATE TABLE module_results (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        runs INTEGER NOT NULL DEFAULT 0,
        best_score REAL,
        last_score REAL,
        completed_at TEXT,
        PRIMARY KEY (profile_id, module_id)
    ) WITHOUT ROWID;
    """,
    # 3: spaced review of missed questions (FSRS cards) and per-learner settings.
    """
    CREATE TABLE reviews (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (profile_id, module_id, question_id)
    ) WITHOUT ROWID;
    CREATE INDEX reviews_due ON reviews(profile_id, due);
    CREATE TABLE settings (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (profile_id, key)
    ) WITHOUT ROWID;
    """,
    # 4: runs (one pass through a module's quiz), rebuilt from what 0.1.0 kept.
    migrate_runs.migrate,
    # 5: the xAPI outbox, one statement per answer and per finished run, written with them.
    outbox.SCHEMA,
)

LATEST_VERSION = len(MIGRATIONS)


class NewerDatabaseError(Exception):
    """The database was written by a newer tutor; opening it could lose data."""


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply every missing migration up to ``target``; return the version reached."""
    current = version(conn)
    if current > LATEST_VERSION:
        raise NewerDatabaseError(f"the progress database has schema version {current}, newer than this tutor knows ({LATEST_VERSION})")
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) >= number:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            step = MIGRATIONS[number - 1]
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version(conn)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (none of ours contain ';' inside literals)."""
    return [part.strip() for part in script.split(";") if part.strip()]


_expected: dict[str, tuple[str, ...]] | None = None


def shape(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Every table and index of a database: table -> its column names; "index:" + name -> ()."""
    found: dict[str, tuple[str, ...]] = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if kind == "table":
            found[name] = tuple(row[1] for row in conn.execute(f'PRAGMA table_info("{name}")'))
        elif kind == "index":
            found[f"index:{name}"] = ()
    return found


def expected_shape() -> dict[str, tuple[str, ...]]:
    """The shape every migration together produces (built once, in memory)."""
    global _expected
    if _expected is None:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        migrate(memory)
        _expected = shape(memory)
        memory.close()
    return _expected


def problems(conn: sqlite3.Connection) -> list[str]:
    """How a database at the latest version differs from the schema tutor expects ([] when it matches).

    A file can say it is up to date (``user_version``) and still lack a
    table, for instance after someone edited it with another program; reading
    it would then fail deep inside a command. Tables and their columns
    matter; a missing index only costs speed and is reported separately by doctor.
    """
    if version(conn) != LATEST_VERSION:
        return [f"schema version {version(conn)}, expected {LATEST_VERSION}"]
    found = shape(conn)
    out = []
    for table, columns in expected_shape().items():
        if table.startswith("index:"):
            continue
        if table not in found:
            out.append(f"table '{table}' is missing")
        elif found[table][: len(columns)] != columns:
            missing = [c for c in columns if c not in found[table]]
            out.append(f"table '{table}' lacks column{'s' if len(missing) != 1 else ''} {', '.join(missing)}" if missing
                       else f"table '{table}' has its columns in another order")
    return out


def missing_indexes(conn: sqlite3.Connection) -> list[str]:
    found = shape(conn)
    return [name.removeprefix("index:") for name in expected_shape() if name.startswith("index:") and name not in found]


#: The tables the migrations make (tests/unit/test_progress_store.py checks this against expected_shape()).
TABLES = ("attempts", "latest", "module_results", "outbox", "outbox_sent_through", "positions", "profiles", "reviews", "runs", "settings")


def check(conn: sqlite3.Connection) -> None:
    """Raise SchemaMismatch when a table tutor needs is missing (one cheap query: this runs on every start).

    The full comparison, columns included, is :func:`problems`, for ``tutor
    doctor``; a missing column met later is reported as a schema problem too
    (tutor.progress.faults).
    """
    found = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [table for table in TABLES if table not in found]
    if missing:
        raise SchemaMismatch("; ".join(f"table '{table}' is missing" for table in missing))


class SchemaMismatch(Exception):
    """The database's tables are not tutor's (a table or column missing): reading it would fail."""
