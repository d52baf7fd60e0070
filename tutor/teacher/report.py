"""The class report: result files in, a gradebook and an item analysis out.

Every file is read defensively: files that are not results, are broken or
truncated, belong to another assignment, were made from different lesson
content, or repeat a student are listed with the reason, and the report is
built from the rest.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.models import Module
from tutor.teacher.assignment import Assignment
from tutor.teacher.results import FORMAT

MAX_RESULT_BYTES = 1 << 20
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Rejected:
    path: str
    reason: str


@dataclass
class ClassReport:
    assignment_id: str
    modules: list[str]
    results: dict[str, dict] = field(default_factory=dict)  # student -> result
    sources: dict[str, str] = field(default_factory=dict)  # student -> file
    rejected: list[Rejected] = field(default_factory=list)

    def average(self, module_id: str) -> float | None:
        scores = [r["modules"][module_id]["score"] for r in self.results.values() if module_id in r["modules"]]
        return sum(scores) / len(scores) if scores else None


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise _Duplicate(f"duplicate key {next(k for k in keys if keys.count(k) > 1)!r}")
    return dict(pairs)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def read_result(path: Path) -> dict:
    """Parse and check one result file; raise ValueError with the reason it cannot be used."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_RESULT_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"cannot read it ({exc.strerror})") from None
    if len(data) > MAX_RESULT_BYTES:
        raise ValueError("it is larger than 1 MiB, too large for a result file")
    try:
        result = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is broken or truncated (JSON error at line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (_Duplicate, ValueError, RecursionError) as exc:
        raise ValueError(f"it is not valid result data ({exc})") from None
    if not isinstance(result, dict) or result.get("format") != FORMAT:
        raise ValueError("it is not a tutor result file")
    _check_shape(result)
    return result


def _check_shape(result: dict) -> None:
    def need(condition: bool, what: str) -> None:
        if not condition:
            raise ValueError(f"it is not a complete result file ({what})")

    need(result.get("format_version") == 1, "unknown format_version")
    need(isinstance(result.get("student"), str) and result["student"].strip(), "no student")
    assignment = result.get("assignment")
    need(isinstance(assignment, dict) and isinstance(assignment.get("id"), str) and isinstance(assignment.get("content_hash"), str), "no assignment")
    need(isinstance(result.get("lessons_hash"), str), "no lessons hash")
    modules = result.get("modules")
    need(isinstance(modules, dict), "no modules")
    for module_id, module in modules.items():
        need(isinstance(module, dict), f"module {module_id} is not a mapping")
        need(isinstance(module.get("score"), (int, float)) and 0 <= module["score"] <= 1, f"module {module_id} has no valid score")
        need(isinstance(module.get("questions"), dict), f"module {module_id} has no questions")
        for flag in ("passed", "late", "finished"):
            need(isinstance(module.get(flag), bool), f"module {module_id} has no {flag} flag")
        need(isinstance(module.get("attempts_used"), int), f"module {module_id} has no attempt count")


def result_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def build_report(paths: Iterable[Path], assignment: Assignment | None) -> ClassReport:
    """Read every result file; keep those that belong to ``assignment`` (or to the most common one)."""
    parsed: list[tuple[Path, dict]] = []
    rejected: list[Rejected] = []
    for path in result_files(paths):
        if not path.exists():
            rejected.append(Rejected(str(path), "no such file or folder"))
            continue
        try:
            parsed.append((path, read_result(path)))
        except ValueError as exc:
            rejected.append(Rejected(str(path), str(exc)))
    if assignment is not None:
        wanted_id, wanted_hash, modules = assignment.id, assignment.content_hash, list(assignment.modules)
    else:
        common = Counter((r["assignment"]["id"], r["assignment"]["content_hash"]) for _p, r in parsed).most_common(1)
        wanted_id, wanted_hash = common[0][0] if common else ("", "")
        modules = []
    report = ClassReport(wanted_id, modules, rejected=rejected)
    for path, result in parsed:
        info = result["assignment"]
        if info["id"] != wanted_id:
            report.rejected.append(Rejected(str(path), f"it belongs to assignment '{info['id']}', not '{wanted_id}'"))
            continue
        if info["content_hash"] != wanted_hash or result["lessons_hash"] != wanted_hash:
            report.rejected.append(Rejected(str(path), "its content hash differs from the assignment's (other lesson files, or the file was edited)"))
            continue
        student = result["student"]
        if student in report.results:
            report.rejected.append(Rejected(str(path), f"student '{student}' already has a result in {report.sources[student]}"))
            continue
        if assignment is not None and set(result["modules"]) != set(assignment.modules):
            report.rejected.append(Rejected(str(path), "its modules are not the assignment's"))
            continue
        report.results[student] = result
        report.sources[student] = str(path)
        for module_id in result["modules"]:
            if module_id not in report.modules:
                report.modules.append(module_id)
    return report


def item_analysis(report: ClassReport, modules: dict[str, Module], top: int = 10) -> list[dict]:
    """The most-missed questions, with their prompts and the wrong options chosen most."""
    missed: Counter[tuple[str, str]] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    wrong_choices: dict[tuple[str, str], Counter[str]] = {}
    for result in report.results.values():
        for module_id, module in result["modules"].items():
            for question_id, entry in module["questions"].items():
                key = (module_id, question_id)
                answered[key] += 1
                if entry.get("correct") is True:
                    continue
                missed[key] += 1
                answer = entry.get("answer")
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


def write_csv(report: ClassReport, path: Path) -> None:
    header = ["student", "overall score %", "passed", "late"]
    for module_id in report.modules:
        header += [f"{module_id} score %", f"{module_id} passed", f"{module_id} late", f"{module_id} attempts"]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(h) for h in header])
        for student in sorted(report.results):
            result = report.results[student]
            row = [student, percent(result["score"]), result["passed"], result["late"]]
            for module_id in report.modules:
                module = result["modules"].get(module_id, {})
                row += [percent(module.get("score")), module.get("passed", ""), module.get("late", ""), module.get("attempts_used", "")]
            writer.writerow([neutralise(c) for c in row])
        averages = ["class average", percent(_mean([r["score"] for r in report.results.values()])), "", ""]
        for module_id in report.modules:
            averages += [percent(report.average(module_id)), "", "", ""]
        writer.writerow([neutralise(c) for c in averages])


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def as_json(report: ClassReport, items: list[dict]) -> dict:
    return {
        "assignment": report.assignment_id,
        "modules": report.modules,
        "students": {s: {"score": r["score"], "passed": r["passed"], "late": r["late"], "modules": {
            m: {k: v for k, v in r["modules"][m].items() if k != "questions"} for m in r["modules"]}} for s, r in sorted(report.results.items())},
        "class_average": {m: report.average(m) for m in report.modules},
        "items": items,
        "rejected": [{"path": r.path, "reason": r.reason} for r in report.rejected],
    }
