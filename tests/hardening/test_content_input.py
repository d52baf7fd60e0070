"""Hostile lesson input: ids, huge integers, lone surrogates, shared ids (F11, F18, F28)."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from tutor.content import yamlsafe
from tutor.content.errors import ContentError
from tutor.library.folders import lesson_folders, validate_paths
from tutor.library.loader import load_module_text

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def errors_of(text: str, articles) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_module_text(text, "m.yaml", articles)
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("id: minimal", 'id: "minimal\\n"', "module id 'minimal\\n' is not kebab-case"),
        ("id: recognisers", 'id: "recognisers\\n"', "question id 'recognisers\\n' is not kebab-case"),
        ("id: minimal", "id: " + "a" * 101, "module id is 101 characters long"),
    ],
    ids=["module-id-newline", "question-id-newline", "id-too-long"],
)
def test_ids_must_match_in_full(articles, old, new, fragment):
    """F28: an id is checked with fullmatch, so a trailing newline is not an id."""
    found = errors_of(MINIMAL.replace(old, new, 1), articles)
    assert any(fragment in d and d.startswith("m.yaml:") for d in found), found


@pytest.mark.parametrize("digits", [19, 4301, 100_000])
def test_huge_integers_are_refused_with_their_line(articles, digits):
    """F18: more digits than int() accepts (4,300) is an error at its line, not a ValueError deep inside."""
    text = MINIMAL.replace("minutes: 5", "minutes: " + "9" * digits)
    found = errors_of(text, articles)
    line = next(n for n, row in enumerate(MINIMAL.splitlines(), 1) if row.startswith("minutes:"))
    assert any(d.startswith(f"m.yaml:{line}:") and f"a number of {digits} digits, outside 1..600" in d for d in found), found


def test_leading_zeros_do_not_count_as_digits(articles):
    module = load_module_text(MINIMAL.replace("minutes: 5", "minutes: " + "0" * 30 + "5"), "m.yaml", articles)
    assert module.minutes == 5


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
def test_lone_surrogates_are_refused_with_their_line(monkeypatch, articles, parser):
    """F11: a lone surrogate (only an escape can make one) is refused, whichever parser reads the file."""
    if parser == "pure-python":
        monkeypatch.setattr(yamlsafe, "SAFE_C_DEPTH", -1)  # every text goes to the pure-Python parser
    text = MINIMAL.replace('title: "A minimal module"', 'title: "A \\ud800 module"')
    found = errors_of(text, articles)
    assert any(d.startswith("m.yaml:3:") and ("lone surrogate U+D800" in d or "escape" in d) for d in found), found
    # a surrogate where no text rule looks (a key) still prints safely
    keyed = MINIMAL.replace("topic: history", '"top\\udcffic": history')
    for line in errors_of(keyed, articles):
        line.encode("utf-8")  # printable() made it encodable
        from tutor.content.text import printable

        printable(line).encode("utf-8")


def test_pure_python_path_reports_surrogates_as_text_errors(monkeypatch, articles):
    monkeypatch.setattr(yamlsafe, "SAFE_C_DEPTH", -1)
    found = errors_of(MINIMAL.replace('title: "A minimal module"', 'title: "A \\ud800 module"'), articles)
    assert any("title contains a lone surrogate U+D800" in d for d in found), found


def test_validate_reports_two_files_with_one_module_id(tmp_path):
    """F28: validate names both files when two lesson files of one folder share a module id."""
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    library = validate_paths([tmp_path], lesson_folders(None))
    messages = [str(d) for d in library.diagnostics]
    assert any("b.yaml:" in m and "module id 'minimal' is also used by" in m and "a.yaml" in m for m in messages), messages
    assert len(library.broken) == 1


def test_printable_and_shown_cover_every_unsafe_character():
    from tutor.content.text import printable
    from tutor.errors import shown

    hostile = "a\x1b[2J\x9b31m\u202eb\udcff\x85c\rd"
    assert all(ch not in printable(hostile) for ch in "\x1b\x9b\u202e\udcff\x85\r")
    one_line = shown(hostile + "\nsecond\u2028third")
    assert one_line.isprintable() and "\n" not in one_line
    assert one_line.startswith("a\\x1b[2J\\x9b31m\\u202eb\\udcff")
