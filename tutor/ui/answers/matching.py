"""Pair each item on the left with one on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import LETTERS, letter_keys, number_keys, submit_now
from tutor.ui.text import join, plain
from tutor.ui.widgets.lists import SafeOptionList


class LeftColumn(SafeOptionList):
    """The left column: Enter answers once every item is paired, else says what is missing."""

    BINDINGS = [Binding("enter", "enter", "Answer", tooltip="Answer once every item is paired")]

    def action_enter(self) -> None:
        self.query_ancestor(MatchingInput).enter()


class MatchingInput(Vertical):
    """Pair each left item with a right one: highlight a left item (arrows or its number), press the right item's letter.

    The right column is the learner's arrangement (``Arrangement.right``),
    shuffled apart from the left one, so row 1 is not a's partner.
    """

    BINDINGS = [
        *letter_keys("pair", "Pair the highlighted item with that letter"),
        *number_keys("pick", "Highlight that item on the left"),
    ]
    NOT_READY = "Pair every item first: highlight it on the left, then press the letter of its match; Enter answers."

    def __init__(self, left: list[LessonOption], right: list[LessonOption]) -> None:
        super().__init__(id="answer-input")
        self.left, self.right = left, right
        self.pairs: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="matching"):
            yield LeftColumn(*self._left_options(), id="match-left")
            yield SafeOptionList(
                *(Option(join(f"{LETTERS[i]}) ", plain(o.text)), id=o.id) for i, o in enumerate(self.right)), id="match-right"
            )

    def _left_options(self) -> list[Option]:
        letters = {o.id: LETTERS[i] for i, o in enumerate(self.right)}
        out = []
        for i, item in enumerate(self.left):
            match = self.pairs.get(item.id)
            tail = f"  →  {letters[match]})" if match else "  →  ?"
            out.append(Option(join(f"{i + 1}. ", plain(item.text), tail), id=item.id))
        return out

    def on_mount(self) -> None:
        self.query_one("#match-left", OptionList).focus()

    def focus(self, scroll_visible: bool = True):
        """Focusing the matching question focuses its left column, where the keys work."""
        self.query_one("#match-left", OptionList).focus(scroll_visible)
        return self

    def action_pair(self, index: int) -> None:
        if index < len(self.right) and not self.disabled:
            self.assign(self.right[index].id)

    def action_pick(self, index: int) -> None:
        if index < len(self.left) and not self.disabled:
            self.query_one("#match-left", OptionList).highlighted = index

    def assign(self, right_id: str) -> None:
        """Pair the highlighted item, then highlight the next unpaired one below it (the hint says so).

        Each right item is some item's match exactly once (the lesson format
        requires it), so a letter already used moves to the new item and the
        item it leaves is said, rather than two items silently sharing it.
        """
        left_list = self.query_one("#match-left", OptionList)
        at = left_list.highlighted or 0
        item = self.left[at].id
        taken = next((other for other, used in self.pairs.items() if used == right_id and other != item), None)
        if taken is not None:
            del self.pairs[taken]
            letter = LETTERS[[o.id for o in self.right].index(right_id)]
            number = [o.id for o in self.left].index(taken) + 1
            self.notify(f"{letter}) was the match of item {number}; it is now this item's. Pair item {number} again.")
        self.pairs[item] = right_id
        left_list.set_options(self._left_options())
        order = list(range(at + 1, len(self.left))) + list(range(at + 1))
        unpaired = [i for i in order if self.left[i].id not in self.pairs]
        left_list.highlighted = unpaired[0] if unpaired else at
        left_list.focus()

    @on(OptionList.OptionSelected, "#match-right")
    def right_clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.assign(event.option.id or "")

    def enter(self) -> None:
        """Answer; with items still unpaired the card says so (NOT_READY) and nothing moves.

        Enter once moved the focus to the right column, where a second Enter
        paired the item with whatever was highlighted there: a partner the
        learner never chose.
        """
        submit_now(self)

    @on(OptionList.OptionSelected, "#match-left")
    def left_clicked(self, event: OptionList.OptionSelected) -> None:
        """A click on a left item only highlights it (the click did that); a letter or a click on the right pairs it."""
        event.stop()

    def response(self) -> list[list[str]] | None:
        if len(self.pairs) != len(self.left):
            return None
        return [[left, right] for left, right in self.pairs.items()]


#: How to answer with this widget, shown under the question.
HINT = "highlight an item, then press the letter of its match (the next item is then highlighted); Enter answers"


def make(arranged: Arrangement) -> MatchingInput:
    return MatchingInput(list(arranged.shown), list(arranged.right))
