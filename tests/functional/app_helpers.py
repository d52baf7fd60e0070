"""Helpers for driving the app with Pilot on the fixture lessons: build it, open a quiz, answer by keys."""

from __future__ import annotations

from tests.conftest import LESSONS
from tutor.kinds import kind_of
from tutor.ui.factory import make_app

LETTERS = "abcdefghi"


def build(tmp_path, profile: str = "tester", lessons=(), **kwargs):
    """The app exactly as ``tutor --no-shipped --lessons tests/fixtures/lessons start`` builds it."""
    return make_app(tmp_path / "home", [LESSONS, *lessons], profile, shipped=False, **kwargs)


async def answer_by_keys(pilot, module, question, right: bool) -> None:
    """Answer the question on screen using the keyboard only, rightly or wrongly."""
    session = pilot.app.session
    arranged = session.arrange(module, question)
    shown = list(arranged.shown)
    widget = kind_of(question.type).widget
    if widget == "short":
        await pilot.press(*(question.accept[0] if right else "zzz"))
        await pilot.press("enter")
    elif widget == "multi":
        wanted = set(question.correct) if right else {o.id for o in shown if o.id not in question.correct}
        for index, option in enumerate(shown):
            if option.id in wanted:
                await pilot.press(str(index + 1))
        await pilot.press("enter")
    elif widget == "ordering":
        order = [o.id for o in shown]
        target = list(question.correct) if right else list(reversed(question.correct))
        cursor = 0
        for position, item in enumerate(target):
            at = order.index(item)
            await pilot.press(*(["down"] * (at - cursor) if at >= cursor else ["up"] * (cursor - at)))
            for _ in range(at - position):
                await pilot.press("left_square_bracket")
            order.insert(position, order.pop(at))
            cursor = position
        await pilot.press("enter")
    elif widget == "matching":
        right_col = list(arranged.right)
        pairs = dict(question.pairs)
        for i, left in enumerate(shown):  # wrongly: each item gets the next one's match (each letter once)
            target = pairs[left.id] if right else pairs[shown[(i + 1) % len(shown)].id]
            await pilot.press(LETTERS[[r.id for r in right_col].index(target)])
        await pilot.press("enter")
    else:
        index = next(i for i, o in enumerate(shown) if (o.id in question.correct) == right)
        await pilot.press(str(index + 1))
        await pilot.pause()
        await pilot.press("enter")
    await pilot.pause()


def one_question_per_kind(library) -> dict[str, tuple]:
    found = {}
    for module in library.modules.values():
        for question in module.questions:
            found.setdefault(question.type, (module, question))
    return found


async def open_quiz(pilot, module_id: str, question_id: str | None = None):
    """Start the module's run and open its quiz at a question (on top of the running app); return the module."""
    from tutor.ui.screens.quiz import QuizItem, QuizScreen

    session = pilot.app.session
    module = session.module(module_id)
    run = session.start_run(module)
    ids = [q.id for q in module.questions]
    start = ids.index(question_id) if question_id else (run.next_index() or 0)
    await pilot.app.push_screen(QuizScreen([QuizItem(module, q) for q in module.questions], "lesson", module.title, start, run))
    await pilot.pause()
    return module


LOOP = LESSONS.parent / "loop"


async def burst(pilot, *keys: str) -> None:
    """Send keys the way a fast typist or a paste does: all queued at once, no waiting between them."""
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(3):
        await pilot.pause()


def text_of(screen, selector: str) -> str:
    """What a Static on the screen shows, as plain text."""
    from textual.widgets import Static

    return str(screen.query_one(selector, Static).render())


def attempts(app) -> list[dict]:
    """The answers recorded for the test learner."""
    return app.session.store.attempts("tester")
