"""Queries and updates on the suppression list, and its audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from bounced import address as addresses
from bounced.policy import History
from bounced.report import Classification, Finding
from bounced.store.schema import Suppression, SuppressionChange


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the audit trail."""

    at: datetime
    scope: str
    change: str
    actor: str
    reason: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class SuppressionRow:
    """A suppression as the CLI and API show it."""

    address: str
    scope: str
    reason: str
    source: str
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    count: int
    expires_at: datetime | None
    why: str | None


_COLUMNS = (
    Suppression.address,
    Suppression.scope,
    Suppression.reason,
    Suppression.source,
    Suppression.status,
    Suppression.reply_code,
    Suppression.diagnostic,
    Suppression.first_seen_at,
    Suppression.last_seen_at,
    Suppression.count,
    Suppression.expires_at,
    Suppression.why,
)


def history(connection: Connection, address: str, now: datetime) -> History:
    """What the policy needs to know about `address`'s suppressions."""
    found = connection.execute(
        select(Suppression.id)
        .where(Suppression.address == address, _active(now))
        .limit(1)
    ).first()
    return History(now=now, suppressed=found is not None)


def suppress(
    connection: Connection,
    *,
    address: str,
    scope: str,
    finding: Finding,
    classification: Classification,
    event_id: int | None,
    why: str,
    actor: str,
    now: datetime,
    source: str | None = None,
    expires_at: datetime | None = None,
) -> str:
    """Add or refresh a suppression from a finding; returns "added" or "updated"."""
    return upsert(
        connection,
        address=address,
        scope=scope,
        reason=classification.reason.value,
        source=source or ("complaint" if finding.feedback_type else "bounce"),
        status=finding.status,
        reply_code=finding.reply_code,
        diagnostic=finding.diagnostic,
        feedback_type=finding.feedback_type,
        event_id=event_id,
        why=why,
        actor=actor,
        now=now,
        expires_at=expires_at,
    )


def upsert(
    connection: Connection,
    *,
    address: str,
    scope: str,
    reason: str,
    source: str,
    status: str | None,
    reply_code: int | None,
    diagnostic: str | None,
    feedback_type: str | None,
    event_id: int | None,
    why: str,
    actor: str,
    now: datetime,
    expires_at: datetime | None = None,
) -> str:
    """Add or refresh a suppression, recorded in the audit trail.

    A refresh takes the new reason, why and expiry (a suppression that lapsed
    and bounced again starts over) and counts one more occurrence.
    """
    existing = connection.execute(
        select(Suppression.id, Suppression.count).where(
            Suppression.address == address, Suppression.scope == scope
        )
    ).first()
    values = {
        "reason": reason,
        "source": source,
        "status": status,
        "reply_code": reply_code,
        "diagnostic": diagnostic,
        "feedback_type": feedback_type,
        "last_seen_at": now,
        "event_id": event_id,
        "why": why,
        "expires_at": expires_at,
    }
    if existing is None:
        connection.execute(
            insert(Suppression),
            {
                **values,
                "address": address,
                "scope": scope,
                "domain": addresses.domain_of(address),
                "first_seen_at": now,
                "count": 1,
            },
        )
        change = "added"
    else:
        connection.execute(
            update(Suppression)
            .where(Suppression.id == existing.id)
            .values(**values, count=Suppression.count + 1)
        )
        change = "updated"
    connection.execute(
        insert(SuppressionChange),
        {
            "at": now,
            "address": address,
            "scope": scope,
            "change": change,
            "actor": actor,
            "reason": reason,
            "note": None,
        },
    )
    return change


def find(
    connection: Connection, address: str, *, now: datetime | None = None
) -> list[SuppressionRow]:
    """Every suppression of `address` (global and per list); with `now`, only
    those that have not lapsed."""
    query = (
        select(*_COLUMNS)
        .where(Suppression.address == address)
        .order_by(Suppression.scope)
    )
    if now is not None:
        query = query.where(_active(now))
    return [SuppressionRow(*row) for row in connection.execute(query)]


def changes(connection: Connection, address: str, *, limit: int = 50) -> list[Change]:
    """The audit trail of `address`, newest first."""
    rows = connection.execute(
        select(
            SuppressionChange.at,
            SuppressionChange.scope,
            SuppressionChange.change,
            SuppressionChange.actor,
            SuppressionChange.reason,
            SuppressionChange.note,
        )
        .where(SuppressionChange.address == address)
        .order_by(SuppressionChange.at.desc(), SuppressionChange.id.desc())
        .limit(limit)
    )
    return [Change(*row) for row in rows]


def expire(connection: Connection, now: datetime, *, limit: int = 1000) -> int:
    """Delete suppressions whose time is up, recording each as "expired"."""
    rows = connection.execute(
        select(
            Suppression.id, Suppression.address, Suppression.scope, Suppression.reason
        )
        .where(Suppression.expires_at.is_not(None), Suppression.expires_at <= now)
        .limit(limit)
    ).all()
    for row in rows:
        connection.execute(delete(Suppression).where(Suppression.id == row.id))
        connection.execute(
            insert(SuppressionChange),
            {
                "at": now,
                "address": row.address,
                "scope": row.scope,
                "change": "expired",
                "actor": "policy",
                "reason": row.reason,
                "note": None,
            },
        )
    return len(rows)


def _active(now: datetime) -> ColumnElement[bool]:
    """Not lapsed: no expiry, or an expiry still ahead."""
    return or_(Suppression.expires_at.is_(None), Suppression.expires_at > now)


def list_(
    connection: Connection,
    *,
    reason: str | None = None,
    domain: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[SuppressionRow]:
    """Suppressions ordered by address, optionally filtered, from `after` on."""
    query = (
        select(*_COLUMNS).order_by(Suppression.address, Suppression.scope).limit(limit)
    )
    if reason:
        query = query.where(Suppression.reason == reason)
    if domain:
        query = query.where(Suppression.domain == domain)
    if after:
        query = query.where(Suppression.address > after)
    return [SuppressionRow(*row) for row in connection.execute(query)]


def remove(
    connection: Connection,
    address: str,
    *,
    scopes: Sequence[str] | None,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> int:
    """Delete the suppressions of `address` (all or the given scopes), recorded."""
    condition = Suppression.address == address
    query = select(Suppression.scope, Suppression.reason).where(condition)
    if scopes is not None:
        query = query.where(Suppression.scope.in_(list(scopes)))
    removed = connection.execute(query).all()
    for scope, reason in removed:
        connection.execute(
            delete(Suppression).where(condition, Suppression.scope == scope)
        )
        connection.execute(
            insert(SuppressionChange),
            {
                "at": now,
                "address": address,
                "scope": scope,
                "change": "removed",
                "actor": actor,
                "reason": reason,
                "note": note,
            },
        )
    return len(removed)
