"""Help: what tutor is for and the keys of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "tutor teaches one contested news story, Russia's July 2025 recognition of the Taliban government, "
    "from five articles. Read a section, then answer questions: after every answer you see why it is right "
    "or wrong and the exact passage of the article it comes from. Your answers are saved as you go; come back any time."
    "\n\nEverywhere: F1 or ? help, Ctrl+P command palette (themes, including a high-contrast one), "
    "Escape go back, Ctrl+Q quit."
)


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the screen underneath."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="close-help")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        keys = []
        for binding in getattr(self.under, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.show:
                keys.append(f"  {binding.key:<24} {binding.description}")
        title = getattr(self.under, "HELP_TITLE", "This screen")
        text = f"{INTRO}\n\n{title}:\n" + ("\n".join(keys) if keys else "  (no keys of its own)")
        with VerticalScroll(id="help-box"):
            yield Static(text, markup=False)
            yield Static("Press Escape to close.", classes="hint", markup=False)
