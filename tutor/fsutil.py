"""Writing files so that a crash, a full disk or a power cut never leaves half a file.

Every file tutor writes for a user (result files, assignments, gradebooks,
exports, caches) goes through :func:`atomic_write`: a temporary file in the
same folder, fsync, rename over the target, fsync of the folder. A reader sees
the old file or the new one, never a mix; a failed write leaves no temporary
file behind and the old file untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from tutor.errors import UserError


def atomic_write(path: Path, data: bytes | str, mode: int = 0o600, durable: bool = True) -> Path:
    """Replace ``path`` with ``data`` atomically; ``durable`` also fsyncs (skip it for caches).

    Raises :class:`UserError` naming the path when the folder is missing, is
    not writable, or the disk is full.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".tmp")
    except OSError as exc:
        raise write_error(path, exc) from None
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
            raise write_error(path, exc) from None
        raise
    if durable:
        fsync_folder(folder)
    return path


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
        return UserError(f"cannot write {path}: the folder {folder} does not exist", "create it first, or choose another path")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(f"cannot write {path}: the disk is full", "free some space and try again; nothing was changed")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"cannot write {path}: permission denied", "choose a folder you can write to")
    if exc.errno == errno.EISDIR or path.is_dir():
        return UserError(f"cannot write {path}: it is a folder", "give a file name")
    return UserError(f"cannot write {path}: {exc.strerror or exc}", "check the path and try again")
