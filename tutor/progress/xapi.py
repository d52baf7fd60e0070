"""xAPI 1.0.3 statements for answers and finished modules: pure functions, no I/O but the settings file.

The progress store calls :func:`answered` and :func:`finished` inside the
transaction that records the answer or closes the run, and keeps the result
in its outbox (see tutor/progress/outbox.py); ``tutor sync`` sends it.

* **Actor**: an account, ``{homePage: <settings.homepage>, name: <profile>}``.
* **Verbs**: ADL's answered, completed, passed and failed.
* **Activities**: the tutorial ``<base>``, each module ``<base>/modules/<id>``
  and each question ``<base>/modules/<id>/questions/<id>`` (the question's
  definition carries its interaction type, components and correct pattern,
  from its kind).
* **Ids**: a uuid5 of the statement's identifying facts (verb, actor, activity,
  run, timestamp), computed once and stored with the statement, so a
  statement id always stands for the same content and resending it never
  duplicates it in an LRS.
* **Context**: the module as parent, the tutorial as grouping, the run as
  ``registration``; the assignment, the mode and the learner's local date as
  extensions. The raw tutor response and the question's identity hash are
  result extensions, so a class report can be rebuilt from an LRS exactly.

Settings come from ``config.toml`` in the data folder (section ``[xapi]``:
``homepage``, ``activity_base``, ``pass_mark``) and the environment
(``TUTOR_XAPI_HOMEPAGE``, ``TUTOR_XAPI_ACTIVITY_BASE``, ``TUTOR_PASS_MARK``),
the environment winning.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.content.models import Module, Question
from tutor.errors import UserError
from tutor.kinds import kind_of

VERSION = "1.0.3"
VERB_BASE = "http://adlnet.gov/expapi/verbs/"
VERBS = ("answered", "completed", "passed", "failed")
DEFAULT_HOMEPAGE = "https://tutor.invalid"
DEFAULT_ACTIVITY_BASE = "https://tutor.invalid/xapi/russia-taliban-2025"
#: Outside an assignment a finished module is "passed" at this percentage or more.
DEFAULT_PASS_MARK = 60
LANGUAGE = "en"
#: The uuid5 namespace of every statement id tutor makes (fixed forever: changing it changes every id).
NAMESPACE = "4f6f0c52-1c1e-5a8e-9d43-7475746f7231"
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
}


@dataclass(frozen=True, slots=True)
class Settings:
    homepage: str = DEFAULT_HOMEPAGE
    activity_base: str = DEFAULT_ACTIVITY_BASE
    pass_mark: int = DEFAULT_PASS_MARK

    @classmethod
    def load(cls, data_dir: Path | None) -> Settings:
        """The settings in ``data_dir/config.toml`` and the environment; UserError for a broken file."""
        section: dict[str, Any] = {}
        path = data_dir / "config.toml" if data_dir is not None else None
        if path is not None and path.is_file():
            import tomllib

            try:
                section = tomllib.loads(path.read_text(encoding="utf-8")).get("xapi", {})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise UserError(f"cannot read {path}: {exc}", "fix or delete the file; see docs/formats.md") from None
        homepage = os.environ.get("TUTOR_XAPI_HOMEPAGE") or section.get("homepage") or DEFAULT_HOMEPAGE
        base = os.environ.get("TUTOR_XAPI_ACTIVITY_BASE") or section.get("activity_base") or DEFAULT_ACTIVITY_BASE
        mark = os.environ.get("TUTOR_PASS_MARK") or section.get("pass_mark", DEFAULT_PASS_MARK)
        for name, value in (("homepage", homepage), ("activity_base", base)):
            if not isinstance(value, str) or not value.startswith(("http://", "https://")):
                raise UserError(f"xapi {name} {value!r} is not an http(s) address", f"set {name} in {path or 'config.toml'} to a URL")
        try:
            pass_mark = int(mark)
        except (TypeError, ValueError):
            pass_mark = -1
        if not 0 <= pass_mark <= 100:
            raise UserError(f"pass mark {mark!r} is not a percentage from 0 to 100", "fix pass_mark in config.toml or TUTOR_PASS_MARK")
        return cls(homepage.rstrip("/"), base.rstrip("/"), pass_mark)

    def module_iri(self, module_id: str) -> str:
        return f"{self.activity_base}/modules/{module_id}"

    def question_iri(self, module_id: str, question_id: str) -> str:
        return f"{self.activity_base}/modules/{module_id}/questions/{question_id}"

    def extension(self, name: str) -> str:
        return f"{self.activity_base}/extensions/{name}"

    def actor(self, profile: str) -> dict[str, Any]:
        return {"objectType": "Agent", "account": {"homePage": self.homepage, "name": profile}}


@dataclass(frozen=True, slots=True)
class Answered:
    """What the session knows of an answer beyond the store's columns."""

    module: Module
    question: Question
    assignment_id: str = ""


@dataclass(frozen=True, slots=True)
class Finished:
    """What the session knows of a finished run: its module, assignment and pass mark (None: the default)."""

    module: Module
    assignment_id: str = ""
    pass_mark: int | None = None


