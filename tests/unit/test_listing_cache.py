"""The listing cache serves unchanged files and notices every change that matters."""

from __future__ import annotations

import json
import os

from tests.conftest import DATA
from tutor.library import listing
from tutor.library.folders import lesson_folders

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def build(tmp_path, home):
    return listing.list_library(lesson_folders(None, [tmp_path / "teacher"]), home)


def setup_teacher(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    return teacher


def test_second_listing_is_served_from_cache(tmp_path, monkeypatch):
    setup_teacher(tmp_path)
    home = tmp_path / "home"
    first = build(tmp_path, home)
    assert first.modules["minimal"].questions == 2
    assert (home / "cache" / "listing.json").exists()
    calls = []
    monkeypatch.setattr(listing.CachedSummaryLoader, "_fresh", lambda *a: calls.append(a) or {})
    second = build(tmp_path, home)
    assert calls == [] and second.modules.keys() == first.modules.keys()


def test_edited_file_is_reloaded(tmp_path):
    teacher = setup_teacher(tmp_path)
    home = tmp_path / "home"
    build(tmp_path, home)
    path = teacher / "a.yaml"
    path.write_text(MINIMAL.replace('title: "A minimal module"', 'title: "Renamed"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert build(tmp_path, home).modules["minimal"].title == "Renamed"


def test_broken_file_stays_broken_from_cache(tmp_path):
    teacher = setup_teacher(tmp_path)
    (teacher / "b.yaml").write_bytes((DATA / "broken" / "typo-key.yaml").read_bytes())
    home = tmp_path / "home"
    first = build(tmp_path, home)
    second = build(tmp_path, home)
    assert [str(d) for b in first.broken for d in b.diagnostics] == [str(d) for b in second.broken for d in b.diagnostics]
    assert "did you mean 'summary'" in str(second.broken[0].diagnostics[0])


def test_corrupt_cache_is_ignored(tmp_path):
    setup_teacher(tmp_path)
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    (home / "cache" / "listing.json").write_text("{not json", encoding="utf-8")
    assert "minimal" in build(tmp_path, home).modules
    assert json.loads((home / "cache" / "listing.json").read_text())["entries"]


def test_changed_articles_invalidate_everything(tmp_path):
    folders = lesson_folders(None)
    before = listing.fingerprint(folders)
    teacher = tmp_path / "t"
    (teacher / "seeds").mkdir(parents=True)
    (teacher / "seeds" / "sources.yaml").write_text("format_version: 1\narticles: []\n", encoding="utf-8")
    assert listing.fingerprint(lesson_folders(None, [teacher])) != before


def test_a_cache_of_the_right_key_but_wrong_shape_is_rebuilt_entry_by_entry(tmp_path):
    """F6's sibling: a hand-edited or damaged listing.json (valid JSON, wrong fields or types) never crashes `tutor list`."""
    teacher = setup_teacher(tmp_path)
    (teacher / "b.yaml").write_bytes((DATA / "broken" / "typo-key.yaml").read_bytes())
    home = tmp_path / "home"
    good = build(tmp_path, home)
    cache_file = home / "cache" / "listing.json"
    data = json.loads(cache_file.read_text())
    entries = data["entries"]
    a, b = (next(k for k in entries if k.endswith(name)) for name in ("teacher/a.yaml", "teacher/b.yaml"))
    entries[a]["summary"] = {"id": 5, "title": None, "surprise": True}
    entries[b]["errors"] = [{"path": 1}, "not a diagnostic"]
    data["sources"] = [{"nope": 1}]
    cache_file.write_text(json.dumps(data))
    again = build(tmp_path, home)
    assert again.modules.keys() == good.modules.keys() and again.modules["minimal"].title == good.modules["minimal"].title
    assert [str(d) for br in again.broken for d in br.diagnostics] == [str(d) for br in good.broken for d in br.diagnostics]
    data["entries"] = {a: "not an entry", b: None}
    cache_file.write_text(json.dumps(data))
    assert build(tmp_path, home).modules.keys() == good.modules.keys()
