"""Plain mode as learners meet it, through a pipe and at a terminal (walkthrough 3, 4, 26-33; hardening F10, F27).

Piped runs check the words and the rules; pty runs check what only a
terminal has: prompts, pauses, the width, Ctrl+C and Ctrl+D.
"""

from __future__ import annotations

import json
import sys
import time

import pytest

from tests.conftest import FIXTURE_ARGS, ROOT
from tests.functional.plain_helpers import answer_lines, plain, transcript
from tests.functional.terminal import PtyTerminal, wait_exit
from tutor.content.text import display_width
from tutor.session import open_session


def words(text: str) -> str:
    return " ".join(text.split())


def test_lesson_text_is_plain_words_wrapped_on_spaces(tmp_path):
    """27, 28: no Markdown syntax read aloud; lines fit the width and no word is cut."""
    for width in (80, 41):
        out = plain(tmp_path / str(width), "start", "--plain", stdin="1\n", env={"COLUMNS": str(width)})
        text = out.stdout.decode()
        assert "Heading:" not in text and "Quote: Engineers found cracks in two of its arches." in words(text)
        assert "**" not in text and not any(line.lstrip().startswith(">") for line in text.splitlines())
        assert "According to the news report, the council closed the bridge in 2022." in words(text)
        long = [line for line in text.splitlines() if display_width(line) > width and " " in line.strip()]
        assert long == [], long
        # every passage arrives whole: wrapping moved words to new lines, it never split one
        assert "when engineers found cracks in two of its arches" in words(text)


def test_markdown_headings_lists_and_emphasis_in_words():
    from tutor.plain.render import render

    text = "# The **date**\n\nSome *stress* and __more__, snake_case kept.\n\n> quoted\n> on two lines\n\n- one\n- two\n\n1) first\n2) second"
    assert render(text, 80) == [
        "Heading: The date", "", "Some stress and more, snake_case kept.", "", "Quote: quoted on two lines", "",
        "- one", "- two", "", "1. first", "2. second",
    ]
    assert render("- " + "word " * 30, 30)[1].startswith("  word")  # list items hang under their text


def test_module_list_once_with_ids_and_kind_names(tmp_path):
    """29, 30, 31."""
    lines = answer_lines(tmp_path / "home", "ann", "bridge-basics")
    out = plain(tmp_path / "home", "--profile", "ann", "start", "--plain", stdin="bridge-basics\n" + "\n".join(lines) + "\n")
    text = out.stdout.decode()
    assert out.returncode == 0, out.stderr
    assert text.count("Modules:") == 1 and text.count("The bridge reopens (id bridge-basics;") == 1
    assert "(module bridge-basics)" in text
    for label in ("(Choose one)", "(Choose all that apply)", "(True or false)", "(Put in order)"):
        assert label in text
    for internal in ("single_choice", "multiple_select", "true_false", "ordering"):
        assert internal not in text


def test_nonsense_lines_are_refused_and_the_end_of_input_keeps_answers(tmp_path):
    """F10: '1 2', '²', 5,000 digits, bytes that are not UTF-8 and an endless line each get a hint, never an internal error."""
    home = tmp_path / "home"
    first = answer_lines(home, "ann", "bridge-basics")[0]
    piped = b"\n".join([b"1 2", "²".encode(), b"9" * 5000, b"\xff\xfe", b"x" * 20000, first.encode(), b"\xc3"]) + b"\n"
    out = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin=piped)
    text, err = out.stdout.decode(), out.stderr.decode()
    assert out.returncode == 1 and err == "", err
    assert "Line 1: that does not fit: choose one option" in words(text)
    assert "Line 2: that does not fit: '²' is not an option number" in words(text)
    assert "Line 3: that does not fit: '99999999999999999999' is not an option number" in words(text)
    assert "Line 4: that does not fit: that line is not readable text (utf-8)" in words(text)
    assert "Line 5: that does not fit: that line is longer than 16,384 characters" in words(text)
    assert "Line 7: that does not fit: that line is not readable text" in words(text)
    assert "Stopped at the end of the input. Your answers so far are saved" in words(text)
    assert "6 answer lines did not fit and were skipped" in words(text)
    progress = json.loads(plain(home, "--profile", "ann", "progress", "--json").stdout)
    assert {m["module_id"]: m["done"] for m in progress["modules"]}["bridge-basics"] == 1


