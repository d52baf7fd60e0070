"""The quiz: one question at a time, saved the moment it is answered."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.content.models import Module, Question
from tutor.content.text import printable
from tutor.grading import Grade, InvalidResponse
from tutor.session import Place, ReviewItem
from tutor.ui.widgets.question_card import QuestionCard


@dataclass
class QuizItem:
    module: Module
    question: Question


class QuizScreen(Screen[None]):
    """Plays a list of questions: a module's, the due reviews, or the missed ones again."""

    HELP_TITLE = "Quiz"
    BINDINGS = [
        Binding("n", "next", "Next question", id="next-question"),
        Binding("a", "article", "Open the article", id="open-article"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, items: list[QuizItem], mode: str, title: str, start: int = 0) -> None:
        super().__init__()
        self.items = items
        self.mode = mode
        self.quiz_title = title
        self.index = start
        self.results: dict[str, Grade] = {}
        self.started = time.monotonic()

    @classmethod
    def for_module(cls, module: Module, start_at: str | None = None) -> QuizScreen:
        ids = [q.id for q in module.questions]
        start = ids.index(start_at) if start_at in ids else 0
        return cls([QuizItem(module, q) for q in module.questions], "lesson", module.title, start)

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
        await self.show_question()

    @property
    def current(self) -> QuizItem:
        return self.items[self.index]

    async def show_question(self) -> None:
        item = self.current
        session = self.app.session
        body = self.query_one("#quiz-body", VerticalScroll)
        await body.remove_children()
        card = QuestionCard(item.question, session.ordered(item.module, item.question), session.right_column(item.module, item.question))
        await body.mount(card)
        body.scroll_home(animate=False)
        self.query_one("#quiz-progress", Static).update(f"Question {self.index + 1} of {len(self.items)}")
        if self.mode == "lesson":
            session.set_place(item.module, Place("question", item.question.id))
        self.started = time.monotonic()

    @on(QuestionCard.Answered)
    def answered(self, event: QuestionCard.Answered) -> None:
        item = self.current
        following = self.index + 1
        next_place = None
        if self.mode == "lesson":
            next_place = Place("question", self.items[following].question.id) if following < len(self.items) else Place("done")
        try:
            result = self.app.session.answer(item.module, item.question, event.response, time.monotonic() - self.started, self.mode, next_place)
        except InvalidResponse as exc:
            self.notify(str(exc), severity="warning")
            return
        self.results[item.question.id] = result
        event.card.show_result(result, self.app.session)

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
        if self.index + 1 < len(self.items):
            self.index += 1
            await self.show_question()
            return
        self.finish()

    def finish(self) -> None:
        from tutor.ui.screens.results import ResultsScreen

        session = self.app.session
        if self.mode == "lesson":
            module = self.items[0].module
            progress = session.progress()[module.id]
            try:
                written = session.finish(module, progress.correct / progress.total if progress.total else 0.0)
            except OSError as exc:
                self.notify(f"Your answers are saved, but the result file could not be written: {exc}", severity="error", timeout=30)
                written = None
            if written is not None:
                self.notify(f"Result file saved: {written}", title="Assignment", timeout=15)
        missed = [item for item in self.items if not self.results.get(item.question.id, Grade(True, 1, ())).correct]
        self.app.switch_screen(ResultsScreen(self.quiz_title, self.items, self.results, missed))
