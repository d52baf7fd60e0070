"""Where tutor keeps its files and finds its shipped content.

The data folder holds the progress database, the listing cache and a
``lessons/`` folder for a teacher's own modules. It is, in order: the
``--data-dir`` option, the ``TUTOR_HOME`` environment variable, or the
platform's user data folder (``platformdirs``). It is created 0700 because
it holds learners' answers.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(override: str | os.PathLike[str] | None = None, create: bool = False) -> Path:
    """The folder for progress, cache and a teacher's own lessons."""
    if override:
        path = Path(override).expanduser()
    elif os.environ.get("TUTOR_HOME"):
        path = Path(os.environ["TUTOR_HOME"]).expanduser()
    else:
        from platformdirs import user_data_path

        path = user_data_path("tutor", appauthor=False)
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _shipped(name: str) -> Path:
    """A folder shipped with tutor: inside the wheel, else beside the package (a checkout)."""
    packaged = PACKAGE_DIR / "_data" / name
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / name


def shipped_lessons_dir() -> Path:
    return _shipped("lessons")


def shipped_seeds_dir() -> Path:
    return _shipped("seeds")
