"""One answer input per kind of question, each playable by keyboard alone and by mouse.

Every input offers ``response()``, the learner's answer in the shape
:func:`tutor.grading.grade` expects, or None when it is not complete yet.
Option text is always :class:`Content` built from plain text, never markup.
"""

from __future__ import annotations

import string

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from tutor.content.models import Option as LessonOption
from tutor.ui.text import join, plain

LETTERS = string.ascii_lowercase


class SubmitRequested(Message):
    """An input asks its card to submit (Enter, a click, or a pick)."""


def numbered(index: int, option: LessonOption) -> Option:
    return Option(join(f"{index + 1}. ", plain(option.text)), id=option.id)


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

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click picks the item to move; it does not answer

    def response(self) -> list[str]:
        return [item.id for item in self.items]


class MatchingInput(Vertical):
    """Pair each left item with a right one: highlight a left item, press the right item's letter (or click it)."""

    BINDINGS = [Binding(letter, f"pair({i})", show=False) for i, letter in enumerate(LETTERS[:9])]

    def __init__(self, left: list[LessonOption], right: list[LessonOption]) -> None:
        super().__init__(id="answer-input")
        self.left, self.right = left, right
        self.pairs: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="matching"):
            yield OptionList(*self._left_options(), id="match-left")
            yield OptionList(
                *(Option(join(f"{LETTERS[i]}) ", plain(o.text)), id=o.id) for i, o in enumerate(self.right)), id="match-right"
            )
        yield Static("Highlight an item on the left, then press the letter of its match (or click it). Enter answers.", classes="hint")

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

    def action_pair(self, index: int) -> None:
        if index < len(self.right):
            self.assign(self.right[index].id)

    def assign(self, right_id: str) -> None:
        left_list = self.query_one("#match-left", OptionList)
        at = left_list.highlighted or 0
        self.pairs[self.left[at].id] = right_id
        left_list.clear_options()
        left_list.add_options(self._left_options())
        unpaired = [i for i, item in enumerate(self.left) if item.id not in self.pairs]
        left_list.highlighted = unpaired[0] if unpaired else at
        left_list.focus()

    @on(OptionList.OptionSelected, "#match-right")
    def right_clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.assign(event.option.id or "")

    @on(OptionList.OptionSelected, "#match-left")
    def left_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if len(self.pairs) == len(self.left):
            self.post_message(SubmitRequested())
        else:
            self.query_one("#match-right", OptionList).focus()

    def response(self) -> list[list[str]] | None:
        if len(self.pairs) != len(self.left):
            return None
        return [[left, right] for left, right in self.pairs.items()]


class ShortInput(Input):
    """Type the answer; Enter answers."""

    def __init__(self) -> None:
        super().__init__(placeholder="Type your answer and press Enter", id="answer-input")
        self.cursor_blink = False

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SubmitRequested())

    def response(self) -> str | None:
        return self.value if self.value.strip() else None
