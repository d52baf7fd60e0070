"""Run a Ralph LRS on the file-system backend for tutor's tests and benchmarks.

Usage: python ralph_launcher.py PORT  (with RALPH_APP_DIR, RALPH_AUTH_FILE,
RALPH_RUNSERVER_BACKEND=fs and RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH set).

Ralph's fs backend creates a new file per write by default and so accepts only
the first POST; appending makes it keep every batch (see
shared/notes/measured-facts.md).
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
