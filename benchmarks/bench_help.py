"""``tutor --help`` against ``python -c pass`` (target: at most 1.5x), measured alternately in one run.

``tutor --help`` runs the installed console script, as a user types it. That
script is written by the installer, not by tutor: pip before 25 (and
distlib) wrote one that imports ``re`` first, which alone costs about 1.6x a
bare interpreter here (pypa/pip#13165); newer pip and uv do not. So the run
also times an empty script of the installed script's kind (same first lines,
a main that does nothing): the floor no help text can go below. tutor's own
share is the difference.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, python, report, tutor_command

RUNS = 31


def floor_script(folder: Path, script: Path) -> list[str]:
    """An executable like the installed ``tutor`` script, importing a module whose main does nothing."""
    (folder / "noop_main.py").write_text("def main():\n    return 0\n")
    lines = script.read_text(encoding="utf-8").splitlines() if script.exists() else ["#!" + python(), "import sys"]
    body = [line.replace("tutor.cli", "noop_main") for line in lines]
    body.insert(1, f"import sys as _s; _s.path.insert(0, {str(folder)!r})")
    path = folder / "noop-script"
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    path.chmod(0o755)
    return [str(path)]


def main() -> None:
    # Bytecode caches as an installed copy has them (some sandboxes set PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES")}
    script = Path(tutor_command()[0])
    with tempfile.TemporaryDirectory() as scratch:
        cases = {
            "python -c pass": [python(), "-c", "pass"],
            "the installed script's kind, doing nothing": floor_script(Path(scratch), script),
            "tutor --help": [*tutor_command(), "--help"],
            "python -m tutor --help": [python(), "-m", "tutor", "--help"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(3):  # warm-up: bytecode caches and the file cache
            for argv in cases.values():
                subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, check=False)
        for _ in range(RUNS):
            for name, argv in cases.items():
                start = time.perf_counter()
                subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, check=False)
                times[name].append((time.perf_counter() - start) * 1000)
    base = statistics.median(times["python -c pass"])
    imports_re = script.exists() and any(line.strip() == "import re" for line in script.read_text(encoding="utf-8").splitlines())
    for name, values in times.items():
        median = statistics.median(values)
        if name == "tutor --help":
            ratio = median / base
            report(name, median, "ms", f"ratio {ratio:.2f}x (target <= 1.5x)", ratio <= 1.5)
        elif name == "python -c pass":
            report(name, median, "ms")
        else:
            report(name, median, "ms", f"ratio {median / base:.2f}x")
    floor = statistics.median(times["the installed script's kind, doing nothing"])
    report("tutor's own share of --help (help minus empty script)", statistics.median(times["tutor --help"]) - floor, "ms")
    if imports_re:
        print("note: the installed tutor script imports re (written by pip < 25): upgrade pip and reinstall for the faster script")


if __name__ == "__main__":
    main()
