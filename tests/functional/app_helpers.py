"""Helpers for driving the app with Pilot: build it, and answer any question by keys."""

from __future__ import annotations

from tutor.content import models as m
from tutor.ui.factory import make_app

LETTERS = "abcdefghi"


def build(tmp_path, profile: str = "tester", lessons=()):
    return make_app(tmp_path / "home", lessons, profile)


async def answer_by_keys(pilot, module, question, right: bool) -> None:
    """Answer the question on screen using the keyboard only, rightly or wrongly."""
    session = pilot.app.session
    shown = session.ordered(module, question)
    if question.type == m.SHORT_ANSWER:
        await pilot.press(*(question.accept[0] if right else "zzz"))
        await pilot.press("enter")
    elif question.type == m.MULTIPLE_SELECT:
        wanted = set(question.correct) if right else {o.id for o in shown if o.id not in question.correct}
        for index, option in enumerate(shown):
            if option.id in wanted:
                await pilot.press(str(index + 1))
        await pilot.press("enter")
    elif question.type == m.ORDERING:
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
    elif question.type == m.MATCHING:
        right_col = session.right_column(module, question)
        pairs = dict(question.pairs)
        for left in shown:
            target = pairs[left.id] if right else next(r.id for r in right_col if r.id != pairs[left.id])
            await pilot.press(LETTERS[[r.id for r in right_col].index(target)])
        await pilot.press("enter")
    else:
        index = next(i for i, o in enumerate(shown) if (o.id in question.correct) == right)
        await pilot.press(str(index + 1), "enter")
    await pilot.pause()


def one_question_per_type(library) -> dict[str, tuple]:
    found = {}
    for module in library.modules.values():
        for question in module.questions:
            found.setdefault(question.type, (module, question))
    return found


async def open_quiz(pilot, module_id: str, question_id: str | None = None):
    """Open a module's quiz (at a question) on top of the running app; return the module."""
    from tutor.ui.screens.quiz import QuizScreen

    module = pilot.app.session.module(module_id)
    await pilot.app.push_screen(QuizScreen.for_module(module, start_at=question_id))
    await pilot.pause()
    return module
