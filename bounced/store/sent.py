"""Message-IDs the sender recorded per recipient: its proof, without VERP, that a
returned original is its own (see SentMessage)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, select

from bounced.store.engine import dialect_insert
from bounced.store.schema import SentMessage

MAX_MESSAGE_ID = 255


def message_id_key(value: str | None) -> str | None:
    """The stored form of a Message-ID: without blanks and angle brackets.

    Case is kept (RFC 5322 §3.6.4 compares Message-IDs as they are written);
    a value that is empty or too long is no key.
    """
    if not value:
        return None
    key = value.strip().strip("<>").strip()
    if not key or len(key) > MAX_MESSAGE_ID or any(c.isspace() for c in key):
        return None
    return key


def record(
    connection: Connection, pairs: Iterable[tuple[str, str]], now: datetime
) -> int:
    """Store (message-id key, normalized recipient) pairs; returns how many were new."""
    rows = [
        {"message_id": message_id, "recipient": recipient, "recorded_at": now}
        for message_id, recipient in dict.fromkeys(pairs)
    ]
    if not rows:
        return 0
    statement = (
        dialect_insert(connection, SentMessage)
        .on_conflict_do_nothing(index_elements=["message_id", "recipient"])
        .returning(SentMessage.message_id)
    )
    # RETURNING names the rows inserted (executemany's rowcount is not reliable
    # across drivers); conflicts return nothing.
    return len(connection.execute(statement, rows).all())


def is_recorded(connection: Connection, message_id: str | None, recipient: str) -> bool:
    """True when the sender recorded `message_id` as sent to `recipient`."""
    key = message_id_key(message_id)
    if key is None:
        return False
    query = select(SentMessage.recorded_at).where(
        SentMessage.message_id == key, SentMessage.recipient == recipient
    )
    return connection.scalar(query) is not None


def purge(connection: Connection, cutoff: datetime) -> int:
    """Drop what was recorded before `cutoff`; returns how many rows went."""
    result = connection.execute(
        delete(SentMessage).where(SentMessage.recorded_at < cutoff)
    )
    return max(int(result.rowcount), 0)


def forget(connection: Connection, address: str) -> int:
    """Drop every Message-ID recorded for `address`."""
    result = connection.execute(
        delete(SentMessage).where(SentMessage.recipient == address)
    )
    return max(int(result.rowcount), 0)
