"""``tutor report`` over 1,000 result files of a 6-module assignment (target: under 1 s).

The files are generated at run time in a temporary folder: 25 real results
made through the session, each question answered rightly or wrongly at random
(seeded), then copies of them for 1,000 students, so the item analysis has
work to do and every file passes the report's regrading.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, python, report, tutor_command
from tutor.kinds import model_answer, wrong_answer
from tutor.library.folders import lesson_folders, load_library
from tutor.session import open_session
from tutor.session.assignments import build_result
from tutor.teacher.assignment import make_assignment
from tutor.teacher.results import encode, result_path

STUDENTS = 1000
BASELINE = "import json, pathlib, sys\nfor p in pathlib.Path(sys.argv[1]).iterdir(): json.loads(p.read_bytes())"
TEMPLATES = 25



def main() -> None:
    library = load_library(lesson_folders(None))
    modules = list(library.modules)
    assignment = make_assignment(library.modules, modules, "Everything", 60, "2026-12-01", 2, True, 5)
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "assignment.yaml").write_text(assignment.to_yaml(), encoding="utf-8")
        # Real results: learners answering through the session, each question right or wrong at random
        # (a copy with only its marks flipped would be refused: the report grades every answer again).
        templates = []
        for n in range(TEMPLATES):
            session = open_session(tmp_path / "home", (), f"template-{n}", assignment, tmp_path / "results")
            for module in session.modules:
                run = session.start_run(module)
                for q in module.questions:
                    session.answer(run, q, model_answer(q) if rng.random() < 0.7 else wrong_answer(q), 1.0)
                session.finish(run)
            templates.append(build_result(session.store, f"template-{n}", assignment, session.modules))
            session.store.close()
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        for n in range(STUDENTS):  # written as `tutor submit` writes them (encode), under each student's name
            result = msgspec.structs.replace(templates[n % TEMPLATES], student=f"student-{n:04d}")
            result_path(inbox, assignment.id, result.student).write_bytes(encode(result))
        size = sum(p.stat().st_size for p in inbox.iterdir()) / 1024 / 1024
        print(f"generated {STUDENTS} result files, {size:.1f} MiB in all")
        argv = [*tutor_command(), "report", str(inbox), "--assignment", str(tmp_path / "assignment.yaml"), "--csv", str(tmp_path / "g.csv")]
        # The baseline, in the same run: the least any report must do, read every file and parse its JSON.
        baseline_argv = [python(), "-c", BASELINE, str(inbox)]
        times, baseline = [], []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(baseline_argv, check=True, cwd=ROOT)
            baseline.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
            times.append((time.perf_counter() - start) * 1000)
            if done.returncode != 0 or f"({STUDENTS} students)" not in done.stdout:
                raise SystemExit(f"report failed: {done.stderr[-500:]}")
        median, bare = statistics.median(times), statistics.median(baseline)
        report("baseline: python reading and json-parsing the same files", bare, "ms")
        report(f"tutor report, {STUDENTS} result files x {len(modules)} modules (median of 5)", median, "ms", "(target < 1000 ms)", median < 1000)
        report("tutor report / baseline", median / bare, "x", "(target <= 3x)", median / bare <= 3)


if __name__ == "__main__":
    main()
