"""Content is data: markup-like text shows literally and no control code reaches the terminal."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import OptionList, Static

from tests.conftest import DATA, ROOT
from tests.functional.app_helpers import build, open_quiz
from tutor.ui.screens.article import ArticleScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.article_text import ArticleText

HOSTILE = DATA / "hostile"


async def test_markup_in_lessons_is_shown_literally_and_runs_nothing(tmp_path):
    app = build(tmp_path, lessons=[HOSTILE])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        modules = app.screen.query_one("#modules", OptionList)
        titles = [str(modules.get_option_at_index(i).prompt) for i in range(modules.option_count)]
        assert any("Markup [/bold] stays [/ text [@click=app.quit]" in t for t in titles)
        await app.push_screen(LessonScreen(app.session.module("hostile")))
        await pilot.pause()
        assert "Section [@click=app.quit]click me[/]" in str(app.screen.query_one("#section-title", Static).render())
        body = app.screen.query_one("#body")
        assert "[link=https://example.com]a link[/link]" in body.source
        for line in range(0, 6):  # clicking the text runs no action hidden in it
            await pilot.click("#body", offset=(40, line))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LessonScreen)
        await open_quiz(pilot, "hostile")
        assert "[@click=app.quit]" in str(app.screen.query_one("#prompt", Static).render())
        options = app.screen.query_one("#answer-input", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Option [@click=app.quit]quit[/]" in p for p in prompts)
        # Click an option line (a markup action would quit the app), then answer.
        await pilot.click("#answer-input", offset=(5, 1))
        await pilot.click("#submit")
        await pilot.pause()
        assert app.is_running
        feedback = app.screen.query_one("#feedback").text
        assert "Feedback [/bold] right." in feedback or "Feedback [link=x] wrong." in feedback


async def test_escape_sequences_in_articles_never_reach_the_screen(tmp_path):
    app = build(tmp_path, lessons=[HOSTILE])
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(ArticleScreen("hostile", "Markup like [/bold] and [/ and"))
        await pilot.pause()
        text = app.screen.query_one(ArticleText).text
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "\ufffd]0;pwned" in text and "[@click=app.quit]quit[/]" in text
        meta = str(app.screen.query_one("#article-meta", Static).render())
        assert "A [link=https://example.com]title[/link]" in meta


def test_cli_output_strips_escape_sequences():
    out = subprocess.run(
        [sys.executable, "-m", "tutor", "--lessons", str(HOSTILE), "sources", "hostile"], capture_output=True, cwd=ROOT, check=True
    ).stdout
    assert b"\x1b" not in out and "\x9b".encode() not in out and b"\x07" not in out
    assert b"[@click=app.quit]quit[/]" in out
