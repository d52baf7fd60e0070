"""The real clients of tutor's formats, for the tests: gift-pegjs in node, anki, qti_package_maker, a Ralph LRS.

Under CI (``CI=true``) a missing client fails the test loudly; elsewhere it is
skipped with the reason (``make test`` installs them all: see install.sh).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURE_LESSONS = ROOT / "tests" / "fixtures" / "lessons"
LRS_USER, LRS_PASSWORD = "teacher", "s3cret-for-tests"


def unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must have every client: see tests/clients/install.sh)")
    pytest.skip(reason)


# -- gift-pegjs ---------------------------------------------------------------------
def gift_parse(text: str) -> list[dict]:
    """Parse GIFT with gift-pegjs (node); fail the test with the parser's message if it cannot."""
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed (Debian package nodejs); run 'make test' to install it")
    if not (HERE / "node_modules" / "gift-pegjs").is_dir():
        unavailable("gift-pegjs is not installed; run 'bash tests/clients/install.sh'")
    done = subprocess.run([node, str(HERE / "gift_parse.js")], input=text, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        pytest.fail(f"gift-pegjs could not parse the export: {done.stderr.strip()}")
    return json.loads(done.stdout)


# -- Ralph ---------------------------------------------------------------------------
@dataclass
class Ralph:
    url: str
    folder: Path
    process: subprocess.Popen
    port: int
    user: str = LRS_USER
    password: str = LRS_PASSWORD

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def get(self, query: str) -> dict:
        """A GET on the statements resource, as the LRS answers it."""
        import base64

        request = urllib.request.Request(f"{self.url}statements?{query}")
        request.add_header("X-Experience-API-Version", "1.0.3")
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def statements_of(self, name: str, homepage: str = "https://tutor.invalid") -> list[dict]:
        """Every statement the LRS holds for one learner (following ``more``)."""
        from urllib.parse import parse_qs, urlencode, urlsplit

        agent = json.dumps({"objectType": "Agent", "account": {"homePage": homepage, "name": name}})
        query = urlencode({"agent": agent, "limit": "100"})
        found = []
        while query:
            page = self.get(query)
            found += page["statements"]
            more = page.get("more")
            query = urlencode({k: v[0] for k, v in parse_qs(urlsplit(more).query).items()}) if more and page["statements"] else ""
        return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ralph_env(folder: Path) -> dict[str, str]:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    return {
        **os.environ, "RALPH_APP_DIR": str(folder), "RALPH_AUTH_FILE": str(folder / "auth.json"), "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
    }


def start_ralph(folder: Path, port: int | None = None) -> Ralph:
    """A Ralph LRS on a free loopback port, with one user made by ``ralph auth``; waits until it answers."""
    import importlib.util

    if importlib.util.find_spec("ralph") is None or importlib.util.find_spec("uvicorn") is None:
        unavailable("Ralph is not installed (pip install 'ralph-malph[cli,lrs]' requests); run 'make test'")
    env = ralph_env(folder)
    ralph_cli = Path(sys.executable).with_name("ralph")
    if not (folder / "auth.json").exists():
        subprocess.run(
            [str(ralph_cli), "auth", "-u", LRS_USER, "-p", LRS_PASSWORD, "-s", "all", "-A", LRS_USER, "https://tutor.invalid", "-w"],
            env=env, check=True, capture_output=True, timeout=120,
        )
    port = port or free_port()
    log = open(folder / "ralph.log", "ab")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, str(HERE / "ralph_launcher.py"), str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True, cwd=folder,
    )
    server = Ralph(f"http://127.0.0.1:{port}/xAPI/", folder, process, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Ralph stopped at start: {(folder / 'ralph.log').read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("Ralph did not answer within 60 s")


@pytest.fixture(scope="session")
def ralph():
    """One Ralph LRS for the test session, stopped at its end."""
    folder = Path(tempfile.mkdtemp(prefix="tutor-ralph-"))
    server = start_ralph(folder)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def validate_statement(statement: dict) -> None:
    """Strict, offline xAPI validation with Ralph's models (Ralph's API itself is lenient)."""
    from ralph.models.xapi.base.statements import BaseXapiStatement

    BaseXapiStatement(**statement)


# -- learners ------------------------------------------------------------------------
def fixture_library(home: Path):
    from tutor.library import open_library

    return open_library(home, [str(FIXTURE_LESSONS)], shipped=False, cache=False)


def take_quizzes(home: Path, profile: str, wrong: set[str] = frozenset(), assignment=None, finish: bool = True, now=None) -> None:
    """A learner answers every fixture question (the model answer, or a wrong one for ids in ``wrong``) and finishes."""
    from tutor.kinds import kind_of, model_answer
    from tutor.session import open_session

    session = open_session(home, [str(FIXTURE_LESSONS)], profile, assignment=assignment, results_dir=home / "results", shipped=False)
    try:
        for module in session.modules:
            quiz = session.start_run(module, now=now)
            for question in module.questions:
                response = model_answer(question)
                if question.id in wrong:
                    response = wrong_answer(question)
                    assert not kind_of(question.type).grade(question, response).correct
                session.answer(quiz, question, response, 2.5, now=now)
            if finish:
                session.finish(quiz, now=now)
    finally:
        session.store.close()


def wrong_answer(question):
    """A response that fits the question but is not right."""
    if question.type == "short_answer":
        return "nobody"
    if question.type == "matching":
        pairs = [list(p) for p in question.pairs]
        pairs[0][1], pairs[1][1] = pairs[1][1], pairs[0][1]
        return pairs
    if question.type == "ordering":
        return list(reversed(question.correct))
    return [next(o.id for o in question.options if o.id not in question.correct)]
