"""Plain mode: the lessons and quizzes as a line-by-line dialogue.

For screen readers, braille displays, pipes and terminals where a
full-screen app misbehaves: no screen takeover, no box drawing, one thing at
a time, every choice a number or a letter. It drives the same session as the
app, so either mode resumes where the other stopped and both show the same
scores. This package is imported lazily: ``tutor --help`` only needs
:mod:`tutor.plain.format`.
"""

from __future__ import annotations

import sys
from typing import TextIO


def run_plain(session, module, quiz_only: bool, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Run plain mode on a session (and a module, or let the learner choose); returns the exit status."""
    from tutor.plain.dialogue import run

    return run(session, module, quiz_only, stdin or sys.stdin, out or sys.stdout)
