"""``tutor serve``: the tutorial in browsers, one app process per connection (tutor.web)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tutor.commands import context
from tutor.commands.output import say


def serve(args: argparse.Namespace) -> int:
    from tutor.web.launcher import ServeOptions, parse_max_sessions, parse_port, serve

    options = ServeOptions(
        host=args.host, port=parse_port(args.port), max_sessions=parse_max_sessions(args.max_sessions), use_token=not args.no_token,
        data_dir=context.home(args), lessons=[Path(p) for p in args.lessons], shipped=not args.no_shipped,
        spares=1 if os.environ.get("TUTOR_SERVE_SPARES", "1") != "0" else 0,
    )
    # Open the store and the library once here: a store that cannot be opened is
    # one clear error now rather than in every browser, and each session then
    # reads the library from the warm cache.
    context.store(args).close()
    context.library(args)
    return serve(options, _announce)


def _announce(line: str, err: bool) -> None:
    say(line, err=err)
    (sys.stderr if err else sys.stdout).flush()
