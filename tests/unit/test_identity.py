"""Question identities: a canonical, versioned hash that survives model changes (B5)."""

from __future__ import annotations

import dataclasses
import json

from tests.conftest import FIXTURES
from tutor.content.models import Question
from tutor.library.identity import canonical, legacy_modules_hash, legacy_question_hash, modules_hash, question_hash

#: Pinned: if this changes, every learner's progress would be orphaned. Bump HASH_VERSION and migrate instead.
GOLDEN = {"why-closed": "h1:c7d3b91d7fdff755", "bridge-basics": "h1:d3f2f85f7b6db58e"}


def test_golden_hash_of_a_fixed_question(library):
    module = library.modules["bridge-basics"]
    assert question_hash(module.question("why-closed")) == GOLDEN["why-closed"] == module.question("why-closed").content_hash
    assert module.content_hash == GOLDEN["bridge-basics"]


def test_canonical_form_is_explicit_sorted_and_versioned(library):
    form = canonical(library.modules["bridge-basics"].question("why-closed"))
    assert form["hash_version"] == 1
    assert set(form) == {"hash_version", "id", "type", "prompt", "options", "answer"}
    assert [o["id"] for o in form["options"]] == sorted(o["id"] for o in form["options"])


def test_adding_an_optional_field_to_the_model_changes_no_hash(library):
    question = library.modules["bridge-basics"].question("why-closed")
    Extended = dataclasses.make_dataclass(
        "Question", [("difficulty", str, dataclasses.field(default=""))], bases=(Question,), frozen=True, slots=True
    )
    extended = Extended(**{f.name: getattr(question, f.name) for f in dataclasses.fields(Question)}, difficulty="hard")
    assert question_hash(extended) == question_hash(question)


def test_feedback_explanation_sources_and_option_order_change_no_hash(library):
    question = library.modules["bridge-basics"].question("who-says-cost")
    edited = dataclasses.replace(
        question,
        explanation="Reworded.",
        options=tuple(reversed([dataclasses.replace(o, feedback="Better feedback.") for o in question.options])),
        correct=tuple(reversed(question.correct)),
        sources=(),
        line=999,
    )
    assert question_hash(edited) == question_hash(question)


def test_what_a_question_asks_or_accepts_changes_its_hash(library):
    question = library.modules["bridge-basics"].question("why-closed")
    assert question_hash(dataclasses.replace(question, prompt="Why did it close?")) != question_hash(question)
    assert question_hash(dataclasses.replace(question, correct=("cost",))) != question_hash(question)
    option = dataclasses.replace(question.options[0], text="Another text")
    assert question_hash(dataclasses.replace(question, options=(option, *question.options[1:]))) != question_hash(question)
    ordering = library.modules["bridge-basics"].question("order-events")
    assert question_hash(dataclasses.replace(ordering, correct=tuple(reversed(ordering.correct)))) != question_hash(ordering)


def test_tutor_0_1_0_hashes_are_reproduced_exactly(library):
    """The hashes stored by the upgrade fixture's progress database, written by tutor 0.1.0."""
    import sqlite3

    conn = sqlite3.connect(FIXTURES / "upgrade" / "home" / "progress.db")
    stored = dict(((m, q), h) for m, q, h in conn.execute("SELECT module_id, question_id, question_hash FROM attempts"))
    conn.close()
    assert len(stored) == 6
    for (module_id, question_id), old in stored.items():
        assert legacy_question_hash(library.modules[module_id].question(question_id)) == old, question_id
    assignment = (FIXTURES / "upgrade" / "bridge-homework.assignment.yaml").read_text()
    modules = [library.modules["bridge-basics"], library.modules["bridge-sources"]]
    assert f"content_hash: {legacy_modules_hash(modules)}" in assignment
    result = json.loads(next((FIXTURES / "upgrade" / "results").glob("*.json")).read_text())
    assert result["lessons_hash"] == legacy_modules_hash(modules) != modules_hash(modules)
