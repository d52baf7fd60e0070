"""Pure helpers of the app's display: word wrap with offsets, bylines, key names (no app running)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tutor.content.models import Article
from tutor.ui.screens.article import byline
from tutor.ui.screens.help import _compress
from tutor.ui.widgets.article_text import wrap_offsets


def article(**fields) -> Article:
    base = dict(id="a", file="a.txt", label="A", title="T", kind="opinion", author="unknown", outlet="unknown", date="unknown",
                description="", notes="", text="", body_start=0, body_end=0)
    return Article(**{**base, **fields})


def test_byline_says_what_is_missing_once_in_words():
    assert byline(article()) == "opinion column · author, outlet and date not given"
    assert byline(article(author="Ana Petrova", date="12 March 2024")) == "opinion column · by Ana Petrova · 12 March 2024 · outlet not given"
    assert byline(article(author="A", outlet="B", date="C")) == "opinion column · by A · B · C"


def test_wrap_offsets_fill_lines_and_cut_words_longer_than_a_line():
    text = "one two three four " + "x" * 12
    lines = [text[s:e] for s, e in wrap_offsets(text, 0, len(text), 9)]
    assert lines == ["one two", "three", "four", "xxxxxxxxx", "xxx"]


def test_wrap_offsets_count_wide_characters_twice():
    text = "漢字漢字 ab"
    assert [text[s:e] for s, e in wrap_offsets(text, 0, len(text), 4)] == ["漢字", "漢字", "ab"]


@given(st.text(alphabet=st.sampled_from("ab 漢\t"), max_size=120), st.integers(min_value=1, max_value=30))
def test_wrap_offsets_keep_every_word_in_order_and_within_the_width(text, width):
    from rich.cells import cell_len

    lines = wrap_offsets(text, 0, len(text), width)
    assert all(cell_len(text[s:e].replace("\t", " ")) <= max(width, 2) for s, e in lines)
    assert "".join(text[s:e] for s, e in lines).replace(" ", "").replace("\t", "") == text.replace(" ", "").replace("\t", "")


def test_runs_of_keys_are_written_as_ranges():
    assert _compress(["1", "2", "3", "4"]) == "1-4"
    assert _compress(["a", "b", "c"]) == "a-c"
    assert _compress(["[", "Shift+Up"]) == "[, Shift+Up"
