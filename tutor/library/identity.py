"""Question and module identities: hashes of a canonical, versioned form.

Progress, review schedules, assignments and result files remember which
version of a question a learner answered by its identity hash. The hash is
taken over an explicit canonical form of the fields that define what a
question asks and accepts (prompt, options, answer), as JSON with sorted
keys and an explicit ``hash_version``, never over ``repr`` or the dataclass
layout: adding a field to a model, reordering fields or fixing a typo in
feedback changes no hash. Options are taken in id order, so reordering them
in the file changes nothing either.

Hashes carry their version as a prefix (``h1:``). tutor 0.1.0 hashed
``repr(Question)``; :func:`legacy_question_hash` reproduces that form
exactly (without depending on today's dataclass), so stored hashes of that
release can be recognised and upgraded (see Store.upgrade_hashes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from tutor.content.models import Module, Option, Question, SourceRef
from tutor.kinds import kind_of

HASH_VERSION = 1
PREFIX = f"h{HASH_VERSION}:"


def _digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _options(options: Iterable[Option]) -> list[dict[str, str]]:
    out = []
    for option in sorted(options, key=lambda o: o.id):
        entry = {"id": option.id, "text": option.text}
        if option.source:
            entry["source"] = option.source
        out.append(entry)
    return out


def canonical(question: Question) -> dict[str, object]:
    """The fields that define a question, in a stable form; empty ones are left out."""
    ordered = kind_of(question.type).ordered_answer if question.type else False
    form: dict[str, object] = {
        "hash_version": HASH_VERSION,
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "options": _options(question.options),
        "right": _options(question.right),
        "answer": list(question.correct) if ordered else sorted(question.correct),
        "pairs": sorted([list(p) for p in question.pairs]),
        "accept": sorted(question.accept),
    }
    return {key: value for key, value in form.items() if value not in ([], "", ())}


def question_hash(question: Question) -> str:
    return _digest(canonical(question))


def module_hash(question_hashes: Iterable[tuple[str, str]]) -> str:
    """A module's identity from its (question id, hash) pairs, in any order."""
    return _digest({"hash_version": HASH_VERSION, "questions": sorted([qid, qhash] for qid, qhash in question_hashes)})


def modules_hash(modules: Sequence[Module]) -> str:
    """One identity for the modules of an assignment, in assignment order."""
    return _digest({"hash_version": HASH_VERSION, "modules": [[m.id, m.content_hash] for m in modules]})


def is_current(stored: str) -> bool:
    return stored.startswith(PREFIX)


# -- tutor 0.1.0 ----------------------------------------------------------------------
def _tuple(items: Sequence[str]) -> str:
    """Python's repr of a tuple of already-repr'd items."""
    if len(items) == 1:
        return f"({items[0]},)"
    return f"({', '.join(items)})"


def _ref(ref: SourceRef) -> str:
    return f"SourceRef(source={ref.source!r}, quote={ref.quote!r})"


def _option(option: Option) -> str:
    sources = _tuple([_ref(r) for r in option.sources])
    return f"Option(id={option.id!r}, text={option.text!r}, feedback={option.feedback!r}, sources={sources}, source={option.source!r})"


def legacy_repr(q: Question) -> str:
    """``repr(Question)`` exactly as tutor 0.1.0's dataclass printed it."""
    fields = [
        ("id", repr(q.id)), ("type", repr(q.type)), ("prompt", repr(q.prompt)), ("skill", repr(q.skill)),
        ("explanation", repr(q.explanation)), ("sources", _tuple([_ref(r) for r in q.sources])),
        ("options", _tuple([_option(o) for o in q.options])), ("correct", _tuple([repr(c) for c in q.correct])),
        ("right", _tuple([_option(o) for o in q.right])), ("pairs", _tuple([_tuple([repr(a), repr(b)]) for a, b in q.pairs])),
        ("accept", _tuple([repr(a) for a in q.accept])), ("feedback_correct", repr(q.feedback_correct)),
        ("feedback_incorrect", repr(q.feedback_incorrect)), ("outside_knowledge", repr(q.outside_knowledge)),
    ]
    return "Question(" + ", ".join(f"{name}={value}" for name, value in fields) + ")"


def legacy_question_hash(question: Question) -> str:
    return hashlib.sha256(legacy_repr(question).encode()).hexdigest()[:16]


def legacy_modules_hash(modules: Sequence[Module]) -> str:
    """tutor 0.1.0's assignment content hash of these modules."""
    module_hashes = [hashlib.sha256("".join(legacy_question_hash(q) for q in m.questions).encode()).hexdigest()[:16] for m in modules]
    joined = "\n".join(f"{m.id}:{h}" for m, h in zip(modules, module_hashes, strict=True))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def content_matches(stored: str, modules: Sequence[Module]) -> bool:
    """Whether a stored assignment content hash (either version) names these modules as they are now."""
    return stored == (modules_hash(modules) if is_current(stored) else legacy_modules_hash(modules))


def lessons_hash_like(stored: str, modules: Sequence[Module]) -> str:
    """The modules' content hash in the same version as ``stored`` (so old assignments keep working)."""
    return modules_hash(modules) if is_current(stored) else legacy_modules_hash(modules)
