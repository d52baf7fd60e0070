"""Home: the modules with progress, reviews due, and a first-run welcome."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.session import ModuleProgress, Place
from tutor.ui.text import bar, join, plain, styled
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.lists import SafeOptionList

WELCOME = (
    "Welcome, {name}! This tutorial teaches Russia's 2025 recognition of the Taliban from five articles. "
    "Pick a module with the arrow keys and press Enter (or click it). Each module has short sections to read, "
    "then questions; after every answer you see the passage of the article it comes from. Press ? for help."
)


class HomeScreen(Screen[None]):
    """The module picker."""

    HELP_TITLE = "Home"
    due = 0
    BINDINGS = [
        Binding("enter", "open", "Open module", show=False, id="open-module"),
        Binding("r", "review", "Review due", id="review"),
        Binding("p", "progress", "Progress", id="progress"),
        Binding("c", "claims", "Claims", id="claims"),
        Binding("g", "reference", "Glossary", id="reference"),
        Binding("a", "articles", "Articles", id="articles"),
        Binding("escape", "stay", "Nothing to go back to", show=False, id="home-escape", tooltip="Nothing to go back to: says how to quit"),
        *(Binding(str(n), f"open_number({n - 1})", "Open that module", show=False) for n in range(1, 10)),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="welcome")
        yield SafeOptionList(id="modules")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_modules()
        self.query_one("#modules", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Back from a quiz, a review or a lesson: progress and reviews due may have changed (walkthrough 18)."""
        self.refresh_modules()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review is offered only when something is due (walkthrough 41)."""
        if action == "review":
            return self.due > 0
        return True

    def refresh_modules(self) -> None:
        session = self.app.session
        progress = session.progress()
        first_run = not any(p.done or p.place for p in progress.values())
        welcome = self.query_one("#welcome", Static)
        text = plain(WELCOME.format(name=session.profile)) if first_run else join("Learner: ", plain(session.profile))
        if session.assignment is not None:
            a = session.assignment
            rules = f" · due {a.due.isoformat()} · pass mark {a.pass_mark}% · {a.attempts} attempt{'s' if a.attempts != 1 else ''} per module"
            text = join(text, "\n", styled("Assignment: ", "bold"), plain(a.title), plain(rules))
        if self.app.notice:  # a damaged progress file was moved aside: said here for good, not only in a passing notice
            text = join(text, "\n", styled("Note: ", "bold"), plain(self.app.notice))
        welcome.update(text)
        welcome.set_class(first_run, "first-run")
        options = self.query_one("#modules", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for module in session.modules:
            options.add_option(Option(self.describe(module, progress[module.id]), id=module.id))
        for broken in session.broken:
            first = broken.diagnostics[0] if broken.diagnostics else None
            label = join(styled(f"Unavailable: {broken.module_id or broken.path}", "bold"), "\n  ", plain(str(first) if first else ""))
            options.add_option(Option(label, id=f"broken:{broken.path}", disabled=True))
        options.highlighted = highlighted if highlighted is not None else 0
        self.due = due = len(session.reviews_due())
        status = f"{due} question{'s' if due != 1 else ''} due for review: press r." if due else "No reviews due."
        self.query_one("#status", Static).update(Content(status))
        self.refresh_bindings()

    def describe(self, module, progress: ModuleProgress) -> Content:
        best = f"best {round(progress.best * 100)}%" if progress.best is not None else "not finished yet"
        place = Place.decode(progress.place)
        where = ""
        if progress.run_open:
            where = " · quiz under way: resume it"
        elif place and place.kind == "section":
            where = " · resume reading"
        elif progress.completed:
            where = " · finished"
        answered = f"{bar(progress.done, progress.total)} {progress.done}/{progress.total}"
        details = f"  {module.topic} · about {module.minutes} min · {answered} · {best}{where}"
        left = self.app.session.availability(module).attempts_left
        if left is not None:
            details += f" · {left} attempt{'s' if left != 1 else ''} left"
        number = self.app.session.modules.index(module) + 1
        return join(styled(f"{number}. ", "bold"), styled(module.title, "bold"), "\n", plain(details))

    @on(OptionList.OptionSelected, "#modules")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_module(event.option.id or "")

    def action_open(self) -> None:
        options = self.query_one("#modules", OptionList)
        if options.highlighted is not None:
            self.open_module(options.get_option_at_index(options.highlighted).id or "")

    def action_open_number(self, index: int) -> None:
        modules = self.app.session.modules
        if index < len(modules):
            self.app.open_module(modules[index])

    def open_module(self, module_id: str) -> None:
        module = self.app.session.module(module_id)
        if module is not None:
            self.app.open_module(module)

    def action_review(self) -> None:
        items = self.app.session.reviews_due()
        if items:
            self.app.start_review(items)

    def action_stay(self) -> None:
        """Esc on the first screen does not quit (walkthrough 40): it says how, and that nothing is lost."""
        self.notify("This is the first screen. Your answers are saved as you go; Ctrl+Q quits.")

    def action_progress(self) -> None:
        from tutor.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_claims(self) -> None:
        from tutor.ui.screens.claims import ClaimsScreen

        self.app.push_screen(ClaimsScreen())

    def action_reference(self) -> None:
        from tutor.ui.screens.reference import ReferenceScreen

        self.app.push_screen(ReferenceScreen())

    def action_articles(self) -> None:
        from tutor.ui.screens.article import ArticleListScreen

        self.app.push_screen(ArticleListScreen())
