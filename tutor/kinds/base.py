"""What every question kind provides, and the pieces kinds share.

A kind is one small module in :mod:`tutor.kinds` holding everything that
differs between question types: the extra YAML keys and how to read them,
how to grade a response (with partial credit), the model answer, how the
options are arranged for a learner, how plain mode prints the options and
parses a typed answer, which answer widget the app uses, and what the
exporters need. Nothing here imports a UI library: the app finds its widget
by :attr:`Kind.widget`, a name, in :mod:`tutor.ui.answers`.

Responses are plain JSON data so they can be stored and exported:
a list of option ids for choice kinds, the item ids in order for ordering,
``[[left, right], ...]`` pairs for matching, and the typed text for short
answers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tutor.content.models import Option, Question

if TYPE_CHECKING:
    from yaml.nodes import Node

    from tutor.library.loader import ModuleReader

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_NUMBER = re.compile(r"[0-9]{1,3}")
_SEPARATORS = re.compile(r"[\s,;]+")


class InvalidResponse(ValueError):
    """A response that does not fit the question; the message says what would."""


@dataclass(frozen=True, slots=True)
class Grade:
    """The verdict on one response.

    ``feedback`` holds ``(option id or "", text)`` pairs to show; ``marks``
    holds, for ordering and matching, one ``(item id, right?)`` per item so the
    learner sees which parts were right; ``note`` explains a leniency (a
    forgiven typo).
    """

    correct: bool
    score: float
    feedback: tuple[tuple[str, str], ...]
    marks: tuple[tuple[str, bool], ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Remark:
    """One line of teaching feedback: an option, item or pair, its mark, and why.

    ``right`` is the mark (True ✓, False ✗, None: no mark); ``chosen`` says the
    learner picked it; ``pair`` is the right-hand side the learner matched it
    with; ``instead`` what belongs there when it was wrong (the item at this
    place of the right order, or the right match); ``why`` the author's feedback.
    """

    text: str
    right: bool | None = None
    why: str = ""
    chosen: bool = False
    pair: str = ""
    instead: str = ""


@dataclass(frozen=True, slots=True)
class Explained:
    """A titled group of remarks, e.g. "Your order" then "The right order"; ``numbered`` lists them 1, 2, 3."""

    title: str
    remarks: tuple[Remark, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Arrangement:
    """The options as one learner sees them (and the right column, for matching)."""

    shown: tuple[Option, ...]
    right: tuple[Option, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportChoice:
    text: str
    correct: bool
    feedback: str
    #: An option id that is an article id, or a passage's article: exporters name the source.
    source: str = ""


@dataclass(frozen=True, slots=True)
class ExportItem:
    """A question reduced to a shape every exporter understands.

    ``shape`` is one of ``single``, ``multiple``, ``truefalse``, ``ordering``,
    ``matching`` or ``short``. A new kind that maps onto an existing shape
    needs no change in any exporter.
    """

    shape: str
    prompt: str
    choices: tuple[ExportChoice, ...] = ()
    #: ordering: items in the right order, as (text, feedback).
    sequence: tuple[tuple[str, str], ...] = ()
    #: matching: (left text, right text, feedback), in authored order.
    pairs: tuple[tuple[str, str, str], ...] = ()
    #: short answers: every accepted answer, the model one first.
    answers: tuple[str, ...] = ()
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class Kind:
    """Base class of a question kind; subclasses override what differs."""

    #: The ``type:`` value in lesson files.
    name: str = ""
    #: What the learner is asked to do, in words ("Choose one").
    label: str = ""
    #: How to answer in plain mode.
    plain_hint: str = ""
    #: Which answer widget the app uses (a module in tutor.ui.answers).
    widget: str = "choice"
    #: Extra YAML keys this kind requires and allows.
    keys: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    #: True when the learner picks from ``Question.options`` (options get ✓/✗ marks).
    picks_options: bool = True
    #: True when the order of ``Question.correct`` is part of the answer.
    ordered_answer: bool = False
    #: For ``validate --strict``: the author's options compete as answers (key length and position cues apply) ...
    lint_choice: bool = False
    #: ... and the author words them freely (cues in their wording apply).
    lint_wording: bool = False
    #: The xAPI 1.0.3 interactionType of the kind's questions (choice, true-false, sequencing, matching, fill-in...).
    interaction: str = "choice"

    # -- the lesson file -------------------------------------------------------
    def read(self, reader: ModuleReader, fields: dict[str, Node], where: str) -> dict | None:
        """The kind's own fields as Question keyword arguments, or None (errors reported)."""
        raise NotImplementedError

    # -- grading -----------------------------------------------------------------
    def grade(self, question: Question, response: object) -> Grade:
        raise NotImplementedError

    def model_answer(self, question: Question) -> object:
        """A response that earns full marks (tests, benchmarks, exports)."""
        return list(question.correct)

    # -- presenting ----------------------------------------------------------------
    def arrange(self, question: Question, seed: str, shuffle: bool = True) -> Arrangement:
        """The options in one learner's order: shuffled, but the same every time for them."""
        items = list(question.options)
        if shuffle:
            random.Random(f"{seed}\x1fleft\x1f{len(items)}").shuffle(items)
        return Arrangement(tuple(items))

    def plain_lines(self, question: Question, arranged: Arrangement) -> list[str]:
        """The options as plain-mode prints them (numbered)."""
        return [f"{i}. {option.text}" for i, option in enumerate(arranged.shown, 1)]

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        """Turn a typed line into a response; InvalidResponse says how to type it."""
        raise NotImplementedError

    def describe(self, question: Question, response: object) -> str:
        """A response in words, for result screens and reports."""
        if isinstance(response, list):
            names = {o.id: o.text for o in (*question.options, *question.right)}
            return "; ".join(names.get(str(r), str(r)) for r in response)
        return str(response)

    def explain(self, question: Question, arranged: Arrangement, response: object, grade: Grade) -> tuple[Explained, ...]:
        """Feedback that teaches, for the app and plain mode alike: what the learner chose, and the rest.

        The default suits kinds that pick options: the chosen ones marked
        right or wrong, then the right ones not chosen, then the others.
        """
        chosen = [str(c) for c in response] if isinstance(response, list | tuple) else []
        by_id = {o.id: o for o in arranged.shown or question.options}
        right = set(question.correct)
        mine = tuple(Remark(by_id[c].text, c in right, by_id[c].feedback, chosen=True) for c in chosen if c in by_id)
        missed = tuple(Remark(o.text, why=o.feedback) for o in by_id.values() if o.id in right and o.id not in chosen)
        others = tuple(Remark(o.text, why=o.feedback) for o in by_id.values() if o.id not in right and o.id not in chosen)
        parts = (
            Explained("What you chose", mine),
            Explained("The right answer" if len(right) == 1 else "Right answers you did not choose", missed),
            Explained("The other options", others),
        )
        return tuple(part for part in parts if part.remarks)

    # -- exporting -------------------------------------------------------------------
    def export(self, question: Question) -> ExportItem:
        raise NotImplementedError

    def xapi_response(self, question: Question, response: object) -> str:
        """A response in xAPI's response syntax for :attr:`interaction` (ids joined by ``[,]``)."""
        if isinstance(response, list | tuple):
            return "[,]".join(str(r) for r in response)
        return str(response)

    def xapi_interaction(self, question: Question) -> dict[str, Any]:
        """The interaction part of the question's xAPI activity definition: type, components, key."""
        return {
            "interactionType": self.interaction,
            "correctResponsesPattern": [self.xapi_response(question, self.model_answer(question))],
            "choices": [component(o.id, o.text) for o in question.options],
        }


def component(ident: str, text: str) -> dict[str, Any]:
    """An xAPI interaction component (a choice, a matching source or target, a step)."""
    return {"id": ident, "description": {"en": text}}


def numbers(text: str, count: int) -> list[int]:
    """Option numbers typed by a learner, 0-based; InvalidResponse if any is not 1..count."""
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    if not tokens:
        raise InvalidResponse(f"type a number from 1 to {count}")
    found = []
    for token in tokens:
        if not _NUMBER.fullmatch(token) or not 1 <= int(token) <= count:
            raise InvalidResponse(f"{token[:20]!r} is not an option number; the options are numbered 1 to {count}")
        found.append(int(token) - 1)
    return found


def ids_of(response: object) -> list[str]:
    """A response that must be a list of ids."""
    if not isinstance(response, list | tuple) or not all(isinstance(x, str) for x in response):
        raise InvalidResponse("expected a list of option ids")
    return list(response)


def pick_from(options: Sequence[Option], chosen: list[str]) -> dict[str, Option]:
    """The options by id, refusing unknown or repeated choices."""
    known = {o.id: o for o in options}
    if not chosen or any(c not in known for c in chosen) or len(set(chosen)) != len(chosen):
        raise InvalidResponse("choose among the options, each at most once")
    return known
