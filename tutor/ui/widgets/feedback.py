"""The feedback under an answered question, built from the kind's Grade.

What it shows, by the shape of the answer (issue 12 item 2):

- options picked (choice kinds): each option the learner chose and each
  other one, marked ✓ (a right answer) or ✗, with its feedback;
- an order: the learner's order item by item, ✓ where an item is in its
  place and, beside each misplaced one, the item that belongs there; then
  the right order with why;
- pairs: each pair ✓ or ✗, with the right partner beside a wrong one;
- typed text: the feedback, the note when a slip was forgiven
  (``Grade.note``), and the expected answer when it was wrong.

Marks are symbols and words, never colour alone (NO_COLOR, screen readers).
A long item wraps under its own text instead of back at the margin.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tutor.content.models import Question
from tutor.content.text import label_once
from tutor.kinds import Arrangement, Grade, Kind, Remark
from tutor.ui.text import join, plain, styled

RIGHT, WRONG = "✓", "✗"


def verdict(result: Grade) -> Content:
    """The verdict in words and a mark (coloured by FeedbackView, except under NO_COLOR)."""
    if result.correct:
        return styled(f"{RIGHT} Right.", "bold")
    if result.score > 0:
        return styled(f"{WRONG} Not quite. (partly right: {round(result.score * 100)}%)", "bold")
    return styled(f"{WRONG} Not quite.", "bold")


#: A block of feedback: ("verdict", Content, class), ("text", Content), ("heading", Content) or ("item", mark, Content).
Block = tuple


def feedback(question: Question, kind: Kind, arranged: Arrangement, result: Grade, response: object) -> list[Block]:
    """Everything under the answer: verdict, explanation, then the kind's own account of the answer.

    What is said item by item comes from :meth:`Kind.explain`, the one
    source plain mode reads too, so both list the same things in the same
    order (the order the learner saw) under the same headings; this only
    draws it with marks.
    """
    blocks: list[Block] = [("verdict", verdict(result), "-right" if result.correct else "-wrong"), ("text", plain(question.explanation))]
    if result.note:
        blocks.append(("text", styled(result.note, "italic")))
    numbers = {o.text: n for n, o in enumerate(arranged.shown, 1)} if kind.picks_options else {}
    for part in kind.explain(question, arranged, response, result):
        blocks.append(("heading", styled(f"{part.title}:", "bold")))
        for place, remark in enumerate(part.remarks, 1):
            blocks.append(_remark(remark, place if part.numbered else numbers.get(remark.text)))
    if question.outside_knowledge:
        blocks.append(("text", _outside(question.outside_knowledge)))
    return blocks


def _remark(remark: Remark, number: int | None) -> Block:
    """One item: its mark (✓ right, ✗ wrong, none for the model answer), its number as shown, its text and why."""
    mark = {True: RIGHT, False: WRONG, None: " "}[remark.right]
    text = plain(remark.text)
    if remark.pair:
        text = join(text, "  →  ", plain(remark.pair))
    if remark.instead:
        label = "right match: " if remark.pair else "right here: "
        text = join(text, "\n", styled(label, "bold"), plain(remark.instead))
    if remark.why:
        text = join(text, "\n", styled(remark.why, "italic"))
    return ("item", f"{mark} {number}." if number else mark, text)


#: Columns for an item's mark; its text wraps under its own first letter.
INDENT = 8


class FeedbackView(Static):
    """The feedback in one widget, items laid out with hanging indents at the current width.

    One Static updated in place, not a widget per item: mounting a score of
    widgets after each answer made the feedback appear a second or more late
    on a busy machine. The items are wrapped here (``Content.wrap``) so a
    long item continues under its own text, and again when the width changes.
    """

    class LaidOut(Message):
        """The feedback has its size on screen for the first time: now it can be scrolled into view."""

    def __init__(self) -> None:
        super().__init__(id="feedback")
        self.blocks: list[Block] = []
        self._width = 0
        self._announce = False

    def show(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._width = 0
        self._announce = True
        self._layout(self.content_region.width or 76)
        self.display = True

    def on_resize(self) -> None:
        if self.blocks and self.content_region.width and self.content_region.width != self._width:
            self._layout(self.content_region.width)
        if self._announce and self.size.height:
            self._announce = False
            self.post_message(self.LaidOut())

    def _layout(self, width: int) -> None:
        self._width = width
        lines: list[Content] = []
        previous = ""
        for block in self.blocks:
            kind = block[0]
            if kind == "text" and previous not in ("", "verdict"):
                lines.append(Content(""))  # a note or "Outside the articles" stands apart
            previous = kind
            if kind == "item":
                wrapped = block[2].wrap(max(10, width - INDENT))
                mark = f"  {block[1]}".ljust(INDENT)
                lines += [join(mark if i == 0 else " " * INDENT, line) for i, line in enumerate(wrapped)]
            elif kind == "heading":
                lines += [Content(""), block[1]]
            elif kind == "verdict":
                colour = "" if self.app.no_color else (" $text-success" if block[2] == "-right" else " $text-error")
                lines.append(block[1].stylize(f"bold{colour}"))
            else:
                lines.append(block[1])
        self.update(Content("\n").join(lines))

    @property
    def text(self) -> str:
        """All the feedback as plain text, an item's mark and text on one line."""
        out = []
        for block in self.blocks:
            out.append(f"  {block[1]} {block[2]}" if block[0] == "item" else str(block[1]))
        return "\n".join(out)


def _outside(text: str) -> Content:
    """"Outside the articles: ..." once, even when the text carries the label itself (walkthrough 22)."""
    shown = label_once("Outside the articles", text)
    label, _, rest = shown.partition(":")
    return join(styled(f"{label}:", "bold"), plain(rest))
