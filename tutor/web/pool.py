"""App processes started ahead of their browsers, so a learner's first screen comes at once.

Starting Python, Textual and tutor takes most of a second (several on a
busy machine); a process started ahead has done that and waits for its
browser (tutor.web.served). The pool keeps ``spares`` such processes;
each connection takes one, or starts one if none is ready, and a new spare
is started behind it. Spares are ended with the server like sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from asyncio.subprocess import Process

from textual_serve.app_service import AppService


class WarmPool:
    """Spare app processes for the next connections."""

    def __init__(self, command: str, spares: int = 1) -> None:
        self.command = command
        self.spares = spares
        self._ready: list[Process] = []
        self._starting = 0
        self._closed = False
        self._tasks: set[asyncio.Task] = set()

    @property
    def processes(self) -> list[Process]:
        return list(self._ready)

    async def spawn(self, width: int = 80, height: int = 24) -> Process:
        """A new app process (it waits for its start packet)."""
        environment = AppService("", write_bytes=None, write_str=None, close=None, download_manager=None)._build_environment(width, height)
        return await asyncio.create_subprocess_shell(
            self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=environment
        )

    def fill(self) -> None:
        """Start spares in the background until there are enough."""
        while not self._closed and len(self._ready) + self._starting < self.spares:
            self._starting += 1
            task = asyncio.ensure_future(self._add())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _add(self) -> None:
        try:
            process = await self.spawn()
        except OSError:
            return  # out of processes or memory: the next connection starts its own, and says so if it cannot
        finally:
            self._starting -= 1
        if self._closed:
            await end_process(process)
        else:
            self._ready.append(process)

    async def take(self, width: int, height: int) -> Process:
        """A started app process for a browser of this size: a spare, or a new one."""
        process = None
        while self._ready and process is None:
            candidate = self._ready.pop(0)
            process = candidate if candidate.returncode is None else None
        if process is None:
            process = await self.spawn(width, height)
        self.fill()
        start = json.dumps({"type": "start", "width": width, "height": height}).encode()
        process.stdin.write(AppService.encode_packet(b"M", start))
        await process.stdin.drain()
        return process

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        spares, self._ready = self._ready, []
        await asyncio.gather(*(end_process(p) for p in spares), return_exceptions=True)


async def end_process(process: Process, grace: float = 2.0) -> None:
    """End a process that has no browser: close its input (it exits by itself), then terminate, then kill."""
    if process.stdin is not None:
        process.stdin.close()
    for action in (None, "terminate", "kill"):
        if action and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                getattr(process, action)()
        try:
            await asyncio.wait_for(process.wait(), grace)
            return
        except TimeoutError:
            continue
