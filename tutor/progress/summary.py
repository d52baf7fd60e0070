"""Combine a module's current questions with what the store knows of a learner.

Two rules hold everywhere because every reader goes through here: answers to
questions that no longer exist are ignored, and an answer given to an earlier
version of a question (its identity hash differs) does not count.

:func:`run_score` is the one definition of a score: the credit earned in a
run (partial credit included) over every question of the module, whatever
sitting each answer was given in. Home, ``tutor progress``, plain mode, the
results screen and result files all show this number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tutor.content.models import Module
from tutor.progress.runs import RunAnswer
from tutor.progress.store import ModuleRecord


@dataclass(frozen=True, slots=True)
class Place:
    """Where a learner is reading in a module (a section), or that they finished it."""

    kind: str  # "section", "question" (tutor 0.1.0 only; runs say this now) or "done"
    id: str = ""

    def encode(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind

    @classmethod
    def decode(cls, text: str | None) -> Place | None:
        if not text:
            return None
        kind, _, ident = text.partition(":")
        return cls(kind, ident) if kind in ("section", "question", "done") else None


@dataclass(frozen=True, slots=True)
class Score:
    """A run's result: credit over the module's questions."""

    credit: float
    total: int
    right: int
    answered: int
    changed: int

    @property
    def fraction(self) -> float:
        return self.credit / self.total if self.total else 0.0

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def run_score(module: Module, answers: Mapping[str, RunAnswer] | None) -> Score:
    """The score of a run: partial credit counted, over all of the module's current questions."""
    credit = 0.0
    right = answered = changed = 0
    for question in module.questions:
        answer = (answers or {}).get(question.id)
        if answer is None:
            continue
        if answer.question_hash != question.content_hash:
            changed += 1
            continue
        answered += 1
        right += answer.correct
        credit += answer.score
    return Score(credit, len(module.questions), right, answered, changed)


@dataclass(frozen=True, slots=True)
class ModuleProgress:
    module_id: str
    total: int
    #: Questions answered in the learner's current (or last) run.
    done: int
    correct: int
    changed: int
    #: The current (or last) run's score, or None before any run.
    score: float | None
    #: The best score of a finished run, or None.
    best: float | None
    last_seen: str | None
    reviews_due: int
    place: str | None
    completed: bool
    #: Finished runs.
    runs: int = 0
    #: True while a run is under way (resume it rather than start another).
    run_open: bool = False

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def summarise(module: Module, record: ModuleRecord | None) -> ModuleProgress:
    place = Place.decode(record.place if record else None)
    known = {"section": {s.id for s in module.sections}, "question": {q.id for q in module.questions}, "done": {""}}
    run = record.run if record else None
    score = run_score(module, record.run_answers) if run is not None and record is not None else None
    return ModuleProgress(
        module_id=module.id,
        total=len(module.questions),
        done=score.answered if score else 0,
        correct=score.right if score else 0,
        changed=score.changed if score else 0,
        score=(run.score if run.finished and run.score is not None else score.fraction) if run is not None and score else None,
        best=record.best_score if record else None,
        last_seen=record.last_seen if record else None,
        reviews_due=record.reviews_due if record else 0,
        place=place.encode() if place and place.id in known[place.kind] else None,
        completed=bool(record and record.completed_at),
        runs=record.runs if record else 0,
        run_open=run is not None and not run.finished,
    )
