"""The tutor command as a user runs it: exit codes, output and no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import DATA, ROOT


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


def test_validate_shipped_lessons_is_clean():
    out = tutor("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "6 files checked: 6 valid, 0 with errors, 0 errors" in out.stdout


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
    out = tutor("--lessons", str(tmp_path), "list")
    assert "contested-claims" in out.stdout and "reading-the-sources" in out.stdout
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
    assert missing.returncode == 2 and "no article with id 'nope'" in missing.stderr


def test_start_without_a_terminal_says_so_in_one_line():
    out = tutor("start")
    assert out.returncode == 2
    assert out.stderr.strip() == "tutor: the full-screen tutorial needs a terminal; run it in one, or add --plain."


def test_no_command_prints_help_and_fails():
    out = tutor()
    assert out.returncode == 2 and "usage:" in out.stdout


def test_progress_commands(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home")}
    empty = tutor("profiles", env=env)
    assert empty.returncode == 0 and "No learner" in empty.stdout
    from tutor.progress.store import Store

    with Store.open(tmp_path / "home" / "progress.db") as store:
        store.record_answer("ann", "history", "first-rule-recognisers", "stale-hash", ["a"], True, 1.0, 3.0)
    table = tutor("progress", "--profile", "ann", env=env)
    assert table.returncode == 0 and "history" in table.stdout and "1 answered question changed since" in table.stdout
    data = tutor("--profile", "ann", "progress", "--json", env=env)
    import json

    modules = {m["module_id"]: m for m in json.loads(data.stdout)["modules"]}
    assert modules["history"]["changed"] == 1 and modules["history"]["done"] == 0
    refused = tutor("progress", "reset", "--profile", "ann", env=env)
    assert refused.returncode == 2 and "add --yes" in refused.stderr
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


def test_bad_profile_name_is_a_clear_error():
    out = tutor("progress", "--profile", "../etc")
    assert out.returncode == 2 and "profile name '../etc' is not usable" in out.stderr


def test_list_shows_progress_once_a_store_exists(tmp_path):
    env = {"TUTOR_HOME": str(tmp_path / "home")}
    assert "PROGRESS" not in tutor("list", env=env).stdout
    answered = subprocess.run(
        [sys.executable, "-m", "tutor", "--profile", "ann", "quiz", "history", "--plain"], input="1\n", capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, **env}, timeout=60,
    )
    assert answered.returncode == 0, answered.stderr
    listing = tutor("--profile", "ann", "list", env=env).stdout
    assert "PROGRESS" in listing
    history = next(line for line in listing.splitlines() if line.startswith("history "))
    assert history.rstrip().endswith("1/12")
