"""Key-press latency of the real ``tutor start`` in a pseudo-terminal, against a bare Textual app of the same shape.

Pilot is not used: it adds its own waits. Each app runs as a process in a
pty this script plays the terminal of. It answers Textual's question whether
the terminal supports synchronized output (DECRQM 2026), so every frame the
app draws ends with ``ESC [ ? 2026 l``; a key's latency is the time from
writing the key to the last byte of the last frame it caused, found by
waiting until the app has been quiet for a while. The screen is followed
with pyte, and every step checks that the key did what it should (if the UI
changes its keys, the run stops and shows the screen rather than timing the
wrong thing).

The walk, the same in both apps: move in the module list, open a module,
move focus to its passages and open one in the article viewer, come back,
start the quiz, move between the options, answer, open a source passage from
the feedback and come back, back home. Several rounds, alternating the two
apps, each round a fresh process (and for tutor a fresh learner).

Targets: p95 under 100 ms, and at most 1.5x the bare app.
"""

from __future__ import annotations

import json
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import ROOT, python, report, tutor_command

SIZE = (100, 30)
ROUNDS = int(os.environ.get("BENCH_KEYS_ROUNDS", "5"))
#: The app is done with a key once it has written nothing for this long.
QUIET = 0.3
SYNC_QUERY, SYNC_YES, SYNC_END = b"\x1b[?2026$p", b"\x1b[?2026;2$y", b"\x1b[?2026l"
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r", "escape": b"\x1b", "tab": b"\t"}

#: Keys that stay on one screen (the others open or close one).
MOVES = {"move in the module list", "move focus", "move in the passage list", "move between options"}
#: (what, key, text the screen must show afterwards)
WALK = [
    *[("move in the module list", "down", "") for _ in range(5)],
    *[("move in the module list", "up", "") for _ in range(5)],
    ("open a module", "enter", "Section 1 of"),
    ("move focus", "tab", ""),
    ("move in the passage list", "down", ""),
    ("move in the passage list", "up", ""),
    ("open a source passage", "enter", "Showing the article body"),
    ("come back", "escape", "Section 1 of"),
    ("start the quiz", "q", "Question 1 of"),
    *[("move between options", key, "") for key in ("down", "down", "down", "up", "up", "up")],
    ("move between options", "3", ""),
    ("answer", "enter", "What you chose"),  # the feedback is drawn
    ("open a source passage", "a", "Showing the article body"),  # after an answer, a opens the passage behind it
    ("come back", "escape", "What you chose"),
    ("come back", "escape", "No reviews due"),
]


class Terminal:
    """A pty with the app on the other side; this end plays a terminal that supports synchronized output."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import termios

        import pyte

        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        name = os.ttyname(slave)
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True,
                                     preexec_fn=lambda: os.close(os.open(name, os.O_RDWR)))
        os.close(slave)
        self.master = master
        self.synced = False
        #: CPU ms the last key cost the app.
        self.spent = 0.0

    def read(self, timeout: float) -> tuple[float, bytes] | None:
        """One chunk of output (and the time it arrived), or None after ``timeout`` seconds of silence."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b""
        now = time.perf_counter()
        if not data:
            raise SystemExit("the app ended")
        if SYNC_QUERY in data:
            os.write(self.master, SYNC_YES)
            self.synced = True
        self.stream.feed(data)
        return now, data

    def read_until_quiet(self, quiet: float, limit: float = 20.0) -> list[tuple[float, bytes]]:
        """Everything written until ``quiet`` seconds pass with nothing more."""
        chunks: list[tuple[float, bytes]] = []
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and (chunk := self.read(quiet)) is not None:
            chunks.append(chunk)
        return chunks

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def cpu(self) -> float:
        """CPU time the app has used so far, in ms, over all its threads (Linux; 0 elsewhere): steadier than wall time on a busy machine."""
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.proc.pid}/task"):
                with open(f"/proc/{self.proc.pid}/task/{task}/schedstat") as stat:
                    total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
        return total / 1e6

    def press(self, key: str, expect: str = "") -> float | None:
        """Milliseconds from writing the key to the last byte of the last frame it caused (None: nothing was drawn).

        The app is done once it has drawn a frame (showing ``expect``, when given)
        and then stayed quiet for QUIET seconds: a slow app that computes
        before it draws is waited for, not cut off.
        """
        self.read_until_quiet(0.1)  # nothing left over from before
        cpu = self.cpu()
        start = time.perf_counter()
        os.write(self.master, KEYS.get(key, key.encode()))
        chunks: list[tuple[float, bytes]] = []
        deadline = start + 10.0
        while time.perf_counter() < deadline:
            chunk = self.read(0.05)
            if chunk is not None:
                chunks.append(chunk)
            framed = any(SYNC_END in c for _t, c in chunks) if self.synced else bool(chunks)
            if framed and (not expect or expect in self.text()) and chunk is None:
                break
        chunks += self.read_until_quiet(QUIET)
        self.spent = self.cpu() - cpu
        if not chunks:
            return None
        data = b"".join(c for _t, c in chunks)
        end = data.rfind(SYNC_END)
        if end < 0:  # no synchronized output: the last byte written
            return (chunks[-1][0] - start) * 1000
        last_byte, offset = end + len(SYNC_END) - 1, 0
        for when, chunk in chunks:
            offset += len(chunk)
            if offset > last_byte:
                return (when - start) * 1000
        return (chunks[-1][0] - start) * 1000

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


