"""A plain notice shown while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

#: Below this size the screens cannot lay out; this notice is shown instead.
MIN_WIDTH, MIN_HEIGHT = 60, 20


class TooSmallScreen(Screen[None]):
    """Covers everything until the terminal is resized big enough."""

    def compose(self) -> ComposeResult:
        yield Static(f"Terminal too small. Please make it at least {MIN_WIDTH}x{MIN_HEIGHT}. Ctrl+Q quits.", id="too-small", markup=False)
