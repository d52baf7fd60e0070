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
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for any tool whose reader went away

#: The one set of characters that must never reach a terminal or a file a person
#: reads as they are: C0 controls except tab and newline, DEL, C1 controls, the
#: bidi overrides and isolates that reorder what is displayed, and lone
#: surrogates (which cannot even be encoded). tutor.content.text.printable and
#: :func:`shown` both use it.
UNSAFE_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_IN_LINE = f"[{UNSAFE_CHARS}\t\n\u2028\u2029]"  # compiled on first use: `re` is not on the --help path

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


def shown(value: object, limit: int = 1000) -> str:
    """A value a user gave (an argument, a path, a name), safe to echo in a one-line message.

    Control, bidi and line-break characters are written as escapes (``\\x1b``,
    ``\\n``), so an argument can neither forge a second line nor drive the
    terminal; very long values are cut.
    """
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    import re  # cached by re after the first call

    return re.sub(_UNSAFE_IN_LINE, lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def internal_error_line(exc: BaseException) -> str:
    """One line for an unexpected exception: its type and message, and what to do."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"tutor: internal error: {type(exc).__name__}{': ' + detail if detail else ''}. {BUG_REPORT}"
