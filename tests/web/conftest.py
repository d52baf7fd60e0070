"""A real ``tutor serve`` process and a real Chromium for the browser tests.

The server runs exactly as a teacher would start it (``python -m tutor ...
serve``) on the fixture lessons, on a free port; its app processes are its
children, found through /proc. Chromium is Debian's (``/usr/bin/chromium``):
in CI its absence fails the tests, elsewhere it skips them with the package
to install.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_ARGS, ROOT
from tests.web.browser import chromium_path, launch

URL_LINE = re.compile(r"^  (http://\S+)$", re.MULTILINE)


def require_browser() -> None:
    missing = []
    if chromium_path() is None:
        missing.append("Debian's chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    if not missing:
        return
    message = "the browser tests need " + " and ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(message + "; .ci/run installs them")
    pytest.skip(message + "; make test installs them where it can")


@dataclass
class Served:
    """A running ``tutor serve``."""

    process: subprocess.Popen
    urls: list[str]
    data_dir: Path
    out: Path
    err: Path

    @property
    def url(self) -> str:
        """The loopback address to open (with the token, if there is one)."""
        return next((u for u in self.urls if "//127.0.0.1:" in u), self.urls[0])

    @property
    def origin(self) -> str:
        return re.match(r"http://[^/]+", self.url).group(0)

    @property
    def stdout(self) -> str:
        return self.out.read_text()

    @property
    def stderr(self) -> str:
        return self.err.read_text()

    def apps(self) -> set[int]:
        """The app processes this server runs now (its live children)."""
        return children(self.process.pid)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"tutor serve did not stop within {timeout} s of signal {sig}") from None


def serve(tmp: Path, *args: str, data_dir: Path | None = None, timeout: float = 60.0) -> Served:
    """Start ``tutor serve`` on a free port and wait until it prints where to connect."""
    data_dir = data_dir or tmp / "class room"  # a space: the path must reach every session intact
    out, err = tmp / f"serve-{time.monotonic_ns()}.out", tmp / f"serve-{time.monotonic_ns()}.err"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("TUTOR_HOME", None)
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tutor", "--data-dir", str(data_dir), *FIXTURE_ARGS, "serve", "--port", "0", *args],
            stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, cwd=ROOT, env=env,
        )
    deadline = time.monotonic() + timeout
    while not (urls := URL_LINE.findall(out.read_text())):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"tutor serve did not start: {out.read_text()}{err.read_text()}")
        time.sleep(0.05)
    return Served(process, urls, data_dir, out, err)


def fetch(url: str) -> tuple[int, str]:
    """GET a page: its status and text (errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat and stat[1] == pid and stat[0] != "Z":
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def wait_gone(pids, timeout: float = 15.0) -> set[int]:
    """Wait until none of ``pids`` is alive; returns those still alive at the deadline."""
    deadline = time.monotonic() + timeout
    while (left := {p for p in pids if alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):
    """One loopback server for the module's tests (each test uses its own learner names)."""
    served = serve(tmp_path_factory.mktemp("serve"))
    yield served
    apps = served.apps()
    assert served.stop() == 0
    assert wait_gone(apps, 5) == set()
