"""``tutor progress``, ``tutor progress reset``, ``tutor profiles`` and ``tutor doctor``."""

from __future__ import annotations

import argparse
import sys

from tutor.commands import context
from tutor.commands.output import percent, plural, say, say_json, table, when
from tutor.errors import UserError, shown


def progress(args: argparse.Namespace) -> int:
    name = context.profile(args)
    if getattr(args, "action", None) == "reset":
        return reset(args, name)
    from tutor.progress.summary import summarise

    library = context.library(args)
    with context.store(args, library) as store:
        records = store.module_records(name)
    rows = [summarise(module, records.get(module.id)) for module in library.modules.values()]
    if args.json:
        say_json({"profile": name, "modules": [r.as_dict() for r in rows]})
        return 0
    say(f"Progress of {name}")
    body = []
    for r in rows:
        state = "in progress" if r.run_open else ("finished" if r.completed else "not started" if not r.done else "")
        last = records.get(r.module_id)
        body.append([r.module_id, f"{r.done}/{r.total}", percent(r.score), percent(r.best), state, when(last.last_seen if last else None),
                     str(r.reviews_due)])
    say(table(["MODULE", "ANSWERED", "SCORE", "BEST", "STATE", "LAST SEEN", "REVIEWS DUE"], body))
    say("SCORE is the current (or last) run's: every question of the module counts, partly right answers in part.")
    changed = sum(r.changed for r in rows)
    if changed:
        say(f"{plural(changed, 'answered question')} changed since; answer {'them' if changed != 1 else 'it'} again to count.")
    return 0


def reset(args: argparse.Namespace, name: str) -> int:
    scope = f"module '{shown(args.module)}'" if args.module else "every module"
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(f"not deleting {name}'s progress in {scope} without asking", "add --yes to delete it without a question")
        try:
            reply = input(f"Delete all of {name}'s answers in {scope}? This cannot be undone. [y/N] ")
        except EOFError:
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            say("Nothing deleted.")
            return 1
    with context.store(args) as store:
        deleted = store.reset(name, args.module)
    say(f"Deleted {plural(deleted, 'answer')} of {name} in {scope}.")
    return 0


def profiles(args: argparse.Namespace) -> int:
    with context.store(args) as store:
        rows = [[name, when(created), str(count), when(last)] for name, created, count, last in store.profiles()]
    if not rows:
        say("No learner has saved progress yet. 'tutor start' (or --profile NAME) creates one.")
        return 0
    say(table(["PROFILE", "CREATED", "ANSWERS", "LAST ANSWER"], rows))
    return 0


def doctor(args: argparse.Namespace) -> int:
    """Check the store (integrity, tables, contents) and the caches; say what was found and what was done."""
    from tutor.fsutil import make_private
    from tutor.progress.checkup import examine
    from tutor.session import open_store

    store = open_store(args.data_dir, strict=False)
    if store.notice:
        say(f"tutor: {store.notice}", err=True)
    with store:
        path = store.path
        found = examine(store)
    say(f"Progress store: {path}")
    if found.counts:
        version, learners, answers = found.counts
        say(f"  schema version {version}, {plural(learners, 'learner')}, {plural(answers, 'answer')}")
    if store.notice:
        say(f"  found a damaged file and moved it aside: {store.notice}")
    fixed = [c.name for c in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if make_private(c)]
    if fixed:
        say(f"  made {', '.join(fixed)} readable by you only")
    if found.indexes:
        say(f"  recreated missing index{'es' if len(found.indexes) != 1 else ''}: {', '.join(found.indexes)}")
    if found.integrity == ["ok"]:
        say("  integrity check: ok; write-ahead log checkpointed")
    else:
        say("  integrity check found problems:")
        for line in found.integrity[:20]:
            say(f"    {line}")
    for problem in found.tables:
        say(f"  schema: {problem}")
    for problem in found.contents:
        say(f"  contents: {problem}")
    if not found.healthy:
        say("  Your answers are still in the file; back it up before anything else ('cp' it while tutor is not running).")
    _check_caches(args)
    return 0 if found.healthy else 1


def _check_caches(args: argparse.Namespace) -> None:
    """Report the library cache and rebuild it if it is damaged or stale (a cache is never trusted, only rebuilt)."""
    from tutor.library.cache import check_cache

    state = check_cache(context.home(args), context.folders(args))
    if state in ("ok", "absent", "out of date"):
        say(f"Library cache: {state}" + ("" if state == "ok" else "; rebuilt"))
    else:
        say(f"Library cache: {state}; rebuilt from the lesson files")
    if state != "ok":
        context.library(args)  # rebuilds and rewrites it
