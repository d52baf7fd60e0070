"""The pickled library cache: served when nothing changed, rebuilt otherwise, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

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
    assert second.modules["minimal"].questions[0].content_hash == first.modules["minimal"].questions[0].content_hash
    # quotes can still be found: the folded article texts are rebuilt on demand
    assert second.articles.find_quote("global-recalibration", "Russia supported the anti-Taliban Northern Alliance.")


def test_an_edited_lesson_rebuilds_the_cache(tmp_path):
    folders, teacher = folders_with_teacher(tmp_path)
    cache.cached_library(folders, tmp_path / "home")
    path = teacher / "a.yaml"
    path.write_text(MINIMAL.replace('title: "A minimal module"', 'title: "Edited"'), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert cache.cached_library(folders, tmp_path / "home").modules["minimal"].title == "Edited"


def test_a_hostile_or_damaged_cache_is_not_trusted(tmp_path):
    folders, _ = folders_with_teacher(tmp_path)
    target = tmp_path / "home" / "cache" / cache.CACHE_NAME
    target.parent.mkdir(parents=True)

    class Boom:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "pwned"),))

    target.write_bytes(pickle.dumps((cache.cache_key(folders), Boom())))
    library = cache.cached_library(folders, tmp_path / "home")
    assert "minimal" in library.modules and not (tmp_path / "pwned").exists()
    target.write_bytes(b"\x80\x05garbage")
    assert "minimal" in cache.cached_library(folders, tmp_path / "home").modules


def test_app_start_path_needs_no_yaml_once_cached(tmp_path):
    code = (
        "import sys; from tutor.session import open_session; "
        f"open_session({str(tmp_path / 'home')!r}); "
        "print('yaml' in sys.modules)"
    )
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert first.stdout.strip() == "True" and second.stdout.strip() == "False"
