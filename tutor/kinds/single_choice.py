"""single_choice: pick the one right option. Also the base of the other one-pick kinds."""

from __future__ import annotations

from tutor.content.models import Question
from tutor.kinds.base import Arrangement, ExportChoice, ExportItem, Grade, InvalidResponse, Kind, ids_of, numbers, pick_from


class SingleChoice(Kind):
    name = "single_choice"
    label = "Choose one"
    plain_hint = "Type the number of your answer."
    widget = "choice"
    keys = ("options", "answer")
    lint_choice = True
    lint_wording = True
    #: What each option holds in the lesson file (see ModuleReader.options).
    option_shape = "text"
    #: Whether ``answer`` lists several option ids.
    many = False

    def read(self, reader, fields, where):
        options = reader.options(fields["options"], where, self.option_shape)
        if len(options) != len(getattr(fields["options"], "value", ())):
            return None  # a broken option is reported already, and the answer cannot be checked
        correct = reader.answer_ids(fields["answer"], where, [o.id for o in options], many=self.many)
        return None if correct is None else {"options": tuple(options), "correct": correct}

    def grade(self, question: Question, response: object) -> Grade:
        chosen = ids_of(response)
        known = pick_from(question.options, chosen)
        if len(chosen) != 1:
            raise InvalidResponse("choose exactly one option")
        right = chosen[0] in question.correct
        return Grade(right, 1.0 if right else 0.0, ((chosen[0], known[chosen[0]].feedback),))

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        picked = numbers(text, len(arranged.shown))
        if len(picked) != 1:
            raise InvalidResponse(f"choose one option: type a single number from 1 to {len(arranged.shown)}")
        return [arranged.shown[picked[0]].id]

    def export(self, question: Question) -> ExportItem:
        choices = tuple(ExportChoice(o.text, o.id in question.correct, o.feedback, o.source) for o in question.options)
        return ExportItem("single", question.prompt, choices=choices)


KIND = SingleChoice()
