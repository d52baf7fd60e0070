"""The app as each browser connection runs it (``tutor serve`` starts one process per connection).

``tutor start`` needs a terminal and a learner up front; a browser session
has neither: textual-serve pipes the app's input and output, and several
learners share the server. So this entry starts the app on the name screen
with textual-serve's driver (ended by the server's pipe closing, see
:mod:`tutor.web.driver`), and opens the session for the name given, with
the server's ``--data-dir``, ``--lessons`` and ``--no-shipped``.

The server starts these processes ahead of time (tutor.web.pool): each
imports everything first, then waits for its browser, a start packet on
stdin in textual-serve's framing (``M``, 4-byte length, JSON
``{"type": "start", "width": W, "height": H}``); end of input before that
means it is no longer needed, and it exits.

Run as ``python -m tutor.web.served --data-dir DIR [--lessons DIR]... [--no-shipped]``.
"""

from __future__ import annotations

import argparse
import json
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
    from tutor.ui.screens import home  # noqa: F401  (imported while waiting, not after the name is given)
    from tutor.web.name import NameScreen

    if not wait_for_start():
        return 0

    def opener(name: str):
        return open_session(args.data_dir, args.lessons, name, shipped=not args.no_shipped)

    app = make_app(greeter=lambda: NameScreen(opener))
    try:
        app.run()
    finally:
        if app.session is not None:
            app.session.store.close()
    return app.return_code or 0


def wait_for_start() -> bool:
    """Block until the server hands this process a browser; take the terminal size from it. False at end of input."""
    header = _read_exactly(5)
    if header is None or header[:1] != b"M":
        return False
    payload = _read_exactly(int.from_bytes(header[1:], "big"))
    try:
        start = json.loads(payload or b"")
        width, height = int(start["width"]), int(start["height"])
    except (ValueError, TypeError, KeyError):
        return False
    # textual's web driver takes its first size from these.
    os.environ["COLUMNS"], os.environ["ROWS"] = str(width), str(height)
    return True


def _read_exactly(count: int) -> bytes | None:
    data = b""
    while len(data) < count:
        chunk = os.read(0, count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


if __name__ == "__main__":
    sys.exit(main())
