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


def week3_result(home, library, answer) -> tuple:
    """Learner 'ann' finishes the two-module 'Week 3' assignment, answering with ``answer(module, index, question)``.

    Returns (the assignment, the result file's data as JSON): what the
    result-file tests forge and the fuzz tests mutate.
    """
    import json

    from tests.conftest import LESSONS
    from tutor.session import open_session
    from tutor.session.assignments import build_result
    from tutor.teacher.assignment import make_assignment
    from tutor.teacher.results import encode

    assignment = make_assignment(library.modules, ["bridge-basics", "bridge-sources"], "Week 3", 50, "2030-12-01", 2, True, 11)
    session = open_session(home, [LESSONS], "ann", assignment, home / "results", shipped=False)
    try:
        for module in session.modules:
            run = session.start_run(module)
            for n, q in enumerate(module.questions):
                session.answer(run, q, answer(module, n, q), 1.0)
            session.finish(run)
        return assignment, json.loads(encode(build_result(session.store, "ann", assignment, session.modules)))
    finally:
        session.store.close()
