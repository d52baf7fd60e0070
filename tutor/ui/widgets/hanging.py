"""An item whose text wraps under itself, not back under its mark: "•", a date, a number.

A Static wraps every line back to its left edge, so a long missed question
or timeline event ran on under its bullet or date; here the mark and the
text are two widgets side by side, the text taking the rest of the width.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class Hanging(Horizontal):
    DEFAULT_CSS = """
    Hanging {
        height: auto;
    }
    Hanging > .hanging-mark {
        width: auto;
    }
    Hanging > .hanging-text {
        width: 1fr;
    }
    """

    def __init__(self, mark: str | Content, text: str | Content, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.mark, self.text = mark, text

    def compose(self) -> ComposeResult:
        yield Static(Content(self.mark) if isinstance(self.mark, str) else self.mark, classes="hanging-mark")
        yield Static(Content(self.text) if isinstance(self.text, str) else self.text, classes="hanging-text")
