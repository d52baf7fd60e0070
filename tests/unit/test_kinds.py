"""Every question kind: grading right, wrong and partly right; parsing typed answers; arranging options."""

from __future__ import annotations

import pytest

from tutor.kinds import KINDS, InvalidResponse, grade, kind_of, model_answer
from tutor.kinds.short_answer import lenient, match, slips


def q(library, module, qid):
    return library.modules[module].question(qid)


def test_every_kind_is_registered_once_and_every_fixture_kind_is_covered(library):
    used = {question.type for module in library.modules.values() for question in module.questions}
    assert used == set(KINDS) and len(KINDS) == 8


def test_model_answers_earn_full_marks(library):
    for module in library.modules.values():
        for question in module.questions:
            result = grade(question, model_answer(question))
            assert result.correct and result.score == 1.0, question.id


def test_single_choice(library):
    question = q(library, "bridge-basics", "why-closed")
    right = grade(question, ["cracks"])
    assert right.correct and right.score == 1 and right.feedback[0][0] == "cracks"
    wrong = grade(question, ["cost"])
    assert not wrong.correct and wrong.score == 0 and "opinion piece" in wrong.feedback[0][1]
    for bad in (["cracks", "cost"], ["nope"], [], "cracks", [1]):
        with pytest.raises(InvalidResponse):
            grade(question, bad)


def test_multiple_select_partial_credit_and_marks(library):
    question = q(library, "bridge-basics", "who-says-cost")
    assert grade(question, ["four", "five"]).correct
    half = grade(question, ["four"])
    assert not half.correct and half.score == 0.5
    assert dict(half.marks) == {"five": False, "three": True, "four": True}
    assert grade(question, ["four", "three"]).score == 0.0  # a wrong tick takes a right one back


def test_true_false_is_never_shuffled(library):
    question = q(library, "bridge-basics", "cyclists-only")
    assert grade(question, ["false"]).correct and not grade(question, ["true"]).correct
    for seed in ("a", "b", "c"):
        assert [o.id for o in kind_of("true_false").arrange(question, seed).shown] == ["true", "false"]


def test_ordering_partial_credit_and_per_item_marks(library):
    question = q(library, "bridge-basics", "order-events")
    swapped = ["repairs", "cracks", "reopen"]
    result = grade(question, swapped)
    assert not result.correct and result.score == pytest.approx(1 / 3)
    assert result.marks == (("repairs", False), ("cracks", False), ("reopen", True))
    with pytest.raises(InvalidResponse):
        grade(question, swapped[:-1])


def test_ordering_is_never_shown_solved(library):
    question = q(library, "bridge-basics", "order-events")
    kind = kind_of("ordering")
    for seed in map(str, range(200)):
        assert [o.id for o in kind.arrange(question, seed).shown] != list(question.correct)
    assert [o.id for o in kind.arrange(question, "x", shuffle=False).shown] != list(question.correct)


def test_matching_partial_credit_and_independent_columns(library):
    question = q(library, "bridge-sources", "match-speakers")
    pairs = dict(question.pairs)
    pairs["four"], pairs["five"] = pairs["five"], pairs["four"]
    result = grade(question, [list(p) for p in pairs.items()])
    assert not result.correct and result.score == pytest.approx(1 / 3)
    assert dict(result.marks) == {"four": False, "five": False, "hundred": True}
    kind = kind_of("matching")
    diagonal = 0
    for seed in map(str, range(300)):
        arranged = kind.arrange(question, seed)
        answer = dict(question.pairs)
        # The right column is never lined up with the left so that row i answers row i.
        lined_up = all(answer[left.id] == right.id for left, right in zip(arranged.shown, arranged.right, strict=True))
        assert not lined_up
        diagonal += sum(answer[left.id] == right.id for left, right in zip(arranged.shown, arranged.right, strict=True))
    assert diagonal < 300 * 3 * 0.5  # about a third of rows by chance, never all


def test_short_answer_tolerance_rule(library):
    question = q(library, "bridge-sources", "engineer-name")
    for typed in ("Kovac", "  kovac. ", "KOVAČ", "Marta Kovac", "marta kovač"):
        result = grade(question, typed)
        assert result.correct and result.note == "", typed
    assert not grade(question, "Kovic").correct  # short answers must be exact after folding
    slip = grade(question, "Marta Kovca")  # one swapped pair in an answer of 10 letters
    assert slip.correct and "Marta Kovac" in slip.note
    assert not grade(question, "Mara Kova").correct  # two slips in a 10-letter answer are too many
    with pytest.raises(InvalidResponse):
        grade(question, "   ")


def test_slip_counting():
    assert slips("abcd", "abdc", 2) == 1 and slips("abcd", "abd", 2) == 1 and slips("abcd", "xyzw", 2) == 3
    assert match("the northern alliance", ("Northern Alliance",)) == (True, "")
    assert match("nothern aliance", ("Northern Alliance",)) == (True, "Northern Alliance")  # 16 letters: two slips
    assert lenient("Émirat, d'Afghanistan!") == lenient("emirat d afghanistan")


def test_attribution_and_evidence(library):
    assert grade(q(library, "bridge-sources", "who-says-too-long"), ["river-opinion"]).correct
    evidence = q(library, "bridge-sources", "evidence-shops")
    assert grade(evidence, ["shops"]).correct and not grade(evidence, ["history"]).correct


