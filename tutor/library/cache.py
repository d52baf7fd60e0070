"""A cache of the whole loaded library, so the app starts without parsing YAML.

The app needs every module in full (question ids and hashes for progress),
and parsing and validating the lessons is the largest part of start-up that
is tutor's own. The loaded :class:`Library` is kept in the data folder as
**data only**: MessagePack decoded by msgspec into tutor's own dataclasses
against one typed schema (:class:`_Cache`), never pickle. Decoding cannot
run code, whatever the file holds, and a file whose shape or types are not
the schema's is refused by the decoder. It is keyed by every lesson and
article file's size and modification time, the folders in use, and tutor's
content code; any change rebuilds it. A cache that cannot be read, decoded or
written is simply rebuilt or skipped: it is never worth an error.

Decoding the shipped library this way takes about a sixth of the time
unpickling it did (1.2 ms against 7.4 ms here).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path

import msgspec

from tutor.content.errors import Diagnostic
from tutor.content.models import Article, Module
from tutor.content.sources import ArticleIndex
from tutor.errors import UserError
from tutor.fsutil import UnreadableFile, UnreadableFolder, atomic_write, read_limited
from tutor.library.folders import BrokenModule, LessonFolder, Library, Override, folder_modules, load_library
from tutor.library.listing import fingerprint

CACHE_NAME = "library.msgpack"
#: Bumped whenever the schema below or the models it holds change shape.
CACHE_FORMAT = 1
#: Largest cache read; a thousand modules the size of the largest shipped one take about 60 MB.
MAX_CACHE_BYTES = 256 << 20
#: Written by tutor before the cache was data-only; never read, removed when a new cache is written.
_OLD_PICKLE = "library.pickle"


class _Cache(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """Everything in a :class:`Library`, as plain typed data."""

    format: int
    key: str
    articles: list[Article]
    modules: list[Module]
    broken: list[BrokenModule]
    overrides: list[Override]
    source_diagnostics: list[Diagnostic]
    files: int


_DECODER = msgspec.msgpack.Decoder(_Cache)


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
    return json.dumps([CACHE_FORMAT, fingerprint(folders), [(str(f.lessons), str(f.seeds), f.origin, f.modules) for f in folders], files])


def encode(key: str, library: Library) -> bytes:
    articles = list(library.articles.articles.values()) if library.articles is not None else []
    # Module._by_id is a lookup built on first use: not data, so not stored.
    modules = [dataclasses.replace(m, _by_id={}) for m in library.modules.values()]
    cache = _Cache(CACHE_FORMAT, key, articles, modules, list(library.broken), list(library.overrides), list(library.source_diagnostics),
                   library.files)
    return msgspec.msgpack.encode(cache)


def decode(data: bytes, key: str) -> Library | None:
    """The library a cache file holds, or None if it is for other files, damaged, or not a cache at all."""
    try:
        cache = _DECODER.decode(data)
    except (msgspec.MsgspecError, ValueError, TypeError, RecursionError):
        return None
    if cache.format != CACHE_FORMAT or cache.key != key:
        return None
    modules: dict[str, Module] = {}
    for module in cache.modules:
        module._by_id.clear()  # rebuilt from the questions themselves, whatever the file held
        modules[module.id] = module
    index = ArticleIndex()
    for article in cache.articles:
        index.add(article)
    return Library(articles=index, modules=modules, broken=cache.broken, overrides=cache.overrides,
                   source_diagnostics=cache.source_diagnostics, files=cache.files)


def cached_library(folders: Sequence[LessonFolder], data_dir: Path) -> Library:
    """The library, from the cache when nothing it was built from has changed."""
    path = data_dir / "cache" / CACHE_NAME
    key = cache_key(folders)
    try:
        library = decode(read_limited(path, MAX_CACHE_BYTES), key)
    except UnreadableFile:
        library = None
    if library is not None:
        return library
    library = load_library(folders)
    _save(path, key, library)
    return library


def check_cache(data_dir: Path, folders: Sequence[LessonFolder]) -> str:
    """What ``tutor doctor`` reports about the library cache: "ok", "absent", or why it will be rebuilt."""
    path = data_dir / "cache" / CACHE_NAME
    try:
        data = read_limited(path, MAX_CACHE_BYTES)
    except UnreadableFile as exc:
        return "absent" if exc.reason == "no such file or folder" else f"unreadable ({exc.reason})"
    try:
        cache = _DECODER.decode(data)
    except (msgspec.MsgspecError, ValueError, TypeError, RecursionError) as exc:
        return f"damaged ({str(exc)[:80]})"
    if cache.format != CACHE_FORMAT or cache.key != cache_key(folders):
        return "out of date"
    return "ok"


def _save(path: Path, key: str, library: Library) -> None:
    """Write the cache (atomically: no temporary file is left behind); a failure only costs speed next time."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, encode(key, library), mode=0o600, durable=False)
    except (OSError, UserError, msgspec.MsgspecError, TypeError, ValueError):
        return
    with contextlib.suppress(OSError):
        os.unlink(path.with_name(_OLD_PICKLE))
