"""True or false: the one-pick widget with t and f as well as 1 and 2."""

from __future__ import annotations

from textual.binding import Binding

from tutor.kinds import Arrangement
from tutor.ui.answers.choice import ChoiceInput


class TrueFalseInput(ChoiceInput):
    """t picks the option that starts with T, f the one that starts with F; Enter answers."""

    BINDINGS = [
        Binding("t", "pick_initial('t')", "Choose True", show=False),
        Binding("f", "pick_initial('f')", "Choose False", show=False),
    ]
    NOT_READY = "Choose first: press t for true or f for false (or 1 or 2), then Enter."

    def action_pick_initial(self, letter: str) -> None:
        for index, option in enumerate(self.lesson_options):
            if option.text[:1].casefold() == letter:
                self.action_pick(index)
                return


#: How to answer with this widget, shown under the question.
HINT = "press t or f (or 1 or 2), then Enter"


def make(arranged: Arrangement) -> TrueFalseInput:
    return TrueFalseInput(list(arranged.shown))
