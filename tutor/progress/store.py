"""The progress store: every answer committed the moment it is given.

Design notes (see also shared/notes/measured-facts.md):

* WAL journal, so readers never block the writer and a killed process leaves
  a consistent database.
* ``synchronous=FULL``: each commit is fsync'd, so an answer that tutor
  acknowledged survives not only a killed process but a power cut (a school
  laptop whose battery dies). It costs about 0.3 ms per answer here
  (p99 about 2 ms), far below human answering speed; NORMAL would be safe
  against crashes but could drop the last answers on power loss.
* Every write runs in ``BEGIN IMMEDIATE``: a deferred transaction that reads
  and then writes fails at once with "database is locked" if another process
  committed in between, whatever the busy timeout.
* A busy timeout of 5 s lets two tutors share one store.
* Progress is keyed by module and question ids, never positions; answers to
  questions that no longer exist are kept but ignored by readers, and each
  answer records a hash of the question so an edited question is recognised.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tutor.errors import shown
from tutor.progress import files, review, schema
from tutor.progress.clock import stamp, utc_now
from tutor.progress.faults import StoreError, guarded, retry_busy, store_error
from tutor.progress.outbox import OutboxMixin
from tutor.progress.runs import Run, RunAnswer, RunsMixin, stored_answer

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class LatestAnswer:
    question_id: str
    question_hash: str
    correct: bool
    score: float
    answered_at: str


@dataclass(frozen=True, slots=True)
class ModuleRecord:
    """What the store knows of one learner in one module."""

    module_id: str
    latest: dict[str, LatestAnswer]
    place: str | None
    runs: int
    best_score: float | None
    last_score: float | None
    completed_at: str | None
    reviews_due: int
    #: The most recent run (open or finished) and its answers.
    run: Run | None = None
    run_answers: dict[str, RunAnswer] | None = None

    @property
    def last_seen(self) -> str | None:
        times = [a.answered_at for a in self.latest.values()]
        return max(times) if times else None


@dataclass(frozen=True, slots=True)
class DueReview:
    module_id: str
    question_id: str
    due: str


class Store(RunsMixin, OutboxMixin):
    """A learner-progress database. Open with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notice: str | None = None) -> None:
        self.conn = conn
        self.path = path
        #: One sentence for the user when the old file had to be moved aside.
        self.notice = notice
        self._profile_ids: dict[str, int] = {}

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, strict: bool = True) -> Store:
        """Open (creating, migrating or, if damaged, replacing) the store; StoreError when it cannot be used now.

        ``strict=False`` (for ``tutor doctor``) opens a store whose tables are
        not the expected ones instead of refusing it, so it can be examined.
        """
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(exc, path) from None
        notice = None
        with files.startup_lock(path.with_name(path.name + ".lock")):
            problem = files.diagnose(path, BUSY_TIMEOUT_MS / 1000)
            if problem:
                try:
                    moved = files.move_aside(path)
                except OSError as exc:
                    raise store_error(exc, path) from None
                notice = f"Your progress file could not be used because {problem}; it was moved to {moved} and a new one was started."
            try:
                files.create_private(path)
                conn = retry_busy(lambda: connect(path))
            except (OSError, sqlite3.Error) as exc:
                raise store_error(exc, path) from None
            try:
                _migrate(conn, strict)
                if strict:
                    schema.check(conn)
            except sqlite3.Error as exc:
                conn.close()
                raise store_error(exc, path) from None
            except schema.SchemaMismatch as exc:
                conn.close()
                raise StoreError(f"the progress store {shown(path)} does not have the tables tutor expects: {exc}",
                                 "run 'tutor doctor' to examine it; back the file up before anything else", "schema") from None
            except BaseException:
                conn.close()
                raise
        return cls(conn, path, notice)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE and committed at the end.

        A busy database is waited for (the busy timeout) and retried; after
        that, and for a full disk or a read-only file, a StoreError says what
        is wrong and the transaction is rolled back: what was committed
        before stays, and nothing half-done is kept.
        """
        try:
            retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise store_error(exc, self.path) from None
            raise

    # -- profiles ------------------------------------------------------------
    @guarded
    def profile_id(self, name: str) -> int:
        """The id of a learner's profile, created on first use."""
        if name in self._profile_ids:
            return self._profile_ids[name]
        row = self.conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
        if row is None:
            with self.write() as conn:
                conn.execute("INSERT OR IGNORE INTO profiles(name, created_at) VALUES (?, ?)", (name, stamp(utc_now())))
            row = self.conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
        self._profile_ids[name] = row[0]
        return row[0]

    @guarded
    def find_profile(self, name: str) -> int | None:
        """The id of an existing profile; readers use this so looking never creates one."""
        if name in self._profile_ids:
            return self._profile_ids[name]
        row = self.conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
        if row is not None:
            self._profile_ids[name] = row[0]
        return row[0] if row else None

    @guarded
    def profiles(self) -> list[tuple[str, str, int, str | None]]:
        """(name, created, answers given, last answer) for every learner."""
        return self.conn.execute(
            """SELECT p.name, p.created_at, COUNT(a.id), MAX(a.answered_at)
               FROM profiles p LEFT JOIN attempts a ON a.profile_id = p.id
               GROUP BY p.id ORDER BY p.name"""
        ).fetchall()

    # -- answers -------------------------------------------------------------
    @guarded
    def record_answer(
        self, profile: str, module_id: str, question_id: str, question_hash: str, response: object,
        correct: bool, score: float, seconds: float, mode: str = "lesson", run_id: int | None = None,
        now: datetime | None = None, about=None,
    ) -> tuple[int, bool]:
        """Save one answer, its effect on review and its xAPI statement; commit. Returns (attempt id, newly recorded).

        Within a run an answer is recorded once per question (version): a second
        submission of the same question, from a double key press or a second
        process, returns the first attempt and changes nothing (no second
        statement either). ``about`` (tutor.progress.xapi.Answered: the module
        and question) makes the outbox statement; the session always gives it.
        """
        pid = self.profile_id(profile)
        moment = now or utc_now()
        when = stamp(moment)
        answer = json.dumps(response, ensure_ascii=False)
        if about is not None:
            _ = self.xapi_settings  # a broken config.toml fails here, before anything is written
        with self.write() as conn:
            if run_id is not None:
                row = conn.execute(
                    "SELECT id FROM attempts WHERE run_id = ? AND question_id = ? AND question_hash = ?", (run_id, question_id, question_hash)
                ).fetchone()
                if row is not None:
                    return row[0], False
            attempt = conn.execute(
                """INSERT INTO attempts(profile_id, module_id, question_id, question_hash, answer, correct, score, seconds, answered_at, mode, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (pid, module_id, question_id, question_hash, answer, int(correct), score, seconds, when, mode, run_id),
            ).lastrowid
            conn.execute(
                "INSERT OR REPLACE INTO latest VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (pid, module_id, question_id, attempt, question_hash, int(correct), score, when),
            )
            row = conn.execute(
                "SELECT card FROM reviews WHERE profile_id = ? AND module_id = ? AND question_id = ?", (pid, module_id, question_id)
            ).fetchone()
            scheduled = review.next_card(row[0] if row else None, correct, moment)
            if scheduled is not None:
                conn.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?)", (pid, module_id, question_id, *scheduled))
            if about is not None:
                self._answer_statement(conn, pid, profile, about, response, correct, score, seconds, when, moment, run_id, mode, attempt)
        return attempt, True

    @guarded
    def set_place(self, profile: str, module_id: str, place: str) -> None:
        """Remember where a learner is in a module (a section or question id)."""
        pid = self.profile_id(profile)
        with self.write() as conn:
            self._set_place(conn, pid, module_id, place, stamp(utc_now()))

    @staticmethod
    def _set_place(conn: sqlite3.Connection, pid: int, module_id: str, place: str, when: str) -> None:
        conn.execute("INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)", (pid, module_id, place, when))

    # -- reading -------------------------------------------------------------
    @guarded
    def module_records(self, profile: str, now: datetime | None = None) -> dict[str, ModuleRecord]:
        """Everything known per module for one learner, from the kept-up-to-date tables."""
        pid = self.find_profile(profile)
        if pid is None:
            return {}
        due_before = stamp(now or utc_now())
        latest: dict[str, dict[str, LatestAnswer]] = {}
        for module_id, qid, qhash, correct, score, when in self.conn.execute(
            "SELECT module_id, question_id, question_hash, correct, score, answered_at FROM latest WHERE profile_id = ?", (pid,)
        ):
            latest.setdefault(module_id, {})[qid] = LatestAnswer(qid, qhash, bool(correct), score, when)
        places = dict(self.conn.execute("SELECT module_id, place FROM positions WHERE profile_id = ?", (pid,)).fetchall())
        results = {row[0]: row[1:] for row in self.conn.execute(
            "SELECT module_id, runs, best_score, last_score, completed_at FROM module_results WHERE profile_id = ?", (pid,)
        )}
        due = dict(self.conn.execute(
            "SELECT module_id, COUNT(*) FROM reviews WHERE profile_id = ? AND due <= ? GROUP BY module_id", (pid, due_before)
        ).fetchall())
        current = self.latest_runs(pid)
        records = {}
        for module_id in set(latest) | set(places) | set(results) | set(due) | set(current):
            runs, best, last, completed = results.get(module_id, (0, None, None, None))
            run, answers = current.get(module_id, (None, None))
            records[module_id] = ModuleRecord(
                module_id, latest.get(module_id, {}), places.get(module_id), runs, best, last, completed, due.get(module_id, 0), run, answers
            )
        return records

    @guarded
    def due_reviews(self, profile: str, now: datetime | None = None) -> list[DueReview]:
        pid = self.find_profile(profile)
        if pid is None:
            return []
        rows = self.conn.execute(
            "SELECT module_id, question_id, due FROM reviews WHERE profile_id = ? AND due <= ? ORDER BY due",
            (pid, stamp(now or utc_now())),
        )
        return [DueReview(*row) for row in rows]

    @guarded
    def attempts(self, profile: str, module_id: str | None = None) -> list[dict]:
        """Every answer a learner gave (oldest first), for result files and reports."""
        pid = self.find_profile(profile)
        if pid is None:
            return []
        sql = "SELECT module_id, question_id, question_hash, answer, correct, score, seconds, answered_at, mode FROM attempts WHERE profile_id = ?"
        args: tuple = (pid,)
        if module_id is not None:
            sql += " AND module_id = ?"
            args += (module_id,)
        keys = ("module_id", "question_id", "question_hash", "answer", "correct", "score", "seconds", "answered_at", "mode")
        out = []
        for row in self.conn.execute(sql + " ORDER BY id", args):
            item = dict(zip(keys, row, strict=True))
            item["answer"] = stored_answer(item["answer"])
            item["correct"] = bool(item["correct"])
            out.append(item)
        return out

    # -- settings --------------------------------------------------------------
    @guarded
    def setting(self, profile: str, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE profile_id = ? AND key = ?", (self.find_profile(profile), key)).fetchone()
        return row[0] if row else None

    @guarded
    def set_setting(self, profile: str, key: str, value: str) -> None:
        pid = self.profile_id(profile)
        with self.write() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?, ?)", (pid, key, value))

    # -- maintenance -----------------------------------------------------------
    @guarded
    def reset(self, profile: str, module_id: str | None = None) -> int:
        """Delete a learner's progress (in one module, or all); return answers deleted."""
        pid = self.find_profile(profile)
        if pid is None:
            return 0
        where, args = ("profile_id = ?", (pid,)) if module_id is None else ("profile_id = ? AND module_id = ?", (pid, module_id))
        with self.write() as conn:
            deleted = conn.execute(f"DELETE FROM attempts WHERE {where}", args).rowcount
            for table in ("latest", "positions", "module_results", "reviews", "runs"):
                conn.execute(f"DELETE FROM {table} WHERE {where}", args)
        return deleted

    @guarded
    def legacy_hashes(self) -> set[tuple[str, str, str]]:
        """(module, question, hash) of stored answers whose hash predates versioned identities."""
        return set(self.conn.execute("SELECT DISTINCT module_id, question_id, question_hash FROM latest WHERE question_hash NOT LIKE 'h_:%'"))

    @guarded
    def replace_hashes(self, changes: list[tuple[str, str, str, str]]) -> None:
        """Rewrite stored question hashes: (module, question, old hash, new hash), in one transaction.

        Used once per question when upgrading from tutor 0.1.0's hashes: answers
        to a question that has not changed since are kept as answers to it.
        """
        if not changes:
            return
        with self.write() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS hash_changes (m TEXT, q TEXT, old TEXT, new TEXT, PRIMARY KEY (m, q, old))")
            conn.execute("DELETE FROM hash_changes")
            conn.executemany("INSERT OR REPLACE INTO hash_changes VALUES (?, ?, ?, ?)", changes)
            for table in ("attempts", "latest"):
                same = f"c.m = {table}.module_id AND c.q = {table}.question_id AND c.old = {table}.question_hash"
                conn.execute(
                    f"""UPDATE {table} SET question_hash = (SELECT new FROM hash_changes c WHERE {same})
                        WHERE question_hash NOT LIKE 'h_:%' AND EXISTS (SELECT 1 FROM hash_changes c WHERE {same})"""
                )
            conn.execute("DELETE FROM hash_changes")

    @guarded
    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` lines; ['ok'] when the database is sound."""
        return [row[0] for row in self.conn.execute("PRAGMA integrity_check")]


def _migrate(conn: sqlite3.Connection, strict: bool) -> None:
    """Bring the schema up to date; a migration that finds its tables already there means the file's version lies."""
    try:
        retry_busy(lambda: schema.migrate(conn))
    except sqlite3.OperationalError as exc:
        if not any(word in str(exc) for word in ("already exists", "duplicate column", "no such table", "no such column")):
            raise
        if strict:
            raise schema.SchemaMismatch(f"its schema version ({schema.version(conn)}) does not match its tables ({exc})") from None


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every tutor process must share."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def default_store_path(data_dir: Path) -> Path:
    return data_dir / "progress.db"
