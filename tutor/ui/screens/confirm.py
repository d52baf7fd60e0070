"""A yes-or-no question over the current screen: Enter or y says yes, Esc or n says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.text import plain, styled


class ConfirmScreen(ModalScreen[bool]):
    HELP_TITLE = "A question"
    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > Vertical {
        width: 64;
        max-width: 90%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen .confirm-keys {
        margin: 1 0 0 0;
    }
    """
    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question, self.yes = question, yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question))
            yield Static(styled(f"Enter or y: {self.yes}  ·  Esc or n: not now", "bold"), classes="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
