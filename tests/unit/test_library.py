"""Where lessons come from: shipped, data folder, TUTOR_LESSONS, --lessons; overrides and own articles."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA, ROOT
from tutor.library.folders import lesson_folders, load_library
from tutor.paths import data_dir, shipped_lessons_dir, shipped_seeds_dir

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def test_shipped_folders_found_from_checkout():
    assert shipped_lessons_dir() == ROOT / "lessons"
    assert shipped_seeds_dir() == ROOT / "seeds"


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    created = data_dir(tmp_path / "new", create=True)
    assert created.is_dir() and (created.stat().st_mode & 0o777) == 0o700


def test_teacher_module_with_shipped_id_replaces_it(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "history.yaml").write_text(MINIMAL.replace("id: minimal", "id: history"), encoding="utf-8")
    library = load_library(lesson_folders(None, [teacher]))
    assert library.modules["history"].title == "A minimal module"
    assert [o.module_id for o in library.overrides] == ["history"]
    assert library.modules["history"].origin == "--lessons"


def test_tutor_lessons_env_and_data_folder(tmp_path, monkeypatch, isolated_data_dir):
    (isolated_data_dir / "lessons").mkdir(parents=True)
    (isolated_data_dir / "lessons" / "a.yaml").write_text(MINIMAL.replace("id: minimal", "id: from-data"), encoding="utf-8")
    env_dir = tmp_path / "env-lessons"
    env_dir.mkdir()
    (env_dir / "b.yaml").write_text(MINIMAL.replace("id: minimal", "id: from-env"), encoding="utf-8")
    monkeypatch.setenv("TUTOR_LESSONS", str(env_dir))
    library = load_library(lesson_folders(data_dir()))
    assert {"from-data", "from-env", "history"} <= set(library.modules)


def test_teacher_folder_brings_its_own_articles(tmp_path):
    teacher = tmp_path / "teacher"
    (teacher / "seeds").mkdir(parents=True)
    (teacher / "seeds" / "note.txt").write_text("A teacher's article.\nThe sky over Kabul was clear that morning.\n", encoding="utf-8")
    (teacher / "seeds" / "sources.yaml").write_text(
        "format_version: 1\narticles:\n  - id: teacher-note\n    file: note.txt\n    label: Note\n    title: A note\n"
        "    kind: news-report\n    author: unknown\n    outlet: unknown\n    date: unknown\n    description: A test article.\n"
        "    body_starts: A teacher's article.\n    body_ends: clear that morning.\n",
        encoding="utf-8",
    )
    module = MINIMAL.replace("id: minimal", "id: own").replace(
        'source: global-recalibration\n        quote: "Russia supported the anti-Taliban Northern Alliance."',
        'source: teacher-note\n        quote: "The sky over Kabul was clear that morning."',
    )
    (teacher / "own.yaml").write_text(module, encoding="utf-8")
    library = load_library(lesson_folders(None, [teacher]))
    assert library.diagnostics == []
    assert "teacher-note" in library.modules["own"].cited_sources()


def test_article_defined_differently_twice_is_an_error(tmp_path):
    teacher = tmp_path / "teacher"
    shutil.copytree(ROOT / "seeds", teacher / "seeds")
    (teacher / "seeds" / "new-chapter.txt").write_text(
        "Russia Recognizes Taliban Government: A New Chapter in Global Diplomacy\nDifferent text. but on how they govern.\n", encoding="utf-8"
    )
    library = load_library(lesson_folders(None, [teacher]))
    messages = [str(d) for d in library.source_diagnostics]
    assert any("article id 'new-chapter' is already defined differently" in m for m in messages), messages


def test_one_broken_module_never_stops_the_others(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    shutil.copy(DATA / "broken" / "typo-key.yaml", teacher / "broken.yaml")
    (teacher / "fine.yaml").write_text(MINIMAL, encoding="utf-8")
    library = load_library(lesson_folders(None, [teacher]))
    assert "minimal" in library.modules
    assert len(library.modules) == 7
    assert [b.module_id for b in library.broken] == ["minimal"]
    assert "did you mean 'summary'" in str(library.broken[0].diagnostics[0])


def test_duplicate_module_id_in_one_folder(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (teacher / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    library = load_library(lesson_folders(None, [teacher]))
    assert len(library.broken) == 1
    assert "module id 'minimal' is also used by" in str(library.broken[0].diagnostics[0])


def test_missing_lessons_folder_is_reported(tmp_path):
    library = load_library(lesson_folders(None, [tmp_path / "nope"]))
    assert "does not exist" in str(library.broken[0].diagnostics[0])


def test_quote_offsets_point_at_the_passage(articles):
    quote = "During the Taliban's first regime (1996–2001)"
    start, end = articles.find_quote("global-recalibration", quote)
    text = articles.articles["global-recalibration"].text
    assert text[start:end].replace("\n", " ").replace("’", "'") == quote


def test_article_body_excludes_page_debris(articles):
    body = articles.articles["new-chapter"].body
    assert body.startswith("Russia Recognizes Taliban Government")
    assert "in cart" not in body and body.endswith("but on how they govern.")
    mirza = articles.articles["bold-move-mirza"]
    assert mirza.body.endswith("will be the guiding principle.") and "Leave a Reply" not in mirza.body
    assert Path(ROOT / "seeds" / mirza.file).read_text(encoding="utf-8") == mirza.text
