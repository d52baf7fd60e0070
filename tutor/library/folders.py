"""Find every lesson folder, load its articles and modules, and report problems.

Lessons come from, in order: the shipped ``lessons/`` (with ``seeds/``),
the ``lessons`` folder in the user's data folder, the folders in
``TUTOR_LESSONS`` (separated like ``PATH``) and each ``--lessons DIR``. A
later folder's module replaces an earlier one with the same id, and the
library records that so ``tutor list`` can say so. A folder may bring its own
articles in ``seeds/sources.yaml``; an article id that two folders define
differently is an error.

A broken module never stops the others: it is kept, with its diagnostics,
in :attr:`Library.broken` so the app can show it as unavailable.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import ContentError, Diagnostic, display_path
from tutor.content.models import Module
from tutor.content.sources import ArticleIndex
from tutor.fsutil import UnreadableFile, UnreadableFolder, list_folder, read_limited
from tutor.paths import shipped_lessons_dir, shipped_seeds_dir

# The YAML loader is imported where it is used: with the library cache
# (tutor.library.cache) the app's first frame never needs YAML at all.

_ID_LINE = re.compile(r"^id:\s*['\"]?([A-Za-z0-9_-]+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LessonFolder:
    """A folder of module files, and the articles that come with it (if any)."""

    lessons: Path
    seeds: Path | None
    origin: str
    #: False for the shipped folder under --no-shipped: its articles stay citable, its modules are not loaded.
    modules: bool = True


@dataclass(frozen=True, slots=True)
class BrokenModule:
    """A module file that failed to load, and why."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    module_id: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """A module that replaced another with the same id from an earlier folder."""

    module_id: str
    replaced: str
    by: str


@dataclass
class Library:
    articles: ArticleIndex | None
    modules: dict[str, Module] = field(default_factory=dict)
    broken: list[BrokenModule] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    source_diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.source_diagnostics, *(d for b in self.broken for d in b.diagnostics)]


def lesson_folders(data_dir: Path | None, extra: Sequence[str | Path] = (), shipped: bool = True) -> list[LessonFolder]:
    """Every folder tutor loads lessons from, in override order (last wins)."""
    folders = [LessonFolder(shipped_lessons_dir(), shipped_seeds_dir(), "shipped", modules=shipped)]
    candidates: list[tuple[Path, str]] = []
    if data_dir is not None:
        candidates.append((data_dir / "lessons", "data folder"))
    for part in os.environ.get("TUTOR_LESSONS", "").split(os.pathsep):
        if part.strip():
            candidates.append((Path(part).expanduser(), "TUTOR_LESSONS"))
    candidates.extend((Path(p).expanduser(), "--lessons") for p in extra)
    for path, origin in candidates:
        if origin == "data folder" and not path.is_dir():
            continue
        folders.append(folder_for(path, origin))
    return folders


def folder_for(path: Path, origin: str) -> LessonFolder:
    seeds = path / "seeds"
    try:
        (seeds / "sources.yaml").stat()
        present = True
    except (FileNotFoundError, NotADirectoryError):
        present = False
    except OSError:
        present = True  # there but unreadable: loading the sources reports why
    return LessonFolder(path, seeds if present else None, origin)


def load_articles(folders: Iterable[LessonFolder]) -> tuple[ArticleIndex, list[Diagnostic]]:
    """Articles from every folder that brings some; conflicting definitions are errors."""
    index = ArticleIndex()
    diagnostics: list[Diagnostic] = []
    seen_seeds: set[Path] = set()
    for folder in folders:
        if folder.seeds is None or folder.seeds.resolve() in seen_seeds:
            continue
        seen_seeds.add(folder.seeds.resolve())
        from tutor.content.sources import load_sources

        articles, diags = load_sources(folder.seeds, folder.origin)
        diagnostics.extend(diags)
        for article in articles:
            known = index.articles.get(article.id)
            if known is not None and _definition(known) != _definition(article):
                diagnostics.append(
                    Diagnostic(
                        str(folder.seeds / "sources.yaml"),
                        _line_of_id(folder.seeds / "sources.yaml", article.id),
                        1,
                        f"article id '{article.id}' is already defined differently in {known.origin}",
                        "give this article another id",
                    )
                )
                continue
            index.add(article)
    return index, diagnostics


def _definition(article) -> tuple:
    return (article.text, article.title, article.kind, article.author, article.outlet, article.date, article.body_start, article.body_end)


def _line_of_id(path: Path, article_id: str) -> int:
    from tutor.content.yamlsafe import MAX_BYTES

    try:
        text = read_limited(path, MAX_BYTES).decode("utf-8", "replace")
    except UnreadableFile:
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(rf"\bid:\s*['\"]?{re.escape(article_id)}\b", line):
            return number
    return 1


def folder_modules(folder: LessonFolder) -> list[Path]:
    return module_files(folder.lessons) if folder.modules else []


def module_files(folder: Path) -> list[Path]:
    """The module files of a folder, in name order (so authors control the order).

    Raises UnreadableFolder when the folder is missing or cannot be listed.
    Every ``*.yaml`` entry but a folder is returned, a FIFO or a device too:
    reading refuses those with a diagnostic, so they are reported, not skipped.
    """
    return [Path(e.path) for e in list_folder(folder) if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".") and not _is_dir(e)]


def _is_dir(entry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def guess_id(path: Path) -> str:
    """The id a broken module file seems to have, for showing it in lists (from its first 4 KiB only)."""
    try:
        head = read_limited(path, 4096, head=True).decode("utf-8", "replace")
    except UnreadableFile:
        return path.stem
    found = _ID_LINE.search(head)
    return found.group(1) if found else path.stem


class ModuleLoader:
    """Loads whole modules against every article the folders bring.

    :func:`load_library` asks a loader for each file; the listing cache
    (:mod:`tutor.library.listing`) is another loader that answers from its
    cache when a file has not changed.
    """

    def __init__(self, folders: Sequence[LessonFolder]) -> None:
        self.articles, self.source_diagnostics = load_articles(folders)

    def load(self, path: Path, shown: str) -> Module:
        from tutor.library.loader import load_module

        return load_module(path, self.articles, shown)


def load_library(folders: Sequence[LessonFolder], loader=None) -> Library:
    """Load every module of every folder; broken ones are kept aside with their errors."""
    loader = loader or ModuleLoader(folders)
    library = Library(articles=None, source_diagnostics=list(loader.source_diagnostics))
    with _collector_paused():
        for folder in folders:
            try:
                files = folder_modules(folder)
            except UnreadableFolder as exc:
                if folder.origin != "shipped":
                    library.broken.append(BrokenModule(str(folder.lessons), (folder_diagnostic(folder, exc.reason),)))
                continue
            _load_folder(library, folder, files, loader)
    library.articles = loader.articles
    return library


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector during a bulk load.

    Loading builds many long-lived objects and no cycles; with the collector
    running, each generation-2 pass re-walks everything loaded so far, which
    nearly doubles the time of a large load (measured in notes/measured-facts).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def folder_diagnostic(folder: LessonFolder, reason: str) -> Diagnostic:
    """A lesson folder that cannot be used: missing, not a folder, or unreadable (never shown as empty)."""
    if reason == "no such file or folder":
        return Diagnostic(str(folder.lessons), 1, 1, f"lesson folder from {folder.origin} does not exist", "check the path")
    return Diagnostic(str(folder.lessons), 1, 1, f"lesson folder from {folder.origin} cannot be read: {reason}", "check the path and its permissions")


def _load_folder(library: Library, folder: LessonFolder, files: list[Path], loader) -> None:
    in_this_folder: dict[str, str] = {}
    for path in files:
        library.files += 1
        shown = display_path(path)
        try:
            module = loader.load(path, shown)
        except ContentError as exc:
            library.broken.append(BrokenModule(shown, tuple(exc.diagnostics), guess_id(path)))
            continue
        if module.id in in_this_folder:
            diag = Diagnostic(
                shown, module.line, 1, f"module id '{module.id}' is also used by {in_this_folder[module.id]}", "give each module its own id"
            )
            library.broken.append(BrokenModule(shown, (diag,), module.id))
            continue
        in_this_folder[module.id] = shown
        previous = library.modules.pop(module.id, None)
        if previous is not None:
            library.overrides.append(Override(module.id, previous.path, shown))
        library.modules[module.id] = _with_origin(module, folder.origin)


def _with_origin(module, origin: str):
    """Record which folder a module came from (models are frozen, hence setattr)."""
    object.__setattr__(module, "origin", origin)
    return module


def validate_paths(paths: Sequence[Path], folders: Sequence[LessonFolder]) -> Library:
    """Validate the given files or folders against every article tutor knows."""
    targets: list[LessonFolder] = []
    for path in paths:
        target = path if path.is_dir() else path.parent
        targets.append(folder_for(target, "command line"))
    articles, diags = load_articles([*folders, *targets])
    library = Library(articles=articles, source_diagnostics=diags)
    with _collector_paused():
        for path in paths:
            _validate_one(library, path)
    _report_shared_ids(library)
    return library


def _report_shared_ids(library: Library) -> None:
    """Two files of one folder with the same module id: the loader would drop one, so validate says so.

    Across folders a shared id is an override (a later folder replaces a
    module on purpose), which ``tutor list`` notes; within a folder it is a mistake.
    """
    first: dict[tuple[str, str], str] = {}
    for shown, module in list(library.modules.items()):
        key = (str(Path(shown).parent), module.id)
        if key not in first:
            first[key] = shown
            continue
        diag = Diagnostic(shown, module.line, 1, f"module id '{module.id}' is also used by {first[key]}", "give each module its own id")
        library.broken.append(BrokenModule(shown, (diag,), module.id))
        del library.modules[shown]


def _validate_one(library: Library, path: Path) -> None:
    def refuse(message: str, hint: str) -> None:
        library.broken.append(BrokenModule(str(path), (Diagnostic(str(path), 1, 1, message, hint),)))

    try:
        is_folder = stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return refuse("no such file or folder", "check the path")
    except OSError as exc:
        return refuse(f"cannot read it: {exc.strerror or exc}", "check the path and its permissions")
    try:
        files = module_files(path) if is_folder else [path]
    except UnreadableFolder as exc:
        return refuse(f"cannot read the folder: {exc.reason}", "check its permissions")
    for file in files:
        library.files += 1
        shown = display_path(file)
        from tutor.library.loader import load_module

        try:
            module = load_module(file, library.articles, shown)
        except ContentError as exc:
            library.broken.append(BrokenModule(shown, tuple(exc.diagnostics), guess_id(file)))
            continue
        # Kept for `validate --strict`; keyed by file, since the files given may share ids.
        library.modules[shown] = module
