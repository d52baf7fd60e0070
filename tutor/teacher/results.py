"""Result files: what a student hands back for an assignment, as one typed schema.

``tutor submit`` and finishing a module under an assignment write a result;
``tutor report`` reads them. Both use the :class:`Result` structs below
(msgspec), so a field means the same thing on both sides: scores are
fractions from 0 to 1, flags are booleans, unknown keys are refused. The
format is versioned: version 1 is what tutor 0.1.0 wrote (no per-question
score, no local completion day) and is still read; version 2 is written.

Files are written atomically (tutor.fsutil) and readable by their owner
only, under a name that is a readable slug of the student's name plus a
short hash of the exact name, so two students never share a file.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from tutor.errors import UserError, shown
from tutor.fsutil import atomic_write

FORMAT = "tutor-result"
FORMAT_VERSION = 2
MAX_RESULT_BYTES = 1 << 20

Fraction = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Count = Annotated[int, msgspec.Meta(ge=0, le=100_000)]


class QuestionResult(msgspec.Struct, forbid_unknown_fields=True):
    answer: Any
    correct: bool
    answered_at: Text
    #: Credit for this answer, 0..1 (partial credit); absent in version 1.
    score: Fraction | None = None


class ModuleResult(msgspec.Struct, forbid_unknown_fields=True):
    #: The module's score: the best finished run under the assignment, else the run under way.
    score: Fraction
    passed: bool
    finished: bool
    #: When the first run that counts for the assignment finished (UTC), and on which day for the student.
    completed_at: Text | None
    late: bool
    attempts_used: Count
    questions: dict[Name, QuestionResult]
    completed_on: Text | None = None


class AssignmentRef(msgspec.Struct, forbid_unknown_fields=True):
    id: Name
    title: Text
    content_hash: Name


class Result(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["tutor-result"]
    format_version: Literal[1, 2]
    tutor_version: Text
    assignment: AssignmentRef
    lessons_hash: Name
    student: Name
    generated_at: Text
    score: Fraction
    finished: bool
    passed: bool
    late: bool
    modules: dict[Name, ModuleResult]


_ENCODER = msgspec.json.Encoder()
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str, limit: int = 40) -> str:
    """A readable, file-safe fragment: accents folded, everything else a hyphen."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", folded).strip("-")[:limit] or "x"


def result_path(out_dir: Path, assignment_id: str, student: str, digits: int = 8) -> Path:
    """One file per (assignment, student): injective because of the hash of the exact name."""
    digest = hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:digits]
    return out_dir / f"{slug(assignment_id, 60)}--{slug(student)}-{digest}.json"


def encode(result: Result) -> bytes:
    return msgspec.json.format(_ENCODER.encode(result), indent=2)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [k for k, _ in pairs]
        raise ValueError(f"the key {next(k for k in keys if keys.count(k) > 1)!r} appears twice")
    return found


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def decode(data: bytes) -> Result:
    """Parse and validate a result file's bytes; ValueError says what is wrong.

    A file exactly as tutor writes it is decoded straight into the schema
    (:func:`_decode_as_written`); any other is parsed by ``json`` first,
    refusing duplicate keys (JSON keeps the last silently) and NaN, then
    checked against the typed schema, so every refusal says why.
    """
    written = _decode_as_written(data)
    if written is not None:
        return written
    try:
        raw = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is broken or truncated (JSON error at line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValueError("it is nested too deeply to be a result file") from None
    except ValueError as exc:
        raise ValueError(f"it is not valid result data ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError("it is not a tutor result file")
    if _SURROGATE_ESCAPE.search(data):  # only a \\u escape can make one; a valid pair is fine
        try:
            json.dumps(raw, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("it holds a lone surrogate (a broken \\u escape), which no text may contain") from None
    try:
        return msgspec.convert(raw, Result, strict=True)
    except msgspec.ValidationError as exc:
        raise ValueError(f"it does not match the result format ({exc})") from None


def _decode_as_written(data: bytes) -> Result | None:
    """The result, if ``data`` is what tutor's encoder makes of it (spacing aside); else None.

    Encoding what was decoded gives the same text only when nothing was lost
    on the way: a key given twice would be dropped, an unknown key or a NaN
    does not decode, other key order or escaping differs. Such a file needs
    none of the slower checks, and a class's files are read about four times
    faster (benchmarks/bench_report.py); any other goes the slow way.
    """
    try:
        result = msgspec.json.decode(data, type=Result, strict=True)
        if _ENCODER.encode(result) != msgspec.json.format(data, indent=-1):
            return None
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, TypeError, ValueError):
        return None
    return result


def inconsistency(result: Result, pass_mark: int | None) -> str:
    """Why a result's stated figures cannot be true (a forged or damaged file), or ""."""
    modules = result.modules
    if modules:
        mean = sum(m.score for m in modules.values()) / len(modules)
        if abs(mean - result.score) > 0.001:
            return f"its overall score {result.score:.4f} is not the mean of its module scores ({mean:.4f})"
    if result.finished != (bool(modules) and all(m.finished for m in modules.values())):
        return "its 'finished' flag disagrees with its modules"
    if result.late != any(m.late for m in modules.values()):
        return "its 'late' flag disagrees with its modules"
    for module_id, module in modules.items():
        if module.finished and module.attempts_used < 1:
            return f"module {module_id} is finished with no attempt used"
        if not module.finished and (module.passed or module.late):
            return f"module {module_id} is passed or late without being finished"
        if pass_mark is not None and module.finished and module.passed != (module.score * 100 >= pass_mark - 1e-9):
            verdict = "passed" if module.passed else "failed"
            return f"module {module_id} says {verdict} with a score of {round(module.score * 100)}% and a pass mark of {pass_mark}%"
        for question_id, answer in module.questions.items():
            if answer.score is not None and answer.correct != (answer.score >= 1.0):
                return f"question {module_id}/{question_id} is marked {'right' if answer.correct else 'wrong'} with a score of {answer.score}"
    if pass_mark is not None and result.passed != (result.finished and result.score * 100 >= pass_mark - 1e-9):
        return f"it says {'passed' if result.passed else 'failed'} with a score of {round(result.score * 100)}% and a pass mark of {pass_mark}%"
    return ""


def write_result(result: Result, out_dir: Path) -> Path:
    """Write atomically and privately; UserError if the folder cannot be made or written.

    Never replaces another learner's file: if the file under this learner's
    name holds someone else's result (a hash collision, or a file put there),
    the result goes under the full-length hash of the name instead.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the results folder {shown(out_dir)}: {exc.strerror or exc}", "choose another folder with --out") from None
    for digits in (8, 64):
        path = result_path(out_dir, result.assignment.id, result.student, digits)
        if _free_for(path, result):
            return atomic_write(path, encode(result), mode=0o600)
    raise UserError(f"cannot write the result file in {shown(out_dir)}: files of another learner are in the way",
                    "choose another folder with --out")


def _free_for(path: Path, result: Result) -> bool:
    """Whether writing ``result`` at ``path`` replaces nothing but this learner's own earlier result."""
    from tutor.fsutil import UnreadableFile, read_limited

    try:
        data = read_limited(path, MAX_RESULT_BYTES)
    except UnreadableFile as exc:
        return exc.reason == "no such file or folder"
    try:
        earlier = decode(data)
    except ValueError:
        return False  # not a result we wrote: not ours to replace
    return earlier.student == result.student and earlier.assignment.id == result.assignment.id
