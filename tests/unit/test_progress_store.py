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


def test_resume_place_and_results(tmp_path):
    with open_store(tmp_path) as store:
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0, place="q2")
        assert store.module_records("kim")["history"].place == "q2"
        store.set_place("kim", "history", "done")
        store.complete_module("kim", "history", 0.5)
        store.complete_module("kim", "history", 0.75)
        store.complete_module("kim", "history", 0.25)
        record = store.module_records("kim")["history"]
        assert (record.runs, record.best_score, record.last_score, record.place) == (3, 0.75, 0.25, "done")


def test_summary_ignores_unknown_questions_and_recognises_edits(tmp_path, shipped_library):
    module = shipped_library.modules["history"]
    first, second = module.questions[0], module.questions[1]
    with open_store(tmp_path) as store:
        store.record_answer("kim", "history", first.id, first.content_hash, ["a"], True, 1.0, 1.0)
        store.record_answer("kim", "history", second.id, "an-older-version", ["x"], False, 0.0, 1.0)
        store.record_answer("kim", "history", "removed-question", "h", ["a"], True, 1.0, 1.0, place="question:removed-question")
        progress = summarise(module, store.module_records("kim")["history"])
    assert (progress.done, progress.correct, progress.changed, progress.total) == (1, 1, 1, len(module.questions))
    assert progress.score == 1.0
    assert progress.place is None  # a place that no longer exists is not offered for resume


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
            store.record_answer("kim", module, "q1", "h", ["a"], False, 0.0, 1.0, place="q1")
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


def test_a_valid_place_is_offered_for_resume(tmp_path, shipped_library):
    module = shipped_library.modules["history"]
    with open_store(tmp_path) as store:
        store.set_place("kim", "history", f"question:{module.questions[3].id}")
        assert summarise(module, store.module_records("kim")["history"]).place == f"question:{module.questions[3].id}"
        store.set_place("kim", "history", "section:no-such-section")
        assert summarise(module, store.module_records("kim")["history"]).place is None
