"""The one-pick widget: single choice, true/false, which article, which passage."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import OptionList

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import SubmitRequested, numbered


class ChoiceInput(OptionList):
    """Pick one option: arrows, its number or a click to highlight; Enter (or the Answer button) answers.

    A click only highlights, so a stray click never gives an answer away.
    """

    BINDINGS = [
        Binding("enter", "submit", "Answer", priority=True),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, options: list[LessonOption]) -> None:
        super().__init__(*(numbered(i, o) for i, o in enumerate(options)), id="answer-input")

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index

    def response(self) -> list[str] | None:
        if self.highlighted is None:
            return None
        return [self.get_option_at_index(self.highlighted).id or ""]

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.highlighted = event.option_index




#: How to answer with this widget, shown under the question.
HINT = "a number or click, then Enter or Answer"


def make(arranged: Arrangement) -> ChoiceInput:
    return ChoiceInput(list(arranged.shown))
