"""Fixtures for fault tests: a really full disk (a tiny tmpfs) where the machine allows mounting one."""

from __future__ import annotations

import os
import subprocess

import pytest


@pytest.fixture
def tiny_disk(tmp_path):
    """A 512 KiB tmpfs, so writes really fail with ENOSPC; skipped where mounting is not allowed.

    The tests that use it have a twin that simulates ENOSPC by monkeypatching,
    which runs everywhere.
    """
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0777", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder, keep: int = 0) -> None:
    """Fill the file system holding ``folder`` until at most ``keep`` bytes are left."""
    n = 0
    chunk = b"\0" * 4096
    while True:
        path = os.path.join(folder, f"filler-{n}")
        n += 1
        try:
            with open(path, "wb") as handle:
                while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > keep:
                    handle.write(chunk)
                    handle.flush()
            return
        except OSError:
            return
