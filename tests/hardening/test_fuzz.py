"""Fuzz tests (Hypothesis, derandomized so every run is the same): piped answers and result files.

The lesson reader's fuzz test is tests/unit/test_fuzz_loader.py. Together
they run in a few seconds; ``max_examples`` keeps ``make test`` well within
its 30-second budget for fuzzing.
"""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import LESSONS
from tests.hardening.conftest import week3_result
from tutor.errors import UserError
from tutor.kinds import InvalidResponse, grade, model_answer
from tutor.plain import run_plain
from tutor.session import open_session

FUZZ = settings(max_examples=100, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# -- piped answers ----------------------------------------------------------------------------------
PLAUSIBLE = st.sampled_from(["1", "2", "3", "4", "1,3", "2 3", "3 1 2", "3 1 2 4", "b a c", "b a d c", "t", "f", "true", "cracks",
                             "the engineers", "q", "quit", "# comment", "", "  ", "0", "-1", "99"])
HOSTILE = st.sampled_from(["1 2", "²", "９", "9" * 5000, "1" * 40, "\x1b[2J", "\u202e1", "1\x002", "1,,,,3", "a" * 10_000, "1;2", "b b b",
                           "z y x", "\t", "١", "1.5", "1e3", "0x1", "٣", "𝟙"])
LINE = st.one_of(PLAUSIBLE, HOSTILE, st.text(max_size=30).filter(lambda t: "\n" not in t and "\r" not in t))
RAW = st.sampled_from([b"\xff\xfe", b"\xc3", b"1\x85", b"\xed\xa0\x80"])  # invalid UTF-8 and a NEL


@st.composite
def piped(draw) -> bytes:
    lines = draw(st.lists(st.one_of(LINE.map(lambda t: t.encode("utf-8", "surrogatepass")), RAW), max_size=12))
    newline = draw(st.sampled_from([b"\n", b"\r\n"]))
    return newline.join(lines) + draw(st.sampled_from([b"", newline]))


@pytest.fixture(scope="module")
def fuzz_session(tmp_path_factory):
    session = open_session(tmp_path_factory.mktemp("plain"), [LESSONS], "kim", shipped=False)
    yield session
    session.store.close()


@FUZZ
@given(data=piped(), module_id=st.sampled_from(["bridge-basics", "bridge-sources", None]))
def test_piped_answers_never_crash_and_store_only_valid_answers(fuzz_session, data, module_id):
    session = fuzz_session
    module = session.module(module_id) if module_id else None
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None)
    out = io.StringIO()
    try:
        status = run_plain(session, module, quiz_only=module is not None, stdin=stdin, out=out)
    except UserError as exc:  # the one expected refusal: nothing usable was piped in at all
        assert exc.message
    else:
        assert status in (0, 1)
    shown = out.getvalue()
    assert "\x1b" not in shown and "\u202e" not in shown and "Traceback" not in shown
    # every stored answer is one the question can take, graded as stored, once per run
    for module in session.modules:
        for run in session.store.runs(session.profile, module.id):
            for qid, answer in session.store.run_answers(run.id).items():
                question = module.question(qid)
                earned = grade(question, answer.response)
                assert (earned.correct, earned.score) == (answer.correct, answer.score)
    conn = sqlite3.connect(session.store.path)
    twice = conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM attempts GROUP BY run_id, question_id, question_hash HAVING COUNT(*) > 1)")
    assert twice.fetchone()[0] == 0
    conn.close()


# -- result files -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def genuine(tmp_path_factory, library):
    return week3_result(tmp_path_factory.mktemp("genuine"), library, lambda _module, _n, q: model_answer(q))


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from(["\ud800", "x\udfff", "\x1b[31m", "\u202e", "NaN", "", "=1+1", "a" * 3000, "h1:0000", "2030-12-01T00:00:00+00:00"]),
    st.lists(st.text(max_size=5), max_size=4), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def paths_of(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_of(value, (*prefix, index))


@st.composite
def mutated_result(draw, base) -> bytes:
    data = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in paths_of(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["set", "delete", "rename"]))
        if action == "set":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = parent.pop(path[-1])
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    raw = text.encode("utf-8", "surrogatepass")
    cut = draw(st.sampled_from(["none", "none", "truncate", "byte"]))
    if cut == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif cut == "byte":
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    return raw


@FUZZ
@given(data=st.data())
def test_result_files_never_crash_the_report(tmp_path_factory, genuine, library, data):
    from tutor.commands.output import _printable_data
    from tutor.teacher.report import as_json, build_report, csv_text, item_analysis

    assignment, base = genuine
    folder = tmp_path_factory.mktemp("inbox")
    files = data.draw(st.lists(mutated_result(base), min_size=1, max_size=3))
    for n, raw in enumerate(files):
        (folder / f"r{n}.json").write_bytes(raw)
    (folder / "good.json").write_text(json.dumps(base))
    report = build_report([folder], assignment, library.modules)
    assert "ann" in report.results  # one bad file never stops the report (a still-valid copy of ann's may stand in for it)
    assert len(report.results) + len(report.rejected) == len(files) + 1
    for rejected in report.rejected:
        assert rejected.reason and rejected.reason.encode("utf-8")
    csv_text(report).encode("utf-8")
    json.dumps(_printable_data(as_json(report, item_analysis(report, library.modules))), ensure_ascii=True)


@FUZZ
@given(answer=st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=12))
def test_grading_any_json_answer_raises_only_invalid_response(library, answer):
    """Result files carry answers as arbitrary JSON; the report regrades them, so grading must refuse, never crash."""
    for module in library.modules.values():
        for question in module.questions:
            try:
                earned = grade(question, answer)
            except InvalidResponse:
                continue
            assert 0.0 <= earned.score <= 1.0
