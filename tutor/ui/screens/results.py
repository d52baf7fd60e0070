"""The end of a quiz: the score, the missed questions, and "retry missed"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.grading import Grade
from tutor.ui.text import join, plain, styled


class ResultsScreen(Screen[None]):
    HELP_TITLE = "Results"
    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="retry-missed"),
        Binding("escape,enter", "app.pop_screen", "Back to modules", id="back-home"),
    ]

    def __init__(self, title: str, items: list, results: dict[str, Grade], missed: list) -> None:
        super().__init__()
        self.quiz_title = title
        self.items = items
        self.results = results
        self.missed = missed

    def compose(self) -> ComposeResult:
        yield Header()
        answered = len(self.results)
        right = sum(r.correct for r in self.results.values())
        parts = [styled(f"You answered {answered} question{'s' if answered != 1 else ''} in this sitting; {right} right.", "bold")]
        if self.missed:
            parts.append("\n\nMissed (they will also come back for review later):")
            for item in self.missed:
                parts += ["\n  • ", plain(item.question.prompt)]
            parts.append("\n\nPress r to retry the missed questions, Escape to go back to the modules.")
        else:
            parts.append("\n\nNothing missed. Press Escape to go back to the modules.")
        with VerticalScroll():
            yield Static(join(*parts), id="results")
        yield Footer()

    def action_retry(self) -> None:
        if not self.missed:
            self.notify("Nothing to retry.")
            return
        from tutor.ui.screens.quiz import QuizScreen

        self.app.switch_screen(QuizScreen.for_retry(self.missed, self.quiz_title))
