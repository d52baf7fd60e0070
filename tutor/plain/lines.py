"""Where plain mode's answers come from: a person at a terminal, or lines piped in.

Both are read one line at a time through :class:`LineSource`, so the same
parser (each kind's ``parse``) serves both and a screen-reader user gets the
same numbered choices as a script. End of input, a closed stdin and bytes
that are not text all end the dialogue cleanly (answers so far are saved).
"""

from __future__ import annotations

import sys
from typing import TextIO


class EndOfInput(Exception):
    """No more answers: the learner pressed Ctrl+D, or the piped input ran out."""


class LineSource:
    """Reads answer lines; in a terminal it prompts, from a pipe it skips blanks and # comments."""

    def __init__(self, stdin: TextIO, out: TextIO, interactive: bool) -> None:
        self.stdin = stdin
        self.out = out
        self.interactive = interactive
        self.line_number = 0

    def read(self, prompt: str) -> str:
        """The next answer line, stripped; EndOfInput when there is none."""
        while True:
            if self.interactive:
                self.out.write(prompt)
                self.out.flush()
            try:
                line = self.stdin.readline()
            except (OSError, ValueError, UnicodeDecodeError):
                raise EndOfInput from None
            if not line:
                raise EndOfInput
            self.line_number += 1
            text = line.strip()
            if self.interactive or (text and not text.startswith("#")):
                return text

    def pause(self, prompt: str = "Press Enter to go on (or type q and Enter to stop): ") -> bool:
        """In a terminal, wait for Enter; False if the learner asked to stop. Pipes never pause."""
        if not self.interactive:
            return True
        return self.read(prompt).casefold() not in ("q", "quit", "stop")


def is_interactive(stdin: TextIO, out: TextIO) -> bool:
    try:
        return stdin.isatty() and out.isatty()
    except (ValueError, OSError):
        return False


def stdin_has_data(stdin: TextIO) -> bool:
    """Whether a non-terminal stdin can be read at all (a closed stdin cannot)."""
    try:
        return not stdin.closed and stdin is not None and stdin.fileno() >= 0
    except (ValueError, OSError):
        return stdin is not sys.stdin  # an in-memory stream in tests
