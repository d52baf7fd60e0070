"""One error model for every front end: a user's mistake, or a bug of ours.

Anything a user can get wrong (a file, a name, an answer, a folder, a
locked or full disk) is raised as :class:`UserError` by whichever part of
the core finds it. The command line prints it in one place
(:func:`tutor.cli.main`) as ``tutor: <message>`` plus a hint, and exits with
its status (1). Any other exception is a bug in tutor: the CLI prints a short
bug-report line and exits with :data:`EXIT_INTERNAL`, never a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130

BUG_REPORT = "This is a bug in tutor, not something you did; please report it with the command you ran and this line."


class UserError(Exception):
    """Something the user can fix: what is wrong, and how to fix it."""

    def __init__(self, message: str, hint: str = "", status: int = EXIT_USER) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.status = status

    def lines(self) -> list[str]:
        """The error as the CLI prints it: ``tutor: message``, then the hint indented."""
        first, *rest = self.message.splitlines() or [""]
        out = [f"tutor: {first}", *(f"  {line}" for line in rest)]
        if self.hint:
            out.append(f"  {self.hint}")
        return out


def internal_error_line(exc: BaseException) -> str:
    """One line for an unexpected exception: its type and message, and what to do."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"tutor: internal error: {type(exc).__name__}{': ' + detail if detail else ''}. {BUG_REPORT}"
