"""The quiz: one question at a time, saved the moment it is answered.

A lesson quiz plays a run (tutor.session.QuizRun): it starts at the run's
first unanswered question and its results are the whole run's. Review and
"retry missed" play questions outside any run (``session.practise``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.content.models import Module, Question
from tutor.content.text import printable
from tutor.kinds import Grade, InvalidResponse
from tutor.session import QuizRun, ReviewItem
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.question_card import QuestionCard


@dataclass
class QuizItem:
    module: Module
    question: Question


class QuizScreen(Screen[None]):
    """Plays a list of questions: a module's run, the due reviews, or the missed ones again."""

    HELP_TITLE = "Quiz"
    BINDINGS = [
        Binding("n", "next", "Next question", id="next-question"),
        Binding("a", "article", "Open the article", id="open-article"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, items: list[QuizItem], mode: str, title: str, start: int = 0, run: QuizRun | None = None) -> None:
        super().__init__()
        self.items = items
        self.mode = mode
        self.quiz_title = title
        self.index = start
        self.run = run
        self.results: dict[str, Grade] = {}
        self.started = time.monotonic()

    @classmethod
    def for_run(cls, run: QuizRun) -> QuizScreen:
        """A module's quiz, resumed at the run's first unanswered question."""
        module = run.module
        start = run.next_index()
        return cls([QuizItem(module, q) for q in module.questions], "lesson", module.title, start if start is not None else 0, run)

    @classmethod
    def for_review(cls, items: list[ReviewItem]) -> QuizScreen:
        return cls([QuizItem(i.module, i.question) for i in items], "review", "Review of missed questions")

    @classmethod
    def for_retry(cls, items: list[QuizItem], title: str) -> QuizScreen:
        return cls(items, "retry", f"Missed questions again: {title}")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="quiz-progress")
        yield VerticalScroll(id="quiz-body")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = printable(self.quiz_title)
        if self.run is not None and self.run.next_index() is None:
            self.finish()  # every question was answered before: only the results are left
            return
        await self.show_question()

    @property
    def current(self) -> QuizItem:
        return self.items[self.index]

    async def show_question(self) -> None:
        item = self.current
        body = self.query_one("#quiz-body", VerticalScroll)
        await body.remove_children()
        card = QuestionCard(item.question, self.app.session.arrange(item.module, item.question))
        await body.mount(card)
        body.scroll_home(animate=False)
        self.query_one("#quiz-progress", Static).update(f"Question {self.index + 1} of {len(self.items)}")
        self.started = time.monotonic()

    @on(QuestionCard.Answered)
    def answered(self, event: QuestionCard.Answered) -> None:
        item = self.current
        session = self.app.session
        seconds = time.monotonic() - self.started
        try:
            if self.run is not None:
                result = session.answer(self.run, item.question, event.response, seconds)
            else:
                result = session.practise(item.module, item.question, event.response, seconds, self.mode)
        except InvalidResponse as exc:
            event.card.answered = False
            self.notify(printable(str(exc)), severity="warning", markup=False)
            return
        self.results[item.question.id] = result
        event.card.show_result(result, session)

    @on(QuestionCard.NextRequested)
    async def next_clicked(self) -> None:
        await self.action_next()

    @on(QuestionCard.PassageChosen)
    def open_passage(self, event: QuestionCard.PassageChosen) -> None:
        from tutor.ui.screens.article import ArticleScreen

        self.app.push_screen(ArticleScreen(event.ref.source, event.ref.quote))

    def action_article(self) -> None:
        card = self.query_one(QuestionCard)
        if not card.answered:
            self.notify("Answer first; then the article opens at the passage behind the answer.")
            return
        ref = card.cited()[0]
        from tutor.ui.screens.article import ArticleScreen

        self.app.push_screen(ArticleScreen(ref.source, ref.quote))

    async def action_next(self) -> None:
        if not self.query_one(QuestionCard).answered:
            self.notify("Answer this question first.")
            return
        following = self.next_unanswered()
        if following is not None:
            self.index = following
            await self.show_question()
            return
        self.finish()

    def next_unanswered(self) -> int | None:
        """The next question to ask: in a run, skip any answered in an earlier sitting."""
        for index in range(self.index + 1, len(self.items)):
            if self.run is None or self.run.answered(self.items[index].question) is None:
                return index
        return None

    def finish(self) -> None:
        session = self.app.session
        if self.run is not None:
            outcome = session.finish(self.run)
            if outcome.result_file is not None:
                self.notify(f"Result file saved: {printable(str(outcome.result_file))}", title="Assignment", timeout=15, markup=False)
            elif outcome.result_error:
                self.notify(f"Your answers are saved, but the result file could not be written: {printable(outcome.result_error)}",
                            severity="error", timeout=30, markup=False)
        else:
            outcome = None
        self.app.show_results(self.quiz_title, self.items, outcome, self.results)
