"""What every command needs from its arguments: folders, the library, the store, the learner.

One place turns parsed arguments into core objects, so every command treats
``--data-dir``, ``--lessons``, ``--no-shipped`` and ``--profile`` the same way
(the profile rule included: a bad name is the same clear error everywhere).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def home(args: argparse.Namespace) -> Path:
    from tutor.paths import data_dir

    return data_dir(args.data_dir)


def profile(args: argparse.Namespace) -> str:
    from tutor.session import resolve_profile

    return resolve_profile(getattr(args, "profile", None))


def library(args: argparse.Namespace, cache: bool = True, summaries: bool = False):
    from tutor.library import open_library

    return open_library(home(args), args.lessons, shipped=not args.no_shipped, cache=cache, summaries=summaries)


def folders(args: argparse.Namespace):
    from tutor.library import lesson_folders

    return lesson_folders(home(args), args.lessons, shipped=not args.no_shipped)


def store(args: argparse.Namespace, full_library=None):
    """The progress store, telling the user (once) if a damaged file was moved aside.

    Answers stored by tutor 0.1.0 are carried over to today's question
    identities first (with ``full_library``, or the cached library if any remain).
    """
    from tutor.commands.output import say
    from tutor.session import open_store, upgrade_hashes

    opened = open_store(args.data_dir)
    if opened.notice:
        say(f"tutor: {opened.notice}", err=True)
    if opened.legacy_hashes():
        upgrade_hashes(full_library or library(args), opened)
    return opened


def assignment(path: str | None):
    if not path:
        return None
    from tutor.teacher.assignment import load_assignment

    return load_assignment(Path(path))


def session(args: argparse.Namespace, assignment_file: str | None = None, results_dir: str | None = None):
    from tutor.commands.output import say
    from tutor.session import open_session

    opened = open_session(
        args.data_dir, args.lessons, getattr(args, "profile", None), assignment(assignment_file), results_dir, shipped=not args.no_shipped
    )
    if opened.store.notice:
        say(f"tutor: {opened.store.notice}", err=True)
    return opened
