"""A cache of module summaries so ``tutor list`` stays fast on large libraries.

Listing needs only a module's id, title, topic, minutes and question count,
or the reasons it is broken. Those are kept in ``cache/listing.json`` in the
data folder, per file, keyed by the file's size and modification time. The
whole cache is thrown away when the articles or tutor's own content code
change, since either can change what validates. A cache that cannot be read
or written is simply rebuilt or skipped: it is never worth an error.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tutor import __version__
from tutor.content.errors import ContentError, Diagnostic
from tutor.content.models import Module
from tutor.errors import UserError
from tutor.fsutil import UnreadableFile, UnreadableFolder, atomic_write, list_folder, read_limited
from tutor.library.folders import LessonFolder, Library, ModuleLoader, load_library

CACHE_VERSION = 2
#: Largest listing cache read (thousands of modules take a few MB); anything else is rebuilt.
CACHE_LIMIT = 64 << 20
#: The code that decides what validates: any change to it invalidates every cache.
_CONTENT_CODE = tuple(Path(__file__).resolve().parent.parent / name for name in ("content", "kinds", "library"))


@dataclass(frozen=True, slots=True)
class ModuleSummary:
    """What a module listing shows, without the module's full content."""

    id: str
    title: str
    topic: str
    minutes: int
    questions: int
    path: str
    line: int = 1
    origin: str = ""
    #: (question id, content hash) pairs, so progress can be counted without the full module.
    hashes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, module: Module) -> ModuleSummary:
        hashes = tuple((q.id, q.content_hash) for q in module.questions)
        return cls(module.id, module.title, module.topic, module.minutes, len(module.questions), module.path, module.line, hashes=hashes)


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def fingerprint(folders: Sequence[LessonFolder]) -> str:
    """Changes whenever the articles or the content code could change a verdict."""
    parts: list[object] = [CACHE_VERSION, __version__]
    parts += [(str(p), _stamp(p)) for folder in _CONTENT_CODE for p in sorted(folder.glob("*.py"))]
    for folder in folders:
        if folder.seeds is not None:
            try:
                parts += [(entry.path, _stamp(Path(entry.path))) for entry in list_folder(folder.seeds)]
            except UnreadableFolder as exc:
                parts.append((str(folder.seeds), exc.reason))
    return json.dumps(parts)


class CachedSummaryLoader:
    """A loader for :func:`load_library` that returns summaries, cached per file."""

    def __init__(self, folders: Sequence[LessonFolder], cache_file: Path) -> None:
        self.folders = folders
        self.cache_file = cache_file
        self.key = fingerprint(folders)
        self._full: ModuleLoader | None = None
        cached = self._read()
        self.entries: dict[str, dict] = cached.get("entries", {})
        self._source_diagnostics = cached.get("sources")
        self.dirty = False

    def _read(self) -> dict:
        try:
            data = json.loads(read_limited(self.cache_file, CACHE_LIMIT).decode("utf-8"))
        except (UnreadableFile, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) and data.get("key") == self.key else {}

    @property
    def full(self) -> ModuleLoader:
        """The real loader, built only when some file is not in the cache."""
        if self._full is None:
            self._full = ModuleLoader(self.folders)
        return self._full

    @property
    def source_diagnostics(self) -> list[Diagnostic]:
        if self._source_diagnostics is not None:
            try:
                return [_diagnostic(d) for d in self._source_diagnostics]
            except _DAMAGED:
                pass  # a damaged cache entry: rebuilt below
        self._source_diagnostics = [asdict(d) for d in self.full.source_diagnostics]
        self.dirty = True
        return [Diagnostic(**d) for d in self._source_diagnostics]

    @property
    def articles(self):
        return self._full.articles if self._full else None

    def load(self, path: Path, shown: str) -> ModuleSummary:
        stamp = _stamp(path)
        entry = self.entries.get(str(path))
        if not isinstance(entry, dict) or entry.get("stamp") != stamp or entry.get("shown") != shown:
            entry = self._fresh(path, shown, stamp)
        try:
            return _summary(entry)
        except _DAMAGED:  # the cache file was damaged or edited: never trusted, rebuilt
            return _summary(self._fresh(path, shown, stamp))

    def _fresh(self, path: Path, shown: str, stamp: list[int] | None) -> dict:
        try:
            entry = {"summary": asdict(ModuleSummary.of(self.full.load(path, shown)))}
        except ContentError as exc:
            entry = {"errors": [asdict(d) for d in exc.diagnostics]}
        entry.update(stamp=stamp, shown=shown)
        self.entries[str(path)] = entry
        self.dirty = True
        return entry

    def save(self) -> None:
        """Write the cache atomically; a failure only costs speed next time."""
        if not self.dirty:
            return
        payload = {"key": self.key, "sources": self._source_diagnostics, "entries": self.entries}
        try:
            self.cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write(self.cache_file, json.dumps(payload), mode=0o600, durable=False)
        except (OSError, UserError):
            pass


#: What reading a damaged or hand-edited cache entry can raise; the entry is then rebuilt.
_DAMAGED = (TypeError, KeyError, ValueError, AttributeError)


def _diagnostic(fields: dict) -> Diagnostic:
    diag = Diagnostic(**fields)
    if not (isinstance(diag.path, str) and isinstance(diag.line, int) and isinstance(diag.col, int) and isinstance(diag.message, str)):
        raise TypeError("not a diagnostic")
    return diag


def _summary(entry: dict) -> ModuleSummary:
    """A cached entry as a summary, or the ContentError it recorded; _DAMAGED if it is neither."""
    if "errors" in entry:
        raise ContentError([_diagnostic(d) for d in entry["errors"]])
    summary = dict(entry["summary"])
    summary["hashes"] = tuple((str(qid), str(qhash)) for qid, qhash in summary.get("hashes", ()))
    made = ModuleSummary(**summary)
    if not all(isinstance(v, t) for v, t in ((made.id, str), (made.title, str), (made.topic, str), (made.minutes, int), (made.questions, int))):
        raise TypeError("not a module summary")
    return made


def list_library(folders: Sequence[LessonFolder], data_dir: Path) -> Library:
    """The library as summaries (``Library.modules`` maps ids to ModuleSummary)."""
    loader = CachedSummaryLoader(folders, data_dir / "cache" / "listing.json")
    library = load_library(folders, loader)
    loader.save()
    return library
