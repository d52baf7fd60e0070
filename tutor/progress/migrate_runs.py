"""Migration 4: runs. A run is one pass through a module's quiz.

Scores, attempt limits, resuming and lateness are all about runs: a run's
score counts every answer given in it, whatever the sitting; an assignment
counts the runs started under it; resuming continues the open run; a module
is on time if a run under the assignment finished by the due date.

tutor 0.1.0 kept no runs, only a count of completions (``module_results``)
and where each learner stood (``positions``). This migration rebuilds runs
from those without losing a number: one finished run per recorded
completion (the last with the last score, the others with the best, so
best, last and count are exactly as they were), the latest lesson answers
attached to the run they belong to, and an open run where a learner was
part-way through. Such runs have no assignment recorded (``assignment_id``
NULL) and count for every assignment, as completions did in 0.1.0.
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    assignment_id TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    score REAL
);
CREATE INDEX runs_by_module ON runs(profile_id, module_id, id);
ALTER TABLE attempts ADD COLUMN run_id INTEGER REFERENCES runs(id);
CREATE UNIQUE INDEX attempts_once_per_run ON attempts(run_id, question_id, question_hash) WHERE run_id IS NOT NULL
"""


def migrate(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        conn.execute(statement)
    places = {(p, m): place for p, m, place in conn.execute("SELECT profile_id, module_id, place FROM positions")}
    results = {
        (p, m): rest for p, m, *rest in conn.execute("SELECT profile_id, module_id, runs, best_score, last_score, completed_at FROM module_results")
    }
    answers: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for profile_id, module_id, attempt_id, answered_at in conn.execute(
        "SELECT l.profile_id, l.module_id, l.attempt_id, l.answered_at FROM latest l JOIN attempts a ON a.id = l.attempt_id WHERE a.mode = 'lesson'"
    ):
        answers.setdefault((profile_id, module_id), []).append((attempt_id, answered_at))
    for key in sorted(set(places) | set(results) | set(answers)):
        profile_id, module_id = key
        count, best, last, completed_at = results.get(key, (0, None, None, None))
        given = answers.get(key, [])
        last_run = None
        for number in range(count):
            score = last if number == count - 1 else best
            last_run = conn.execute(
                "INSERT INTO runs(profile_id, module_id, assignment_id, started_at, finished_at, score) VALUES (?, ?, NULL, ?, ?, ?)",
                (profile_id, module_id, completed_at, completed_at, score),
            ).lastrowid
        done = places.get(key) == "done" and last_run is not None
        before = [a for a, when in given if last_run is not None and completed_at and when <= completed_at]
        after = [a for a, when in given if a not in before]
        if done:
            before, after = before + after, []
        if last_run is not None and before:
            conn.executemany("UPDATE attempts SET run_id = ? WHERE id = ?", [(last_run, a) for a in before])
        if not done and (after or (places.get(key) or "").startswith("question")):
            started = min((when for a, when in given if a in after), default=None) or completed_at or "1970-01-01T00:00:00.000000+00:00"
            open_run = conn.execute(
                "INSERT INTO runs(profile_id, module_id, assignment_id, started_at) VALUES (?, ?, NULL, ?)", (profile_id, module_id, started)
            ).lastrowid
            conn.executemany("UPDATE attempts SET run_id = ? WHERE id = ?", [(open_run, a) for a in after])
