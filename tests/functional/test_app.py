"""The app driven with Pilot as a learner would: every screen and every question type."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.conftest import DATA
from tests.functional.app_helpers import answer_by_keys, build, one_question_per_kind, open_quiz
from tutor.kinds import NAMES
from tutor.ui.screens.article import ArticleScreen
from tutor.ui.screens.claims import ClaimsScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.reference import ReferenceScreen
from tutor.ui.screens.results import ResultsScreen
from tutor.ui.screens.too_small import TooSmallScreen
from tutor.ui.widgets.article_text import ArticleText

SIZE = (100, 40)


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_home_lists_modules_with_a_first_run_welcome(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Welcome, tester!" in static_text(app.screen, "#welcome")
        options = app.screen.query_one("#modules", OptionList)
        assert options.option_count == 2
        assert "No reviews due." in static_text(app.screen, "#status")


async def test_reader_steps_through_sections_and_opens_a_passage(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        assert "Section 1 of 2" in static_text(app.screen, "#section-title")
        await pilot.press("n")
        assert "Section 2 of 2" in static_text(app.screen, "#section-title")
        await pilot.press("p", "n")
        passages = app.screen.query_one("#passages", OptionList)
        passages.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        area = app.screen.query_one(ArticleText)
        assert "reopened on Monday after two years" in area.marked_text.replace("\n", " ")
        await pilot.press("escape", "g")
        assert isinstance(app.screen, ReferenceScreen)


@pytest.mark.parametrize("qtype", NAMES)
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
async def test_every_question_kind_right_and_wrong(tmp_path, library, qtype, right):
    module, question = one_question_per_kind(library)[qtype]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await answer_by_keys(pilot, module, question, right)
        feedback = app.screen.query_one("#feedback").text
        assert ("Right." if right else "Not quite.") in feedback or (not right and "partly right" in feedback), feedback
        assert question.explanation.split(".")[0] in feedback.replace("\n", " ")
        sources = app.screen.query_one("#sources", OptionList)
        assert sources.display and sources.option_count >= 1
        label = app.session.article(question.sources[0].source).label
        assert label in str(sources.get_option_at_index(0).prompt)
        [attempt] = app.session.store.attempts("tester")
        assert attempt["question_id"] == question.id and attempt["correct"] is right
        # one key opens the article at the passage behind the answer
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        selected = " ".join(app.screen.query_one(ArticleText).marked_text.split())
        assert selected.replace("’", "'").replace("“", '"').replace("”", '"') == " ".join(
            question.sources[0].quote.split()
        ).replace("’", "'").replace("“", '"').replace("”", '"')


async def test_quit_and_resume_at_the_same_question(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.index == 0
        await answer_by_keys(pilot, screen.current.module, screen.current.question, True)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.index == 1
    again = build(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "quiz under way" in str(again.screen.query_one("#modules", OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, QuizScreen) and again.screen.index == 1


async def test_results_after_a_resume_count_the_whole_run(tmp_path, library):
    """Answers from an earlier sitting count: the score is the run's, over every question (B7, walkthrough 5)."""
    module = library.modules["bridge-basics"]
    first = build(tmp_path)
    run = first.session.start_run(module)
    first.session.answer(run, module.questions[0], ["cracks"], 2.0)  # right
    first.session.answer(run, module.questions[1], ["four"], 2.0)  # half right
    first.session.store.close()
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.index == 2
        for question in module.questions[2:]:
            await answer_by_keys(pilot, module, question, question.id == "order-events")
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = static_text(app.screen, "#results")
        assert "Score for this run: 62% (2 of 4 right" in text, text  # (1 + 0.5 + 0 + 1) / 4
        missed = [str(w.query_one(".hanging-text").render()) for w in app.screen.query(".missed")]
        assert missed == [module.questions[1].prompt, module.questions[2].prompt]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.mode == "retry" and len(app.screen.items) == 2
    record = app.session.store.module_records("tester")["bridge-basics"]
    assert record.runs == 1 and record.place == "done" and record.best_score == 0.625


async def test_a_second_enter_never_records_twice(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id)
        await pilot.press("1", "enter", "enter", "enter")
        await pilot.pause()
        assert len(app.session.store.attempts("tester")) == 1


async def test_missed_question_comes_back_in_review(tmp_path):
    from datetime import UTC, datetime, timedelta

    app = build(tmp_path)
    module = app.session.module("bridge-sources")
    question = module.question("who-says-too-long")
    app.session.practise(module, question, ["river-report"], 3.0)
    app.session.store.conn.execute("UPDATE reviews SET due = ?", ((datetime.now(UTC) - timedelta(minutes=1)).isoformat(),))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 question due for review" in static_text(app.screen, "#status")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.mode == "review"
        await answer_by_keys(pilot, module, question, True)
        assert app.session.reviews_due() == []


async def test_broken_module_is_listed_as_unavailable(tmp_path):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "bad.yaml").write_bytes((DATA / "broken" / "answer-yes.yaml").read_bytes())
    app = build(tmp_path, lessons=[teacher])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#modules", OptionList)
        last = options.get_option_at_index(options.option_count - 1)
        assert last.disabled and "Unavailable: minimal" in str(last.prompt) and "should be true or false" in str(last.prompt)


async def test_help_claims_reference_and_articles(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "c")
        assert isinstance(app.screen, ClaimsScreen)
        assert len(app.screen.query(".version")) >= 2
        await pilot.press("escape", "a")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("right_square_bracket")
        assert app.screen.query_one(ArticleText).marked_text


async def test_tiny_terminal_shows_a_notice_and_recovers(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for size in [(40, 10), (1, 1), (80, 24), (20, 5), (100, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_theme_is_remembered(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "high-contrast"
        await pilot.pause()
    again = build(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "high-contrast"


async def test_a_quiz_is_playable_with_the_mouse_alone(tmp_path, library):
    module = library.modules["bridge-basics"]
    ordering = module.question("order-events")
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, ordering.id)
        shown = [o.id for o in app.session.arrange(module, ordering).shown]
        await pilot.click("#answer-input", offset=(10, 1 + 0))  # highlight the first item
        await pilot.click("#move-down")
        await pilot.pause()
        moved = app.screen.query_one("#answer-input").response()
        assert moved[:2] == [shown[1], shown[0]]
        await pilot.click("#submit")
        await pilot.pause()
        assert app.session.store.attempts("tester")[0]["answer"] == moved
        await pilot.click("#next")
        await pilot.pause()
        # the last question was reached: the run finishes with the questions before it unanswered
        assert isinstance(app.screen, ResultsScreen)
    app = build(tmp_path / "second")
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id)
        # a choice question: a click only picks; the Answer button answers
        await pilot.click("#answer-input", offset=(10, 2))
        await pilot.pause()
        assert len(app.session.store.attempts("tester")) == 0
        await pilot.click("#submit")
        await pilot.pause()
        assert len(app.session.store.attempts("tester")) == 1


async def test_after_answering_the_options_show_right_and_chosen(tmp_path, library):
    module = library.modules["bridge-basics"]
    question = module.question("why-closed")
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await answer_by_keys(pilot, module, question, False)
        options = app.screen.query_one("#answer-input", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert sum(p.startswith("✓") for p in prompts) == 1 and "engineers found cracks" in next(p for p in prompts if p.startswith("✓"))
        chosen = [p for p in prompts if p.endswith("(your answer)")]
        assert len(chosen) == 1 and chosen[0].startswith("✗")


async def test_starting_in_a_tiny_terminal_shows_the_notice_on_top(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
