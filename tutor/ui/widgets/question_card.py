"""A question, its answer input and, once answered, the feedback and the passages behind it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, OptionList, Static

from tutor.content import models as m
from tutor.content.models import Question
from tutor.kinds import Arrangement, Grade, kind_of
from tutor.ui.answers import extra_buttons, hint_for, make_input
from tutor.ui.answers.common import SubmitRequested
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.passages import passage_option


class QuestionCard(Vertical):
    """Shows one question; posts :class:`QuestionCard.Answered` with the learner's response."""

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
        yield Static(join(styled(f"{self.kind.label} ({hint_for(self.kind)})", "italic"), f"  ·  skill: {q.skill}"), classes="question-kind")
        yield Static(plain(q.prompt), id="prompt")
        yield make_input(self.kind, self.arranged)
        # Buttons make every question type playable with the mouse alone.
        with Horizontal(id="card-buttons"):
            for button_id, label in extra_buttons(self.kind):
                yield Button(label, id=button_id, compact=True)
            yield Button("Answer", id="submit", variant="primary", compact=True)
            yield Button("Next question", id="next", compact=True)
        yield Static(id="feedback")
        yield OptionList(id="sources")

    def on_mount(self) -> None:
        self.query_one("#sources", OptionList).display = False
        self.query_one("#next", Button).display = False
        self.query_one("#answer-input").focus()

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.post_message(SubmitRequested())
        elif event.button.id in {b for b, _label in extra_buttons(self.kind)}:
            answer = self.query_one("#answer-input")
            answer.press_button(event.button.id)
            answer.focus()
        elif event.button.id == "next":
            self.post_message(self.NextRequested())

    @on(SubmitRequested)
    def submit(self, event: SubmitRequested) -> None:
        event.stop()
        if self.answered:
            return  # answered already: a second Enter (or click) does nothing
        response = self.query_one("#answer-input").response()
        if response is None:
            self.app.notify("Answer the question first: see the hint above the options.", severity="warning")
            return
        self.answered = True
        self.post_message(self.Answered(self, response))

    def show_result(self, result: Grade, session) -> None:
        """Lock the input and show verdict, explanation, feedback and the source passages."""
        self.answered = True
        q = self.question
        self.query_one("#answer-input").disabled = True
        if self.kind.picks_options:
            self.mark_options({c for c, _ in result.feedback})
        for button in self.query("#card-buttons Button"):
            button.display = button.id == "next"
        verdict = styled("Right. ", "bold green") if result.correct else styled("Not quite. ", "bold red")
        if 0 < result.score < 1:
            verdict = join(verdict, f"(partly right: {round(result.score * 100)}%) ")
        parts = [verdict, plain(q.explanation), "\n"]
        names = {o.id: o.text for o in (*q.options, *q.right)}
        if result.note:
            parts += ["\n", plain(result.note)]
        if not self.kind.picks_options and result.marks:
            parts.append(styled("\nThe right answer:", "bold"))
            for item_id, text in result.feedback:
                parts += ["\n  • ", plain(names.get(item_id, "")), ": ", plain(text)]
        elif not self.kind.picks_options:
            parts += ["\n", plain(result.feedback[0][1])]
        else:
            parts.append(styled("\nWhat you chose:", "bold"))
            for option_id, text in result.feedback:
                parts += ["\n  • ", plain(names.get(option_id, option_id)), ": ", plain(text)]
            others = [o for o in self.options if o.id not in {c for c, _ in result.feedback}]
            if others:
                parts.append(styled("\nThe other options:", "bold"))
                for option in others:
                    parts += ["\n  • ", plain(option.text), ": ", plain(option.feedback)]
        if q.outside_knowledge:
            parts += ["\n", styled("Outside the articles: ", "bold"), plain(q.outside_knowledge)]
        parts.append(styled("\nWhere this comes from (Enter on a passage opens the article; n for the next question):", "bold"))
        self.query_one("#feedback", Static).update(join(*parts))
        sources = self.query_one("#sources", OptionList)
        sources.add_options(passage_option(session, ref, i) for i, ref in enumerate(self.cited()))
        sources.display = True
        sources.highlighted = 0
        sources.focus(scroll_visible=False)
        # Keep the verdict in view; the passages follow it, one scroll away.
        self.call_after_refresh(self.query_one("#feedback", Static).scroll_visible, top=True, animate=False)

    def mark_options(self, chosen: set[str]) -> None:
        """Show, in the list itself, which options were right and which one(s) the learner chose."""
        options = self.query_one("#answer-input", OptionList)
        for index, option in enumerate(self.options):
            right = option.id in self.question.correct
            mark = "✓" if right else ("✗" if option.id in chosen else " ")
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
