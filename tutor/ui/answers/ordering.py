"""Put items in order."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import SubmitRequested, numbered


class OrderingInput(OptionList):
    """Put items in order: [ or Shift+Up moves the highlighted item up, ] or Shift+Down down."""

    BINDINGS = [
        Binding("enter", "submit", "Answer", priority=True),
        Binding("left_square_bracket,shift+up,minus", "move(-1)", "Move up", id="move-up"),
        Binding("right_square_bracket,shift+down,plus", "move(1)", "Move down", id="move-down"),
    ]

    def __init__(self, items: list[LessonOption]) -> None:
        self.items = list(items)
        super().__init__(*self._numbered_items(), id="answer-input")

    def _numbered_items(self) -> list[Option]:
        return [numbered(i, item) for i, item in enumerate(self.items)]

    def action_move(self, step: int) -> None:
        at = self.highlighted
        if at is None or not 0 <= at + step < len(self.items):
            return
        self.items[at], self.items[at + step] = self.items[at + step], self.items[at]
        self.clear_options()
        self.add_options(self._numbered_items())
        self.highlighted = at + step

    def press_button(self, button_id: str) -> None:
        self.action_move(-1 if button_id == "move-up" else 1)

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click picks the item to move; it does not answer

    def response(self) -> list[str]:
        return [item.id for item in self.items]




#: Buttons for moving items with the mouse; the card passes their presses to ``press_button``.
BUTTONS = [("move-up", "Move up"), ("move-down", "Move down")]

#: How to answer with this widget, shown under the question.
HINT = "[ and ] move the highlighted item, Enter answers"


def make(arranged: Arrangement) -> OrderingInput:
    return OrderingInput(list(arranged.shown))
