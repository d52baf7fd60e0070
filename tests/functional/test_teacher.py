"""Teachers' tools end to end: assignments, student runs writing results, the class report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import FIXTURE_ARGS, LESSONS, ROOT
from tests.functional.app_helpers import answer_by_keys, build
from tests.functional.plain_helpers import right_answer_lines
from tests.functional.terminal import PtyTerminal, wait_exit, wait_for
from tutor.kinds import model_answer, wrong_answer
from tutor.session import open_session
from tutor.session.assignments import build_result
from tutor.teacher.assignment import load_assignment
from tutor.teacher.report import build_report, item_analysis
from tutor.teacher.results import encode, result_path


def tutor(*args: str, cwd, stdin_text: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *FIXTURE_ARGS, *args], capture_output=True, text=True, cwd=cwd, input=stdin_text,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120,
    )


def make_assignment(tmp_path, *extra: str) -> object:
    out = tmp_path / "week.yaml"
    done = tutor("assign", "--title", "Week 3", "--module", "bridge-basics", "--module", "bridge-sources", "--due", "2026-12-01",
                 "--seed", "11", "--pass-mark", "50", "--out", str(out), *extra, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return load_assignment(out)


def test_assignment_by_flags(tmp_path):
    assignment = make_assignment(tmp_path)
    assert assignment.modules == ("bridge-basics", "bridge-sources") and assignment.pass_mark == 50 and assignment.seed == 11
    assert assignment.id == "week-3" and assignment.due.isoformat() == "2026-12-01" and assignment.content_hash.startswith("h1:")
    again = tutor("assign", "--title", "Week 3", "--module", "bridge-basics", "--due", "2026-12-01", "--out", str(tmp_path / "week.yaml"),
                  cwd=tmp_path)
    assert again.returncode == 1 and "exists" in again.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--module", "bridge-basic", "--due", "2026-12-01"], "unknown module id 'bridge-basic'; did you mean 'bridge-basics'?"),
        (["--module", "bridge-basics", "--due", "1 December"], "is not a date; write it as YYYY-MM-DD"),
        (["--module", "bridge-basics", "--due", "2026-12-01", "--pass-mark", "101"], "pass mark 101 is out of range"),
        (["--module", "bridge-basics", "--due", "2026-12-01", "--attempts", "0"], "attempts must be at least 1"),
    ],
)
def test_assignment_errors_are_clear(tmp_path, flags, message):
    out = tutor("assign", "--title", "T", *flags, cwd=tmp_path)
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr


def test_assignment_wizard_in_a_terminal(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    term = PtyTerminal([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "assign", "--out", str(tmp_path / "wiz.yaml"), "--seed", "3"], env)
    try:
        wait_for(term, "Which modules?")
        term.press(" ", "down", " ", "enter")
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
    assert made.modules == ("bridge-basics", "bridge-sources") and made.title == "Motives and law"
    assert (made.pass_mark, made.due.isoformat(), made.attempts, made.shuffle) == (75, "2027-01-15", 2, False)


def test_student_in_plain_mode_writes_a_private_result(tmp_path):
    assignment = make_assignment(tmp_path)
    home = {"TUTOR_HOME": str(tmp_path / "home")}
    lines = right_answer_lines(tmp_path, assignment, "ann", "bridge-basics")
    run = tutor("--profile", "ann", "quiz", "bridge-basics", "--plain", "--assignment", str(tmp_path / "week.yaml"), "--out", "results",
                cwd=tmp_path, stdin_text="\n".join(lines) + "\n", env=home)
    assert run.returncode == 0, run.stderr
    assert "End of The bridge reopens (module bridge-basics).\nScore for this run: 100% (4 of 4 right)." in run.stdout
    path = result_path(tmp_path / "results", assignment.id, "ann")
    assert path.exists() and path.stat().st_mode & 0o777 == 0o600
    result = json.loads(path.read_text())
    basics = result["modules"]["bridge-basics"]
    assert basics["score"] == 1.0 and basics["passed"] and basics["attempts_used"] == 1 and not basics["late"]
    assert len(basics["questions"]) == 4 and result["assignment"]["content_hash"] == assignment.content_hash
    assert result["format_version"] == 2 and not result["finished"]  # bridge-sources is not done yet
    status = tutor("--profile", "ann", "progress", "--json", cwd=tmp_path, env=home)
    assert {x["module_id"]: x["done"] for x in json.loads(status.stdout)["modules"]}["bridge-basics"] == 4


def test_the_attempt_limit_holds_in_plain_mode_quiz_and_start(tmp_path):
    """B4: one rule, in the session, refused the same way by every front end."""
    assignment = make_assignment(tmp_path, "--attempts", "1")
    home = {"TUTOR_HOME": str(tmp_path / "home")}
    week = str(tmp_path / "week.yaml")
    lines = "\n".join(right_answer_lines(tmp_path, assignment, "ann", "bridge-basics")) + "\n"
    first = tutor("--profile", "ann", "quiz", "bridge-basics", "--plain", "--assignment", week, cwd=tmp_path, stdin_text=lines, env=home)
    assert first.returncode == 0, first.stderr
    again = tutor("--profile", "ann", "quiz", "bridge-basics", "--plain", "--assignment", week, cwd=tmp_path, stdin_text=lines, env=home)
    assert again.returncode == 1
    assert "tutor: The bridge reopens: you have used the 1 attempt the assignment allows for this module" in again.stderr
    via_start = tutor("--profile", "ann", "start", "--plain", "--assignment", week, cwd=tmp_path, stdin_text="1\n" + lines, env=home)
    assert via_start.returncode == 1 and "you have used the 1 attempt" in via_start.stderr
    other = tutor("--profile", "bo", "start", "--plain", "--assignment", week, cwd=tmp_path, stdin_text="1\n" + lines, env=home)
    assert other.returncode == 0, other.stderr  # another learner has their own attempts


async def test_the_attempt_limit_holds_in_the_app(tmp_path, library):
    assignment = make_assignment(tmp_path, "--attempts", "1")
    app = build(tmp_path, "bo", assignment=assignment, results_dir=tmp_path / "results")
    module = app.session.module("bridge-basics")
    run = app.session.start_run(module)
    for q in module.questions:
        app.session.answer(run, q, model_answer(q), 1.0)
    app.session.finish(run)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "0 attempts left" in str(app.screen.query_one("#modules").get_option_at_index(0).prompt)
        app.start_quiz(module)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"
        assert any("you have used the 1 attempt" in str(n.message) for n in app._notifications)


def test_plain_mode_without_terminal_or_answers_says_so(tmp_path):
    out = tutor("start", "--plain", cwd=tmp_path, stdin_text="", env={"TUTOR_HOME": str(tmp_path / "home")})
    assert out.returncode == 1 and out.stderr.count("\n") == 2 and "no terminal is attached" in out.stderr


def test_plain_mode_interactive_in_a_terminal(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    term = PtyTerminal([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-sources", "--plain"], env)
    try:
        wait_for(term, "Question 1 of 4")
        term.press("x", "enter")  # nonsense: asked again
        wait_for(term, "Try again")
        term.press("a b c", "enter")
        screen = wait_for(term, "Where this comes from")
        assert "The Old Bridge Reopens" in screen and "campaign group" in screen
        term.press("\x03")
        time.sleep(0.5)
    finally:
        term.close()


async def test_student_in_the_app_writes_a_result(tmp_path):
    assignment = make_assignment(tmp_path)
    from tutor.ui.screens.quiz import QuizScreen

    app = build(tmp_path, "bo", assignment=assignment, results_dir=tmp_path / "results")
    module = app.session.module("bridge-sources")
    run = app.session.start_run(module)
    for q in module.questions[:-1]:
        app.session.answer(run, q, model_answer(q), 1.0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#modules")
        assert options.option_count == 2  # only the assigned modules
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.index == len(module.questions) - 1
        await answer_by_keys(pilot, module, module.questions[-1], True)
        await pilot.press("n")
        await pilot.pause()
    result = json.loads(result_path(tmp_path / "results", assignment.id, "bo").read_text())
    assert result["modules"]["bridge-sources"]["attempts_used"] == 1 and result["modules"]["bridge-sources"]["score"] == 1.0
    assert result["modules"]["bridge-sources"]["questions"][module.questions[-1].id]["correct"] is True


def test_result_file_names_never_leave_the_folder_and_never_collide(tmp_path):
    names = ["../../etc/passwd", "/abs", ".hidden", "a/b\\c", "..", "Jürgen", "Jörgen", "王芳", "李娜", "ann", "Ann"]
    paths = [result_path(tmp_path, "week", name) for name in names]
    assert len(set(paths)) == len(names)
    for path in paths:
        assert path.parent == tmp_path and not path.name.startswith(".") and path.name.endswith(".json")


def test_report_over_good_broken_foreign_duplicate_and_tampered_files(tmp_path, library):
    assignment = make_assignment(tmp_path)
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = []
    for name, right in (("ann", True), ("=HYPERLINK(\"x\")", False), ("cy", True)):
        path = folder / result_path(folder, assignment.id, name).name
        path.write_bytes(fake_result(tmp_path / name.replace("/", "_"), name, assignment, right))
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
    assert any("student 'ann' already has a result" in reason for reason in reasons.values())
    items = item_analysis(report, library.modules)
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
    assert by_student["'=HYPERLINK(\"x\")"][1] == "4"  # all wrong, but the reversed order keeps its middle item: partial credit
    assert by_student["class average"][1] == "68"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def scripted_response(q, right: bool) -> object:
    """A response to any question kind, right or wrong."""
    return model_answer(q) if right else wrong_answer(q)


def fake_result(folder, student: str, assignment, right: bool) -> bytes:
    """A result file's bytes as a student's tutor writes it, from answers given in a throwaway store."""
    session = open_session(folder, [LESSONS], student if "=" not in student else None, assignment, folder / "results", shipped=False)
    session.profile = student  # a hostile name the profile rule would refuse, to test the report's CSV
    try:
        for module in session.modules:
            run = session.start_run(module)
            for q in module.questions:
                session.answer(run, q, scripted_response(q, right), 1.0)
            session.finish(run)
        return encode(build_result(session.store, student, assignment, session.modules))
    finally:
        session.store.close()


@pytest.mark.parametrize("at", ["modules", "title", "shuffle"])
def test_ctrl_d_in_the_wizard_cancels_cleanly(tmp_path, at):
    """F23: Ctrl+D at any prompt (a checkbox and a yes/no question ignore it by themselves; a text prompt raised EOFError)."""
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    term = PtyTerminal([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "assign", "--out", str(tmp_path / "wiz.yaml"), "--seed", "3"], env)
    try:
        wait_for(term, "Which modules?")
        if at != "modules":
            term.press(" ", "enter")
            wait_for(term, "Title of the assignment")
        if at == "shuffle":
            term.press("Week", "enter")
            for prompt in ("Pass mark", "Due date", "Attempts allowed"):
                wait_for(term, prompt)
                term.press("enter")
            wait_for(term, "Shuffle")
        term.press("\x04")
        screen = wait_for(term, "Nothing written.")
        wait_exit(term, timeout=20)
    finally:
        term.close()
    assert term.proc.returncode == 1 and "Traceback" not in screen and not (tmp_path / "wiz.yaml").exists()
