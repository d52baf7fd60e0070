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

import contextlib
import os
import sys

from tutor import __version__
from tutor.errors import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, EXIT_USER, UserError, internal_error_line

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
    report = sub.add_parser("report", help="class report from result files (or an LRS): scores, pass/fail, late, most-missed questions")
    report.add_argument("paths", nargs="*", metavar="PATH", help="result files or folders of them (or give --lrs)")
    report.add_argument("--assignment", metavar="FILE", help="the assignment (checks ids and content hashes; default: the most common one)")
    report.add_argument("--csv", metavar="FILE", help="also write a gradebook CSV")
    report.add_argument("--json", action="store_true", help="print JSON for scripts")
    lrs_options(report, "build the report from this xAPI endpoint's statements instead of result files")

    export = sub.add_parser("export", help="lessons to Anki, Moodle GIFT or QTI 1.2; a learner's xAPI statements to JSON")
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    for name, what, suffix in (("anki", "an Anki package (one deck per module)", "apkg"), ("gift", "Moodle GIFT questions", "gift"),
                               ("qti", "a QTI 1.2 package for Canvas and Moodle", "zip")):
        fmt = formats.add_parser(name, help=f"{what}; no MODULE_ID: every module")
        fmt.add_argument("modules", nargs="*", metavar="MODULE_ID", help="modules to export, in this order (default: all)")
        fmt.add_argument("--out", metavar=f"FILE.{suffix}", required=True, help="the file to write (replaced if it exists)")
    xapi = formats.add_parser("xapi", parents=[profile], help="one learner's xAPI statements (sent or not) as a JSON array")
    xapi.add_argument("--out", metavar="FILE.json", required=True, help="the file to write")
    sync = sub.add_parser("sync", help="send every learner's pending xAPI statements to a Learning Record Store")
    lrs_options(sync, "the LRS's xAPI endpoint, e.g. http://lrs.school:8100/xAPI/ (default $TUTOR_LRS_URL)")
    sync.add_argument("--batch", metavar="N", type=int, default=500, help="statements per request (default 500)")
    sync.add_argument("--give-up-after", metavar="SECONDS", type=float, default=60.0,
                      help="keep retrying an LRS that is down or failing for this long (default 60)")
    _add_serve(sub)
    return parser


def lrs_options(parser: argparse.ArgumentParser, url_help: str) -> None:
    parser.add_argument("--lrs", metavar="URL", help=url_help)
    parser.add_argument("--user", metavar="NAME", help="LRS user (default $TUTOR_LRS_USER)")
    parser.add_argument("--password", metavar="SECRET", help="LRS password (default $TUTOR_LRS_PASSWORD, safer than the command line)")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=15.0, help="wait this long for each answer (default 15)")


SERVE_HELP = """\
Serves the tutorial to web browsers, for a classroom: the teacher runs it on
one computer and learners open the printed address. Each browser connection
runs its own copy of the app; it asks for the learner's name first (the same
rule as --profile; a name used before carries on that learner's progress), and
all progress goes to this computer's store (--data-dir). --lessons and
--no-shipped apply to every session.

Safety: by default only this computer can connect (127.0.0.1). With --host set
to another address (0.0.0.0: every network) other computers can connect, so
tutor prints a warning and an address with an access token, which a browser
needs to open the tutorial (as Jupyter does); --no-token drops that. Traffic is
plain http: use it on a network you trust.

Past --max-sessions a browser gets a "busy, try again" page and the server
stays up. The default is ten sessions per CPU core, or as many as a quarter of
the memory holds at 100 MB each, whichever is fewer (20 on 2 cores): each
session is a process of about 45 MB that is idle while a learner reads.

A browser that is closed or loses its connection mid-question loses nothing
already answered; its app process ends. Ctrl+C or SIGTERM stops the server
and ends every app process it started. The page loads nothing from the
internet (its font comes from this server), so it works without internet.

Global options go before 'serve'; --port 0 picks any free port. example:
  tutor --data-dir ~/class-7b serve --host 0.0.0.0 --port 8000 --max-sessions 30
"""


