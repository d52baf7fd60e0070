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
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from tutor.content.models import Module
from tutor.content.text import printable
from tutor.errors import UserError
from tutor.session import TutorSession
from tutor.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

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
            self.notify(printable(self.notice), title="Progress file moved aside", severity="warning", timeout=30, markup=False)
        self.set_timer(PREPARE_AFTER, self._prepare_in_background)

    def _prepare_in_background(self) -> None:
        """Import, while the learner reads the first screen, what the first lesson, quiz and answer need.

        Start-up skips them to draw the first frame sooner; without this, the
        first module opened paid for the Markdown widget (a quarter of
        Textual's import) and the first answer for the review scheduler.
        """
        threading.Thread(target=_prepare, args=(self.session,), name="tutor-prepare", daemon=True).start()

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and self.session is not None:
            self.session.set_setting("theme", theme)

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
        """Cover the app with a plain notice while the terminal is too small.

        The notice screen is remembered rather than looked up on the stack,
        because pushing is asynchronous: several resizes can arrive before a
        push completes.
        """
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        if small and self._too_small is None:
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)
        elif not small and self._too_small is not None:
            notice, self._too_small = self._too_small, None
            self.call_later(self._drop_notice, notice)

    def _drop_notice(self, notice) -> None:
        if self.screen is notice:
            self.pop_screen()

    # -- navigation: the one place screens ask to go somewhere --------------------
    def open_module(self, module: Module) -> None:
        """Open a module where the learner left it: the quiz under way, else the section they were reading."""
        from tutor.ui.screens.lesson import LessonScreen

        if self.session.resume_run(module) is not None:
            self.start_quiz(module)
        else:
            self.push_screen(LessonScreen(module, self.session.reading_place(module)))

    def start_quiz(self, module: Module, replace: bool = False) -> None:
        """Resume the module's run, or start one (refused, with the reason, past the attempt limit)."""
        from tutor.ui.screens.quiz import QuizScreen

        try:
            run = self.session.start_run(module)
        except UserError as exc:
            self.notify(printable(exc.message), title="Not available", severity="warning", timeout=10, markup=False)
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
        from tutor.ui.screens.help import HelpScreen

        if self._too_small is None and not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
