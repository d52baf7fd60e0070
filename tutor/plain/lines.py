"""Where plain mode's answers come from: a person at a terminal, or lines piped in.

Both are read one line at a time through :class:`LineSource`, so the same
parser (each kind's ``parse``) serves both and a screen-reader user gets the
same numbered choices as a script. In a terminal the line is read as
``input()`` does, in the terminal's own line editing: nothing is drawn but the
prompt and what is typed. End of input (Ctrl+D, or the pipe running dry) and
a closed stdin end the dialogue cleanly (answers so far are saved). A line
that is not text in the terminal's encoding, or is absurdly long, is not an
end: it is refused like any other line that does not fit, and the next one read.
"""

from __future__ import annotations

import codecs
import locale
from collections.abc import Callable
from typing import TextIO

#: The longest line read as an answer; the rest of a longer one is skipped.
MAX_LINE_BYTES = 16_384


class EndOfInput(Exception):
    """No more answers: the learner pressed Ctrl+D, or the piped input ran out."""


class NotALine(ValueError):
    """A line that cannot be an answer at all (not text, or far too long); the message says why."""


class LineSource:
    """Reads answer lines; in a terminal it prompts, from a pipe it skips blanks and # comments."""

    def __init__(self, stdin: TextIO | None, write: Callable[[str], None], interactive: bool) -> None:
        self.stdin = stdin
        self.write = write
        self.interactive = interactive
        self.line_number = 0
        self.encoding = _encoding(stdin)

    def read(self, prompt: str) -> str:
        """The next answer line, stripped; EndOfInput when there is none, NotALine for one that is not text."""
        while True:
            if self.interactive:
                self.write(prompt)
            raw = self._readline()
            self.line_number += 1
            text = self._decode(raw).strip()
            if self.interactive or (text and not text.startswith("#")):
                return text

    def _readline(self) -> bytes | str:
        """One raw line (bytes when the stream has a buffer); EndOfInput at the end or when stdin is gone."""
        if self.stdin is None:
            raise EndOfInput
        buffer = getattr(self.stdin, "buffer", None)
        try:
            if buffer is None:  # an in-memory text stream (tests, embedding)
                line: bytes | str = self.stdin.readline(MAX_LINE_BYTES + 1)
            else:
                line = buffer.readline(MAX_LINE_BYTES + 1)
        except (OSError, ValueError):
            raise EndOfInput from None
        if not line:
            raise EndOfInput
        if len(line) > MAX_LINE_BYTES and not _ends_line(line):
            self._skip_rest(buffer)
            self.line_number += 1
            raise NotALine(f"that line is longer than {MAX_LINE_BYTES:,} characters")
        return line

    def _skip_rest(self, buffer) -> None:
        source = buffer if buffer is not None else self.stdin
        try:
            while (chunk := source.readline(MAX_LINE_BYTES)) and not _ends_line(chunk):
                pass
        except (OSError, ValueError):
            pass

    def _decode(self, raw: bytes | str) -> str:
        if isinstance(raw, bytes):
            try:
                return raw.decode(self.encoding)
            except UnicodeDecodeError:
                raise NotALine(f"that line is not readable text ({self.encoding})") from None
        if any("\udc80" <= c <= "\udcff" for c in raw):  # undecodable bytes smuggled in by surrogateescape
            raise NotALine("that line is not readable text")
        return raw

    def pause(self, prompt: str) -> bool:
        """In a terminal, wait for a line (any line goes on); False if it was the stop word. Pipes never pause."""
        if not self.interactive:
            return True
        try:
            return not is_stop(self.read(prompt))
        except NotALine:
            return True


def is_stop(text: str) -> bool:
    """The words that stop plain mode, wherever a line is asked for."""
    return text.casefold() in ("q", "quit", "stop")


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n" if isinstance(line, bytes) else "\n")


def _encoding(stdin: TextIO | None) -> str:
    """The encoding typed text arrives in: the stream's (the locale's), checked to be one Python knows."""
    name = getattr(stdin, "encoding", None) or locale.getpreferredencoding(False) or "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def is_interactive(stdin: TextIO | None, out: TextIO) -> bool:
    """A person at a terminal: both ends are one (a pipe on either side makes it a script)."""
    try:
        return stdin is not None and stdin.isatty() and out.isatty()
    except (ValueError, OSError, AttributeError):
        return False
