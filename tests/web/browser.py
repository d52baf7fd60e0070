"""Read what a served tutor shows in real Chromium: the page's WebSocket frames, rendered by pyte.

A screenshot of a textual-serve page shows only its loading splash at
first, and the terminal is drawn on a canvas, so the text is read from the
stream itself: an init script wraps the page's ``WebSocket`` and keeps
every frame the app sends (and the size the page asks for); pyte renders
that stream as a terminal would. Keys go in through the real page
(keyboard events on xterm.js), so they travel the same way a learner's do.
"""

from __future__ import annotations

import shutil
import time
from urllib.parse import parse_qs, urlsplit

import pyte

CHROMIUM = "/usr/bin/chromium"
#: As the machine notes say works here: no sandbox as root, no GPU, nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]

HOOK = """
(() => {
  const Native = window.WebSocket;
  const record = { url: null, frames: [], sent: [], closed: null };
  window.__tutor = record;
  window.WebSocket = class extends Native {
    constructor(url, ...rest) {
      super(url, ...rest);
      record.url = String(url);
      window.__tutorSocket = this;
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        const bytes = new Uint8Array(event.data);
        let text = "";
        for (let i = 0; i < bytes.length; i += 8192) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        }
        record.frames.push(text);
      });
      this.addEventListener("close", (event) => { record.closed = event.code; });
    }
    send(data) { record.sent.push(String(data)); return super.send(data); }
  };
})();
"""


def chromium_path() -> str | None:
    return CHROMIUM if shutil.which(CHROMIUM) else None


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class Terminal:
    """One page's app screen, as text."""

    def __init__(self, page) -> None:
        self.page = page
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.seen = 0
        self.resizes = 0
        self.closed: int | None = None

    @classmethod
    def open(cls, context, url: str, width: int = 1200, height: int = 800) -> Terminal:
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.add_init_script(HOOK)
        page.goto(url)
        return cls(page)

    def pump(self) -> None:
        state = self.page.evaluate(
            "(n) => ({url: window.__tutor && window.__tutor.url, frames: window.__tutor ? window.__tutor.frames.slice(n) : [],"
            " sent: window.__tutor ? window.__tutor.sent : [], closed: window.__tutor ? window.__tutor.closed : null})",
            self.seen,
        )
        if state["url"] and self.screen is None:
            query = parse_qs(urlsplit(state["url"]).query)
            self.screen = pyte.Screen(int(query.get("width", ["80"])[0]), int(query.get("height", ["24"])[0]))
            self.stream = pyte.ByteStream(self.screen)
        if self.screen is not None:
            self._follow_resizes(state["sent"])
            for frame in state["frames"]:
                self.stream.feed(frame.encode("latin-1"))
        self.seen += len(state["frames"])
        self.closed = state["closed"]

    def _follow_resizes(self, sent: list[str]) -> None:
        import json

        resizes = [json.loads(m)[1] for m in sent if m.startswith('["resize"')]
        for size in resizes[self.resizes:]:
            self.screen.resize(size["height"], size["width"])
        self.resizes = len(resizes)

    def text(self) -> str:
        self.pump()
        return "\n".join(self.screen.display) if self.screen else ""

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        """The screen text once it shows ``needle``; AssertionError with the screen after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if needle in text:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not shown within {timeout} s; the screen:\n{text}")
            self.page.wait_for_timeout(50)

    def wait_until(self, predicate, timeout: float = 30.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if predicate(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} not met within {timeout} s; the screen:\n{text}")
            self.page.wait_for_timeout(50)

    def settle(self, quiet_ms: int = 300, timeout: float = 30.0) -> None:
        """Wait until the app has sent nothing for ``quiet_ms``: a screen is drawn before its
        widget takes focus, and a key pressed in between goes nowhere."""
        deadline = time.monotonic() + timeout
        quiet_since, seen = time.monotonic(), self.seen
        while time.monotonic() < deadline:
            self.pump()
            if self.seen != seen:
                quiet_since, seen = time.monotonic(), self.seen
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return
            self.page.wait_for_timeout(50)

    def background(self, needle: str) -> str | None:
        """The background colour of the first cell of ``needle`` on screen (None when not shown)."""
        self.pump()
        for y, line in enumerate(self.screen.display if self.screen else []):
            x = line.find(needle)
            if x >= 0:
                return self.screen.buffer[y][x].bg
        return None

    def press_until(self, key: str, needle: str, tries: int = 3, wait: float = 20.0) -> str:
        """Press ``key`` until ``needle`` shows: on a busy machine a key pressed before the app has
        focused its widget goes nowhere, so it is pressed again (only after a long wait, since a
        second press that did land would go one step too far)."""
        for attempt in range(tries):
            self.press(key)
            try:
                return self.wait_for(needle, wait)
            except AssertionError:
                if attempt == tries - 1:
                    raise
        raise AssertionError("unreachable")

    def focus(self) -> None:
        self.page.click("#terminal")

    # Keys go in at a fast typist's pace, not all in one instant: Textual runs a
    # binding (Backspace) as an action, a letter at once, so a burst of both
    # can come out of order (seen: 8 Backspaces then "Ben" left "<en").
    KEY_GAP_MS = 25

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=self.KEY_GAP_MS)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(self.KEY_GAP_MS)
