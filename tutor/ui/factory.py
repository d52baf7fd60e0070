"""One app factory, shared by ``tutor start`` and the tests (as posting's ``make_posting``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.content.library import lesson_folders, load_library
from tutor.paths import data_dir as resolve_data_dir
from tutor.progress.store import Store, default_store_path
from tutor.session import TutorSession


def make_app(
    data_dir: Path | str | None = None,
    lessons: Sequence[str | Path] = (),
    profile: str | None = None,
    use_store: bool = True,
):
    """Build the app: the library, the learner's store and the session, then the UI."""
    from tutor.progress.profiles import check_profile, default_profile
    from tutor.ui.app import TutorApp

    home = resolve_data_dir(data_dir)
    library = load_library(lesson_folders(home, lessons))
    store = Store.open(default_store_path(resolve_data_dir(data_dir, create=True))) if use_store else None
    session = TutorSession(library, store, check_profile(profile) if profile else default_profile())
    return TutorApp(session, notice=store.notice if store else None)
