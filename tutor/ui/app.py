"""The Textual application: global keys, theme, signals and the first screen.

Kept thin on purpose: each screen lives in ``screens/`` and the tutorial's
state in :class:`tutor.session.TutorSession`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from importlib import import_module

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from tutor.content.models import Module
from tutor.content.text import printable
from tutor.errors import UserError
from tutor.session import TutorSession
from tutor.ui.commands import TutorCommands
from tutor.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

#: How long a notice stays, by severity: long enough to read, never lingering (walkthrough 17).
NOTICE_SECONDS = {"information": 4.0, "warning": 8.0, "error": 12.0}

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
    # The cited passage in black on yellow, the strongest contrast there is.
    variables={"passage-background": "#FFFF00", "passage-foreground": "#000000"},
)


#: Seconds after the first screen is mounted before the background imports start (after the first frame).
PREPARE_AFTER = 0.3


def _prepare(session: TutorSession) -> None:
    try:
        import_module("textual.widgets._markdown")
        for name in ("lesson", "quiz", "article", "results"):
            import_module(f"tutor.ui.screens.{name}")
        session.prepare()
    except Exception:  # an optimisation only: whatever failed is imported again when needed, and reported then
        pass


class TutorApp(App[None]):
    """tutor: Russia's recognition of the Taliban, taught from five articles."""

    TITLE = "tutor"
    SUB_TITLE = "Russia recognises the Taliban: five sources"
    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {TutorCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, id="quit-ctrl-c", priority=True),
    ]

    def __init__(
        self, session: TutorSession | None, notice: str | None = None, start_module: str | None = None, greeter: Callable[[], Screen] | None = None
    ) -> None:
        """With no session, ``greeter()`` is the first screen; it calls :meth:`begin` once it has one (the browser asks for a name)."""
        super().__init__()
        self.session = session
        self.greeter = greeter
        self.notice = notice
        self.start_module = start_module
        self._too_small = None
        self.register_theme(HIGH_CONTRAST)

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus the cited passage's colours: the theme's own, else a tint of its accent."""
        variables = super().get_css_variables()
        variables.setdefault("passage-background", f"{variables['accent']} 35%")
        variables.setdefault("passage-foreground", variables["foreground"])
        return variables

    def get_default_screen(self):
        """The module list is the app's base screen (not pushed over a blank one: one layout less at start)."""
        from tutor.ui.screens.home import HomeScreen

        if self.session is None and self.greeter is not None:
            return self.greeter()
        return HomeScreen()

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self.session is not None:
            self._session_ready()
        self.check_size()

    def begin(self, session: TutorSession, notice: str | None = None) -> None:
        """Go on with a session opened after the app started: its home screen goes over the greeter.

        (Over, not instead of: Textual cannot switch away from the base screen. Home has no Back key.)
        """
        from tutor.ui.screens.home import HomeScreen

        self.session, self.notice = session, notice
        self.push_screen(HomeScreen())
        self._session_ready()

    def _session_ready(self) -> None:
        saved = self.session.setting("theme")
        if saved in self.available_themes:
            self.theme = saved
        module = self.session.module(self.start_module) if self.start_module else None
        if module is not None:
            self.start_quiz(module)
        if self.notice:
            self.notify(self.notice, title="Progress file moved aside", severity="warning")
        self.check_size()
        self.set_timer(PREPARE_AFTER, self._prepare_in_background)

    def _prepare_in_background(self) -> None:
        """Import, while the learner reads the first screen, what the first lesson, quiz and answer need.

        Start-up skips them to draw the first frame sooner; without this, the
        first module opened paid for the Markdown widget (a quarter of
        Textual's import) and the first answer for the review scheduler.
        """
        threading.Thread(target=_prepare, args=(self.session,), name="tutor-prepare", daemon=True).start()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None, markup: bool = False) -> None:
        """The one way anything reaches a notice: always plain text, never markup (hardening F8).

        Widgets' ``self.notify`` and Textual's own notices come here too, so a
        path, a title or a quote holding ``[/]`` or ``[@click=...]`` is shown
        as written and can neither crash the app nor run an action. Control
        characters are replaced (``printable``); the timeout follows the
        severity unless given.
        """
        seconds = timeout if timeout is not None else NOTICE_SECONDS.get(severity, 4.0)
        super().notify(printable(str(message)), title=printable(str(title)), severity=severity, timeout=seconds, markup=False)

    def report(self, error: UserError, title: str = "Not saved") -> None:
        """Show a user-level error (a busy, full or read-only progress file, a refused run) and carry on.

        The one place the app turns the core's UserError into words: the
        screens catch it around the session call that can fail and leave
        their state as it was, so the learner can try again.
        """
        message = f"{error.message}\n{error.hint}" if error.hint else error.message
        self.notify(message, title=title, severity="error")

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and self.session is not None:
            try:
                self.session.set_setting("theme", theme)
            except UserError as exc:
                self.report(exc, "Theme not saved")

    def _install_signal_handlers(self) -> None:
        """End cleanly on SIGTERM and SIGHUP, restoring the terminal.

        By default Textual leaves the terminal in the alternate screen with
        mouse reporting on when killed with these; exiting through the app
        runs the driver's normal shutdown. Answers are already committed.
        """
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._end_on_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on a POSIX main thread (e.g. some test runners)

    def _end_on_signal(self, signum: int) -> None:
        """Exit through the app; if the terminal is gone and that stalls, leave anyway.

        Every answer is committed when it is given, so a hard exit after a
        grace period loses nothing, while a process that outlives its
        terminal would hold the progress store and linger forever.
        """
        code = 128 + signum
        watchdog = threading.Timer(3.0, os._exit, args=(code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size)

    def check_size(self, size=None) -> None:
        """Cover the app with a plain notice while the terminal is too small (hardening F9).

        Pushing and popping change the stack at once, so each resize sees
        the stack the one before left, however fast they come; nothing else
        can be pushed over the notice (help and the palette wait), so it is
        always the top screen when it is taken away. The screens beneath keep
        a minimum width in CSS, so laying them out at any size is safe.
        """
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        notice = self._too_small
        if small and notice is None:
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)
        elif not small and notice is not None:
            self._too_small = None
            if self.screen is notice:
                self.pop_screen()

    @property
    def too_small(self) -> bool:
        return self._too_small is not None

    def action_command_palette(self) -> None:
        """Textual's palette, made safe to page (F24); not over the too-small notice."""
        from textual.command import CommandPalette

        from tutor.ui.widgets.lists import TutorCommandPalette

        if not self.too_small and self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(TutorCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen):
        """The app's own commands in the palette (issue 12 item 5), then Textual's theme and quit.

        Before a learner has given a name (served), there is nothing of theirs to open yet.
        """
        if self.session is not None:
            yield from self._session_commands()
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Quit"):
                yield command

    def _session_commands(self):
        yield SystemCommand("Modules", "Go back to the list of modules", self.go_home)
        due = len(self.session.reviews_due())
        said = f"{due} question{'s' if due != 1 else ''} due for review" if due else "Nothing is due for review now"
        yield SystemCommand("Review", said, self.review_due)
        yield SystemCommand("Progress", "Your score and progress in every module", self.show_progress)
        yield SystemCommand("Help", "What tutor is for, and the keys of this screen", self.action_help)
        yield SystemCommand("Contested claims", "Where the articles disagree", self.show_claims)
        yield SystemCommand("Glossary and timeline", "Terms and dates from every module", self.show_reference)
        yield SystemCommand("Articles", "The five source articles", self.show_articles)
        switch = "off" if self.theme == HIGH_CONTRAST.name else "on"
        yield SystemCommand(f"High contrast {switch}", "Yellow and white on black, for glare or low vision", self.toggle_contrast)

    def toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    # -- navigation: the one place screens ask to go somewhere --------------------
    async def go_home(self) -> None:
        """Close every screen over the module list (the palette's commands start from there).

        The module list is the base screen, or the one over the name screen
        when served (``begin``); nothing under it is ever popped.
        """
        from tutor.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not self.too_small and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()

    async def open_module_by_id(self, module_id: str) -> None:
        await self.go_home()
        module = self.session.module(module_id)
        if module is not None:
            self.open_module(module)

    async def review_due(self) -> None:
        await self.go_home()
        items = self.session.reviews_due()
        if items:
            self.start_review(items)
        else:
            self.notify("Nothing is due for review. Questions you miss come back here later.")

    async def show_progress(self) -> None:
        from tutor.ui.screens.progress import ProgressScreen

        await self.go_home()
        self.push_screen(ProgressScreen())

    async def show_claims(self) -> None:
        from tutor.ui.screens.claims import ClaimsScreen

        await self.go_home()
        self.push_screen(ClaimsScreen())

    async def show_reference(self) -> None:
        from tutor.ui.screens.reference import ReferenceScreen

        await self.go_home()
        self.push_screen(ReferenceScreen())

    async def show_articles(self) -> None:
        from tutor.ui.screens.article import ArticleListScreen

        await self.go_home()
        self.push_screen(ArticleListScreen())

    def open_module(self, module: Module) -> None:
        """Open a module where the learner left it: the quiz under way, else the section they were reading."""
        from tutor.ui.screens.lesson import LessonScreen

        if self.session.resume_run(module) is not None:
            self.start_quiz(module)
        else:
            self.push_screen(LessonScreen(module, self.session.reading_place(module)))

    def start_quiz(self, module: Module, replace: bool = False, confirmed: bool = False) -> None:
        """Resume the module's run, or start one (refused, with the reason, past the attempt limit).

        A new run after a finished one is asked about first: it starts again
        at question 1 and may use up one of an assignment's attempts.
        """
        from tutor.ui.screens.quiz import QuizScreen

        note = "" if confirmed else self.session.new_attempt_note(module)
        if note and self.session.availability(module).available:
            from tutor.ui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self.start_quiz(module, replace, confirmed=True)

            self.push_screen(ConfirmScreen(note, "start a new attempt"), answered)
            return
        try:
            run = self.session.start_run(module)
        except UserError as exc:
            self.notify(exc.message, title="Not available", severity="warning")
            return
        screen = QuizScreen.for_run(run)
        self.switch_screen(screen) if replace else self.push_screen(screen)

    def start_review(self, items) -> None:
        from tutor.ui.screens.quiz import QuizScreen

        self.push_screen(QuizScreen.for_review(items))

    def retry_missed(self, items, title: str) -> None:
        from tutor.ui.screens.quiz import QuizScreen

        self.switch_screen(QuizScreen.for_retry(items, title))

    def show_results(self, title: str, items, outcome, results) -> None:
        from tutor.ui.screens.results import ResultsScreen

        self.switch_screen(ResultsScreen(title, items, outcome, results))

    def action_help(self) -> None:
        """Help for the screen in front: its keys are read from the bindings active right now."""
        from tutor.ui.screens.help import HelpScreen

        if self.too_small or isinstance(self.screen, HelpScreen):
            return
        under = self.screen
        self.push_screen(HelpScreen(getattr(under, "HELP_TITLE", "This screen"), self.active_bindings))
