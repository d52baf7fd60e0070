"""``tutor export anki|gift|qti|xapi`` and ``tutor sync``."""

from __future__ import annotations

import argparse
import json
import os
from importlib import import_module
from pathlib import Path

from tutor.commands import context
from tutor.commands.output import plural, say
from tutor.errors import UserError

#: format -> (module in tutor.exports, what the file is)
LESSON_FORMATS = {"anki": ("anki", "Anki package"), "gift": ("gift", "Moodle GIFT file"), "qti": ("qti", "QTI 1.2 package")}


def export(args: argparse.Namespace) -> int:
    if args.format == "xapi":
        return export_xapi(args)
    from tutor.exports.common import choose_modules

    module_name, what = LESSON_FORMATS[args.format]
    library = context.library(args)
    modules = choose_modules(library, args.modules)
    out = Path(args.out)
    count = import_module(f"tutor.exports.{module_name}").export(library, modules, out)
    say(f"Wrote {out} ({what}): {plural(count, 'question')} from {plural(len(modules), 'module')}.")
    return 0


def export_xapi(args: argparse.Namespace) -> int:
    from tutor.fsutil import atomic_write

    name = context.profile(args)
    store = context.store(args)
    try:
        if store.find_profile(name) is None:
            known = ", ".join(p[0] for p in store.profiles()) or "none yet"
            raise UserError(f"no learner '{name}' on this computer", f"give --profile NAME; learners: {known}")
        rows = store.statements(name)
    finally:
        store.close()
    text = "[" + ",\n".join(rows) + "]\n"
    json.loads(text)  # the stored statements are JSON; prove the file is too
    out = Path(args.out)
    atomic_write(out, text, mode=0o600)
    say(f"Wrote {out}: {plural(len(rows), 'xAPI statement')} for {name}.")
    return 0


def lrs_from(args: argparse.Namespace):
    """The LRS named by --lrs/--user/--password or TUTOR_LRS_URL/USER/PASSWORD."""
    from tutor.exports.lrs import LRS

    url = getattr(args, "lrs", None) or os.environ.get("TUTOR_LRS_URL")
    if not url:
        raise UserError("no LRS given", "give --lrs http://host:port/xAPI/ (or set TUTOR_LRS_URL)")
    user = args.user or os.environ.get("TUTOR_LRS_USER", "")
    password = args.password if args.password is not None else os.environ.get("TUTOR_LRS_PASSWORD")
    return LRS(url, user, password, timeout=args.timeout)


def sync(args: argparse.Namespace) -> int:
    from tutor.exports import lrs as lrs_module

    if args.batch < 1:
        raise UserError(f"--batch {args.batch} is too small", "give a batch size of at least 1")
    lrs = lrs_from(args)
    store = context.store(args)
    try:
        pending = store.pending_count()
        if pending == 0:
            say("Nothing to send: the outbox is empty.")
            return 0
        report = lrs_module.sync(store, lrs, batch=args.batch, give_up_after=args.give_up_after)
    finally:
        lrs.close()
        store.close()
    say(f"Sent {plural(report.sent, 'statement')} to {lrs.url}; {report.pending} waiting.")
    if report.conflicts:
        raise UserError(
            f"the LRS holds different statements under the ids of {plural(report.conflicts, 'statement')}",
            "they stay in the outbox; ask whoever runs the LRS (were statements edited there?)",
        )
    return 0
