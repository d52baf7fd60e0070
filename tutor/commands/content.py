"""``tutor validate``, ``tutor list`` and ``tutor sources``."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands import context
from tutor.commands.output import plural, say, table
from tutor.errors import UserError, shown


def validate(args: argparse.Namespace) -> int:
    from tutor.library import validate_paths
    from tutor.library.lint import lint_library

    if args.paths:
        library = validate_paths([Path(p) for p in args.paths], context.folders(args))
    else:
        library = context.library(args, cache=False)
    diagnostics = library.diagnostics
    warnings = lint_library(library)
    for diag in [*diagnostics, *(warnings if args.strict else [])]:
        say(str(diag))
    broken = {b.path for b in library.broken}
    ok = library.files - len(broken)
    counted = f", {plural(len(warnings), 'warning')}" if args.strict else ""
    say(f"{plural(library.files, 'file')} checked: {ok} valid, {len(broken)} with errors, {plural(len(diagnostics), 'error')}{counted}")
    if warnings and not args.strict:
        say(f"hint: 'tutor validate --strict' shows {plural(len(warnings), 'warning')} about question fairness")
    return 1 if diagnostics or (args.strict and warnings) else 0


def list_modules(args: argparse.Namespace) -> int:
    from tutor.progress.store import default_store_path

    name = context.profile(args)  # checked even before a store exists: the same rule on every command
    library = context.library(args, summaries=True)
    done = _answered(args, name) if default_store_path(context.home(args)).exists() else None
    headers = ["ID", "TITLE", "TOPIC", "MIN", "QUESTIONS"] + (["PROGRESS"] if done is not None else [])
    rows = []
    for m in library.modules.values():
        row = [m.id, m.title, m.topic, str(m.minutes), str(m.questions)]
        if done is not None:
            answered = done.get(m.id, {})
            row.append(f"{sum(answered.get(qid) == qhash for qid, qhash in m.hashes)}/{m.questions}")
        rows.append(row)
    say(table(headers, rows))
    for override in library.overrides:
        say(f"note: module '{override.module_id}' from {override.by} replaces the one in {override.replaced}")
    for broken in library.broken:
        say(f"unavailable: {broken.module_id or broken.path}: {broken.diagnostics[0]}", err=True)
    for diag in library.source_diagnostics:
        say(f"source problem: {diag}", err=True)
    return 1 if library.broken or library.source_diagnostics else 0


def _answered(args: argparse.Namespace, name: str) -> dict[str, dict[str, str]]:
    """Per module, question id -> hash of the answers in the learner's current (or last) run."""
    with context.store(args) as store:
        records = store.module_records(name)
    return {module_id: {qid: a.question_hash for qid, a in (r.run_answers or {}).items()} for module_id, r in records.items()}


def sources(args: argparse.Namespace) -> int:
    from tutor.library import load_articles

    index, diags = load_articles(context.folders(args))
    for diag in diags:
        say(str(diag), err=True)
    if args.article:
        article = index.articles.get(args.article)
        if article is None:
            raise UserError(f"no article with id '{shown(args.article)}'", f"known ids: {', '.join(index.ids())}")
        say(_article_header(article))
        say(article.text if args.full else article.body)
        return 0
    rows = [[a.id, a.kind, _given(a.author), _given(a.outlet), _given(a.date), _given(a.title)] for a in index.articles.values()]
    say(table(["ID", "KIND", "AUTHOR", "OUTLET", "DATE", "TITLE"], rows))
    say("\n'tutor sources ID' prints an article. '-' marks what the text itself does not say.")
    return 1 if diags else 0


def _given(value: str) -> str:
    return "-" if value == "unknown" else value


def _article_header(article) -> str:
    facts = [f"{name}: {value}" for name, value in (("kind", article.kind), ("author", article.author), ("outlet", article.outlet),
                                                     ("date", article.date)) if value != "unknown"]
    lines = [article.label, f"  title: {article.title if article.title != 'unknown' else 'not given in the text'}",
             f"  {'   '.join(facts)}", f"  {article.description}", "-" * 72]
    return "\n".join(lines)
