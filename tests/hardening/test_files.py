"""Files that are not what they seem: FIFOs, devices, huge sparse files, unreadable and deep folders, symlinks.

F13, F14 (refused before reading, only what is needed read), F17 and F22
(unreadable folders reported, deep folders walked without recursion), F30
(no article read through a symlink to outside its folder).

CI runs as root, where chmod cannot make a folder unreadable; the
unreadable cases monkeypatch ``os.scandir`` to raise PermissionError, the
error the kernel gives a normal user.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, LESSONS, ROOT
from tutor import fsutil
from tutor.content.errors import ContentError
from tutor.library.folders import guess_id, lesson_folders, load_articles, load_library, validate_paths
from tutor.library.loader import load_module
from tutor.teacher.report import build_report

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def tutor(*args: str, cwd=ROOT, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


# -- F14: FIFOs never hang a command --------------------------------------------------------
def test_a_fifo_lesson_is_refused_at_once(fifo):
    started = time.monotonic()
    out = tutor("validate", str(fifo))
    assert time.monotonic() - started < 30
    assert out.returncode == 1 and "pipe.yaml:1:1: cannot read the file: it is a pipe or a socket, not a file" in out.stdout


def test_a_fifo_in_a_lesson_folder_is_reported_not_waited_on(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tutor("--no-shipped", "--lessons", str(folder), "list")
    assert out.returncode == 1 and "minimal" in out.stdout and "pipe" in out.stderr and "not a file" in out.stderr


def test_fifo_assignment_result_and_sources_files_are_refused(tmp_path):
    os.mkfifo(tmp_path / "week.yaml")
    out = tutor("report", str(tmp_path), "--assignment", str(tmp_path / "week.yaml"))
    assert out.returncode == 1 and "week.yaml:1:1: cannot read the file: it is a pipe" in out.stderr, out.stderr
    results = tmp_path / "results"
    results.mkdir()
    os.mkfifo(results / "kim.json")
    report = build_report([results], None)
    assert [(Path(r.path).name, r.reason) for r in report.rejected] == [("kim.json", "cannot read it: it is a pipe or a socket, not a file")]
    lessons = tmp_path / "lessons"
    (lessons / "seeds").mkdir(parents=True)
    os.mkfifo(lessons / "seeds" / "sources.yaml")
    _index, diags = load_articles([fsutil_folder(lessons)])
    assert diags and "it is a pipe or a socket" in diags[0].message


def fsutil_folder(path):
    from tutor.library.folders import folder_for

    return folder_for(path, "--lessons")


def test_a_fifo_article_is_refused(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS, lessons)
    os.unlink(lessons / "seeds" / "river-opinion.txt")
    os.mkfifo(lessons / "seeds" / "river-opinion.txt")
    index, diags = load_articles([fsutil_folder(lessons)])
    assert "river-report" in index and "river-opinion" not in index
    assert any("article file 'river-opinion.txt': cannot read the file: it is a pipe" in d.message for d in diags), diags


# -- F13: devices and huge files are refused before reading; only what is needed is read ------
def test_dev_zero_is_refused_and_guessing_its_id_returns(tmp_path):
    with pytest.raises(ContentError, match="it is a device, not a file"):
        load_module(Path("/dev/zero"), None)
    assert guess_id(Path("/dev/zero")) == "zero"


def test_a_huge_sparse_file_is_refused_by_its_size_without_reading_it(tmp_path, monkeypatch):
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.write(b"id: huge-module\n")
        handle.truncate(6 << 30)  # 6 GB, sparse: no disk used
    read = []
    real_read = os.read
    monkeypatch.setattr(fsutil.os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    with pytest.raises(ContentError, match="larger than 1024 KiB"):
        load_module(huge, None)
    assert read == []  # refused on fstat, before any byte was read
    assert guess_id(huge) == "huge-module"
    assert sum(read) <= 4096  # the id is guessed from the first 4 KiB only


def test_read_limited_never_reads_past_its_limit(tmp_path, monkeypatch):
    path = tmp_path / "x"
    path.write_bytes(b"x" * 10_000)
    with pytest.raises(fsutil.UnreadableFile, match="larger than"):
        fsutil.read_limited(path, 4096)
    assert fsutil.read_limited(path, 4096, head=True) == b"x" * 4096
    with pytest.raises(fsutil.UnreadableFile, match="it is a folder"):
        fsutil.read_limited(tmp_path, 4096)


# -- F17: unreadable folders are reported, never shown as empty --------------------------------
@pytest.fixture
def unreadable(monkeypatch):
    """Make os.scandir refuse the given folders as the kernel would for a normal user (CI runs as root)."""
    refused: set[str] = set()
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) in refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(fsutil.os, "scandir", scandir)
    return lambda path: refused.add(os.path.realpath(path))


def test_an_unreadable_lesson_folder_is_reported(tmp_path, unreadable):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    unreadable(folder)
    library = load_library(lesson_folders(None, [folder], shipped=False))
    expected = f"{folder}:1:1: lesson folder from --lessons cannot be read: permission denied; check the path and its permissions"
    assert [str(d) for d in library.diagnostics] == [expected]
    checked = validate_paths([folder], lesson_folders(None, shipped=False))
    assert "cannot read the folder: permission denied" in str(checked.diagnostics[0])


def test_an_unreadable_results_folder_is_reported(tmp_path, unreadable):
    inbox = tmp_path / "inbox"
    (inbox / "class-b").mkdir(parents=True)
    unreadable(inbox / "class-b")
    report = build_report([inbox], None)
    assert [(Path(r.path).name, r.reason) for r in report.rejected] == [("class-b", "this folder was not searched: permission denied")]


def test_an_unreadable_data_lessons_folder_is_reported(tmp_path, unreadable):
    home = tmp_path / "home"
    (home / "lessons").mkdir(parents=True)
    unreadable(home / "lessons")
    library = load_library(lesson_folders(home, shipped=False))
    assert "lesson folder from data folder cannot be read: permission denied" in str(library.diagnostics[0])


# -- F22: deep folders, no recursion ------------------------------------------------------------
def test_a_very_deep_results_folder_is_walked_without_recursion(tmp_path):
    top = tmp_path / "deep"
    path = top
    for _ in range(300):
        path = path / "d"
        path.mkdir(parents=True)
    (top / "d" / "r.json").write_text("{}")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)
    try:
        report = build_report([top], None)
    finally:
        sys.setrecursionlimit(old)
    reasons = [r.reason for r in report.rejected]
    assert "it is not a tutor result file" in reasons
    assert any(f"nested more than {fsutil.MAX_WALK_DEPTH} folders deep" in r for r in reasons)


def test_a_deep_folder_through_the_cli_is_no_internal_error(tmp_path):
    path = tmp_path
    for _ in range(1100):
        path = path / "d"
        path.mkdir()  # one by one: os.makedirs itself recurses
    try:
        out = tutor("report", str(tmp_path))
        assert out.returncode == 1 and "internal error" not in out.stderr and "not searched" in out.stderr
    finally:
        while path != tmp_path:  # bottom up: shutil.rmtree (pytest's clean-up) recurses too
            path.rmdir()
            path = path.parent


def test_walk_never_follows_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "r.json").write_text("{}")
    files, skipped = fsutil.walk_files(tmp_path, (".json",))
    assert files == [tmp_path / "a" / "r.json"] and skipped == []


# -- F30: no article through a symlink to outside its folder -------------------------------------
def test_a_symlinked_article_outside_its_folder_is_not_read(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS, lessons)
    os.unlink(lessons / "seeds" / "river-opinion.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("A bridge too costly\nroot:x:0:0 secret\nfew would want it gone.\n")
    (lessons / "seeds" / "river-opinion.txt").symlink_to(secret)
    index, diags = load_articles([fsutil_folder(lessons)])
    assert "river-opinion" not in index
    assert any("is a symbolic link to a file outside" in d.message for d in diags), diags
    assert all("root:x" not in str(d) for d in diags)


def test_a_symlink_inside_the_folder_is_fine(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS, lessons)
    seeds = lessons / "seeds"
    os.rename(seeds / "river-opinion.txt", seeds / "opinion-original.txt")
    (seeds / "river-opinion.txt").symlink_to("opinion-original.txt")
    index, diags = load_articles([fsutil_folder(lessons)])
    assert diags == [] and "river-opinion" in index
