"""Run a Ralph LRS on the file-system backend for tutor's tests and benchmarks.

Usage: python ralph_launcher.py PORT  (with RALPH_APP_DIR, RALPH_AUTH_FILE,
RALPH_RUNSERVER_BACKEND=fs and RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH set).

Two workarounds for Ralph 5.1.0's file-system backend, which is meant for
tests but has two bugs the other backends do not have:

* it creates a new file per write by default and so accepts only the first
  POST; appending makes it keep every batch (see shared/notes/measured-facts.md);
* the API hands it the ``verb`` and ``activity`` filters as pydantic ``IRI``
  root models, which never equal the strings in a statement, so a GET with
  either filter finds nothing; they are turned back into strings here.
"""

from __future__ import annotations

import os
import sys
import threading
import time

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend
from ralph.backends.lrs.fs import FSLRSBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND
_query = FSLRSBackend.query_statements


def _query_with_plain_iris(self, params, target=None):
    for name in ("verb", "activity"):
        value = getattr(params, name, None)
        if value is not None and not isinstance(value, str):
            setattr(params, name, str(getattr(value, "root", value)))
    return _query(self, params, target)


FSLRSBackend.query_statements = _query_with_plain_iris

def _exit_with_parent() -> None:
    """Stop when whoever started us is gone (a test run killed with -9 must not leave an LRS behind)."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
