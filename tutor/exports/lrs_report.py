"""``tutor report --lrs``: the class report rebuilt from an LRS's statements instead of result files.

Per module three xAPI queries (verb answered / passed / failed, activity the
module, related activities on), pages followed to the end. Statements are
grouped by learner (the account name) and run (the registration); under an
assignment only statements carrying its id count. From these the same
:class:`tutor.teacher.results.Result` a result file holds is built, with the
same rules (tutor.session.assignments): a module's score is its best
finished run, else the run under way; it is late when the first finished run
ended after the due date in the learner's own day; attempts are runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tutor import __version__
from tutor.exports.lrs import LRS
from tutor.progress.xapi import VERB_BASE, Settings
from tutor.teacher.report import ClassReport
from tutor.teacher.results import FORMAT, FORMAT_VERSION, AssignmentRef, ModuleResult, QuestionResult, Result


@dataclass
class RunSeen:
    """One run of one learner in one module, as its statements tell it."""

    first_seen: str = ""
    finished_at: str | None = None
    score: float | None = None
    passed: bool | None = None
    local_date: str = ""
    #: question id -> (timestamp, statement) of the latest answer in the run.
    answers: dict[str, tuple[str, dict]] = field(default_factory=dict)


def _ext(statement: dict, where: str, settings: Settings, name: str):
    return (statement.get(where) or {}).get("extensions", {}).get(settings.extension(name))


def _counts(statement: dict, settings: Settings, assignment_id: str | None) -> bool:
    found = _ext(statement, "context", settings, "assignment") or ""
    return assignment_id is None or found == assignment_id


def gather(
    lrs: LRS, settings: Settings, module_ids: list[str], assignment_id: str | None, page: int = 100
) -> dict[str, dict[str, dict[str, RunSeen]]]:
    """learner -> module -> registration -> RunSeen, from the LRS."""
    seen: dict[str, dict[str, dict[str, RunSeen]]] = {}
    for module_id in module_ids:
        activity = settings.module_iri(module_id)
        for verb in ("answered", "passed", "failed"):
            query = {"verb": VERB_BASE + verb, "activity": activity, "related_activities": "true", "limit": str(page)}
            for statement in lrs.fetch(query):
                run = (statement.get("context") or {}).get("registration")
                account = (statement.get("actor") or {}).get("account") or {}
                if not run or not account.get("name") or not _counts(statement, settings, assignment_id):
                    continue  # practice outside a run, or another assignment's
                entry = seen.setdefault(account["name"], {}).setdefault(module_id, {}).setdefault(run, RunSeen())
                when = statement.get("timestamp", "")
                entry.first_seen = min(entry.first_seen or when, when)
                result = statement.get("result") or {}
                if verb == "answered":
                    qid = statement["object"]["id"].rsplit("/", 1)[-1]
                    if qid not in entry.answers or entry.answers[qid][0] < when:
                        entry.answers[qid] = (when, statement)
                elif entry.finished_at is None or when < entry.finished_at:
                    entry.finished_at = when
                    entry.score = float((result.get("score") or {}).get("scaled", 0.0))
                    entry.passed = verb == "passed"
                    entry.local_date = _ext(statement, "context", settings, "local-date") or when[:10]
    return seen


def module_result(runs: dict[str, RunSeen], module, settings: Settings, pass_mark: int, due: date | None) -> ModuleResult:
    finished = [r for r in runs.values() if r.finished_at is not None]
    if finished:
        chosen = max(finished, key=lambda r: (r.score or 0.0, r.finished_at or ""))
    else:
        chosen = max(runs.values(), key=lambda r: r.first_seen) if runs else None
    questions: dict[str, QuestionResult] = {}
    if chosen is not None:
        for qid, (when, statement) in chosen.answers.items():
            question = module.question(qid) if module is not None else None
            if module is not None and (question is None or _ext(statement, "result", settings, "question-hash") != question.content_hash):
                continue  # an answer to a question that changed since (as result files do)
            result = statement.get("result") or {}
            score = float((result.get("score") or {}).get("scaled", 0.0))
            questions[qid] = QuestionResult(_ext(statement, "result", settings, "response"), bool(result.get("success")), when, score)
    if chosen is not None and chosen.finished_at is not None:
        score = chosen.score or 0.0
    else:
        total = len(module.questions) if module is not None else max(1, len(questions))
        score = sum(q.score or 0.0 for q in questions.values()) / total if total else 0.0
    first = min(finished, key=lambda r: r.finished_at or "") if finished else None
    return ModuleResult(
        score=round(score, 4),
        passed=bool(finished) and score * 100 >= pass_mark - 1e-9,
        finished=bool(finished),
        completed_at=first.finished_at if first else None,
        completed_on=first.local_date if first else None,
        late=bool(first and due and date.fromisoformat(first.local_date[:10]) > due),
        attempts_used=len(runs),
        questions=questions,
    )


def class_report(lrs: LRS, settings: Settings, library, assignment, page: int = 100) -> ClassReport:
    """The class report of an assignment (or of every module, outside assignments) from the LRS."""
    module_ids = list(assignment.modules) if assignment is not None else list(library.modules)
    pass_mark = assignment.pass_mark if assignment is not None else settings.pass_mark
    due = assignment.due if assignment is not None else None
    seen = gather(lrs, settings, module_ids, assignment.id if assignment is not None else None, page)
    ref = AssignmentRef(assignment.id, assignment.title, assignment.content_hash) if assignment is not None else AssignmentRef(
        "all-modules", "every module, outside assignments", "-"
    )
    report = ClassReport(ref.id, module_ids)
    for student in sorted(seen):
        modules = {m: module_result(seen[student].get(m, {}), library.modules.get(m), settings, pass_mark, due) for m in module_ids}
        overall = sum(r.score for r in modules.values()) / len(modules) if modules else 0.0
        finished = bool(modules) and all(r.finished for r in modules.values())
        report.results[student] = Result(
            format=FORMAT, format_version=FORMAT_VERSION, tutor_version=__version__, assignment=ref, lessons_hash=ref.content_hash,
            student=student, generated_at=datetime.now(UTC).isoformat(timespec="seconds"), score=round(overall, 4),
            finished=finished, passed=finished and overall * 100 >= pass_mark - 1e-9,
            late=any(r.late for r in modules.values()), modules=modules,
        )
        report.sources[student] = lrs.url
    lrs.close()
    return report
