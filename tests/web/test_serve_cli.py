"""``tutor serve`` options: the errors a user can cause, the help, and the rules behind the defaults (no browser)."""

from __future__ import annotations

import shlex
import socket

import pytest

from tests.functional.test_cli import tutor
from tutor.errors import UserError
from tutor.web import launcher


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-sessions", "0"], "--max-sessions '0' is not a number of sessions"),
        (["--max-sessions", "lots"], "--max-sessions 'lots' is not a number of sessions"),
        (["--port", "http"], "--port 'http' is not a port number"),
        (["--port", "70000"], "--port '70000' is not a port number"),
        (["--host", "no such host!"], "--host 'no such host!' is not an address or host name"),
    ],
)
def test_bad_options_are_user_errors(args, message):
    out = tutor("serve", *args)
    assert out.returncode == 1, out.stderr
    assert out.stderr.splitlines()[0] == f"tutor: {message}"
    assert out.stderr.splitlines()[1].startswith("  use ")
    assert "Traceback" not in out.stderr


def test_a_port_in_use_is_a_user_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = tutor("--data-dir", str(tmp_path), "serve", "--port", str(port))
    assert out.returncode == 1
    assert out.stderr.startswith(f"tutor: port {port} on 127.0.0.1 is already in use\n  stop whatever uses it, or pick another with --port")
    assert out.stdout == ""  # no address printed for a server that is not running


def test_serve_help_explains_everything():
    out = tutor("serve", "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    for needle in ("--host", "--port", "--max-sessions", "--no-token", "access token", "busy, try again", "name", "Ctrl+C", "SIGTERM",
                   "without internet", "--data-dir", "ten sessions per CPU core"):
        assert needle in text, needle


def test_default_session_limit_follows_cores_and_memory():
    gib = 2**30
    assert launcher.default_max_sessions(cores=2, memory=24 * gib) == 20  # the CI machine: cores decide
    assert launcher.default_max_sessions(cores=8, memory=4 * gib) == 10  # a small laptop: memory decides
    assert launcher.default_max_sessions(cores=1, memory=256 * 2**20) == 2  # never fewer than two
    assert launcher.default_max_sessions(cores=2, memory=0) == 20  # memory unknown
    assert launcher.default_max_sessions(cores=256, memory=1024 * gib) == launcher.MAX_SESSIONS_CAP


def test_loopback_is_told_apart_without_asking_the_network():
    assert launcher.is_loopback("127.0.0.1") and launcher.is_loopback("::1") and launcher.is_loopback("localhost")
    assert not launcher.is_loopback("0.0.0.0")
    assert not launcher.is_loopback("::")
    with pytest.raises(UserError):
        launcher.check_host("bad host")


def test_the_served_command_execs_the_app_with_every_folder_intact(tmp_path):
    data = tmp_path / "class room's data"
    lessons = [tmp_path / "our lessons", tmp_path / "$(touch pwned)"]
    command = launcher.served_command(data, lessons, shipped=False)
    words = shlex.split(command)
    assert words[0] == "exec"  # the shell becomes the app: ending it ends the app
    assert words[2:4] == ["-m", "tutor.web.served"]
    assert words[4:] == ["--data-dir", str(data.resolve()), "--lessons", str(lessons[0].resolve()),
                         "--lessons", str(lessons[1].resolve()), "--no-shipped"]
