"""multiple_select: tick every right option; partial credit for a partly right set."""

from __future__ import annotations

from tutor.content.models import Question
from tutor.kinds.base import Arrangement, ExportChoice, ExportItem, Grade, InvalidResponse, ids_of, numbers, pick_from
from tutor.kinds.single_choice import SingleChoice


class MultipleSelect(SingleChoice):
    name = "multiple_select"
    label = "Choose all that apply"
    plain_hint = "Type the numbers of every right option, e.g. 1,3."
    widget = "multi"
    many = True

    def grade(self, question: Question, response: object) -> Grade:
        """Each right tick earns a share, each wrong tick takes one back (never below 0)."""
        chosen = ids_of(response)
        known = pick_from(question.options, chosen)
        right, picked = set(question.correct), set(chosen)
        score = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
        marks = tuple((o.id, (o.id in right) == (o.id in picked)) for o in question.options)
        return Grade(picked == right, score, tuple((c, known[c].feedback) for c in chosen), marks)

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        if not text.strip():
            raise InvalidResponse("choose at least one option: type its number, or several numbers like 1,3")
        picked = numbers(text, len(arranged.shown))
        if len(set(picked)) != len(picked):
            raise InvalidResponse("each option number once, please")
        return [arranged.shown[i].id for i in picked]

    def export(self, question: Question) -> ExportItem:
        choices = tuple(ExportChoice(o.text, o.id in question.correct, o.feedback) for o in question.options)
        return ExportItem("multiple", question.prompt, choices=choices)


KIND = MultipleSelect()
