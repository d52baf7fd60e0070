"""Pieces every answer widget shares: the submit message, numbered options, number keys.

Every answer widget offers ``response()``, the learner's answer in the shape
its kind's ``grade`` expects, or None while the learner has not chosen (then
``NOT_READY`` says what to do). Option text is always :class:`Content` built
from plain text, never markup.

No binding here is a *priority* binding. Textual runs a priority binding as
soon as the app reads the key, but an ordinary key first travels from the
focused widget up to the app; so with Enter as a priority binding, "4" and
Enter typed together answered before the "4" had moved the highlight
(walkthrough 44). Ordinary bindings all take the same road, in order.
"""

from __future__ import annotations

import string

from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.ui.text import join, plain

LETTERS = string.ascii_lowercase


#: A submit whose response the card reads itself (the Answer button).
UNREAD = object()


class SubmitRequested(Message):
    """An input asks its card to submit (Enter, a click, or a pick).

    Keys answer with the response as it was when Enter was handled: a key
    typed after Enter, still on its way, must not change the answer.
    """

    def __init__(self, response: object = UNREAD) -> None:
        super().__init__()
        self.response = response


def submit_now(widget) -> None:
    """Enter on an answer widget: take the response now, and lock the widget if it is complete (F3)."""
    response = widget.response()
    if response is not None:
        widget.disabled = True
    widget.post_message(SubmitRequested(response))


def numbered(index: int, option: LessonOption) -> Option:
    return Option(join(f"{index + 1}. ", plain(option.text)), id=option.id)


def number_keys(action: str, description: str) -> list[Binding]:
    """Keys 1-9, each calling ``action(n)`` with the 0-based number."""
    return [Binding(str(n), f"{action}({n - 1})", description, show=False) for n in range(1, 10)]


def letter_keys(action: str, description: str, count: int = 9) -> list[Binding]:
    """Keys a-i, each calling ``action(n)`` with the letter's 0-based place."""
    return [Binding(letter, f"{action}({i})", description, show=False) for i, letter in enumerate(LETTERS[:count])]
