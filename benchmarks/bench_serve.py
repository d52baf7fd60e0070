"""``tutor serve`` in Chromium: time to the home screen, and twenty sessions at once.

1. Page load to text, in one run, alternating: the bare Textual app served
   by textual-serve's own ``Server`` (to its one line) and ``tutor serve``
   (to the name screen, and to the home screen's module titles after typing
   a name and Enter). Each time is taken in the page: from navigation start
   to the WebSocket frame that completes the text (the frames are replayed
   through pyte). Target: the home screen within 1.3x of the bare app.
   tutor serve keeps an app process started ahead (tutor.web.pool); the
   same figures without it ($TUTOR_SERVE_SPARES=0) are printed too.
2. Twenty browsers open ``tutor serve`` together on this machine (2 cores
   in CI): every one must reach its home screen, no app process may crash,
   and each process's memory is printed (it sets the default session limit).

Needs Debian's chromium and the test extras (playwright, pyte). Requests
leaving the machine are blocked in the browser (textual-serve's own page
asks for a web font), so both pages are timed on what this machine serves.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, report
from tests.web.browser import HOOK, Terminal, launch

RUNS = 7
CONCURRENT_ONLY = False
CONCURRENT = 20
BARE_TEXT = "hello from a bare Textual app"
SERVE_BARE = "import sys; from textual_serve.server import Server; Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()"
#: The test hook, also noting when each frame arrived, when the socket opened and when each message was sent (page time, ms).
_NOW = "performance.now()"
TIMED_HOOK = (
    HOOK.replace("record.frames.push(text);", f"record.frames.push(text); (record.times = record.times || []).push({_NOW});")
    .replace("window.__tutorSocket = this;", f"window.__tutorSocket = this; this.addEventListener('open', () => {{ record.opened = {_NOW}; }});")
    .replace("record.sent.push(String(data));", f"record.sent.push(String(data)); (record.sentTimes = record.sentTimes || []).push({_NOW});")
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no server at {url}")


def start_tutor(home: str, log: Path, spares: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor", "--data-dir", home, "serve", "--port", str(port), "--max-sessions", str(CONCURRENT)],
        stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, "TUTOR_SERVE_SPARES": str(spares)},
    )
    url = f"http://127.0.0.1:{port}/"
    wait_up(url)
    return proc, url


def start_bare(log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = f"exec {sys.executable} {Path(__file__).with_name('_bare_served_app.py')}"
    proc = subprocess.Popen([sys.executable, "-c", SERVE_BARE, command, str(port)], stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    wait_up(url)
    return proc, url


def local_only(context) -> None:
    def route(route):
        host = re.match(r"\w+://([^/:]+)", route.request.url)
        if host and host.group(1) not in ("127.0.0.1", "localhost"):
            return route.abort()
        return route.continue_()

    context.route("**/*", route)


def open_timed(browser, url: str) -> Terminal:
    context = browser.new_context()
    local_only(context)
    page = context.new_page()
    page.set_viewport_size({"width": 1200, "height": 800})
    page.add_init_script(TIMED_HOOK)
    page.goto(url, wait_until="commit")
    return Terminal(page)


def first_time(term: Terminal, needle: str, timeout: float = 90) -> float:
    """Wait for ``needle``; then the page time (ms since navigation start) of the frame that first showed it."""
    term.wait_for(needle, timeout)
    record = term.page.evaluate("({url: window.__tutor.url, frames: window.__tutor.frames, times: window.__tutor.times})")
    query = parse_qs(urlsplit(record["url"]).query)
    screen = pyte.Screen(int(query["width"][0]), int(query["height"][0]))
    stream = pyte.ByteStream(screen)
    for frame, at in zip(record["frames"], record["times"], strict=True):
        stream.feed(frame.encode("latin-1"))
        if needle in "\n".join(screen.display):
            return at
    raise AssertionError(f"{needle!r} seen live but not on replay")


def time_tutor(browser, url: str, title: str, name: str) -> tuple[float, float, float]:
    """Page load to the name screen; to the home screen less the learner's typing; and with it (ms).

    The learner's part (here a robot's: click, type, Enter) runs from the
    name screen's frame to the Enter key leaving the page; the app's part
    is the rest. "home" is page load to the name screen plus Enter to home.
    """
    tutor = open_timed(browser, url)
    name_ms = first_time(tutor, "Your name")
    tutor.focus()
    tutor.type(name)
    tutor.press("Enter")
    home_ms = first_time(tutor, title)
    record = tutor.page.evaluate("({sent: window.__tutor.sent, at: window.__tutor.sentTimes})")
    enter_ms = next(at for message, at in zip(record["sent"], record["at"], strict=True) if message == '["stdin","\\r"]')
    tutor.page.context.close()
    return name_ms, name_ms + (home_ms - enter_ms), home_ms


def measure(browser, bare_url: str, warm_url: str, cold_url: str, title: str) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {
        "bare": [], "name": [], "home": [], "home with typing": [], "cold name": [], "cold home": [], "cold home with typing": [], "page": []
    }
    for run in range(RUNS + 1):
        bare = open_timed(browser, bare_url)
        bare_ms = first_time(bare, BARE_TEXT)
        page_ms = bare.page.evaluate("window.__tutor.opened")
        bare.page.context.close()
        cold = time_tutor(browser, cold_url, title, f"cold{run}")
        warm = time_tutor(browser, warm_url, title, f"warm{run}")
        if run:  # the first round warms caches
            for key, value in zip(times, (bare_ms, *warm, *cold, page_ms), strict=True):
                times[key].append(value)
    return times


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] != "Z":
                out.append(int(entry))
    return out


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def concurrent(browser, server: subprocess.Popen, url: str, title: str, log: Path) -> None:
    start = time.monotonic()
    terms = []
    for _ in range(CONCURRENT):
        context = browser.new_context()
        local_only(context)
        terms.append(Terminal.open(context, url))
    for term in terms:
        term.wait_for("Your name", 180)
    report(f"{CONCURRENT} browsers at once: all name screens shown after", time.monotonic() - start, "s")
    for i, term in enumerate(terms):
        term.focus()
        term.type(f"pupil {i}")
        term.wait_for(f"pupil {i}", 60)
        term.press("Enter")
    for term in terms:
        term.wait_for(title, 180)
    elapsed = time.monotonic() - start
    apps = children(server.pid)
    memory = [rss_mb(p) for p in apps]
    crashed = [t for t in terms if t.closed is not None]
    errors = [line for line in log.read_text().splitlines() if "Traceback" in line or "failed to start" in line]
    report("  all home screens shown after (one robot types twenty names in turn)", elapsed, "s")
    report("  sessions with their home screen / app processes running", len(terms), "", f"/ {len(apps)} processes")
    report("  app process memory, median (max)", statistics.median(memory), "MB", f"(max {max(memory):.0f} MB)")
    ok = len(apps) >= CONCURRENT and not crashed and not errors  # the sessions, and the spare started behind them
    report("  crashed or closed sessions, errors logged", len(crashed) + len(errors), "", "target 0", ok)
    for term in terms:
        term.page.context.close()
    if not ok:
        raise SystemExit(1)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tutor.library import lesson_folders, load_library

    title = next(iter(load_library(lesson_folders(None)).modules.values())).title[:24]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        home = str(Path(tmp) / "home")
        browser = launch(playwright)
        tutor, tutor_url = start_tutor(home, Path(tmp) / "tutor.log")
        cold, cold_url = start_tutor(home, Path(tmp) / "cold.log", spares=0)
        bare, bare_url = start_bare(Path(tmp) / "bare.log")
        try:
            times = measure(browser, bare_url, tutor_url, cold_url, title)
            median = {k: statistics.median(v) for k, v in times.items()}
            bare_ms = median["bare"]
            report("the page itself: page load to its WebSocket open", median["page"], "ms")
            report("bare Textual app (textual-serve): page load to its text", bare_ms, "ms")
            report("tutor serve: page load to the name screen", median["name"], "ms", f"ratio {median['name'] / bare_ms:.2f}x")
            ratio = median["home"] / bare_ms
            report("tutor serve: page load to home, less the typing", median["home"], "ms", f"ratio {ratio:.2f}x (target <= 1.3x)", ratio <= 1.3)
            report("  the same with a robot's click, typing and Enter", median["home with typing"], "ms")
            for what, label in (("name", "the name screen"), ("home", "home, less the typing")):
                cold_ms = median[f"cold {what}"]
                report(f"  without a spare process: to {label}", cold_ms, "ms", f"ratio {cold_ms / bare_ms:.2f}x")
            print(json.dumps({k: [round(v) for v in vs] for k, vs in times.items()}))
            cold.send_signal(signal.SIGTERM)
            cold.wait(30)
            concurrent(browser, tutor, tutor_url, title, Path(tmp) / "tutor.log")
        finally:
            for proc in (tutor, cold, bare):
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(30)
            browser.close()


if __name__ == "__main__":
    main()