def _add_serve(sub) -> None:
    import argparse

    serve = sub.add_parser("serve", help="serve the tutorial to web browsers (a classroom on one computer)", description=SERVE_HELP,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--host", metavar="ADDRESS", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: every network, needs the token)")
    serve.add_argument("--port", metavar="PORT", default="8000", help="port to listen on (default 8000; 0: any free port)")
    serve.add_argument("--max-sessions", metavar="N", help="browsers served at once; past it a 'busy, try again' page (default: see above)")
    serve.add_argument("--no-token", action="store_true", help="with a non-loopback --host: do not require the access token in the address")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status: 0 done, 1 a user's mistake (printed), 2 usage, 70 a bug, 130 interrupted, 141 output cut off."""
    given = sys.argv[1:] if argv is None else list(argv)
    if given in ([], ["-h"], ["--help"]) and _columns() >= HELP_COLUMNS:
        return _prepared_help(EXIT_OK if given else EXIT_USAGE)
    if given == ["--version"]:
        return _write(f"tutor {__version__}\n", EXIT_OK)
    original = sys.stdout
    if not _prepare_streams():
        return EXIT_USER
    status = EXIT_USER
    try:
        status = _run(given)
    except SystemExit as exc:  # argparse: --help, --version, a usage error; their output is checked below too
        status = exc.code if isinstance(exc.code, int) else EXIT_USAGE if exc.code else 0
    except OSError as exc:
        if getattr(sys.stdout, "failed", None) is not exc:
            _print_error([internal_error_line(exc)])
            return EXIT_INTERNAL
    finally:
        with contextlib.suppress(OSError, ValueError):  # output still in the buffer meets a full disk or a closed reader only now
            sys.stdout.flush()
        watched, sys.stdout = sys.stdout, original
    failed = getattr(watched, "failed", None)  # also when someone (argparse) swallowed the error
    return status if failed is None else _output_lost(failed)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
    except OSError:
        raise  # main tells a failed output apart from a bug
    except Exception as exc:  # last resort: a user never sees a traceback
        _print_error([internal_error_line(exc)])
        return EXIT_INTERNAL


def _prepare_streams() -> bool:
    """Make the standard streams safe to use whatever the environment: False if there is nowhere to write output.

    * a closed stdin reads as empty (plain mode then says no answers came);
    * a closed stdout is refused before anything is done (the output would be lost silently);
    * a terminal or pipe whose encoding is not UTF-8 (a latin-1 locale) gets
      a replacement character for what it cannot show, instead of a crash.
    """
    import codecs
    import os

    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives as long as the process)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        _print_error(["tutor: standard output is closed, so nothing could be shown", "  run the command with its output open"])
        return False
    for stream in (sys.stdout, sys.stderr):
        try:
            if codecs.lookup(stream.encoding or "ascii").name != "utf-8":
                stream.reconfigure(errors="replace")
        except (AttributeError, LookupError, ValueError, OSError):
            pass
    if not isinstance(sys.stdout, _WatchedOutput):
        sys.stdout = _WatchedOutput(sys.stdout)
    return True


class _WatchedOutput:
    """Standard output, remembering the error when a write fails, so a full disk or a closed pipe is told apart from a bug.

    Everything else is the real stream's (isatty, fileno, encoding, ...).
    """

    def __init__(self, stream) -> None:
        self._stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            self.failed = exc
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self.failed = exc
            raise

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _output_lost(failed: OSError) -> int:
    """Say the output was lost (on stderr, which may still work); 141 for a reader that went away, as a shell reports it."""
    import os

    try:  # keep the interpreter's own flush at exit quiet
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    if isinstance(failed, BrokenPipeError):
        _print_error(["tutor: the output was cut off before it was all written (broken pipe)"])
        return EXIT_BROKEN_PIPE
    _print_error([f"tutor: cannot write the output: {failed.strerror or failed}"])
    return EXIT_USER


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
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr itself is gone: the exit status still tells
