"""Time from ``tutor start`` to its first frame, against a bare one-line Textual app.

Both run in a pseudo-terminal and exit right after their first frame, in the
same run, alternating. Prints the median wall time and the median peak RSS
of each, and the ratios (target: within 1.3x of the bare app for both).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, report

CHILD = str(Path(__file__).with_name("_first_frame.py"))
RUNS = 15


def run_in_pty(mode: str, home: str) -> tuple[float, float]:
    master, slave = os.openpty()
    # PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make every run
    # recompile tutor's modules from source, which no installed copy does;
    # the warm-up run below writes the bytecode caches, as a first start would.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    env.update(TERM="xterm-256color", TUTOR_HOME=home)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, CHILD, mode], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    os.set_blocking(master, False)
    pid = 0
    while not pid:
        with contextlib.suppress(OSError):
            os.read(master, 65536)  # keep the terminal drained so the app never blocks writing
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if not pid:
            time.sleep(0.002)
    elapsed = (time.perf_counter() - start) * 1000
    os.close(master)
    if os.WEXITSTATUS(status) != 0:
        raise SystemExit(f"{mode} exited with status {os.WEXITSTATUS(status)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        run_in_pty("tutor", home)  # first run creates the store and warms the OS file cache
        run_in_pty("bare", home)
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "tutor": []}
        for _ in range(RUNS):
            for mode in ("bare", "tutor"):
                results[mode].append(run_in_pty(mode, home))
    bare_ms = statistics.median(t for t, _ in results["bare"])
    tutor_ms = statistics.median(t for t, _ in results["tutor"])
    bare_mb = statistics.median(m for _, m in results["bare"])
    tutor_mb = statistics.median(m for _, m in results["tutor"])
    report("bare Textual app: start to first frame and exit", bare_ms, "ms")
    time_ratio = tutor_ms / bare_ms
    report("tutor start: start to first frame and exit", tutor_ms, "ms", f"ratio {time_ratio:.2f}x (target <= 1.3x)", time_ratio <= 1.3)
    report("bare Textual app: peak RSS", bare_mb, "MB")
    report("tutor start: peak RSS", tutor_mb, "MB", f"ratio {tutor_mb / bare_mb:.2f}x (target <= 1.3x)", tutor_mb <= 1.3 * bare_mb)


if __name__ == "__main__":
    main()
