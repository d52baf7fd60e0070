"""A disk that fills during a write leaves no temporary file and no half file (F31).

Each case runs twice: on a real, tiny tmpfs (where mounting is allowed) and
with ENOSPC simulated by a monkeypatched write (everywhere).
"""

from __future__ import annotations

import errno
import os

import pytest

from tests.conftest import LESSONS
from tests.hardening.conftest import fill
from tutor import fsutil
from tutor.errors import UserError
from tutor.library import cache, listing
from tutor.library.folders import lesson_folders


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".") or name.endswith(".tmp"))


@pytest.fixture(params=["tmpfs", "simulated"])
def full_folder(request, tmp_path, monkeypatch):
    """A folder on a disk that is full (really, or as far as os.write and fsync can tell)."""
    if request.param == "tmpfs":
        folder = request.getfixturevalue("tiny_disk") / "out"
        folder.mkdir()
        (folder / "old.csv").write_text("the old gradebook\n")
        fill(folder)
        return folder
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "old.csv").write_text("the old gradebook\n")

    class FullFile:
        def __init__(self, fd, *args, **kwargs):
            self.fd = fd

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            os.close(self.fd)

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            raise OSError(errno.ENOSPC, "No space left on device")

        def fileno(self):
            return self.fd

    monkeypatch.setattr(fsutil.os, "fdopen", FullFile)
    return folder


def test_atomic_write_on_a_full_disk_leaves_nothing_behind(full_folder):
    with pytest.raises(UserError, match="the disk is full"):
        fsutil.atomic_write(full_folder / "old.csv", "x" * 200_000)
    assert (full_folder / "old.csv").read_text() == "the old gradebook\n"  # untouched
    assert leftovers(full_folder) == []


def test_caches_on_a_full_disk_cost_speed_only(full_folder):
    folders = lesson_folders(None, [LESSONS], shipped=False)
    home = full_folder / "home"
    os.makedirs(home / "cache", exist_ok=True)
    library = cache.cached_library(folders, home)
    assert set(library.modules) == {"bridge-basics", "bridge-sources"}
    listed = listing.list_library(folders, home)
    assert set(listed.modules) == {"bridge-basics", "bridge-sources"}
    assert leftovers(home / "cache") == []


def test_atomic_write_never_replaces_a_device_a_fifo_or_a_link(tmp_path):
    """Renaming over /dev/stdout (a symlink) or /dev/full as root would replace them for everyone; tested here on stand-ins
    in a temporary folder (a FIFO and symbolic links), never on /dev itself."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="it is a pipe or a socket, not a file"):
        fsutil.atomic_write(fifo, "x")
    link_to_fifo = tmp_path / "stdout"
    link_to_fifo.symlink_to(fifo)
    with pytest.raises(UserError, match=r"cannot write .*stdout: it is a pipe"):
        fsutil.atomic_write(link_to_fifo, "x")
    assert os.path.islink(link_to_fifo)
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "grades.csv"
    link.symlink_to(target)
    fsutil.atomic_write(link, "new", mode=0o644)
    assert os.path.islink(link) and target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o644
    assert leftovers(tmp_path) == []
