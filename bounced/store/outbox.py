"""The webhook outbox: notices queued with the decision, claimed and sent later.

`Outbox.add()` runs inside the transaction that records a decision (or raises a
sender alert), so a notice exists if and only if its decision committed: a crash
can neither lose one nor invent one. Delivery (bounced/webhooks.py) claims due
rows with a lease, FOR UPDATE SKIP LOCKED on PostgreSQL as the spool's claims
do, so several daemons never send the same row at once; a daemon that dies
mid-POST leaves its lease to run out and the row is sent again. That is
at-least-once delivery: the notice's `id` is the receiver's idempotency key.
Results are written only while the lease is still ours (`claimed_by`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from bounced import address as addresses
from bounced import notices
from bounced.config import WebhookEndpoint
from bounced.policy import Decision
from bounced.report import Classification, Finding, ReturnedMessage
from bounced.store.schema import DomainState, WebhookDelivery
from bounced.verp import VerpData


def new_event_id() -> str:
    """A notice id: unique across daemons sharing a database."""
    return f"evt_{uuid.uuid4().hex}"


class Outbox:
    """Queues notices for the endpoints subscribed to their type."""

    def __init__(self, endpoints: Sequence[WebhookEndpoint]) -> None:
        self.endpoints = tuple(endpoints)

    def add(
        self,
        connection: Connection,
        notice: dict[str, Any],
        *,
        now: datetime,
        bounce_event_id: int | None = None,
    ) -> int:
        """Queue `notice` (see bounced.notices) on `connection`; returns rows added.

        The one entry point for every notice: call it in the transaction whose
        commit makes the notice true.
        """
        wanted = [e for e in self.endpoints if notice["type"] in e.subscribed]
        if not wanted:
            return 0
        payload = json.dumps(notice, ensure_ascii=False, sort_keys=True)
        connection.execute(
            insert(WebhookDelivery),
            [
                {
                    "event_id": notice["id"],
                    "type": notice["type"],
                    "endpoint": endpoint.name,
                    "payload": payload,
                    "bounce_event_id": bounce_event_id,
                    "state": "pending",
                    "attempts": 0,
                    "created_at": now,
                    "due_at": now,
                }
                for endpoint in wanted
            ],
        )
        return len(wanted)

    def add_finding(
        self,
        connection: Connection,
        *,
        bounce_event_id: int,
        subject: str | None,
        finding: Finding,
        classification: Classification,
        decision: Decision,
        returned: ReturnedMessage | None,
        verp: VerpData | None,
        list_id: str | None,
        received_at: datetime,
        now: datetime,
    ) -> int:
        """Queue the notices a decided finding makes, if it makes any.

        Call it after the decision's effects are written (a sender alert is read
        back from domain_states). A finding that acted on nobody (an untrusted
        bounce) announces nothing.
        """
        if subject is None or not self.endpoints:
            return 0
        added = 0
        # The policy's per-domain sender alerts.
        if decision.alert:
            added += self._add_alert(
                connection, addresses.domain_of(subject), finding, classification, now
            )
        kind = notices.event_type(finding, classification, decision)
        if kind is None:
            return added
        notice = notices.for_finding(
            event_id=new_event_id(),
            kind=kind,
            subject=subject,
            finding=finding,
            classification=classification,
            decision=decision,
            returned=returned,
            verp=verp,
            list_id=list_id,
            bounce_event_id=bounce_event_id,
            received_at=received_at,
            now=now,
        )
        return added + self.add(
            connection, notice, now=now, bounce_event_id=bounce_event_id
        )

    def _add_alert(
        self,
        connection: Connection,
        domain: str,
        finding: Finding,
        classification: Classification,
        now: datetime,
    ) -> int:
        """A sender.alert notice when a domain's alert is new, and again at the
        10th, 100th, ... refusal: a blocklisting yields a handful of notices, not
        one per bounce."""
        count = connection.scalar(
            select(DomainState.alert_count).where(DomainState.domain == domain)
        )
        count = count or 1  # no row: the alert was not stored, but it was raised
        if not _is_milestone(count):
            return 0
        notice = notices.sender_alert(
            event_id=new_event_id(),
            domain=domain,
            reason=classification.reason.value,
            count=count,
            detail=finding.diagnostic,
            now=now,
        )
        return self.add(connection, notice, now=now)


def _is_milestone(count: int) -> bool:
    """1, 10, 100, 1000, ..."""
    while count >= 10 and count % 10 == 0:
        count //= 10
    return count == 1


@dataclass(frozen=True, slots=True)
class Pending:
    """A claimed outbox row, ready to send."""

    id: int
    event_id: str
    type: str
    endpoint: str
    payload: str
    attempts: int  # including the one about to be made
    created_at: datetime


def claim_due(
    engine: Engine, *, worker: str, limit: int, lease: float, now: datetime
) -> list[Pending]:
    """Claim up to `limit` due notices, oldest first, for `lease` seconds."""
    table = WebhookDelivery
    candidates = (
        select(table.id)
        .where(table.state == "pending", table.due_at <= now)
        .where(or_(table.claim_expires.is_(None), table.claim_expires < now))
        .order_by(table.due_at, table.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(table)
        .where(table.id.in_(candidates.scalar_subquery()))
        .values(
            claimed_by=worker,
            claim_expires=now + timedelta(seconds=lease),
            attempts=table.attempts + 1,
        )
        .returning(
            table.id,
            table.event_id,
            table.type,
            table.endpoint,
            table.payload,
            table.attempts,
            table.created_at,
        )
    )
    with engine.begin() as connection:
        rows = connection.execute(statement).all()
    return sorted((Pending(*row) for row in rows), key=lambda p: p.id)


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one send: delivered, retry at `due_at`, or failed for good."""

    id: int
    state: str  # delivered, pending (retry), failed
    detail: str
    due_at: datetime | None = None


