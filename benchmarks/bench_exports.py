"""Export and xAPI figures, each as a ratio against a baseline measured in the same run.

Prints, measured in one run on this machine:
* exporting 1,000 generated modules (each the size of the largest shipped
  module) to Anki, GIFT and QTI, against loading those modules from their
  YAML files (target: each format within 2x of loading);
* recording an answer together with its xAPI outbox row (one fsync'd
  transaction), median and 99th percentile over 10,000 answers, against the
  same answer recorded without a statement (target: p99 under 2 ms);
* ``tutor sync`` of 10,000 statements to a local Ralph LRS, against a bare
  loop POSTing the same batches over one kept-alive connection (target: at
  least 0.8x the bare loop's rate). Each run gets a fresh, empty Ralph, since
  Ralph's file backend reads all it holds to find duplicates on every POST.

Generated files live in a temporary folder, never committed; Ralph is
stopped at the end whatever happens.
"""

from __future__ import annotations

import gc
import http.client
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, report
from tutor.exports import anki, gift, qti
from tutor.exports.lrs import LRS, sync
from tutor.kinds import model_answer
from tutor.library import lesson_folders, load_library
from tutor.progress import xapi
from tutor.progress.store import Store

N_MODULES = 1000
N_ANSWERS = 10_000
N_STATEMENTS = 10_000
BATCH = 500


def timed(function, *args):
    gc.collect()
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def make_library(folder: Path) -> None:
    largest = max((ROOT / "lessons").glob("*.yaml"), key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    for i in range(N_MODULES):
        body = re.sub(r"^id: .*$", f"id: generated-{i:04d}", text, count=1, flags=re.MULTILINE)
        (folder / f"m{i:04d}.yaml").write_text(body, encoding="utf-8")


def load(folder: Path):
    return load_library(lesson_folders(None, [folder], shipped=False))


def exports(tmp: Path) -> None:
    folder = tmp / "lessons"
    folder.mkdir()
    make_library(folder)
    load(folder)  # warm the file cache and imports
    loading, library = min((timed(load, folder) for _ in range(2)), key=lambda r: r[0])
    modules = list(library.modules.values())
    assert len(modules) == N_MODULES, library.broken[:1]
    questions = sum(len(m.questions) for m in modules)
    report(f"load {N_MODULES:,} modules ({questions:,} questions) from YAML", loading * 1000, "ms")
    for name, run in (
        ("anki", lambda: anki.export(library, modules, tmp / "all.apkg")),
        ("gift", lambda: gift.export(library, modules, tmp / "all.gift")),
        ("qti", lambda: qti.export(library, modules, tmp / "all.zip")),
    ):
        seconds, _ = timed(run)
        ratio = seconds / loading
        report(f"export {N_MODULES:,} modules to {name}: x loading", ratio, "x", f"({seconds * 1000:.0f} ms; target <= 2x)", ratio <= 2)


def record(tmp: Path) -> Path:
    """Answers with and without their statement, alternating in chunks so that a busy disk weighs on both alike."""
    library = load_library(lesson_folders(None, [ROOT / "tests" / "fixtures" / "lessons"], shipped=False))
    pairs = [(m, q) for m in library.modules.values() for q in m.questions]
    path = tmp / "progress.db"
    results: dict[str, list[float]] = {"without": [], "with": []}
    with Store.open(path) as store:
        for chunk in range(-1, 2 * N_ANSWERS // 250):  # chunk -1 warms up (imports, caches)
            label = "with" if chunk % 2 else "without"
            for i in range(250):
                module, question = pairs[i % len(pairs)]
                about = xapi.Answered(module, question) if label == "with" else None
                start = time.perf_counter()
                store.record_answer(f"bench-{label}", module.id, question.id, question.content_hash, model_answer(question), True, 1.0, 2.0,
                                    mode="review", about=about)
                if chunk >= 0:
                    results[label].append((time.perf_counter() - start) * 1000)
        assert store.pending_count() >= N_STATEMENTS
    for label in ("without", "with"):
        times = sorted(results[label])
        p99 = times[int(len(times) * 0.99) - 1]
        report(f"record an answer {label} its outbox row: median of {len(times):,}", statistics.median(times), "ms")
        report(f"record an answer {label} its outbox row: p99", p99, "ms", "(target < 2 ms)" if label == "with" else "",
               p99 < 2 if label == "with" else None)
    return path


def bare_loop(url: str, batches: list[bytes], headers: dict[str, str]) -> float:
    host_port = url.split("/")[2]
    conn = http.client.HTTPConnection(host_port, timeout=120)
    start = time.perf_counter()
    for body in batches:
        conn.request("POST", "/xAPI/statements", body=body, headers=headers)
        answer = conn.getresponse()
        answer.read()
        assert answer.status == 200, answer.status
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def syncing(tmp: Path, store_path: Path) -> None:
    from tests.clients.harness import LRS_PASSWORD, LRS_USER, start_ralph

    with Store.open(store_path) as store:
        rows = store.conn.execute("SELECT statement FROM outbox ORDER BY id LIMIT ?", (N_STATEMENTS,)).fetchall()
        store.conn.execute("DELETE FROM outbox WHERE id NOT IN (SELECT id FROM outbox ORDER BY id LIMIT ?)", (N_STATEMENTS,))
    statements = [r[0] for r in rows]
    batches = [("[" + ",".join(statements[i : i + BATCH]) + "]").encode() for i in range(0, len(statements), BATCH)]
    bare, ours = [], []
    for attempt in range(3):
        for kind in (("bare", "sync") if attempt % 2 == 0 else ("sync", "bare")):
            server = start_ralph(tmp / f"ralph-{kind}-{attempt}")
            try:
                lrs = LRS(server.url, LRS_USER, LRS_PASSWORD, timeout=120)
                if kind == "bare":
                    headers = {**lrs.headers, "Content-Type": "application/json"}
                    bare.append(bare_loop(server.url, batches, headers))
                else:
                    with Store.open(store_path) as store:
                        store.mark_unsent()
                    with Store.open(store_path) as store:
                        seconds, result = timed(sync, store, lrs, BATCH)
                        assert result.sent == N_STATEMENTS and result.pending == 0
                    ours.append(seconds)
            finally:
                server.stop()
    rate_bare, rate_ours = N_STATEMENTS / min(bare), N_STATEMENTS / min(ours)
    report(f"bare loop of batched POSTs ({N_STATEMENTS:,} statements)", rate_bare, "/s")
    ratio = rate_ours / rate_bare
    report("tutor sync: x the bare loop's rate", ratio, "x", f"({rate_ours:.0f}/s; target >= 0.8x)", ratio >= 0.8)


def main() -> None:
    """All three parts, or those named on the command line (exports, record, sync; sync needs record)."""
    parts = set(sys.argv[1:]) or {"exports", "record", "sync"}
    with tempfile.TemporaryDirectory(prefix="tutor-bench-exports-") as name:
        tmp = Path(name)
        if "exports" in parts:
            exports(tmp)
        if parts & {"record", "sync"}:
            store_path = record(tmp)
            if "sync" in parts:
                syncing(tmp, store_path)


if __name__ == "__main__":
    main()
