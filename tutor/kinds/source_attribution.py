"""source_attribution: which article says this? The options are article ids."""

from __future__ import annotations

from tutor.content.models import Question
from tutor.kinds.base import ExportChoice, ExportItem
from tutor.kinds.single_choice import SingleChoice


class SourceAttribution(SingleChoice):
    name = "source_attribution"
    label = "Which article says this?"
    option_shape = "article"
    lint_wording = False

    def export(self, question: Question) -> ExportItem:
        choices = tuple(ExportChoice(o.text, o.id in question.correct, o.feedback, o.id) for o in question.options)
        return ExportItem("single", question.prompt, choices=choices)


KIND = SourceAttribution()
