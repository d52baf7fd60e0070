"""Child process for bench_startup.py: start an app, exit right after its first frame.

``tutor``: the real ``tutor start`` code path (tutor.cli.main), with the app
told to exit once its first frame is drawn. ``bare``: a Textual app that
shows one line, exiting the same way.
"""

from __future__ import annotations

import sys


def run_tutor() -> None:
    from tutor.ui import app as app_module

    original = app_module.TutorApp.on_mount

    def on_mount_then_exit(self) -> None:
        original(self)
        self.call_after_refresh(self.exit)

    app_module.TutorApp.on_mount = on_mount_then_exit
    from tutor.cli import main

    raise SystemExit(main(["--profile", "bench", "start"]))


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run()


if __name__ == "__main__":
    run_tutor() if sys.argv[1] == "tutor" else run_bare()
