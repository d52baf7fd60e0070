"""The learner's loop, as a learner meets it (issue 12, learner-walkthrough.md): one test per finding that could come back.

Each test names the walkthrough item (W) or hardening finding (F) it holds.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.functional.app_helpers import LOOP, answer_by_keys, attempts, build, burst, open_quiz, text_of
from tutor.content.models import SKILL_WORDS
from tutor.ui.screens.lesson import LessonScreen

SIZE = (80, 24)






# -- W44, W7, F3: keys in order; nothing answered unchosen; an answered question ignores more keys ----------
async def test_w44_a_number_and_enter_in_one_burst_answer_that_number(tmp_path, library):
    module = library.modules["bridge-basics"]
    question = module.question("why-closed")
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question.id)
        wanted = app.session.arrange(module, question).shown[2]
        await burst(pilot, "3", "enter")
        assert [a["answer"] for a in attempts(app)] == [[wanted.id]]


async def test_w44_keys_typed_right_behind_next_reach_the_new_question(tmp_path, library):
    module = library.modules["bridge-basics"]
    first, second = module.questions[0], module.questions[1]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, first.id)
        await burst(pilot, "1", "enter")
        await burst(pilot, "n", "2", "enter")  # multiple select: 2 ticks option 2, Enter answers
        answers = [a["answer"] for a in attempts(app)]
        assert answers[1] == [app.session.arrange(module, second).shown[1].id]


@pytest.mark.parametrize("question_id", ["why-closed", "who-says-cost", "cyclists-only", "order-events"])
async def test_w7_enter_on_arrival_answers_nothing_and_says_what_to_do(tmp_path, library, question_id):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question_id)
        await pilot.press("enter")
        await pilot.pause()
        assert attempts(app) == []
        assert not app.screen.card.answered
        assert any("first" in str(n.message) for n in app._notifications)


async def test_a_choose_first_notice_goes_once_the_question_is_answered(tmp_path, library):
    """It stayed for seconds over the feedback."""
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "why-closed")
        await pilot.press("enter")
        await pilot.pause()
        assert app._notifications
        await pilot.press("1", "enter")
        await pilot.pause()
        assert attempts(app) and not app._notifications


async def test_w7_matching_and_short_answers_wait_for_a_complete_answer(tmp_path, library):
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "match-speakers")
        await pilot.press("a", "enter", "escape")  # one pair of three, then Enter: not an answer
        await pilot.pause()
        await open_quiz(pilot, module.id, "engineer-name")
        await pilot.press("enter")
        await pilot.pause()
        assert attempts(app) == []


async def test_enter_on_an_unfinished_matching_pairs_nothing_the_learner_did_not_choose(tmp_path, library):
    """Enter once moved to the right column and a second Enter paired the item with whatever was highlighted there."""
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "match-speakers")
        await pilot.press("b", "enter", "enter", "enter")
        await pilot.pause()
        matching = app.screen.query_one("#answer-input")
        assert len(matching.pairs) == 1 and attempts(app) == []
        assert app.focused is app.screen.query_one("#match-left")
        assert any("Pair every item first" in str(n.message) for n in app._notifications)


async def test_a_letter_used_again_moves_to_the_new_item_and_says_which_item_lost_it(tmp_path, library):
    """Second walkthrough: the same letter could be given to two items with no word; each right item is one item's match."""
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "match-speakers")
        matching = app.screen.query_one("#answer-input")
        left = app.screen.query_one("#match-left")
        await pilot.press("b")
        await pilot.pause()
        assert left.highlighted == 1  # the next item, ready for its letter
        await pilot.press("b")
        await pilot.pause()
        assert list(matching.pairs.values()) == [matching.right[1].id] and matching.left[1].id in matching.pairs
        assert any("was the match of item 1" in str(n.message) for n in app._notifications)
        assert left.highlighted == 2


async def test_f3_a_burst_of_enters_records_once_and_later_keys_change_nothing(tmp_path, library):
    module = library.modules["bridge-basics"]
    question = module.question("why-closed")
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await burst(pilot, "2", "enter", "enter", "enter", "1", "enter", "3", "space", "enter")
        assert len(attempts(app)) == 1
        card = app.screen.card
        assert card.answered and card.answer_input.disabled
        assert card.answer_input.highlighted == 1  # the later "1" and "3" did not move the answered choice


async def test_w11_t_and_f_answer_true_false(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "cyclists-only")
        await burst(pilot, "t", "f", "enter")
        assert attempts(app)[0]["answer"] == ["false"] and attempts(app)[0]["correct"]


