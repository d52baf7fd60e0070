"""The library cache: served when nothing changed, rebuilt otherwise, never trusted blindly, never executed (F6)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import msgspec
import pytest

from tests.conftest import DATA, ROOT
from tutor.library import cache
from tutor.library.folders import lesson_folders

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def folders_with_teacher(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir(exist_ok=True)
    (teacher / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    return lesson_folders(None, [teacher]), teacher


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    folders, _ = folders_with_teacher(tmp_path)
    first = cache.cached_library(folders, tmp_path / "home")
    assert "minimal" in first.modules and (tmp_path / "home" / "cache" / cache.CACHE_NAME).exists()
    monkeypatch.setattr(cache, "load_library", lambda *a: (_ for _ in ()).throw(AssertionError("parsed again")))
    second = cache.cached_library(folders, tmp_path / "home")
    assert second.modules.keys() == first.modules.keys()
    assert second.modules == first.modules and second.broken == first.broken and second.files == first.files
    assert second.modules["minimal"].questions[0].content_hash == first.modules["minimal"].questions[0].content_hash
    assert second.modules["minimal"].origin == first.modules["minimal"].origin == "--lessons"
    # quotes can still be found: the folded article texts are rebuilt on demand
    assert second.articles.find_quote("global-recalibration", "Russia supported the anti-Taliban Northern Alliance.")
    assert second.modules["minimal"].question("recognisers").id == "recognisers"


def test_an_edited_lesson_rebuilds_the_cache(tmp_path):
    folders, teacher = folders_with_teacher(tmp_path)
    cache.cached_library(folders, tmp_path / "home")
    path = teacher / "a.yaml"
    path.write_text(MINIMAL.replace('title: "A minimal module"', 'title: "Edited"'), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert cache.cached_library(folders, tmp_path / "home").modules["minimal"].title == "Edited"


class Boom:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, ("touch " + str(self.marker),))


@pytest.mark.parametrize("name", [cache.CACHE_NAME, "library.pickle"])
def test_a_crafted_pickle_is_never_executed(tmp_path, name):
    """The review's exploit: a pickle whose find_class reached os.system. The cache is no pickle any more."""
    folders, _ = folders_with_teacher(tmp_path)
    target = tmp_path / "home" / "cache" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps((cache.cache_key(folders), Boom(tmp_path / "pwned"))))
    library = cache.cached_library(folders, tmp_path / "home")
    assert "minimal" in library.modules and not (tmp_path / "pwned").exists()
    assert not (tmp_path / "home" / "cache" / "library.pickle").exists()  # the old format is removed, not kept around


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "wrong-types", "other-key", "empty", "fifo", "folder", "nested"],
)
def test_a_damaged_or_hostile_cache_is_rebuilt(tmp_path, damage):
    folders, _ = folders_with_teacher(tmp_path)
    home = tmp_path / "home"
    good = cache.cached_library(folders, home)
    target = home / "cache" / cache.CACHE_NAME
    data = target.read_bytes()
    target.unlink()
    if damage == "garbage":
        target.write_bytes(b"\x80\x05garbage")
    elif damage == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif damage == "wrong-types":  # right shape, a module title that is a number
        raw = msgspec.msgpack.decode(data)
        raw[3][0]["title"] = 12345
        target.write_bytes(msgspec.msgpack.encode(raw))
    elif damage == "other-key":
        raw = msgspec.msgpack.decode(data)
        raw[1] = "stale"
        target.write_bytes(msgspec.msgpack.encode(raw))
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "fifo":
        os.mkfifo(target)
    elif damage == "folder":
        target.mkdir()
    elif damage == "nested":
        target.write_bytes(b"\x91" * 100_000 + b"\xc0")
    again = cache.cached_library(folders, home)
    assert again.modules == good.modules
    if damage not in ("fifo", "folder"):
        assert cache.check_cache(home, folders) == "ok"  # rewritten


def test_check_cache_says_what_it_found(tmp_path):
    folders, _ = folders_with_teacher(tmp_path)
    home = tmp_path / "home"
    assert cache.check_cache(home, folders) == "absent"
    cache.cached_library(folders, home)
    assert cache.check_cache(home, folders) == "ok"
    (home / "cache" / cache.CACHE_NAME).write_bytes(b"\x80\x05garbage")
    assert cache.check_cache(home, folders).startswith("damaged")


def test_app_start_path_needs_no_yaml_once_cached(tmp_path):
    code = (
        "import sys; from tutor.session import open_session; "
        f"open_session({str(tmp_path / 'home')!r}); "
        "print('yaml' in sys.modules, 'pickle' in sys.modules)"
    )
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert first.stdout.split()[0] == "True" and second.stdout.split() == ["False", "False"]
