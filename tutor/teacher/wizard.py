"""The ``tutor assign`` wizard: a few questionary prompts, each also a flag."""

from __future__ import annotations

import argparse
from datetime import date, timedelta


def _int_between(low: int, high: int):
    def check(text: str) -> bool | str:
        return True if text.strip().isdigit() and low <= int(text) <= high else f"a whole number from {low} to {high}"

    return check


def _is_date(text: str) -> bool | str:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return "a date as YYYY-MM-DD"
    return True


def run_wizard(library, args: argparse.Namespace) -> argparse.Namespace | None:
    """Ask for what the flags did not give; None if the teacher cancels (Ctrl+C)."""
    import questionary

    answers = argparse.Namespace(**vars(args))
    if not args.module:
        choices = [questionary.Choice(f"{m.title} ({m.id}, {m.minutes} min)", value=m.id) for m in library.modules.values()]
        picked = questionary.checkbox("Which modules? (Space to tick, Enter when done)", choices=choices,
                                      validate=lambda v: True if v else "tick at least one module").ask()
        if picked is None:
            return None
        answers.module = picked
    if not args.title:
        title = questionary.text("Title of the assignment:", validate=lambda t: True if t.strip() else "give a title").ask()
        if title is None:
            return None
        answers.title = title
    pass_mark = questionary.text("Pass mark (percent):", default=str(args.pass_mark), validate=_int_between(0, 100)).ask()
    if pass_mark is None:
        return None
    answers.pass_mark = int(pass_mark)
    if not args.due:
        due = questionary.text("Due date (YYYY-MM-DD):", default=(date.today() + timedelta(days=7)).isoformat(), validate=_is_date).ask()
        if due is None:
            return None
        answers.due = due.strip()
    attempts = questionary.text("Attempts allowed per module:", default=str(args.attempts), validate=_int_between(1, 100)).ask()
    if attempts is None:
        return None
    answers.attempts = int(attempts)
    shuffle = questionary.confirm("Shuffle the options for each student?", default=args.shuffle).ask()
    if shuffle is None:
        return None
    answers.shuffle = shuffle
    return answers
