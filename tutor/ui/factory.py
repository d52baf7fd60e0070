"""One app factory, shared by ``tutor start`` and the tests (as posting's ``make_posting``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def make_app(
    data_dir: Path | str | None = None,
    lessons: Sequence[str | Path] = (),
    profile: str | None = None,
    assignment=None,
    results_dir: Path | str | None = None,
    shipped: bool = True,
    session=None,
    start_module: str | None = None,
    greeter=None,
):
    """Build the app on a session: the one given, or one opened from these settings (tutor.session.open_session).

    With ``greeter`` (a callable returning the first screen) and no session,
    the app starts without one and the greeter opens it (the browser entry
    asks for the learner's name first: tutor.web.served).
    """
    from tutor.session import open_session
    from tutor.ui.app import TutorApp

    if session is None and greeter is not None:
        return TutorApp(None, greeter=greeter)
    if session is None:
        session = open_session(data_dir, lessons, profile, assignment, results_dir, shipped=shipped)
    return TutorApp(session, notice=session.store.notice, start_module=start_module)
