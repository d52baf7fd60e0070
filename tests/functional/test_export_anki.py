"""tutor export anki, imported into a real (headless) Anki collection with the anki library."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.clients.harness import FIXTURE_LESSONS, fixture_library, unavailable
from tutor.cli import main
from tutor.exports.anki import FIELDS, deck_name


def collection(folder: Path):
    try:
        from anki.collection import Collection
    except ImportError:
        unavailable("the anki package is not installed (pip install anki); run 'make test'")
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col, path: Path):
    from anki.import_export_pb2 import ImportAnkiPackageRequest

    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path))).log


def as_text(card_html: str) -> str:
    """A card as a learner reads it: styles dropped, tags turned into line breaks."""
    text = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    text = re.sub(r"<br>|</li>|</div>|<hr[^>]*>|</blockquote>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def export(tmp_path: Path, *modules: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "tutor.apkg"
    assert main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "export", "anki", *modules, "--out", str(out)]) == 0
    return out


def test_import_gives_one_deck_per_module_one_note_per_question_and_the_back_a_learner_needs(tmp_path):
    library = fixture_library(tmp_path / "home")
    col = collection(tmp_path / "anki")
    try:
        log = import_package(col, export(tmp_path))
        assert len(log.new) == 8 and not log.duplicate
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {deck_name(m) for m in library.modules.values()} <= names
        assert "Russia recognises the Taliban (tutor)" in names  # the parent deck
        for module in library.modules.values():
            notes = col.find_notes(f'"deck:{deck_name(module)}"')
            assert len(notes) == len(module.questions)
            for note_id in notes:
                note = col.get_note(note_id)
                assert list(note.keys()) == list(FIELDS)
                assert note["Module"] == html.escape(module.title)
        # Read the back of one card as a learner would.
        (card_id,) = col.find_cards("tag:single_choice")
        back = as_text(col.get_card(card_id).answer())
        assert "Why did the council close the bridge?" in back
        answer_at = back.index("Because engineers found cracks", back.index("Because of too much car traffic"))
        assert back.index("Why: The report ties the closing to the cracks.") > answer_at
        assert "“when engineers found cracks in two of its arches”\n— The Old Bridge Reopens After Two Years" in back
        # Evidence options name their article; short answers list what else is accepted.
        (evidence,) = col.find_cards("tag:evidence")
        assert "“shops on the east bank lost customers” (A bridge too costly)" in as_text(col.get_card(evidence).answer())
        (short,) = col.find_cards("tag:short_answer")
        assert "Kovac\nalso accepted: Marta Kovac" in as_text(col.get_card(short).answer())
    finally:
        col.close()


def test_importing_a_re_export_adds_no_duplicates(tmp_path):
    col = collection(tmp_path / "anki")
    try:
        import_package(col, export(tmp_path / "first"))
        before = col.note_count()
        log = import_package(col, export(tmp_path / "second"))
        assert col.note_count() == before == 8
        assert not log.new
    finally:
        col.close()


def test_chosen_modules_only(tmp_path):
    col = collection(tmp_path / "anki")
    try:
        import_package(col, export(tmp_path, "bridge-sources"))
        assert col.note_count() == 4
        assert not any("The bridge reopens" in d.name for d in col.decks.all_names_and_ids())
    finally:
        col.close()


@pytest.mark.parametrize("fmt", ["anki", "gift", "qti"])
def test_unknown_module_id_names_the_nearest(tmp_path, capsys, fmt):
    out = tmp_path / "x"
    status = main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "export", fmt, "bridge-basic", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and "unknown module id 'bridge-basic'" in err and "did you mean 'bridge-basics'?" in err
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["anki", "gift", "qti"])
def test_unwritable_out_is_a_clear_error(tmp_path, capsys, fmt):
    status = main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "export", fmt, "--out", str(tmp_path / "no" / "such" / "file")])
    err = capsys.readouterr().err
    assert status == 1 and "does not exist" in err and "Traceback" not in err
