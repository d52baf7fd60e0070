"""The fairness rules of ``tutor validate --strict``: each fires on a cue and stays quiet on a fair question.

Test modules are built from the fixture lessons (invented articles), never the
shipped ones, which are being rewritten: a fair fixture question is changed
just enough to plant one cue.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import ROOT
from tutor.content import models as m
from tutor.content.errors import Diagnostic, LintWarning
from tutor.library import lint

FIXTURES = ROOT / "tests" / "fixtures" / "lessons"
REASON = "Because the report says otherwise."


@pytest.fixture(scope="module")
def modules() -> dict[str, m.Module]:
    from tutor.library.folders import folder_for, load_library

    library = load_library([folder_for(FIXTURES, "--lessons")])
    assert library.diagnostics == []
    return library.modules


@pytest.fixture
def basics(modules) -> m.Module:
    return modules["bridge-basics"]


@pytest.fixture
def sources(modules) -> m.Module:
    return modules["bridge-sources"]


def question(module: m.Module, qid: str) -> m.Question:
    found = module.question(qid)
    assert found is not None
    return found


def opt(oid: str, text: str, feedback: str = REASON) -> m.Option:
    return m.Option(oid, text, feedback)


def choice(base: m.Question, qid: str, texts: list[str], key: int = 0, line: int = 0, **changes) -> m.Question:
    """A single-choice variant of ``base`` with options a, b, c... and the key at index ``key``."""
    options = tuple(opt(chr(ord("a") + i), text, f"{REASON} ({text})") for i, text in enumerate(texts))
    return dataclasses.replace(base, id=qid, type="single_choice", options=options, correct=(options[key].id,), line=line or base.line, **changes)


def with_questions(module: m.Module, *questions: m.Question) -> m.Module:
    return dataclasses.replace(module, questions=tuple(questions), _by_id={})


def rules_fired(module: m.Module) -> set[str]:
    return {w.rule for w in lint.lint_module(module)}


def test_the_fixture_modules_are_fair(modules):
    """The baseline every test below changes: no rule fires on the fixtures."""
    for module in modules.values():
        assert lint.lint_module(module) == [], module.id


def test_a_warning_is_a_diagnostic_printed_with_its_rule():
    warning = LintWarning("lessons/x.yaml", 12, 0, "the key is longest", "shorten it", "key-longest")
    assert isinstance(warning, Diagnostic)
    assert str(warning) == "lessons/x.yaml:12: warning: the key is longest; shorten it [key-longest]"


# -- 1. key-longest ----------------------------------------------------------------------
def padded_module(basics: m.Module, long_keys: int, total: int = 4) -> m.Module:
    base = question(basics, "why-closed")
    short = ["Because of cracks", "Because of costs", "Because of traffic"]
    questions = []
    for i in range(total):
        texts = list(short)
        if i < long_keys:
            texts[0] = "Because engineers found cracks in two of its old arches"
        questions.append(choice(base, f"q{i}", texts, key=0, line=100 + 10 * i))
    return with_questions(basics, *questions)


def test_key_longest_fires_on_each_question_when_it_is_a_module_pattern(basics):
    warnings = lint.key_longest(padded_module(basics, long_keys=2))
    assert [w.line for w in warnings] == [100, 110]
    assert all("2 of the module's 4 choice questions" in w.message for w in warnings)
    assert {w.rule for w in warnings} == {"key-longest"}


def test_key_longest_allows_an_occasional_long_key_and_small_margins(basics):
    assert lint.key_longest(padded_module(basics, long_keys=1)) == []  # 1 of 4 is not more than a quarter
    base = question(basics, "why-closed")
    near = [choice(base, f"q{i}", ["Because engineers found cracks", "Because the repairs cost a lot"]) for i in range(3)]
    assert lint.key_longest(with_questions(basics, *near)) == []  # longer by a hair is no cue


def test_key_longest_ignores_true_false(basics):
    module = with_questions(basics, question(basics, "cyclists-only"))
    assert lint.key_longest(module) == []


# -- 2. key-position ---------------------------------------------------------------------
def positioned_module(basics: m.Module, keys: list[int]) -> m.Module:
    base = question(basics, "why-closed")
    texts = ["Because of cracks", "Because of costs", "Because of traffic", "Because of floods"]
    return with_questions(basics, *(choice(base, f"q{i}", texts, key=k) for i, k in enumerate(keys)))


def test_key_position_fires_once_at_the_module_line_when_every_key_is_first(basics):
    warnings = lint.key_position(positioned_module(basics, [0, 0, 0]))
    assert len(warnings) == 1
    assert warnings[0].line == basics.line and "position 1 in 3 of the module's 3" in warnings[0].message


def test_key_position_fires_when_one_place_holds_far_more_than_chance(basics):
    warnings = lint.key_position(positioned_module(basics, [1, 1, 1, 1, 1, 1, 0, 2]))
    assert len(warnings) == 1 and "position 2 in 6 of" in warnings[0].message


def test_key_position_stays_quiet_on_varied_or_few_keys(basics):
    assert lint.key_position(positioned_module(basics, [0, 2, 1, 3, 0, 1])) == []
    assert lint.key_position(positioned_module(basics, [0, 0])) == []  # too few to be a pattern
    assert lint.key_position(positioned_module(basics, [1, 1, 0, 2])) == []  # half is not more than half


# -- 3. answer-order ---------------------------------------------------------------------
def test_answer_order_fires_on_ordering_items_listed_in_the_answer_order(basics):
    base = question(basics, "order-events")
    solved = dataclasses.replace(base, options=tuple(base.option(i) for i in base.correct))
    warnings = lint.answer_order(with_questions(basics, solved))
    assert [(w.rule, w.line) for w in warnings] == [("answer-order", base.line)]
    assert lint.answer_order(with_questions(basics, base)) == []


def test_answer_order_fires_on_matching_rows_that_pair_up(sources):
    base = question(sources, "match-speakers")
    pairs = dict(base.pairs)
    aligned = dataclasses.replace(base, right=tuple(base.option(pairs[o.id]) for o in base.options))
    warnings = lint.answer_order(with_questions(sources, aligned))
    assert len(warnings) == 1 and "right column" in warnings[0].message
    assert lint.answer_order(with_questions(sources, base)) == []


# -- 4. prompt-echo ----------------------------------------------------------------------
def test_prompt_echo_fires_when_only_the_key_repeats_a_prompt_word(basics):
    base = question(basics, "why-closed")  # "Why did the council close the bridge?"
    echo = choice(base, "echo", ["The council found cracks", "Repairs cost too much", "Too many cars"])
    warnings = lint.prompt_echo(with_questions(basics, echo))
    assert len(warnings) == 1 and "'council'" in warnings[0].message and warnings[0].line == base.line


def test_prompt_echo_stays_quiet_when_a_distractor_shares_the_word_or_it_is_a_stop_word(basics):
    base = question(basics, "why-closed")
    shared = choice(base, "shared", ["The council found cracks", "The council ran out of money", "Too many cars"])
    framing = choice(base, "framing", ["According to the articles, cracks", "Costs", "Cars"], prompt="Which, according to the articles?")
    assert lint.prompt_echo(with_questions(basics, shared, framing)) == []
    assert lint.prompt_echo(with_questions(basics, base)) == []


# -- 5. absolute-distractors -------------------------------------------------------------
def test_absolute_words_only_in_distractors_fire(basics):
    base = question(basics, "why-closed")
    cued = choice(base, "cued", ["Engineers found cracks", "Bridges must always close for repairs", "Nobody used it"])
    warnings = lint.absolute_distractors(with_questions(basics, cued))
    assert len(warnings) == 1
    assert all(word in warnings[0].message for word in ("'always'", "'must'", "'nobody'"))


def test_absolute_words_in_the_key_too_defuse_the_cue(basics):
    base = question(basics, "why-closed")
    balanced = choice(base, "balanced", ["Only the cracks mattered", "Costs never mattered", "Traffic"])
    assert lint.absolute_distractors(with_questions(basics, balanced, base)) == []


def test_a_capitalised_absolute_word_inside_a_sentence_is_part_of_a_name(basics):
    """'the All Pakistan Private Schools' Federation' names a body; it claims nothing about 'all'."""
    base = question(basics, "why-closed")
    named = choice(base, "named", ["Engineers found cracks", "It speaks for the All Bridges Federation", "Traffic"])
    assert lint.absolute_distractors(with_questions(basics, named)) == []


