"""``tutor progress``, ``tutor profiles`` and ``tutor doctor``: plain text or JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys

from tutor.content.text import printable


def open_store(args: argparse.Namespace):
    """The store for this run, telling the user (once) if a damaged file was moved aside."""
    import sqlite3

    from tutor.paths import data_dir
    from tutor.progress.schema import NewerDatabaseError
    from tutor.progress.store import Store, default_store_path

    path = default_store_path(data_dir(args.data_dir))
    try:
        store = Store.open(path)
    except NewerDatabaseError as exc:
        print(f"tutor: {exc}; use a newer tutor, or pass --data-dir to start a separate store", file=sys.stderr)
        raise SystemExit(1) from None
    except (OSError, sqlite3.Error) as exc:
        print(f"tutor: cannot open the progress store at {path}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    if store.notice:
        print(f"tutor: {store.notice}", file=sys.stderr)
    return store


def profile_name(args: argparse.Namespace) -> str:
    from tutor.progress.profiles import check_profile, default_profile

    given = getattr(args, "profile", None)
    return check_profile(given) if given else default_profile()


def _day(timestamp: str | None) -> str:
    return timestamp[:16].replace("T", " ") if timestamp else "-"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def progress(args: argparse.Namespace) -> int:
    from tutor.progress.profiles import ProfileNameError

    try:
        name = profile_name(args)
    except ProfileNameError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "action", None) == "reset":
        return reset(args, name)
    from tutor.commands import folders, table
    from tutor.content.library import load_library
    from tutor.progress.summary import summarise

    library = load_library(folders(args))
    with open_store(args) as store:
        records = store.module_records(name)
    rows = [summarise(module, records.get(module.id)) for module in library.modules.values()]
    if args.json:
        print(json.dumps({"profile": name, "modules": [r.as_dict() for r in rows]}, indent=2))
        return 0
    print(f"Progress of {printable(name)}")
    body = [
        [r.module_id, f"{r.done}/{r.total}", _percent(r.score), _percent(r.best), _day(r.last_seen), str(r.reviews_due)]
        for r in rows
    ]
    print(printable(table(["MODULE", "DONE", "SCORE", "BEST", "LAST SEEN (UTC)", "REVIEWS DUE"], body)))
    changed = sum(r.changed for r in rows)
    if changed:
        print(f"{changed} answered question{'s' if changed != 1 else ''} changed since; answer them again to count them.")
    return 0


def reset(args: argparse.Namespace, name: str) -> int:
    scope = f"module '{args.module}'" if args.module else "every module"
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"tutor: not deleting: add --yes to delete {name}'s progress in {scope} without asking", file=sys.stderr)
            return 2
        reply = input(f"Delete all of {name}'s answers in {scope}? This cannot be undone. [y/N] ")
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    with open_store(args) as store:
        deleted = store.reset(name, args.module)
    print(f"Deleted {deleted} answer{'s' if deleted != 1 else ''} of {printable(name)} in {scope}.")
    return 0


def profiles(args: argparse.Namespace) -> int:
    from tutor.commands import table

    with open_store(args) as store:
        rows = [[name, _day(created), str(count), _day(last)] for name, created, count, last in store.profiles()]
    if not rows:
        print("No learner has saved progress yet. 'tutor start' (or --profile NAME) creates one.")
        return 0
    print(printable(table(["PROFILE", "CREATED (UTC)", "ANSWERS", "LAST ANSWER (UTC)"], rows)))
    return 0


def doctor(args: argparse.Namespace) -> int:
    """Check the store and say what was found and what was done."""
    from tutor.progress import schema

    with open_store(args) as store:
        path = store.path
        found = store.integrity_check()
        version = schema.version(store.conn)
        answers = store.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
        learners = store.conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        moved = store.notice
    print(f"Progress store: {path}")
    print(f"  schema version {version}, {learners} learner{'s' if learners != 1 else ''}, {answers} answer{'s' if answers != 1 else ''}")
    if moved:
        print(f"  found a damaged file and moved it aside: {moved}")
    fixed = []
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists() and candidate.stat().st_mode & 0o077:
            os.chmod(candidate, 0o600)
            fixed.append(candidate.name)
    if fixed:
        print(f"  made {', '.join(fixed)} readable by you only")
    if found == ["ok"]:
        print("  integrity check: ok; write-ahead log checkpointed")
        return 0
    print("  integrity check found problems:")
    for line in found[:20]:
        print(f"    {line}")
    print("  Your answers are still in the file; back it up before anything else ('cp' it while tutor is not running).")
    return 1
