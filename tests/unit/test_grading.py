"""Grading every question type, right and wrong, including lenient short answers."""

from __future__ import annotations

import pytest

from tutor.grading import InvalidResponse, grade, lenient


def q(library, module, qid):
    return library.modules[module].question(qid)


def test_single_choice(shipped_library):
    question = q(shipped_library, "history", "first-rule-recognisers")
    right = grade(question, ["a"])
    assert right.correct and right.score == 1 and right.feedback[0][0] == "a"
    wrong = grade(question, ["b"])
    assert not wrong.correct and wrong.score == 0 and "Northern Alliance" in wrong.feedback[0][1]
    with pytest.raises(InvalidResponse):
        grade(question, ["a", "b"])
    with pytest.raises(InvalidResponse):
        grade(question, ["z"])


def test_multiple_select_partial_credit(shipped_library):
    question = q(shipped_library, "legal-steps", "who-lifted")
    assert grade(question, ["court", "decree"]).correct
    half = grade(question, ["court"])
    assert not half.correct and half.score == 0.5
    assert grade(question, ["court", "duma"]).score == 0.0


def test_true_false(shipped_library):
    question = q(shipped_library, "legal-steps", "un-recognised")
    assert grade(question, ["false"]).correct
    assert not grade(question, ["true"]).correct


def test_ordering(shipped_library):
    question = q(shipped_library, "history", "history-in-order")
    assert grade(question, list(question.correct)).correct
    swapped = list(question.correct)
    swapped[0], swapped[1] = swapped[1], swapped[0]
    result = grade(question, swapped)
    assert not result.correct and result.score == pytest.approx(4 / 6)
    with pytest.raises(InvalidResponse):
        grade(question, swapped[:-1])


def test_matching(shipped_library):
    question = q(shipped_library, "history", "years-and-events")
    assert grade(question, [list(p) for p in question.pairs]).correct
    pairs = dict(question.pairs)
    pairs["y1989"], pairs["y2003"] = pairs["y2003"], pairs["y1989"]
    result = grade(question, list(pairs.items()))
    assert not result.correct and result.score == 0.5


def test_short_answer_is_lenient(shipped_library):
    question = q(shipped_library, "history", "northern-alliance")
    for typed in ("Northern Alliance", "  the northern   alliance. ", "NORTHERN-ALLIANCE", "anti-Taliban Northern Alliance"):
        assert grade(question, typed).correct, typed
    assert not grade(question, "Taliban").correct
    with pytest.raises(InvalidResponse):
        grade(question, "   ")


def test_lenient_folds_accents_and_punctuation():
    assert lenient("Émirat, d'Afghanistan!") == lenient("emirat d afghanistan")


def test_attribution_and_evidence(shipped_library):
    attribution = q(shipped_library, "history", "who-says-2016")
    assert grade(attribution, ["why-russia-mamedov"]).correct
    evidence = q(shipped_library, "history", "evidence-gradual")
    assert grade(evidence, ["forum"]).correct and not grade(evidence, ["alliance"]).correct
