"""The end of a quiz: the whole run's score, the missed questions, and "retry missed"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.kinds import Grade
from tutor.session import RunResult
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer


class ResultsScreen(Screen[None]):
    HELP_TITLE = "Results"
    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="retry-missed"),
        Binding("escape,enter", "app.pop_screen", "Back to modules", id="back-home"),
    ]

    def __init__(self, title: str, items: list, outcome: RunResult | None, results: dict[str, Grade]) -> None:
        super().__init__()
        self.quiz_title = title
        self.items = items
        self.outcome = outcome
        if outcome is not None:
            missed_ids = {q.id for q in outcome.missed}
            self.missed = [i for i in items if i.question.id in missed_ids]
        else:
            self.missed = [i for i in items if i.question.id in results and not results[i.question.id].correct]
        self.results = results

    def compose(self) -> ComposeResult:
        yield Header()
        if self.outcome is not None:
            s = self.outcome.score
            partly = ", partly right answers counted in part" if s.credit != s.right else ""
            parts = [styled(f"Score for this run: {round(s.fraction * 100)}% ({s.right} of {s.total} right{partly}).", "bold")]
        else:
            right = sum(r.correct for r in self.results.values())
            parts = [styled(f"You answered {len(self.results)} question{'s' if len(self.results) != 1 else ''}; {right} right.", "bold")]
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
        self.app.retry_missed(self.missed, self.quiz_title)
