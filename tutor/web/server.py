"""The web server: one app process per browser connection, a limit, an access token, a clean stop.

Built on textual-serve's pieces (its ``AppService`` runs and talks to one
app process; its static folder holds the terminal's JavaScript and font)
but not on its ``Server``, which builds the WebSocket address from the
listening host, has no token or limit, and on SIGTERM or Ctrl+C waits up
to 60 s for connected browsers and then leaves their app processes
running. Here stopping closes every connection and ends every app process
itself: asked to quit, then terminated, then killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tutor.web.page import BUSY_CLOSE_CODE, BUSY_MESSAGE, notice_page, terminal_page
from tutor.web.pool import WarmPool

#: textual-serve's terminal (xterm.js), its stylesheet and the Roboto Mono font it ships.
STATIC = Path(textual_serve.__file__).parent / "static"
log = logging.getLogger("tutor.serve")

#: How long an app gets to quit when asked, then after SIGTERM, before it is killed.
QUIT_SECONDS = 3.0
TERM_SECONDS = 2.0


class PooledAppService(AppService):
    """textual-serve's AppService, but its app process comes from the warm pool."""

    def __init__(self, pool: WarmPool, **kwargs) -> None:
        super().__init__(pool.command, **kwargs)
        self.pool = pool

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await self.pool.take(width, height)
        self._stdin = process.stdin
        return process


class Session:
    """One browser connection and the app process it runs."""

    def __init__(self, service: AppService, websocket: web.WebSocketResponse) -> None:
        self.service = service
        self.websocket = websocket

    async def end(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not. Returns once the process is gone."""
        process = self.service._process  # textual-serve keeps it private; pinned to textual-serve 1.x
        stopping = asyncio.ensure_future(self.service.stop())
        for signal_it, seconds in ((None, QUIT_SECONDS), ("terminate", TERM_SECONDS), ("kill", None)):
            if signal_it and process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    getattr(process, signal_it)()
            done, _ = await asyncio.wait({stopping}, timeout=seconds)
            if done:
                break
        if not stopping.cancelled() and stopping.exception() is not None:
            log.debug("stopping an app: %r", stopping.exception())
        if process is not None:
            await process.wait()


class Classroom:
    """The server's state: who is connected, the limit, the token."""

    def __init__(self, command: str, max_sessions: int, token: str | None = None, spares: int = 1) -> None:
        self.pool = WarmPool(command, spares)
        self.max_sessions = max_sessions
        self.token = token
        self.sessions: set[Session] = set()
        self.closing = False
        self.downloads = DownloadManager()

    # -- routes ----------------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.index),
            web.get("/ws", self.websocket),
            web.get("/ws/{token}", self.websocket),
            web.static("/static", STATIC),
        ])
        return app

    def _token_ok(self, given: str | None) -> bool:
        return self.token is None or (given is not None and hmac.compare_digest(given.encode(), self.token.encode()))

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    async def index(self, request: web.Request) -> web.Response:
        if not self._token_ok(request.query.get("token")):
            return _html(notice_page("access token needed", (
                "This address needs the access token that tutor serve printed when it started: "
                "open the full address, ending in ?token=..., as printed there."
            )), status=403)
        if self.full or self.closing:
            return _busy()
        ws_path = f"/ws/{self.token}" if self.token else "/ws"
        return _html(terminal_page(ws_path, _int(request.query.get("fontsize"), 16, 8, 40)))

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._token_ok(request.match_info.get("token")):
            raise web.HTTPForbidden(text="access token needed")
        if not _same_origin(request):
            # A page from another site must not drive a learner's app (cross-site WebSocket hijacking).
            raise web.HTTPForbidden(text="cross-origin connection refused")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full or self.closing:
            await websocket.close(code=BUSY_CLOSE_CODE, message=b"busy")
            return websocket
        width = _int(request.query.get("width"), 80, 10, 1000)
        height = _int(request.query.get("height"), 24, 5, 500)
        service = PooledAppService(
            self.pool, write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close, download_manager=self.downloads
        )
        session = Session(service, websocket)
        self.sessions.add(session)
        try:
            await service.start(width, height)
            await _relay(websocket, service)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            # The browser left (or the server is stopping): every answer is already committed; end the app.
            await asyncio.shield(self._end(session))
        return websocket

    async def _end(self, session: Session) -> None:
        try:
            await session.end()
        finally:
            self.sessions.discard(session)
            with contextlib.suppress(Exception):
                await session.websocket.close()

    async def stop(self) -> None:
        """Refuse new connections, close every browser's connection and end every app process."""
        self.closing = True
        await asyncio.gather(self.pool.close(), *(self._end(s) for s in list(self.sessions)), return_exceptions=True)


async def _relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """The browser's keys, size, focus and pings to the app (textual-serve's protocol); anything malformed is ignored."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(_int(data.get("width"), 80, 10, 1000), _int(data.get("height"), 24, 5, 500))
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc.lower() == request.host.lower()


def _int(value, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value)))
    except (TypeError, ValueError):
        return default


#: The page may load and connect only to this server (a classroom may have no internet, and the
#: address may carry the access token, which must not leak in a Referer or into a frame elsewhere).
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", headers=PAGE_HEADERS)


def _busy() -> web.Response:
    response = _html(notice_page("busy", BUSY_MESSAGE, retry_seconds=20), status=503)
    response.headers["Retry-After"] = "20"
    return response
