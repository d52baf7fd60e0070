"""Result files: what a student hands back for an assignment.

A result file is JSON, written atomically (temporary file, fsync, rename)
and readable by its owner only, named from the assignment and student ids
made safe as file names. It is rebuilt from the progress store, so writing
it again (``tutor submit``) at any time is harmless.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tutor import __version__
from tutor.content.models import Module
from tutor.progress.store import Store
from tutor.teacher.assignment import Assignment, modules_hash

FORMAT = "tutor-result"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """A file-name fragment that can never leave its folder (no separators, no leading dots)."""
    return _UNSAFE.sub("_", text).lstrip(".")[:64] or "unnamed"


def result_path(out_dir: Path, assignment_id: str, student: str) -> Path:
    return out_dir / f"{safe_name(assignment_id)}--{safe_name(student)}.json"


def _late(completed_at: str | None, assignment: Assignment) -> bool:
    if not completed_at:
        return False
    return datetime.fromisoformat(completed_at).astimezone(UTC).date() > assignment.due


def build_result(store: Store, student: str, assignment: Assignment, modules: list[Module], now: datetime | None = None) -> dict:
    """The result of one student for one assignment, from what the store holds."""
    records = store.module_records(student)
    answers: dict[tuple[str, str], dict] = {}
    for attempt in store.attempts(student):
        answers[(attempt["module_id"], attempt["question_id"])] = attempt  # oldest first: the last one wins
    module_results = {}
    for module in modules:
        record = records.get(module.id)
        questions = {}
        correct = 0
        for question in module.questions:
            attempt = answers.get((module.id, question.id))
            if attempt is None or attempt["question_hash"] != question.content_hash:
                continue
            questions[question.id] = {"answer": attempt["answer"], "correct": attempt["correct"], "answered_at": attempt["answered_at"]}
            correct += attempt["correct"]
        score = correct / len(module.questions) if module.questions else 0.0
        completed_at = record.completed_at if record else None
        module_results[module.id] = {
            "score": round(score, 4),
            "passed": bool(completed_at) and score * 100 >= assignment.pass_mark,
            "finished": bool(completed_at),
            "completed_at": completed_at,
            "late": _late(completed_at, assignment),
            "attempts_used": record.runs if record else 0,
            "questions": questions,
        }
    scores = [m["score"] for m in module_results.values()]
    overall = sum(scores) / len(scores) if scores else 0.0
    finished = all(m["finished"] for m in module_results.values())
    return {
        "format": FORMAT,
        "format_version": 1,
        "tutor_version": __version__,
        "assignment": {"id": assignment.id, "title": assignment.title, "content_hash": assignment.content_hash},
        "lessons_hash": modules_hash(modules),
        "student": student,
        "generated_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "score": round(overall, 4),
        "finished": finished,
        "passed": finished and overall * 100 >= assignment.pass_mark,
        "late": any(m["late"] for m in module_results.values()),
        "modules": module_results,
    }


def write_result(result: dict, out_dir: Path) -> Path:
    """Write atomically and privately: temporary file, fsync, rename, fsync the folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = result_path(out_dir, result["assignment"]["id"], result["student"])
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".result-", suffix=".tmp")  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    dir_fd = os.open(out_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return target