def test_absolute_words_still_count_at_a_sentence_start_after_a_colon_or_in_capitals(basics):
    base = question(basics, "why-closed")
    for cue in ("Only the mayor decided", "Mayor: Never again", 'The sign said "Always closed"', "The bridge will NEVER open",
                "The All Bridges Federation says it must close"):
        cued = choice(base, "cued", ["Engineers found cracks", cue, "Traffic"])
        assert [w.rule for w in lint.absolute_distractors(with_questions(basics, cued))] == ["absolute-distractors"], cue


# -- 6. thin-feedback --------------------------------------------------------------------
def test_bare_verdict_feedback_fires(basics):
    base = question(basics, "why-closed")
    options = (opt("a", "Cracks", "Right!"), opt("b", "Costs", "No."), opt("c", "Cars", REASON))
    bare = dataclasses.replace(base, options=options, correct=("a",))
    warnings = lint.thin_feedback(with_questions(basics, bare))
    assert len(warnings) == 1 and "'a', 'b'" in warnings[0].message and "'c'" not in warnings[0].message


def test_the_same_feedback_on_every_option_fires(basics):
    base = question(basics, "order-events")
    same = dataclasses.replace(base, options=tuple(dataclasses.replace(o, feedback="See the report's order.") for o in base.options))
    warnings = lint.thin_feedback(with_questions(basics, same))
    assert len(warnings) == 1 and "same feedback" in warnings[0].message


