"""``tutor serve`` in real Chromium: what a learner sees, what is saved, what is left running.

Every test drives Debian's Chromium against a real ``tutor serve`` on the
fixture lessons and reads the app's screen from the page's WebSocket frames
(tests/web/browser.py). The module shares one loopback server; the tests
that stop a server, limit it or bind it beyond loopback start their own.
"""

from __future__ import annotations

import re
import signal
import time

import pytest

from tests.web.browser import Terminal
from tests.web.conftest import alive, fetch, serve, wait_gone
from tutor.session import open_store

HOME = ("The bridge reopens", "Reading the bridge sources")
START = 90.0  # seconds an app may take to show its first screen on a busy 2-core machine


def open_page(context, url: str) -> Terminal:
    term = Terminal.open(context, url)
    term.wait_for("Your name", START)
    return term


def sign_in(context, url: str, name: str) -> Terminal:
    term = open_page(context, url)
    term.settle()
    term.focus()
    term.type(name)
    term.wait_for(name)
    term.press("Enter")
    term.wait_for(HOME[0], START)
    return term


OPTION_ROW = re.compile(r"(\d)\. (.+?)\s*▎")


def first_question(term: Terminal) -> str:
    """From home: open the first module, start its quiz; the first question's screen."""
    term.settle()
    term.press_until("Enter", "Section 1 of")
    term.settle()
    return term.press_until("q", "Why did the council close the bridge?")


def answer(term: Terminal, screen: str, option: str) -> str:
    """Pick ``option`` by its number, see it highlighted, then Enter: the verdict's screen.

    The highlight is checked (its background differs from the other options')
    because a number pressed before the options have focus goes nowhere, and
    Enter would then answer the first option. So ``option`` must not be shown
    first: the shuffle is fixed per learner name, so a test picks names for which it is not.
    """
    options = {text.strip(): number for number, text in OPTION_ROW.findall(screen)}
    number = options[option]
    assert number != "1", f"{option!r} is shown first for this learner; pick another name"
    others = [o for o in options if o != option]

    def highlighted(_text: str) -> bool:
        return term.background(option) not in {term.background(o) for o in others}

    term.settle()
    for attempt in range(3):
        term.press(number)
        try:
            term.wait_until(highlighted, 10, f"option {number} highlighted")
            break
        except AssertionError:
            if attempt == 2:
                raise
    term.press("Enter")
    return term.wait_until(lambda t: "Right." in t or "Not quite." in t, START, "the verdict")


def attempts(data_dir, name: str) -> list[dict]:
    store = open_store(data_dir)
    try:
        return store.attempts(name)
    finally:
        store.close()


def test_home_screen_shows_the_modules_and_the_page_asks_nothing_of_other_machines(server, browser):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        term = sign_in(context, server.url, "Ada")
        screen = term.wait_for(HOME[1])
        assert "Welcome, Ada!" in screen
        assert "Taliban: the history" not in screen  # --no-shipped reached the app: only the fixture modules
    finally:
        context.close()
    assert requested, "the page made no request at all"
    outside = [u for u in requested if not u.startswith((server.origin, "data:", "ws://127.0.0.1:"))]
    assert outside == []
    assert any(u.endswith(".ttf") for u in requested), "the terminal font should come from this server"


def test_keys_reach_the_app_and_the_name_follows_the_profile_rule(server, browser):
    context = browser.new_context()
    try:
        term = open_page(context, server.url)
        term.focus()
        term.type("<script>")
        term.press("Enter")
        screen = term.wait_for("is not usable")
        assert "use 1 to 40 letters" in screen  # the rule's hint, shown with its message
        term.press(*["Backspace"] * len("<script>"))
        term.wait_for("your first name, for example")  # the placeholder: the field is empty again
        term.type("Ben Okafor")
        term.wait_for("Ben Okafor")
        term.press("Enter")
        term.wait_for(HOME[0], START)
        term.settle()
        # The arrow keys move the highlight to the second module; Enter opens it.
        before = term.background(HOME[1])
        term.press("ArrowDown")
        term.wait_until(lambda _: term.background(HOME[1]) != before, 20, "the second module highlighted")
        assert "Reading the bridge sources" in term.press_until("Enter", "Section 1 of")
    finally:
        context.close()


def test_two_learners_in_two_browsers_each_keep_only_their_own_progress(server, browser):
    first, second = browser.new_context(), browser.new_context()
    try:
        kit, lee = sign_in(first, server.url, "Kit"), sign_in(second, server.url, "Lee")
        kit_q, lee_q = first_question(kit), first_question(lee)
        assert "Right." in answer(kit, kit_q, "Because engineers found cracks")
        assert "Not quite." in answer(lee, lee_q, "Because the repairs were too costly")
    finally:
        first.close()
        second.close()
    kits, lees = attempts(server.data_dir, "Kit"), attempts(server.data_dir, "Lee")
    assert [(a["question_id"], a["correct"]) for a in kits] == [("why-closed", True)]
    assert [(a["question_id"], a["correct"]) for a in lees] == [("why-closed", False)]
    # Coming back under the same name picks up that learner's run.
    again = browser.new_context()
    try:
        term = sign_in(again, server.url, "Kit")
        assert "quiz under way" in term.wait_for("quiz under way")
    finally:
        again.close()


