"""The footer shows the keys that work where the focus is, and rebuilds only when they change (a speed fix; see bench_keys.py)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.functional.app_helpers import build
from tutor.ui.widgets.footer import Footer


async def test_the_footer_follows_the_keys_and_rebuilds_only_when_they_change(tmp_path, monkeypatch):
    rebuilt = []
    original = Footer.recompose

    async def counting(self):
        rebuilt.append(self.keys_shown())
        return await original(self)

    monkeypatch.setattr(Footer, "recompose", counting)
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.app_focus = True  # as in a terminal: Textual's footer ignores binding changes while the app is unfocused
        await pilot.pause()
        await pilot.press("enter")  # open the first module: the lesson reader
        await pilot.pause(0.3)
        footer = app.screen.query_one(Footer)
        shown = footer.keys_shown()
        assert any(description == "Quiz" for _action, (_key, description, *_rest) in shown)
        before = len(rebuilt)
        for _ in range(4):  # focus moves between the reader and the passages: the same keys
            await pilot.press("tab")
            await pilot.pause()
        assert len(rebuilt) == before and footer.keys_shown() == shown
        await pilot.press("q")  # the quiz: other keys, and the footer shows them
        await pilot.pause(0.3)
        labels = [description for _action, (_key, description, *_rest) in app.screen.query_one(Footer).keys_shown()]
        assert "Answer" in labels and "Quiz" not in labels
        drawn = [key.description for key in app.screen.query(FooterKey)]
        assert "Answer" in drawn and "Quiz" not in drawn and rebuilt


def test_every_screen_uses_the_one_footer():
    """A screen importing Textual's own Footer would bring back the rebuild on every key (seen once after a merge)."""
    from pathlib import Path

    import tutor.ui

    screens = Path(tutor.ui.__file__).parent / "screens"
    offenders = [
        path.name
        for path in screens.glob("*.py")
        for line in path.read_text().splitlines()
        if line.startswith("from textual.widgets import") and "Footer" in line
    ]
    assert offenders == []


async def test_every_screen_s_keys_fit_in_80_columns(tmp_path):
    """At 80 columns the lesson's and the ordering question's keys ran off the edge, hiding Back, Quit and Help."""
    from tests.functional.app_helpers import open_quiz
    from tutor.ui.screens.article import ArticleScreen
    from tutor.ui.screens.lesson import LessonScreen

    app = build(tmp_path)
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        app.app_focus = True

        async def measure(name):
            await pilot.pause(0.2)
            footer = app.screen.query_one(Footer)
            seen[name] = footer.virtual_size.width
            labels = " ".join(description for _action, (_key, description, *_rest) in footer.keys_shown())
            assert "Quit" in labels and "Help" in labels, name

        await measure("home")
        await app.push_screen(LessonScreen(app.session.module("bridge-basics"), 0))
        await measure("lesson")
        for question_id in ["why-closed", "who-says-cost", "order-events", "cyclists-only"]:
            await open_quiz(pilot, "bridge-basics", question_id)
            await measure(question_id)
        await open_quiz(pilot, "bridge-sources", "match-speakers")
        await measure("matching")
        await app.push_screen(ArticleScreen("river-report", "although a local campaign group puts the figure at 5 million"))
        await measure("article")
    assert {name: width for name, width in seen.items() if width > 80} == {}


async def test_a_highlight_move_repaints_only_the_two_options_and_leaves_nothing_stale(tmp_path):
    """Lists repaint just the option left and the option reached (a speed fix, bench_keys.py); the screen must be what a full repaint gives."""
    from tests.functional.app_helpers import LOOP

    app = build(tmp_path, lessons=[LOOP])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        modules = app.screen.query_one("#modules")
        for key in ("down", "down", "up", "down", "end", "home", "down"):
            await pilot.press(key)
        await pilot.pause()
        partial = app.export_screenshot()
        modules.refresh()
        await pilot.pause()
        assert app.export_screenshot() == partial
        assert modules.highlighted == 1
