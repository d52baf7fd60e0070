"""Opening the database file safely: permissions, a start-up lock, and recovery.

A damaged progress file must never stop a learner or be silently deleted.
At start-up, under an exclusive lock so two tutors starting together do not
race, the file is checked: a zero-length file (which ``quick_check`` would
pass), a file that is not SQLite, or one that fails ``quick_check`` (which
can itself raise on a damaged file) is moved aside under a timestamped name
and a fresh store is started; the caller tells the user where it went.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


@contextlib.contextmanager
def startup_lock(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock held while the store is checked and migrated."""
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking still protects the data
        yield
        return
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def diagnose(path: Path) -> str | None:
    """Why the file at ``path`` cannot be used as a progress database, or None."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return "it was empty"
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return "it is not a SQLite database"
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite could not read it ({exc})"
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
