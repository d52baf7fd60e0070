"""Start-up and content-loading figures for the foundation.

Prints, measured in one run on this machine:
* ``tutor --help`` against ``python -c pass`` (target: within 3x);
* ``tutor list`` on the shipped lessons (target: under 400 ms);
* validating a generated library of 1,000 modules, each the size of the
  largest shipped module, from cold, against libyaml's bare CSafeLoader
  parsing the same files (target: within 1.3x);
* ``tutor list`` of that library once it has been loaded once (target:
  under 0.5 s; served from the listing cache).

The library is generated at run time in a temporary folder, never committed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, python, report, run_process, tutor_command

N_MODULES = 1000


def make_library(folder: Path) -> int:
    largest = max((ROOT / "lessons").glob("*.yaml"), key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    for i in range(N_MODULES):
        body = re.sub(r"^id: .*$", f"id: generated-{i:04d}", text, count=1, flags=re.MULTILINE)
        (folder / f"m{i:04d}.yaml").write_text(body, encoding="utf-8")
    return len(text.encode())


def bare_parse_seconds(folder: Path) -> float:
    code = (
        "import sys, time, yaml, pathlib\n"
        "files = sorted(pathlib.Path(sys.argv[1]).glob('*.yaml'))\n"
        "start = time.perf_counter()\n"
        "for f in files:\n"
        "    yaml.load(f.read_bytes().decode('utf-8'), Loader=yaml.CSafeLoader)\n"
        "print(time.perf_counter() - start)\n"
    )
    return float(subprocess.run([python(), "-c", code, str(folder)], capture_output=True, text=True, check=True).stdout)


def validate_seconds(folder: Path, home: Path) -> float:
    code = (
        "import sys, time, pathlib\n"
        "from tutor.library.folders import lesson_folders, validate_paths\n"
        "folders = lesson_folders(None)\n"
        "start = time.perf_counter()\n"
        "lib = validate_paths([pathlib.Path(sys.argv[1])], folders)\n"
        "elapsed = time.perf_counter() - start\n"
        "assert lib.files == int(sys.argv[2]) and not lib.broken, lib.diagnostics[:3]\n"
        "print(elapsed)\n"
    )
    env = {**os.environ, "TUTOR_HOME": str(home)}
    out = subprocess.run([python(), "-c", code, str(folder), str(N_MODULES)], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return float(out.stdout)


def main() -> None:
    tutor = tutor_command()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {"TUTOR_HOME": str(home)}
        bare, _ = run_process([python(), "-c", "pass"])
        help_ms, _ = run_process([*tutor, "--help"], env)
        report("python -c pass", bare, "ms")
        report("tutor --help", help_ms, "ms", f"ratio {help_ms / bare:.2f}x (target <= 3x)", help_ms <= 3 * bare)
        list_ms, _ = run_process([*tutor, "list"], env)
        report("tutor list (shipped lessons)", list_ms, "ms", "(target < 400 ms)", list_ms < 400)

        library = Path(tmp) / "library"
        library.mkdir()
        size = make_library(library)
        print(f"generated {N_MODULES} modules of {size / 1024:.1f} KiB each")
        parse = min(bare_parse_seconds(library) for _ in range(3))
        validate = min(validate_seconds(library, home) for _ in range(3))
        report("libyaml CSafeLoader parse only, 1,000 modules", parse * 1000, "ms")
        ratio = validate / parse
        report("tutor validate, 1,000 modules, cold", validate * 1000, "ms", f"ratio {ratio:.2f}x (target <= 1.3x)", ratio <= 1.3)

        big_env = {**env, "TUTOR_LESSONS": str(library)}
        start = time.perf_counter()
        subprocess.run([*tutor, "list"], env={**os.environ, **big_env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        first = (time.perf_counter() - start) * 1000
        cached, _ = run_process([*tutor, "list"], big_env, repeat=5)
        report("tutor list, 1,000-module library, first run", first, "ms")
        report("tutor list, 1,000-module library, cached", cached, "ms", "(target < 500 ms)", cached < 500)


if __name__ == "__main__":
    main()
