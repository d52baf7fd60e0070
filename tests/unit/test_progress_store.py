"""Store behaviour: review scheduling, resume, hashes, unknown ids, reset, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tutor.progress.store import Store
from tutor.progress.summary import summarise

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def open_store(tmp_path):
    return Store.open(tmp_path / "progress.db")


def test_missed_question_is_due_for_review_and_a_right_answer_pushes_it_out(tmp_path):
    with open_store(tmp_path) as store:
        store.record_answer("kim", "history", "q1", "h", ["b"], False, 0.0, 4.0, now=T0)
        store.record_answer("kim", "history", "q2", "h", ["a"], True, 1.0, 4.0, now=T0)
        assert store.due_reviews("kim", now=T0) == []
        due = store.due_reviews("kim", now=T0 + timedelta(minutes=11))
        assert [(d.module_id, d.question_id) for d in due] == [("history", "q1")]
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 4.0, mode="review", now=T0 + timedelta(minutes=11))
        assert store.due_reviews("kim", now=T0 + timedelta(minutes=12)) == []
        assert store.due_reviews("kim", now=T0 + timedelta(days=30))  # it comes back eventually


def test_runs_resume_finish_and_keep_best_and_last(tmp_path):
    with open_store(tmp_path) as store:
        run = store.start_run("kim", "history", "")
        assert store.start_run("kim", "history", "") == run  # an open run is resumed, never doubled
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0, run_id=run.id)
        assert store.open_run("kim", "history") == run
        assert set(store.run_answers(run.id)) == {"q1"}
        for score in (0.5, 0.75, 0.25):
            current = store.start_run("kim", "history", "")
            assert store.finish_run("kim", current.id, score)
            assert not store.finish_run("kim", current.id, 1.0)  # finishing twice changes nothing
        record = store.module_records("kim")["history"]
        assert (record.runs, record.best_score, record.last_score, record.place) == (3, 0.75, 0.25, "done")
        assert [r.score for r in store.runs("kim", "history")] == [0.5, 0.75, 0.25]


def test_an_answer_is_recorded_once_per_run_and_question(tmp_path):
    with open_store(tmp_path) as store:
        run = store.start_run("kim", "history", "")
        first = store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0, run_id=run.id)
        again = store.record_answer("kim", "history", "q1", "h", ["b"], False, 0.0, 1.0, run_id=run.id)
        assert first == (first[0], True) and again == (first[0], False)
        assert len(store.attempts("kim")) == 1 and store.run_answers(run.id)["q1"].response == ["a"]


def test_the_attempt_limit_is_checked_in_the_same_transaction(tmp_path):
    with open_store(tmp_path) as store:
        for _ in range(2):
            run = store.start_run("kim", "history", "hw", limit=2)
            store.finish_run("kim", run.id, 1.0)
        assert store.start_run("kim", "history", "hw", limit=2) is None
        assert store.start_run("kim", "history", "other-homework", limit=2) is not None  # runs count per assignment


def test_summary_ignores_unknown_questions_and_recognises_edits(tmp_path, library):
    module = library.modules["bridge-basics"]
    first, second = module.questions[0], module.questions[1]
    with open_store(tmp_path) as store:
        run = store.start_run("kim", module.id, "")
        store.record_answer("kim", module.id, first.id, first.content_hash, ["cracks"], True, 1.0, 1.0, run_id=run.id)
        store.record_answer("kim", module.id, second.id, "an-older-version", ["x"], False, 0.0, 1.0, run_id=run.id)
        store.record_answer("kim", module.id, "removed-question", "h", ["a"], True, 1.0, 1.0, run_id=run.id)
        progress = summarise(module, store.module_records("kim")[module.id])
    assert (progress.done, progress.correct, progress.changed, progress.total) == (1, 1, 1, len(module.questions))
    assert progress.score == 1 / len(module.questions)  # the run's score counts every question of the module
    assert progress.run_open


def test_profiles_are_separate_and_reading_creates_none(tmp_path):
    with open_store(tmp_path) as store:
        assert store.module_records("nobody") == {} and store.profiles() == []
        store.record_answer("ann", "history", "q1", "h", ["a"], True, 1.0, 1.0)
        store.record_answer("bob", "history", "q1", "h", ["b"], False, 0.0, 1.0)
        assert [p[0] for p in store.profiles()] == ["ann", "bob"]
        assert store.module_records("ann")["history"].latest["q1"].correct
        assert not store.module_records("bob")["history"].latest["q1"].correct


def test_reset_one_module_or_all(tmp_path):
    with open_store(tmp_path) as store:
        for module in ("history", "motives"):
            run = store.start_run("kim", module, "")
            store.record_answer("kim", module, "q1", "h", ["a"], False, 0.0, 1.0, run_id=run.id)
        assert store.reset("kim", "history") == 1
        assert set(store.module_records("kim")) == {"motives"}
        assert store.reset("kim") == 1
        assert store.module_records("kim") == {}
        assert store.reset("ghost") == 0


def test_settings_round_trip(tmp_path):
    with open_store(tmp_path) as store:
        assert store.setting("kim", "theme") is None
        store.set_setting("kim", "theme", "textual-dark")
        assert store.setting("kim", "theme") == "textual-dark"


def test_attempts_keep_the_answer_given(tmp_path):
    with open_store(tmp_path) as store:
        store.record_answer("kim", "history", "pairs", "h", [["y1989", "pullout"]], True, 1.0, 2.5)
        [attempt] = store.attempts("kim")
    assert attempt["answer"] == [["y1989", "pullout"]] and attempt["seconds"] == 2.5 and attempt["mode"] == "lesson"


def test_a_valid_reading_place_is_offered_and_a_stale_one_is_not(tmp_path, library):
    module = library.modules["bridge-basics"]
    with open_store(tmp_path) as store:
        store.set_place("kim", module.id, f"section:{module.sections[1].id}")
        assert summarise(module, store.module_records("kim")[module.id]).place == f"section:{module.sections[1].id}"
        store.set_place("kim", module.id, "section:no-such-section")
        assert summarise(module, store.module_records("kim")[module.id]).place is None


def test_the_tables_checked_at_every_start_are_the_ones_the_migrations_make():
    from tutor.progress import schema

    assert set(schema.TABLES) == {name for name in schema.expected_shape() if not name.startswith("index:")}