@pytest.mark.parametrize("case", ["closed-stdin", "full-disk", "latin-1"])
def test_broken_terminals_end_with_a_sentence_not_a_traceback(tmp_path, case):
    """33: a closed stdin, /dev/full as stdout, a terminal that cannot show curly quotes."""
    home = tmp_path / "home"
    if case == "closed-stdin":
        out = _closed_stdin(home)
        assert out.returncode == 1 and "no answers were piped in, and no terminal is attached" in out.stderr.decode()
    elif case == "full-disk":
        with open("/dev/full", "wb") as full:
            out = plain(home, "quiz", "bridge-basics", "--plain", stdin="1\n", stdout=full)
        assert out.returncode == 1 and out.stderr.decode().startswith("tutor: cannot write plain mode's output: the disk is full")
    else:
        out = plain(home, "quiz", "bridge-basics", "--plain", stdin="1\n", env={"PYTHONIOENCODING": "latin-1"})
        assert out.returncode == 0 and b'"when engineers found cracks' in out.stdout
    assert b"Traceback" not in out.stderr and b"internal error" not in out.stderr


def _closed_stdin(home):
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        ["sh", "-c", f'exec "$0" -m tutor {" ".join(FIXTURE_ARGS)} start --plain <&-', sys.executable],
        capture_output=True, cwd=ROOT, env={**env, "TUTOR_HOME": str(home), "PYTHONPATH": str(ROOT)}, timeout=60,
    )


def test_feedback_teaches_item_by_item(tmp_path):
    """Issue 12 item 2 in plain mode: per-item right/wrong with the right order and pairs beside; a forgiven slip said."""
    home = tmp_path / "home"
    order = answer_lines(home, "ann", "bridge-basics", responses={"order-events": ["reopen", "repairs", "cracks"]})
    out = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin="\n".join(order) + "\n")
    text = words(out.stdout.decode())
    assert "Your order: 1. The bridge reopens: wrong (this place is for: Engineers find cracks) 2. Two years of repairs: right" in text
    assert "The right order: 1. Engineers find cracks: First: in 2022. 2. Two years of repairs" in text
    assert "Partly right (33% of the credit)." in text
    pairs = {"match-speakers": [["four", "group"], ["five", "council"], ["hundred", "engineer"]], "engineer-name": "Marta Kovak"}
    lines = answer_lines(home, "ann", "bridge-sources", responses=pairs)
    out = plain(home, "--profile", "ann", "quiz", "bridge-sources", "--plain", stdin="\n".join(lines) + "\n")
    text = words(out.stdout.decode())
    assert "4 million euros. Your match: the campaign group. Wrong; the right match: the council." in text
    assert "safe for a hundred years. Your match: the chief engineer. Right." in text
    assert "The right pairs:" in text and "4 million euros. Its match: the council. The council's figure." in text
    assert "Accepted with a small slip: the exact answer is “Marta Kovac”." in text


def test_scores_are_the_whole_run_as_the_session_counts_them(tmp_path):
    """5, 6: two sittings, one score; the same figure as the session (and so the app) and 'tutor progress'."""
    home = tmp_path / "home"
    responses = {"who-says-cost": ["four", "three"], "order-events": ["cracks", "reopen", "repairs"]}
    lines = answer_lines(home, "ann", "bridge-basics", responses=responses)
    first = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin="\n".join(lines[:2]) + "\n")
    assert first.returncode == 0 and b"Stopped at the end of the input" in first.stdout
    second = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin="\n".join(lines[2:]) + "\n")
    text = words(second.stdout.decode())
    assert "Resuming The bridge reopens (module bridge-basics) at question 3 of 4." in text
    session = open_session(home, [ROOT / "tests" / "fixtures" / "lessons"], "ann", shipped=False)
    try:
        module = session.module("bridge-basics")
        runs = session.store.runs("ann", module.id)
        score = session.result_of(session.resume_run(module) or _finished_run(session, module, runs[-1].id)).score
    finally:
        session.store.close()
    assert (score.right, score.total) == (2, 4) and 0 < score.credit - score.right < 1
    assert f"Score for this run: {round(score.fraction * 100)}% (2 of 4 right, partly right answers counted in part)." in text
    progress = json.loads(plain(home, "--profile", "ann", "progress", "--json").stdout)
    assert {m["module_id"]: m["score"] for m in progress["modules"]}["bridge-basics"] == pytest.approx(score.fraction, abs=1e-6)


