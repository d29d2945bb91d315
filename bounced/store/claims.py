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
from typing import Any

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

    A message claimed before and never recorded (attempts > 0) is claimed
    alone. `attempts` is how the processor finds a message that kills the
    daemon (quarantined past `max_attempts`); were it retried in a batch, every
    crash, or every SIGKILL from outside, would count against all 64 messages
    in flight, and a few restarts in a row would quarantine innocent mail
    (bench/crash_soak.py found 64 of 1,620 so). Alone, only its own crash counts.
    """
    table = InboundMessage
    claimable = (
        table.state == "new",
        or_(
            table.claim_expires.is_(None),
            table.claim_expires < now,
            table.claimed_by == worker,
        ),
    )
    candidates = (
        select(table.id, table.attempts)
        .where(*claimable)
        .order_by(table.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with engine.begin() as connection:
        found = connection.execute(candidates).all()
        ids = _batch([(row.id, row.attempts) for row in found])
        if not ids:
            return []
        rows = connection.execute(_claim(ids, claimable, worker, lease, now)).all()
    claimed = [ClaimedMessage(*row) for row in rows]
    claimed.sort(key=lambda message: message.id)
    return claimed


def _batch(candidates: list[tuple[int, int]]) -> list[int]:
    """The ids to claim from (id, attempts), oldest first: a retried message
    alone, else the fresh ones up to the first retried one."""
    if candidates and candidates[0][1] > 0:
        return [candidates[0][0]]
    ids = []
    for message_id, attempts in candidates:
        if attempts > 0:
            break
        ids.append(message_id)
    return ids


def _claim(
    ids: list[int],
    claimable: tuple[Any, ...],
    worker: str,
    lease: float,
    now: datetime,
) -> Any:
    """The UPDATE that takes the lease on `ids` (still claimable) and counts the
    attempt."""
    table = InboundMessage
    return (
        update(table)
        .where(table.id.in_(ids), *claimable)
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
