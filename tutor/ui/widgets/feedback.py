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
"""

from __future__ import annotations

from textual.content import Content

from tutor.content.models import Question
from tutor.content.text import label_once
from tutor.kinds import Grade, Kind, model_answer
from tutor.ui.text import join, plain, styled

RIGHT, WRONG = "✓", "✗"


def verdict(result: Grade) -> Content:
    if result.correct:
        return styled(f"{RIGHT} Right. ", "bold $success")
    if result.score > 0:
        return join(styled(f"{WRONG} Not quite. ", "bold $error"), styled(f"(partly right: {round(result.score * 100)}%) ", "bold"))
    return styled(f"{WRONG} Not quite. ", "bold $error")


def feedback(question: Question, kind: Kind, shown: list, right_column: list, result: Grade, response: object) -> Content:
    """Everything under the answer: verdict, explanation, what was right in the answer and why."""
    parts: list[Content | str] = [verdict(result), plain(question.explanation)]
    if result.note:
        parts += ["\n\n", styled(result.note, "italic")]
    if kind.picks_options:
        parts += _options(question, shown, result)
    elif kind.ordered_answer:
        parts += _order(question, result)
    elif right_column:
        parts += _pairs(question, right_column, result, response)
    else:
        parts += ["\n\n", plain(result.feedback[0][1])]
        if not result.correct:
            parts += ["\n", styled("The expected answer: ", "bold"), plain(str(model_answer(question)))]
    if question.outside_knowledge:
        parts += ["\n\n", _outside(question.outside_knowledge)]
    return join(*parts)


def _outside(text: str) -> Content:
    """"Outside the articles: ..." once, even when the text carries the label itself (walkthrough 22)."""
    shown = label_once("Outside the articles", text)
    label, _, rest = shown.partition(":")
    return join(styled(f"{label}:", "bold"), plain(rest))


def _options(question: Question, shown: list, result: Grade) -> list:
    chosen = [option_id for option_id, _text in result.feedback]
    by_id = {o.id: o for o in shown}
    parts: list = ["\n\n", styled("What you chose:", "bold")]
    for option_id in chosen:
        parts += _option_line(question, by_id[option_id], shown)
    others = [o for o in shown if o.id not in chosen]
    if others:
        parts += ["\n", styled("The other options:", "bold")]
        for option in others:
            parts += _option_line(question, option, shown)
    return parts


def _option_line(question: Question, option, shown: list) -> list:
    mark = RIGHT if option.id in question.correct else WRONG
    number = shown.index(option) + 1
    return [f"\n  {mark} {number}. ", plain(option.text), "\n      ", styled(option.feedback, "italic")]


def _order(question: Question, result: Grade) -> list:
    by_id = {o.id: o for o in question.options}
    parts: list = ["\n\n", styled("Your order, and what belongs where:", "bold")]
    for place, (given, ok) in enumerate(result.marks, 1):
        parts += [f"\n  {RIGHT if ok else WRONG} {place}. ", plain(by_id[given].text)]
        if not ok:
            parts += ["\n      ", styled("right here: ", "bold"), plain(by_id[question.correct[place - 1]].text)]
    parts += ["\n", styled("The right order, and why:", "bold")]
    for place, (item_id, why) in enumerate(result.feedback, 1):
        parts += [f"\n  {place}. ", plain(by_id[item_id].text), "\n      ", styled(why, "italic")]
    return parts


def _pairs(question: Question, right_column: list, result: Grade, response: object) -> list:
    names = {o.id: o.text for o in (*question.options, *right_column)}
    given = {str(left): str(right) for left, right in response} if isinstance(response, list) else {}
    expected = dict(question.pairs)
    why = dict(result.feedback)
    parts: list = ["\n\n", styled("Your pairs, and the right ones:", "bold")]
    for left_id, ok in result.marks:
        parts += [f"\n  {RIGHT if ok else WRONG} ", plain(names[left_id]), "  →  ", plain(names.get(given.get(left_id, ""), "?"))]
        if not ok:
            parts += ["\n      ", styled("right: ", "bold"), plain(names[expected[left_id]])]
        if why.get(left_id):
            parts += ["\n      ", styled(why[left_id], "italic")]
    return parts
