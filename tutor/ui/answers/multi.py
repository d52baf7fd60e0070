"""Tick every right option."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import number_keys, submit_now
from tutor.ui.text import join, plain
from tutor.ui.widgets.lists import SafePaging

TICKED, UNTICKED = "[x] ", "[ ] "


class MultiInput(SafePaging, OptionList):
    """Tick every right option: Space, a number or a click ticks, Enter answers (at least one must be ticked).

    An OptionList with the tick written in each option's text, not Textual's
    SelectionList: that draws one line per option and cut long options with
    an ellipsis (walkthrough 9), and its box looked the same ticked or not
    without colour. ``[x]`` and ``[ ]`` read the same in any theme, NO_COLOR
    and a screen reader's copy of the screen.
    """

    BINDINGS = [
        Binding("enter", "submit", "Answer", tooltip="Answer with the ticked options"),
        Binding("space", "toggle_highlighted", "Tick", tooltip="Tick or untick the highlighted option"),
        *number_keys("toggle_number", "Tick or untick that option"),
    ]
    NOT_READY = "Tick at least one option first: press its number, or Space on the highlighted one; then Enter."

    def __init__(self, options: list[LessonOption]) -> None:
        self.lesson_options = list(options)
        self.ticked: set[str] = set()
        super().__init__(*(Option(self._prompt(i), id=o.id) for i, o in enumerate(options)), id="answer-input")

    def _prompt(self, index: int):
        option = self.lesson_options[index]
        return join(TICKED if option.id in self.ticked else UNTICKED, f"{index + 1}. ", plain(option.text))

    def toggle_at(self, index: int) -> None:
        if not 0 <= index < self.option_count or self.disabled:
            return
        option_id = self.lesson_options[index].id
        self.ticked.symmetric_difference_update({option_id})
        self.highlighted = index
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_toggle_number(self, index: int) -> None:
        self.toggle_at(index)

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle_at(self.highlighted)

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle_at(event.option_index)

    def action_submit(self) -> None:
        submit_now(self)

    def response(self) -> list[str] | None:
        chosen = [o.id for o in self.lesson_options if o.id in self.ticked]
        return chosen or None


#: How to answer with this widget, shown under the question.
HINT = "Space or a number ticks, Enter answers"


def make(arranged: Arrangement) -> MultiInput:
    return MultiInput(list(arranged.shown))
