"""Tick every right option."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import SubmitRequested
from tutor.ui.text import join, plain


class MultiInput(SelectionList[str]):
    """Tick every right option: Space or a number toggles, Enter answers."""

    BINDINGS = [
        Binding("enter", "submit", "Answer", priority=True),
        *(Binding(str(n), f"toggle_number({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, options: list[LessonOption]) -> None:
        super().__init__(*(Selection(join(f"{i + 1}. ", plain(o.text)), o.id) for i, o in enumerate(options)), id="answer-input")

    def action_toggle_number(self, index: int) -> None:
        if index < self.option_count:
            self.toggle(self.get_option_at_index(index).value)

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    def response(self) -> list[str] | None:
        return list(self.selected) or None




#: How to answer with this widget, shown under the question.
HINT = "Space or a number ticks, Enter answers"


def make(arranged: Arrangement) -> MultiInput:
    return MultiInput(list(arranged.shown))
