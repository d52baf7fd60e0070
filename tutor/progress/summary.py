"""Combine a module's current questions with what the store knows of a learner.

Readers go through here so that two rules hold everywhere: answers to
questions that no longer exist are ignored, and an answer given to an
earlier version of a question (its content hash differs) does not count as
done. The app's home screen and ``tutor progress`` both use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.content.models import Module
from tutor.progress.store import ModuleRecord


@dataclass(frozen=True, slots=True)
class Place:
    """Where a learner is in a module: reading a section, at a question, or done."""

    kind: str  # "section", "question" or "done"
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
class ModuleProgress:
    module_id: str
    total: int
    done: int
    correct: int
    changed: int
    best: float | None
    last_seen: str | None
    reviews_due: int
    place: str | None
    completed: bool
    runs: int = 0

    @property
    def score(self) -> float | None:
        """Share of the current questions answered right (latest answers), or None."""
        return self.correct / self.done if self.done else None

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["score"] = self.score
        return data


def summarise(module: Module, record: ModuleRecord | None) -> ModuleProgress:
    done = correct = changed = 0
    if record is not None:
        for question in module.questions:
            answer = record.latest.get(question.id)
            if answer is None:
                continue
            if answer.question_hash != question.content_hash:
                changed += 1
                continue
            done += 1
            correct += answer.correct
    place = Place.decode(record.place if record else None)
    known = {"section": {s.id for s in module.sections}, "question": {q.id for q in module.questions}, "done": {""}}
    return ModuleProgress(
        module_id=module.id,
        total=len(module.questions),
        done=done,
        correct=correct,
        changed=changed,
        best=record.best_score if record else None,
        last_seen=record.last_seen if record else None,
        reviews_due=record.reviews_due if record else 0,
        place=place.encode() if place and place.id in known[place.kind] else None,
        completed=bool(record and record.completed_at),
        runs=record.runs if record else 0,
    )
