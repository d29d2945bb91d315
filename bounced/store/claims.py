"""Row claims: which worker processes which spooled message.

A claim is a lease: `claimed_by` and `claim_expires` are set in one short
transaction, and the message is parsed outside it. On PostgreSQL the candidate
rows are picked with FOR UPDATE SKIP LOCKED, so daemons sharing one database
never claim the same row; on SQLite there is a single writer and the clause is
dropped. A daemon that dies leaves its lease to run out, and the row is claimed
again. Exactly-once *effect* does not rest on the lease: the outcome transaction
only marks a row processed if it is still new and still ours (outcomes.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine

from bounced.store.schema import InboundMessage


@dataclass(frozen=True, slots=True)
class ClaimedMessage:
    id: int
    raw: bytes
    mail_from: bytes
    rcpt_tos: bytes
    received_at: datetime
    attempts: int


def claim_messages(
    engine: Engine, *, worker: str, limit: int, lease: float, now: datetime
) -> list[ClaimedMessage]:
    """Claim up to `limit` new messages, oldest first, for `lease` seconds.

    A worker claims one batch at a time, so its own earlier claims are ones it
    gave up on (recording failed: the database went away mid-batch). It takes
    them back at once rather than leaving them until the lease runs out, which
    after an outage would hold up processing for the whole lease.
    """
    table = InboundMessage
    candidates = (
        select(table.id)
        .where(table.state == "new")
        .where(
            or_(
                table.claim_expires.is_(None),
                table.claim_expires < now,
                table.claimed_by == worker,
            )
        )
        .order_by(table.id)
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
            table.raw,
            table.mail_from,
            table.rcpt_tos,
            table.received_at,
            table.attempts,
        )
    )
    with engine.begin() as connection:
        rows = connection.execute(statement).all()
    claimed = [ClaimedMessage(*row) for row in rows]
    claimed.sort(key=lambda message: message.id)
    return claimed
