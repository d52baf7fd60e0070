"""The shipped lessons (curly quotes, accents, colons, '=' and more) in every format, read back by the real clients."""

from __future__ import annotations

import zipfile

from tests.functional.test_export_anki import collection, import_package
from tests.functional.test_export_gift import check_against_lessons, parsed_questions
from tests.functional.test_export_qti import check_with_qti_package_maker, items_by_title, read_package
from tutor.cli import main
from tutor.library import open_library


def test_shipped_lessons_in_every_format(tmp_path, isolated_data_dir):
    library = open_library(isolated_data_dir, cache=False)
    modules = list(library.modules.values())
    assert modules and not library.broken
    questions = sum(len(m.questions) for m in modules)
    special = "".join(m.questions[0].prompt + m.questions[0].explanation for m in modules)
    assert any(c in special for c in "“”’:="), "the shipped lessons should exercise escaping"

    gift, apkg, qti = tmp_path / "all.gift", tmp_path / "all.apkg", tmp_path / "all.zip"
    for fmt, out in (("gift", gift), ("anki", apkg), ("qti", qti)):
        assert main(["export", fmt, "--out", str(out)]) == 0

    categories, parsed = parsed_questions(gift.read_text(encoding="utf-8"))
    assert len(categories) == len(modules)
    check_against_lessons(library, modules, parsed)

    col = collection(tmp_path / "anki")
    try:
        log = import_package(col, apkg)
        assert len(log.new) == questions == col.note_count()
    finally:
        col.close()

    check_with_qti_package_maker(qti)
    files, manifest = read_package(qti)
    assessments = items_by_title(files, manifest)
    assert sum(len(items) for items in assessments.values()) == questions
    with zipfile.ZipFile(qti) as archive:
        text = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8")
    assert "“" in text or "’" in text  # UTF-8 text, not character references or ASCII folding
