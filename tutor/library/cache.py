"""A cache of the whole loaded library, so the app starts without parsing YAML.

The app needs every module in full (question ids and hashes for progress),
and parsing and validating the lessons is the largest part of start-up that
is tutor's own. The loaded :class:`Library` is pickled in the data folder,
keyed by every lesson and article file's size and modification time, the
folders in use, and tutor's content code; any change rebuilds it. Loading
uses a restricted unpickler that accepts only tutor's content classes, and a
cache that cannot be read is simply rebuilt: it is never worth an error.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tutor.fsutil import UnreadableFolder
from tutor.library.folders import LessonFolder, Library, folder_modules, load_library
from tutor.library.listing import fingerprint

CACHE_NAME = "library.pickle"
_ALLOWED_MODULES = {
    "tutor.content.models", "tutor.library.folders", "tutor.content.sources", "tutor.content.errors",
}
_ALLOWED_BUILTINS = {"set", "frozenset", "dict", "list", "tuple"}


class _ContentUnpickler(pickle.Unpickler):
    """Refuses every class that is not one of tutor's content models."""

    def find_class(self, module: str, name: str):
        if module in _ALLOWED_MODULES or (module == "builtins" and name in _ALLOWED_BUILTINS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the library cache")


def cache_key(folders: Sequence[LessonFolder]) -> str:
    files = []
    for folder in folders:
        try:
            paths = folder_modules(folder)
        except UnreadableFolder as exc:
            files.append((str(folder.lessons), exc.reason, 0))
            continue
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            files.append((str(path), st.st_mtime_ns, st.st_size))
    return json.dumps([fingerprint(folders), [(str(f.lessons), str(f.seeds), f.origin, f.modules) for f in folders], files])


def cached_library(folders: Sequence[LessonFolder], data_dir: Path) -> Library:
    """The library, from the cache when nothing it was built from has changed."""
    path = data_dir / "cache" / CACHE_NAME
    key = cache_key(folders)
    try:
        with open(path, "rb") as handle:
            stored_key, library = _ContentUnpickler(io.BytesIO(handle.read())).load()
        if stored_key == key and isinstance(library, Library):
            return library
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, pickle.UnpicklingError):
        pass
    library = load_library(folders)
    _save(path, key, library)
    return library


def _save(path: Path, key: str, library: Library) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".library-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, library), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        pass
