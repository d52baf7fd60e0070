"""``tutor doctor`` checks schema and contents, not only that the file opens, and the caches (F25); it never
follows a symbolic link to change a file's mode (F30)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from tests.conftest import FIXTURE_ARGS
from tutor import cli
from tutor.library import cache
from tutor.progress.schema import LATEST_VERSION
from tutor.progress.store import Store


@pytest.fixture
def home(isolated_data_dir):
    with Store.open(isolated_data_dir / "progress.db") as store:
        run = store.start_run("kim", "bridge-basics", "")
        store.record_answer("kim", "bridge-basics", "q1", "h", ["a"], True, 1.0, 1.0, run_id=run.id)
    return isolated_data_dir


def doctor(capsys) -> tuple[int, str]:
    status = cli.main([*FIXTURE_ARGS, "doctor"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err
    return status, out.out


def edit(home, *statements: str) -> None:
    conn = sqlite3.connect(home / "progress.db")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_healthy_store_is_ok(home, capsys):
    status, out = doctor(capsys)
    assert status == 0 and "integrity check: ok" in out and f"schema version {LATEST_VERSION}, 1 learner, 1 answer" in out


def test_a_missing_table_is_found_though_the_file_opens(home, capsys):
    edit(home, "DROP TABLE latest")
    status, out = doctor(capsys)
    assert status == 1 and "schema: table 'latest' is missing" in out and "back it up" in out
    assert (home / "progress.db").exists() and not [p for p in os.listdir(home) if "damaged" in p]


def test_a_version_that_lies_about_the_tables_is_found(home, capsys):
    edit(home, "PRAGMA user_version = 3")
    status, out = doctor(capsys)
    assert status == 1 and f"schema: schema version 3, expected {LATEST_VERSION}" in out


def test_rows_tutor_cannot_use_are_counted(home, capsys):
    edit(home, "UPDATE attempts SET answer = 'not json', score = 7")
    status, out = doctor(capsys)
    assert status == 1
    assert "contents: 1 stored answer(s) are not readable" in out and "contents: 1 answer(s) have an impossible mark or score" in out


def test_a_missing_index_is_recreated(home, capsys):
    edit(home, "DROP INDEX runs_by_module")
    status, out = doctor(capsys)
    assert status == 0 and "recreated missing index: runs_by_module" in out
    assert doctor(capsys)[1].count("recreated") == 0


def test_a_damaged_library_cache_is_reported_and_rebuilt(home, capsys):
    doctor(capsys)  # builds the cache
    (home / "cache" / cache.CACHE_NAME).write_bytes(b"\x93garbage")
    status, out = doctor(capsys)
    assert status == 0 and "Library cache: damaged" in out and "rebuilt" in out
    assert "Library cache: ok" in doctor(capsys)[1]


@pytest.mark.parametrize("name", ["progress.db", "progress.db-wal", "progress.db-shm"])
def test_doctor_never_changes_the_mode_of_a_symlinks_target(tmp_path, home, capsys, name):
    """F30: a store file that is a symbolic link (to another file of the user's, or /etc/passwd under root) is left alone."""
    target = tmp_path / "someone-elses-file"
    target.write_text("not tutor's")
    target.chmod(0o644)
    link = home / name
    if name == "progress.db":  # the store itself behind a link: doctor still works on it, but changes no mode through it
        real = tmp_path / "real.db"
        os.replace(home / "progress.db", real)
        real.chmod(0o644)
        link.symlink_to(real)
        target = real
    else:
        if link.exists():
            link.unlink()
        link.symlink_to(target)
    doctor(capsys)
    assert target.stat().st_mode & 0o777 == 0o644


def test_doctor_makes_a_plain_store_private(home, capsys):
    (home / "progress.db").chmod(0o644)
    status, out = doctor(capsys)
    assert status == 0
    assert "made progress.db readable by you only" in out
    assert (home / "progress.db").stat().st_mode & 0o777 == 0o600
