"""``tutor assign``, ``tutor submit`` and ``tutor report``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.content.text import printable


def _library(args: argparse.Namespace):
    from tutor.commands import folders
    from tutor.content.library import load_library

    return load_library(folders(args))


def load_assignment_or_exit(path: str):
    """The assignment at ``path``, or a clear error and exit status 1."""
    from tutor.content.errors import ContentError
    from tutor.teacher.assignment import load_assignment

    try:
        return load_assignment(Path(path))
    except ContentError as exc:
        for diag in exc.diagnostics:
            print(printable(str(diag)), file=sys.stderr)
        raise SystemExit(1) from None


def assign(args: argparse.Namespace) -> int:
    import secrets

    from tutor.teacher.assignment import AssignmentError, make_assignment

    library = _library(args)
    given = {"modules": args.module, "title": args.title, "due": args.due}
    if not all(given.values()):
        if sys.stdin.isatty() and sys.stdout.isatty():
            from tutor.teacher.wizard import run_wizard

            answers = run_wizard(library, args)
            if answers is None:
                print("Nothing written.")
                return 1
            args = answers
        else:
            missing = [f"--{'module' if k == 'modules' else k}" for k, v in given.items() if not v]
            print(f"tutor: not a terminal, so no wizard: give {', '.join(missing)} (see 'tutor assign --help')", file=sys.stderr)
            return 2
    try:
        assignment = make_assignment(
            library.modules, args.module, args.title, args.pass_mark, args.due, args.attempts,
            args.shuffle, args.seed if args.seed is not None else secrets.randbelow(2**31), args.id,
        )
    except AssignmentError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"{assignment.id}.assignment.yaml")
    if out.exists() and not args.force:
        print(f"tutor: {out} exists; choose another --out or add --force to replace it", file=sys.stderr)
        return 2
    out.write_text(assignment.to_yaml(), encoding="utf-8")
    print(f"Wrote {out}: {len(assignment.modules)} module{'s' if len(assignment.modules) != 1 else ''}, "
          f"pass mark {assignment.pass_mark}%, due {assignment.due.isoformat()}.")
    print(f"Students run: tutor start --assignment {out}")
    return 0


def submit(args: argparse.Namespace) -> int:
    from tutor.progress.commands import open_store, profile_name
    from tutor.teacher.results import build_result, write_result

    assignment = load_assignment_or_exit(args.assignment_file)
    library = _library(args)
    missing = [m for m in assignment.modules if m not in library.modules]
    if missing:
        print(f"tutor: this computer's lessons lack module '{missing[0]}' of the assignment", file=sys.stderr)
        return 1
    student = profile_name(args)
    with open_store(args) as store:
        result = build_result(store, student, assignment, [library.modules[m] for m in assignment.modules])
    path = write_result(result, Path(args.out or "tutor-results"))
    done = sum(m["finished"] for m in result["modules"].values())
    print(f"Wrote {path} for {printable(student)}: {done} of {len(assignment.modules)} modules finished, score {round(result['score'] * 100)}%.")
    return 0


def report(args: argparse.Namespace) -> int:
    from tutor.commands import table
    from tutor.teacher.report import as_json, build_report, item_analysis, percent, write_csv

    assignment = load_assignment_or_exit(args.assignment) if args.assignment else None
    library = _library(args)
    result = build_report([Path(p) for p in args.paths], assignment)
    items = item_analysis(result, library.modules)
    if args.csv:
        write_csv(result, Path(args.csv))
    if args.json:
        print(json.dumps(as_json(result, items), indent=2, ensure_ascii=False))
        return 0 if result.results else 1
    if not result.results:
        print("No usable result files.")
    else:
        title = assignment.title if assignment else result.assignment_id
        print(printable(f"Assignment: {title} ({len(result.results)} student{'s' if len(result.results) != 1 else ''})"))
        rows = []
        for student in sorted(result.results):
            r = result.results[student]
            cells = [student, f"{percent(r['score'])}%", "pass" if r["passed"] else "fail", "late" if r["late"] else ""]
            for module_id in result.modules:
                m = r["modules"].get(module_id)
                late = " late" if m and m["late"] else ""
                cells.append(f"{percent(m['score'])}% {'P' if m['passed'] else 'F'}{late} x{m['attempts_used']}" if m else "-")
            rows.append(cells)
        rows.append(["class average", "", "", "", *(f"{percent(result.average(m))}%" for m in result.modules)])
        print(printable(table(["STUDENT", "SCORE", "RESULT", "LATE", *result.modules], rows)))
        if items:
            print("\nMost-missed questions:")
            for item in items:
                print(printable(f"  {item['missed']}/{item['answered']} missed  {item['module']}/{item['question']}: {item['prompt']}"))
                for choice in item["wrong_choices"]:
                    print(printable(f"      chosen wrongly {choice['times']}x: {choice['option']}"))
    if result.rejected:
        print("\nFiles left out:", file=sys.stderr)
        for rejected in result.rejected:
            print(printable(f"  {rejected.path}: {rejected.reason}"), file=sys.stderr)
    if args.csv:
        print(f"\nGradebook written to {args.csv}")
    return 0 if result.results else 1
