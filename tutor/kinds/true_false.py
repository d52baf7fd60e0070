"""true_false: a statement, true or false. Options are never shuffled (True comes first)."""

from __future__ import annotations

from tutor.content.models import Option, Question
from tutor.kinds.base import Arrangement, ExportChoice, ExportItem, InvalidResponse
from tutor.kinds.single_choice import SingleChoice

_WORDS = {"t": "true", "true": "true", "f": "false", "false": "false", "1": "true", "2": "false"}


class TrueFalse(SingleChoice):
    name = "true_false"
    label = "True or false"
    plain_hint = "Type t for true or f for false (or 1 or 2)."
    keys = ("answer", "feedback_true", "feedback_false")
    widget = "truefalse"
    lint_choice = False
    lint_wording = False
    interaction = "true-false"

    def read(self, reader, fields, where):
        answer = reader.boolean(fields["answer"], f"answer of {where}")
        if_true = reader.text(fields["feedback_true"], "feedback_true")
        if_false = reader.text(fields["feedback_false"], "feedback_false")
        if answer is None or not if_true or not if_false:
            return None
        options = (Option("true", "True", if_true), Option("false", "False", if_false))
        return {"options": options, "correct": ("true" if answer else "false",)}

    def arrange(self, question: Question, seed: str, shuffle: bool = True) -> Arrangement:
        return Arrangement(tuple(question.options))

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        word = _WORDS.get(text.strip().casefold())
        if word is None:
            raise InvalidResponse("type t for true or f for false")
        return [word]

    def export(self, question: Question) -> ExportItem:
        truth = question.correct[0] == "true"
        feedback = {o.id: o.feedback for o in question.options}
        choices = (ExportChoice("True", truth, feedback["true"]), ExportChoice("False", not truth, feedback["false"]))
        return ExportItem("truefalse", question.prompt, choices=choices, extra={"truth": truth})

    def xapi_response(self, question: Question, response: object) -> str:
        return "[,]".join(str(r) for r in response) if isinstance(response, list | tuple) else str(response).lower()

    def xapi_interaction(self, question: Question) -> dict:
        return {"interactionType": self.interaction, "correctResponsesPattern": [question.correct[0]]}


KIND = TrueFalse()
