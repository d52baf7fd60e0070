"""Run the real ``tutor`` in a terminal and read its screen, as a person would.

Uses tmux (send-keys, capture-pane) when it is installed, as CI does; on a
machine with only Python, a pseudo-terminal read through the ``pyte``
terminal emulator plays the same part, so the end-to-end test never needs to
be skipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

TUTOR = str(Path(sys.executable).with_name("tutor"))
KEYS_TMUX = {"enter": "Enter", "escape": "Escape", "ctrl+q": "C-q", "down": "Down", "up": "Up", "end": "End"}
KEYS_RAW = {"enter": "\r", "escape": "\x1b", "ctrl+q": "\x11", "down": "\x1b[B", "up": "\x1b[A", "end": "\x1b[F"}


class TmuxTerminal:
    backend = "tmux"

    def __init__(self, argv: list[str], env: dict[str, str], size=(100, 30)) -> None:
        self.socket = f"tutor-test-{uuid.uuid4().hex[:8]}"
        # COLUMNS and LINES (set by some test runners) would override the real terminal size.
        command = " ".join(_quote(a) for a in ["env", "-u", "COLUMNS", "-u", "LINES", *(f"{k}={v}" for k, v in env.items()), *argv])
        width, height = str(size[0]), str(size[1])
        # One tmux call, so the size and remain-on-exit are set before tutor starts.
        self.tmux(
            "-f", "/dev/null", "start-server", ";", "set-option", "-g", "default-size", f"{width}x{height}", ";",
            "set-option", "-g", "remain-on-exit", "on", ";", "new-session", "-d", "-s", "e2e", "-x", width, "-y", height, command,
        )

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", KEYS_TMUX.get(key, key) if key in KEYS_TMUX else "-l", *([] if key in KEYS_TMUX else [key]))

    def burst(self, *keys: str) -> None:
        """Several keys in one write, as a fast typist or a paste sends them."""
        self.tmux("send-keys", "-t", "e2e", *(KEYS_TMUX.get(key, key) for key in keys))

    def pane(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "e2e", fmt).strip()

    def pid(self) -> int:
        return int(self.pane("#{pane_pid}"))

    def exited(self) -> bool:
        return self.pane("#{pane_dead}") == "1"

    def terminal_restored(self) -> bool:
        return self.pane("#{alternate_on}#{mouse_any_flag}") == "00"

    def hang_up(self) -> None:
        """The terminal goes away, as when its window is closed."""
        self.close()

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            socket = self.tmux("display-message", "-p", "#{socket_path}").strip()
            self.tmux("kill-server")
            Path(socket).unlink(missing_ok=True)


class PtyTerminal:
    backend = "pty"

    def __init__(self, argv: list[str], env: dict[str, str], size=(100, 30)) -> None:
        import pyte

        self.screen_model = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen_model)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        name = os.ttyname(slave)
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env={**base, "TERM": "xterm-256color", **env}, start_new_session=True,
            preexec_fn=lambda: os.close(os.open(name, os.O_RDWR)),  # the pty becomes the controlling terminal: Ctrl+C is SIGINT
        )
        os.close(slave)
        self.master = master
        os.set_blocking(master, False)
        self.raw = bytearray()

    def _pump(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                return
            if not data:
                return
            self.raw.extend(data)
            self.stream.feed(data)

    def screen(self) -> str:
        self._pump()
        return "\n".join(self.screen_model.display)

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, KEYS_RAW.get(key, key).encode())
            time.sleep(0.05)

    def burst(self, *keys: str) -> None:
        """Several keys in one write, as a fast typist or a paste sends them."""
        os.write(self.master, b"".join(KEYS_RAW.get(key, key).encode() for key in keys))

    def pid(self) -> int:
        return self.proc.pid

    def exited(self) -> bool:
        self._pump()
        return self.proc.poll() is not None

    def terminal_restored(self) -> bool:
        self._pump()
        tail = bytes(self.raw[-4000:])
        return tail.rfind(b"\x1b[?1049l") > tail.rfind(b"\x1b[?1049h") and tail.rfind(b"\x1b[?1000l") > tail.rfind(b"\x1b[?1000h")

    def hang_up(self) -> None:
        """The terminal goes away: the master side closes and the kernel's SIGHUP follows."""
        os.close(self.master)
        self.master = -1
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGHUP)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def open_terminal(argv: list[str], env: dict[str, str], size=(100, 30)):
    """tmux when installed; TUTOR_TEST_TERMINAL=pty forces the pure-Python backend."""
    if shutil.which("tmux") and os.environ.get("TUTOR_TEST_TERMINAL") != "pty":
        return TmuxTerminal(argv, env, size)
    return PtyTerminal(argv, env, size)


def wait_for(term, text: str, timeout: float = 15.0) -> str:
    """Wait until ``text`` is on the screen; fail with the screen's contents if it never is."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = term.screen()
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear within {timeout}s ({term.backend}); the screen showed:\n{screen}")


def wait_exit(term, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if term.exited():
            return
        time.sleep(0.1)
    raise AssertionError(f"tutor did not exit within {timeout}s; the screen showed:\n{term.screen()}")
