"""The lesson library: finding lesson folders, loading modules, caching, linting.

:func:`open_library` is the one way in for everything that shows or plays
lessons: it answers from the cache when no lesson, article or content-code
file changed, and loads (and caches) otherwise. ``tutor list`` asks for
``summaries`` (a lighter cache that scales to thousands of modules);
``tutor validate`` asks for ``cache=False`` so every file really is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.library.folders import BrokenModule, LessonFolder, Library, lesson_folders, load_articles, load_library, validate_paths

__all__ = ["BrokenModule", "LessonFolder", "Library", "lesson_folders", "load_articles", "load_library", "open_library", "validate_paths"]


def open_library(
    data_dir: Path | None, lessons: Sequence[str | Path] = (), *, shipped: bool = True, cache: bool = True, summaries: bool = False
) -> Library:
    """The library tutor uses: shipped lessons (unless ``shipped=False``), the data folder's, TUTOR_LESSONS and ``lessons``."""
    folders = lesson_folders(data_dir, lessons, shipped=shipped)
    if summaries and data_dir is not None:
        from tutor.library.listing import list_library

        return list_library(folders, data_dir)
    if cache and data_dir is not None:
        from tutor.library.cache import cached_library

        return cached_library(folders, data_dir)
    return load_library(folders)
