"""One app factory, shared by ``tutor start`` and the tests (as posting's ``make_posting``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.content.cache import cached_library
from tutor.content.library import lesson_folders
from tutor.paths import data_dir as resolve_data_dir
from tutor.progress.store import Store, default_store_path
from tutor.session import TutorSession


def build_session(
    data_dir: Path | str | None = None,
    lessons: Sequence[str | Path] = (),
    profile: str | None = None,
    assignment=None,
    results_dir: Path | str | None = None,
    use_store: bool = True,
) -> TutorSession:
    """The library, the learner's store and the session: everything but the UI."""
    from tutor.progress.profiles import check_profile, default_profile

    home = resolve_data_dir(data_dir)
    library = cached_library(lesson_folders(home, lessons), home)
    store = Store.open(default_store_path(resolve_data_dir(data_dir, create=True))) if use_store else None
    return TutorSession(library, store, check_profile(profile) if profile else default_profile(), assignment, results_dir)


def make_app(
    data_dir: Path | str | None = None,
    lessons: Sequence[str | Path] = (),
    profile: str | None = None,
    use_store: bool = True,
    assignment=None,
    results_dir: Path | str | None = None,
):
    """Build the app: the session (see :func:`build_session`), then the UI."""
    from tutor.ui.app import TutorApp

    session = build_session(data_dir, lessons, profile, assignment, results_dir, use_store)
    return TutorApp(session, notice=session.store.notice if session.store else None)