def ended_one_of(processes: set[int], timeout: float = 15.0) -> None:
    """Exactly one of ``processes`` ends (a browser's app; spares never end by themselves)."""
    deadline = time.monotonic() + timeout
    while len(gone := {p for p in processes if not alive(p)}) < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(gone) == 1, f"{len(gone)} app processes ended, not one"


def test_a_browser_that_leaves_mid_question_loses_nothing_and_its_app_ends(server, browser):
    context = browser.new_context()
    try:
        term = sign_in(context, server.url, "Cara")
        during = server.apps()  # Cara's app and the spare started behind it
        assert "Right." in answer(term, first_question(term), "Because engineers found cracks")
        term.press_until("n", "Which figures for the cost appear")
        term.settle()
        term.press("1")  # half-way through the second question
    finally:
        context.close()
    ended_one_of(during)
    assert [(a["question_id"], a["correct"]) for a in attempts(server.data_dir, "Cara")] == [("why-closed", True)]


def test_past_the_limit_a_browser_gets_a_busy_page_and_the_server_stays_up(tmp_path, browser):
    served = serve(tmp_path, "--max-sessions", "1")
    try:
        first, second = browser.new_context(), browser.new_context()
        term = open_page(first, served.url)
        status, text = fetch(served.url)
        assert status == 503 and "busy" in text and "Try again" in text
        page = second.new_page()
        page.goto(served.url)
        assert "busy" in page.content()
        # A connection that slips past the page (opened just as the last place went) is refused the same way.
        code = page.evaluate("""url => new Promise(done => {
            const socket = new WebSocket(url); socket.onclose = event => done(event.code); })""",
            served.url.replace("http://", "ws://").rstrip("/") + "/ws")
        assert code == 4503
        during = served.apps()
        term.page.close()
        ended_one_of(during)
        second_term = open_page(second, served.url)  # the place is free again
        assert "Your name" in second_term.text()
        first.close()
        second.close()
    finally:
        assert served.stop() == 0


def test_beyond_loopback_a_warning_and_a_token_are_required(tmp_path, browser):
    served = serve(tmp_path, "--host", "0.0.0.0")
    try:
        assert "warning: listening on 0.0.0.0" in served.stderr
        token = re.search(r"\?token=([\w-]+)", served.url).group(1)
        bare = served.origin + "/"
        assert fetch(bare)[0] == 403
        assert fetch(bare + "?token=wrong")[0] == 403
        assert fetch(served.origin + "/ws")[0] == 403
        assert fetch(served.origin + "/ws/wrong")[0] == 403
        status, text = fetch(served.url)
        assert status == 200 and f"/ws/{token}" in text
        context = browser.new_context()
        try:
            sign_in(context, served.url, "Dee")
        finally:
            context.close()
    finally:
        assert served.stop() == 0


def test_beyond_loopback_no_token_still_warns(tmp_path):
    served = serve(tmp_path, "--host", "0.0.0.0", "--no-token")
    try:
        assert "anyone who can reach this computer" in served.stderr
        assert "token" not in served.url
        assert fetch(served.origin + "/")[0] == 200
    finally:
        assert served.stop() == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_stopping_the_server_ends_every_app_it_started(tmp_path, browser, sig):
    served = serve(tmp_path)
    contexts = [browser.new_context(), browser.new_context()]
    try:
        sign_in(contexts[0], served.url, "Eve")
        open_page(contexts[1], served.url)
        apps = served.apps()
        assert len(apps) == 3  # two browsers' apps and the spare
        assert served.stop(sig, timeout=15) == 0
        assert wait_gone(apps, 5) == set(), "app processes outlived the server"
        assert "stopping: ending 2 session(s)" in served.stderr
    finally:
        for context in contexts:
            context.close()


def test_a_killed_server_leaves_no_app_running(tmp_path, browser):
    served = serve(tmp_path)
    context = browser.new_context()
    try:
        open_page(context, served.url)
        apps = served.apps()
        assert len(apps) == 2  # the browser's app and the spare
        served.stop(signal.SIGKILL)
        assert wait_gone(apps, 10) == set(), "an app kept running after its server was killed"
    finally:
        context.close()


def test_the_page_is_told_to_reach_only_this_server(server):
    import urllib.request

    with urllib.request.urlopen(server.url, timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        text = response.read().decode()
        assert response.headers["Referrer-Policy"] == "no-referrer"  # a token in the address never leaks onwards
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http://" not in text and "https://" not in text  # textual-serve's own page asks a web font service