def test_short_answer_feedback_counts_and_a_number_is_content(sources):
    base = question(sources, "engineer-name")
    bare = dataclasses.replace(base, feedback_incorrect="Wrong.")
    assert [w.rule for w in lint.thin_feedback(with_questions(sources, bare))] == ["thin-feedback"]
    dated = dataclasses.replace(base, feedback_correct="Right: 2022.")
    assert lint.thin_feedback(with_questions(sources, dated)) == []


def test_feedback_rule_accepts_reasons_and_a_right_column_without_feedback(sources):
    matching = question(sources, "match-speakers")
    assert all(o.feedback == "" for o in matching.right)
    assert lint.thin_feedback(sources) == []


# -- 7. short-quote ----------------------------------------------------------------------
def test_a_quote_shorter_than_a_phrase_fires_at_its_line(basics):
    section = basics.sections[0]
    ref = dataclasses.replace(section.sources[0], quote="closed the bridge")
    short = dataclasses.replace(basics, sections=(dataclasses.replace(section, sources=(ref,)),))
    warnings = lint.short_quote(short)
    assert [(w.rule, w.line) for w in warnings] == [("short-quote", ref.line)]
    assert "3 words" in warnings[0].message and f"section '{section.id}'" in warnings[0].message


def test_short_quotes_in_claims_point_at_the_module(sources):
    claim = sources.claims[0]
    version = dataclasses.replace(claim.versions[0], quote="4 million euros")
    short = dataclasses.replace(sources, claims=(dataclasses.replace(claim, versions=(version, claim.versions[1])),))
    warnings = lint.short_quote(short)
    assert len(warnings) == 1 and warnings[0].line == sources.line and "claim 'the-cost'" in warnings[0].message


def test_four_words_are_a_phrase(basics):
    section = basics.sections[0]
    ref = dataclasses.replace(section.sources[0], quote="closed the bridge in")
    fair = dataclasses.replace(basics, sections=(dataclasses.replace(section, sources=(ref,)),))
    assert lint.short_quote(fair) == []


# -- the whole set -----------------------------------------------------------------------
def test_every_rule_is_registered_and_warnings_come_in_line_order(basics):
    assert set(lint.RULES) == {
        "key-longest", "key-position", "answer-order", "prompt-echo", "absolute-distractors", "thin-feedback", "short-quote",
    }
    module = padded_module(basics, long_keys=4)
    warnings = lint.lint_module(module)
    assert rules_fired(module) == {"key-longest", "key-position"}
    assert [w.line for w in warnings] == sorted(w.line for w in warnings)


def test_lint_library_lints_every_loaded_module(modules):
    from tutor.library.folders import Library

    library = Library(articles=None, modules={"x": padded_module(modules["bridge-basics"], long_keys=4)})
    assert {w.rule for w in lint.lint_library(library)} == {"key-longest", "key-position"}
    assert all(w.path == modules["bridge-basics"].path for w in lint.lint_library(library))
