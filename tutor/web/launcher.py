"""Start and stop ``tutor serve``: check the options, listen, say where, stop cleanly.

The rules for the options live here (the command only passes them on):
which hosts are loopback, when a token is needed, what the default session
limit is. Errors a user can cause (a bad host, a port in use, a bad limit)
are :class:`~tutor.errors.UserError`.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import re
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tutor.errors import UserError

#: Resident memory of one session's app process, with room to spare: about
#: 45 MB measured with the shipped lessons (benchmarks/bench_serve.py prints it).
SESSION_MB = 100
#: Sessions per core: a learner reading or answering costs a few milliseconds of
#: CPU per key press; starting the app costs about a second of one core.
SESSIONS_PER_CORE = 10
MAX_SESSIONS_CAP = 500
_HOSTNAME = re.compile(r"(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.?")

Announce = Callable[[str, bool], None]


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 0  # 0: default_max_sessions()
    use_token: bool = True
    data_dir: Path = Path(".")
    lessons: Sequence[Path] = field(default_factory=list)
    shipped: bool = True
    #: App processes started ahead of their browsers (tutor.web.pool); $TUTOR_SERVE_SPARES, for benchmarks.
    spares: int = 1


def default_max_sessions(cores: int | None = None, memory: int | None = None) -> int:
    """Ten sessions per core, as many as a quarter of the memory holds at SESSION_MB each, whichever is fewer (at least 2).

    On the 2-core machines tutor is tested on that is 20, the number
    benchmarks/bench_serve.py shows starting and running together.
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if memory is None:
        try:
            memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (AttributeError, ValueError, OSError):
            memory = 0
    by_cpu = SESSIONS_PER_CORE * max(1, cores)
    by_memory = memory // 4 // (SESSION_MB * 2**20) if memory else by_cpu
    return max(2, min(by_cpu, by_memory, MAX_SESSIONS_CAP))


def parse_port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise UserError(f"--port {text!r} is not a port number", "use a number from 1 to 65535 (0 picks any free port)")
    return port


def parse_max_sessions(text: str | None) -> int:
    if text is None:
        return default_max_sessions()
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_SESSIONS_CAP:
        raise UserError(
            f"--max-sessions {text!r} is not a number of sessions",
            f"use a number from 1 to {MAX_SESSIONS_CAP} (default here: {default_max_sessions()})",
        )
    return count


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is this computer's loopback (127.0.0.0/8, ::1)."""
    check_host(host)
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UserError(f"cannot listen on {host!r}: no such address", _HOST_HINT) from None
    addresses = {info[4][0].split("%")[0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


_HOST_HINT = "use an address of this computer: 127.0.0.1 (this computer only) or 0.0.0.0 (every network it is on)"


def check_host(host: str) -> None:
    """An IP address or a well-formed host name (checked before any lookup)."""
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    if not _HOSTNAME.fullmatch(host):
        raise UserError(f"--host {host!r} is not an address or host name", _HOST_HINT)


def served_command(data_dir: Path, lessons: Sequence[Path], shipped: bool) -> str:
    """The shell command textual-serve runs for each connection (``exec``: the app is the process that gets ended)."""
    words = [sys.executable, "-m", "tutor.web.served", "--data-dir", str(Path(data_dir).resolve())]
    for folder in lessons:
        words += ["--lessons", str(Path(folder).resolve())]
    if not shipped:
        words.append("--no-shipped")
    return "exec " + shlex.join(words)


def serve(options: ServeOptions, announce: Announce) -> int:
    """Run until SIGTERM, SIGINT (Ctrl+C) or SIGHUP; then close every session and end every app process."""
    loopback = is_loopback(options.host)
    token = secrets.token_urlsafe(24) if options.use_token and not loopback else None
    return asyncio.run(_serve(options, loopback, token, announce))


async def _serve(options: ServeOptions, loopback: bool, token: str | None, announce: Announce) -> int:
    from aiohttp import web

    from tutor.web.server import Classroom

    classroom = Classroom(served_command(options.data_dir, options.lessons, options.shipped), options.max_sessions, token, options.spares)
    runner = web.AppRunner(classroom.make_app(), access_log=None, handle_signals=False, shutdown_timeout=1.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, options.host, options.port).start()
    except OSError as exc:
        await runner.cleanup()
        raise _bind_error(options, exc) from None
    port = runner.addresses[0][1]
    classroom.pool.fill()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    try:
        for line, err in _start_lines(options, loopback, token, port):
            announce(line, err)
        await stop.wait()
        announce(f"tutor: stopping: ending {len(classroom.sessions)} session(s); every answer given is saved", True)
    finally:
        await classroom.stop()
        await runner.cleanup()
        await classroom.stop()  # any connection that was opening while the first stop ran
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.remove_signal_handler(sig)
    return 0


def _bind_error(options: ServeOptions, exc: OSError) -> UserError:
    if exc.errno == errno.EADDRINUSE:
        return UserError(f"port {options.port} on {options.host} is already in use", "stop whatever uses it, or pick another with --port")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UserError(f"not allowed to listen on port {options.port}", "ports below 1024 need administrator rights: use --port 8000")
    if exc.errno == errno.EADDRNOTAVAIL:
        return UserError(f"{options.host} is not an address of this computer", _HOST_HINT)
    return UserError(f"cannot listen on {options.host} port {options.port}: {exc.strerror or exc}", _HOST_HINT)


def _start_lines(options: ServeOptions, loopback: bool, token: str | None, port: int) -> list[tuple[str, bool]]:
    query = f"?token={token}" if token else ""
    lines: list[tuple[str, bool]] = []
    if not loopback:
        lines.append((f"tutor: warning: listening on {options.host}: other computers on the network can reach this server.", True))
        if token:
            lines.append(("  Only browsers given the address with its access token below can use it. Traffic is not encrypted.", True))
        else:
            lines.append(("  With --no-token anyone who can reach this computer can use it. Traffic is not encrypted.", True))
    lines.append(("tutor: serving the tutorial to browsers; open:", False))
    for host in _shown_hosts(options.host, loopback):
        lines.append((f"  http://{host}:{port}/{query}", False))
    lines.append((f"Each browser runs its own tutor; learners type their name to keep progress apart (up to {options.max_sessions} at once).", False))
    lines.append((f"Progress is saved in {Path(options.data_dir).resolve()}. Press Ctrl+C to stop.", False))
    return lines


def _shown_hosts(host: str, loopback: bool) -> list[str]:
    """Addresses to print: the host as given, or for 'every network' this computer's name and loopback."""
    def bracket(h: str) -> str:
        return f"[{h}]" if ":" in h else h

    if host in ("0.0.0.0", "::", ""):
        local = "127.0.0.1" if host != "::" else "[::1]"
        return [bracket(socket.gethostname()), local]
    return [bracket(host)]
