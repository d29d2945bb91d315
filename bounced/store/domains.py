"""Per destination domain: retry pacing and sender alerts.

Pacing changes go through pacing.py (halve on "slow down", grow on success).
Every change is a read-modify-write under a row lock (FOR UPDATE on
PostgreSQL; SQLite has one writer), so daemons sharing a database never lose
each other's updates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from bounced import pacing
from bounced.config import RetryConfig
from bounced.store.engine import insert_ignoring_conflicts
from bounced.store.schema import DomainState

log = logging.getLogger(__name__)

DETAIL_LIMIT = 500  # characters of the remote server's text kept with an alert


@dataclass(frozen=True, slots=True)
class DomainRow:
    """A domain as `bounced domains` and the API show it."""

    domain: str
    batch_size: int
    gap: float
    next_batch_at: datetime | None
    last_batch_at: datetime | None
    throttled_at: datetime | None
    throttles: int
    last_result: str | None
    updated_at: datetime
    alert_reason: str | None
    alert_count: int
    alert_first_at: datetime | None
    alert_last_at: datetime | None
    alert_detail: str | None
    pending: int = 0  # retries waiting for this domain

    def alert_active(self, now: datetime, window: float) -> bool:
        return self.alert_last_at is not None and self.alert_last_at >= now - timedelta(
            seconds=window
        )


_COLUMNS = (
    DomainState.domain,
    DomainState.batch_size,
    DomainState.gap,
    DomainState.next_batch_at,
    DomainState.last_batch_at,
    DomainState.throttled_at,
    DomainState.throttles,
    DomainState.last_result,
    DomainState.updated_at,
    DomainState.alert_reason,
    DomainState.alert_count,
    DomainState.alert_first_at,
    DomainState.alert_last_at,
    DomainState.alert_detail,
)


def ensure(
    connection: Connection, domain: str, config: RetryConfig, now: datetime
) -> None:
    """Create the domain's row at the initial pace if it has none yet."""
    start = pacing.initial(config)
    insert_ignoring_conflicts(
        connection,
        DomainState,
        {
            "domain": domain,
            "batch_size": start.batch_size,
            "gap": start.gap,
            "updated_at": now,
            "throttles": 0,
            "alert_count": 0,
        },
        ["domain"],
    )


def note_throttle(
    connection: Connection,
    domain: str,
    config: RetryConfig,
    now: datetime,
    why: str,
) -> bool:
    """A bounce said the domain wants less: slow down, once per gap.

    Bounces of one batch arrive in a burst; counting each would take the batch
    to the floor at once, so one slow-down per gap is taken (TCP likewise halves
    once per window, RFC 5681 §3.1). Returns True if the pace changed.
    """
    ensure(connection, domain, config, now)
    row = _locked(connection, domain)
    if row.throttled_at is not None and now - row.throttled_at < timedelta(
        seconds=max(row.gap, config.min_gap)
    ):
        return False
    _set_pace(
        connection, domain, pacing.shrink(pacing.Pace(row.batch_size, row.gap), config)
    )
    connection.execute(
        update(DomainState)
        .where(DomainState.domain == domain)
        .values(
            throttled_at=now,
            throttles=DomainState.throttles + 1,
            last_result=why[:64],
            updated_at=now,
        )
    )
    log.info("domain slowed down domain=%s why=%s", domain, why)
    return True


def note_batch(
    connection: Connection,
    domain: str,
    config: RetryConfig,
    now: datetime,
    *,
    throttled: bool,
    accepted: bool,
    summary: str,
) -> pacing.Pace:
    """A batch's answers: shrink if any said slow down, grow if it was accepted."""
    ensure(connection, domain, config, now)
    row = _locked(connection, domain)
    pace = pacing.Pace(row.batch_size, row.gap)
    values: dict[str, object] = {"last_result": summary[:64], "updated_at": now}
    if throttled:
        pace = pacing.shrink(pace, config)
        values.update(throttled_at=now, throttles=row.throttles + 1)
    elif accepted:
        pace = pacing.grow(pace, config)
    _set_pace(connection, domain, pace)
    connection.execute(
        update(DomainState).where(DomainState.domain == domain).values(**values)
    )
    return pace


def raise_alert(
    connection: Connection,
    domain: str,
    config: RetryConfig,
    *,
    reason: str,
    detail: str | None,
    now: datetime,
) -> None:
    """Record a permanent failure that blamed the sender, for people to act on."""
    ensure(connection, domain, config, now)
    row = _locked(connection, domain)
    first = row.alert_first_at if row.alert_reason is not None else None
    connection.execute(
        update(DomainState)
        .where(DomainState.domain == domain)
        .values(
            alert_reason=reason,
            alert_count=row.alert_count + 1,
            alert_first_at=first or now,
            alert_last_at=now,
            alert_detail=(detail or "")[:DETAIL_LIMIT] or None,
            updated_at=now,
        )
    )
    log.warning(
        "sender alert domain=%s reason=%s count=%d detail=%r",
        domain,
        reason,
        row.alert_count + 1,
        (detail or "")[:200],
    )


def clear_alert(connection: Connection, domain: str, now: datetime) -> bool:
    """Acknowledge a domain's sender alert; False if it had none."""
    result = connection.execute(
        update(DomainState)
        .where(DomainState.domain == domain, DomainState.alert_reason.is_not(None))
        .values(
            alert_reason=None,
            alert_count=0,
            alert_first_at=None,
            alert_last_at=None,
            alert_detail=None,
            updated_at=now,
        )
    )
    return bool(result.rowcount)


def lock(
    connection: Connection, domain: str, config: RetryConfig, now: datetime
) -> None:
    """Hold the domain's row until the transaction ends (creating it if needed)."""
    ensure(connection, domain, config, now)
    _locked(connection, domain)


def get(connection: Connection, domain: str) -> DomainRow | None:
    row = connection.execute(
        select(*_COLUMNS).where(DomainState.domain == domain)
    ).first()
    return DomainRow(*row) if row is not None else None


def list_(connection: Connection, *, limit: int = 1000) -> list[DomainRow]:
    """Every domain with a pace or an alert, by name."""
    rows = connection.execute(
        select(*_COLUMNS).order_by(DomainState.domain).limit(limit)
    )
    return [DomainRow(*row) for row in rows]


def _locked(connection: Connection, domain: str) -> DomainRow:
    row = connection.execute(
        select(*_COLUMNS).where(DomainState.domain == domain).with_for_update()
    ).one()
    return DomainRow(*row)


def _set_pace(connection: Connection, domain: str, pace: pacing.Pace) -> None:
    connection.execute(
        update(DomainState)
        .where(DomainState.domain == domain)
        .values(batch_size=pace.batch_size, gap=pace.gap)
    )
