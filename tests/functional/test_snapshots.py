"""Snapshot tests of every screen at 80x24 and 120x40 (fixed size, no clock, no blink).

Update after an intended change with: .venv/bin/python -m pytest tests/functional/test_snapshots.py --snapshot-update
and look at the SVGs in tests/functional/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from tests.functional.app_helpers import answer_by_keys, build, open_quiz
from tutor.ui.screens.article import ArticleScreen
from tutor.ui.screens.claims import ClaimsScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.reference import ReferenceScreen


async def home(pilot):
    await pilot.pause()


async def lesson(pilot):
    await pilot.app.push_screen(LessonScreen(pilot.app.session.module("bridge-basics"), 1))
    await pilot.pause()


def quiz_at(module_id: str, question_id: str, answer: bool | None):
    async def run(pilot):
        module = await open_quiz(pilot, module_id, question_id)
        if answer is not None:
            await answer_by_keys(pilot, module, module.question(question_id), answer)
            await pilot.pause()

    return run


async def article(pilot):
    await pilot.app.push_screen(ArticleScreen("river-report", "although a local campaign group puts the figure at 5 million"))
    await pilot.pause()


async def claims(pilot):
    await pilot.app.push_screen(ClaimsScreen())
    await pilot.pause()


async def reference(pilot):
    await pilot.app.push_screen(ReferenceScreen())
    await pilot.pause()


async def help_screen(pilot):
    await pilot.press("f1")
    await pilot.pause()


async def help_on_a_question(pilot):
    await open_quiz(pilot, "bridge-sources", "match-speakers")
    await pilot.press("f1")
    await pilot.pause()


async def progress(pilot):
    from tutor.ui.screens.progress import ProgressScreen

    module = pilot.app.session.module("bridge-basics")
    run = pilot.app.session.start_run(module)
    pilot.app.session.answer(run, module.questions[0], [module.questions[0].correct[0]], 2.0)
    await pilot.app.push_screen(ProgressScreen())
    await pilot.pause()


async def results(pilot):
    last = pilot.app.session.module("bridge-basics").questions[-1]
    module = await open_quiz(pilot, "bridge-basics", last.id)
    await answer_by_keys(pilot, module, last, False)
    await pilot.press("n")
    await pilot.pause()


SCREENS = {
    "home": home,
    "lesson": lesson,
    "quiz-single": quiz_at("bridge-basics", "why-closed", None),
    "quiz-single-answered": quiz_at("bridge-basics", "why-closed", True),
    "quiz-multiple": quiz_at("bridge-basics", "who-says-cost", None),
    "quiz-ordering": quiz_at("bridge-basics", "order-events", None),
    "quiz-ordering-answered": quiz_at("bridge-basics", "order-events", False),
    "quiz-matching-answered": quiz_at("bridge-sources", "match-speakers", False),
    "quiz-short": quiz_at("bridge-sources", "engineer-name", None),
    "quiz-evidence-answered": quiz_at("bridge-sources", "evidence-shops", False),
    "article": article,
    "claims": claims,
    "reference": reference,
    "help": help_screen,
    "help-quiz": help_on_a_question,
    "progress": progress,
    "results": results,
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_snapshot(snap_compare, tmp_path, name, size):
    assert snap_compare(build(tmp_path), terminal_size=size, run_before=SCREENS[name])


def test_too_small_snapshot(snap_compare, tmp_path):
    assert snap_compare(build(tmp_path), terminal_size=(50, 12), run_before=home)
