"""The bare Textual app that bench_serve.py serves with textual-serve's own Server, for comparison."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello from a bare Textual app")


if __name__ == "__main__":
    Bare().run()
