"""A question, its answer input and, once answered, the feedback and the passages behind it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static

from tutor.content import models as m
from tutor.content.models import SKILL_WORDS, Question
from tutor.kinds import Arrangement, Grade, kind_of
from tutor.ui.answers import extra_buttons, hint_for, make_input
from tutor.ui.answers.common import UNREAD, SubmitRequested
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.feedback import RIGHT, WRONG, FeedbackView, feedback
from tutor.ui.widgets.lists import SafeOptionList
from tutor.ui.widgets.passages import passage_option

SOURCES_LABEL = "Where this comes from: a opens the first passage in its article; Tab to the list, then Enter, opens any."


class QuestionCard(Vertical):
    """Shows one question; posts :class:`QuestionCard.Answered` with the learner's response.

    Once answered, the card ignores every further submit (a second Enter, a
    click, a key that was still on its way: hardening F3); the session
    records an answer once per run and question as well.
    """

    class Answered(Message):
        """The learner submitted a complete response."""

        def __init__(self, card: QuestionCard, response: object) -> None:
            super().__init__()
            self.card = card
            self.response = response

    class NextRequested(Message):
        """The learner clicked "Next question"."""

    class PassageChosen(Message):
        """The learner picked a source passage from the feedback."""

        def __init__(self, ref: m.SourceRef) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, question: Question, arranged: Arrangement) -> None:
        super().__init__(id="question-card")
        self.question = question
        self.kind = kind_of(question.type)
        self.arranged = arranged
        self.options = list(arranged.shown)
        self.answered = False

    def compose(self) -> ComposeResult:
        q = self.question
        skill = SKILL_WORDS.get(q.skill, q.skill)
        how = join(styled(self.kind.label, "bold"), f"  ·  {hint_for(self.kind)}")
        yield Static(join(how, "\n", styled(f"This question practises {skill}.", "italic")), classes="question-kind")
        yield Static(plain(q.prompt), id="prompt")
        yield make_input(self.kind, self.arranged)
        # Buttons make every question type playable with the mouse alone.
        with Horizontal(id="card-buttons"):
            for button_id, label in extra_buttons(self.kind):
                yield Button(label, id=button_id, compact=True)
            yield Button("Answer", id="submit", variant="primary", compact=True)
            yield Button("Next question", id="next", compact=True)
        yield FeedbackView()
        yield Static(SOURCES_LABEL, id="sources-label", markup=False)
        yield SafeOptionList(id="sources")

    def on_mount(self) -> None:
        for selector in ("#sources", "#sources-label", "#next", "#feedback"):
            self.query_one(selector).display = False

    @property
    def answer_input(self) -> Widget:
        return self.query_one("#answer-input")

    @property
    def key_target(self) -> Widget:
        """The widget that should have focus for the answer keys to work (a matching question's left column)."""
        found = self.answer_input.query("#match-left")
        return found.first() if found else self.answer_input

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.post_message(SubmitRequested())
        elif event.button.id in {b for b, _label in extra_buttons(self.kind)}:
            if not self.answered:
                self.answer_input.press_button(event.button.id)
                self.answer_input.focus()
        elif event.button.id == "next":
            self.post_message(self.NextRequested())

    @on(SubmitRequested)
    def submit(self, event: SubmitRequested) -> None:
        event.stop()
        if self.answered:
            return  # answered already: a second Enter (or click) does nothing
        answer = self.answer_input
        response = answer.response() if event.response is UNREAD else event.response
        if response is None:
            self.app.notify(getattr(answer, "NOT_READY", "Answer the question first."), severity="warning")
            return
        self.answered = True
        answer.disabled = True
        self.post_message(self.Answered(self, response))

    def reopen(self) -> None:
        """The session refused the response (it does not fit the question): let the learner answer again."""
        self.answered = False
        self.answer_input.disabled = False
        self.set_focus_on_input()

    def set_focus_on_input(self) -> None:
        self.screen.set_focus(self.key_target, scroll_visible=False)

    def show_result(self, result: Grade, response: object, session) -> None:
        """Lock the input and show verdict, explanation, feedback and the source passages."""
        self.answered = True
        self.answer_input.disabled = True
        if self.kind.picks_options:
            self.mark_options({c for c, _ in result.feedback})
        for button in self.query("#card-buttons Button"):
            button.display = button.id == "next"
        self.query_one(FeedbackView).show(feedback(self.question, self.kind, self.arranged, result, response))
        sources = self.query_one("#sources", OptionList)
        sources.set_options(passage_option(session, ref, i) for i, ref in enumerate(self.cited()))
        sources.highlighted = 0 if sources.option_count else None
        sources.display = self.query_one("#sources-label").display = bool(sources.option_count)

    def mark_options(self, chosen: set[str]) -> None:
        """Show, in the list itself, which options were right and which one(s) the learner chose."""
        options = self.answer_input
        for index, option in enumerate(self.options):
            right = option.id in self.question.correct
            mark = RIGHT if right else (WRONG if option.id in chosen else " ")
            tail = "  (your answer)" if option.id in chosen else ""
            options.replace_option_prompt_at_index(index, join(f"{mark} {index + 1}. ", plain(option.text), tail))

    def cited(self) -> list[m.SourceRef]:
        """The question's passages, then those of the options the learner saw."""
        refs = list(self.question.sources)
        for option in self.options:
            refs.extend(r for r in option.sources if r not in refs)
        return refs

    @on(OptionList.OptionSelected, "#sources")
    def passage(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.PassageChosen(self.cited()[int(event.option.id or 0)]))
