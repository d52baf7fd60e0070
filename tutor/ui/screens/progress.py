"""Progress in every module: the one score (session.progress(), tutor.progress.summary.run_score) and what is left.

One block per module rather than a table: titles are long, and text that
wraps cannot misalign columns, whatever characters a title holds.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.session import ModuleProgress
from tutor.ui.text import bar, join, plain, styled
from tutor.ui.widgets.footer import Footer


def percent(fraction: float | None) -> str:
    return "—" if fraction is None else f"{round(fraction * 100)}%"


def module_lines(progress: ModuleProgress) -> str:
    """What a learner wants to know about one module, in words."""
    parts = [f"{bar(progress.done, progress.total)} {progress.done} of {progress.total} questions answered"]
    if progress.run_open:
        parts.append(f"score so far {percent(progress.score)} (unanswered questions count as wrong until you answer them)")
    elif progress.score is not None:
        parts.append(f"last run {percent(progress.score)}")
    if progress.best is not None:
        parts.append(f"best finished run {percent(progress.best)}")
    if progress.runs:
        parts.append(f"{progress.runs} finished run{'s' if progress.runs != 1 else ''}")
    if progress.reviews_due:
        parts.append(f"{progress.reviews_due} due for review")
    return " · ".join(parts)


class ProgressScreen(Screen[None]):
    """Every module's score, with the score explained once."""

    HELP_TITLE = "Progress"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        session = self.app.session
        progress = session.progress()
        finished = sum(1 for p in progress.values() if p.best is not None)
        due = len(session.reviews_due())
        yield Header()
        with VerticalScroll(id="progress-box"):
            yield Static(
                join(
                    styled(f"Learner: {session.profile}", "bold"),
                    f"\n{finished} of {len(progress)} modules finished · {due} question{'s' if due != 1 else ''} due for review",
                    "\nA score is the credit for a run's answers (partly right answers count in part) "
                    "over all the module's questions.",
                ),
                id="progress-summary",
            )
            for module in session.modules:
                yield Static(join(styled(module.title, "bold"), "\n  ", Content(module_lines(progress[module.id]))),
                             classes="progress-module")
            if not session.modules:
                yield Static(plain("No modules to show."))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