# -- W1: matching columns shuffled apart ------------------------------------------------------------------------
async def test_w1_matching_shows_the_right_column_in_its_own_order_never_lined_up(tmp_path, library):
    module = library.modules["bridge-sources"]
    question = module.question("match-speakers")
    pairs = dict(question.pairs)
    for profile in ("tester", "ana", "bo", "cy"):
        app = build(tmp_path / profile, profile=profile)
        async with app.run_test(size=SIZE) as pilot:
            await open_quiz(pilot, module.id, question.id)
            arranged = app.session.arrange(module, question)
            left = app.screen.query_one("#match-left", OptionList)
            right = app.screen.query_one("#match-right", OptionList)
            shown_left = [left.get_option_at_index(i).id for i in range(left.option_count)]
            shown_right = [right.get_option_at_index(i).id for i in range(right.option_count)]
            assert shown_right == [o.id for o in arranged.right]
            assert [pairs[item] for item in shown_left] != shown_right, "row i is matched with letter i"


# -- W8: feedback in view, arrows and PageDown reach it -----------------------------------------------------------
async def test_w8_after_an_answer_the_feedback_is_in_view_and_pagedown_reaches_the_sources(tmp_path, library):
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "match-speakers")
        await answer_by_keys(pilot, module, module.question("match-speakers"), False)
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")
        feedback = app.screen.query_one("#feedback")
        assert app.focused is body
        assert body.region.y <= feedback.region.y < body.region.bottom, "the verdict is not on screen"
        before = body.scroll_y
        await pilot.press("pagedown", "pagedown", "down")
        await pilot.pause()
        assert body.scroll_y > before
        await pilot.press("end")
        await pilot.pause()
        sources = app.screen.query_one("#sources")
        assert body.region.y <= sources.region.y < body.region.bottom


@pytest.mark.parametrize("repeat", range(3))
@pytest.mark.parametrize(("module_id", "question_id"), [("bridge-basics", "why-closed"), ("bridge-sources", "match-speakers")])
async def test_w8_the_whole_feedback_is_scrolled_into_view_every_time(tmp_path, library, module_id, question_id, repeat):
    """The feedback once had its size before the body grew to hold it, and the scroll was cut short about half the time."""
    module = library.modules[module_id]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question_id)
        await answer_by_keys(pilot, module, module.question(question_id), repeat % 2 == 0)
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")
        feedback = app.screen.query_one("#feedback")
        assert feedback.region.height < body.region.height, "this fixture's feedback should fit on the screen"
        assert body.region.y <= feedback.region.y and feedback.region.bottom <= body.region.bottom


