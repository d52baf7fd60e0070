"""The session: the one place that owns a learner's runs, scores and attempts.

:func:`open_session` builds everything but the UI (the library from its
cache, the learner's store, the profile), so ``tutor start``, plain mode,
``tutor quiz``, ``tutor submit``, the browser entry and the tests all begin
the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from tutor.errors import UserError, shown
from tutor.progress.summary import ModuleProgress, Place
from tutor.session.core import AttemptsUsed, TutorSession
from tutor.session.runs import Availability, QuizRun, ReviewItem, RunResult

__all__ = [
    "AttemptsUsed", "Availability", "ModuleProgress", "Place", "QuizRun", "ReviewItem", "RunResult", "TutorSession",
    "open_session", "open_store", "resolve_profile",
]


def resolve_profile(name: str | None) -> str:
    """The learner's profile: the name given (checked), or the operating-system user."""
    from tutor.progress.profiles import check_profile, default_profile

    return check_profile(name) if name is not None else default_profile()


def open_store(data_dir: Path | str | None, strict: bool = True):
    """The progress store in the data folder; UserError when it cannot be opened (``strict=False``: see Store.open)."""
    from tutor.paths import data_dir as resolve_data_dir
    from tutor.progress.schema import NewerDatabaseError
    from tutor.progress.store import Store, default_store_path

    path = default_store_path(resolve_data_dir(data_dir))
    try:
        return Store.open(path, strict=strict)
    except NewerDatabaseError as exc:
        raise UserError(str(exc), "use a newer tutor, or pass --data-dir to keep a separate store") from None
    except (OSError, sqlite3.Error) as exc:
        raise UserError(f"cannot open the progress store at {shown(path)}: {exc}", "check the folder's permissions, or pass --data-dir") from None


def open_session(
    data_dir: Path | str | None = None,
    lessons: Sequence[str | Path] = (),
    profile: str | None = None,
    assignment=None,
    results_dir: Path | str | None = None,
    shipped: bool = True,
) -> TutorSession:
    """The library (from its cache), the learner's store and the session."""
    from tutor.library import open_library
    from tutor.paths import data_dir as resolve_data_dir

    name = resolve_profile(profile)
    home = resolve_data_dir(data_dir)
    library = open_library(home, lessons, shipped=shipped)
    store = open_store(home)
    try:
        upgrade_hashes(library, store)
    except BaseException:
        store.close()
        raise
    return TutorSession(library, store, name, assignment, results_dir)


def upgrade_hashes(library, store) -> None:
    """Carry answers stored under tutor 0.1.0's question hashes over to today's identities.

    Only answers to questions that are unchanged since are carried over;
    the others stay as answers to an earlier version, as before.
    """
    from tutor.library.identity import legacy_question_hash

    stale = store.legacy_hashes()
    if not stale:
        return
    changes = []
    for module_id, question_id, old in stale:
        module = library.modules.get(module_id)
        question = module.question(question_id) if module else None
        if question is not None and legacy_question_hash(question) == old:
            changes.append((module_id, question_id, old, question.content_hash))
    store.replace_hashes(changes)
