"""Teachers' tools end to end: assignments, student runs writing results, the class report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.functional.app_helpers import answer_by_keys
from tests.functional.terminal import PtyTerminal, wait_exit, wait_for
from tutor.content import models as m
from tutor.session import TutorSession
from tutor.teacher.assignment import load_assignment
from tutor.teacher.report import build_report, item_analysis
from tutor.teacher.results import result_path, safe_name


def tutor(*args: str, cwd, stdin_text: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd, input=stdin_text,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120,
    )


def make_assignment(tmp_path, *extra: str) -> object:
    out = tmp_path / "week.yaml"
    done = tutor("assign", "--title", "Week 3", "--module", "history", "--module", "legal-steps", "--due", "2026-12-01",
                 "--seed", "11", "--pass-mark", "50", "--out", str(out), *extra, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return load_assignment(out)


def test_assignment_by_flags(tmp_path):
    assignment = make_assignment(tmp_path)
    assert assignment.modules == ("history", "legal-steps") and assignment.pass_mark == 50 and assignment.seed == 11
    assert assignment.id == "week-3" and assignment.due.isoformat() == "2026-12-01" and len(assignment.content_hash) == 16
    again = tutor("assign", "--title", "Week 3", "--module", "history", "--due", "2026-12-01", "--out", str(tmp_path / "week.yaml"), cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--module", "histry", "--due", "2026-12-01"], "unknown module id 'histry'; did you mean 'history'?"),
        (["--module", "history", "--due", "1 December"], "is not a date; write it as YYYY-MM-DD"),
        (["--module", "history", "--due", "2026-12-01", "--pass-mark", "101"], "pass mark 101 is out of range"),
        (["--module", "history", "--due", "2026-12-01", "--attempts", "0"], "attempts must be at least 1"),
    ],
)
def test_assignment_errors_are_clear(tmp_path, flags, message):
    out = tutor("assign", "--title", "T", *flags, cwd=tmp_path)
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


def test_assignment_wizard_in_a_terminal(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    term = PtyTerminal([sys.executable, "-m", "tutor", "assign", "--out", str(tmp_path / "wiz.yaml"), "--seed", "3"], env)
    try:
        wait_for(term, "Which modules?")
        term.press(" ", "down", "down", " ", "enter")
        wait_for(term, "Title of the assignment")
        term.press("Motives and law", "enter")
        wait_for(term, "Pass mark")
        term.press("\x7f\x7f", "75", "enter")
        wait_for(term, "Due date")
        term.press(*["\x7f"] * 10, "2027-01-15", "enter")
        wait_for(term, "Attempts allowed")
        term.press("\x7f", "2", "enter")
        wait_for(term, "Shuffle")
        term.press("n")
        wait_for(term, "Students run:")
        wait_exit(term)
    finally:
        term.close()
    made = load_assignment(tmp_path / "wiz.yaml")
    assert made.modules == ("history", "motives") and made.title == "Motives and law"
    assert (made.pass_mark, made.due.isoformat(), made.attempts, made.shuffle) == (75, "2027-01-15", 2, False)


def right_answer_lines(assignment, profile: str, module_id: str) -> list[str]:
    """The piped lines that answer every question of a module rightly, for this learner's order."""
    from tutor.content.library import lesson_folders, load_library

    library = load_library(lesson_folders(None))
    session = TutorSession(library, None, profile, assignment)
    module = library.modules[module_id]
    lines = []
    for q in module.questions:
        shown = session.ordered(module, q)
        if q.type == m.SHORT_ANSWER:
            lines.append(q.accept[0])
        elif q.type == m.ORDERING:
            lines.append(" ".join(str([o.id for o in shown].index(i) + 1) for i in q.correct))
        elif q.type == m.MATCHING:
            right = [o.id for o in session.right_column(module, q)]
            pairs = dict(q.pairs)
            lines.append(" ".join("abcdefgh"[right.index(pairs[o.id])] for o in shown))
        else:
            lines.append(",".join(str(i + 1) for i, o in enumerate(shown) if o.id in q.correct))
    return lines


def test_student_in_plain_mode_writes_a_private_result(tmp_path):
    assignment = make_assignment(tmp_path)
    home = {"TUTOR_HOME": str(tmp_path / "home")}
    lines = right_answer_lines(assignment, "ann", "history")
    run = tutor("--profile", "ann", "quiz", "history", "--plain", "--assignment", str(tmp_path / "week.yaml"), "--out", "results",
                cwd=tmp_path, stdin_text="\n".join(lines) + "\n", env=home)
    assert run.returncode == 0, run.stderr
    assert "End of Russia, Afghanistan and the Taliban" in run.stdout and "12 of 12 right" in run.stdout
    path = result_path(tmp_path / "results", assignment.id, "ann")
    assert path.exists() and path.stat().st_mode & 0o777 == 0o600
    result = json.loads(path.read_text())
    history = result["modules"]["history"]
    assert history["score"] == 1.0 and history["passed"] and history["attempts_used"] == 1 and not history["late"]
    assert len(history["questions"]) == 12 and result["assignment"]["content_hash"] == assignment.content_hash
    assert not result["finished"]  # legal-steps is not done yet
    # the same store resumes in either mode: the app now shows history finished
    status = tutor("--profile", "ann", "progress", "--json", cwd=tmp_path, env=home)
    assert {x["module_id"]: x["done"] for x in json.loads(status.stdout)["modules"]}["history"] == 12


def test_plain_mode_without_terminal_or_answers_says_so(tmp_path):
    out = tutor("start", "--plain", cwd=tmp_path, stdin_text="", env={"TUTOR_HOME": str(tmp_path / "home")})
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "no terminal is attached" in out.stderr


