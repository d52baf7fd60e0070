"""The xAPI outbox: statements waiting for (or already accepted by) a Learning Record Store.

A statement row is written in the same transaction as the answer or the
finished run it describes (see Store.record_answer and finish_run), so an
answer is never saved without its statement nor the other way round.
``tutor sync`` reads pending rows in id order, posts them, and marks them
sent only after the LRS has accepted them; anything else leaves them
pending for the next sync. Answers recorded before this table existed
(tutor 0.1.0 and the first store versions) have no statement.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tutor.progress.clock import local_day, stamp, utc_now

SCHEMA = """
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    statement TEXT NOT NULL,
    sent_at TEXT
);
CREATE TABLE outbox_sent_through (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    id INTEGER NOT NULL
);
INSERT INTO outbox_sent_through VALUES (1, 0)
"""


class OutboxMixin:
    """Outbox methods of :class:`tutor.progress.store.Store`."""

    conn: sqlite3.Connection
    path: object

    @property
    def xapi_settings(self):
        """The xAPI settings of this store's data folder, read once (tutor.progress.xapi.Settings)."""
        settings = getattr(self, "_xapi_settings", None)
        if settings is None:
            from tutor.progress.xapi import Settings

            settings = self._xapi_settings = Settings.load(self.path.parent)  # type: ignore[attr-defined]
        return settings

    def _add_statements(self, conn: sqlite3.Connection, pid: int, statements: list[dict], attempt_id: int | None, run_id: int | None) -> None:
        from tutor.progress.xapi import encode

        conn.executemany("INSERT INTO outbox(profile_id, statement) VALUES (?, ?)", [(pid, encode(s)) for s in statements])

    def _answer_statement(self, conn, pid, profile, about, response, correct, score, seconds, when, moment: datetime, run_id, mode, attempt):
        from tutor.progress import xapi

        settings = self.xapi_settings
        run = self._registration(conn, settings, profile, run_id)
        statement = xapi.answered(settings, profile, about, response, correct, score, seconds, when, run, mode, xapi.local_date(moment))
        self._add_statements(conn, pid, [statement], attempt, run_id)

    def _finish_statements(self, conn, pid, profile, about, score, when, run_id) -> None:
        from tutor.progress import xapi

        settings = self.xapi_settings
        run = self._registration(conn, settings, profile, run_id)
        statements = xapi.finished(settings, profile, about, score, when, run or "", local_day(when).isoformat())
        self._add_statements(conn, pid, statements, None, run_id)

    @staticmethod
    def _registration(conn, settings, profile: str, run_id: int | None) -> str | None:
        from tutor.progress.xapi import registration

        if run_id is None:
            return None
        row = conn.execute("SELECT started_at FROM runs WHERE id = ?", (run_id,)).fetchone()
        return registration(settings, profile, run_id, row[0]) if row else None

    # -- reading and marking ---------------------------------------------------
    # The answer path adds no index (each costs a page write per answer); instead
    # outbox_sent_through remembers the id below which every row is sent, so a
    # sync never rescans a year of sent statements.
    def _sent_through(self) -> int:
        return self.conn.execute("SELECT id FROM outbox_sent_through").fetchone()[0]

    def pending_statements(self, limit: int, after: int = 0) -> list[tuple[int, str]]:
        """Up to ``limit`` unsent (row id, statement JSON) with ids above ``after``, oldest first, every profile."""
        return self.conn.execute(
            "SELECT id, statement FROM outbox WHERE sent_at IS NULL AND id > ? ORDER BY id LIMIT ?", (max(after, self._sent_through()), limit)
        ).fetchall()

    def pending_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND id > ?", (self._sent_through(),)).fetchone()[0]

    def mark_sent(self, row_ids: list[int], now: datetime | None = None) -> None:
        """Record that the LRS accepted these rows (call only after it has).

        Committed without waiting for the disk (synchronous=NORMAL): a mark
        lost to a power cut only means the statements are sent again, which
        the LRS ignores (same ids). Answers keep the store's full durability.
        """
        when = stamp(now or utc_now())
        previous = int(self.conn.execute("PRAGMA synchronous").fetchone()[0])
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self._mark(row_ids, when)
        finally:
            self.conn.execute(f"PRAGMA synchronous = {previous}")

    def _mark(self, row_ids: list[int], when: str) -> None:
        with self.write() as conn:  # type: ignore[attr-defined]
            conn.executemany("UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL", [(when, r) for r in row_ids])
            through = conn.execute("SELECT id FROM outbox_sent_through").fetchone()[0]
            first_unsent = conn.execute("SELECT MIN(id) FROM outbox WHERE sent_at IS NULL AND id > ?", (through,)).fetchone()[0]
            last = conn.execute("SELECT MAX(id) FROM outbox").fetchone()[0] or 0
            conn.execute("UPDATE outbox_sent_through SET id = ?", ((first_unsent - 1) if first_unsent is not None else last,))

    def mark_unsent(self) -> None:
        """Send everything again on the next sync (to an LRS that lost what it had, say)."""
        with self.write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE outbox SET sent_at = NULL")
            conn.execute("UPDATE outbox_sent_through SET id = 0")

    def statements(self, profile: str) -> list[str]:
        """Every statement of one learner (sent or not), oldest first, as JSON text."""
        pid = self.find_profile(profile)  # type: ignore[attr-defined]
        if pid is None:
            return []
        return [row[0] for row in self.conn.execute("SELECT statement FROM outbox WHERE profile_id = ? ORDER BY id", (pid,))]
