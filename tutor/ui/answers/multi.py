"""Tick every right option."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import number_keys, submit_now
from tutor.ui.text import join, plain
from tutor.ui.widgets.lists import SafePaging


class MultiInput(SafePaging, SelectionList[str]):
    """Tick every right option: Space or a number ticks, Enter answers (at least one must be ticked)."""

    BINDINGS = [
        Binding("enter", "submit", "Answer", tooltip="Answer with the ticked options"),
        *number_keys("toggle_number", "Tick or untick that option"),
    ]
    NOT_READY = "Tick at least one option first: press its number, or Space on the highlighted one; then Enter."

    def __init__(self, options: list[LessonOption]) -> None:
        super().__init__(*(Selection(join(f"{i + 1}. ", plain(o.text)), o.id) for i, o in enumerate(options)), id="answer-input")

    def action_toggle_number(self, index: int) -> None:
        if index < self.option_count and not self.disabled:
            self.highlighted = index
            self.toggle(self.get_option_at_index(index).value)

    def action_submit(self) -> None:
        submit_now(self)

    def response(self) -> list[str] | None:
        return list(self.selected) or None


#: How to answer with this widget, shown under the question.
HINT = "Space or a number ticks, Enter answers"


def make(arranged: Arrangement) -> MultiInput:
    return MultiInput(list(arranged.shown))
