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
from tutor.errors import UserError
from tutor.kinds import Grade, InvalidResponse
from tutor.session import QuizRun, ReviewItem
from tutor.ui.widgets.feedback import FeedbackView
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.question_card import QuestionCard

REVEAL_TRIES = 20  # refreshes to wait for the layout to hold the feedback (it takes one or two)


@dataclass
class QuizItem:
    module: Module
    question: Question


class QuizScreen(Screen[None]):
    """Plays a list of questions: a module's run, the due reviews, or the missed ones again."""

    HELP_TITLE = "Quiz"
    BINDINGS = [
        Binding("n", "next", "Next question", id="next-question"),
        Binding("a", "article", "Article", id="open-article", tooltip="Open the article at the passage behind the answer"),
        Binding("l", "lesson", "Lesson", id="read-lesson", tooltip="Read the lesson again; q comes back to this question"),
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the modules; your answers are saved"),
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

    @property
    def card(self) -> QuestionCard | None:
        found = self.query(QuestionCard)
        return found.first() if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next and "open the article" only once the question is answered; the lesson only in a module's quiz."""
        if action in ("next", "article"):
            card = self.card
            return card is not None and card.answered
        if action == "lesson":
            return self.mode == "lesson"
        return True

    async def show_question(self) -> None:
        item = self.current
        body = self.query_one("#quiz-body", VerticalScroll)
        await body.remove_children()
        card = QuestionCard(item.question, self.app.session.arrange(item.module, item.question))
        await body.mount(card)
        body.scroll_home(animate=False)
        # Focus now, not after a round trip: keys typed right behind "n" go to the new question (walkthrough 44).
        self.set_focus(card.key_target, scroll_visible=False)
        where = f"Question {self.index + 1} of {len(self.items)}"
        if self.run is None:  # review and retries: practice, as plain mode's menu says too
            where += " · practice: your score stays as it is"
        self.query_one("#quiz-progress", Static).update(where)
        self.started = time.monotonic()
        self.refresh_bindings()

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
            event.card.reopen()
            self.notify(str(exc), severity="warning")
            return
        except UserError as exc:  # the progress file is busy, full or read-only: nothing was recorded
            event.card.reopen()
            self.app.report(exc, "Answer not saved")
            return
        self.results[item.question.id] = result
        self.app.clear_notifications()  # a "choose first" notice has done its work; it would cover the feedback
        event.card.show_result(result, event.response, session)
        # Arrows and PageDown now scroll the feedback and the passages (walkthrough 8).
        body = self.query_one("#quiz-body", VerticalScroll)
        self.set_focus(body, scroll_visible=False)
        self.refresh_bindings()
        self.call_after_refresh(self.reveal_feedback)

    @on(FeedbackView.LaidOut)
    def feedback_laid_out(self) -> None:
        self.reveal_feedback()

    def reveal_feedback(self, tries: int = 0) -> None:
        """Scroll the verdict and as much of the feedback as fits into view, keeping the question above if it can.

        Only once the layout has caught up: the feedback can have its size
        while the card and the scrolling body still have their old heights
        (measured: about half the time), and a scroll then is clamped to the
        old height and leaves the feedback below the screen. So it waits,
        refresh by refresh, until the body is tall enough to hold it.
        """
        card = self.card
        if card is None or not card.answered:
            return
        feedback = card.query_one(FeedbackView)
        body = self.query_one("#quiz-body", VerticalScroll)
        needed = feedback.virtual_region_with_margin.bottom
        settled = feedback.size.height and card.size.height >= needed and body.virtual_size.height >= card.outer_size.height
        if settled:
            body.scroll_to_widget(feedback, animate=False, top=False, immediate=True)
        elif tries < REVEAL_TRIES:
            self.call_after_refresh(self.reveal_feedback, tries + 1)

    @on(QuestionCard.NextRequested)
    async def next_clicked(self) -> None:
        await self.action_next()

    @on(QuestionCard.PassageChosen)
    def open_passage(self, event: QuestionCard.PassageChosen) -> None:
        from tutor.ui.screens.article import ArticleScreen

        self.app.push_screen(ArticleScreen(event.ref.source, event.ref.quote))

    def action_article(self) -> None:
        card = self.card
        if card is None or not card.answered or not card.cited():
            return
        ref = card.cited()[0]
        from tutor.ui.screens.article import ArticleScreen

        self.app.push_screen(ArticleScreen(ref.source, ref.quote))

    def action_lesson(self) -> None:
        """The module's text, over the quiz: Esc comes back to the same question."""
        from tutor.ui.screens.lesson import LessonScreen

        module = self.current.module
        self.app.push_screen(LessonScreen(module, self.app.session.reading_place(module), over_quiz=True))

    async def action_next(self) -> None:
        card = self.card
        if card is None or not card.answered:
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
        try:
            outcome = session.finish(self.run) if self.run is not None else None
        except UserError as exc:  # answers are saved; finishing again later works
            self.app.report(exc, "Results not saved")
            return
        self.app.show_results(self.quiz_title, self.items, outcome, self.results)
