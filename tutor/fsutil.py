"""Reading and writing files so that no file can hang, flood or half-write tutor.

Every file tutor writes for a user (result files, assignments, gradebooks,
exports, caches) goes through :func:`atomic_write`: a temporary file in the
same folder, fsync, rename over the target, fsync of the folder. A reader sees
the old file or the new one, never a mix; a failed write leaves no temporary
file behind and the old file untouched.

Every file tutor reads that a user or a teacher can name (lessons, articles,
assignments, result files, caches) goes through :func:`read_limited`: it is
opened without blocking and checked *before* reading, so a FIFO, a device
(``/dev/zero``), a folder or a huge sparse file is refused at once instead of
hanging or filling memory, and no more than the limit is ever read. Folders
are listed with :func:`list_folder` and walked with :func:`walk_files`, which
report an unreadable folder instead of skipping it and never recurse.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.errors import UserError, shown


class UnreadableFile(UserError):
    """A file tutor will not or cannot read; ``reason`` says why, for a diagnostic of its own."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot read {shown(path)}: {reason}", "check the path and its permissions")
        self.path = Path(path)
        self.reason = reason


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def not_a_file(mode: int) -> str | None:
    """Why a file of this mode is no regular file (None if it is one)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "it is a pipe or a socket, not a file"
    return "it is a device, not a file"


def read_limited(path: Path | str, limit: int, *, head: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; UnreadableFile otherwise.

    With ``head``, a larger file is not refused: only its first ``limit``
    bytes are read (enough to guess an id). The file is opened non-blocking,
    so opening a FIFO returns at once, and checked with fstat on the open
    descriptor, so what is checked is what is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(path, _os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        problem = not_a_file(info.st_mode)
        if problem:
            raise UnreadableFile(path, problem)
        if info.st_size > limit and not head:
            raise UnreadableFile(path, f"it is larger than {limit // 1024} KiB")
        chunks: list[bytes] = []
        wanted = limit if head else limit + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as exc:
        raise UnreadableFile(path, _os_reason(exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while we read it
        raise UnreadableFile(path, f"it is larger than {limit // 1024} KiB")
    return data


def resolves_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path``, symbolic links followed, is inside ``folder`` (itself resolved)."""
    real = os.path.realpath(path)
    base = os.path.realpath(folder)
    return real.startswith(base.rstrip(os.sep) + os.sep)


def make_private(path: Path | str) -> bool:
    """Make a regular file readable by its owner only; True if its mode changed.

    Never follows a symbolic link (the link's target could be any file the
    user owns, or, run as root, any file at all): the file is opened with
    O_NOFOLLOW and changed through that descriptor, so what was checked is
    what is changed. A link, a missing file or anything but a regular file is left alone.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False  # missing, a symbolic link (ELOOP), or not ours to open
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not info.st_mode & 0o077:
            return False
        os.fchmod(fd, stat.S_IMODE(info.st_mode) & 0o700)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


class UnreadableFolder(UserError):
    """A folder that is missing, not a folder, or cannot be listed; ``reason`` says which."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot read the folder {shown(path)}: {reason}", "check the path and its permissions")
        self.path = Path(path)
        self.reason = reason


def list_folder(path: Path | str) -> list[os.DirEntry]:
    """The entries of a folder, sorted by name; UnreadableFolder when it cannot be listed."""
    try:
        with os.scandir(path) as entries:
            return sorted(entries, key=lambda e: e.name)
    except NotADirectoryError:
        raise UnreadableFolder(path, "it is not a folder") from None
    except OSError as exc:
        raise UnreadableFolder(path, _os_reason(exc)) from None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A folder a walk could not search, and why."""

    path: Path
    reason: str


#: Deepest folder a walk searches; result folders are a few levels deep at most.
MAX_WALK_DEPTH = 64


def walk_files(root: Path, suffixes: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """Files under ``root`` whose names end in one of ``suffixes``, and the folders that could not be searched.

    Iterative (a very deep tree cannot exhaust the stack), depth-limited,
    and never follows a symbolic link to a folder (no loops). An unreadable
    folder, or one deeper than MAX_WALK_DEPTH, is reported, not skipped silently.
    """
    suffixes = tuple(suffixes)
    found: list[Path] = []
    skipped: list[Skipped] = []
    stack: list[tuple[Path, int]] = [(Path(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = list_folder(folder)
        except UnreadableFolder as exc:
            skipped.append(Skipped(folder, exc.reason))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if depth + 1 > MAX_WALK_DEPTH:
                    skipped.append(Skipped(Path(entry.path), f"it is nested more than {MAX_WALK_DEPTH} folders deep"))
                else:
                    subfolders.append(Path(entry.path))
            elif entry.name.endswith(suffixes):
                found.append(Path(entry.path))
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))
    return found, skipped


def atomic_write(path: Path, data: bytes | str, mode: int = 0o600, durable: bool = True) -> Path:
    """Replace ``path`` with ``data`` atomically; ``durable`` also fsyncs (skip it for caches).

    Raises :class:`UserError` naming the path when the folder is missing, is
    not writable, or the disk is full.
    """
    named = Path(path)
    # A symbolic link is written through: its target is replaced and the link kept. Renaming over the
    # link itself would replace it, and for /dev/stdout (a link) as root that replaces it for everyone.
    path = Path(os.path.realpath(named)) if os.path.islink(named) else named
    folder = path.parent if str(path.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing = os.stat(path).st_mode
    except OSError:
        existing = None  # missing (the usual case) or unreadable: the write itself will say
    if existing is not None and not stat.S_ISREG(existing) and not stat.S_ISDIR(existing):
        # Renaming over a device or a FIFO would replace the node itself.
        raise UserError(f"cannot write {shown(named)}: {not_a_file(existing)}", "give the name of a regular file")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".tmp")
    except OSError as exc:
        raise write_error(named, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(named, exc) from None
        raise
    if durable:
        fsync_folder(folder)
    return named


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible on every platform: then skipped)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_error(path: Path, exc: OSError) -> UserError:
    """A user-facing error for a failed write, naming the path and the likely fix."""
    folder = path.parent if str(path.parent) else Path(".")
    if exc.errno == errno.ENOENT and not folder.is_dir():
        return UserError(f"cannot write {shown(path)}: the folder {shown(folder)} does not exist", "create it first, or choose another path")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(f"cannot write {shown(path)}: the disk is full", "free some space and try again; nothing was changed")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"cannot write {shown(path)}: permission denied", "choose a folder you can write to")
    if exc.errno == errno.EISDIR or path.is_dir():
        return UserError(f"cannot write {shown(path)}: it is a folder", "give a file name")
    return UserError(f"cannot write {shown(path)}: {exc.strerror or exc}", "check the path and try again")
