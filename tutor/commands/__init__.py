"""One module per command group, each a thin adapter from parsed arguments to the core.

Commands print plain text (no Rich) so they work in terminals, pipes and
scripts, and start fast. Errors a user can cause are raised as
:class:`tutor.errors.UserError` and printed in one place, :func:`tutor.cli.main`.
"""

from __future__ import annotations

import argparse
from importlib import import_module

#: command -> (module in this package, function)
HANDLERS = {
    "start": ("learn", "start"),
    "quiz": ("learn", "start"),
    "validate": ("content", "validate"),
    "list": ("content", "list_modules"),
    "sources": ("content", "sources"),
    "progress": ("progress", "progress"),
    "profiles": ("progress", "profiles"),
    "doctor": ("progress", "doctor"),
    "assign": ("teacher", "assign"),
    "submit": ("teacher", "submit"),
    "report": ("teacher", "report"),
    "export": ("export", "export"),
    "sync": ("export", "sync"),
    "serve": ("serve", "serve"),
}


def run(args: argparse.Namespace) -> int:
    module, function = HANDLERS[args.command]
    return getattr(import_module(f"tutor.commands.{module}"), function)(args)
