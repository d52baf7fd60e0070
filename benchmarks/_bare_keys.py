"""Child process for bench_keys.py: a bare Textual app of tutor's shape, on the same text.

Stock widgets, default styles, no session, no store, the same keys in the
footers: a module list
(OptionList), a lesson (Markdown and a passage list), an article (read-only
TextArea scrolled to the passage), a question (OptionList, buttons, feedback,
a passage list), answering to the same keys as tutor. What tutor costs on top
of this is tutor's own. The text comes from a JSON file the benchmark writes
from tutor's shipped lessons.
"""

from __future__ import annotations

import json
import sys
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

DATA: dict = {}


class Home(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("enter", "open", "Open module", show=False), Binding("r", "noop", "Review due"), Binding("c", "noop", "Contested claims"),
        Binding("g", "noop", "Glossary & timeline"), Binding("a", "noop", "Articles"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(DATA["welcome"]))
        yield OptionList(*(Option(Content(f"{title}\n  {details}"), id=str(i)) for i, (title, details) in enumerate(DATA["modules"])))
        yield Static("No reviews due.")
        yield Footer()

    @on(OptionList.OptionSelected)
    def action_open(self) -> None:
        self.app.push_screen(Lesson())

    def action_noop(self) -> None:
        pass


class Lesson(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("n,right", "noop", "Next section"), Binding("p,left", "noop", "Previous"), Binding("q", "quiz", "Start the quiz"),
        Binding("g", "noop", "Glossary & timeline"), Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(DATA["section_title"]))
        with VerticalScroll():
            yield Markdown(DATA["body"])
            yield Static(Content(DATA["outside"]))
        yield Static("Passages this section cites (Enter opens the article there):")
        yield OptionList(*(Option(Content(f"{label}\n  “{quote}”"), id=str(i)) for i, (label, quote) in enumerate(DATA["passages"])))
        yield Footer()

    def action_quiz(self) -> None:
        self.app.switch_screen(Quiz())

    def action_noop(self) -> None:
        pass

    @on(OptionList.OptionSelected)
    def open_passage(self) -> None:
        self.app.push_screen(Article())


class Article(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("right_square_bracket,n", "noop", "Next cited passage"), Binding("left_square_bracket,p", "noop", "Previous passage"),
        Binding("f", "noop", "Body / whole page"), Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(DATA["article_meta"] + "\nShowing the article body (f: whole page)"))
        area = TextArea(read_only=True, soft_wrap=True, show_line_numbers=False, highlight_cursor_line=False)
        area.cursor_blink = False
        yield area
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.load_text(DATA["article_text"])
        start, end = DATA["passage_span"]
        area.selection = Selection(area.document.get_location_from_index(end), area.document.get_location_from_index(start))
        area.scroll_cursor_visible(center=True, animate=False)
        area.focus()

    def action_noop(self) -> None:
        pass


class Choices(OptionList):
    BINDINGS: ClassVar = [Binding("enter", "answer", "Answer", priority=True), *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10))]

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index

    def action_answer(self) -> None:
        self.screen.answer()


class Quiz(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("n", "noop", "Next question"), Binding("a", "open_passage", "Open the article"), Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        q = DATA["question"]
        yield Header()
        yield Static(f"Question 1 of {q['count']}")
        with VerticalScroll(), Vertical():
            yield Static(Content(q["kind"]))
            yield Static(Content(q["prompt"]))
            yield Choices(*(Option(Content(f"{i}. {text}")) for i, text in enumerate(q["options"], 1)))
            with Horizontal():
                yield Button("Answer", compact=True)
                yield Button("Next question", compact=True)
            yield Static(id="feedback")
            yield OptionList(id="sources")

    def on_mount(self) -> None:
        self.query_one("#sources").display = False
        self.query_one(Choices).focus()

    def answer(self) -> None:
        q = DATA["question"]
        choices = self.query_one(Choices)
        for i, text in enumerate(q["options"]):
            choices.replace_option_prompt_at_index(i, Content(f"{'✓' if i == q['right'] else ' '} {i + 1}. {text}"))
        choices.disabled = True
        where = "\nWhere this comes from (Enter on a passage opens the article):"
        self.query_one("#feedback", Static).update(Content("What you chose:\n" + q["feedback"] + where))
        sources = self.query_one("#sources", OptionList)
        sources.add_options(Option(Content(f"{label}\n  “{quote}”"), id=str(i)) for i, (label, quote) in enumerate(q["sources"]))
        sources.display = True
        sources.highlighted = 0
        sources.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#feedback").scroll_visible, top=True, animate=False)

    @on(OptionList.OptionSelected, "#sources")
    def open_passage(self) -> None:
        self.app.push_screen(Article())

    def action_open_passage(self) -> None:
        self.open_passage()

    def action_noop(self) -> None:
        pass


class Bare(App[None]):
    TITLE = "bare"
    BINDINGS: ClassVar = [
        Binding("f1,question_mark", "noop", "Help"), Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def action_noop(self) -> None:
        pass

    def get_default_screen(self) -> Screen:
        return Home()


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as data:
        DATA.update(json.load(data))
    Bare().run()
