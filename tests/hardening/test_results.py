"""Result files and the class report under hostile input (F4, F5, F7, F19, F29, F32).

One module-scoped real result (a learner's answers through the session, on
the fixture lessons) is mutated in every way the review found; each bad file
is left out with a reason naming it, and the report goes on with the rest.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_ARGS
from tests.hardening.conftest import week3_result
from tutor import cli
from tutor.errors import UserError
from tutor.kinds import model_answer, wrong_answer
from tutor.teacher.report import build_report, check_output, csv_text, neutralise
from tutor.teacher.results import decode, encode, result_path, write_result


@pytest.fixture(scope="module")
def made(tmp_path_factory, library):
    """(assignment, the teacher's modules, a genuine result as JSON data) for learner 'ann': basics right, sources half wrong."""

    def answer(module, n, q):
        return model_answer(q) if module.id == "bridge-basics" or n % 2 else wrong_answer(q)

    assignment, data = week3_result(tmp_path_factory.mktemp("ann"), library, answer)
    return assignment, library.modules, data


def genuine(made, student="ann"):
    data = copy.deepcopy(made[2])
    data["student"] = student
    return data


def forge(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()
B, S = ("modules", "bridge-basics"), ("modules", "bridge-sources")
FIRST_Q = (*B, "questions", "why-closed")

#: name -> (a change to a genuine file as raw bytes or a (path, value) edit, a fragment of the reason)
HOSTILE = {
    "missing-late": ((("late",), DELETE), "missing required field `late`"),
    "missing-passed": (((*B, "passed"), DELETE), "missing required field `passed`"),
    "missing-score": (((*B, "score"), DELETE), "missing required field `score`"),
    "question-not-object": (((*B, "questions", "why-closed"), "cracks"), "Expected `object`"),
    "question-null": (((*B, "questions", "why-closed"), None), "Expected `object`"),
    "score-999": ((("score",), 9.99), "Expected `float` <= 1.0"),
    "score-minus-500": (((*B, "score"), -5.0), "Expected `float` >= 0.0"),
    "passed-no": ((("passed",), "no"), "Expected `bool`, got `str`"),
    "passed-1": (((*B, "passed"), 1), "Expected `bool`, got `int`"),
    "score-true": ((("score",), True), "Expected `float`, got `bool`"),
    "attempts-negative": (((*B, "attempts_used"), -1), ">= 0"),
    "unknown-field": ((("bonus",), 1), "unknown field `bonus`"),
    "student-empty": ((("student",), ""), "length >= 1"),
    "question-score-1.5": (((*FIRST_Q, "score"), 1.5), "<= 1.0"),
    "nan": (b'{"format": "tutor-result", "score": NaN}', "NaN is not a number"),
    "infinity": (b'{"format": "tutor-result", "score": -Infinity}', "-Infinity is not a number"),
    "1e999": (b'{"format": "tutor-result", "score": 1e999}', "does not match the result format"),
    "duplicate-key": (b'{"format": "tutor-result", "score": 1, "score": 0}', "the key 'score' appears twice"),
    "huge-int": (b'{"format": "tutor-result", "score": ' + b"9" * 5000 + b"}", "not valid result data"),
    "deep": (b'{"format": "tutor-result", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    "surrogate-student": (None, "lone surrogate"),
    "surrogate-key": (None, "lone surrogate"),
    "not-utf8": (b'{"format": "tutor-result", "student": "\xff"}', "not UTF-8"),
    "empty": (b"", "broken or truncated"),
    "null": (b"null", "not a tutor result file"),
    "list": (b"[]", "not a tutor result file"),
    "too-big": (b" " * (1 << 20) + b"{}", "larger than 1 MiB"),
    # F5: well-typed but impossible or forged
    "mean-forged": ((("score",), 0.99), "not the mean of its module scores"),
    "passed-forged": ((*S, "passed"), True),
    "late-forged": ((("late",), True), "'late' flag disagrees"),
    "finished-unused": (((*B, "attempts_used"), 0), "finished with no attempt used"),
    "marked-right-forged": (((*(*S, "questions"), "who-says-too-long", "correct"), True), "is marked right"),
    "module-score-forged": (None, "states a score of"),
    "impossible-answer": (((*FIRST_Q, "answer"), ["no-such-option"]), "cannot be an answer to that question"),
    "answer-a-dict": (((*FIRST_Q, "answer"), {"x": [1, {"y": None}]}), "cannot be an answer to that question"),
    "unknown-question": (None, "is not in the module"),
}
HOSTILE["passed-forged"] = (((*B, "passed"), False), "says failed with a score of 100%")


def hostile_bytes(name, made) -> bytes:
    change, _reason = HOSTILE[name]
    if isinstance(change, bytes):
        return change
    data = genuine(made, f"student-{name}")
    if name == "surrogate-student":
        return json.dumps(data).replace('"student-surrogate-student"', '"x\\ud800y"').encode()
    if name == "surrogate-key":
        return json.dumps(data).replace('"why-closed"', '"why\\udfffclosed"').encode()
    if name == "module-score-forged":  # consistent everywhere but with the answers: a higher module score, mean and all
        data["modules"]["bridge-sources"]["score"] = 0.5 + 0.25
        data["score"] = round((data["modules"]["bridge-basics"]["score"] + 0.75) / 2, 4)
        data["modules"]["bridge-sources"]["passed"] = True
        return json.dumps(data).encode()
    if name == "unknown-question":
        data["modules"]["bridge-basics"]["questions"]["invented"] = data["modules"]["bridge-basics"]["questions"]["why-closed"]
        return json.dumps(data).encode()
    path, value = change
    return json.dumps(forge(data, path, value), allow_nan=True).encode()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_bad_result_file_is_left_out_with_its_reason(tmp_path, made, name):
    assignment, modules, _data = made
    (tmp_path / "good.json").write_bytes(json.dumps(genuine(made)).encode())
    (tmp_path / "bad.json").write_bytes(hostile_bytes(name, made))
    report = build_report([tmp_path], assignment, modules)
    assert sorted(report.results) == ["ann"]
    reasons = {Path(r.path).name: r.reason for r in report.rejected}
    assert list(reasons) == ["bad.json"], reasons
    assert HOSTILE[name][1] in reasons["bad.json"], reasons["bad.json"]
    reasons["bad.json"].encode("utf-8")  # every reason can be printed


def test_one_command_over_every_bad_file_reports_the_good_one(tmp_path, made, capsys, monkeypatch):
    """F4: one malformed file never stops the class report; each is named on stderr."""
    assignment, _modules, _data = made
    (tmp_path / "week.yaml").write_text(assignment.to_yaml())
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ann.json").write_bytes(json.dumps(genuine(made)).encode())
    for name in HOSTILE:
        (inbox / f"{name}.json").write_bytes(hostile_bytes(name, made))
    monkeypatch.chdir(tmp_path)
    status = cli.main([*FIXTURE_ARGS, "report", "inbox", "--assignment", "week.yaml", "--csv", "grades.csv"])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "Assignment: Week 3 (1 student)" in out.out and "internal error" not in out.err
    for name in HOSTILE:
        assert f"inbox/{name}.json: " in out.err, name
    rows = list(csv.reader(io.StringIO((tmp_path / "grades.csv").read_text())))
    assert [r[0] for r in rows[1:]] == ["ann", "class average"]


def test_a_genuine_file_of_version_1_is_still_read(made):
    from tests.conftest import FIXTURES
    from tutor.teacher.assignment import load_assignment

    assignment = load_assignment(FIXTURES / "upgrade" / "bridge-homework.assignment.yaml")
    report = build_report([FIXTURES / "upgrade" / "results"], assignment, made[1])
    assert list(report.results) == ["Ana"] and report.rejected == []


def test_a_file_as_tutor_writes_it_takes_the_fast_way_and_a_key_given_twice_still_does_not(made):
    """Files exactly as written are decoded straight into the schema (for speed); that way must refuse nothing less."""
    from tutor.teacher.results import _decode_as_written

    written = encode(decode(json.dumps(genuine(made)).encode()))
    assert _decode_as_written(written) == decode(written)
    assert _decode_as_written(written.replace(b"\n", b"\r\n  ")) is not None  # spacing does not matter
    twice = written.replace(b'"late": false', b'"late": true,\n  "late": false', 1)
    assert b'"late": true' in twice and _decode_as_written(twice) is None
    with pytest.raises(ValueError, match="the key 'late' appears twice"):
        decode(twice)
    inner = written.replace(b'"correct": ', b'"correct": true, "correct": ', 1)
    with pytest.raises(ValueError, match="the key 'correct' appears twice"):
        decode(inner)


# -- F7: result file names ---------------------------------------------------------------------
def test_result_names_are_injective_and_stay_in_their_folder(tmp_path):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=6, unique=True))
    def check(names):
        paths = [result_path(tmp_path, "week-3", name) for name in names]
        assert len(set(paths)) == len(names)
        assert all(p.parent == tmp_path and p.name.startswith("week-3--") and p.suffix == ".json" for p in paths)

    check()
    assert result_path(tmp_path, "w", "Jürgen") != result_path(tmp_path, "w", "Jörgen")
    assert result_path(tmp_path, "w", "王芳") != result_path(tmp_path, "w", "李娜")


def test_writing_never_replaces_another_learners_file(tmp_path, made):
    """Even when another learner's result sits under this learner's name (a collision, or a file put there)."""
    ann = decode(json.dumps(genuine(made)).encode())
    bob = decode(json.dumps(genuine(made, "bob")).encode())
    squatted = result_path(tmp_path, bob.assignment.id, bob.student)
    squatted.write_bytes(encode(ann))
    written = write_result(bob, tmp_path)
    assert written != squatted and decode(squatted.read_bytes()).student == "ann" and decode(written.read_bytes()).student == "bob"
    again = write_result(bob, tmp_path)  # bob's own earlier file is replaced, not multiplied
    assert again == written and len(list(tmp_path.iterdir())) == 2
    assert write_result(ann, tmp_path) == result_path(tmp_path, ann.assignment.id, "ann")  # ann's own name was free
    assert sorted(decode(p.read_bytes()).student for p in tmp_path.iterdir()) == ["ann", "ann", "bob"]
    garbage = result_path(tmp_path, "week-3", "cy")
    garbage.write_text("a teacher's notes, not a result")
    cy = decode(json.dumps(genuine(made, "cy")).encode())
    assert write_result(cy, tmp_path) != garbage and garbage.read_text() == "a teacher's notes, not a result"


# -- F29, F32: the gradebook ----------------------------------------------------------------------
def test_csv_cells_cannot_forge_rows_formulas_or_reorder_text():
    for hostile in ("=HYPERLINK(\"http://x\")", " @SUM(A1)", ";=1+1", "a,=cmd|' /C calc'!A0", "Eve\nMallory,100,True", "\u202eeviL",
                    "\x1b]0;title\x07", "\x9b31m", "\uff1dSUM(A1)", "tab\t=1"):
        cell = neutralise(hostile)
        assert cell.isprintable() or "\ufffd" in cell, repr(cell)
        assert not any(ch in cell for ch in "\n\r\t\x1b\x9b\u202e")
        for separator in (",", ";", "|"):
            for piece in cell.split(separator):
                assert not piece.lstrip().startswith(("=", "+", "-", "@", "\uff1d")), (hostile, cell)


def test_the_gradebook_of_a_hostile_name_is_one_safe_row(tmp_path, made):
    assignment, modules, _data = made
    (tmp_path / "r.json").write_bytes(json.dumps(genuine(made, "Eve\n=1+1;=2,\u202eX")).encode())
    report = build_report([tmp_path], assignment, modules)
    text = csv_text(report)
    assert len(text.splitlines()) == 3  # header, Eve, class average: no forged row
    assert "\u202e" not in text and "\n=" not in text


@pytest.mark.parametrize("how", ["same-path", "dot-dot", "symlink", "hard-link", "assignment", "json-in-results-folder", "folder"])
def test_csv_never_overwrites_an_input(tmp_path, made, how):
    assignment, modules, _data = made
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    result = inbox / "ann.json"
    result.write_bytes(json.dumps(genuine(made)).encode())
    week = tmp_path / "week.yaml"
    week.write_text(assignment.to_yaml())
    target = {
        "same-path": result, "dot-dot": inbox / ".." / "inbox" / "ann.json", "symlink": tmp_path / "link.csv",
        "hard-link": tmp_path / "hard.csv", "assignment": week, "json-in-results-folder": inbox / "grades.json", "folder": inbox,
    }[how]
    if how == "symlink":
        target.symlink_to(result)
    if how == "hard-link":
        os.link(result, target)
    before = result.read_bytes(), week.read_bytes()
    report = build_report([inbox], assignment, modules)
    with pytest.raises(UserError):
        check_output(target, report, [inbox, week])
    assert (result.read_bytes(), week.read_bytes()) == before


def test_json_output_holds_no_raw_control_or_bidi_characters(tmp_path, made, capsys):
    assignment, _modules, _data = made
    (tmp_path / "r.json").write_bytes(json.dumps(genuine(made, "Eve\x1b[2J\u202e\x85")).encode())
    (tmp_path / "week.yaml").write_text(assignment.to_yaml())
    status = cli.main([*FIXTURE_ARGS, "report", str(tmp_path), "--assignment", str(tmp_path / "week.yaml"), "--json"])
    out = capsys.readouterr().out
    assert status == 0
    decoded = json.loads(out)
    name = next(iter(decoded["students"]))
    assert name.startswith("Eve") and not any(ch in name for ch in "\x1b\u202e\x85")


# -- F19: bad output paths -------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["missing-folder", "a-folder", "no-permission", "read-only-disk"])
def test_bad_csv_and_out_paths_are_user_errors(tmp_path, made, capsys, monkeypatch, how):
    """As a normal user sees them; 'no permission' and 'read-only' are simulated (CI runs as root): mkstemp raises EACCES or EROFS."""
    import errno

    from tutor import fsutil

    assignment, _modules, _data = made
    (tmp_path / "week.yaml").write_text(assignment.to_yaml())
    (tmp_path / "r.json").write_bytes(json.dumps(genuine(made)).encode())
    target = {"missing-folder": tmp_path / "nope" / "g.csv", "a-folder": tmp_path, "no-permission": tmp_path / "g.csv",
              "read-only-disk": tmp_path / "g.csv"}[how]
    if how in ("no-permission", "read-only-disk"):
        code = errno.EACCES if how == "no-permission" else errno.EROFS

        def refuse(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(fsutil.tempfile, "mkstemp", refuse)
    status = cli.main([*FIXTURE_ARGS, "report", str(tmp_path / "r.json"), "--assignment", str(tmp_path / "week.yaml"), "--csv", str(target)])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("tutor: ") and "internal" not in err, err
    expected = {"missing-folder": "does not exist", "a-folder": "is a folder", "no-permission": "permission denied",
                "read-only-disk": "permission denied"}[how]
    assert expected in err


@pytest.mark.parametrize("how", ["missing-parent-file", "a-file"])
def test_bad_out_folders_for_results_are_user_errors(tmp_path, made, how):
    from tutor.teacher.results import decode as decode_result

    result = decode_result(json.dumps(genuine(made)).encode())
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "sub" if how == "missing-parent-file" else tmp_path / "file"
    with pytest.raises(UserError, match="cannot create the results folder"):
        write_result(result, out)


def test_assignment_due_roundtrip_type(made):
    assert made[0].due == date(2030, 12, 1)