def finish(
    engine: Engine, results: Sequence[Result], *, worker: str, now: datetime
) -> int:
    """Record results of sends still claimed by `worker`; returns rows updated.

    A row whose lease ran out and was claimed by another daemon is left alone:
    that daemon's result counts.
    """
    table = WebhookDelivery
    updated = 0
    with engine.begin() as connection:
        for result in results:
            values: dict[str, Any] = {
                "state": result.state,
                "last_result": result.detail[:255],
                "claimed_by": None,
                "claim_expires": None,
            }
            if result.state == "delivered":
                values["delivered_at"] = now
            if result.due_at is not None:
                values["due_at"] = result.due_at
            outcome = connection.execute(
                update(table)
                .where(
                    table.id == result.id,
                    table.state == "pending",
                    table.claimed_by == worker,
                )
                .values(**values)
            )
            updated += outcome.rowcount
    return updated


def counts(engine: Engine) -> dict[str, int]:
    """How many outbox rows are in each state."""
    table = WebhookDelivery
    with engine.connect().execution_options(readonly=True) as connection:
        rows = connection.execute(
            select(table.state, func.count()).group_by(table.state)
        )
        return {state: count for state, count in rows}


def oldest_pending(engine: Engine) -> datetime | None:
    """When the oldest notice still waiting to be delivered was queued."""
    table = WebhookDelivery
    with engine.connect().execution_options(readonly=True) as connection:
        return connection.scalar(
            select(func.min(table.created_at)).where(table.state == "pending")
        )


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    """An outbox row as `bounced webhooks list` shows it."""

    id: int
    event_id: str
    type: str
    endpoint: str
    state: str
    attempts: int
    created_at: datetime
    due_at: datetime
    delivered_at: datetime | None
    last_result: str | None


def list_(
    engine: Engine, *, state: str | None = None, limit: int = 100
) -> list[DeliveryRow]:
    """The newest outbox rows first, optionally of one state."""
    table = WebhookDelivery
    query = (
        select(
            table.id,
            table.event_id,
            table.type,
            table.endpoint,
            table.state,
            table.attempts,
            table.created_at,
            table.due_at,
            table.delivered_at,
            table.last_result,
        )
        .order_by(table.id.desc())
        .limit(limit)
    )
    if state is not None:
        query = query.where(table.state == state)
    with engine.connect().execution_options(readonly=True) as connection:
        return [DeliveryRow(*row) for row in connection.execute(query)]


def requeue(engine: Engine, *, now: datetime, ids: Sequence[int] | None = None) -> int:
    """Send failed notices again (all, or the given ids); returns how many.

    Their give-up clock starts again: `created_at` becomes now.
    """
    table = WebhookDelivery
    statement = (
        update(table)
        .where(table.state == "failed")
        .values(
            state="pending",
            due_at=now,
            created_at=now,
            attempts=0,
            claimed_by=None,
            claim_expires=None,
            last_result="requeued",
        )
    )
    if ids is not None:
        statement = statement.where(table.id.in_(list(ids)))
    with engine.begin() as connection:
        return connection.execute(statement).rowcount
