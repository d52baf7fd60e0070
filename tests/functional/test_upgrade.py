"""A learner and a teacher upgrading from tutor 0.1.0 find everything: answers, reviews, scores, files.

The fixtures in tests/fixtures/upgrade were written by tutor 0.1.0 (see make_fixtures.py there).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import FIXTURE_ARGS, FIXTURES, LESSONS, ROOT
from tutor.session import open_session
from tutor.teacher.assignment import load_assignment

UPGRADE = FIXTURES / "upgrade"


@pytest.fixture
def old(tmp_path):
    copy = tmp_path / "upgrade"
    shutil.copytree(UPGRADE, copy)
    return copy


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_progress_reviews_and_scores_survive_the_upgrade(old):
    db = old / "home" / "progress.db"
    reviews_before = rows(db, "SELECT profile_id, module_id, question_id, card, due FROM reviews ORDER BY 1, 2, 3")
    answers_before = rows(db, "SELECT id, module_id, question_id, answer, correct, score, answered_at FROM attempts ORDER BY id")
    session = open_session(old / "home", [LESSONS], "Ana", shipped=False)
    try:
        progress = session.progress()
        basics, sources = progress["bridge-basics"], progress["bridge-sources"]
        assert (basics.done, basics.changed, basics.completed, basics.runs, basics.score, basics.best) == (4, 0, True, 1, 0.5, 0.5)
        assert (sources.done, sources.changed, sources.run_open, sources.score) == (2, 0, True, 0.5)
        run = session.resume_run(session.module("bridge-sources"))
        assert run is not None and session.module("bridge-sources").questions[run.next_index()].id == "who-says-too-long"
        assert [(r.module.id, r.question.id) for r in session.reviews_due()] == [
            ("bridge-basics", "who-says-cost"), ("bridge-basics", "cyclists-only")
        ]
    finally:
        session.store.close()
    assert rows(db, "SELECT profile_id, module_id, question_id, card, due FROM reviews ORDER BY 1, 2, 3") == reviews_before
    assert rows(db, "SELECT id, module_id, question_id, answer, correct, score, answered_at FROM attempts ORDER BY id") == answers_before
    assert all(h.startswith("h1:") for (h,) in rows(db, "SELECT question_hash FROM attempts"))
    other = open_session(old / "home", [LESSONS], "Björn", shipped=False)
    try:
        assert other.progress()["bridge-basics"].done == 1
    finally:
        other.store.close()


def test_the_old_assignment_and_result_file_still_work(old, tmp_path):
    env = {**os.environ, "TUTOR_HOME": str(old / "home")}

    def tutor(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "tutor", *FIXTURE_ARGS, *args], capture_output=True, text=True, cwd=old, env=env,
                              input=stdin, timeout=60)

    assignment = load_assignment(old / "bridge-homework.assignment.yaml")
    assert assignment.attempts == 2 and len(assignment.content_hash) == 16  # a 0.1.0 hash
    report = tutor("report", "results", "--assignment", "bridge-homework.assignment.yaml", "--json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["students"]["Ana"]["score"] == 0.25 and data["students"]["Ana"]["modules"]["bridge-basics"]["score"] == 0.5
    assert data["rejected"] == []
    # Ana resumes her unfinished module under the assignment, in plain mode, without any warning about changed lessons
    session = open_session(old / "home", [LESSONS], "Ana", assignment, shipped=False)
    module = session.module("bridge-sources")
    arranged = session.arrange(module, module.question("who-says-too-long"))
    right = str([o.id for o in arranged.shown].index("river-opinion") + 1)
    evidence = [o.id for o in session.arrange(module, module.question("evidence-shops")).shown]
    session.store.close()
    done = tutor("--profile", "Ana", "quiz", "bridge-sources", "--plain", "--assignment", "bridge-homework.assignment.yaml", "--out", "new",
                 stdin=f"{right}\n{evidence.index('shops') + 1}\n")
    assert done.returncode == 0, done.stderr
    assert "differ" not in done.stderr and "Resuming Reading the bridge sources (module bridge-sources) at question 3 of 4" in done.stdout
    assert "Score for this run: 100% (4 of 4 right)" in done.stdout
    [written] = (old / "new").glob("*.json")
    result = json.loads(written.read_text())
    assert result["lessons_hash"] == assignment.content_hash  # written in the assignment's own hash version
    assert result["modules"]["bridge-basics"]["score"] == 0.5 and result["modules"]["bridge-basics"]["attempts_used"] == 1
    assert result["modules"]["bridge-sources"]["score"] == 1.0 and result["finished"]
    both = tutor("report", "results", "new", "--assignment", "bridge-homework.assignment.yaml", "--json")
    assert json.loads(both.stdout)["rejected"][0]["reason"].startswith("student 'Ana' already has a result")
    assert (ROOT / "tests" / "fixtures" / "upgrade" / "home" / "progress.db").exists()  # the fixture itself is never touched
