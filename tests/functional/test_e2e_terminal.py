"""The installed ``tutor start`` in a real terminal: pick a module, answer, quit, come back."""

from __future__ import annotations

import os
import signal
import time

from tests.conftest import DATA, FIXTURE_ARGS, LESSONS
from tests.functional.terminal import TUTOR, open_terminal, wait_exit, wait_for
from tutor.session import open_session


def right_digit(tmp_path, profile: str) -> str:
    """Which number key picks the right answer to the first fixture question for this learner."""
    session = open_session(tmp_path / "scratch", [LESSONS], profile, shipped=False)
    module = session.module("bridge-basics")
    question = module.questions[0]
    shown = session.arrange(module, question).shown
    session.store.close()
    return str(next(i for i, o in enumerate(shown) if o.id in question.correct) + 1)


def test_answer_quit_and_resume_in_a_real_terminal(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home")}
    argv = [TUTOR, *FIXTURE_ARGS, "--profile", "e2e", "start"]
    term = open_terminal(argv, env)
    try:
        wait_for(term, "Welcome, e2e!")
        term.press("enter")
        wait_for(term, "Section 1 of 2")
        term.press("q")
        wait_for(term, "Question 1 of 4")
        term.press(right_digit(tmp_path, "e2e"))
        time.sleep(0.3)
        term.press("enter")
        wait_for(term, "Right.")
        term.press("a")  # one key opens the article at the passage behind the answer
        wait_for(term, "Showing the article body")
        term.press("ctrl+q")
        wait_exit(term)
        assert term.terminal_restored()
    finally:
        term.close()
    again = open_terminal(argv, env)
    try:
        wait_for(again, "quiz under way")
        again.press("enter")
        wait_for(again, "Question 2 of 4")
        again.press("ctrl+q")
        wait_exit(again)
    finally:
        again.close()


def test_a_number_and_enter_sent_together_answer_that_number(tmp_path):
    """Walkthrough 44 in a real terminal: "4" and Enter in one write answer option 4, not the highlighted one."""
    session = open_session(tmp_path / "scratch", [LESSONS], "e2e", shipped=False)
    module = session.module("bridge-basics")
    question = module.questions[0]
    shown = session.arrange(module, question).shown
    session.store.close()
    digit = str(len(shown))  # the last option: never what a stale highlight would give
    term = open_terminal([TUTOR, *FIXTURE_ARGS, "--profile", "e2e", "start"], {"TUTOR_HOME": str(tmp_path / "home")})
    try:
        wait_for(term, "Welcome, e2e!")
        term.press("enter")
        wait_for(term, "Section 1 of 2")
        term.press("q")
        wait_for(term, "Question 1 of 4")
        term.burst(digit, "enter")
        wait_for(term, "(your answer)")
        term.press("ctrl+q")
        wait_exit(term)
    finally:
        term.close()
    again = open_session(tmp_path / "home", [LESSONS], "e2e", shipped=False)
    try:
        [attempt] = again.store.attempts("e2e")
        assert attempt["answer"] == [shown[-1].id]
    finally:
        again.store.close()


def test_sigterm_and_sighup_end_cleanly_and_restore_the_terminal(tmp_path):
    for sig in (signal.SIGTERM, signal.SIGHUP):
        term = open_terminal([TUTOR, *FIXTURE_ARGS, "--profile", "e2e", "start"], {"TUTOR_HOME": str(tmp_path / "home")})
        try:
            wait_for(term, "Welcome, e2e!")
            os.kill(term.pid(), sig)  # in tmux the pane's process is env, which exec'd tutor: the same pid
            wait_exit(term)
            time.sleep(0.2)
            assert term.terminal_restored(), f"terminal left in alternate screen or mouse mode after {sig.name}"
        finally:
            term.close()


def test_closing_the_terminal_ends_tutor(tmp_path):
    """A vanished terminal (window closed, SSH dropped) must not leave tutor running."""
    term = open_terminal([TUTOR, "--profile", "e2e", "start"], {"TUTOR_HOME": str(tmp_path / "home")})
    wait_for(term, "Welcome, e2e!")
    pid = term.pid()
    term.hang_up()
    try:
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            if term.backend == "pty" and term.proc.poll() is not None:
                return
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        raise AssertionError("tutor was still running 8 s after its terminal closed")
    finally:
        term.close()


def test_escape_sequences_in_an_article_do_not_reach_the_terminal(tmp_path):
    term = open_terminal(
        [TUTOR, "--profile", "e2e", "--lessons", str(DATA / "hostile"), "start"], {"TUTOR_HOME": str(tmp_path / "home")}
    )
    try:
        wait_for(term, "Welcome, e2e!")
        term.press("a")
        wait_for(term, "Hostile [/bold] article [@click=app.quit]")
        term.press("end", "enter")  # the hostile article is listed after the five shipped ones
        screen = wait_for(term, "pwned")
        assert "[@click=app.quit]quit[/]" in screen and "\ufffd]0;pwned" in screen
        if term.backend == "tmux":
            assert "pwned" not in term.pane("#{pane_title}")
        else:
            assert b"\x1b]0;pwned" not in bytes(term.raw)
        term.press("ctrl+q")
        wait_exit(term)
    finally:
        term.close()
