"""Soft-bounce days per address: counted, pruned, cleared.

One row per address and UTC day (Mailman counts at most one bounce a day); the
policy counts the days inside its window, so old ones drop out on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from bounced.store.engine import insert_ignoring_conflicts
from bounced.store.schema import SoftBounce


@dataclass(frozen=True, slots=True)
class SoftDay:
    day: date
    at: datetime
    reason: str | None
    event_id: int | None


def days(connection: Connection, address: str, since: date) -> list[SoftDay]:
    """The counted days of `address` from `since` on, oldest first."""
    rows = connection.execute(
        select(SoftBounce.day, SoftBounce.at, SoftBounce.reason, SoftBounce.event_id)
        .where(SoftBounce.address == address, SoftBounce.day >= since)
        .order_by(SoftBounce.day)
    )
    return [SoftDay(*row) for row in rows]


def count(
    connection: Connection,
    address: str,
    *,
    now: datetime,
    day: date,
    reason: str | None,
    event_id: int | None,
) -> bool:
    """Count `day` for `address`; False when that day already counted."""
    return insert_ignoring_conflicts(
        connection,
        SoftBounce,
        {
            "address": address,
            "day": day,
            "at": now,
            "reason": reason,
            "event_id": event_id,
        },
        ["address", "day"],
    )


def clear(connection: Connection, address: str) -> int:
    """Forget the soft bounces of `address` (a delivery or an explicit reset)."""
    return connection.execute(
        delete(SoftBounce).where(SoftBounce.address == address)
    ).rowcount


def prune(connection: Connection, before: date) -> int:
    """Delete days older than every window that could still count them."""
    return connection.execute(
        delete(SoftBounce).where(SoftBounce.day < before)
    ).rowcount
