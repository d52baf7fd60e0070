"""The lesson reader: one section at a time, with the passages it cites."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from tutor.content.models import Module
from tutor.content.text import label_once, printable
from tutor.errors import UserError
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.lists import SafeOptionList
from tutor.ui.widgets.passages import passage_option


class LessonScreen(Screen[None]):
    """Read a module's sections; every cited passage opens its article."""

    HELP_TITLE = "Lesson reader"
    BINDINGS = [
        Binding("n,right", "next_section", "Next", id="next-section"),
        Binding("p,left", "previous_section", "Previous", id="previous-section"),
        Binding("q", "quiz", "Quiz", id="start-quiz", tooltip="Start the quiz (or go on with the one under way)"),
        Binding("q", "back_to_quiz", "Quiz", id="back-to-quiz", tooltip="Back to the question you came from"),
        Binding("g", "reference", "Glossary", id="lesson-reference"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
        *(Binding(str(n), f"passage({n - 1})", "Open that passage in its article", show=False) for n in range(1, 10)),
    ]

    def __init__(self, module: Module, index: int = 0, over_quiz: bool = False) -> None:
        super().__init__()
        self.module = module
        self.index = index
        #: Opened from the quiz ("l"): q goes back to the question rather than starting another quiz.
        self.over_quiz = over_quiz

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # about a quarter of Textual's import cost: only here

        yield Header()
        yield Static(id="section-title")
        with VerticalScroll(id="reader"):
            yield Markdown(id="body", open_links=False)
            yield Static(id="outside", classes="outside")
        with Vertical(id="passages-box"):
            yield Static("Passages this section cites (a number, or Tab then Enter, opens the article there):", classes="label", markup=False)
            yield SafeOptionList(id="passages")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_section()

    async def show_section(self) -> None:
        """The section's text first, then its title and passages, so they never show two different sections."""
        section = self.module.sections[self.index]
        await self.query_one("#body").update(printable(section.body))
        self.sub_title = printable(self.module.title)
        total = len(self.module.sections)
        self.query_one("#section-title", Static).update(
            join(styled(f"Section {self.index + 1} of {total}: ", "bold"), styled(section.title, "bold"))
        )
        outside = self.query_one("#outside", Static)
        if section.outside_knowledge:
            label, _, rest = label_once("Outside the articles", section.outside_knowledge).partition(":")
            outside.update(join(styled(f"{label}:", "bold"), plain(rest)))
        outside.display = bool(section.outside_knowledge)
        passages = self.query_one("#passages", OptionList)
        passages.clear_options()
        passages.add_options(passage_option(self.app.session, ref, i, numbered=True) for i, ref in enumerate(section.sources))
        passages.highlighted = 0
        reader = self.query_one("#reader", VerticalScroll)
        reader.scroll_home(animate=False)
        reader.focus()  # a new section is read from its text: PageDown scrolls it, wherever the focus was
        try:
            self.app.session.set_reading(self.module, self.index)
        except UserError as exc:  # only the reading place is lost; the lesson goes on
            self.app.report(exc, "Reading place not saved")

    async def action_next_section(self) -> None:
        if self.index + 1 < len(self.module.sections):
            self.index += 1
            await self.show_section()
        else:
            self.notify("That was the last section. Press q to " + ("go back to the quiz." if self.over_quiz else "start the quiz."))

    async def action_previous_section(self) -> None:
        if self.index > 0:
            self.index -= 1
            await self.show_section()

    def action_quiz(self) -> None:
        self.app.start_quiz(self.module, replace=True)

    def action_back_to_quiz(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """q starts the quiz, or goes back to it when the lesson was opened from a question."""
        if action == "quiz":
            return not self.over_quiz
        if action == "back_to_quiz":
            return self.over_quiz
        return True

    def action_reference(self) -> None:
        from tutor.ui.screens.reference import ReferenceScreen

        self.app.push_screen(ReferenceScreen(self.module))

    @on(OptionList.OptionSelected, "#passages")
    def open_passage(self, event: OptionList.OptionSelected) -> None:
        self.action_passage(int(event.option.id or 0))

    def action_passage(self, index: int) -> None:
        from tutor.ui.screens.article import ArticleScreen

        sources = self.module.sections[self.index].sources
        if index < len(sources):
            self.app.push_screen(ArticleScreen(sources[index].source, sources[index].quote))

    def on_markdown_link_clicked(self, event) -> None:
        """Lesson links never run anything; http(s) addresses are only shown."""
        href = str(getattr(event, "href", ""))
        if href.startswith(("http://", "https://")):
            self.notify(printable(href), title="Link")
        event.prevent_default()
