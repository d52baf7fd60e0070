"""Grade a learner's response to a question: right or wrong, a score, and feedback.

UI-free: the app, the plain prompt mode and the teacher tools all grade the
same way. A response is plain data so it can be stored as JSON:

* choice types (single, multiple, true/false, attribution, evidence): a list
  of chosen option ids;
* ordering: the item ids in the learner's order;
* matching: a list of ``[left_id, right_id]`` pairs;
* short answer: the typed text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tutor.content import models as m

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


@dataclass(frozen=True, slots=True)
class Grade:
    """The verdict on one response."""

    correct: bool
    score: float
    #: (option id or "", feedback) for what the learner chose, in order.
    feedback: tuple[tuple[str, str], ...]


class InvalidResponse(ValueError):
    """The response does not fit the question (unknown option, wrong shape)."""


def lenient(text: str) -> str:
    """Fold case, accents, punctuation, spacing and a leading article away."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = " ".join(_PUNCT.sub(" ", plain).split())
    return _LEADING_ARTICLE.sub("", plain)


def grade(question: m.Question, response: object) -> Grade:
    """Grade ``response``; raises InvalidResponse if it cannot be an answer to ``question``."""
    if question.type == m.SHORT_ANSWER:
        return _grade_short(question, response)
    if question.type == m.ORDERING:
        return _grade_ordering(question, response)
    if question.type == m.MATCHING:
        return _grade_matching(question, response)
    return _grade_choice(question, response)


def _ids(response: object) -> list[str]:
    if not isinstance(response, (list, tuple)) or not all(isinstance(x, str) for x in response):
        raise InvalidResponse("expected a list of option ids")
    return list(response)


def _grade_choice(question: m.Question, response: object) -> Grade:
    chosen = _ids(response)
    known = {o.id: o for o in question.options}
    unknown = [c for c in chosen if c not in known]
    if unknown or not chosen or len(set(chosen)) != len(chosen):
        raise InvalidResponse(f"choose one or more of: {', '.join(known)}")
    if question.type != m.MULTIPLE_SELECT and len(chosen) != 1:
        raise InvalidResponse("choose exactly one option")
    right = set(question.correct)
    picked = set(chosen)
    if question.type == m.MULTIPLE_SELECT:
        hits = len(picked & right) - len(picked - right)
        score = max(0.0, hits / len(right))
    else:
        score = 1.0 if picked == right else 0.0
    return Grade(picked == right, score, tuple((c, known[c].feedback) for c in chosen))


def _grade_ordering(question: m.Question, response: object) -> Grade:
    order = _ids(response)
    if sorted(order) != sorted(question.correct):
        raise InvalidResponse("put every item in the order exactly once")
    in_place = sum(a == b for a, b in zip(order, question.correct, strict=True))
    by_id = {o.id: o for o in question.options}
    feedback = tuple((i, by_id[i].feedback) for i in question.correct)
    return Grade(in_place == len(order), in_place / len(order), feedback)


def _grade_matching(question: m.Question, response: object) -> Grade:
    if not isinstance(response, (list, tuple)):
        raise InvalidResponse("expected a list of [left, right] pairs")
    try:
        pairs = {str(left): str(right) for left, right in response}
    except (TypeError, ValueError) as exc:
        raise InvalidResponse("expected a list of [left, right] pairs") from exc
    expected = dict(question.pairs)
    rights = {o.id for o in question.right}
    if set(pairs) != set(expected) or not set(pairs.values()) <= rights:
        raise InvalidResponse("pair every item on the left with one on the right")
    hits = sum(pairs[left] == right for left, right in expected.items())
    feedback = tuple((o.id, o.feedback) for o in question.options)
    return Grade(hits == len(expected), hits / len(expected), feedback)


def _grade_short(question: m.Question, response: object) -> Grade:
    if not isinstance(response, str):
        raise InvalidResponse("expected typed text")
    if not response.strip():
        raise InvalidResponse("type an answer")
    ok = lenient(response) in {lenient(a) for a in question.accept}
    text = question.feedback_correct if ok else question.feedback_incorrect
    return Grade(ok, 1.0 if ok else 0.0, (("", text),))
