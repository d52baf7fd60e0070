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
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.models import Module
from tutor.content.text import printable
from tutor.errors import UserError, shown
from tutor.fsutil import UnreadableFile, read_limited, walk_files
from tutor.teacher.assignment import Assignment
from tutor.teacher.results import MAX_RESULT_BYTES, Result, decode, inconsistency


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
    #: Every file read (or tried), so an output file can be checked against them.
    read: list[Path] = field(default_factory=list)

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


def build_report(paths: Iterable[Path], assignment: Assignment | None, library: dict[str, Module] | None = None) -> ClassReport:
    """Read every result file; keep those that belong to ``assignment`` (or to the most common one).

    With the teacher's ``library`` (its modules by id), every answer in a
    file is graded again when the teacher's lessons are the ones the
    assignment was made from: a file whose marks or scores its own answers
    do not earn is left out, named, with the first disagreement.
    """
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
    report = ClassReport(wanted_id, modules, rejected=rejected, read=files)
    gradable = _gradable(library or {}, modules or sorted({m for _p, r in parsed for m in r.modules}), wanted_hash)
    grades: dict[tuple[str, str, str], object] = {}  # a class gives the same answers again and again: each is graded once
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
        problem = regrade_problem(result, gradable, grades)
        if problem:
            report.rejected.append(Rejected(str(path), problem))
            continue
        report.results[student] = result
        report.sources[student] = str(path)
        for module_id in result.modules:
            if module_id not in report.modules:
                report.modules.append(module_id)
    return report


def _gradable(library: dict[str, Module], module_ids: list[str], wanted_hash: str) -> dict[str, Module]:
    """The teacher's modules, if they are exactly the ones the assignment was made from (else nothing can be regraded)."""
    from tutor.library.identity import content_matches

    modules = [library[m] for m in module_ids if m in library]
    if not wanted_hash or len(modules) != len(module_ids) or not content_matches(wanted_hash, modules):
        return {}
    return {m.id: m for m in modules}


def regrade_problem(result: Result, modules: dict[str, Module], grades: dict | None = None) -> str:
    """Why a result's stated marks are not what its own answers earn ("" if they are, or nothing can be checked).

    Each answer is graded again with the teacher's copy of its question;
    for format 2 (which keeps partial credit) each module's score is
    recomputed too: the credit over all of the module's questions
    (tutor.progress.summary.run_score), rounded as written.
    """
    from tutor.kinds import InvalidResponse, grade

    for module_id, stated in result.modules.items():
        module = modules.get(module_id)
        if module is None:
            continue
        credit = 0.0
        for question_id, answer in stated.questions.items():
            question = module.question(question_id)
            if question is None:
                return f"question {module_id}/{shown(question_id)} is not in the module"
            key = (module_id, question_id, repr(answer.answer))
            earned = grades.get(key) if grades is not None else None
            if earned is None:
                try:
                    earned = grade(question, answer.answer)
                except InvalidResponse as exc:
                    earned = exc
                if grades is not None:
                    grades[key] = earned
            if isinstance(earned, InvalidResponse):
                return f"the answer to {module_id}/{question_id} cannot be an answer to that question"
            if earned.correct != answer.correct or (answer.score is not None and abs(earned.score - answer.score) > 1e-6):
                said = "right" if answer.correct else "wrong"
                return f"the answer to {module_id}/{question_id} is marked {said} ({answer.score if answer.score is not None else '-'}) " \
                       f"but earns {earned.score:g}"
            credit += earned.score
        expected = round(credit / len(module.questions), 4) if module.questions else 0.0
        if result.format_version >= 2 and abs(expected - stated.score) > 1e-4:
            return f"module {module_id} states a score of {stated.score * 100:g}% but its answers earn {expected * 100:g}%"
    return ""


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
                    chosen = wrong_choices.get(key)
                    if chosen is None:
                        chosen = wrong_choices[key] = Counter()
                    for option_id in answer:
                        chosen[option_id] += 1
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
    """Make a value safe for spreadsheets and for anything that reads the file line by line.

    * control characters, bidi overrides and lone surrogates become U+FFFD,
      and line and tab breaks a space, so a name cannot forge a row (a
      quoted newline is one cell to a spreadsheet but a new line to ``grep``
      or a naive importer) or reorder what is shown;
    * a formula start (``= + - @``, also in their full-width forms, after
      any leading spaces) gets an apostrophe, so the cell stays text; so does
      one right after a ``;``, ``,`` or ``|`` inside the cell, because a
      spreadsheet guessing another separator splits the cell there, and the
      piece after it would begin a formula (``;``-led rows).
    """
    if isinstance(cell, bool) or (isinstance(cell, int) and cell >= 0):
        return str(cell)  # True, False, 3: nothing to neutralise (most cells of a gradebook)
    text = "" if cell is None else printable(str(cell))
    if text.isdigit() or not text:
        return text
    text = _BREAKS.sub(" ", text)
    return _FORMULA.sub(r"\1'", text)


_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]")
_FORMULA = re.compile("((?:^|[;,|])\\s*)(?=[=+\\-@\uff1d\uff0b\uff0d\uff20])")


def check_output(target: Path, report: ClassReport, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``target`` over anything the report reads (UserError), however the path is spelt.

    Compared by device and inode, so a hard link, a symbolic link, ``..``
    or a different case on a case-insensitive disk cannot slip through; a
    target that is a folder, or a ``.json`` file inside a folder of results
    (it would be read as a result next time), is refused too.
    """
    named = [Path(p) for p in inputs]
    if target.is_dir():
        raise UserError(f"--csv {shown(target)} is a folder", "give the name of a file to write, e.g. grades.csv")
    identities = set()
    for path in [*report.read, *named]:
        try:
            info = os.stat(path)
        except OSError:
            continue
        identities.add((info.st_dev, info.st_ino))
    try:
        info = os.stat(target)
    except OSError:
        info = None
    if info is not None and (info.st_dev, info.st_ino) in identities:
        raise UserError(f"--csv {shown(target)} is one of the files being read", "write the gradebook somewhere else")
    if target.suffix.lower() == ".json":
        folder = os.path.realpath(target.parent)
        for given in named:
            if given.is_dir() and (folder + os.sep).startswith(os.path.realpath(given).rstrip(os.sep) + os.sep):
                raise UserError(f"--csv {shown(target)} is inside the results folder {shown(given)}",
                                "write the gradebook somewhere else (and not as .json)")


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
