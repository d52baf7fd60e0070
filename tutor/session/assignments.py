"""An assignment's rules: attempts, lateness and the result file, in one place.

* **Attempts**: the runs started under this assignment (and runs from tutor
  0.1.0, which recorded no assignment) count; resuming an unfinished run
  never costs one.
* **Score**: a module's score is its best finished run under the
  assignment; before any run finishes, the run under way.
* **Late**: a module is on time if a run counting for the assignment
  finished on or before the due date, in the learner's own day (their time
  zone), whatever happens in later runs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tutor import __version__
from tutor.content.models import Module
from tutor.progress.clock import local_day
from tutor.progress.runs import Run
from tutor.progress.store import Store
from tutor.progress.summary import run_score

if TYPE_CHECKING:  # the teacher's modules (YAML, msgspec) load only when an assignment is in play
    from tutor.teacher.assignment import Assignment
    from tutor.teacher.results import ModuleResult, Result


def counting(runs: list[Run], assignment: Assignment) -> list[Run]:
    return [r for r in runs if r.counts_for(assignment.id)]


def attempts_used(runs: list[Run], assignment: Assignment) -> int:
    return len(counting(runs, assignment))


def first_finished(runs: list[Run], assignment: Assignment) -> Run | None:
    done = [r for r in counting(runs, assignment) if r.finished_at]
    return min(done, key=lambda r: r.finished_at or "") if done else None


def is_late(runs: list[Run], assignment: Assignment) -> bool:
    first = first_finished(runs, assignment)
    return first is not None and local_day(first.finished_at or "") > assignment.due


def module_result(store: Store, student: str, module: Module, assignment: Assignment) -> ModuleResult:
    from tutor.teacher.results import ModuleResult, QuestionResult

    runs = counting(store.runs(student, module.id), assignment)
    finished = [r for r in runs if r.finished]
    chosen = max(finished, key=lambda r: (r.score or 0.0, r.id)) if finished else (runs[-1] if runs else None)
    answers = store.run_answers(chosen.id) if chosen else {}
    score = chosen.score if chosen is not None and chosen.finished and chosen.score is not None else run_score(module, answers).fraction
    questions = {
        q.id: QuestionResult(a.response, a.correct, a.answered_at, a.score)
        for q in module.questions
        if (a := answers.get(q.id)) is not None and a.question_hash == q.content_hash
    }
    first = first_finished(runs, assignment)
    return ModuleResult(
        score=round(score, 4),
        passed=bool(finished) and score * 100 >= assignment.pass_mark - 1e-9,
        finished=bool(finished),
        completed_at=first.finished_at if first else None,
        completed_on=local_day(first.finished_at).isoformat() if first and first.finished_at else None,
        late=is_late(runs, assignment),
        attempts_used=len(runs),
        questions=questions,
    )


def build_result(store: Store, student: str, assignment: Assignment, modules: list[Module], now: datetime | None = None) -> Result:
    """One student's result for an assignment, from what the store holds."""
    from tutor.library.identity import lessons_hash_like
    from tutor.teacher.results import FORMAT, FORMAT_VERSION, AssignmentRef, Result

    results = {m.id: module_result(store, student, m, assignment) for m in modules}
    overall = sum(r.score for r in results.values()) / len(results) if results else 0.0
    finished = bool(results) and all(r.finished for r in results.values())
    return Result(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        tutor_version=__version__,
        assignment=AssignmentRef(assignment.id, assignment.title, assignment.content_hash),
        lessons_hash=lessons_hash_like(assignment.content_hash, modules),
        student=student,
        generated_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        score=round(overall, 4),
        finished=finished,
        passed=finished and overall * 100 >= assignment.pass_mark - 1e-9,
        late=any(r.late for r in results.values()),
        modules=results,
    )
