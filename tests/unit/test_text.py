"""Display text rules with no UI: reflow keeps offsets, labels and quote marks appear once (walkthrough 22, 23, 25)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tutor.content.models import SKILL_WORDS, SKILLS
from tutor.content.text import label_once, quoted, reflow

WRAPPED = (
    "A Global Recalibration\n"
    "In a\n"
    "historic move that has reshaped regional dynamics, Russia has become the first\n"
    "country to formally recognize the government. This marks a shift.\n"
    "A Diplomatic First\n"
    "On July\n"
    "4, 2025, the Foreign Ministry confirmed the acceptance of credentials from\n"
    "Taliban-appointed Ambassador Gul Hassan Hassan.\n"
    "Welcoming Voices:\n"
    "- China commended the move,\n"
    "reiterating that Afghanistan should not be isolated.\n"
    "- Legal\n"
    "Contradictions: Dozens were prosecuted.\n"
    "-\n"
    "Diplomatic Breakthrough: the first formal recognition.\n"
    "\n"
    "A second paragraph after a blank line.\n"
)


def test_reflow_joins_wrapped_lines_and_keeps_headings_lists_and_paragraphs():
    lines = reflow(WRAPPED).split("\n")
    assert lines[:4] == [
        "A Global Recalibration",
        "In a historic move that has reshaped regional dynamics, Russia has become the first "
        "country to formally recognize the government. This marks a shift.",
        "A Diplomatic First",
        "On July 4, 2025, the Foreign Ministry confirmed the acceptance of credentials from Taliban-appointed Ambassador Gul Hassan Hassan.",
    ]
    assert "Welcoming Voices:" in lines
    assert "- China commended the move, reiterating that Afghanistan should not be isolated." in lines
    assert "- Legal Contradictions: Dozens were prosecuted." in lines
    assert "- Diplomatic Breakthrough: the first formal recognition." in lines
    assert lines[-3:] == ["", "A second paragraph after a blank line.", ""]


def test_reflow_keeps_one_line_per_sentence_text_as_it_is():
    text = "The bridge reopened on Monday.\nThe council closed it in 2022.\n\"It is safe,\" she said.\n"
    assert reflow(text) == text


@given(st.text(alphabet=st.sampled_from("ab .-•1\n“A"), max_size=200))
def test_reflow_never_moves_a_character(text):
    """One character for one: passages found in the original text mark the same characters after reflow."""
    flowed = reflow(text)
    assert len(flowed) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, flowed, strict=True))


def test_quote_marks_are_added_only_when_the_passage_has_none():
    assert quoted("reopened on Monday") == "“reopened on Monday”"
    assert quoted("“This brave decision,” he said") == "‘“This brave decision,” he said’"
    assert quoted('"The bridge is safe," she said.') == '‘"The bridge is safe," she said.’'
    assert quoted("he called it “historic”") == "‘he called it “historic”’"  # its end still shown (walkthrough, second pass)
    assert quoted("“The whole quotation.”") == "“The whole quotation.”"


def test_a_label_the_text_already_carries_is_not_repeated():
    assert label_once("Outside the articles", "Outside the articles: arches last.") == "Outside the articles: arches last."
    assert label_once("Outside the articles", "arches last.") == "Outside the articles: arches last."
    assert label_once("1989", "1989: Gorbachev pulls out.") == "1989: Gorbachev pulls out."
    assert label_once("1989", "Gorbachev pulls out.") == "1989: Gorbachev pulls out."


def test_every_skill_is_explained_in_words():
    assert set(SKILL_WORDS) == set(SKILLS)
    assert all(" " in words and "-" not in words for words in SKILL_WORDS.values())