# -- W12, W13: feedback that teaches ---------------------------------------------------------------------------------
async def test_w13_ordering_feedback_marks_each_item_and_shows_what_belongs_there(tmp_path, library):
    module = library.modules["bridge-basics"]
    question = module.question("order-events")
    app = build(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await answer_by_keys(pilot, module, question, False)
        feedback = app.screen.query_one("#feedback").text
        assert "✓" in feedback and "✗" in feedback
        assert "right here: Engineers find cracks" in feedback
        assert "The right order" in feedback and "1. Engineers find cracks" in feedback


async def test_w13_matching_feedback_marks_each_pair_and_shows_the_right_partner(tmp_path, library):
    module = library.modules["bridge-sources"]
    question = module.question("match-speakers")
    app = build(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await answer_by_keys(pilot, module, question, False)
        feedback = app.screen.query_one("#feedback").text
        right = {o.id: o.text for o in question.right}
        for left in question.options:
            assert left.text in feedback
        assert feedback.count("\n  ✗ ") + feedback.count("\n  ✓ ") == len(question.options)
        assert feedback.count("\n  ✗ ") >= 1
        assert "right match: " in feedback
        assert all(f"→  {right[r]}" in feedback for _l, r in question.pairs)  # the right pairs, all of them
        shown = [o.text for o in app.session.arrange(module, question).shown]
        yours = feedback.split("Your pairs:")[1].split("The right pairs:")[0]
        assert sorted(shown, key=yours.index) == shown  # in the order the question showed them (walkthrough, second pass)
        assert all(f" {n}. {text}" in yours for n, text in enumerate(shown, 1))  # numbered as the question numbers them


async def test_multiple_select_feedback_never_marks_an_unchosen_option_as_if_the_learner_got_it(tmp_path, library):
    """'The other options: ✓ 2.' read as 'you got this right'; the app now words it as plain mode does."""
    module = library.modules["bridge-basics"]
    question = module.question("who-says-cost")
    app = build(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, module.id, question.id)
        await answer_by_keys(pilot, module, question, False)
        feedback = app.screen.query_one("#feedback").text
        assert "Right answers you did not choose:" in feedback or "The right answer:" in feedback
        _chosen, _, rest = feedback.partition("What you chose:")[2].partition(":\n")
        assert "✓" not in rest  # marks only on what the learner chose


async def test_w12_a_forgiven_typo_is_right_and_says_so(tmp_path, library):
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "engineer-name")
        await pilot.press(*"marta kovax", "enter")
        await pilot.pause()
        feedback = app.screen.query_one("#feedback").text
        assert "Right." in feedback and "small slip" in feedback and "Marta Kovac" in feedback
        assert attempts(app)[0]["correct"]


# -- W21, W22, W23: words on the question card ------------------------------------------------------------------------
async def test_w21_the_skill_is_explained_not_named(tmp_path, library):
    module = library.modules["bridge-basics"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "why-closed")
        kind_line = str(app.screen.query_one(".question-kind", Static).render())
        assert SKILL_WORDS["why"] in kind_line and "skill:" not in kind_line


async def test_w22_w23_labels_and_quote_marks_are_shown_once(tmp_path):
    app = build(tmp_path, lessons=[LOOP])
    async with app.run_test(size=(100, 40)) as pilot:
        module = await open_quiz(pilot, "bridge-extras", "long-options")
        await answer_by_keys(pilot, module, module.question("long-options"), True)
        feedback = app.screen.query_one("#feedback").text
        assert feedback.count("Outside the articles") == 1
        passage = str(app.screen.query_one("#sources", OptionList).get_option_at_index(0).prompt)
        assert '"The bridge is safe' in passage and "“\"" not in passage and "\"”" not in passage
        await app.push_screen(LessonScreen(module))
        await pilot.pause()
        assert text_of(app.screen, "#outside").count("Outside the articles") == 1
        from tutor.ui.screens.reference import ReferenceScreen

        await app.push_screen(ReferenceScreen())
        await pilot.pause()
        timeline = [" ".join(str(s.render()) for s in entry.query(Static)) for entry in app.screen.query("#timeline .entry")]
        assert any(t.startswith("2024   the bridge reopens") for t in timeline), timeline  # the date once


# -- W9: options wrap ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("question_id", ["long-options", "long-ticks"])
async def test_w9_long_options_wrap_and_are_never_cut(tmp_path, question_id):
    app = build(tmp_path, lessons=[LOOP])
    async with app.run_test(size=SIZE) as pilot:
        module = await open_quiz(pilot, "bridge-extras", question_id)
        options = app.screen.query_one("#answer-input", OptionList)
        assert options.virtual_size.height >= 2 * options.option_count  # each long option takes two lines or more
        assert options.max_scroll_y == 0 and options.styles.max_height.unit.name != "CELLS"  # never a list scrolling inside the page
        assert options.styles.overflow_y == "hidden"  # nor a bar of its own, which took the width the wrapping needed
        svg = app.export_screenshot()
        assert "…" not in svg
        for option in module.question(question_id).options:
            assert option.text.split()[-1] in svg  # the end of every option is on screen


async def test_ticks_are_words_not_colours_and_follow_space_numbers_and_clicks(tmp_path):
    """Every box looked ticked without colour (walkthrough, second pass): [x] and [ ] say it in characters."""
    app = build(tmp_path, lessons=[LOOP])
    async with app.run_test(size=SIZE) as pilot:
        module = await open_quiz(pilot, "bridge-extras", "long-ticks")
        ticks = app.screen.query_one("#answer-input", OptionList)
        shown = list(app.session.arrange(module, module.question("long-ticks")).shown)
        lines = lambda: [str(ticks.get_option_at_index(i).prompt)[:4] for i in range(ticks.option_count)]  # noqa: E731
        assert lines() == ["[ ] "] * 3
        await pilot.press("2")
        await pilot.press("down", "space")
        await pilot.click(ticks, offset=(6, 1))  # the first option (row 0 is the border)
        await pilot.pause()
        assert lines() == ["[x] ", "[x] ", "[x] "]
        await pilot.press("2", "enter")
        await pilot.pause()
        assert [a["answer"] for a in attempts(app)] == [[shown[0].id, shown[2].id]]


# -- A store that cannot be written: said in words, the question stays open, nothing lost ----------------------------
async def test_a_busy_progress_file_while_answering_is_said_and_the_answer_can_be_given_again(tmp_path, library, monkeypatch):
    """Another program holds the progress file: the app says so and carries on (it used to end with a traceback)."""
    import sqlite3

    monkeypatch.setattr("tutor.progress.store.BUSY_TIMEOUT_MS", 50)
    module = library.modules["bridge-basics"]
    question = module.question("why-closed")
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, question.id)
        blocker = sqlite3.connect(app.session.store.path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        await burst(pilot, "1", "enter")
        await pilot.pause(0.5)
        assert app.is_running and attempts(app) == []
        assert any("busy" in str(n.message).lower() for n in app._notifications)
        card = app.screen.card
        assert not card.answered and not card.answer_input.disabled
        blocker.execute("ROLLBACK")
        blocker.close()
        await burst(pilot, "enter")
        assert len(attempts(app)) == 1 and card.answered


async def test_a_short_answer_keeps_what_was_typed_when_focus_comes_back(tmp_path, library):
    """Focus returning to the box (after the article, or a click in a browser) once selected all, and the next key replaced it."""
    module = library.modules["bridge-sources"]
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, module.id, "engineer-name")
        await pilot.press(*"Marta")
        box = app.screen.query_one("#answer-input")
        app.screen.set_focus(None)
        await pilot.pause()
        app.screen.set_focus(box)
        await pilot.pause()
        await pilot.press(*" Kovac")
        assert box.value == "Marta Kovac"
