"""The browser entry's first screen, driven with Pilot: the name, the profile rule, then the learner's home."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.conftest import LESSONS
from tutor.session import open_session
from tutor.ui.factory import make_app
from tutor.ui.screens.home import HomeScreen
from tutor.web.name import NameScreen

SIZE = (100, 40)


def served_app(tmp_path):
    """The app as tutor.web.served builds it, on the fixture lessons."""
    return make_app(greeter=lambda: NameScreen(lambda name: open_session(tmp_path / "home", [LESSONS], name, shipped=False)))


async def test_the_app_asks_for_a_name_first_and_opens_that_learners_home(tmp_path):
    app = served_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NameScreen) and app.session is None
        await pilot.press(*"Ada", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.profile == "Ada"
        assert "Welcome, Ada!" in str(app.screen.query_one("#welcome", Static).render())
        await pilot.press("escape")  # Home has no way back to the name screen
        assert isinstance(app.screen, HomeScreen)


async def test_a_name_the_profile_rule_refuses_is_explained_and_can_be_fixed(tmp_path):
    app = served_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for bad in ("", "   ", "../etc", "x" * 41):
            app.screen.query_one("#name", Input).value = bad
            await pilot.press("enter")
            await pilot.pause()
            shown = str(app.screen.query_one("#name-error", Static).render())
            assert "is not usable" in shown and "use 1 to 40 letters" in shown
            assert isinstance(app.screen, NameScreen) and app.session is None
        app.screen.query_one("#name", Input).value = "  Ben  "
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.profile == "Ben"


async def test_an_existing_name_resumes_that_learners_progress(tmp_path):
    earlier = open_session(tmp_path / "home", [LESSONS], "Kim", shipped=False)
    module = earlier.modules[0]
    earlier.start_run(module)
    earlier.store.close()
    app = served_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Kim", "enter")
        await pilot.pause()
        assert "quiz under way" in str(app.screen.query_one("#modules").get_option_at_index(0).prompt)


async def test_changing_the_theme_before_a_name_is_given_is_kept_for_nobody(tmp_path):
    app = served_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "high-contrast"  # from the command palette, before any session exists
        await pilot.pause()
        await pilot.press(*"Lee", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
