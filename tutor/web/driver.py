"""textual-serve's web driver, made to end the app when the server goes away.

Each browser connection runs the app with stdin and stdout piped to the
server. Textual's ``WebDriver`` stops reading when stdin closes but leaves
the app running, so a server that died without ending its apps (killed,
crashed) would leave them behind, each holding the progress store. Here
the end of stdin ends the app; every answer is committed when it is given,
so nothing is lost.
"""

from __future__ import annotations

import asyncio
import os
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

#: If the app has not ended this long after its server went away, leave anyway.
GRACE_SECONDS = 3.0


class ServedDriver(WebDriver):
    """The web driver; the app exits when its input (the server's pipe) closes."""

    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        super().start_application_mode()

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if self.exit_event.is_set():
            return  # the app is stopping by itself (quit, or the server's "quit")
        watchdog = threading.Timer(GRACE_SECONDS, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        try:
            self._loop.call_soon_threadsafe(self._app.post_message, messages.ExitApp())
        except RuntimeError:
            os._exit(0)  # the loop is already closed: nothing left to save
