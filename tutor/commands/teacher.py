"""``tutor assign``, ``tutor submit`` and ``tutor report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands import context
from tutor.commands.output import plural, say, say_json, table
from tutor.errors import UserError, shown


def assign(args: argparse.Namespace) -> int:
    import secrets

    from tutor.fsutil import atomic_write
    from tutor.teacher.assignment import make_assignment

    library = context.library(args)
    given = {"module": args.module, "title": args.title, "due": args.due}
    if not all(given.values()):
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            missing = ", ".join(f"--{k}" for k, v in given.items() if not v)
            raise UserError(f"not a terminal, so no wizard: give {missing}", "see 'tutor assign --help'")
        from tutor.teacher.wizard import run_wizard

        answers = run_wizard(library, args)
        if answers is None:
            say("Nothing written.")
            return 1
        args = answers
    assignment = make_assignment(
        library.modules, args.module, args.title, args.pass_mark, args.due, args.attempts,
        args.shuffle, args.seed if args.seed is not None else secrets.randbelow(2**31), args.id,
    )
    out = Path(args.out or f"{assignment.id}.assignment.yaml")
    if out.exists() and not args.force:
        raise UserError(f"{shown(out)} exists", "choose another --out, or add --force to replace it")
    atomic_write(out, assignment.to_yaml(), mode=0o644)
    say(f"Wrote {out}: {plural(len(assignment.modules), 'module')}, pass mark {assignment.pass_mark}%, due {assignment.due.isoformat()}.")
    say(f"Students run: tutor start --assignment {out}")
    return 0


def submit(args: argparse.Namespace) -> int:
    session = context.session(args, args.assignment_file, args.out)
    try:
        missing = [m for m in session.assignment.modules if m not in session.library.modules]
        if missing:
            raise UserError(f"this computer's lessons lack module '{missing[0]}' of the assignment", "ask your teacher for the lesson files")
        path = session.write_result()
        from tutor.session.assignments import build_result

        result = build_result(session.store, session.profile, session.assignment, session.modules)
    finally:
        session.store.close()
    done = sum(m.finished for m in result.modules.values())
    say(f"Wrote {path} for {session.profile}: {done} of {len(result.modules)} modules finished, score {round(result.score * 100)}%.")
    return 0


def report(args: argparse.Namespace) -> int:
    import os

    from tutor.teacher.report import as_json, build_report, check_output, item_analysis, percent, write_csv

    assignment = context.assignment(args.assignment)
    library = context.library(args)
    if args.lrs or (not args.paths and os.environ.get("TUTOR_LRS_URL")):
        if args.paths:
            raise UserError("give result files or --lrs, not both", "one report comes from one place")
        from tutor.commands.export import lrs_from
        from tutor.exports.lrs_report import class_report
        from tutor.session import open_store

        store = open_store(args.data_dir)
        try:
            settings = store.xapi_settings
        finally:
            store.close()
        result = class_report(lrs_from(args), settings, library, assignment)
    elif not args.paths:
        raise UserError("no result files given", "give result files or folders, or --lrs URL for a Learning Record Store")
    else:
        result = build_report([Path(p) for p in args.paths], assignment, library.modules)
    items = item_analysis(result, library.modules)
    if args.csv:
        csv_path = Path(args.csv)
        check_output(csv_path, result, [*(Path(p) for p in args.paths), *([Path(args.assignment)] if args.assignment else [])])
        write_csv(result, csv_path)
    if args.json:
        say_json(as_json(result, items))
        return 0 if result.results else 1
    if not result.results:
        say(f"The LRS holds no statements for {result.assignment_id}." if args.lrs else "No usable result files.")
    else:
        title = assignment.title if assignment else result.assignment_id
        say(f"Assignment: {title} ({plural(len(result.results), 'student')})")
        rows = []
        for student in sorted(result.results):
            r = result.results[student]
            cells = [student, f"{percent(r.score)}%", "pass" if r.passed else "fail", "late" if r.late else ""]
            for module_id in result.modules:
                m = r.modules.get(module_id)
                late = " late" if m and m.late else ""
                cells.append(f"{percent(m.score)}% {'P' if m.passed else 'F'}{late} x{m.attempts_used}" if m else "-")
            rows.append(cells)
        rows.append(["class average", "", "", "", *(f"{percent(result.average(m))}%" for m in result.modules)])
        say(table(["STUDENT", "SCORE", "RESULT", "LATE", *result.modules], rows))
        if items:
            say("\nMost-missed questions:")
            for item in items:
                say(f"  {item['missed']}/{item['answered']} missed  {item['module']}/{item['question']}: {item['prompt']}")
                for choice in item["wrong_choices"]:
                    say(f"      chosen wrongly {choice['times']}x: {choice['option']}")
    if result.rejected:
        say("\nFiles left out:", err=True)
        for rejected in result.rejected:
            say(f"  {rejected.path}: {rejected.reason}", err=True)
    if args.csv:
        say(f"\nGradebook written to {args.csv}")
    return 0 if result.results else 1
