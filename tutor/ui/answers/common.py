"""Pieces every answer widget shares: the submit message and numbered options.

Every answer widget offers ``response()``, the learner's answer in the shape
its kind's ``grade`` expects, or None when it is not complete yet. Option text
is always :class:`Content` built from plain text, never markup.
"""

from __future__ import annotations

import string

from textual.message import Message
from textual.widgets.option_list import Option

from tutor.content.models import Option as LessonOption
from tutor.ui.text import join, plain

LETTERS = string.ascii_lowercase


class SubmitRequested(Message):
    """An input asks its card to submit (Enter, a click, or a pick)."""


def numbered(index: int, option: LessonOption) -> Option:
    return Option(join(f"{index + 1}. ", plain(option.text)), id=option.id)
