"""The app as each browser connection runs it (``tutor serve`` starts one process per connection).

``tutor start`` needs a terminal and a learner up front; a browser session
has neither: textual-serve pipes the app's input and output, and several
learners share the server. So this entry starts the app on the name screen
with textual-serve's driver (ended by the server's pipe closing, see
:mod:`tutor.web.driver`), and opens the session for the name given, with
the server's ``--data-dir``, ``--lessons`` and ``--no-shipped``.

Run as ``python -m tutor.web.served --data-dir DIR [--lessons DIR]... [--no-shipped]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

DRIVER = "tutor.web.driver:ServedDriver"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tutor.web.served", description="one browser session of tutor serve")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--lessons", action="append", default=[])
    parser.add_argument("--no-shipped", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    # Textual reads TEXTUAL_DRIVER once, when it is first imported.
    os.environ["TEXTUAL_DRIVER"] = DRIVER
    from tutor.session import open_session
    from tutor.ui.factory import make_app
    from tutor.web.name import NameScreen

    def opener(name: str):
        return open_session(args.data_dir, args.lessons, name, shipped=not args.no_shipped)

    app = make_app(greeter=lambda: NameScreen(opener))
    try:
        app.run()
    finally:
        if app.session is not None:
            app.session.store.close()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
