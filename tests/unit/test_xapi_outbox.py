"""The xAPI outbox: one valid statement per recorded answer and per finished run, written with it, never twice."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest

from tests.clients.harness import FIXTURE_LESSONS, take_quizzes, validate_statement
from tutor.cli import main
from tutor.kinds import model_answer
from tutor.progress import xapi
from tutor.progress.faults import StoreError
from tutor.progress.store import Store
from tutor.session import open_session
from tutor.teacher.assignment import make_assignment

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def statements(home, profile="ana") -> list[dict]:
    with Store.open(home / "progress.db") as store:
        return [json.loads(s) for s in store.statements(profile)]


def verbs(found: list[dict]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in found]


def test_every_answer_and_finished_module_has_one_valid_statement(isolated_data_dir):
    take_quizzes(isolated_data_dir, "ana", wrong={"why-closed", "who-says-cost"}, now=T0)
    found = statements(isolated_data_dir)
    for statement in found:
        validate_statement(statement)
        assert statement["version"] == "1.0.3" and statement["timestamp"].startswith("2026-03-02T09:30:00")
        assert statement["actor"] == {"objectType": "Agent", "account": {"homePage": xapi.DEFAULT_HOMEPAGE, "name": "ana"}}
    assert verbs(found).count("answered") == 8 and verbs(found).count("completed") == 2
    finished = {s["object"]["id"].rsplit("/", 1)[-1]: s for s in found if verbs([s])[0] in ("passed", "failed")}
    # bridge-basics: 2 of 4 right (50%, under the default 60%); bridge-sources: 4 of 4
    assert verbs([finished["bridge-sources"]]) == ["passed"] and finished["bridge-sources"]["result"]["score"]["scaled"] == 1.0
    assert verbs([finished["bridge-basics"]]) == ["failed"] and finished["bridge-basics"]["result"]["success"] is False
    answered = [s for s in found if verbs([s])[0] == "answered"]
    by_question = {s["object"]["id"].rsplit("/", 1)[-1]: s for s in answered}
    why = by_question["why-closed"]
    assert why["result"]["success"] is False and why["result"]["score"]["scaled"] == 0.0
    assert why["object"]["definition"]["interactionType"] == "choice"
    assert why["object"]["definition"]["correctResponsesPattern"] == ["cracks"]
    assert why["context"]["contextActivities"]["parent"][0]["id"].endswith("/modules/bridge-basics")
    matching = by_question["match-speakers"]
    assert matching["result"]["response"] == "four[.]council[,]five[.]group[,]hundred[.]engineer"
    assert [c["id"] for c in matching["object"]["definition"]["source"]] == ["four", "five", "hundred"]
    assert by_question["cyclists-only"]["result"]["response"] == "false"
    assert by_question["order-events"]["object"]["definition"]["interactionType"] == "sequencing"
    assert by_question["engineer-name"]["object"]["definition"]["interactionType"] == "fill-in"
    # one run, one registration for its answers and its finish
    runs = {s["context"]["registration"] for s in found if s["context"]["contextActivities"].get("parent", [{}])[0].get("id", "").endswith("basics")}
    assert len(runs) == 1


def test_a_repeated_answer_adds_no_statement_and_ids_are_stable(isolated_data_dir):
    session = open_session(isolated_data_dir, [str(FIXTURE_LESSONS)], "ana", shipped=False)
    module = session.library.modules["bridge-basics"]
    quiz = session.start_run(module, now=T0)
    question = module.questions[0]
    session.answer(quiz, question, model_answer(question), 2.0, now=T0)
    session.answer(quiz, question, model_answer(question), 2.0, now=T0)  # double key press
    quiz.answers.clear()  # as if a second process answered it too
    session.answer(quiz, question, model_answer(question), 2.0, now=T0)
    session.finish(quiz, now=T0)
    session.finish(quiz, now=T0)
    session.store.close()
    found = statements(isolated_data_dir)
    assert verbs(found) == ["answered", "completed", "failed"]
    # the same facts give the same id: a statement id always stands for the same content
    again = xapi.answered(xapi.Settings(), "ana", xapi.Answered(module, question), model_answer(question), True, 1.0, 2.0,
                          found[0]["timestamp"], found[0]["context"]["registration"], "lesson", found[0]["context"]["extensions"][
                              xapi.Settings().extension("local-date")])
    assert again == found[0]


def test_practice_answers_have_statements_too_without_a_run(isolated_data_dir):
    session = open_session(isolated_data_dir, [str(FIXTURE_LESSONS)], "ana", shipped=False)
    module = session.library.modules["bridge-sources"]
    session.practise(module, module.questions[1], "Kovac", 3.0, mode="review")
    session.store.close()
    (statement,) = statements(isolated_data_dir)
    validate_statement(statement)
    assert "registration" not in statement["context"]
    assert statement["context"]["extensions"][xapi.Settings().extension("mode")] == "review"


def test_answer_and_statement_are_one_transaction(isolated_data_dir, monkeypatch):
    session = open_session(isolated_data_dir, [str(FIXTURE_LESSONS)], "ana", shipped=False)
    module = session.library.modules["bridge-basics"]
    quiz = session.start_run(module)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(type(session.store), "_add_statements", broken)
    with pytest.raises(StoreError):  # the store reports a failed write as a user-facing error, and rolls it back
        session.answer(quiz, module.questions[0], model_answer(module.questions[0]), 1.0)
    assert session.store.attempts("ana") == []  # no answer without its statement
    monkeypatch.undo()
    quiz.answers.clear()
    session.answer(quiz, module.questions[0], model_answer(module.questions[0]), 1.0)
    assert len(session.store.attempts("ana")) == 1 and session.store.pending_count() == 1
    session.store.close()


def test_pass_mark_comes_from_the_assignment_else_config(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    (isolated_data_dir / "config.toml").write_text('[xapi]\nhomepage = "https://school.example/"\npass_mark = 40\n', encoding="utf-8")
    take_quizzes(isolated_data_dir, "ana", wrong={"why-closed", "who-says-cost"})  # bridge-basics scores 50%
    basics = [s for s in statements(isolated_data_dir) if s["object"]["id"].endswith("/modules/bridge-basics")]
    assert "passed" in verbs(basics)  # 40% default from config.toml
    assert basics[0]["actor"]["account"]["homePage"] == "https://school.example"
    library = open_session(isolated_data_dir, [str(FIXTURE_LESSONS)], "bo", shipped=False).library
    homework = make_assignment(library.modules, ["bridge-basics"], "Homework", 90, "2026-12-01", 3, False, 1)
    take_quizzes(isolated_data_dir, "bo", wrong={"why-closed", "who-says-cost"}, assignment=homework)
    basics = [s for s in statements(isolated_data_dir, "bo") if s["object"]["id"].endswith("/modules/bridge-basics")]
    assert "failed" in verbs(basics)
    ext = xapi.Settings("https://school.example").extension
    assert basics[-1]["context"]["extensions"][ext("assignment")] == homework.id
    assert basics[-1]["context"]["extensions"][ext("pass-mark")] == 90


def test_a_broken_config_is_a_clear_error_before_anything_is_written(isolated_data_dir, capsys):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    (isolated_data_dir / "config.toml").write_text('[xapi]\nhomepage = "not a url"\n', encoding="utf-8")
    with pytest.raises(Exception, match="homepage 'not a url' is not an http"):
        open_session(isolated_data_dir, [str(FIXTURE_LESSONS)], "ana", shipped=False)
    assert main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "quiz", "bridge-basics", "--plain"]) == 1
    assert "is not an http(s) address" in capsys.readouterr().err


def test_export_xapi_writes_a_learners_statements(isolated_data_dir, tmp_path, capsys):
    take_quizzes(isolated_data_dir, "ana")
    take_quizzes(isolated_data_dir, "bo")
    out = tmp_path / "ana.json"
    assert main([*_LESSONS, "export", "xapi", "--profile", "ana", "--out", str(out)]) == 0
    assert "12 xAPI statements for ana" in capsys.readouterr().out
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == statements(isolated_data_dir, "ana")
    assert {s["actor"]["account"]["name"] for s in written} == {"ana"}
    assert main([*_LESSONS, "export", "xapi", "--profile", "nobody", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no learner 'nobody' on this computer" in err and "learners: ana, bo" in err
    assert main([*_LESSONS, "export", "xapi", "--profile", "ana", "--out", str(tmp_path / "missing" / "a.json")]) == 1
    assert "does not exist" in capsys.readouterr().err


_LESSONS = ["--no-shipped", "--lessons", str(FIXTURE_LESSONS)]


def test_a_store_from_tutor_0_1_0_gets_an_empty_outbox_and_keeps_its_answers(tmp_path):
    import shutil

    from tests.conftest import ROOT
    from tutor.progress import schema

    shutil.copy(ROOT / "tests" / "fixtures" / "upgrade" / "home" / "progress.db", tmp_path / "progress.db")
    before = sqlite3.connect(tmp_path / "progress.db").execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    with Store.open(tmp_path / "progress.db") as store:
        assert schema.version(store.conn) == schema.LATEST_VERSION
        assert store.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == before > 0
        assert store.pending_count() == 0


def test_marking_sent_skips_what_is_sent_but_never_a_hole(isolated_data_dir):
    take_quizzes(isolated_data_dir, "ana")
    with Store.open(isolated_data_dir / "progress.db") as store:
        ids = [row_id for row_id, _s in store.pending_statements(100)]
        assert len(ids) == store.pending_count() == 12
        store.mark_sent(ids[:3] + ids[4:8])  # the 4th was refused
        assert [r for r, _s in store.pending_statements(100)] == [ids[3], *ids[8:]]
        assert store.pending_count() == 5
        store.mark_sent([ids[3]])
        assert [r for r, _s in store.pending_statements(100)] == ids[8:]
        assert [r for r, _s in store.pending_statements(2, after=ids[8])] == ids[9:11]
        store.mark_sent(ids[8:])
        assert store.pending_statements(100) == [] and store.pending_count() == 0
        store.mark_unsent()
        assert store.pending_count() == 12
