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
        assert any(description == "Start the quiz" for _action, (_key, description, *_rest) in shown)
        before = len(rebuilt)
        for _ in range(4):  # focus moves between the reader and the passages: the same keys
            await pilot.press("tab")
            await pilot.pause()
        assert len(rebuilt) == before and footer.keys_shown() == shown
        await pilot.press("q")  # the quiz: other keys, and the footer shows them
        await pilot.pause(0.3)
        labels = [description for _action, (_key, description, *_rest) in app.screen.query_one(Footer).keys_shown()]
        assert "Answer" in labels and "Start the quiz" not in labels
        drawn = [key.description for key in app.screen.query(FooterKey)]
        assert "Answer" in drawn and "Start the quiz" not in drawn and rebuilt


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
