"""``tutor report`` over 1,000 result files of a 6-module assignment (target: under 1 s).

The files are generated at run time in a temporary folder: one real result
made through the progress store, then copies for 1,000 students with their
answers' correctness varied at random (seeded), so the item analysis has
work to do.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, report, tutor_command
from tutor.kinds import model_answer
from tutor.library.folders import lesson_folders, load_library
from tutor.session import open_session
from tutor.session.assignments import build_result
from tutor.teacher.assignment import make_assignment
from tutor.teacher.results import encode, result_path

STUDENTS = 1000


def main() -> None:
    library = load_library(lesson_folders(None))
    modules = list(library.modules)
    assignment = make_assignment(library.modules, modules, "Everything", 60, "2026-12-01", 2, True, 5)
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "assignment.yaml").write_text(assignment.to_yaml(), encoding="utf-8")
        session = open_session(tmp_path / "home", (), "template", assignment)
        for module in session.modules:
            run = session.start_run(module)
            for q in module.questions:
                session.answer(run, q, model_answer(q), 1.0)
            session.finish(run)
        template = json.loads(encode(build_result(session.store, "template", assignment, session.modules)))
        session.store.close()
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        for n in range(STUDENTS):
            result = json.loads(json.dumps(template))
            result["student"] = f"student-{n:04d}"
            for module in result["modules"].values():
                for entry in module["questions"].values():
                    entry["correct"] = rng.random() < 0.7
                    entry["score"] = 1.0 if entry["correct"] else 0.0
                module["score"] = sum(e["correct"] for e in module["questions"].values()) / len(module["questions"])
                module["passed"] = module["score"] * 100 >= assignment.pass_mark
            result["score"] = sum(m["score"] for m in result["modules"].values()) / len(result["modules"])
            result["passed"] = result["score"] * 100 >= assignment.pass_mark
            result_path(inbox, assignment.id, result["student"]).write_text(json.dumps(result), encoding="utf-8")
        size = sum(p.stat().st_size for p in inbox.iterdir()) / 1024 / 1024
        print(f"generated {STUDENTS} result files, {size:.1f} MiB in all")
        argv = [*tutor_command(), "report", str(inbox), "--assignment", str(tmp_path / "assignment.yaml"), "--csv", str(tmp_path / "g.csv")]
        times = []
        for _ in range(5):
            start = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
            times.append((time.perf_counter() - start) * 1000)
            if done.returncode != 0 or f"({STUDENTS} students)" not in done.stdout:
                raise SystemExit(f"report failed: {done.stderr[-500:]}")
        median = statistics.median(times)
        report(f"tutor report, {STUDENTS} result files x {len(modules)} modules (median of 5)", median, "ms", "(target < 1000 ms)", median < 1000)


if __name__ == "__main__":
    main()
