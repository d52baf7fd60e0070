"""The store under real failures: SIGKILL mid-burst, two writers, damaged files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tutor.progress import schema
from tutor.progress.store import Store

WRITER = [sys.executable, "-m", "tests.functional.progress_writer"]


def start_writer(db, profile, count):
    return subprocess.Popen([*WRITER, str(db), profile, str(count)], stdout=subprocess.PIPE, text=True, cwd=ROOT)


def test_sigkill_in_a_burst_loses_no_acknowledged_answer(tmp_path):
    db = tmp_path / "progress.db"
    acknowledged: set[int] = set()
    for round_number in range(15):
        proc = start_writer(db, "kim", 100_000)
        wanted = 5 + (round_number * 7) % 40
        for _ in range(wanted):
            line = proc.stdout.readline()
            assert line, "writer died early"
            acknowledged.add(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Anything printed after our last read was acknowledged too.
        acknowledged.update(int(x) for x in proc.stdout.read().split())
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT id FROM attempts")}
    assert acknowledged <= stored
    assert len(acknowledged) >= 15 * 5
    # latest is kept in step with attempts in the same transaction.
    assert conn.execute("SELECT COUNT(*) FROM latest").fetchone()[0] == len({row[0] for row in conn.execute("SELECT question_id FROM attempts")})


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "progress.db"
    Store.open(db).close()
    procs = [start_writer(db, name, 300) for name in ("ann", "bob")]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    ids = [int(x) for out in outputs for x in out.split()]
    assert len(ids) == len(set(ids)) == 600
    with Store.open(db) as store:
        assert store.integrity_check() == ["ok"]
        assert len(store.attempts("ann")) == len(store.attempts("bob")) == 300


def damaged(kind: str, path):
    if kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "not-a-database":
        path.write_text("these are my notes, not a database\n")
    else:
        with Store.open(path) as store:
            for n in range(400):
                store.record_answer("kim", "history", f"q{n}", "h", ["a" * 200], True, 1.0, 1.0)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = bytearray(path.read_bytes())
        if kind == "truncated":
            data = data[: len(data) // 3]
        else:  # garbage over the middle pages, header intact
            for i in range(4096, len(data) - 4096):
                data[i] = (i * 7) % 256
        path.write_bytes(bytes(data))
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["zero-length", "not-a-database", "truncated", "scribbled"])
def test_damaged_file_is_moved_aside_and_a_fresh_store_started(tmp_path, kind):
    db = tmp_path / "progress.db"
    original = damaged(kind, db)
    store = Store.open(db)
    try:
        assert store.notice and "was moved to" in store.notice
        moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
        assert len(moved) == 1 and moved[0].read_bytes() == original
        assert str(moved[0]) in store.notice
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0)
        assert store.integrity_check() == ["ok"]
    finally:
        store.close()
    with Store.open(db) as again:
        assert again.notice is None and len(again.attempts("kim")) == 1


def seed_version(conn: sqlite3.Connection, version: int) -> None:
    """Rows as a tutor at ``version`` would have written them."""
    conn.execute("INSERT INTO profiles(name, created_at) VALUES ('kim', '2025-01-01T00:00:00.000000+00:00')")
    for n, correct in enumerate((0, 1, 1)):
        conn.execute(
            "INSERT INTO attempts(profile_id, module_id, question_id, question_hash, answer, correct, score, seconds, answered_at) "
            "VALUES (1, 'history', ?, 'h', '[\"a\"]', ?, ?, 1.0, ?)",
            (f"q{n % 2}", correct, float(correct), f"2025-01-0{n + 1}T00:00:00.000000+00:00"),
        )
    conn.execute("INSERT INTO positions VALUES (1, 'history', 'q1', '2025-01-03T00:00:00.000000+00:00')")
    if version >= 2:  # tutor at version 2 kept `latest` up to date on each answer
        conn.execute("INSERT INTO latest VALUES (1, 'history', 'q1', 2, 'h', 1, 1.0, '2025-01-02T00:00:00.000000+00:00')")
        conn.execute("INSERT INTO latest VALUES (1, 'history', 'q0', 3, 'h', 1, 1.0, '2025-01-03T00:00:00.000000+00:00')")
        conn.execute("INSERT INTO module_results VALUES (1, 'history', 1, 0.5, 0.5, '2025-01-03T00:00:00.000000+00:00')")


@pytest.mark.parametrize("version", range(1, schema.LATEST_VERSION))
def test_migration_from_every_earlier_version_keeps_every_row(tmp_path, version):
    db = tmp_path / "progress.db"
    conn = sqlite3.connect(db, isolation_level=None)
    assert schema.migrate(conn, target=version) == version
    seed_version(conn, version)
    conn.close()
    with Store.open(db) as store:
        assert schema.version(store.conn) == schema.LATEST_VERSION
        assert len(store.attempts("kim")) == 3
        record = store.module_records("kim")["history"]
        assert record.place == "q1"
        # the latest answer per question was rebuilt from the attempts
        assert {q: a.correct for q, a in record.latest.items()} == {"q0": True, "q1": True}
        if version >= 2:
            assert record.best_score == 0.5


def test_newer_database_is_refused_not_damaged(tmp_path):
    db = tmp_path / "progress.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(schema.NewerDatabaseError):
        Store.open(db)
    assert db.read_bytes() == before


def test_files_are_private(tmp_path):
    os.umask(0o022)
    with Store.open(tmp_path / "data" / "progress.db") as store:
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0)
        for name in ("progress.db", "progress.db-wal", "progress.db-shm"):
            assert (tmp_path / "data" / name).stat().st_mode & 0o777 == 0o600, name
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700


def test_answer_commit_is_visible_to_another_process_immediately(tmp_path):
    db = tmp_path / "progress.db"
    with Store.open(db) as store:
        store.record_answer("kim", "history", "q1", "h", ["a"], True, 1.0, 1.0)
        out = subprocess.run(
            [sys.executable, "-c", f"import sqlite3; print(sqlite3.connect({str(db)!r}).execute('SELECT COUNT(*) FROM attempts').fetchone()[0])"],
            capture_output=True, text=True, check=True,
        ).stdout
        assert out.strip() == "1"
        time.sleep(0)
