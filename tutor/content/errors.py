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

from tutor.errors import UserError, shown


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file (line and column are 1-based)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{shown(self.path)}:{self.line}:{self.col}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


@dataclass(frozen=True, slots=True)
class LintWarning(Diagnostic):
    """A question that works but may be unfair: ``tutor validate --strict`` reports it.

    Not an error: the file loads and the app uses it. A warning has no column
    (the model keeps only the line of each question), so it prints as
    ``file:line: warning: what; how to fix [rule]``; ``rule`` names the check
    in docs/lesson-format.md so a teacher can look up why it matters.
    """

    rule: str = ""

    def __str__(self) -> str:
        text = f"{shown(self.path)}:{self.line}: warning: {self.message}"
        text = f"{text}; {self.hint}" if self.hint else text
        return f"{text} [{self.rule}]" if self.rule else text


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
