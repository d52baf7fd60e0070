"""What went wrong with the progress store, told apart by SQLite's error code.

``sqlite3.DatabaseError`` covers a damaged file, but also "database is
locked" and "database or disk is full": treating every one of them as damage
moved healthy stores aside, and the learner saw their progress gone (F2).
Here each failure is classified once, by its primary result code (the
message only where Python gives no code):

* **damage** (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``): the only case in which
  a file may be moved aside (:func:`is_damage`);
* **busy** (``SQLITE_BUSY``, ``SQLITE_LOCKED``): another process holds the
  database longer than the busy timeout; retried, then reported as busy;
* **full**, **read-only**, **cannot open**, **I/O error**: reported as what
  they are, naming the file, with nothing changed.

Every one becomes a :class:`StoreError`, a :class:`~tutor.errors.UserError`,
so a command ends with one clear sentence, and nothing committed is lost.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
import time
from pathlib import Path

from tutor.errors import UserError, shown

SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_AUTH, SQLITE_NOTADB = 11, 13, 14, 23, 26

_BY_MESSAGE = (
    ("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB), ("locked", SQLITE_BUSY), ("busy", SQLITE_BUSY),
    ("disk is full", SQLITE_FULL), ("readonly", SQLITE_READONLY), ("read-only", SQLITE_READONLY),
    ("unable to open", SQLITE_CANTOPEN), ("disk i/o error", SQLITE_IOERR),
)


class StoreError(UserError):
    """The progress store cannot be used right now; ``kind`` says why (busy, full, read-only, damaged, ...)."""

    def __init__(self, message: str, hint: str, kind: str) -> None:
        super().__init__(message, hint)
        self.kind = kind


def code_of(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of an error (extended codes folded), from the code or else the message."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    message = str(exc).lower()
    return next((found for text, found in _BY_MESSAGE if text in message), None)


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is damaged or is no database: the only reason to move it aside."""
    return code_of(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def is_busy(exc: sqlite3.Error) -> bool:
    return code_of(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def store_error(exc: BaseException, path: Path) -> StoreError:
    """One sentence for a failure of the store at ``path`` (a SQLite error or an OSError), and what to do."""
    where = shown(path)
    if isinstance(exc, sqlite3.Error) and any(text in str(exc) for text in ("no such table", "no such column", "has no column")):
        return StoreError(f"the progress store {where} does not have the tables tutor expects ({exc})",
                          "run 'tutor doctor' to examine it; back the file up before anything else", "schema")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return StoreError(f"cannot open the progress store {where}: {shown(Path(path).parent)} is not a folder",
                          "pass --data-dir with a folder (or a path where one can be made)", "cannot-open")
    if isinstance(exc, OSError):
        code = {errno.ENOSPC: SQLITE_FULL, errno.EDQUOT: SQLITE_FULL, errno.EROFS: SQLITE_READONLY, errno.EACCES: SQLITE_PERM,
                errno.EPERM: SQLITE_PERM}.get(exc.errno or 0, SQLITE_IOERR)
    else:
        code = code_of(exc) if isinstance(exc, sqlite3.Error) else None
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"the progress store {where} is busy: another program is using it", "wait a moment and try again; nothing was lost",
                          "busy")
    if code == SQLITE_FULL:
        return StoreError(f"cannot save to the progress store {where}: the disk is full",
                          "free some space and try again; everything saved before is kept", "full")
    if code == SQLITE_READONLY or (isinstance(exc, OSError) and exc.errno == errno.EROFS):
        return StoreError(f"the progress store {where} is read-only, so tutor cannot save answers there",
                          "make the file and its folder writable, or pass --data-dir with a folder you can write to", "read-only")
    if code in (SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN):
        return StoreError(f"cannot open the progress store {where}: permission denied, or its folder cannot be written",
                          "check the permissions of the file and its folder, or pass --data-dir", "cannot-open")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreError(f"the progress store {where} is damaged ({exc})",
                          "run 'tutor doctor' to check it; back the file up before anything else", "damaged")
    if code == SQLITE_IOERR:
        return StoreError(f"cannot read or write the progress store {where}: input/output error ({exc})",
                          "check the disk (is it full, or removed?) and try again; everything saved before is kept", "io")
    return StoreError(f"the progress store {where} failed: {exc}", "try again; if it keeps happening, run 'tutor doctor'", "other")


#: How often a busy database is tried (each try waits up to the busy timeout) before saying it is busy.
BUSY_TRIES = 3


def retry_busy(action):
    """Run ``action``; when SQLite stays busy past its timeout, try again a few times, then let the error through."""
    for attempt in range(BUSY_TRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt == BUSY_TRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def guarded(method):
    """Turn a SQLite failure inside a store method into a StoreError naming the file (for readers; writers use write())."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    return wrapper
