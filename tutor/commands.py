"""What each ``tutor`` subcommand does, separated from argument parsing.

Plain text output, no Rich: these commands are for terminals, pipes and
scripts alike, and must start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.content.text import printable


def run(args: argparse.Namespace) -> int:
    from tutor.progress import commands as progress_commands
    from tutor.teacher import commands as teacher_commands

    handlers = {
        "start": start, "quiz": start, "validate": validate, "list": list_modules, "sources": sources,
        "progress": progress_commands.progress, "profiles": progress_commands.profiles, "doctor": progress_commands.doctor,
        "assign": teacher_commands.assign, "submit": teacher_commands.submit, "report": teacher_commands.report,
    }
    return handlers[args.command](args)


def folders(args: argparse.Namespace):
    from tutor.content.library import lesson_folders
    from tutor.paths import data_dir

    return lesson_folders(data_dir(args.data_dir), args.lessons)


def start(args: argparse.Namespace) -> int:
    """Open the tutorial: the full-screen app, or plain mode with --plain (also ``tutor quiz``)."""
    import sqlite3

    from tutor.progress.profiles import ProfileNameError
    from tutor.progress.schema import NewerDatabaseError

    module_id = getattr(args, "module", None)
    if not args.plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("tutor: the full-screen tutorial needs a terminal; run it in one, or add --plain.", file=sys.stderr)
        return 2
    assignment = None
    if args.assignment:
        from tutor.teacher.commands import load_assignment_or_exit

        assignment = load_assignment_or_exit(args.assignment)
    try:
        from tutor.ui.factory import build_session

        session = build_session(args.data_dir, args.lessons, getattr(args, "profile", None), assignment, args.out)
    except ProfileNameError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    except NewerDatabaseError as exc:
        print(f"tutor: {exc}; use a newer tutor, or pass --data-dir to start a separate store", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(f"tutor: cannot open the progress store: {exc}", file=sys.stderr)
        return 1
    if module_id and session.module(module_id) not in session.modules:
        print(f"tutor: no module '{module_id}' here; see 'tutor list'", file=sys.stderr)
        return 2
    try:
        if assignment is not None:
            _warn_if_lessons_changed(session, assignment)
        if args.plain:
            from tutor.plain import run_plain

            if session.store.notice:
                print(f"tutor: {session.store.notice}", file=sys.stderr)
            return run_plain(session, module_id, quiz_only=module_id is not None)
        from tutor.ui.app import TutorApp

        app = TutorApp(session, notice=session.store.notice, start_module=module_id)
        app.run()
        return app.return_code or 0
    finally:
        session.store.close()


def _warn_if_lessons_changed(session, assignment) -> None:
    from tutor.teacher.assignment import modules_hash

    missing = [m for m in assignment.modules if session.module(m) is None]
    if missing:
        print(f"tutor: this computer's lessons lack module '{missing[0]}' of the assignment; ask your teacher", file=sys.stderr)
    elif modules_hash(session.modules) != assignment.content_hash:
        print("tutor: note: these lessons differ from the ones the assignment was made from; your teacher's report will flag it.", file=sys.stderr)


def validate(args: argparse.Namespace) -> int:
    from tutor.content.library import load_library, validate_paths
    from tutor.content.lint import lint_library

    where = folders(args)
    library = validate_paths([Path(p) for p in args.paths], where) if args.paths else load_library(where)
    diagnostics = library.diagnostics
    warnings = lint_library(library)
    for diag in [*diagnostics, *(warnings if args.strict else [])]:
        print(printable(str(diag)))
    broken = {b.path for b in library.broken}
    ok = library.files - len(broken)
    counted = f", {plural(len(warnings), 'warning')}" if args.strict else ""
    print(f"{plural(library.files, 'file')} checked: {ok} valid, {len(broken)} with errors, {plural(len(diagnostics), 'error')}{counted}")
    if warnings and not args.strict:
        print(f"hint: 'tutor validate --strict' shows {plural(len(warnings), 'warning')} about question fairness")
    return 1 if diagnostics or (args.strict and warnings) else 0


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Align columns with spaces; plain text so it pipes and greps cleanly."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() for r in rows]
    return "\n".join(lines)


def list_modules(args: argparse.Namespace) -> int:
    from tutor.content.listing import list_library
    from tutor.paths import data_dir

    home = data_dir(args.data_dir)
    library = list_library(folders(args), home)
    done = _answered_counts(args, home)
    headers = ["ID", "TITLE", "TOPIC", "MIN", "QUESTIONS"] + (["PROGRESS"] if done is not None else [])
    rows = []
    for m in library.modules.values():
        row = [m.id, m.title, m.topic, str(m.minutes), str(m.questions)]
        if done is not None:
            latest = done.get(m.id, {})
            row.append(f"{sum(latest.get(qid) == qhash for qid, qhash in m.hashes)}/{m.questions}")
        rows.append(row)
    print(printable(table(headers, rows)))
    for override in library.overrides:
        print(printable(f"note: module '{override.module_id}' from {override.by} replaces the one in {override.replaced}"))
    for broken in library.broken:
        first = broken.diagnostics[0]
        print(printable(f"unavailable: {broken.module_id or broken.path}: {first}"), file=sys.stderr)
    for diag in library.source_diagnostics:
        print(printable(f"source problem: {diag}"), file=sys.stderr)
    return 1 if library.broken or library.source_diagnostics else 0


def _answered_counts(args: argparse.Namespace, home: Path) -> dict[str, dict[str, str]] | None:
    """Per module, question id -> hash of the learner's latest answer; None when no store exists yet."""
    from tutor.progress.store import default_store_path

    path = default_store_path(home)
    if not path.exists():
        return None
    from tutor.progress.commands import open_store, profile_name

    with open_store(args) as store:
        records = store.module_records(profile_name(args))
    return {module_id: {qid: a.question_hash for qid, a in r.latest.items()} for module_id, r in records.items()}


def sources(args: argparse.Namespace) -> int:
    from tutor.content.library import load_articles

    index, diags = load_articles(folders(args))
    for diag in diags:
        print(printable(str(diag)), file=sys.stderr)
    if args.article:
        article = index.articles.get(args.article)
        if article is None:
            print(f"tutor: no article with id '{args.article}'; known ids: {', '.join(index.ids())}", file=sys.stderr)
            return 2
        print(printable(_article_header(article)))
        print(printable(article.text if args.full else article.body))
        return 0
    rows = [[a.id, a.kind, a.author, a.outlet, a.date, a.title] for a in index.articles.values()]
    print(printable(table(["ID", "KIND", "AUTHOR", "OUTLET", "DATE", "TITLE"], rows)))
    print("\n'tutor sources ID' prints an article. Fields the text itself does not give are shown as unknown.")
    return 1 if diags else 0


def _article_header(article) -> str:
    lines = [
        f"{article.label}",
        f"  title: {article.title}",
        f"  kind: {article.kind}   author: {article.author}   outlet: {article.outlet}   date: {article.date}",
        f"  {article.description}",
        "-" * 72,
    ]
    return "\n".join(lines)
