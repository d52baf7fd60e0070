"""The ``tutor assign`` wizard: a few questionary prompts, each also a flag.

Ctrl+C and Ctrl+D both cancel, at every prompt (questionary turns Ctrl+C into
None but let Ctrl+D through as EOFError, a traceback, or ignored it); every typed value is checked
with the same rules ``make_assignment`` applies, so the wizard cannot accept
what the assignment would then refuse.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, timedelta

from tutor.teacher.assignment import MAX_ATTEMPTS, title_problem

_DIGITS = re.compile(r"[0-9]{1,6}")


def _int_between(low: int, high: int):
    def check(text: str) -> bool | str:
        text = text.strip()
        return True if _DIGITS.fullmatch(text) and low <= int(text) <= high else f"a whole number from {low} to {high}"

    return check


def _is_date(text: str) -> bool | str:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return "a date as YYYY-MM-DD"
    return True


def _title(text: str) -> bool | str:
    problem = title_problem(text.strip())
    return True if not problem else ("give a title" if problem == "the title is empty" else problem)


def _ask(question):
    """The answer, or None when the teacher cancels with Ctrl+C or Ctrl+D (or the terminal goes away).

    A text prompt ends with EOFError on Ctrl+D by itself; a checkbox or a
    yes/no question ignores the key, so it is bound to the same cancel here.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    cancel = KeyBindings()

    @cancel.add("c-d", eager=True)
    def _(event) -> None:
        event.app.exit(exception=EOFError())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, cancel]) if app.key_bindings else cancel
    try:
        return question.ask()
    except (EOFError, KeyboardInterrupt):
        return None


def run_wizard(library, args: argparse.Namespace) -> argparse.Namespace | None:
    """Ask for what the flags did not give; None if the teacher cancels (Ctrl+C or Ctrl+D)."""
    import questionary

    answers = argparse.Namespace(**vars(args))
    if not args.module:
        choices = [questionary.Choice(f"{m.title} ({m.id}, {m.minutes} min)", value=m.id) for m in library.modules.values()]
        picked = _ask(questionary.checkbox("Which modules? (Space to tick, Enter when done)", choices=choices,
                                           validate=lambda v: True if v else "tick at least one module"))
        if picked is None:
            return None
        answers.module = picked
    if not args.title:
        title = _ask(questionary.text("Title of the assignment:", validate=_title))
        if title is None:
            return None
        answers.title = title
    pass_mark = _ask(questionary.text("Pass mark (percent):", default=str(args.pass_mark), validate=_int_between(0, 100)))
    if pass_mark is None:
        return None
    answers.pass_mark = int(pass_mark)
    if not args.due:
        due = _ask(questionary.text("Due date (YYYY-MM-DD):", default=(date.today() + timedelta(days=7)).isoformat(), validate=_is_date))
        if due is None:
            return None
        answers.due = due.strip()
    attempts = _ask(questionary.text("Attempts allowed per module:", default=str(args.attempts), validate=_int_between(1, MAX_ATTEMPTS)))
    if attempts is None:
        return None
    answers.attempts = int(attempts)
    shuffle = _ask(questionary.confirm("Shuffle the options for each student?", default=args.shuffle))
    if shuffle is None:
        return None
    answers.shuffle = shuffle
    return answers
