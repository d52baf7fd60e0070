"""F20/B1: one profile-name rule, checked the same way by every command that takes a learner (in-process, for speed).

tests/functional/test_cli.py runs the same rule through the real command for the common cases; these add
the names the review found plus names from a terminal that is not UTF-8, bidi overrides and very long names.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import FIXTURE_ARGS, FIXTURES
from tutor import cli

ASSIGNMENT = str(FIXTURES / "upgrade" / "bridge-homework.assignment.yaml")
NAMES = {
    "dotdot": "../x", "empty": "", "long": "a" * 5000, "not-utf8": os.fsdecode(b"ann\xff"), "bidi": "ann\u202e", "escape": "\x1b]0;x\x07",
    "newline-inside": "an\nn", "slash": "a/b", "nul": "a\x00b",
}
COMMANDS = {
    "list": ["list"], "progress": ["progress"], "reset": ["progress", "reset", "--yes"], "submit": ["submit", ASSIGNMENT],
    "quiz": ["quiz", "bridge-basics", "--plain"], "start": ["start", "--plain"],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_every_command_refuses_a_bad_profile_name_the_same_way(tmp_path, monkeypatch, capsys, command, name):
    monkeypatch.chdir(tmp_path)
    status = cli.main([*FIXTURE_ARGS, *command[:1], "--profile", name, *command[1:]])
    err = capsys.readouterr().err
    assert status == 1, err
    first = err.splitlines()[0]
    assert first.startswith("tutor: the profile name ") and first.endswith(" is not usable"), err
    assert first.isprintable() and len(first) < 200 and "internal error" not in err
    assert not (tmp_path / "tutor-results").exists()
