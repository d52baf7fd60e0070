"""The shipped modules meet the content rules: sizes, question mix, sources, feedback, answerable keys.

This suite is about the shipped content only; behaviour tests use the fixture lessons.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tutor.content import models as m
from tutor.kinds import grade, kind_of, model_answer

REQUIRED_TOPICS = {"history", "legal", "motives", "reactions", "contested", "sources"}


def modules(library):
    return list(library.modules.values())


def test_all_shipped_modules_load(shipped_library):
    assert shipped_library.diagnostics == []
    assert {mod.topic for mod in modules(shipped_library)} >= REQUIRED_TOPICS


@pytest.mark.parametrize("module_id", ["history", "legal-steps", "motives", "reactions", "contested-claims", "reading-the-sources"])
def test_module_shape(shipped_library, module_id):
    module = shipped_library.modules[module_id]
    assert 3 <= len(module.sections) <= 6
    for section in module.sections:
        words = len(section.body.split())
        assert 150 <= words <= 400, f"{section.id}: {words} words"
        assert section.sources
    assert module.objectives and module.summary
    assert 10 <= len(module.questions) <= 20
    types = Counter(q.type for q in module.questions)
    assert len(types) >= 4, types
    assert types["source_attribution"] >= 1 and types["evidence"] >= 1
    beyond_recall = sum(q.skill != "recall" for q in module.questions)
    assert beyond_recall / len(module.questions) >= 0.4


def test_every_question_cites_and_every_option_has_feedback(shipped_library):
    for module in modules(shipped_library):
        for q in module.questions:
            assert q.sources, q.id
            assert q.explanation.strip(), q.id
            for option in q.options:
                assert option.feedback.strip(), (module.id, q.id, option.id)
            if kind_of(q.type).widget == "short":
                assert q.feedback_correct and q.feedback_incorrect
            else:
                assert q.options


def test_every_question_is_answerable_by_its_model_answer(shipped_library):
    for module in modules(shipped_library):
        for q in module.questions:
            result = grade(q, model_answer(q))
            assert result.correct and result.score == 1.0, (module.id, q.id)


def test_every_article_cited_in_at_least_three_modules(shipped_library, articles):
    counts = Counter(source for module in modules(shipped_library) for source in module.cited_sources())
    for article_id in articles.ids():
        assert counts[article_id] >= 3, (article_id, counts[article_id])


def test_glossary_and_timeline(shipped_library):
    assert sum(len(mod.glossary) for mod in modules(shipped_library)) >= 20
    assert shipped_library.modules["history"].timeline and shipped_library.modules["legal-steps"].timeline


def test_contested_module_teaches_each_disagreement_with_two_versions(shipped_library):
    claims = shipped_library.modules["contested-claims"].claims
    assert len(claims) >= 8
    for claim in claims:
        assert len(claim.versions) >= 2
        assert claim.conclusion


def test_all_quotes_are_verbatim(shipped_library, articles):
    """The loader checks this already; checked again here from the models, independently."""
    from tutor.content.sources import normalise

    refs = []
    for module in modules(shipped_library):
        refs += [r for s in module.sections for r in s.sources]
        refs += [r for q in module.questions for r in q.sources]
        refs += [r for q in module.questions for o in q.options for r in o.sources]
        refs += [m.SourceRef(v.source, v.quote) for c in module.claims for v in c.versions]
    assert len(refs) > 300
    for ref in refs:
        assert normalise(ref.quote) in normalise(articles.articles[ref.source].text), ref


def test_ids_are_stable_and_unique(shipped_library):
    for module in modules(shipped_library):
        ids = [q.id for q in module.questions]
        assert len(ids) == len(set(ids))
        assert all(q.content_hash for q in module.questions)


def test_shipped_lessons_pass_the_strict_item_writing_lint(shipped_library):
    """Teachers are told to run `tutor validate --strict`; the shipped modules meet it themselves."""
    from tutor.library.lint import lint_library

    assert [str(w) for w in lint_library(shipped_library)] == []


def test_recall_is_at_most_a_fifth_and_keys_are_spread(shipped_library):
    from tutor.kinds import kind_of

    for module in modules(shipped_library):
        recall = sum(q.skill == "recall" for q in module.questions)
        assert recall <= len(module.questions) / 5, module.id
        positions = Counter(
            [o.id for o in q.options].index(q.correct[0]) for q in module.questions if kind_of(q.type).lint_choice and len(q.correct) == 1
        )
        assert len(positions) >= 3 and max(positions.values()) <= 0.5 * sum(positions.values()), (module.id, positions)


def test_an_event_repeated_across_modules_reads_the_same(shipped_library):
    """The glossary & timeline screen merges every module's timeline and drops exact repeats only.

    Two wordings of one dated event showed the event twice (walkthrough: 2003 listed twice).
    """
    seen = {}
    for module in modules(shipped_library):
        for event in module.timeline:
            first = seen.setdefault(event.date, (module.id, event.event))
            assert first[1] == event.event, (event.date, first[0], module.id)


def test_each_module_s_minutes_match_its_reading_load(shipped_library):
    """Minutes shown on the module list stay honest as content changes: within 15% of a plain reading-time estimate.

    The estimate: lesson text at 200 words a minute, questions with every
    option's feedback at 230 (the app shows it all after an answer), and
    20 seconds to decide each question; it matched a learner's reading of
    modules 3-6 within a few minutes.
    """

    def words(text) -> int:
        return len((text or "").split())

    off = {}
    for module in shipped_library.modules.values():
        lesson = sum(words(s.title) + words(s.body) for s in module.sections)
        quiz = 0
        for q in module.questions:
            quiz += words(q.prompt) + words(q.explanation) + sum(words(o.text) + words(o.feedback) for o in q.options)
            quiz += sum(words(getattr(q, name, "")) for name in ("feedback_correct", "feedback_incorrect", "feedback_true", "feedback_false"))
        estimate = lesson / 200 + quiz / 230 + len(module.questions) * 20 / 60
        if abs(module.minutes - estimate) > 0.15 * estimate:
            off[module.id] = (module.minutes, round(estimate, 1))
    assert off == {}