@pytest.mark.parametrize(
    ("module", "qid", "typed", "expected"),
    [
        ("bridge-basics", "why-closed", "2", 2),
        ("bridge-basics", "who-says-cost", "1, 3", [0, 2]),
        ("bridge-basics", "cyclists-only", "F", ["false"]),
        ("bridge-basics", "cyclists-only", "true", ["true"]),
        ("bridge-basics", "order-events", "3 1 2", [2, 0, 1]),
        ("bridge-sources", "engineer-name", " Kovac ", "Kovac"),
    ],
)
def test_parse_typed_answers(library, module, qid, typed, expected):
    question = q(library, module, qid)
    kind = kind_of(question.type)
    arranged = kind.arrange(question, "seed")
    response = kind.parse(typed, question, arranged)
    if isinstance(expected, int):
        expected = [arranged.shown[expected - 1].id]
    elif isinstance(expected, list) and expected and isinstance(expected[0], int):
        expected = [arranged.shown[i].id for i in expected]
    assert response == expected


def test_parse_matching_letters(library):
    question = q(library, "bridge-sources", "match-speakers")
    kind = kind_of("matching")
    arranged = kind.arrange(question, "seed")
    response = kind.parse("c, a b", question, arranged)
    assert response == [[arranged.shown[0].id, arranged.right[2].id], [arranged.shown[1].id, arranged.right[0].id],
                        [arranged.shown[2].id, arranged.right[1].id]]


@pytest.mark.parametrize(
    ("module", "qid", "typed"),
    [
        ("bridge-basics", "why-closed", ""), ("bridge-basics", "why-closed", "1 2"), ("bridge-basics", "why-closed", "²"),
        ("bridge-basics", "why-closed", "9" * 5000), ("bridge-basics", "why-closed", "0"), ("bridge-basics", "who-says-cost", ""),
        ("bridge-basics", "who-says-cost", "1 1"), ("bridge-basics", "cyclists-only", "yes"), ("bridge-basics", "order-events", "1"),
        ("bridge-basics", "order-events", "1 1 2"), ("bridge-sources", "match-speakers", "a b"), ("bridge-sources", "match-speakers", "a b z"),
        ("bridge-sources", "engineer-name", "  "),
    ],
)
def test_nonsense_is_refused_with_a_hint(library, module, qid, typed):
    question = q(library, module, qid)
    kind = kind_of(question.type)
    with pytest.raises(InvalidResponse) as caught:
        kind.parse(typed, question, kind.arrange(question, "seed"))
    assert str(caught.value) and len(str(caught.value)) < 200


def explained(library, module, qid, response, seed="s"):
    question = q(library, module, qid)
    kind = kind_of(question.type)
    arranged = kind.arrange(question, seed, shuffle=False)
    return {part.title: part for part in kind.explain(question, arranged, response, grade(question, response))}


def test_choice_feedback_marks_what_was_chosen_then_the_right_answers_missed(library):
    parts = explained(library, "bridge-basics", "who-says-cost", ["four", "three"])
    chose = [(r.text, r.right, r.chosen) for r in parts["What you chose"].remarks]
    assert chose == [("4 million euros", True, True), ("3 million euros", False, True)]
    assert [r.text for r in parts["Right answers you did not choose"].remarks] == ["5 million euros"]
    assert "The other options" not in parts
    single = explained(library, "bridge-basics", "why-closed", ["cost"])
    assert [r.text for r in single["The right answer"].remarks] == ["Because engineers found cracks"]
    assert len(single["The other options"].remarks) == 1


def test_ordering_feedback_shows_the_right_order_beside_the_learners(library):
    parts = explained(library, "bridge-basics", "order-events", ["repairs", "cracks", "reopen"])
    yours = parts["Your order"]
    assert yours.numbered and [(r.text, r.right, r.instead) for r in yours.remarks] == [
        ("Two years of repairs", False, "Engineers find cracks"), ("Engineers find cracks", False, "Two years of repairs"),
        ("The bridge reopens", True, ""),
    ]
    assert [r.text for r in parts["The right order"].remarks] == ["Engineers find cracks", "Two years of repairs", "The bridge reopens"]


def test_matching_feedback_shows_each_pair_and_its_right_match(library):
    response = [["four", "group"], ["five", "council"], ["hundred", "engineer"]]
    parts = explained(library, "bridge-sources", "match-speakers", response)
    assert [(r.text, r.pair, r.right, r.instead) for r in parts["Your pairs"].remarks] == [
        ("4 million euros", "the campaign group", False, "the council"), ("5 million euros", "the council", False, "the campaign group"),
        ("safe for a hundred years", "the chief engineer", True, ""),
    ]
    assert [r.pair for r in parts["The right pairs"].remarks] == ["the council", "the campaign group", "the chief engineer"]


def test_short_answer_feedback_says_what_was_typed(library):
    parts = explained(library, "bridge-sources", "engineer-name", "Marta Kovak")
    (typed,) = parts["You typed"].remarks
    assert typed.text == "Marta Kovak" and typed.right and typed.chosen


def test_a_plain_matching_answer_uses_each_letter_once():
    """Each right item is exactly one item's match (the lesson format requires it): 'a a b' is asked again, in words."""
    from tests.conftest import LESSONS
    from tutor.kinds import InvalidResponse, kind_of
    from tutor.library.folders import lesson_folders, load_library

    library = load_library(lesson_folders(None, [LESSONS], shipped=False))
    question = library.modules["bridge-sources"].question("match-speakers")
    kind = kind_of(question.type)
    arranged = kind.arrange(question, "seed")
    with pytest.raises(InvalidResponse, match="use each letter once"):
        kind.parse("a a b", question, arranged)
    assert len(kind.parse("a b c", question, arranged)) == 3
