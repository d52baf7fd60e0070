"""Progress-store figures: per-answer commit latency and the summary's speed.

Prints, measured in one run on this machine:
* recording an answer (one BEGIN IMMEDIATE transaction, fsync'd with
  synchronous=FULL), median and 99th percentile over 10,000 answers
  (target: p99 under 5 ms);
* the per-module progress summary of a learner with 100,000 attempts
  (target: under 50 ms).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import report
from tutor.library.folders import lesson_folders, load_library
from tutor.progress.store import Store
from tutor.progress.summary import summarise


def record_latencies(store: Store, questions: list[tuple[str, str, str]], n: int) -> list[float]:
    """Answers as the session records them: each in a run (a new run for every pass over the questions)."""
    times = []
    runs: dict[str, int] = {}
    for i in range(n):
        module_id, qid, qhash = questions[i % len(questions)]
        if i % len(questions) == 0:
            runs = {m: store.start_run("bench", m, "").id for m, _q, _h in questions}
            for run_id in runs.values():
                store.finish_run("bench", run_id, 0.5)
        start = time.perf_counter()
        store.record_answer("bench", module_id, qid, qhash, ["a"], i % 4 != 0, 1.0, 3.0, run_id=runs[module_id])
        times.append((time.perf_counter() - start) * 1000)
    return times


def fill_attempts(store: Store, questions: list[tuple[str, str, str]], total: int) -> None:
    """Bulk-load attempts for one learner, with `latest` as tutor keeps it."""
    pid = store.profile_id("big")
    with store.write() as conn:
        rows = []
        run_ids: dict[str, int] = {}
        for i in range(total):
            module_id, qid, qhash = questions[i % len(questions)]
            if i % len(questions) == 0:  # every pass over the questions is a new run of each module
                for m in {q[0] for q in questions}:
                    run_ids[m] = conn.execute(
                        "INSERT INTO runs(profile_id, module_id, assignment_id, started_at) VALUES (?, ?, '', '2026-01-01')", (pid, m)
                    ).lastrowid
            when = f"2026-01-01T00:00:{i % 60:02d}.{i:06d}+00:00"
            rows.append((pid, module_id, qid, qhash, '["a"]', i % 3 != 0, 1.0, 2.0, when, run_ids[module_id]))
        conn.executemany(
            "INSERT INTO attempts(profile_id, module_id, question_id, question_hash, answer, correct, score, seconds, answered_at, run_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.execute(
            """INSERT OR REPLACE INTO latest SELECT profile_id, module_id, question_id, MAX(id), question_hash, correct, score, MAX(answered_at)
               FROM attempts WHERE profile_id = ? GROUP BY module_id, question_id""",
            (pid,),
        )


def main() -> None:
    library = load_library(lesson_folders(None))
    questions = [(m.id, q.id, q.content_hash) for m in library.modules.values() for q in m.questions]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "progress.db") as store:
        record_latencies(store, questions, 200)  # warm up (fsrs import, caches)
        times = sorted(record_latencies(store, questions, 10_000))
        p99 = times[int(len(times) * 0.99) - 1]
        report("record an answer: median of 10,000", statistics.median(times), "ms")
        report("record an answer: 99th percentile", p99, "ms", "(target < 5 ms)", p99 < 5)

        fill_attempts(store, questions, (100_000 // len(questions)) * len(questions))
        count = store.conn.execute("SELECT COUNT(*) FROM attempts WHERE profile_id = ?", (store.profile_id("big"),)).fetchone()[0]
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            records = store.module_records("big")
            rows = [summarise(m, records.get(m.id)) for m in library.modules.values()]
            runs.append((time.perf_counter() - start) * 1000)
        assert sum(r.done for r in rows) == len(questions)
        median = statistics.median(runs)
        report(f"progress summary over {count:,} attempts (median of 20)", median, "ms", "(target < 50 ms)", median < 50)


if __name__ == "__main__":
    main()
