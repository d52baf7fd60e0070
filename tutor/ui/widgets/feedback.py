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
from tutor.kinds import Grade, Kind, model_answer
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


def feedback(question: Question, kind: Kind, shown: list, right_column: list, result: Grade, response: object) -> list[Block]:
    """Everything under the answer: verdict, explanation, what was right in the answer and why."""
    blocks: list[Block] = [("verdict", verdict(result), "-right" if result.correct else "-wrong"), ("text", plain(question.explanation))]
    if result.note:
        blocks.append(("text", styled(result.note, "italic")))
    if kind.picks_options:
        blocks += _options(question, shown, result)
    elif kind.ordered_answer:
        blocks += _order(question, result)
    elif right_column:
        blocks += _pairs(question, right_column, result, response)
    else:
        text = plain(result.feedback[0][1])
        if not result.correct:
            text = join(text, "\n", styled("The expected answer: ", "bold"), plain(str(model_answer(question))))
        blocks.append(("text", text))
    if question.outside_knowledge:
        blocks.append(("text", _outside(question.outside_knowledge)))
    return blocks


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


def _options(question: Question, shown: list, result: Grade) -> list[Block]:
    chosen = [option_id for option_id, _text in result.feedback]
    by_id = {o.id: o for o in shown}
    blocks: list[Block] = [("heading", styled("What you chose:", "bold"))]
    blocks += [_option_item(question, by_id[option_id], shown) for option_id in chosen]
    others = [o for o in shown if o.id not in chosen]
    if others:
        blocks.append(("heading", styled("The other options:", "bold")))
        blocks += [_option_item(question, option, shown) for option in others]
    return blocks


def _option_item(question: Question, option, shown: list) -> Block:
    mark = RIGHT if option.id in question.correct else WRONG
    number = shown.index(option) + 1
    return ("item", f"{mark} {number}.", join(plain(option.text), "\n", styled(option.feedback, "italic")))


def _order(question: Question, result: Grade) -> list[Block]:
    by_id = {o.id: o for o in question.options}
    blocks: list[Block] = [("heading", styled("Your order, and what belongs where:", "bold"))]
    for place, (given, ok) in enumerate(result.marks, 1):
        text = plain(by_id[given].text)
        if not ok:
            text = join(text, "\n", styled("right here: ", "bold"), plain(by_id[question.correct[place - 1]].text))
        blocks.append(("item", f"{RIGHT if ok else WRONG} {place}.", text))
    blocks.append(("heading", styled("The right order, and why:", "bold")))
    for place, (item_id, why) in enumerate(result.feedback, 1):
        blocks.append(("item", f"  {place}.", join(plain(by_id[item_id].text), "\n", styled(why, "italic"))))
    return blocks


def _pairs(question: Question, right_column: list, result: Grade, response: object) -> list[Block]:
    names = {o.id: o.text for o in (*question.options, *right_column)}
    given = {str(left): str(right) for left, right in response} if isinstance(response, list) else {}
    expected = dict(question.pairs)
    why = dict(result.feedback)
    blocks: list[Block] = [("heading", styled("Your pairs, and the right ones:", "bold"))]
    for left_id, ok in result.marks:
        text = join(plain(names[left_id]), "  →  ", plain(names.get(given.get(left_id, ""), "?")))
        if not ok:
            text = join(text, "\n", styled("right: ", "bold"), plain(names[expected[left_id]]))
        if why.get(left_id):
            text = join(text, "\n", styled(why[left_id], "italic"))
        blocks.append(("item", RIGHT if ok else WRONG, text))
    return blocks