def verb(name: str) -> dict[str, Any]:
    return {"id": VERB_BASE + name, "display": {"en-US": name}}


@functools.cache
def _namespace():
    import uuid  # not at import time: it costs the app's first frame a few milliseconds

    return uuid.UUID(NAMESPACE)


def statement_id(*facts: str) -> str:
    import uuid

    return str(uuid.uuid5(_namespace(), "\x1f".join(facts)))


def registration(settings: Settings, profile: str, run_id: int, started_at: str) -> str:
    """The run as an xAPI registration: the same for every statement of the run."""
    return statement_id("run", settings.homepage, profile, str(run_id), started_at)


def duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second, as xAPI asks (``PT2.5S``)."""
    text = f"{max(0.0, seconds):.2f}".rstrip("0").rstrip(".")
    return f"PT{text}S"


def _module_activity(settings: Settings, module: Module) -> dict[str, Any]:
    return {
        "objectType": "Activity", "id": settings.module_iri(module.id),
        "definition": {"type": ACTIVITY_TYPES["module"], "name": {LANGUAGE: module.title}},
    }


def _context(settings: Settings, module: Module | None, run: str | None, extensions: dict[str, Any]) -> dict[str, Any]:
    activities: dict[str, Any] = {"grouping": [{"objectType": "Activity", "id": settings.activity_base}]}
    if module is not None:
        activities["parent"] = [{"objectType": "Activity", "id": settings.module_iri(module.id)}]
    context: dict[str, Any] = {"contextActivities": activities, "platform": "tutor", "language": LANGUAGE}
    if run:
        context["registration"] = run
    found = {settings.extension(k): v for k, v in extensions.items() if v not in (None, "")}
    if found:
        context["extensions"] = found
    return context


def _score(value: float) -> dict[str, float]:
    value = min(1.0, max(0.0, round(value, 4)))
    return {"scaled": value, "raw": value, "min": 0, "max": 1}


_ACTIVITIES: dict[tuple, dict[str, Any]] = {}


def question_activity(settings: Settings, module_id: str, question: Question) -> dict[str, Any]:
    """A question as an xAPI activity with its interaction definition; made once per question version (do not change it)."""
    key = (settings, module_id, question.id, question.content_hash)
    found = _ACTIVITIES.get(key) if question.content_hash else None
    if found is None:
        found = {
            "objectType": "Activity", "id": settings.question_iri(module_id, question.id),
            "definition": {
                "type": ACTIVITY_TYPES["question"], "name": {LANGUAGE: question.prompt}, **kind_of(question.type).xapi_interaction(question),
            },
        }
        if len(_ACTIVITIES) > 4096:
            _ACTIVITIES.clear()
        _ACTIVITIES[key] = found
    return found


def answered(
    settings: Settings, profile: str, about: Answered, response: object, correct: bool, score: float,
    seconds: float, when: str, run: str | None, mode: str, local_date: str = "",
) -> dict[str, Any]:
    """The "answered" statement of one recorded answer."""
    module, question = about.module, about.question
    kind = kind_of(question.type)
    activity = settings.question_iri(module.id, question.id)
    return {
        "id": statement_id("answered", settings.homepage, profile, activity, run or mode, when),
        "actor": settings.actor(profile),
        "verb": verb("answered"),
        "object": question_activity(settings, module.id, question),
        "result": {
            "success": bool(correct), "score": _score(score), "response": kind.xapi_response(question, response),
            "duration": duration(seconds),
            "extensions": {settings.extension("response"): response, settings.extension("question-hash"): question.content_hash},
        },
        "context": _context(settings, module, run, {"assignment": about.assignment_id, "mode": mode, "local-date": local_date}),
        "timestamp": when,
        "version": VERSION,
    }


def finished(
    settings: Settings, profile: str, about: Finished, score: float, when: str, run: str, local_date: str = "",
) -> list[dict[str, Any]]:
    """The "completed" and the "passed" or "failed" statements of a finished run."""
    module = about.module
    mark = settings.pass_mark if about.pass_mark is None else about.pass_mark
    passed = score * 100 >= mark - 1e-9
    activity = settings.module_iri(module.id)
    context = _context(settings, None, run, {"assignment": about.assignment_id, "pass-mark": mark, "local-date": local_date})
    out = []
    for name, result in (("completed", {"completion": True}), ("passed" if passed else "failed", {"completion": True, "success": passed})):
        out.append({
            "id": statement_id(name, settings.homepage, profile, activity, run, when),
            "actor": settings.actor(profile),
            "verb": verb(name),
            "object": _module_activity(settings, module),
            "result": {**result, "score": _score(score)},
            "context": context,
            "timestamp": when,
            "version": VERSION,
        })
    return out


def encode(statement: dict[str, Any]) -> str:
    """A statement as the outbox keeps it: canonical JSON, so its bytes never change."""
    return json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def local_date(moment: datetime) -> str:
    """The learner's calendar day (this machine's time zone), for due dates read back from an LRS."""
    return moment.astimezone().date().isoformat()
