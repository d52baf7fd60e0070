"""The one-pick widget: single choice, which article, which passage."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import OptionList

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import number_keys, numbered, submit_now
from tutor.ui.widgets.lists import SafePaging


class ChoiceInput(SafePaging, OptionList):
    """Pick one option: its number, the arrows or a click highlight it; Enter (or the Answer button) answers.

    Nothing is highlighted at first: Enter on a question just arrived at asks
    for a choice rather than answering with option 1 (walkthrough 7). A click
    only highlights, so a stray click never gives an answer away.
    """

    BINDINGS = [
        Binding("enter", "submit", "Answer", tooltip="Answer with the highlighted option"),
        *number_keys("pick", "Choose that option"),
    ]
    NOT_READY = "Choose an option first: press its number or use the arrow keys, then Enter."

    def __init__(self, options: list[LessonOption]) -> None:
        super().__init__(*(numbered(i, o) for i, o in enumerate(options)), id="answer-input")
        self.lesson_options = list(options)
        self.highlighted = None

    def action_pick(self, index: int) -> None:
        if index < self.option_count and not self.disabled:
            self.highlighted = index

    def response(self) -> list[str] | None:
        if self.highlighted is None:
            return None
        return [self.get_option_at_index(self.highlighted).id or ""]

    def action_submit(self) -> None:
        submit_now(self)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.highlighted = event.option_index


#: How to answer with this widget, shown under the question.
HINT = "press its number or use the arrows, then Enter"


def make(arranged: Arrangement) -> ChoiceInput:
    return ChoiceInput(list(arranged.shown))
