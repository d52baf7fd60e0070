"""Put items in order."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import number_keys, numbered, submit_now
from tutor.ui.widgets.lists import SafePaging


class OrderingInput(SafePaging, OptionList):
    """Put items in order: a number or the arrows highlight an item; [ or Shift+Up moves it up, ] or Shift+Down down.

    The items arrive in an order that is never the right one, so Enter
    answers only once the learner has moved something (walkthrough 7).
    """

    BINDINGS = [
        Binding("enter", "submit", "Answer", tooltip="Answer with this order"),
        Binding("left_square_bracket,shift+up,minus", "move(-1)", "Move up", id="move-up", tooltip="Move the highlighted item up"),
        Binding("right_square_bracket,shift+down,plus", "move(1)", "Move down", id="move-down", tooltip="Move the highlighted item down"),
        *number_keys("pick", "Highlight that item"),
    ]
    NOT_READY = "Put the items in order first: highlight one, then [ or ] moves it up or down; Enter answers."

    def __init__(self, items: list[LessonOption]) -> None:
        self.items = list(items)
        self.moved = False
        super().__init__(*self._numbered_items(), id="answer-input")

    def _numbered_items(self) -> list[Option]:
        return [numbered(i, item) for i, item in enumerate(self.items)]

    def action_pick(self, index: int) -> None:
        if index < len(self.items) and not self.disabled:
            self.highlighted = index

    def action_move(self, step: int) -> None:
        at = self.highlighted
        if self.disabled or at is None or not 0 <= at + step < len(self.items):
            return
        self.items[at], self.items[at + step] = self.items[at + step], self.items[at]
        self.moved = True
        self.set_options(self._numbered_items())
        self.highlighted = at + step

    def press_button(self, button_id: str) -> None:
        self.action_move(-1 if button_id == "move-up" else 1)

    def action_submit(self) -> None:
        submit_now(self)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click picks the item to move; it does not answer

    def response(self) -> list[str] | None:
        return [item.id for item in self.items] if self.moved else None


#: Buttons for moving items with the mouse; the card passes their presses to ``press_button``.
BUTTONS = [("move-up", "Move up"), ("move-down", "Move down")]

#: How to answer with this widget, shown under the question.
HINT = "[ and ] move the highlighted item, Enter answers"


def make(arranged: Arrangement) -> OrderingInput:
    return OrderingInput(list(arranged.shown))
