"""POST each due batch to the newsletter system as a signed JSON array.

The format is INTEGRATIONS.md's generic outbound webhook: one `retry.due` event
per retry, batched as a JSON array the way SendGrid posts, signed the way
Mailgun and SendGrid sign (bounced/signing.py: hex HMAC-SHA256 over
`timestamp "." body`). Each event's `id` is the retry's idempotency key: a
repeat after a crash or a timeout carries the same id and can be dropped.

Any 2xx hands the batch over. Anything else (a 5xx, a 429, a timeout, a
refused connection, or a 4xx from a misconfigured receiver) leaves the batch
with us: the scheduler tries the same attempt again after a doubling delay
(`[retry] handoff_retry`), as Postal retries its webhooks.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from bounced import __version__, signing
from bounced.config import RetryConfig
from bounced.dispatch import Batch, DispatchResult, Outcome, RetryItem

log = logging.getLogger(__name__)

EVENT_TYPE = "retry.due"
BATCH_HEADER = "X-Bounced-Batch"


def event(item: RetryItem) -> dict[str, Any]:
    """One retry as a JSON event (the webhook's and the pull API's format)."""
    return {
        "id": item.key,
        "type": EVENT_TYPE,
        # When the failure happened: the same for every delivery of one attempt,
        # so a repeated POST carries the very same event.
        "occurred_at": item.created_at.isoformat(),
        "recipient": item.recipient,
        "domain": item.domain,
        "reason": item.reason,
        "status": item.status,
        "smtp_code": item.reply_code,
        "message_id": item.orig_message_id,
        "list_id": item.list_id,
        "campaign": item.campaign,
        "subscriber": item.subscriber,
        "retry": {
            "attempt": item.attempt,
            "first_failed_at": item.created_at.isoformat(),
            "give_up_at": item.give_up_at.isoformat(),
        },
    }


def body_of(batch: Batch) -> bytes:
    return json.dumps([event(item) for item in batch.items], sort_keys=True).encode()


class WebhookDispatcher:
    """One signed POST per batch."""

    name = "webhook"

    def __init__(
        self,
        config: RetryConfig,
        *,
        clock: Callable[[], datetime],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._url = config.webhook_url
        self._secret = config.webhook_secret
        self._clock = clock
        self._client = httpx.AsyncClient(
            timeout=config.webhook_timeout,
            transport=transport,
            follow_redirects=False,  # a redirect would re-send the body elsewhere
        )

    async def send(self, batch: Batch) -> list[DispatchResult]:
        body = body_of(batch)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"bounced/{__version__}",
            BATCH_HEADER: batch.items[0].key if batch.items else "",
        }
        if self._secret:
            timestamp = int(self._clock().timestamp())
            headers.update(signing.headers(self._secret, timestamp, body))
        try:
            response = await self._client.post(self._url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            detail = f"webhook failed: {type(exc).__name__}: {str(exc)[:200]}"
            log.warning("%s domain=%s", detail, batch.domain)
            return _all(batch, Outcome.ERROR, detail)
        if 200 <= response.status_code < 300:
            return _all(batch, Outcome.ACCEPTED, f"HTTP {response.status_code}")
        detail = f"webhook answered HTTP {response.status_code}"
        log.warning("%s domain=%s", detail, batch.domain)
        return _all(batch, Outcome.ERROR, detail)

    async def close(self) -> None:
        await self._client.aclose()


def _all(batch: Batch, outcome: Outcome, detail: str) -> list[DispatchResult]:
    return [
        DispatchResult(key=item.key, outcome=outcome, detail=detail)
        for item in batch.items
    ]
