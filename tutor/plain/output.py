"""Plain mode's output: every line made printable, wrapped to the terminal, and written safely.

Wrapping happens at print time, at the terminal's current width (80 when
the output is not a terminal), on spaces only. A terminal whose encoding
cannot show curly quotes or dashes gets their ASCII look-alikes rather than
a crash; output that cannot be written at all (a full disk) is a user error
that says so, with the answers already saved.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
from typing import TextIO

from tutor.content.text import printable
from tutor.errors import UserError
from tutor.plain.render import terminal_height, terminal_width, wrap_line

_ASCII = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "--", "\u2026": "...",
    "\u2192": "->", "\u00a0": " ", "\u2022": "-", "\u2713": "right", "\u2717": "wrong", "\ufffd": "?",
}


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(_ASCII.get(c, "?") for c in text), error.end


codecs.register_error("tutor-plain", _replace_unencodable)


class Printer:
    """Writes plain mode's lines to a stream (a terminal, a pipe or a file)."""

    def __init__(self, out: TextIO, width: int | None = None) -> None:
        self.out = out
        self.fixed_width = width
        reconfigure = getattr(out, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="tutor-plain")

    @property
    def width(self) -> int:
        """Measured for every line, so a resized terminal is followed."""
        return self.fixed_width or terminal_width()

    @property
    def height(self) -> int:
        return terminal_height()

    def format(self, text: str) -> list[list[str]]:
        """Text (content included) as it prints: made printable, one group of wrapped lines per line of the text."""
        width = self.width
        return [wrap_line(line, width) if line.strip() else [""] for line in printable(text).split("\n")]

    def say(self, text: str = "") -> None:
        self.lines([line for group in self.format(text) for line in group])

    def lines(self, lines: list[str]) -> None:
        """Print lines that are already wrapped (rendered lesson text)."""
        self.write("".join(printable(line) + "\n" for line in lines))

    def prompt(self, text: str) -> str:
        """Print all but the last line of a long prompt; return the last, to be written before the answer."""
        *before, last = wrap_line(printable(text), self.width)
        if before:
            self.write("\n".join(before) + "\n")
        return last.rstrip() + " "

    def write(self, text: str) -> None:
        try:
            self.out.write(text)
            self.out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise UserError(f"cannot write plain mode's output: {reason}", "your answers so far are saved") from None
