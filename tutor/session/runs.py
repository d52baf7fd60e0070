"""A quiz run as the front ends hold it, and what a finished run reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.models import Module, Question
from tutor.progress.runs import RunAnswer
from tutor.progress.summary import Score, run_score


@dataclass
class QuizRun:
    """One pass through a module's quiz: the store's run and the answers given in it so far."""

    module: Module
    run_id: int
    answers: dict[str, RunAnswer] = field(default_factory=dict)
    finished: bool = False

    def answered(self, question: Question) -> RunAnswer | None:
        """The answer to this version of the question in this run, if any."""
        answer = self.answers.get(question.id)
        return answer if answer is not None and answer.question_hash == question.content_hash else None

    def next_index(self) -> int | None:
        """Where to resume: the first question not yet answered in this run (None: all are)."""
        for index, question in enumerate(self.module.questions):
            if self.answered(question) is None:
                return index
        return None

    @property
    def score(self) -> Score:
        return run_score(self.module, self.answers)


@dataclass(frozen=True)
class RunResult:
    """A finished (or inspected) run: its score over the whole run and what was missed."""

    module: Module
    score: Score
    missed: tuple[Question, ...]
    #: Under an assignment: the result file written, or why it could not be.
    result_file: Path | None = None
    result_error: str = ""


@dataclass(frozen=True)
class Availability:
    """Whether a learner may start (or resume) a module's quiz now, and if not, why."""

    available: bool
    reason: str = ""
    attempts_left: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    module: Module
    question: Question
