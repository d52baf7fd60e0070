"""Opening the database file safely: permissions, a start-up lock, and recovery.

A damaged progress file must never stop a learner or be silently deleted.
At start-up, under an exclusive lock so two tutors starting together do not
race, the file is checked: a zero-length file (which ``quick_check`` would
pass), a file that is not SQLite, or one that fails ``quick_check`` (which
can itself raise on a damaged file) is moved aside under a timestamped name
and a fresh store is started; the caller tells the user where it went.

Only real damage moves a file aside (tutor.progress.faults.is_damage): a
store that is locked by another program, on a full disk, read-only, or not a
regular file at all raises a StoreError saying so, and stays where it is.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from tutor.errors import shown
from tutor.progress.faults import StoreError, is_damage, store_error

SQLITE_MAGIC = b"SQLite format 3\x00"


@contextlib.contextmanager
def startup_lock(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock held while the store is checked and migrated.

    Raises StoreError when the lock file cannot be made (a read-only or full
    data folder): the store could not be written there either.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking still protects the data
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise store_error(exc, lock_path.with_name(lock_path.name.removesuffix(".lock"))) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def diagnose(path: Path, timeout: float = 5.0) -> str | None:
    """Why the file at ``path`` is damaged beyond use as a progress database, or None.

    Returns a reason only for real damage (empty, not SQLite, failed or
    unreadable integrity check); raises StoreError for a store that is merely
    busy, on a full disk, unreadable or not a regular file.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise store_error(exc, path) from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"the progress store {shown(path)} is not a file (it is a folder, a pipe or a device)",
                         "move it away, or pass --data-dir with another folder", "not-a-file")
    wal = path.with_name(path.name + "-wal")
    if info.st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0):
        return "it was empty"
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise store_error(exc, path) from None
    if info.st_size and header != SQLITE_MAGIC:
        return "it is not a SQLite database"
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            return f"SQLite could not read it ({exc})"
        raise store_error(exc, path) from None
    return None if result == "ok" else f"SQLite found damage ({result})"


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to a timestamped name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only.

    SQLite gives the -wal and -shm files the permissions of the database, so
    creating it 0600 first keeps all three private whatever the umask.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)
