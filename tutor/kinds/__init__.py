"""The question-kind registry: one module per kind, listed once here.

A new kind is a new module in this package (see :mod:`tutor.kinds.base` for
what it provides), one line in :data:`_MODULES`, and, if it needs a new
answer widget, one module in ``tutor/ui/answers/``. Nothing else in tutor
names a kind: the loader, grading, plain mode, the app and the exporters all
ask the registry.
"""

from __future__ import annotations

from importlib import import_module

from tutor.kinds.base import Arrangement, Explained, ExportChoice, ExportItem, Grade, InvalidResponse, Kind, Remark

_MODULES = (
    "single_choice",
    "multiple_select",
    "true_false",
    "ordering",
    "matching",
    "short_answer",
    "source_attribution",
    "evidence",
)

KINDS: dict[str, Kind] = {}
for _name in _MODULES:
    _kind: Kind = import_module(f"tutor.kinds.{_name}").KIND
    KINDS[_kind.name] = _kind

NAMES: tuple[str, ...] = tuple(KINDS)


def kind_of(name: str) -> Kind:
    """The kind called ``name`` (a question's ``type``); KeyError for an unknown one."""
    return KINDS[name]


def grade(question, response: object) -> Grade:
    """Grade a response to a question; InvalidResponse if it cannot be an answer to it."""
    return KINDS[question.type].grade(question, response)


def model_answer(question) -> object:
    """A response that earns full marks, for tests and benchmarks."""
    return KINDS[question.type].model_answer(question)


def wrong_answer(question) -> object:
    """A response of the right shape that does not earn full marks, for tests and benchmarks (model_answer's pair).

    By the shape of the answer: a typed text nobody would accept, the order
    reversed, every item paired with the next one's match, or one option
    that is not a key.
    """
    widget = KINDS[question.type].widget
    if widget == "short":
        return "no idea"
    if widget == "ordering":
        return list(reversed(question.correct))
    if widget == "matching":
        return [[left, question.pairs[(i + 1) % len(question.pairs)][1]] for i, (left, _r) in enumerate(question.pairs)]
    return [next(o.id for o in question.options if o.id not in question.correct)]


__all__ = [
    "KINDS", "NAMES", "Arrangement", "Explained", "ExportChoice", "ExportItem", "Grade", "InvalidResponse", "Kind", "Remark",
    "grade", "kind_of", "model_answer", "wrong_answer",
]
