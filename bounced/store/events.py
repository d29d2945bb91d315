"""Queries on bounce events and the spool, for the API, the CLI and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from bounced.store.schema import (
    BounceEvent,
    InboundMessage,
    Retry,
    SuppressionChange,
)


@dataclass(frozen=True, slots=True)
class EventRow:
    """A bounce event as the CLI and API show it."""

    id: int
    message_id: int
    occurred_at: datetime
    recipient: str
    subject: str | None
    domain: str
    original_recipient: str | None
    action: str
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    remote_mta: str | None
    reporting_mta: str | None
    feedback_type: str | None
    reason: str
    permanent: bool
    hard: bool
    decision: str
    why: str | None
    detector: str | None
    list_id: str | None
    orig_message_id: str | None
    verp: str | None


_COLUMNS = (
    BounceEvent.id,
    BounceEvent.message_id,
    BounceEvent.occurred_at,
    BounceEvent.recipient,
    BounceEvent.subject,
    BounceEvent.domain,
    BounceEvent.original_recipient,
    BounceEvent.action,
    BounceEvent.status,
    BounceEvent.reply_code,
    BounceEvent.diagnostic,
    BounceEvent.remote_mta,
    BounceEvent.reporting_mta,
    BounceEvent.feedback_type,
    BounceEvent.reason,
    BounceEvent.permanent,
    BounceEvent.hard,
    BounceEvent.decision,
    BounceEvent.why,
    BounceEvent.detector,
    BounceEvent.list_id,
    BounceEvent.orig_message_id,
    BounceEvent.verp,
)


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What GET /v1/events and `bounced events` filter on."""

    address: str | None = None  # the reported recipient or the address acted on
    domain: str | None = None
    reason: str | None = None
    decision: str | None = None
    list_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def page(
    connection: Connection,
    filters: EventFilters,
    *,
    limit: int,
    before: int | None = None,
) -> list[EventRow]:
    """Up to `limit` events, newest first, with ids below the keyset `before`."""
    query = select(*_COLUMNS).order_by(BounceEvent.id.desc()).limit(limit)
    query = _filtered(query, filters)
    if before is not None:
        query = query.where(BounceEvent.id < before)
    return [EventRow(*row) for row in connection.execute(query)]


def get(connection: Connection, event_id: int) -> EventRow | None:
    row = connection.execute(
        select(*_COLUMNS).where(BounceEvent.id == event_id)
    ).first()
    return None if row is None else EventRow(*row)


@dataclass(frozen=True, slots=True)
class RawMessage:
    message_id: int
    raw: bytes | None  # None once purged by retention
    received_at: datetime


def raw_message(connection: Connection, event_id: int) -> RawMessage | None:
    """The spooled message an event came from (None for an unknown event)."""
    row = connection.execute(
        select(InboundMessage.id, InboundMessage.raw, InboundMessage.received_at)
        .join(BounceEvent, BounceEvent.message_id == InboundMessage.id)
        .where(BounceEvent.id == event_id)
    ).first()
    return None if row is None else RawMessage(*row)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over a period (`bounced stats`, GET /v1/stats)."""

    events: int
    by_reason: dict[str, int]
    by_decision: dict[str, int]
    by_domain: dict[str, int]  # the busiest domains only
    suppressions_added: int
    suppressions_removed: int


def stats(
    connection: Connection,
    *,
    since: datetime,
    until: datetime,
    domains: int = 20,
) -> Stats:
    period = (BounceEvent.occurred_at >= since, BounceEvent.occurred_at < until)

    def grouped(column: Any, limit: int | None = None) -> dict[str, int]:
        total = func.count().label("total")
        query = (
            select(column, total)
            .where(*period)
            .group_by(column)
            .order_by(total.desc(), column)
        )
        if limit is not None:
            query = query.limit(limit)
        return {key: count for key, count in connection.execute(query)}

    by_reason = grouped(BounceEvent.reason)
    changes: dict[str, int] = {
        change: total
        for change, total in connection.execute(
            select(SuppressionChange.change, func.count())
            .where(SuppressionChange.at >= since, SuppressionChange.at < until)
            .group_by(SuppressionChange.change)
        )
    }
    return Stats(
        events=sum(by_reason.values()),
        by_reason=by_reason,
        by_decision=grouped(BounceEvent.decision),
        by_domain=grouped(BounceEvent.domain, domains),
        suppressions_added=int(changes.get("added", 0)),
        suppressions_removed=int(changes.get("removed", 0)),
    )


@dataclass(frozen=True, slots=True)
class Backlog:
    """Spooled messages waiting for the processor."""

    new: int
    oldest_received_at: datetime | None


def backlog(connection: Connection) -> Backlog:
    new, oldest = connection.execute(
        select(func.count(), func.min(InboundMessage.received_at)).where(
            InboundMessage.state == "new"
        )
    ).one()
    return Backlog(new=int(new), oldest_received_at=oldest)


def spool_by_state(connection: Connection) -> dict[str, int]:
    rows = connection.execute(
        select(InboundMessage.state, func.count()).group_by(InboundMessage.state)
    )
    return {state: total for state, total in rows}


def retries_by_state(connection: Connection) -> dict[str, int]:
    rows = connection.execute(select(Retry.state, func.count()).group_by(Retry.state))
    return {state: total for state, total in rows}


def _filtered(query: Select[Any], filters: EventFilters) -> Select[Any]:
    if filters.address:
        query = query.where(
            (BounceEvent.recipient == filters.address)
            | (BounceEvent.subject == filters.address)
        )
    if filters.domain:
        query = query.where(BounceEvent.domain == filters.domain)
    if filters.reason:
        query = query.where(BounceEvent.reason == filters.reason)
    if filters.decision:
        query = query.where(BounceEvent.decision == filters.decision)
    if filters.list_id:
        query = query.where(BounceEvent.list_id == filters.list_id)
    if filters.since:
        query = query.where(BounceEvent.occurred_at >= filters.since)
    if filters.until:
        query = query.where(BounceEvent.occurred_at < filters.until)
    return query
