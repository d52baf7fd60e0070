"""The store under real failures: SIGKILL mid-burst, two writers, damaged files."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import LESSONS, ROOT
from tutor.progress import schema
from tutor.progress.store import Store

WRITER = [sys.executable, "-m", "tests.functional.progress_writer"]


def start_writer(db, profile, count):
    return subprocess.Popen([*WRITER, str(db), profile, str(count)], stdout=subprocess.PIPE, text=True, cwd=ROOT)


KILLS = 100


def test_sigkill_at_random_points_while_answering_loses_no_committed_answer(tmp_path):
    """100 SIGKILLs of a learner's process at random points while it answers through the session.

    Children are forked from a helper that has the library loaded (see
    progress_writer), so each round costs milliseconds. Each child answers
    quizzes (starting or resuming the learner's run, answering, finishing);
    it is killed after a random number of acknowledged answers, sometimes
    right after one and sometimes a random fraction of a millisecond later,
    so kills land inside transactions too. Afterwards every acknowledged
    answer is stored, exactly once per run and question, and the derived
    tables agree with the answers.
    """
    db = tmp_path / "progress.db"
    rng = random.Random(13)
    zygote = subprocess.Popen([*WRITER, "zygote", str(db), str(LESSONS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    acknowledged: dict[tuple[int, str, str], str] = {}
    finished: set[int] = set()

    def take(line: str) -> None:
        kind, *rest = line.split(" ", 4)
        if kind == "ack":
            run_id, qid, qhash, saved = rest
            acknowledged[(int(run_id), qid, qhash)] = saved
        elif kind == "done":
            finished.add(int(rest[0]))

    def send(line: str) -> None:
        zygote.stdin.write(line + "\n")
        zygote.stdin.flush()

    try:
        assert zygote.stdout.readline().strip() == "ready"
        for round_number in range(KILLS):
            send(f"fork {('kim', 'ann', 'bo')[round_number % 3]}")
            pid, wanted, seen = 0, rng.randint(0, 6), 0
            while not pid or seen < wanted:  # the child may print before its parent says "child PID"
                line = zygote.stdout.readline().strip()
                assert line, "the helper died"
                if line.startswith("child "):
                    pid = int(line.split()[1])
                else:
                    take(line)
                    seen += line.startswith("ack ")
            if rng.random() < 0.5:
                time.sleep(rng.random() / 1000)  # land somewhere inside the next answer's transaction
            os.kill(pid, signal.SIGKILL)
            send(f"reap {pid}")
            while (line := zygote.stdout.readline().strip()) != f"reaped {pid}":
                assert line, "the helper died"
                take(line)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=60)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT run_id, question_id, question_hash, answer FROM attempts").fetchall()
    stored = {(run, qid, qhash): answer for run, qid, qhash, answer in rows}
    missing = [key for key in acknowledged if key not in stored]
    assert not missing, missing[:5]
    assert all(json.loads(stored[key]) == json.loads(saved) for key, saved in acknowledged.items())
    # once per run and question, whatever was killed when
    twice = "SELECT COUNT(*) FROM (SELECT 1 FROM attempts GROUP BY run_id, question_id, question_hash HAVING COUNT(*) > 1)"
    assert conn.execute(twice).fetchone()[0] == 0
    # every finished run acknowledged is finished in the store, and the derived tables agree with the answers
    assert finished <= {row[0] for row in conn.execute("SELECT id FROM runs WHERE finished_at IS NOT NULL")}
    assert conn.execute(
        """SELECT COUNT(*) FROM latest l WHERE l.attempt_id != (SELECT MAX(a.id) FROM attempts a
           WHERE a.profile_id = l.profile_id AND a.module_id = l.module_id AND a.question_id = l.question_id)"""
    ).fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM (SELECT DISTINCT profile_id, module_id, question_id FROM attempts)").fetchone()[0] == \
        conn.execute("SELECT COUNT(*) FROM latest").fetchone()[0]
    assert len(acknowledged) >= KILLS  # the kills really fell among answers


def test_two_processes_answering_one_run_record_each_question_once(tmp_path):
    """F3 at the store: two processes for one learner answer the same run at the same moment, one rightly, one wrongly.

    Each question is recorded once; the process that came second is told the
    answer that stands (the first one's), so both report the same, which is
    what the store holds.
    """
    db = tmp_path / "progress.db"
    racers = [subprocess.Popen([*WRITER, "race", str(db), str(LESSONS), "kim", choice], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, cwd=ROOT) for choice in ("right", "wrong")]
    try:
        for racer in racers:
            assert racer.stdout.readline().strip() == "ready"
        for racer in racers:
            racer.stdin.write("go\n")
            racer.stdin.flush()
        outputs = [racer.communicate(timeout=120)[0] for racer in racers]
    finally:
        for racer in racers:
            racer.kill()
    assert all(r.returncode == 0 for r in racers)
    seen = [dict(line.split(" ", 2)[1:] for line in out.splitlines() if line.startswith("got ")) for out in outputs]
    assert seen[0] == seen[1] and len(seen[0]) == 4
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT run_id, question_id, answer FROM attempts").fetchall()
    assert len(rows) == 4 and len({r[0] for r in rows}) == 1
    assert {qid: json.loads(answer) for _run, qid, answer in rows} == {qid: json.loads(saved) for qid, saved in seen[0].items()}


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
