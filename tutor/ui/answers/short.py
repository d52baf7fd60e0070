"""Type the answer."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from tutor.kinds import Arrangement
from tutor.ui.answers.common import SubmitRequested


class ShortInput(Input):
    """Type the answer; Enter answers."""

    NOT_READY = "Type your answer first, then press Enter."

    def __init__(self) -> None:
        # Not select_on_focus: focus comes back here after the article or the
        # lesson, and a browser click focuses it too; selected text was then
        # replaced by the next key, losing what the learner had typed.
        super().__init__(placeholder="Type your answer and press Enter", id="answer-input", select_on_focus=False)
        self.cursor_blink = False

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        response = event.value if event.value.strip() else None  # the text as it was when Enter was pressed
        if response is not None:
            self.disabled = True
        self.post_message(SubmitRequested(response))

    def response(self) -> str | None:
        return self.value if self.value.strip() else None


#: How to answer with this widget, shown under the question.
HINT = "type, then Enter"


def make(arranged: Arrangement) -> ShortInput:
    return ShortInput()
