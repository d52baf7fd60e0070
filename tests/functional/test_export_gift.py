"""tutor export gift, read back by gift-pegjs (the most faithful GIFT parser) and compared with the lessons' keys."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.clients.harness import FIXTURE_LESSONS, fixture_library, gift_parse
from tutor.cli import main
from tutor.content.models import Option
from tutor.exports import gift
from tutor.exports.common import choice_text, ordinal


def subanswer(text: str) -> str:
    """gift-pegjs 1.0.2 leaves a matching answer's escapes as its own placeholders (&&061; for \\=); Moodle restores them."""
    return re.sub(r"&&(\d{3});?", lambda m: chr(int(m.group(1))), text)


def parsed_questions(text: str) -> tuple[list[str], dict[str, dict]]:
    parsed = gift_parse(text)
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    return categories, {p["title"]: p for p in parsed if p["type"] != "Category"}


def check_against_lessons(library, modules, questions: dict[str, dict]) -> None:
    """Every question, parsed by gift-pegjs, says exactly what the lesson says: texts, keys, weights, feedback."""
    for module in modules:
        for q in module.questions:
            got = questions.pop(f"{module.id}/{q.id}")
            assert got["stem"]["text"] == q.prompt
            if q.type in ("single_choice", "source_attribution", "evidence"):
                assert got["type"] == "MC"
                want = [(choice_text(library, o.text, o.source), o.id in q.correct, o.feedback) for o in q.options]
                assert [(c["text"]["text"], c["isCorrect"], c["feedback"]["text"]) for c in got["choices"]] == want
            elif q.type == "multiple_select":
                share = 100 / len(q.correct)
                want = [(o.text, round(share if o.id in q.correct else -share, 4), o.feedback) for o in q.options]
                assert [(c["text"]["text"], round(c["weight"], 4), c["feedback"]["text"]) for c in got["choices"]] == want
                assert sum(c["weight"] for c in got["choices"] if c["weight"] > 0) == pytest.approx(100, abs=1e-3)
            elif q.type == "true_false":
                truth = q.correct[0] == "true"
                feedback = {o.id: o.feedback for o in q.options}
                assert got["type"] == "TF" and got["isTrue"] is truth
                # Moodle reads {T#feedback if wrong#feedback if right}; gift-pegjs names the first one
                # "trueFeedback" whatever the answer, so compare positions, not its names.
                wrong, right = ("false", "true") if truth else ("true", "false")
                assert got["trueFeedback"]["text"] == feedback[wrong]
                assert got["falseFeedback"]["text"] == feedback[right]
            elif q.type == "ordering":
                by_id = {o.id: o.text for o in q.options}
                want = [(ordinal(i), by_id[item]) for i, item in enumerate(q.correct, 1)]
                assert [(p["subquestion"]["text"], subanswer(p["subanswer"])) for p in got["matchPairs"]] == want
            elif q.type == "matching":
                left = {o.id: o.text for o in q.options}
                right = {o.id: o.text for o in q.right}
                want = [(left[a], right[b]) for a, b in q.pairs]
                assert [(p["subquestion"]["text"], subanswer(p["subanswer"])) for p in got["matchPairs"]] == want
            elif q.type == "short_answer":
                assert got["type"] == "Short"
                answers = [(c["text"]["text"], c["weight"], c["feedback"]["text"]) for c in got["choices"]]
                assert answers == [*((a, None, q.feedback_correct) for a in q.accept), ("*", 0, q.feedback_incorrect)]
            else:
                raise AssertionError(f"no check for kind {q.type}")
            general = got["globalFeedback"]["text"]
            assert q.explanation in general
            assert all(ref.quote in general for ref in q.sources)
    assert questions == {}, "questions the lessons do not have"


def test_fixture_lessons_parse_to_the_lessons_keys(tmp_path, capsys):
    out = tmp_path / "quiz.gift"
    assert main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "export", "gift", "--out", str(out)]) == 0
    assert "8 questions from 2 modules" in capsys.readouterr().out
    library = fixture_library(tmp_path / "home")
    categories, questions = parsed_questions(out.read_text(encoding="utf-8"))
    modules = list(library.modules.values())
    assert categories == [f"Russia recognises the Taliban (tutor)/{m.title}" for m in modules]
    check_against_lessons(library, modules, questions)


def test_every_special_character_survives_in_every_text(tmp_path):
    """An unescaped = in feedback mis-parses silently; : { } ~ # \\ and line breaks must all come back as written."""
    hostile = 'A = B: {x} ~y #z \\ back\nslash // not a comment [html] <b>'
    library = fixture_library(tmp_path / "home")
    module = library.modules["bridge-basics"]
    edited = []
    for q in module.questions:
        options = tuple(replace(o, text=f"{o.text} {hostile}", feedback=f"{o.feedback} {hostile}") for o in q.options)
        edited.append(replace(q, prompt=f"{hostile} {q.prompt}", options=options, explanation=f"{q.explanation} {hostile}"))
    module = replace(module, questions=tuple(edited), _by_id={})
    # true/false option texts are fixed ("True"/"False"); everything else carries the hostile text
    module = replace(module, questions=tuple(
        replace(q, options=tuple(Option(o.id, o.id.title(), o.feedback) for o in q.options)) if q.type == "true_false" else q
        for q in module.questions
    ), _by_id={})
    text = gift.render(library, [module])
    _categories, questions = parsed_questions(text)
    check_against_lessons(library, [module], questions)


def test_a_text_starting_with_a_bracket_is_not_taken_for_a_format():
    assert gift.escape("[html] x") == "[moodle][html] x"
    assert gift.escape("a=b") == "a\\=b"
    assert gift.escape("x\ny") == "x\\ny"
