"""The tutor command as a user runs it: exit codes, output and no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import DATA, FIXTURE_ARGS, FIXTURES, ROOT


def tutor(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_help_and_version():
    out = tutor("--help")
    assert out.returncode == 0
    for command in ("start", "validate", "list", "sources"):
        assert command in out.stdout
    version = tutor("--version")
    assert version.returncode == 0 and version.stdout.startswith("tutor ")


def test_validate_fixture_lessons_is_clean():
    out = tutor(*FIXTURE_ARGS, "validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 files checked: 2 valid, 0 with errors, 0 errors" in out.stdout


def test_validate_broken_folder_reports_every_file_and_exits_1():
    out = tutor("validate", str(DATA / "broken"))
    assert out.returncode == 1
    broken = sorted((DATA / "broken").glob("*.yaml"))
    for path in broken:
        assert path.name in out.stdout, path.name
    assert f"{len(broken)} files checked: 0 valid, {len(broken)} with errors" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_missing_path():
    out = tutor("validate", "no/such/file.yaml")
    assert out.returncode == 1 and "no such file or folder" in out.stdout


def test_list_shows_modules_and_broken_ones(tmp_path):
    (tmp_path / "bad.yaml").write_bytes((DATA / "broken" / "typo-key.yaml").read_bytes())
    out = tutor(*FIXTURE_ARGS, "--lessons", str(tmp_path), "list")
    assert "bridge-basics" in out.stdout and "bridge-sources" in out.stdout
    assert "unavailable: minimal:" in out.stderr and "did you mean 'summary'" in out.stderr
    assert out.returncode == 1


def test_list_notes_an_override(tmp_path):
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8").replace("id: minimal", "id: motives")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    out = tutor("list", env={"TUTOR_LESSONS": str(tmp_path)})
    assert out.returncode == 0
    assert "note: module 'motives' from" in out.stdout and "replaces the one in lessons/03-motives.yaml" in out.stdout


def test_sources_lists_and_prints_an_article():
    out = tutor("sources")
    assert out.returncode == 0 and "Eldar Mamedov" in out.stdout and "Voice of World News" in out.stdout
    one = tutor("sources", "new-chapter")
    assert one.returncode == 0 and "but on how they govern." in one.stdout and "in cart" not in one.stdout
    full = tutor("sources", "new-chapter", "--full")
    assert "1in cart" in full.stdout
    missing = tutor("sources", "nope")
    assert missing.returncode == 1 and "no article with id 'nope'" in missing.stderr


def test_start_without_a_terminal_says_so_with_the_fix():
    out = tutor("start")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "tutor: the full-screen tutorial needs a terminal",
        "  run it in one, or add --plain for the line-by-line mode",
    ]


def test_no_command_prints_help_and_fails():
    out = tutor()
    assert out.returncode == 2 and "usage:" in out.stdout


def test_progress_commands(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home")}
    empty = tutor("profiles", env=env)
    assert empty.returncode == 0 and "No learner" in empty.stdout
    from tutor.progress.store import Store

    with Store.open(tmp_path / "home" / "progress.db") as store:
        run = store.start_run("ann", "bridge-basics", "")
        store.record_answer("ann", "bridge-basics", "why-closed", "h1:stale", ["cracks"], True, 1.0, 3.0, run_id=run.id)
    table = tutor(*FIXTURE_ARGS, "progress", "--profile", "ann", env=env)
    assert table.returncode == 0 and "bridge-basics" in table.stdout and "1 answered question changed since" in table.stdout
    data = tutor(*FIXTURE_ARGS, "--profile", "ann", "progress", "--json", env=env)
    import json

    modules = {m["module_id"]: m for m in json.loads(data.stdout)["modules"]}
    assert modules["bridge-basics"]["changed"] == 1 and modules["bridge-basics"]["done"] == 0
    refused = tutor("progress", "reset", "--profile", "ann", env=env)
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    done = tutor("progress", "reset", "--profile", "ann", "--yes", env=env)
    assert done.returncode == 0 and "Deleted 1 answer of ann" in done.stdout
    doctor = tutor("doctor", env=env)
    assert doctor.returncode == 0 and "integrity check: ok" in doctor.stdout


def test_damaged_store_is_reported_in_one_sentence(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.db").write_text("not a database")
    out = tutor("doctor", env={"TUTOR_HOME": str(home)})
    assert out.returncode == 0
    assert "could not be used because it is not a SQLite database; it was moved to" in out.stderr
    assert "Traceback" not in out.stderr


ASSIGNMENT = str(FIXTURES / "upgrade" / "bridge-homework.assignment.yaml")


@pytest.mark.parametrize(
    "command",
    [["list"], ["progress"], ["submit", ASSIGNMENT], ["start", "--plain"], ["quiz", "bridge-basics", "--plain"], ["profiles"]],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("name", ["../etc", "", " ", "x" * 41, "a/b", "\x1b[31mred"], ids=["dotdot", "empty", "space", "long", "slash", "escape"])
def test_a_bad_profile_name_is_the_same_clear_error_on_every_command(tmp_path, command, name):
    """B1: the profile rule is checked in one place, whichever command is given."""
    out = tutor(*FIXTURE_ARGS, "--profile", name, *command, env={"TUTOR_HOME": str(tmp_path / "home")})
    if command == ["profiles"]:
        assert out.returncode == 0  # lists every learner: the option is not used, and not refused either
        return
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith("tutor: the profile name ") and "is not usable" in out.stderr
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr and "\x1b" not in out.stderr


def test_a_missing_csv_folder_is_a_user_error(tmp_path):
    """B3."""
    out = tutor(*FIXTURE_ARGS, "report", str(FIXTURES / "upgrade" / "results"), "--csv", str(tmp_path / "missing" / "x.csv"))
    assert out.returncode == 1 and "the folder" in out.stderr and "does not exist" in out.stderr and "internal" not in out.stderr


def test_a_wrong_shaped_piped_answer_is_reported_and_the_next_line_tried(tmp_path):
    """B2: '1' for an ordering question is a user's mistake, not an internal error; the answers before it are kept."""
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    from tutor.session import open_session

    session = open_session(tmp_path / "home", [str(FIXTURES / "lessons")], "ann", shipped=False)
    module = session.module("bridge-basics")
    order = [o.id for o in session.arrange(module, module.question("order-events")).shown]
    typed = " ".join(str(order.index(i) + 1) for i in module.question("order-events").correct)
    session.store.close()
    out = subprocess.run(
        [sys.executable, "-m", "tutor", *FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-basics", "--plain"],
        input=f"1\n1\nf\n1\n{typed}\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )
    assert out.returncode == 1 and "internal" not in out.stderr, out.stderr
    assert "Line 4: that does not fit: give all 3 item numbers" in out.stdout
    assert "1 answer line did not fit and was skipped" in out.stdout and "End of The bridge reopens" in out.stdout


def test_an_unexpected_exception_is_one_bug_report_line_and_exit_70(monkeypatch, capsys):
    from tutor import cli, commands

    def explode(args):
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr(commands, "run", explode)
    assert cli.main(["list"]) == 70
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("tutor: internal error: RuntimeError: something broke. This is a bug in tutor")


def test_list_shows_progress_once_a_store_exists(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home")}
    assert "PROGRESS" not in tutor(*FIXTURE_ARGS, "list", env=env).stdout
    answered = subprocess.run(
        [sys.executable, "-m", "tutor", *FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-basics", "--plain"], input="1\n",
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, timeout=60,
    )
    assert answered.returncode == 0, answered.stderr
    listing = tutor(*FIXTURE_ARGS, "--profile", "ann", "list", env=env).stdout
    assert "PROGRESS" in listing
    line = next(line for line in listing.splitlines() if line.startswith("bridge-basics "))
    assert line.rstrip().endswith("1/4")
