"""Pair each item on the left with one on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.kinds import Arrangement
from tutor.ui.answers.common import LETTERS, SubmitRequested
from tutor.ui.text import join, plain


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




#: How to answer with this widget, shown under the question.
HINT = "highlight an item, then press the letter of its match; Enter answers"


def make(arranged: Arrangement) -> MatchingInput:
    return MatchingInput(list(arranged.shown), list(arranged.right))
