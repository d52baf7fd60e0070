"""Talking to a Learning Record Store over the xAPI 1.0.3 statements resource (standard library only).

:func:`sync` sends the outbox in batches, oldest first, each as one POST of
the statements exactly as stored. A batch is marked sent only when the LRS
has accepted it (200 with the statement ids, or 204 when it already had
them all). An LRS that is down, slow or answering 5xx is retried with
exponential backoff until ``give_up_after`` seconds have passed; then sync
stops with a clear error and everything not accepted stays in the outbox.
:func:`fetch` reads statements back with xAPI filters, following ``more``.
"""

from __future__ import annotations

import base64
import http.client
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from tutor.errors import UserError

VERSION_HEADER = "X-Experience-API-Version"
DEFAULT_BATCH = 500
DEFAULT_GIVE_UP_AFTER = 60.0


class Unavailable(Exception):
    """The LRS could not be reached or answered 5xx: worth retrying."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int
    pending: int
    conflicts: int = 0


class LRS:
    """One xAPI endpoint (``http://host:port/xAPI/``) with basic authentication, over one kept-alive connection."""

    def __init__(self, url: str, user: str, password: str, timeout: float = 15.0) -> None:
        parts = urlsplit(url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"{url!r} is not an xAPI endpoint address", "give it as http://host:port/xAPI/ (--lrs or TUTOR_LRS_URL)")
        try:
            parts.port  # noqa: B018  (raises for a port that is not a number)
        except ValueError:
            raise UserError(f"{url!r} has a port that is not a number", "give it as http://host:port/xAPI/") from None
        if not user or password is None:
            raise UserError("the LRS needs a user and a password", "give --user and --password (or TUTOR_LRS_USER and TUTOR_LRS_PASSWORD)")
        self.url = url if url.endswith("/") else url + "/"
        self.parts = urlsplit(self.url)
        self.timeout = timeout
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.headers = {VERSION_HEADER: "1.0.3", "Authorization": f"Basic {token}", "Accept": "application/json"}
        self._conn: http.client.HTTPConnection | None = None

    # -- one request -------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            self._conn = cls(self.parts.hostname, self.parts.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, target: str, body: bytes | None = None) -> tuple[int, bytes]:
        """(status, body) of one request; Unavailable when the LRS cannot be reached or answers 5xx."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        for reused in (True, False):
            conn = self._connection()
            try:
                conn.request(method, target, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except (ConnectionError, http.client.HTTPException) as exc:  # refused, reset, closed, cut short
                self.close()
                if reused:  # a kept-alive connection the server had closed: try once on a new one
                    continue
                raise Unavailable(f"cannot be reached ({exc.__class__.__name__})") from None
            except TimeoutError:
                self.close()
                raise Unavailable(f"did not answer within {self.timeout:g} s") from None
            except OSError as exc:
                self.close()
                raise Unavailable(f"cannot be reached ({exc.strerror or exc})") from None
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            if response.status >= 500:
                raise Unavailable(f"answered {response.status} {response.reason}")
            return response.status, data
        raise Unavailable("cannot be reached")

    def path(self, resource: str, query: dict[str, str] | None = None) -> str:
        target = self.parts.path + resource
        return f"{target}?{urlencode(query)}" if query else target

    def _refuse(self, status: int, data: bytes, doing: str) -> UserError:
        """A user error for a 4xx answer."""
        if status in (401, 403):
            return UserError(f"the LRS at {self.url} refused the user name or password ({status})", "check --user and --password")
        if status == 404:
            return UserError(f"{self.url} is not an xAPI endpoint: it has no statements resource (404)", "give the endpoint, e.g. http://host:port/xAPI/")
        detail = data.decode("utf-8", "replace").strip()[:300]
        return UserError(f"the LRS at {self.url} refused {doing} ({status}): {detail}", "nothing was marked as sent; tell whoever runs the LRS")

    # -- the statements resource -------------------------------------------------------
    def check(self) -> None:
        """Prove the URL is an xAPI endpoint that takes these credentials (GET statements, limit 1)."""
        status, data = self.request("GET", self.path("statements", {"limit": "1"}))
        if status != 200:
            raise self._refuse(status, data, "a request for statements")
        try:
            answer = json.loads(data)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or not isinstance(answer.get("statements"), list):
            raise UserError(f"{self.url} answered, but not as an xAPI endpoint does", "give the LRS's xAPI endpoint, e.g. http://host:port/xAPI/")

    def post(self, statements: list[str]) -> None:
        """POST statements (JSON texts); returns only when the LRS accepted all of them."""
        body = ("[" + ",".join(statements) + "]").encode("utf-8")
        status, data = self.request("POST", self.path("statements"), body)
        if status == 204:
            return  # all of them were stored already
        if status == 409:
            raise Conflict()
        if status != 200:
            raise self._refuse(status, data, "the statements")
        try:
            ids = json.loads(data)
        except ValueError:
            ids = None
        if not isinstance(ids, list):
            raise UserError(f"{self.url} did not answer the statements as an LRS does", "check the endpoint; nothing was marked as sent")

    def fetch(self, query: dict[str, str]) -> Iterator[dict]:
        """Every statement matching the xAPI query, page after page (following ``more``)."""
        target = self.path("statements", query)
        while target:
            status, data = self.request("GET", target)
            if status != 200:
                raise self._refuse(status, data, "a request for statements")
            try:
                page = json.loads(data)
                statements = page["statements"]
            except (ValueError, KeyError, TypeError):
                raise UserError(f"{self.url} answered, but not as an xAPI endpoint does", "give the LRS's xAPI endpoint") from None
            yield from statements
            more = page.get("more") or ""
            target = ""
            if more and statements:
                absolute = urlsplit(urljoin(self.url, more))
                target = absolute.path + (f"?{absolute.query}" if absolute.query else "")


class Conflict(Exception):
    """The LRS holds a different statement under one of these ids."""


def sync(
    store, lrs: LRS, batch: int = DEFAULT_BATCH, give_up_after: float = DEFAULT_GIVE_UP_AFTER,
    sleep: Callable[[float], None] = time.sleep, progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Send every pending statement; raise UserError (after retrying) when the LRS stays unavailable."""
    deadline = time.monotonic() + give_up_after
    delay = 0.25
    sent = conflicts = 0
    after = 0
    checked = False
    while True:
        try:
            if not checked:
                lrs.check()
                checked = True
            rows = store.pending_statements(batch, after)
            if not rows:
                break
            try:
                lrs.post([statement for _id, statement in rows])
                accepted = [row_id for row_id, _s in rows]
            except Conflict:
                accepted = []
                for row_id, statement in rows:  # find the statement(s) in conflict; send the others
                    try:
                        lrs.post([statement])
                        accepted.append(row_id)
                    except Conflict:
                        conflicts += 1
            store.mark_sent(accepted)
            after = rows[-1][0]  # rows come in id order: never look at these again in this sync
            sent += len(accepted)
            delay = 0.25
            if progress is not None:
                progress(sent)
        except Unavailable as exc:
            if time.monotonic() + delay > deadline:
                pending = store.pending_count()
                raise UserError(
                    f"the LRS at {lrs.url} {exc}; {sent} statement{'s' if sent != 1 else ''} sent, {pending} still waiting in the outbox",
                    "nothing is lost: run 'tutor sync' again when the LRS is back",
                ) from None
            sleep(delay)
            delay = min(delay * 2, 8.0)
    lrs.close()
    return SyncReport(sent, store.pending_count(), conflicts)