def _finished_run(session, module, run_id):
    from tutor.session import QuizRun

    return QuizRun(module, run_id, session.store.run_answers(run_id), finished=True)


# -- at a terminal --------------------------------------------------------------------------


def pty(tmp_path, *args: str, size=(80, 24)) -> PtyTerminal:
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    return PtyTerminal([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "--profile", "ann", *args], env, size)


def wait_text(term, text: str, timeout: float = 15.0, count: int = 1) -> str:
    """Wait until ``text`` has been written (``count`` times, anywhere in the transcript, even scrolled away)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if words(transcript(term)).count(text) >= count:
            return transcript(term)
        time.sleep(0.05)
    raise AssertionError(f"{text!r} was not written; the transcript ends:\n{transcript(term)[-2000:]}")


def test_empty_answers_are_asked_again_and_any_line_goes_on(tmp_path):
    """3, 4, 26: in a terminal, Enter alone is not an answer; at a pause any line goes on; q stops, answers kept."""
    term = pty(tmp_path, "start", "--plain", size=(60, 24))
    try:
        wait_text(term, "Number (1-2) or id, q to quit:")
        term.press("2", "enter")
        wait_text(term, "Press Enter to start the questions")
        term.press("x", "enter")  # any line goes on
        wait_text(term, "Question 1 of 4 (Match the pairs)")
        term.press("enter")
        wait_text(term, "That does not fit: type 3 letters from a to c")
        term.press("a b c", "enter")
        wait_text(term, "Your pairs:")
        term.press("anything", "enter")
        wait_text(term, "Question 2 of 4 (Type the answer)")
        term.press("enter")
        wait_text(term, "That does not fit: type an answer (an empty line is not one). Try again (q stops).")
        term.press("Kovac", "enter")
        wait_text(term, "You typed: - Kovac: Right: Marta Kovac.")
        term.press("q", "enter")  # q in a module: back to the list; q there: stop
        wait_text(term, "Back to the module list.")
        term.press("q", "enter")
        wait_text(term, "Stopped. Your answers so far are saved; run again to go on from here.")
        wait_exit(term)
        assert term.proc.returncode == 0
        text = transcript(term)
        assert all(display_width(line) <= 60 for line in text.splitlines() if " " in line.strip()), text
    finally:
        term.close()
    progress = json.loads(plain(tmp_path / "home", "--profile", "ann", "progress", "--json").stdout)
    assert {m["module_id"]: m["done"] for m in progress["modules"]}["bridge-sources"] == 2


def test_multiple_select_with_nothing_chosen_is_asked_again(tmp_path):
    """3: the crash the walkthrough met (an empty multi-select) re-asks with 'choose at least one'."""
    term = pty(tmp_path, "quiz", "bridge-basics", "--plain")
    try:
        wait_text(term, "Question 1 of 4")
        term.press("1", "enter")
        wait_text(term, "Press Enter to go on")
        term.press("enter")
        wait_text(term, "Question 2 of 4 (Choose all that apply)")
        term.press(" ", "enter")
        wait_text(term, "That does not fit: choose at least one option")
    finally:
        term.close()


@pytest.mark.parametrize(("key", "status", "said"), [("\x04", 0, "Stopped (end of input)."), ("\x03", 130, "Stopped.")])
def test_ctrl_d_and_ctrl_c_end_cleanly_with_answers_kept(tmp_path, key, status, said):
    term = pty(tmp_path, "quiz", "bridge-basics", "--plain")
    try:
        wait_text(term, "Question 1 of 4")
        term.press("2", "enter")
        wait_text(term, "Press Enter to go on")
        term.press("enter")
        wait_text(term, "Question 2 of 4")
        term.press(key)
        wait_text(term, f"{said} Your answers so far are saved")
        wait_exit(term)
        assert term.proc.returncode == status and "Traceback" not in transcript(term)
    finally:
        term.close()
    progress = json.loads(plain(tmp_path / "home", "--profile", "ann", "progress", "--json").stdout)
    assert {m["module_id"]: m["done"] for m in progress["modules"]}["bridge-basics"] == 1


def test_after_the_results_a_numbered_menu_retries_the_missed_ones(tmp_path):
    home = tmp_path / "home"
    lines = answer_lines(home, "ann", "bridge-basics", responses={"cyclists-only": ["true"]})
    term = pty(tmp_path, "start", "--plain")
    try:
        wait_text(term, "q to quit:")
        term.press("1", "enter", "enter", "enter")  # the module, then past its two sections
        for number, line in enumerate(lines, 1):
            wait_text(term, f"Question {number} of 4")
            term.press(line, "enter")
            wait_text(term, "Press Enter to go on", count=number)
            term.press("enter")
        wait_text(term, "What next? 1. Retry the 1 missed question (practice: the score stays) 2. Back to the module list 3. Quit")
        term.press("1", "enter")
        wait_text(term, "Missed questions again: The bridge reopens, 1 of 1 (True or false)")
        term.press("f", "enter", "enter")
        wait_text(term, "You answered 1 question; 1 right.")
        wait_text(term, "What next? 1. Back to the module list 2. Quit")
        term.press("1", "enter")
        wait_text(term, "The bridge reopens (id bridge-basics; 5 min; 4 of 4 answered; best 75%; finished)")
        term.press("q", "enter")
        wait_exit(term)
    finally:
        term.close()


def test_the_attempt_limit_holds_at_a_terminal(tmp_path):
    """32, F27: the session refuses a used-up module; plain mode says why and offers the list again."""
    from tests.functional.test_teacher import make_assignment
    from tutor.kinds import model_answer

    assignment = make_assignment(tmp_path, "--attempts", "1")
    session = open_session(tmp_path / "home", [ROOT / "tests" / "fixtures" / "lessons"], "ann", assignment, tmp_path / "r", shipped=False)
    module = session.module("bridge-basics")
    run = session.start_run(module)
    for q in module.questions:
        session.answer(run, q, model_answer(q), 1.0)
    session.finish(run)
    session.store.close()
    term = pty(tmp_path, "start", "--plain", "--assignment", str(tmp_path / "week.yaml"), "--out", str(tmp_path / "r"))
    try:
        wait_text(term, "Assignment: Week 3")
        wait_text(term, "The bridge reopens (id bridge-basics; 5 min; 4 of 4 answered; best 100%; finished; no attempts left)")
        term.press("1", "enter")
        wait_text(term, "Not available: The bridge reopens: you have used the 1 attempt the assignment allows for this module. "
                        "(ask your teacher if you need another attempt)")
        assert words(transcript(term)).count("Modules:") == 2 and "Section 1 of 2" not in transcript(term)
        term.press("2", "enter")
        wait_text(term, "Reading the bridge sources (module bridge-sources)")
        term.press("q", "enter")
        wait_text(term, "Back to the module list.")
        term.press("q", "enter")
        wait_exit(term)
    finally:
        term.close()


def test_a_screenful_at_a_time_in_a_small_terminal(tmp_path):
    """At 80x12 a section and its passages do not fit: plain mode waits for Enter rather than scroll them away unread."""
    term = pty(tmp_path, "start", "--plain", size=(80, 12))
    try:
        wait_text(term, "q to quit:")
        term.press("1", "enter")
        wait_text(term, "More follows: press Enter (q and Enter stops):")
        screen = term.screen()
        assert "Section 1 of 2: Why it closed" in screen and "The bridge reopens (module bridge-basics)" in screen
        term.press("enter")
        wait_text(term, "Passages this section cites:")
    finally:
        term.close()


def test_a_new_attempt_after_a_finished_one_is_said_before_it_starts(tmp_path):
    """As the app asks first: a finished quiz taken again starts at question 1 and keeps the best score."""
    home = tmp_path / "home"
    lines = answer_lines(home, "ann", "bridge-basics")
    first = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin="\n".join(lines) + "\n")
    assert b"You have finished this quiz" not in first.stdout
    second = plain(home, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin="\n")
    assert "You have finished this quiz once. Starting it again begins a new attempt at question 1" in words(second.stdout.decode())


def test_q_inside_a_module_goes_back_to_the_list_and_q_there_quits(tmp_path):
    """Second walkthrough: q at a pause ended the whole program; now it goes back a level, as Esc does in the app."""
    term = pty(tmp_path, "start", "--plain")
    try:
        wait_text(term, "q to quit:")
        term.press("1", "enter")
        wait_text(term, "Section 1 of")
        term.press("q", "enter")
        wait_text(term, "Back to the module list.")
        assert term.exited() is False
        term.press("q", "enter")
        wait_text(term, "Stopped. Your answers so far are saved")
        wait_exit(term)
        assert term.proc.returncode == 0
    finally:
        term.close()
