"""Spaced review of missed questions with FSRS (the ``fsrs`` package).

A missed question gets a card rated *Again*, so it comes back soon; a right
answer to a question that has a card rates it *Good*, pushing the next
review further out. ``fsrs`` is imported only when an answer needs
scheduling, keeping it off the app's path to the first frame.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import cache

#: A missed question comes back after 10 minutes, then the next day; these
#: suit lessons taken in sittings better than flash-card minutes.
LEARNING_STEPS = (timedelta(minutes=10), timedelta(days=1))


@cache
def _scheduler():
    from fsrs import Scheduler

    # No fuzzing: the same answers always give the same schedule (testable,
    # and fair between learners in one class).
    return Scheduler(learning_steps=LEARNING_STEPS, relearning_steps=(timedelta(minutes=10),), enable_fuzzing=False)


def prepare() -> None:
    """Import fsrs and build the scheduler now (ahead of the first answer that needs it)."""
    _scheduler()


def next_card(card_json: str | None, correct: bool, now: datetime) -> tuple[str, str] | None:
    """The updated card and its due time, or None when nothing needs scheduling."""
    from fsrs import Card, Rating

    if card_json is None and correct:
        return None  # only missed questions enter review
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(due=now)
    card, _log = _scheduler().review_card(card, Rating.Good if correct else Rating.Again, review_datetime=now)
    return json.dumps(card.to_dict()), card.due.isoformat(timespec="microseconds")
