"""Plain mode's text: Markdown in words, and word wrap that never cuts a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tutor.content.text import display_width, quoted
from tutor.plain.feedback import outside
from tutor.plain.render import inline, render, wrap, wrap_line

WORDS = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1, max_size=30), max_size=60)


@given(WORDS, st.integers(min_value=20, max_value=120), st.sampled_from(["", "- ", "12. ", "Quote: "]))
def test_wrapping_keeps_every_word_whole_and_lines_within_width(words, width, marker):
    text = " ".join(words)
    lines = wrap(text, width, marker=marker)
    assert " ".join(" ".join(lines).split()) == " ".join((marker + text).split())
    for line in lines:
        assert display_width(line) <= width or len(line.split()) == 1 or (marker and line.startswith(marker) and len(line.split()) <= 2)


def test_wrapped_lines_hang_under_their_marker():
    assert wrap_line("  - " + "word " * 20, 30) == ["  - word word word word word", *["    word word word word word"] * 3]
    assert wrap_line("12. " + "x" * 50, 30) == ["12. " + "x" * 50]  # a word longer than the line stays whole


def test_inline_markers_are_dropped_and_links_keep_their_address():
    assert inline("**bold**, *it*, _it_, __b__, `code`, a * b, snake_case_name") == "bold, it, it, b, code, a * b, snake_case_name"
    assert inline("see [the BBC](https://bbc.co.uk)") == "see the BBC (https://bbc.co.uk)"
    assert inline(r"a \*literal\* star") == "a *literal* star"


def test_paragraphs_are_reflowed_and_code_is_kept():
    assert render("one\ntwo\nthree", 80) == ["one two three"]
    assert render("```\n  a   b\n```", 80) == ["  a   b"]
    assert render("> a\n>\n> b", 80) == ["Quote: a", "", "Quote: b"]


def test_labels_and_quote_marks_are_never_doubled():
    """Walkthrough 22, 23: content that carries its own label or quote marks gets no second one."""
    assert outside("Outside the articles: the UN has five permanent members.") == "Outside the articles: the UN has five permanent members."
    assert outside("The UN has five permanent members.") == "Outside the articles: The UN has five permanent members."
    assert quoted("plain words") == "“plain words”"
    assert quoted("“Brave,” he said") == "‘“Brave,” he said’" and quoted('a "failure"') == '‘a "failure"’'


def test_feedback_lines_say_the_verdict_once_and_read_cleanly():
    from tutor.kinds import Remark
    from tutor.plain.feedback import remark_line

    assert remark_line(Remark("Option A", True, "Right: the report says so.", chosen=True), "- ") == "- Option A: Right: the report says so."
    assert remark_line(Remark("Option B", False, "The report says otherwise.", chosen=True), "- ") == "- Option B: wrong. The report says otherwise."
    assert remark_line(Remark("It ends here.", None, "No: not that."), "- ") == "- It ends here: No: not that."
    assert remark_line(Remark("Is it so?", None, "No."), "- ") == "- Is it so? No."
    pair = Remark("4 million euros", False, pair="the group", instead="the council", chosen=True)
    assert remark_line(pair, "  - ") == "  - 4 million euros. Your match: the group. Wrong; the right match: the council."
    model = Remark("2016: engagement begins", why="Only Mamedov gives 2016.", pair="Only Mamedov's analysis")
    assert remark_line(model, "- ") == "- 2016: engagement begins. Its match: Only Mamedov's analysis. Only Mamedov gives 2016."
