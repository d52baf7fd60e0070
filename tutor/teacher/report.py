"""The class report: result files in, a gradebook and an item analysis out.

Every file is read defensively against the typed schema (tutor.teacher.results):
files that are not results, are broken or truncated, state impossible or
inconsistent figures, belong to another assignment, were made from different
lesson content, or repeat a student are listed with the reason, and the
report is built from the rest.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.models import Module
from tutor.fsutil import UnreadableFile, read_limited, walk_files
from tutor.teacher.assignment import Assignment
from tutor.teacher.results import MAX_RESULT_BYTES, Result, decode, inconsistency

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Rejected:
    path: str
    reason: str


@dataclass
class ClassReport:
    assignment_id: str
    modules: list[str]
    results: dict[str, Result] = field(default_factory=dict)  # student -> result
    sources: dict[str, str] = field(default_factory=dict)  # student -> file
    rejected: list[Rejected] = field(default_factory=list)

    def average(self, module_id: str) -> float | None:
        scores = [r.modules[module_id].score for r in self.results.values() if module_id in r.modules]
        return sum(scores) / len(scores) if scores else None


def read_result(path: Path, pass_mark: int | None = None) -> Result:
    """Parse and check one result file; raise ValueError with the reason it cannot be used.

    A FIFO, a device, a folder or a file over 1 MiB is refused before reading.
    """
    try:
        data = read_limited(path, MAX_RESULT_BYTES)
    except UnreadableFile as exc:
        reason = "it is larger than 1 MiB, too large for a result file" if "larger than" in exc.reason else f"cannot read it: {exc.reason}"
        raise ValueError(reason) from None
    result = decode(data)
    problem = inconsistency(result, pass_mark)
    if problem:
        raise ValueError(problem)
    return result


def result_files(paths: Iterable[Path]) -> tuple[list[Path], list[Rejected]]:
    """The result files named or found in the folders named, and the folders that could not be searched.

    Folders are walked without recursion and without following links to
    folders; an unreadable folder is reported, never silently skipped.
    """
    found: list[Path] = []
    skipped: list[Rejected] = []
    for path in paths:
        if path.is_dir():
            files, missed = walk_files(path, (".json",))
            found.extend(files)
            skipped.extend(Rejected(str(m.path), f"this folder was not searched: {m.reason}") for m in missed)
        else:
            found.append(path)
    return found, skipped


def build_report(paths: Iterable[Path], assignment: Assignment | None) -> ClassReport:
    """Read every result file; keep those that belong to ``assignment`` (or to the most common one)."""
    parsed: list[tuple[Path, Result]] = []
    files, rejected = result_files(paths)
    pass_mark = assignment.pass_mark if assignment is not None else None
    for path in files:
        try:
            parsed.append((path, read_result(path, pass_mark)))
        except ValueError as exc:
            rejected.append(Rejected(str(path), str(exc)))
    if assignment is not None:
        wanted_id, wanted_hash, modules = assignment.id, assignment.content_hash, list(assignment.modules)
    else:
        common = Counter((r.assignment.id, r.assignment.content_hash) for _p, r in parsed).most_common(1)
        wanted_id, wanted_hash = common[0][0] if common else ("", "")
        modules = []
    report = ClassReport(wanted_id, modules, rejected=rejected)
    for path, result in parsed:
        info = result.assignment
        if info.id != wanted_id:
            report.rejected.append(Rejected(str(path), f"it belongs to assignment '{info.id}', not '{wanted_id}'"))
            continue
        if info.content_hash != wanted_hash or result.lessons_hash != wanted_hash:
            report.rejected.append(Rejected(str(path), "its content hash differs from the assignment's (other lesson files, or the file was edited)"))
            continue
        student = result.student
        if student in report.results:
            report.rejected.append(Rejected(str(path), f"student '{student}' already has a result in {report.sources[student]}"))
            continue
        if assignment is not None and set(result.modules) != set(assignment.modules):
            report.rejected.append(Rejected(str(path), "its modules are not the assignment's"))
            continue
        report.results[student] = result
        report.sources[student] = str(path)
        for module_id in result.modules:
            if module_id not in report.modules:
                report.modules.append(module_id)
    return report


def item_analysis(report: ClassReport, modules: dict[str, Module], top: int = 10) -> list[dict]:
    """The most-missed questions, with their prompts and the wrong options chosen most."""
    missed: Counter[tuple[str, str]] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    wrong_choices: dict[tuple[str, str], Counter[str]] = {}
    for result in report.results.values():
        for module_id, module in result.modules.items():
            for question_id, entry in module.questions.items():
                key = (module_id, question_id)
                answered[key] += 1
                if entry.correct:
                    continue
                missed[key] += 1
                answer = entry.answer
                if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
                    wrong_choices.setdefault(key, Counter()).update(answer)
    rows = []
    for (module_id, question_id), count in missed.most_common(top):
        module = modules.get(module_id)
        question = module.question(question_id) if module else None
        prompt = question.prompt if question else question_id
        choices = []
        for option_id, times in wrong_choices.get((module_id, question_id), Counter()).most_common(3):
            option = question.option(option_id) if question else None
            if question is not None and option_id in question.correct:
                continue
            choices.append({"option": option.text if option else option_id, "times": times})
        rows.append({"module": module_id, "question": question_id, "prompt": prompt, "missed": count,
                     "answered": answered[(module_id, question_id)], "wrong_choices": choices})
    return rows


def neutralise(cell: object) -> str:
    """Make a value safe for spreadsheets: text starting like a formula gets a leading apostrophe."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def percent(score: float | None) -> str:
    return "" if score is None else f"{round(score * 100)}"


def csv_text(report: ClassReport) -> str:
    """The gradebook as CSV text, every cell neutralised for spreadsheets."""
    header = ["student", "overall score %", "passed", "late"]
    for module_id in report.modules:
        header += [f"{module_id} score %", f"{module_id} passed", f"{module_id} late", f"{module_id} attempts"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for student in sorted(report.results):
        result = report.results[student]
        row: list[object] = [student, percent(result.score), result.passed, result.late]
        for module_id in report.modules:
            module = result.modules.get(module_id)
            row += [percent(module.score), module.passed, module.late, module.attempts_used] if module else ["", "", "", ""]
        writer.writerow([neutralise(c) for c in row])
    averages: list[object] = ["class average", percent(_mean([r.score for r in report.results.values()])), "", ""]
    for module_id in report.modules:
        averages += [percent(report.average(module_id)), "", "", ""]
    writer.writerow([neutralise(c) for c in averages])
    return buffer.getvalue()


def write_csv(report: ClassReport, path: Path) -> None:
    from tutor.fsutil import atomic_write

    atomic_write(path, csv_text(report), mode=0o644)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def as_json(report: ClassReport, items: list[dict]) -> dict:
    return {
        "assignment": report.assignment_id,
        "modules": report.modules,
        "students": {s: {"score": r.score, "passed": r.passed, "late": r.late, "modules": {
            m: {"score": mr.score, "passed": mr.passed, "finished": mr.finished, "late": mr.late, "attempts_used": mr.attempts_used,
                "completed_at": mr.completed_at, "completed_on": mr.completed_on}
            for m, mr in r.modules.items()}} for s, r in sorted(report.results.items())},
        "class_average": {m: report.average(m) for m in report.modules},
        "items": items,
        "rejected": [{"path": r.path, "reason": r.reason} for r in report.rejected],
    }
