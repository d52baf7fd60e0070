"""What surrounds the lessons: help from the bindings, the command palette, notices and tiny terminals.

Walkthrough items 10, 15, 16, 17 and hardening findings F8, F9 and F24.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.conftest import DATA
from tests.functional.app_helpers import build, burst, open_quiz
from tutor.ui.screens.help import MOVE, HelpScreen, describe, key_name
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.progress import ProgressScreen
from tutor.ui.screens.too_small import TooSmallScreen

SIZE = (80, 24)


def help_text(app) -> str:
    return app.screen.text


# -- W10: help generated from the active bindings -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("module_id", "question_id", "expected"),
    [
        ("bridge-basics", "why-closed", ["1-9", "Choose that option", "Enter"]),
        ("bridge-basics", "cyclists-only", ["t ", "Choose True", "f ", "Choose False"]),
        ("bridge-basics", "who-says-cost", ["Space", "1-9", "Tick or untick"]),
        ("bridge-basics", "order-events", ["[, Shift+Up, -", "Move the highlighted item up", "], Shift+Down, +", "Highlight that item"]),
        ("bridge-sources", "match-speakers", ["a-i", "Pair the highlighted item", "1-9"]),
    ],
)
async def test_w10_help_lists_the_answer_keys_of_the_question_in_front(tmp_path, module_id, question_id, expected):
    app = build(tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await open_quiz(pilot, module_id, question_id)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in expected:
            assert words in text, (words, text)
        assert "Ctrl+Q" in text and "Command palette" in text and "Esc" in text


async def test_w10_every_active_binding_with_a_description_is_in_the_help(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await open_quiz(pilot, "bridge-basics", "order-events")
        active = dict(app.active_bindings)
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        for key, binding in active.items():
            if binding.binding.description and not binding.binding.system and binding.enabled:
                if describe(binding.binding) == MOVE:
                    assert "Arrows, PageUp, PageDown, Home, End" in text
                elif describe(binding.binding):
                    assert describe(binding.binding) in text, key
                    assert key_name(key) in text or (len(key) == 1 and ("1-9" in text or "a-i" in text)), key


def test_w10_key_names_are_human():
    assert [key_name(k) for k in ("enter", "escape", "question_mark", "left_square_bracket", "ctrl+q", "shift+up", "f1", "space", "a")] == [
        "Enter", "Esc", "?", "[", "Ctrl+Q", "Shift+Up", "F1", "Space", "a",
    ]


# -- W16, F24: the command palette -------------------------------------------------------------------------------------
async def test_w16_the_palette_offers_the_app_s_commands(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for wanted in ("Modules", "Progress", "Help", "Theme", "High contrast on", "Quit"):
            assert wanted in titles
        review = next(c for c in app.get_system_commands(app.screen) if c.title == "Review")
        assert review.help == "Nothing is due for review now"  # offered always, as the help says; it says when nothing is due
        await pilot.press("ctrl+p", *"progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ProgressScreen)


async def test_w16_the_palette_opens_a_module_by_its_title(tmp_path, library):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"open module: reading the bridge")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert getattr(app.screen, "module", None) is not None and app.screen.module.id == "bridge-sources"


async def test_w16_the_palette_opens_a_module_by_its_id(tmp_path, library):
    """The module list shows ids (and assign, report and progress take them): the palette finds them too."""
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"bridge-sources")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert getattr(app.screen, "module", None) is not None and app.screen.module.id == "bridge-sources"


async def test_w16_high_contrast_from_the_palette(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"high contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.theme == "high-contrast"


@pytest.mark.parametrize("keys", [("ctrl+p", "pagedown"), ("ctrl+p", "pageup"), ("ctrl+p", "down", "pagedown", "pagedown", "pageup")])
async def test_f24_paging_the_palette_at_once_raises_nothing(tmp_path, keys):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, *keys)
        assert app.is_running and isinstance(app.screen, CommandPalette)


async def test_f24_paging_a_question_before_it_is_laid_out_raises_nothing(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, module.questions[0].id)
        await burst(pilot, "1", "enter", "n", "pagedown", "pageup", "pagedown", "end")
        assert app.is_running


# -- F8, W17: notices are plain text and do not linger ----------------------------------------------------------------------
async def test_f8_markup_in_any_notice_is_shown_literally(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("saved to /tmp/[/]x [@click=app.quit]quit[/] [link=x]y\x1b]0;pwned\x07", title="[/bold] title")
        app.screen.notify("[/]", severity="error")
        await pilot.pause()
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert "saved to /tmp/[/]x [@click=app.quit]quit[/] [link=x]y\ufffd]0;pwned\ufffd" in messages and "[/]" in messages
        assert all(not n.markup for n in app._notifications)


async def test_f8_module_titles_with_markup_are_safe_in_the_palette(tmp_path):
    app = build(tmp_path, lessons=[DATA / "hostile"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"markup")
        await pilot.pause(0.5)
        await pilot.press("down")
        await pilot.pause(0.2)
        assert app.is_running and isinstance(app.screen, CommandPalette)


async def test_w17_no_notice_lingers(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # "this is the first screen" notice
        await pilot.pause()
        app.notify("x", severity="warning")
        app.notify("y", severity="error")
        await pilot.pause()
        assert app._notifications and all(n.timeout <= 12 for n in app._notifications)
        assert max(n.timeout for n in app._notifications if n.severity == "information") <= 5


# -- W15, F9: tiny terminals and resize storms ------------------------------------------------------------------------------
STORM = [(20, 5), (5, 3), (1, 1), (59, 19), (80, 24), (3, 40), (200, 2), (61, 21), (1, 60), (80, 24)]


async def _open(pilot, where: str) -> None:
    from tutor.ui.screens.article import ArticleScreen
    from tutor.ui.screens.claims import ClaimsScreen
    from tutor.ui.screens.lesson import LessonScreen

    app = pilot.app
    if where == "lesson":
        await app.push_screen(LessonScreen(app.session.module("bridge-basics")))
    elif where == "quiz":
        await open_quiz(pilot, "bridge-sources", "match-speakers")
    elif where == "article":
        await app.push_screen(ArticleScreen("river-report", "Traffic will be limited"))
    elif where == "claims":
        await app.push_screen(ClaimsScreen())
    elif where == "help":
        await pilot.press("f1")
    await pilot.pause()


@pytest.mark.parametrize("where", ["home", "lesson", "quiz", "article", "claims", "help"])
async def test_f9_a_resize_storm_never_crashes_and_ends_on_the_same_screen(tmp_path, where):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, where)
        before = app.screen
        for size in STORM:  # every resize sent at once, as a window being dragged does
            await pilot.resize_terminal(*size)
        await pilot.pause()
        for size in STORM:  # and one at a time
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen is before
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)
        await pilot.resize_terminal(59, 30)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen) and "60x20" in str(app.screen.query_one("#too-small").render())
        await pilot.press("f1", "ctrl+p")  # neither opens over the notice
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)


@pytest.mark.parametrize("size", [(1, 1), (10, 4), (59, 19)])
async def test_f9_starting_in_a_tiny_terminal_shows_the_notice(tmp_path, size):
    app = build(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_w17_a_moved_progress_file_is_said_on_home_not_only_in_a_passing_notice(tmp_path):
    from tutor.ui.app import TutorApp

    session = build(tmp_path).session
    app = TutorApp(session, notice="Your progress file could not be used because [/] it broke; it was moved to /tmp/x [@click=app.quit].")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "moved to /tmp/x [@click=app.quit]" in str(app.screen.query_one("#welcome").render())
        assert all(n.timeout <= 8 for n in app._notifications)
