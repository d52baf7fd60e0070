"""The ``tutor`` command line.

Kept thin and quick: nothing is imported up front but the error model;
``tutor --help`` prints a help text prepared from this parser (see
:mod:`tutor.cli_help`; a test keeps the two identical) without even importing
argparse, and each subcommand imports what it needs when it runs. This is
the one place errors are printed: a :class:`~tutor.errors.UserError` as
``tutor: <message>`` plus its hint and exit status 1; anything else as an
internal error with a bug-report line and exit status 70. A user never sees
a traceback.
"""

from __future__ import annotations

import os
import sys

from tutor import __version__
from tutor.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, EXIT_USER, UserError, internal_error_line

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs more than all of tutor's --help
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

#: The width the prepared help is laid out for (argparse's own layout at 80 columns).
HELP_COLUMNS = 80


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="tutor",
        description="A terminal tutorial on Russia's July 2025 recognition of the Taliban government, taught from five articles.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="folder for progress and your own lessons (default: $TUTOR_HOME or the platform's user data folder)"
    )
    parser.add_argument(
        "--lessons", metavar="DIR", action="append", default=[],
        help="also load lesson modules from DIR (repeatable; a module here replaces a shipped one with the same id)",
    )
    parser.add_argument(
        "--no-shipped", action="store_true",
        help="leave out the shipped modules (their articles stay available); use only --lessons, TUTOR_LESSONS and the data folder",
    )
    # --profile works before or after the command; SUPPRESS keeps a subcommand
    # from overwriting a value given before it.
    profile = argparse.ArgumentParser(add_help=False)
    profile.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="the learner (default: your user name)")
    parser.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="the learner (default: your user name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from tutor.plain.format import PIPED_FORMAT

    start = sub.add_parser("start", parents=[profile], help="open the interactive tutorial", epilog=PIPED_FORMAT,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    start.add_argument(
        "--plain", action="store_true", help="a line-by-line dialogue instead of the full-screen app (screen readers, simple terminals)"
    )
    start.add_argument("--assignment", metavar="FILE", help="work on a teacher's assignment (only its modules; writes a result file)")
    start.add_argument("--out", metavar="DIR", help="with --assignment: folder for result files (default ./tutor-results)")
    quiz = sub.add_parser("quiz", parents=[profile], help="take one module's quiz (--plain for the line-by-line dialogue)", epilog=PIPED_FORMAT,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    quiz.add_argument("module", metavar="MODULE", help="module id (see 'tutor list')")
    quiz.add_argument("--plain", action="store_true", help="a line-by-line dialogue instead of the full-screen app")
    quiz.add_argument("--assignment", metavar="FILE", help="as for 'tutor start'")
    quiz.add_argument("--out", metavar="DIR", help="as for 'tutor start'")
    validate = sub.add_parser("validate", help="check lesson files and report every problem with file:line:col")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="lesson files or folders (default: every lesson tutor would load)")
    validate.add_argument(
        "--strict", action="store_true", help="also check that questions are fair (answer cues, thin feedback, short quotes); exit 1 on any warning",
    )
    sub.add_parser("list", parents=[profile], help="list the lesson modules (with your progress once you have some)")
    sources = sub.add_parser("sources", help="list the articles, or print one article's text")
    sources.add_argument("article", nargs="?", metavar="ID", help="print this article's body")
    sources.add_argument("--full", action="store_true", help="with ID: print the whole file, page debris included")

    progress = sub.add_parser("progress", parents=[profile], help="show a learner's progress per module (reset: delete it)")
    progress.add_argument("--json", action="store_true", help="print JSON for scripts")
    progress_sub = progress.add_subparsers(dest="action", metavar="ACTION")
    reset = progress_sub.add_parser("reset", parents=[profile], help="delete a learner's progress (asks first)")
    reset.add_argument("--module", metavar="ID", help="only this module")
    reset.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    sub.add_parser("profiles", help="list the learners who have progress on this computer")
    sub.add_parser("doctor", help="check the progress store's integrity and repair what can be repaired")

    assign = sub.add_parser("assign", help="create an assignment file (a short wizard when run in a terminal with no flags)")
    assign.add_argument("--id", metavar="ID", help="assignment id (kebab-case; default: from the title)")
    assign.add_argument("--title", metavar="TEXT", help="title shown to students")
    assign.add_argument("--module", metavar="ID", action="append", default=[], help="a module to assign (repeatable, in order)")
    assign.add_argument("--pass-mark", metavar="PERCENT", type=int, default=60, help="pass mark, 0-100 (default 60)")
    assign.add_argument("--due", metavar="YYYY-MM-DD", help="due date")
    assign.add_argument("--attempts", metavar="N", type=int, default=1, help="attempts allowed per module (default 1)")
    assign.add_argument("--shuffle", action=argparse.BooleanOptionalAction, default=True, help="shuffle options per student (default yes)")
    assign.add_argument("--seed", metavar="N", type=int, help="shuffle seed (default: random, recorded in the file)")
    assign.add_argument("--out", metavar="FILE", help="where to write it (default ./ID.assignment.yaml)")
    assign.add_argument("--force", action="store_true", help="replace an existing file")
    submit = sub.add_parser("submit", parents=[profile], help="write (again) this learner's result file for an assignment")
    submit.add_argument("assignment_file", metavar="FILE", help="the assignment file")
    submit.add_argument("--out", metavar="DIR", help="folder for the result file (default ./tutor-results)")
    report = sub.add_parser("report", help="class report from result files: scores, pass/fail, late, most-missed questions")
    report.add_argument("paths", nargs="+", metavar="PATH", help="result files or folders of them")
    report.add_argument("--assignment", metavar="FILE", help="the assignment (checks ids and content hashes; default: the most common one)")
    report.add_argument("--csv", metavar="FILE", help="also write a gradebook CSV")
    report.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    if given in ([], ["-h"], ["--help"]) and _columns() >= HELP_COLUMNS:
        return _prepared_help(EXIT_OK if given else EXIT_USAGE)
    if given == ["--version"]:
        return _write(f"tutor {__version__}\n", EXIT_OK)
    parser = build_parser()
    args = parser.parse_args(given)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        from tutor import commands

        return commands.run(args)
    except UserError as exc:
        _print_error(exc.lines())
        return exc.status
    except KeyboardInterrupt:
        _print_error(["tutor: interrupted; everything answered so far is saved"])
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last resort: a user never sees a traceback
        _print_error([internal_error_line(exc)])
        return EXIT_INTERNAL


def _columns() -> int:
    """The terminal's width as argparse measures it (COLUMNS, else the terminal, else 80), without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return HELP_COLUMNS


def _prepared_help(status: int) -> int:
    """``tutor --help`` in a terminal at least 80 columns wide (or a pipe): the help text argparse gives at 80 columns."""
    from tutor.cli_help import HELP

    return _write(HELP, status)


def _write(text: str, status: int) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except (OSError, ValueError, AttributeError):
        return EXIT_USER  # no usable stdout (closed, or a full disk): nothing to tell it with
    return status


def _print_error(lines: list[str]) -> None:
    from tutor.content.text import printable

    try:
        for line in lines:
            print(printable(line), file=sys.stderr)
    except (OSError, ValueError):
        pass  # stderr itself is gone: the exit status still tells
