"""Driving plain mode as a learner does: lines piped in, or typed at a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_ARGS, LESSONS, ROOT
from tutor.kinds import kind_of, model_answer
from tutor.kinds.base import LETTERS
from tutor.session import open_session

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def typed(kind, question, arranged, response) -> str:
    """The line a learner types in plain mode for a response (the inverse of the kind's parse)."""
    shown = [o.id for o in arranged.shown]
    if kind.widget == "short":
        return response
    if kind.widget == "matching":
        right = [o.id for o in arranged.right]
        pairs = dict(response)
        return " ".join(LETTERS[right.index(pairs[i])] for i in shown)
    if kind.widget == "ordering":
        return " ".join(str(shown.index(i) + 1) for i in response)
    return ",".join(str(shown.index(i) + 1) for i in response)


def answer_lines(home: Path, profile: str, module_id: str, assignment=None, responses=None) -> list[str]:
    """The lines that answer every question of a module, in this learner's order (rightly, or ``responses[qid]``)."""
    session = open_session(home, [LESSONS], profile, assignment, shipped=False)
    try:
        module = session.module(module_id)
        return [
            typed(kind_of(q.type), q, session.arrange(module, q), (responses or {}).get(q.id, model_answer(q)))
            for q in module.questions
        ]
    finally:
        session.store.close()


def right_answer_lines(tmp_path, assignment, profile: str, module_id: str) -> list[str]:
    """The piped lines that answer every question of a module rightly (in a scratch store: the order needs no store)."""
    return answer_lines(tmp_path / "scratch", profile, module_id, assignment)


def plain(home: Path, *args: str, stdin: bytes | str | None = b"", env: dict | None = None, stdout=subprocess.PIPE, cwd=ROOT):
    """Run ``tutor <fixture lessons> <args>`` with bytes piped in; returns the CompletedProcess (bytes out)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *FIXTURE_ARGS, *args], input=data, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd,
        env={**base, "TUTOR_HOME": str(home), "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120,
    )


def transcript(term) -> str:
    """Everything a pty-run tutor wrote so far, as text (escape sequences and carriage returns removed)."""
    term.screen()  # reads what is waiting
    return _ESCAPES.sub(b"", bytes(term.raw)).decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "")
