"""The end of a quiz: the whole run's score, the missed questions, and where to go next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.content.text import printable
from tutor.kinds import Grade
from tutor.session import RunResult
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.hanging import Hanging


class ResultsScreen(Screen[None]):
    HELP_TITLE = "Results"
    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="retry-missed", tooltip="Answer the missed questions again (practice: the score stays)"),
        Binding("l", "lesson", "Lesson", id="results-lesson", tooltip="Read the lesson again"),
        Binding("p", "progress", "Progress", id="results-progress", tooltip="Your progress in every module"),
        Binding("escape,enter", "app.pop_screen", "Modules", id="back-home", tooltip="Back to the modules"),
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.missed)
        if action == "lesson":
            return self.outcome is not None
        return True

    def on_mount(self) -> None:
        self.sub_title = printable(self.quiz_title)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.outcome is not None:
            s = self.outcome.score
            partly = ", partly right answers counted in part" if s.credit != s.right else ""
            parts = [styled(f"Score for this run: {round(s.fraction * 100)}% ({s.right} of {s.total} right{partly}).", "bold")]
            if s.answered < s.total:
                parts.append(f"\n{s.total - s.answered} question{'s' if s.total - s.answered != 1 else ''} left unanswered count as wrong.")
            if self.outcome.result_file is not None:
                parts += ["\n\n", styled("Result file for your teacher saved: ", "bold"), plain(str(self.outcome.result_file))]
            elif self.outcome.result_error:
                parts += ["\n\n", styled("Your answers are saved, but the result file could not be written: ", "bold"),
                          plain(self.outcome.result_error)]
        else:
            right = sum(r.correct for r in self.results.values())
            parts = [styled(f"You answered {len(self.results)} question{'s' if len(self.results) != 1 else ''}; {right} right.", "bold")]
        after: list = []
        if self.missed:
            parts.append("\n\nMissed (they will also come back for review later):")
            after.append("r retries the missed questions.")
        else:
            parts.append("\n\nNothing missed.")
        if self.outcome is not None:
            after.append("l reads the lesson again; p shows your progress in every module.")
        after.append("Esc or Enter goes back to the modules.")
        with VerticalScroll(id="results-box"):
            yield Static(join(*parts), id="results")
            for item in self.missed:
                yield Hanging("  • ", plain(item.question.prompt), classes="missed")
            yield Static(" ".join(after), id="results-next")
        yield Footer()

    def action_retry(self) -> None:
        if self.missed:
            self.app.retry_missed(self.missed, self.quiz_title)

    def action_lesson(self) -> None:
        """The module's text from its first section (the quiz is over: q starts a new run from there)."""
        from tutor.ui.screens.lesson import LessonScreen

        if self.outcome is not None:
            self.app.switch_screen(LessonScreen(self.outcome.module, 0))

    def action_progress(self) -> None:
        from tutor.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())
