"""The session's rules: runs, attempts, one score, idempotent answers, lateness in the learner's day."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

import pytest

from tests.conftest import LESSONS
from tutor.kinds import model_answer
from tutor.library.identity import modules_hash
from tutor.session import AttemptsUsed, open_session
from tutor.session.assignments import build_result
from tutor.teacher.assignment import Assignment


def homework(library, attempts=2, due=date(2026, 12, 1)) -> Assignment:
    modules = [library.modules["bridge-basics"], library.modules["bridge-sources"]]
    return Assignment("hw", "Homework", ("bridge-basics", "bridge-sources"), 60, due, attempts, True, 5, modules_hash(modules))


@pytest.fixture
def with_assignment(tmp_path, library):
    def make(**kwargs):
        return open_session(tmp_path / "home", [LESSONS], "kim", homework(library, **kwargs), tmp_path / "results", shipped=False)

    return make


def test_one_score_partial_credit_over_the_whole_run(session):
    module = session.module("bridge-basics")
    run = session.start_run(module)
    session.answer(run, module.question("why-closed"), ["cracks"], 1.0)
    session.answer(run, module.question("who-says-cost"), ["four"], 1.0)  # half right
    resumed = session.resume_run(module)  # a new sitting: the run's answers come back from the store
    assert resumed.run_id == run.run_id and resumed.next_index() == 2
    session.answer(resumed, module.question("cyclists-only"), ["true"], 1.0)
    session.answer(resumed, module.question("order-events"), ["cracks", "repairs", "reopen"], 1.0)
    result = session.finish(resumed)
    assert (result.score.credit, result.score.right, result.score.total) == (2.5, 2, 4)
    progress = session.progress()["bridge-basics"]
    assert progress.score == progress.best == 0.625 and progress.runs == 1 and not progress.run_open
    assert [q.id for q in result.missed] == ["who-says-cost", "cyclists-only"]


def test_answering_twice_keeps_the_first_answer(session):
    module = session.module("bridge-basics")
    question = module.question("why-closed")
    run = session.start_run(module)
    first = session.answer(run, question, ["cracks"], 1.0)
    second = session.answer(run, question, ["cost"], 1.0)
    assert first.correct and second.correct and len(session.store.attempts("kim")) == 1
    other = session.start_run(module)  # the same open run, as a second process would see it
    assert session.answer(other, question, ["cost"], 1.0).correct and len(session.store.attempts("kim")) == 1


def test_attempt_limit_counts_runs_under_the_assignment_and_resuming_is_free(with_assignment):
    session = with_assignment(attempts=1)
    module = session.module("bridge-basics")
    run = session.start_run(module)
    assert session.availability(module).attempts_left == 0
    assert session.start_run(module).run_id == run.run_id  # resuming the open run is always allowed
    for q in module.questions:
        session.answer(run, q, model_answer(q), 1.0)
    session.finish(run)
    assert not session.availability(module).available
    with pytest.raises(AttemptsUsed) as refused:
        session.start_run(module)
    assert refused.value.status == 1 and "you have used the 1 attempt" in refused.value.message
    session.store.close()


@pytest.fixture
def los_angeles():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_late_is_decided_by_the_first_completion_in_the_learners_day(with_assignment, los_angeles):
    session = with_assignment(attempts=3)
    module = session.module("bridge-basics")
    evening = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)  # 21:00 on 1 December in Los Angeles: on time, though 2 December in UTC
    run = session.start_run(module)
    for q in module.questions:
        session.answer(run, q, model_answer(q), 1.0)
    session.finish(run, now=evening)
    again = session.start_run(module)
    for q in module.questions:
        session.answer(again, q, model_answer(q), 1.0)
    session.finish(again, now=datetime(2026, 12, 9, 12, 0, tzinfo=UTC))  # a later re-run does not make it late
    result = build_result(session.store, "kim", session.assignment, session.modules)
    basics = result.modules["bridge-basics"]
    assert not basics.late and basics.completed_on == "2026-12-01" and basics.attempts_used == 2 and basics.passed
    other = session.module("bridge-sources")
    late_run = session.start_run(other)
    for q in other.questions:
        session.answer(late_run, q, model_answer(q), 1.0)
    session.finish(late_run, now=datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # 1:00 on 2 December in Los Angeles
    result = build_result(session.store, "kim", session.assignment, session.modules)
    assert result.modules["bridge-sources"].late and result.late and result.finished and result.passed
    session.store.close()


def test_finishing_writes_a_result_file_and_reports_a_failure_without_losing_the_run(with_assignment, tmp_path):
    session = with_assignment()
    module = session.module("bridge-basics")
    session.results_dir = tmp_path / "not-a-folder"
    session.results_dir.write_text("a file where the folder should be")
    run = session.start_run(module)
    for q in module.questions:
        session.answer(run, q, model_answer(q), 1.0)
    outcome = session.finish(run)
    assert outcome.result_file is None and "results folder" in outcome.result_error
    assert session.progress()["bridge-basics"].completed
    session.results_dir = tmp_path / "results"
    assert session.write_result().exists()
    session.store.close()
