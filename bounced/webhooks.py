"""Deliver queued webhook notices: claim, POST, and reschedule what failed.

Runs as its own task in the daemon, with its own database thread and an async
HTTP client, so a slow or dead receiver never holds up SMTP intake or
processing: notices simply wait in the outbox (store/outbox.py). A failed POST
is tried again after `initial_backoff`, doubling up to `max_backoff`, until the
notice is `give_up_after` old. An answer that says the request itself is wrong
(400, 405, 410, 413, 415, 422) is not retried: the same bytes would be refused
again. 401, 403 and 404 are retried, as they usually mean a configuration the
operator is about to fix.

Each POST is JSON, `X-Bounced-Event: <notice id>` (the idempotency key) and,
when the endpoint has a secret, signed with bounced.signing. listmonk endpoints
authenticate with Basic auth (API user and token). Redirects are not followed,
so credentials never go anywhere but the configured URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import partial

import httpx
from sqlalchemy.engine import Engine

from bounced import __version__, faults, notices, signing
from bounced.config import WebhookEndpoint, WebhooksConfig
from bounced.processor import worker_name
from bounced.store import outbox
from bounced.store.outbox import Pending, Result

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

EVENT_HEADER = "X-Bounced-Event"
# The receiver refused this request as such; sending it again cannot help.
REFUSED_FOR_GOOD = frozenset({400, 405, 410, 413, 415, 422})


def backoff(config: WebhooksConfig, attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failed POST (1, 2, ...)."""
    # capped exponent: a long give_up_after must not overflow the float
    delay: float = config.initial_backoff * 2.0 ** min(attempts - 1, 40)
    return min(config.max_backoff, delay)


class Deliverer:
    """Sends due notices until stopped."""

    def __init__(
        self,
        engine: Engine,
        config: WebhooksConfig,
        *,
        clock: Clock,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._engine = engine
        self._config = config
        self._clock = clock
        self._endpoints = {e.name: e for e in config.endpoints}
        self._client = client or httpx.AsyncClient(
            follow_redirects=False,
            headers={"User-Agent": f"bounced/{__version__}"},
        )
        self.worker = worker_name()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="webhooks")
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Deliver until stop(); a failing round is logged and tried again later."""
        while not self._stopping.is_set():
            try:
                done = await self.run_once()
            except Exception:
                log.exception("webhook round failed; retrying after a pause")
                done = 0
            if done == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._stopping.wait(), self._config.poll_interval
                    )

    async def run_once(self) -> int:
        """Claim the due notices, send them, record what happened; returns how many."""
        loop = asyncio.get_running_loop()
        claimed = await loop.run_in_executor(
            self._db,
            partial(
                outbox.claim_due,
                self._engine,
                worker=self.worker,
                limit=self._config.batch_size,
                lease=self._config.claim_timeout,
                now=self._clock(),
            ),
        )
        if not claimed:
            return 0
        results = await asyncio.gather(*(self._send(row) for row in claimed))
        faults.crash_point("webhook-posted")
        await loop.run_in_executor(
            self._db,
            partial(
                outbox.finish,
                self._engine,
                results,
                worker=self.worker,
                now=self._clock(),
            ),
        )
        return len(claimed)

    async def stop(self) -> None:
        self._stopping.set()

    async def close(self) -> None:
        await self._client.aclose()
        self._db.shutdown(wait=True)

    async def _send(self, row: Pending) -> Result:
        endpoint = self._endpoints.get(row.endpoint)
        if endpoint is None:
            return self._failed(row, f"no endpoint named {row.endpoint!r} configured")
        try:
            document = notices.render(endpoint.format, json.loads(row.payload))
        except (ValueError, KeyError, TypeError) as exc:
            # A row written by a newer or broken version: no retry can mend it.
            return self._failed(row, f"unreadable notice: {type(exc).__name__}")
        if document is None:
            return self._failed(row, f"format {endpoint.format} takes no {row.type}")
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        content = body.encode("utf-8")
        try:
            response = await self._client.post(
                endpoint.url,
                content=content,
                headers=self._headers(endpoint, row, content),
                auth=_auth(endpoint) or httpx.USE_CLIENT_DEFAULT,
                timeout=self._config.timeout,
            )
        except httpx.HTTPError as exc:
            return self._retry(row, type(exc).__name__)
        status = response.status_code
        if 200 <= status < 300:
            log.info(
                "webhook delivered id=%s endpoint=%s attempts=%d",
                row.event_id,
                row.endpoint,
                row.attempts,
            )
            return Result(row.id, "delivered", f"HTTP {status}")
        if status in REFUSED_FOR_GOOD:
            return self._failed(row, f"HTTP {status} (refused; not retried)")
        return self._retry(row, f"HTTP {status}")

    def _headers(
        self, endpoint: WebhookEndpoint, row: Pending, content: bytes
    ) -> dict[str, str]:
        headers = {"Content-Type": "application/json", EVENT_HEADER: row.event_id}
        if endpoint.secret:
            timestamp = int(self._clock().timestamp())
            headers.update(signing.headers(endpoint.secret, timestamp, content))
        return headers

    def _retry(self, row: Pending, detail: str) -> Result:
        now = self._clock()
        due = now + timedelta(seconds=backoff(self._config, row.attempts))
        if due - row.created_at > timedelta(seconds=self._config.give_up_after):
            return self._failed(row, f"gave up after {row.attempts} attempts: {detail}")
        log.warning(
            "webhook failed id=%s endpoint=%s attempts=%d result=%s; retry at %s",
            row.event_id,
            row.endpoint,
            row.attempts,
            detail,
            due.isoformat(timespec="seconds"),
        )
        return Result(row.id, "pending", detail, due_at=due)

    def _failed(self, row: Pending, detail: str) -> Result:
        log.error(
            "webhook failed for good id=%s endpoint=%s result=%s",
            row.event_id,
            row.endpoint,
            detail,
        )
        return Result(row.id, "failed", detail)


def _auth(endpoint: WebhookEndpoint) -> httpx.Auth | None:
    """listmonk: `Authorization: Basic base64(api_user:token)`."""
    if endpoint.format == "listmonk" and endpoint.username:
        return httpx.BasicAuth(endpoint.username, endpoint.token)
    return None
