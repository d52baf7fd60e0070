"""The progress store under faults: only real damage moves a file aside (F2, F15, F16).

Busy (another program holds the database), full (a real tiny tmpfs, and
SQLite's own max_page_count), read-only (a read-only tmpfs, and SQLite's
query_only) and not-a-file stores are each reported as what they are,
naming the file; the file stays where it is and every committed answer is
still there afterwards. CI runs as root, where chmod cannot make a file
read-only: the read-only cases use a read-only mount or SQLite's query_only.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import FIXTURE_ARGS, ROOT
from tests.hardening.conftest import fill
from tutor.progress import faults, schema
from tutor.progress import store as store_module
from tutor.progress.faults import StoreError
from tutor.progress.store import Store


@pytest.fixture
def quick_busy(monkeypatch):
    """A busy timeout of 0.1 s, so a held lock turns into the 'busy' error quickly (three tries)."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)


def seeded(path, answers: int = 5) -> list[int]:
    with Store.open(path) as store:
        run = store.start_run("kim", "history", "")
        return [store.record_answer("kim", "history", f"q{n}", "h", ["a"], True, 1.0, 1.0, run_id=run.id)[0] for n in range(answers)]


def kept(path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()


def assert_not_moved(folder) -> None:
    assert not [p for p in os.listdir(folder) if ".damaged-" in p]


# -- busy (F2, F16) -----------------------------------------------------------------------------
def test_a_store_locked_by_another_program_is_busy_not_damaged(tmp_path, quick_busy):
    db = tmp_path / "progress.db"
    ids = seeded(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings VALUES (1, 'x', 'y')")  # holds the exclusive lock: nobody can even read
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(db)
        assert caught.value.kind == "busy" and "is busy: another program is using it" in caught.value.message
        assert_not_moved(tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(db) as store:
        assert store.notice is None and {a["question_id"] for a in store.attempts("kim")} == {f"q{n}" for n in range(5)}
    assert set(ids) <= kept(db)


def test_a_writer_holding_the_lock_makes_an_answer_wait_then_report_busy(tmp_path, quick_busy):
    db = tmp_path / "progress.db"
    seeded(db)
    with Store.open(db) as store:
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        try:
            with pytest.raises(StoreError, match="is busy") as caught:
                store.record_answer("kim", "history", "late", "h", ["a"], True, 1.0, 1.0)
            assert caught.value.kind == "busy"
            assert time.monotonic() - started >= faults.BUSY_TRIES * 0.1  # waited, and retried
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.record_answer("kim", "history", "late", "h", ["a"], True, 1.0, 1.0)[1]  # free again: saved
    assert len(kept(db)) == 6


def test_a_short_lock_by_another_process_is_waited_for(tmp_path):
    """BEGIN IMMEDIATE and the busy timeout: a lock held for a moment by another process costs a wait, not an error."""
    db = tmp_path / "progress.db"
    seeded(db)
    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); "
            "print('locked', flush=True); time.sleep(1.0); c.execute('ROLLBACK')")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with Store.open(db) as store:
            assert store.record_answer("kim", "history", "waited", "h", ["a"], True, 1.0, 1.0)[1]
    finally:
        holder.wait(timeout=30)
    assert len(kept(db)) == 6


def test_the_cli_says_busy_in_one_sentence(tmp_path, quick_busy, monkeypatch, capsys):
    from tutor import cli

    home = tmp_path / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    seeded(home / "progress.db")
    holder = sqlite3.connect(home / "progress.db", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings VALUES (1, 'x', 'y')")
    try:
        status = cli.main([*FIXTURE_ARGS, "--profile", "kim", "progress"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert status == 1 and err.startswith(f"tutor: the progress store {home / 'progress.db'} is busy") and "internal" not in err
    assert_not_moved(home)


# -- full disk (F2, F15) ------------------------------------------------------------------------
def test_a_full_database_reports_full_and_keeps_every_committed_answer(tmp_path):
    """SQLite's own limit (max_page_count) gives the very error a full disk gives: SQLITE_FULL."""
    db = tmp_path / "progress.db"
    ids = seeded(db)
    with Store.open(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="the disk is full") as caught:
            for n in range(1000):
                store.record_answer("kim", "history", f"big{n}", "h", ["x" * 4000], True, 1.0, 1.0)
        assert caught.value.kind == "full"
        assert not store.conn.in_transaction
    assert_not_moved(tmp_path)
    assert set(ids) <= kept(db)


def test_a_really_full_disk_while_answering_and_at_start(tiny_disk):
    db = tiny_disk / "home" / "progress.db"
    ids = seeded(db)
    with Store.open(db) as store:
        fill(tiny_disk)
        with pytest.raises(StoreError) as caught:
            for n in range(2000):
                store.record_answer("kim", "history", f"big{n}", "h", ["x" * 2000], True, 1.0, 1.0)
        assert caught.value.kind in ("full", "io"), caught.value.message
        saved = {a["question_id"] for a in store.attempts("kim")}
    try:
        reopened = Store.open(db)  # on a full disk: opens, or says why; never moves the store aside
        reopened.close()
    except StoreError as exc:
        assert exc.kind in ("full", "io", "cannot-open"), exc.message
    assert_not_moved(db.parent)
    for name in os.listdir(tiny_disk):
        if name.startswith("filler-"):
            os.unlink(tiny_disk / name)
    with Store.open(db) as store:
        assert store.notice is None
        assert {a["question_id"] for a in store.attempts("kim")} == saved
    assert set(ids) <= kept(db)


# -- read-only (F15) ----------------------------------------------------------------------------
def test_a_read_only_database_is_reported_as_read_only(tmp_path):
    db = tmp_path / "progress.db"
    ids = seeded(db)
    with Store.open(db) as store:
        store.conn.execute("PRAGMA query_only = 1")  # SQLITE_READONLY, as for a file the user may not write
        with pytest.raises(StoreError, match="is read-only") as caught:
            store.record_answer("kim", "history", "new", "h", ["a"], True, 1.0, 1.0)
        assert caught.value.kind == "read-only"
    assert set(ids) == kept(db)


def test_a_store_on_a_read_only_mount_is_reported(tiny_disk):
    db = tiny_disk / "home" / "progress.db"
    ids = seeded(db)
    done = subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr}")
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    assert caught.value.kind in ("read-only", "cannot-open") and str(db) in caught.value.message
    assert_not_moved(db.parent)
    subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=True)
    assert set(ids) == kept(db)


def test_an_unwritable_data_folder_is_reported(tmp_path, monkeypatch):
    """As a normal user sees it (CI runs as root): creating the lock file fails with EACCES."""
    import errno

    from tutor.progress import files

    real_open = os.open

    def refuse(path, flags, *args):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(StoreError, match="permission denied") as caught:
        Store.open(tmp_path / "progress.db")
    assert caught.value.kind == "cannot-open"


# -- not a file, schema (F2, F25) -----------------------------------------------------------------
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_store_that_is_not_a_file_is_refused_not_moved(tmp_path, kind):
    db = tmp_path / "progress.db"
    db.mkdir() if kind == "folder" else os.mkfifo(db)
    with pytest.raises(StoreError, match="is not a file") as caught:
        Store.open(db)
    assert caught.value.kind == "not-a-file"
    assert_not_moved(tmp_path) and os.path.lexists(db)


def test_a_store_missing_a_table_is_refused_with_the_reason(tmp_path):
    db = tmp_path / "progress.db"
    ids = seeded(db)
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE latest")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="does not have the tables tutor expects: table 'latest' is missing"):
        Store.open(db)
    assert set(ids) == kept(db)
    with Store.open(db, strict=False) as store:  # doctor can still look inside
        assert schema.problems(store.conn) == ["table 'latest' is missing"]


def test_damage_is_told_apart_by_code_not_by_exception_class():
    locked = sqlite3.OperationalError("database is locked")
    full = sqlite3.OperationalError("database or disk is full")
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    notadb = sqlite3.DatabaseError("file is not a database")
    assert [faults.is_damage(e) for e in (locked, full, malformed, notadb)] == [False, False, True, True]
    for exc, code in ((locked, 5), (full, 13), (malformed, 11), (notadb, 26)):
        exc.sqlite_errorcode = code
    assert [faults.store_error(e, "p").kind for e in (locked, full, malformed, notadb)] == ["busy", "full", "damaged", "damaged"]


def test_a_stored_answer_that_is_not_json_does_not_break_reading(tmp_path):
    db = tmp_path / "progress.db"
    seeded(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE attempts SET answer = 'not json' WHERE question_id = 'q0'")
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        answers = {a["question_id"]: a["answer"] for a in store.attempts("kim")}
        assert answers["q0"] is None and answers["q1"] == ["a"]
        assert store.run_answers(1)["q0"].response is None


def test_cli_in_a_subprocess_never_moves_a_busy_store(tmp_path):
    """The whole command, as a user runs it, against a store another process keeps locked."""
    home = tmp_path / "home"
    ids = seeded(home / "progress.db")
    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('PRAGMA locking_mode = EXCLUSIVE'); "
            "c.execute('BEGIN EXCLUSIVE'); c.execute(\"INSERT INTO settings VALUES (1, 'x', 'y')\"); print('locked', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(home / "progress.db")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        out = subprocess.run([sys.executable, "-m", "tutor", *FIXTURE_ARGS, "--profile", "kim", "progress"], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "TUTOR_HOME": str(home)}, timeout=120)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert out.returncode == 1 and "is busy" in out.stderr and "moved" not in out.stderr and "internal" not in out.stderr
    assert_not_moved(home)
    assert set(ids) <= kept(home / "progress.db")


def test_a_data_folder_that_is_a_file_is_reported(tmp_path):
    (tmp_path / "home").write_text("a file, not a folder")
    with pytest.raises(StoreError, match="is not a folder") as caught:
        Store.open(tmp_path / "home" / "progress.db")
    assert caught.value.kind == "cannot-open"


def test_a_missing_column_met_later_is_a_schema_error_not_an_internal_one(tmp_path):
    db = tmp_path / "progress.db"
    seeded(db)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE attempts DROP COLUMN mode")
    conn.commit()
    conn.close()
    with Store.open(db) as store, pytest.raises(StoreError, match="does not have the tables tutor expects") as caught:
        store.attempts("kim")
    assert caught.value.kind == "schema"
