"""Small helpers shared by the benchmark scripts (timing whole processes, medians)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _compile_once() -> None:
    """Byte-compile tutor as an installed copy is, so start-up figures do not include compiling our sources.

    pip compiles an installed package; an editable checkout is compiled on
    first run, and never when PYTHONDONTWRITEBYTECODE is set (as on this
    machine), which added some 20 ms of compiling to every timed start.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tutor")], env=env, check=False, stdout=subprocess.DEVNULL)


_compile_once()


def run_process(argv: list[str], env: dict | None = None, repeat: int = 11) -> tuple[float, float]:
    """Median wall time (ms) of a whole process, and the peak RSS (MB) of the children."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}, check=False, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def python() -> str:
    return sys.executable


def tutor_command() -> list[str]:
    """The installed ``tutor`` script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("tutor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tutor"]


def report(name: str, value: float, unit: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  OK" if ok else "  OVER TARGET")
    print(f"{name:<58} {value:10.2f} {unit:<3} {target}{verdict}")