def test_plain_mode_interactive_in_a_terminal(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    term = PtyTerminal([sys.executable, "-m", "tutor", "--profile", "ann", "quiz", "legal-steps", "--plain"], env)
    try:
        wait_for(term, "Question 1 of 11")
        term.press("Northern", "enter")  # wrong on purpose
        wait_for(term, "Not quite.")
        screen = wait_for(term, "Where this comes from")
        assert "A Global Recalibration" in screen and "2003" in screen
        term.press("\x03")
        time.sleep(0.5)
    finally:
        term.close()


async def test_student_in_the_app_writes_a_result(tmp_path):
    assignment = make_assignment(tmp_path)
    from tutor.ui.factory import make_app
    from tutor.ui.screens.quiz import QuizScreen

    app = make_app(tmp_path / "home", (), "bo", assignment=assignment, results_dir=tmp_path / "results")
    module = app.session.module("legal-steps")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#modules")
        assert options.option_count == 2  # only the assigned modules
        await app.push_screen(QuizScreen.for_module(module, start_at=module.questions[-1].id))
        await pilot.pause()
        await answer_by_keys(pilot, module, module.questions[-1], True)
        await pilot.press("n")
        await pilot.pause()
    result = json.loads(result_path(tmp_path / "results", assignment.id, "bo").read_text())
    assert result["modules"]["legal-steps"]["attempts_used"] == 1
    assert result["modules"]["legal-steps"]["questions"][module.questions[-1].id]["correct"] is True


def test_file_names_never_leave_the_folder():
    for hostile in ("../../etc/passwd", "/abs", ".hidden", "a/b\\c", "..", ""):
        name = safe_name(hostile)
        assert "/" not in name and "\\" not in name and not name.startswith(".") and name


def test_report_over_good_broken_foreign_duplicate_and_tampered_files(tmp_path, shipped_library):
    assignment = make_assignment(tmp_path)
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = []
    for name, right in (("ann", True), ("=HYPERLINK(\"x\")", False), ("cy", True)):
        session = TutorSession(shipped_library, None, name, assignment)
        result = fake_result(session, assignment, shipped_library, right)
        path = folder / f"{safe_name(name)}.json"
        path.write_text(json.dumps(result))
        good.append(path)
    (folder / "notes.json").write_text('{"hello": 1}')
    (folder / "truncated.json").write_text(good[0].read_text()[:200])
    foreign = json.loads(good[0].read_text())
    foreign["assignment"]["id"] = "another-week"
    (folder / "foreign.json").write_text(json.dumps(foreign))
    (folder / "copy-of-ann.json").write_text(good[0].read_text())
    tampered = json.loads(good[2].read_text())
    tampered["student"] = "dee"
    tampered["lessons_hash"] = "0" * 16
    (folder / "tampered.json").write_text(json.dumps(tampered))

    report = build_report([folder], assignment)
    assert sorted(report.results) == ["=HYPERLINK(\"x\")", "ann", "cy"]
    reasons = {os.path.basename(r.path): r.reason for r in report.rejected}
    assert reasons["notes.json"] == "it is not a tutor result file"
    assert reasons["truncated.json"].startswith("it is broken or truncated (JSON error at line")
    assert "belongs to assignment 'another-week'" in reasons["foreign.json"]
    assert "content hash differs" in reasons["tampered.json"]
    assert "already has a result" in (reasons.get("copy-of-ann.json") or reasons.get("ann.json"))
    items = item_analysis(report, shipped_library.modules)
    assert items and items[0]["missed"] == 1 and items[0]["prompt"]

    csv_path = tmp_path / "grades.csv"
    out = tutor("report", str(folder), "--assignment", str(tmp_path / "week.yaml"), "--csv", str(csv_path), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Most-missed questions" in out.stdout and "Files left out" in out.stderr
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["student", "overall score %", "passed", "late"]
    by_student = {row[0]: row for row in rows[1:]}
    assert "'=HYPERLINK(\"x\")" in by_student and "=HYPERLINK(\"x\")" not in by_student
    assert by_student["ann"][1] == "100" and by_student["ann"][2] == "True"
    assert by_student["'=HYPERLINK(\"x\")"][1] == "0"
    assert by_student["class average"][1] == "67"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def scripted_response(q: m.Question, right: bool) -> object:
    """A response to any question type, right or wrong."""
    if q.type == m.SHORT_ANSWER:
        return q.accept[0] if right else "no idea"
    if q.type == m.ORDERING:
        return list(q.correct) if right else list(reversed(q.correct))
    if q.type == m.MATCHING:
        shift = 0 if right else 1
        return [[left, q.pairs[(i + shift) % len(q.pairs)][1]] for i, (left, _r) in enumerate(q.pairs)]
    if right:
        return list(q.correct)
    return [next(o.id for o in q.options if o.id not in q.correct)]


def fake_result(session, assignment, library, right: bool) -> dict:
    """A result file as build_result makes it, from answers given through a throwaway store."""
    import tempfile
    from pathlib import Path

    from tutor.progress.store import Store
    from tutor.teacher.results import build_result

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "p.db") as store:
        session.store = store
        for module_id in assignment.modules:
            module = library.modules[module_id]
            for q in module.questions:
                session.answer(module, q, scripted_response(q, right), 1.0)
            store.complete_module(session.profile, module_id, 1.0 if right else 0.0)
        return build_result(store, session.profile, assignment, [library.modules[x] for x in assignment.modules])
