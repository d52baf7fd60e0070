"""The process's own streams under faults (F21, F32): a message and the right exit status, never a traceback.

Each case runs the real ``tutor`` in a child process with its stream broken
the way a user's shell breaks it: ``/dev/full`` as stdout, a reader that
went away (broken pipe), stdin or stdout closed (``<&-``, ``>&-``), and an
output encoding that is not UTF-8 (set with PYTHONIOENCODING: this machine
has no latin-1 locale installed, and Python reads the stream encoding from
either). Arguments echoed in errors come back as one printable line.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURE_ARGS, ROOT

TUTOR = [sys.executable, "-m", "tutor"]


def run(*args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=None, preexec_fn=None, input_bytes=None):
    return subprocess.run([*TUTOR, *args], stdin=stdin if input_bytes is None else None, stdout=stdout, stderr=subprocess.PIPE,
                          cwd=ROOT, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn, input=input_bytes, timeout=120)


def clean(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "Exception ignored" not in text and "internal error" not in text, text
    return text


@pytest.mark.parametrize(
    "args",
    [["sources", "river-report"], ["--help"], ["list"], ["validate"], ["--profile", "ann", "quiz", "bridge-basics", "--plain"]],
    ids=["sources", "help", "list", "validate", "plain-quiz"],
)
def test_dev_full_as_stdout_is_reported_with_status_1(args, tmp_path):
    with open("/dev/full", "wb") as full:
        done = run(*FIXTURE_ARGS, *args, stdout=full, input_bytes=b"1\n" if "quiz" in args else None,
                   env={"TUTOR_HOME": str(tmp_path)})
    assert done.returncode == 1, done.stderr
    assert clean(done.stderr).strip().endswith("tutor: cannot write the output: No space left on device")


@pytest.mark.parametrize("args", [["sources", "new-chapter"], ["--help"], ["--profile", "ann", "quiz", "bridge-basics", "--plain"]],
                         ids=["sources", "help", "plain-quiz"])
def test_a_broken_pipe_is_not_exit_0(args, tmp_path):
    """The reader is gone before tutor writes (like `tutor report | head -0`): status 141 and a sentence, as any tool killed by SIGPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = run(*([] if args == ["sources", "new-chapter"] else FIXTURE_ARGS), *args, stdout=write,
                   input_bytes=b"1\n" if "quiz" in args else None, env={"TUTOR_HOME": str(tmp_path)})
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert "tutor: the output was cut off before it was all written (broken pipe)" in clean(done.stderr)


def test_closed_stdin_ends_plain_mode_with_a_message(tmp_path):
    done = run(*FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdin=None, preexec_fn=lambda: os.close(0),
               env={"TUTOR_HOME": str(tmp_path)})
    assert done.returncode == 1 and "no answers were piped in, and no terminal is attached" in clean(done.stderr)


def test_closed_stdout_is_refused_before_doing_anything(tmp_path):
    done = run(*FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-basics", "--plain", stdout=None, preexec_fn=lambda: os.close(1),
               input_bytes=b"1\n", env={"TUTOR_HOME": str(tmp_path)})
    assert done.returncode == 1 and "standard output is closed" in clean(done.stderr)
    assert not (tmp_path / "progress.db").exists()  # no answer was taken that nobody could see


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_an_output_encoding_that_is_not_utf8(encoding, tmp_path):
    done = run("sources", "new-chapter", env={"PYTHONIOENCODING": encoding, "TUTOR_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode(encoding)
    assert "how they govern." in text and "?" in text  # what the encoding cannot show is replaced, not a crash
    clean(done.stderr)
    quiz = run(*FIXTURE_ARGS, "--profile", "ann", "quiz", "bridge-sources", "--plain", input_bytes="a b c\n".encode(encoding),
               env={"PYTHONIOENCODING": encoding, "TUTOR_HOME": str(tmp_path)})
    assert quiz.returncode == 0, quiz.stderr
    clean(quiz.stderr)


@pytest.mark.parametrize(
    ("arg", "echoed"),
    [("\x1b[2J\nforged line", "\\x1b[2J\\nforged line"), ("x\u202eevil", "x\\u202eevil"), (os.fsdecode(b"\xff\xfe"), "\\udcff\\udcfe")],
    ids=["escape-and-newline", "bidi", "not-utf8"],
)
def test_arguments_echoed_in_errors_are_one_printable_line(arg, echoed, tmp_path):
    done = run("sources", arg, env={"TUTOR_HOME": str(tmp_path)})
    err = clean(done.stderr)
    assert done.returncode == 1
    first = err.splitlines()[0]
    assert first == f"tutor: no article with id '{echoed}'"
    assert "\x1b" not in err and "\u202e" not in err
    module = run(*FIXTURE_ARGS, "--profile", "ann", "quiz", arg, "--plain", env={"TUTOR_HOME": str(tmp_path)})
    assert module.returncode == 1 and clean(module.stderr).splitlines()[0] == f"tutor: no module '{echoed}' here"
