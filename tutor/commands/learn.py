"""``tutor start`` and ``tutor quiz``: the app, or plain mode, for one learner."""

from __future__ import annotations

import argparse
import sys

from tutor.commands import context
from tutor.commands.output import say
from tutor.errors import UserError


def start(args: argparse.Namespace) -> int:
    """Open the tutorial: the full-screen app, or plain mode with --plain (also ``tutor quiz``)."""
    module_id = getattr(args, "module", None)
    if not args.plain and not (_terminal(sys.stdin) and _terminal(sys.stdout)):
        raise UserError("the full-screen tutorial needs a terminal", "run it in one, or add --plain for the line-by-line mode")
    session = context.session(args, args.assignment, args.out)
    try:
        if session.assignment is not None:
            _warn_if_lessons_changed(session)
        module = session.require_module(module_id) if module_id else None
        if module is not None:
            session.require_available(module)
        if args.plain:
            from tutor.plain import run_plain

            return run_plain(session, module, quiz_only=module is not None)
        from tutor.ui.factory import make_app

        app = make_app(session=session, start_module=module_id)
        app.run()
        return app.return_code or 0
    finally:
        session.store.close()


def _terminal(stream) -> bool:
    """A terminal at this end (a closed stream, None when started with it closed, is not one)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def _warn_if_lessons_changed(session) -> None:
    from tutor.library.identity import content_matches

    assignment = session.assignment
    missing = [m for m in assignment.modules if session.library.modules.get(m) is None]
    if missing:
        raise UserError(f"this computer's lessons lack module '{missing[0]}' of the assignment", "ask your teacher for the lesson files")
    if not content_matches(assignment.content_hash, session.modules):
        say("tutor: note: these lessons differ from the ones the assignment was made from; your teacher's report will flag it.", err=True)
