"""A helper process for the crash and concurrency tests: records answers in a loop.

Prints each attempt id after its commit returns, so the parent knows exactly
which answers tutor acknowledged before it was killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tutor.progress.store import Store


def main() -> None:
    path, profile, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = Store.open(path)
    for n in range(count):
        attempt, _new = store.record_answer(profile, "history", f"q{n % 50}", "hash", ["a"], n % 3 == 0, 1.0, 0.5)
        print(attempt, flush=True)
    store.close()


if __name__ == "__main__":
    main()