def bare_data(folder: Path) -> Path:
    """The first module's text, for the bare app (so both apps lay out the same words)."""
    from tutor.library import lesson_folders, load_library

    library = load_library(lesson_folders(None))
    modules = list(library.modules.values())
    module = modules[0]
    section = module.sections[0]
    articles = library.articles
    ref = section.sources[0]
    article = articles.articles[ref.source]
    span = articles.find_quote(ref.source, ref.quote) or (0, 0)
    question = next(q for q in module.questions if q.options and not q.right)
    label = lambda source: articles.articles[source].label  # noqa: E731
    data = {
        "welcome": "Welcome! This tutorial teaches Russia's 2025 recognition of the Taliban from five articles. " * 2,
        "modules": [(m.title, f"{m.topic} · {m.minutes} min · ░░░░░░░░░░ 0/{len(m.questions)} · not finished yet") for m in modules],
        "section_title": f"Section 1 of {len(module.sections)}: {section.title}",
        "body": section.body,
        "outside": section.outside_knowledge,
        "passages": [(label(r.source), r.quote) for r in section.sources],
        "article_meta": f"{article.title}\n{article.kind} · author: {article.author}\n{article.description}",
        "article_text": article.body,
        "passage_span": [span[0] - article.body_start, span[1] - article.body_start],
        "question": {
            "count": len(module.questions), "kind": "Choose one (a number or click, then Enter or Answer)", "prompt": question.prompt,
            "options": [o.text for o in question.options], "right": 0,
            "feedback": question.explanation + "\n" + "\n".join(f"  • {o.text}: {o.feedback}" for o in question.options),
            "sources": [(label(r.source), r.quote) for r in question.sources],
        },
    }
    path = folder / "bare.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def walk(argv: list[str], env: dict[str, str], ready: str) -> dict[str, list[tuple[float, float]]]:
    term = Terminal(argv, env)
    try:
        deadline = time.perf_counter() + 30.0
        while ready not in term.text() and time.perf_counter() < deadline:
            term.read(0.1)
        term.read_until_quiet(1.0)
        if ready not in term.text():
            raise SystemExit(f"{argv[-1]} did not start: the screen showed\n{term.text()}")
        times: dict[str, list[tuple[float, float]]] = {}
        for what, key, expect in WALK:
            latency = term.press(key, expect)
            if latency is None or expect not in term.text():
                raise SystemExit(f"{' '.join(argv[-2:])}: {key!r} ({what}) did not {'draw' if latency is None else f'show {expect!r}'}; "
                                 f"the screen showed\n{term.text()}")
            times.setdefault(what, []).append((latency, term.spent))
        if not term.synced:
            print("note: the app never asked about synchronized output; frames were timed to their last byte")
        return times
    finally:
        term.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    base["TERM"] = "xterm-256color"
    results: dict[str, dict[str, list[tuple[float, float]]]] = {"bare": {}, "tutor": {}}
    with tempfile.TemporaryDirectory() as scratch:
        data = bare_data(Path(scratch))
        bare = [python(), str(Path(__file__).with_name("_bare_keys.py")), str(data)]
        for round_ in range(ROUNDS + 1):  # the first round of each warms caches and is not counted
            for name in ("bare", "tutor"):
                if name == "bare":
                    times = walk(bare, base, "No reviews due")
                else:
                    env = {**base, "TUTOR_HOME": str(Path(scratch) / f"home-{round_}")}
                    times = walk([*tutor_command(), "--profile", "bench", "start"], env, "No reviews due")
                if round_:
                    for what, values in times.items():
                        results[name].setdefault(what, []).extend(values)
    print(f"{ROUNDS} rounds of {len(WALK)} key presses each, {SIZE[0]}x{SIZE[1]}: ms from the key to the last byte of its last frame,")
    print("and the CPU ms the key cost the app (steadier on a busy machine)")
    for what in results["tutor"]:
        t, b = results["tutor"][what], results["bare"][what]
        print(f"  {what:<26} tutor p50 {median(t, 0):6.1f} max {max(x for x, _ in t):6.1f} cpu {median(t, 1):6.1f}"
              f"   bare p50 {median(b, 0):6.1f} max {max(x for x, _ in b):6.1f} cpu {median(b, 1):6.1f}")
    groups = {"every key": lambda what: True, "keys within a screen": lambda what: what in MOVES,
              "keys that change the screen": lambda what: what not in MOVES}
    for group, pick in groups.items():
        every = {name: [x for what, values in by_what.items() if pick(what) for x in values] for name, by_what in results.items()}
        for p in (50, 95):
            b, t = percentile([x for x, _ in every["bare"]], p), percentile([x for x, _ in every["tutor"]], p)
            report(f"{group}: bare app p{p}", b, "ms")
            target = f"ratio {t / b:.2f}x (target <= 1.5x{'; p95 < 100 ms' if p == 95 else ''})"
            report(f"{group}: tutor p{p}", t, "ms", target, t / b <= 1.5 and (p != 95 or t < 100))
        cpu_b, cpu_t = sum(c for _, c in every["bare"]), sum(c for _, c in every["tutor"])
        report(f"{group}: CPU, tutor over bare", cpu_t / cpu_b if cpu_b else 0.0, "x", f"({cpu_t:.0f} ms against {cpu_b:.0f} ms)")


def median(values: list[tuple[float, float]], index: int) -> float:
    return statistics.median(v[index] for v in values)


if __name__ == "__main__":
    main()
