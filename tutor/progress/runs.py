"""Runs in the store: start or resume one, read its answers, finish it.

A run is one pass through a module's quiz (see migrate_runs for why). The
store keeps the facts; :mod:`tutor.session` decides what they mean (the
attempt limit, the score, lateness). Every write here is one BEGIN IMMEDIATE
transaction, so two processes for one learner cannot start two runs or
record one answer twice.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from tutor.progress.clock import stamp, utc_now
from tutor.progress.faults import guarded


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    module_id: str
    #: The assignment it was started under; "" for none; None for runs from tutor 0.1.0 (count for all).
    assignment_id: str | None
    started_at: str
    finished_at: str | None
    score: float | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def counts_for(self, assignment_id: str) -> bool:
        return self.assignment_id is None or self.assignment_id == assignment_id


@dataclass(frozen=True, slots=True)
class RunAnswer:
    """One question's answer within a run."""

    attempt_id: int
    question_id: str
    question_hash: str
    response: object
    correct: bool
    score: float
    answered_at: str


_RUN_COLUMNS = "id, module_id, assignment_id, started_at, finished_at, score"


def stored_answer(text: str) -> object:
    """A stored response, or None if the row was damaged or edited into something that is not JSON (doctor reports those)."""
    try:
        return json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None


class RunsMixin:
    """Run methods of :class:`tutor.progress.store.Store` (kept apart to keep each file small)."""

    conn: sqlite3.Connection

    @guarded
    def runs(self, profile: str, module_id: str | None = None) -> list[Run]:
        """A learner's runs, oldest first (in one module, or all)."""
        pid = self.find_profile(profile)  # type: ignore[attr-defined]
        if pid is None:
            return []
        sql, args = f"SELECT {_RUN_COLUMNS} FROM runs WHERE profile_id = ?", [pid]
        if module_id is not None:
            sql += " AND module_id = ?"
            args.append(module_id)
        return [Run(*row) for row in self.conn.execute(sql + " ORDER BY id", args)]

    @guarded
    def open_run(self, profile: str, module_id: str) -> Run | None:
        """The unfinished run of a module, if the learner has one."""
        open_runs = [r for r in self.runs(profile, module_id) if not r.finished]
        return open_runs[-1] if open_runs else None

    @guarded
    def start_run(self, profile: str, module_id: str, assignment_id: str, now: datetime | None = None, limit: int | None = None) -> Run | None:
        """Resume the open run or start one; None if ``limit`` runs for the assignment exist already.

        Checked and created in one transaction, so two processes cannot both
        start the last allowed run.
        """
        pid = self.profile_id(profile)  # type: ignore[attr-defined]
        with self.write() as conn:  # type: ignore[attr-defined]
            rows = [Run(*r) for r in conn.execute(
                f"SELECT {_RUN_COLUMNS} FROM runs WHERE profile_id = ? AND module_id = ? ORDER BY id", (pid, module_id)
            )]
            open_runs = [r for r in rows if not r.finished]
            if open_runs:
                return open_runs[-1]
            if limit is not None and sum(r.counts_for(assignment_id) for r in rows) >= limit:
                return None
            when = stamp(now or utc_now())
            run_id = conn.execute(
                "INSERT INTO runs(profile_id, module_id, assignment_id, started_at) VALUES (?, ?, ?, ?)", (pid, module_id, assignment_id, when)
            ).lastrowid
        return Run(run_id, module_id, assignment_id, when, None, None)

    @guarded
    def run_answers(self, run_id: int) -> dict[str, RunAnswer]:
        """The answers recorded in a run, by question id (one per question version)."""
        found: dict[str, RunAnswer] = {}
        for row in self.conn.execute(
            "SELECT id, question_id, question_hash, answer, correct, score, answered_at FROM attempts WHERE run_id = ? ORDER BY id", (run_id,)
        ):
            attempt_id, qid, qhash, answer, correct, score, when = row
            found[qid] = RunAnswer(attempt_id, qid, qhash, stored_answer(answer), bool(correct), score, when)
        return found

    @guarded
    def finish_run(self, profile: str, run_id: int, score: float, now: datetime | None = None, about=None) -> bool:
        """Close a run with its score; False (and nothing changed) if it was finished already.

        ``about`` (tutor.progress.xapi.Finished) adds the run's "completed" and
        "passed" or "failed" statements to the outbox in the same transaction.
        """
        pid = self.profile_id(profile)  # type: ignore[attr-defined]
        when = stamp(now or utc_now())
        with self.write() as conn:  # type: ignore[attr-defined]
            row = conn.execute("SELECT module_id, finished_at FROM runs WHERE id = ? AND profile_id = ?", (run_id, pid)).fetchone()
            if row is None or row[1] is not None:
                return False
            module_id = row[0]
            conn.execute("UPDATE runs SET finished_at = ?, score = ? WHERE id = ?", (when, score, run_id))
            conn.execute(
                """INSERT INTO module_results VALUES (?, ?, 1, ?, ?, ?)
                   ON CONFLICT(profile_id, module_id) DO UPDATE SET
                     runs = runs + 1, best_score = MAX(COALESCE(best_score, 0), excluded.best_score),
                     last_score = excluded.last_score, completed_at = excluded.completed_at""",
                (pid, module_id, score, score, when),
            )
            conn.execute("INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)", (pid, module_id, "done", when))
            if about is not None:
                self._finish_statements(conn, pid, profile, about, score, when, run_id)  # type: ignore[attr-defined]
        return True

    @guarded
    def latest_runs(self, pid: int) -> dict[str, tuple[Run, dict[str, RunAnswer]]]:
        """Per module, the learner's most recent run and its answers (for summaries)."""
        latest: dict[str, Run] = {}
        for row in self.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE id IN (SELECT MAX(id) FROM runs WHERE profile_id = ? GROUP BY module_id)", (pid,)
        ):
            latest[row[1]] = Run(*row)
        return {module_id: (run, self.run_answers(run.id)) for module_id, run in latest.items()}
