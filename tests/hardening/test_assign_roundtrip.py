"""What ``tutor assign`` writes, ``tutor start`` accepts, and the report reads back (F26).

A property test over titles, ids, seeds and attempt limits (Hypothesis, a
fixed seed): ``make_assignment`` either refuses a value with an
AssignmentError, or the file it writes loads back as the same assignment.
Then a few hostile titles go the whole way through the real commands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURE_ARGS, LESSONS, ROOT
from tutor.fsutil import atomic_write
from tutor.teacher.assignment import AssignmentError, load_assignment, make_assignment

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)  # surrogates and controls included
YAML_HOSTILE = st.sampled_from(["null", "~", "no", "10:00", "2024-01-02", "- x", "? x", ": x", "&a", "*a", "!tag", "%YAML", "#", "'", '"',
                                "|", ">", "@", "`", "\t", " lead", "trail ", "[a]", "{a: 1}", "a: b", "0x1F", "1e3", ".inf", "\ufeff", "\ufffe"])


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(ANY_TEXT, YAML_HOSTILE, st.builds(lambda a, b: a + b, YAML_HOSTILE, ANY_TEXT)),
       ident=st.one_of(st.none(), ANY_TEXT, st.from_regex(r"[a-z0-9]{1,70}(-[a-z0-9]{1,5}){0,3}", fullmatch=True)),
       seed=st.integers(-5, 2**64), attempts=st.integers(-1, 1200))
@example(title="Week\n3", ident=None, seed=1, attempts=1)
@example(title="\x1b[31mred", ident=None, seed=1, attempts=1)
@example(title="a" * 201, ident=None, seed=1, attempts=1)
@example(title="ok", ident="a" * 61, seed=1, attempts=1)
@example(title="ok", ident="week-3\n", seed=1, attempts=1)
def test_what_assign_accepts_loads_back_unchanged(tmp_path, library, title, ident, seed, attempts):
    try:
        made = make_assignment(library.modules, ["bridge-basics"], title, 50, "2030-12-01", attempts, True, seed, ident)
    except AssignmentError as exc:
        assert exc.message  # refused, with a reason: never an exception of another kind
        return
    path = tmp_path / "a.assignment.yaml"
    atomic_write(path, made.to_yaml())
    assert load_assignment(path) == made


@pytest.mark.parametrize("title", ["Week 3: \"quotes\" & 'apostrophes' #1", "no", "- [x] {y} ? z", "王芳的作业 — ⚖", " padded  "])
def test_hostile_titles_go_all_the_way_through(tmp_path, title):
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}

    def tutor(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "tutor", *FIXTURE_ARGS, *args], capture_output=True, text=True, cwd=tmp_path, env=env,
                              input=stdin, timeout=120)

    made = tutor("assign", "--title", title, "--module", "bridge-basics", "--due", "2030-12-01", "--seed", "5", "--out", "a.yaml")
    assert made.returncode == 0, made.stderr
    quiz = tutor("--profile", "ann", "quiz", "bridge-basics", "--plain", "--assignment", "a.yaml", "--out", "results", stdin="1\n")
    assert quiz.returncode == 0, quiz.stderr
    submitted = tutor("--profile", "ann", "submit", "a.yaml", "--out", "results")  # the run is under way: submit writes the result
    assert submitted.returncode == 0, submitted.stderr
    report = tutor("report", "results", "--assignment", "a.yaml", "--json")
    assert report.returncode == 0, report.stderr
    assert list(json.loads(report.stdout)["students"]) == ["ann"]
    assert load_assignment(tmp_path / "a.yaml").title == title.strip()


def test_argv_that_is_not_utf8_is_refused_as_a_title(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "assign", "--title", os.fsdecode(b"Week \xff"), "--module", "bridge-basics",
                          "--due", "2030-12-01", "--out", str(tmp_path / "a.yaml")], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "TUTOR_HOME": str(tmp_path / "home")}, timeout=120)
    assert out.returncode == 1 and "the title contains the character U+DCFF" in out.stderr and "internal" not in out.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_lessons_path_is_fixture(library):
    assert str(LESSONS).endswith("lessons") and set(library.modules) == {"bridge-basics", "bridge-sources"}
