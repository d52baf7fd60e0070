"""The learner's loop around the quiz: article viewer, home, lesson, layout and colour.

As a learner meets it (issue 12, learner-walkthrough.md): one test per finding that could come back.

Each test names the walkthrough item (W) or hardening finding (F) it holds.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.functional.app_helpers import LOOP, answer_by_keys, build, burst, open_quiz, text_of
from tutor.ui.screens.article import ArticleScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.results import ResultsScreen
from tutor.ui.widgets.article_text import MARKER, ArticleText

SIZE = (80, 24)






# -- W2, W24, W25, W38: the article viewer ----------------------------------------------------------------------------
async def test_w2_the_passage_opens_centred_and_marked_and_stays_in_view_on_resize(tmp_path):
    app = build(tmp_path)
    quote = "Traffic will be limited to cyclists and pedestrians until the summer."
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ArticleScreen("river-report", quote))
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one(ArticleText)
        assert view.marked_text == quote

        def visible_marked_rows() -> list[int]:
            return [y for y in range(view.scrollable_content_region.height) if MARKER.strip() in view.render_line(y).text]

        assert visible_marked_rows(), "the passage is not on screen"
        for size in [(120, 40), (61, 20), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert visible_marked_rows(), f"the passage left the view at {size}"


async def test_the_article_says_which_passage_is_marked_and_f_says_what_it_will_show(tmp_path):
    """Second walkthrough: the position appeared only after ], and f was labelled 'Whole page' while showing it."""
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.app_focus = True
        await app.push_screen(ArticleScreen("river-report", "although a local campaign group puts the figure at 5 million"))
        await pilot.pause()
        assert "cited passage 6 of 8" in text_of(app.screen, "#article-meta")

        def f_label() -> str:
            return next(b.binding.description for b in app.screen.active_bindings.values() if b.binding.key == "f")

        assert f_label() == "Whole page"
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.full and f_label() == "Body only"
        await pilot.press("f")
        await pilot.pause()
        assert not app.screen.full and f_label() == "Whole page"


async def test_w2_a_passage_far_down_a_long_article_opens_in_view(tmp_path):
    app = build(tmp_path)
    long_text = "\n\n".join(f"Paragraph {n} says very little, and says it at some length to fill the screen." for n in range(80))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ArticleScreen("river-report"))
        await pilot.pause()
        view = app.screen.query_one(ArticleText)
        start = long_text.index("Paragraph 61")
        view.show(long_text, (start, start + len("Paragraph 61 says very little")))
        await pilot.pause()
        await pilot.pause()
        rows = [y for y in range(view.scrollable_content_region.height) if MARKER.strip() in view.render_line(y).text]
        assert view.scroll_offset.y > 50 and rows, "the passage is not on screen"
        middle = view.scrollable_content_region.height // 2
        assert abs(rows[0] - middle) <= 1, (rows, middle)  # centred, not at the edge
        assert "Paragraph 61" in view.render_line(rows[0]).text


async def test_w24_missing_author_outlet_and_date_are_said_once_in_words(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        options = app.screen.query_one("#article-list", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("unknown" in p for p in prompts)
        assert any("author and date not given" in p for p in prompts)


async def test_w38_closing_the_article_returns_focus_to_the_question(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "why-closed")
        await answer_by_keys(pilot, module, module.question("why-closed"), True)
        before = app.focused
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.focused is before is not None
        await pilot.press("pagedown")  # and the keys still work there
        await pilot.pause()
        assert app.focused is before


# -- W18, W40, W41, W42: home --------------------------------------------------------------------------------------------
async def test_w40_escape_on_home_does_not_quit(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert any("Ctrl+Q quits" in str(n.message) for n in app._notifications)


async def test_w41_w18_review_is_offered_only_when_due_and_home_updates_after_a_review(tmp_path):
    from datetime import UTC, datetime, timedelta

    app = build(tmp_path)
    module = app.session.module("bridge-sources")
    question = module.question("who-says-too-long")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "review" not in {b.binding.action for b in app.active_bindings.values()}
        app.session.practise(module, question, ["river-report"], 3.0)
        app.session.store.conn.execute("UPDATE reviews SET due = ?", ((datetime.now(UTC) - timedelta(minutes=1)).isoformat(),))
        app.screen.refresh_modules()
        await pilot.pause()
        assert "review" in {b.binding.action for b in app.active_bindings.values()}
        await pilot.press("r")
        await pilot.pause()
        assert "practice: your score stays" in text_of(app.screen, "#quiz-progress")  # said before answering, as plain mode does
        await answer_by_keys(pilot, module, question, True)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No reviews due." in text_of(app.screen, "#status")
        assert "review" not in {b.binding.action for b in app.active_bindings.values()}


async def test_w42_home_shows_each_module_s_time(tmp_path, library):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#modules", OptionList)
        for index, module in enumerate(library.modules.values()):
            assert f"about {module.minutes} min" in str(options.get_option_at_index(index).prompt)


# -- W43, W5, W6: the lesson text from the quiz and the results; one score everywhere -------------------------------------
async def test_w43_the_lesson_from_the_quiz_comes_back_to_the_same_question(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "who-says-cost")
        quiz = app.screen
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("n", "q")
        await pilot.pause()
        assert app.screen is quiz and quiz.current.question.id == "who-says-cost"


async def test_w43_w6_results_lead_to_the_lesson_and_progress_shows_the_same_score(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, module.id)
        for question in module.questions:
            await answer_by_keys(pilot, module, question, question.id != "order-events")
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        score = app.screen.outcome.score
        percent = f"{round(score.fraction * 100)}%"
        assert f"Score for this run: {percent}" in text_of(app.screen, "#results")
        await pilot.press("p")
        await pilot.pause()
        blocks = [str(s.render()) for s in app.screen.query(".progress-module").results(Static)]
        assert any(module.title in b and f"last run {percent}" in b and f"best finished run {percent}" in b for b in blocks), blocks
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.module.id == module.id


# -- W19, W20, W14: layout ------------------------------------------------------------------------------------------------------
async def test_w19_prose_is_capped_and_centred_on_wide_terminals(tmp_path, library):
    app = build(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_quiz(pilot, "bridge-basics", "why-closed")
        card = app.screen.card
        assert card.region.width <= 84 and card.region.x > 30
        await app.push_screen(ArticleScreen("river-report"))
        await pilot.pause()
        view = app.screen.query_one(ArticleText)
        lines = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        text_lines = [line for line in lines if line.strip()]
        assert text_lines and all(len(line.strip()) <= 78 for line in text_lines)
        assert min(len(line) - len(line.lstrip()) for line in text_lines) > 20  # centred, not flush left


async def test_w20_no_bare_icon_in_the_header(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "⭘" not in app.export_screenshot()


@pytest.mark.parametrize(("size", "columns"), [((80, 24), 1), ((120, 40), 2)])
async def test_w14_claims_stack_when_narrow_and_sit_side_by_side_when_wide(tmp_path, size, columns):
    from tutor.ui.screens.claims import ClaimsScreen

    app = build(tmp_path)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(ClaimsScreen())
        await pilot.pause()
        versions = list(app.screen.query(".version").results(Static))
        assert versions
        grid = versions[0].parent
        assert grid.styles.grid_size_columns == min(columns, len(grid.children))
        assert all(v.region.width >= 36 for v in versions)


# -- Issue 12 item 4: high contrast and NO_COLOR -----------------------------------------------------------------------------
async def test_high_contrast_marks_the_passage_black_on_yellow(tmp_path):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "high-contrast"
        await app.push_screen(ArticleScreen("river-report", "Traffic will be limited"))
        await pilot.pause()
        style = app.screen.query_one(ArticleText).get_component_rich_style("article-text--passage")
        assert style.bgcolor.triplet.hex == "#ffff00" and style.color.triplet.hex == "#000000"


async def test_no_color_keeps_marks_and_words_and_drops_the_verdict_colour(tmp_path, library, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await open_quiz(pilot, module.id, "why-closed")
        await answer_by_keys(pilot, module, module.question("why-closed"), False)
        shown = app.screen.query_one("#feedback", Static).visual
        verdict_spans = [span for span in shown.spans if span.start == 0]
        assert verdict_spans and not any("$text-error" in str(span.style) for span in verdict_spans)  # no dimmed red
        assert "✗ Not quite." in app.screen.query_one("#feedback").text


# -- Issue 12 item 1: number keys wherever they make sense ---------------------------------------------------------------------
async def test_number_keys_open_a_module_from_home_and_a_passage_from_the_lesson(tmp_path, library):
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.module.id == "bridge-sources"
        section = app.screen.module.sections[0]
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == section.sources[0].source


async def test_the_lesson_shows_a_section_s_title_and_text_together(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await burst(pilot, "n")
        assert "Section 2 of 2" in text_of(app.screen, "#section-title")
        assert app.screen.query_one("#body").source.strip() == module.sections[1].body.strip()


async def test_a_new_section_is_read_from_its_text_wherever_the_focus_was(tmp_path, library):
    """After Tab to the passages and n, PageDown scrolled the passage list, not the new section's text."""
    app = build(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#passages")
        await pilot.press("n")
        await pilot.pause()
        reader = app.screen.query_one("#reader")
        assert app.focused is reader
        passages = app.screen.query_one("#passages")
        assert reader.region.height >= passages.region.height  # the text has the larger share
        assert passages.region.height >= 4  # and the passages still show (30% of an auto-height box once gave one row)


async def test_w37_a_lesson_heading_sits_right_on_its_text(tmp_path):
    from textual.widgets._markdown import MarkdownH2, MarkdownParagraph

    app = build(tmp_path, lessons=[LOOP])
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LessonScreen(app.session.module("bridge-extras")))
        await pilot.pause()
        heading = app.screen.query_one(MarkdownH2)
        paragraph = app.screen.query_one(MarkdownParagraph)
        assert paragraph.region.y == heading.region.bottom


async def test_a_new_attempt_after_a_finished_one_is_asked_about_first(tmp_path, library):
    """Second walkthrough: q on a finished module silently started attempt 2 at question 1."""
    from tutor.kinds import model_answer
    from tutor.ui.screens.confirm import ConfirmScreen

    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        run = session.start_run(module)
        for question in module.questions:
            session.answer(run, question, model_answer(question), 1.0)
        session.finish(run)
        note = session.new_attempt_note(module)
        assert note.startswith("You have finished this quiz once.") and "your best score, 100%, is kept" in note
        await app.push_screen(LessonScreen(module, 0))
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and session.resume_run(module) is None
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.index == 0
        assert session.new_attempt_note(module) == ""  # a run is under way: going on with it needs no question
