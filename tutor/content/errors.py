"""Diagnostics for lesson and source files.

Every problem tutor finds in a content file becomes a :class:`Diagnostic`
that names the file, line and column, says what is wrong and how to fix it.
Loaders collect diagnostics instead of raising, so one run reports every
error in every file; :class:`ContentError` is the single exception type the
loader lets escape, carrying those diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.errors import UserError


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file (line and column are 1-based)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class ContentError(UserError):
    """Raised when a content file cannot be turned into a model; a user's error, with file:line:col."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def display_path(path: Path | str) -> str:
    """A path as a user would type it: relative to the working folder if inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
