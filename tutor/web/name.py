"""The first screen in a browser: who is learning?

Several learners share one server, so the app asks for a name before
anything else. The name follows the same profile rule as ``--profile``
(the session checks it and says what is wrong); a name used before picks
up that learner's progress. The learner's home screen follows.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from tutor.content.text import printable
from tutor.errors import UserError
from tutor.session import TutorSession

INTRO = (
    "Welcome to tutor: Russia's July 2025 recognition of the Taliban, taught from five articles.\n\n"
    "Type your name and press Enter. Use the same name next time to carry on where you left off."
)
NOTE = "Names keep learners' progress apart on this server; they are not passwords, so use your own."


class NameScreen(Screen[None]):
    """Asks for the learner's name and opens their session."""

    HELP_TITLE = "Your name"
    BINDINGS = [Binding("enter", "submit", "Start", show=True, id="start-learning")]
    DEFAULT_CSS = """
    NameScreen #name-box { padding: 1 2; height: auto; max-width: 90; }
    NameScreen #name-intro { margin: 0 0 1 0; }
    NameScreen #name-error { color: $error; height: auto; margin: 1 0 0 0; }
    NameScreen #name-note { color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, opener: Callable[[str], TutorSession]) -> None:
        super().__init__()
        self.opener = opener

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="name-box"):
            yield Static(Content(INTRO), id="name-intro")
            yield Static(Content("Your name:"))
            # No select-on-focus: a browser sends "focus" whenever the page is clicked, and the
            # next key would then replace the whole name typed so far.
            yield Input(placeholder="your first name, for example", max_length=40, select_on_focus=False, id="name")
            yield Static(id="name-error")
            yield Static(Content(NOTE), id="name-note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_submit(self) -> None:
        self.start(self.query_one("#name", Input).value)

    @on(Input.Submitted, "#name")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start(event.value)

    def start(self, name: str) -> None:
        """Open the learner's session (the profile rule applies); show what is wrong, or go on to their home screen."""
        try:
            session = self.opener(name)
        except UserError as exc:
            lines = [exc.message, exc.hint] if exc.hint else [exc.message]
            self.query_one("#name-error", Static).update(Content(printable("\n".join(lines))))
            return
        self.app.begin(session, session.store.notice)
