"""Dispatchers: who hands a due batch of retries over, and what they answered.

A dispatcher gets one batch (one destination domain) and returns one result per
retry; it never raises for a retry's own failure, it says so in the result.
Delivery to a dispatcher is at least once: a daemon that dies mid-dispatch
leaves its claim to expire and the same attempt goes out again with the same
idempotency key (`RetryItem.key`), so a receiver can drop the duplicate.

The three dispatchers are listed in `DISPATCHERS`, chosen by `[retry] dispatcher`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Outcome(StrEnum):
    """What became of one retry at hand-over."""

    ACCEPTED = "accepted"  # handed over (relay said 250, webhook 2xx, pull ack)
    OFFERED = "offered"  # left on the API for the newsletter system (pull)
    THROTTLED = "throttled"  # the domain said slow down (421/447/450, 4.7.0, ...)
    DEFERRED = "deferred"  # another temporary failure: next step of the schedule
    FAILED = "failed"  # will never work (5xx, not provably ours): give up now
    ERROR = "error"  # the dispatcher itself failed: same attempt again later


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryItem:
    """One retry as a dispatcher sees it.

    `key` is the idempotency key of this attempt (`<retry key>-<attempt>`).
    `message_id` is the spooled bounce, whose returned original the relay
    dispatcher re-sends; `orig_message_id` the original's Message-ID header.
    """

    id: int
    key: str
    recipient: str
    domain: str
    attempt: int  # 1 for the first retry
    list_id: str | None
    orig_message_id: str | None
    campaign: str | None
    subscriber: str | None
    reason: str
    status: str | None
    reply_code: int | None
    provably_ours: bool
    message_id: int | None
    created_at: datetime
    due_at: datetime
    give_up_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Batch:
    """Due retries for one destination domain, at most its current batch size."""

    domain: str
    items: tuple[RetryItem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DispatchResult:
    key: str
    outcome: Outcome
    detail: str = ""


class Dispatcher(Protocol):
    """Hands a batch over; one result per item, in any order."""

    name: str

    async def send(self, batch: Batch) -> list[DispatchResult]: ...

    async def close(self) -> None: ...


# Every dispatcher, by its `[retry] dispatcher` name. "none" has no entry: no
# retries are created then (policy.Rules.retries).
DISPATCHERS: tuple[str, ...] = ("pull", "webhook", "relay")
