"""Retention of raw bounces, erasure of one address, and the tombstones it leaves.

Raw messages are the only place where everything a remote server said about a
person is kept (the returned original included); events and suppressions keep
only what a sender needs. So raw bodies are purged after the retention period,
and `forget` removes an address from every table, leaving a keyed hash
(`bounced.privacy.tombstone`) in `forgotten_addresses` so it stays suppressed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from bounced import privacy
from bounced.store import sent
from bounced.store.schema import (
    BounceEvent,
    DomainState,
    ForgottenAddress,
    InboundMessage,
    Retry,
    SoftBounce,
    Suppression,
    SuppressionChange,
    WebhookDelivery,
)
from bounced.store.suppressions import SuppressionRow

FINAL_STATES = ("processed", "unparsed", "quarantined")
PURGE_BATCH = 500
SCAN_BATCH = 200
_TOMBSTONE_WHY = json.dumps(
    {"rule": "forgotten", "note": "erased on request; kept as a keyed hash"}
)
# One tombstone by its digest: the single-address check's second statement
# (store/lookup.py runs it on the event loop). Parameter: digest.
FIND_TOMBSTONE: Select[Any] = select(
    ForgottenAddress.reason, ForgottenAddress.forgotten_at
).where(ForgottenAddress.digest == bindparam("digest"))


# -- retention ------------------------------------------------------------------------


def purge_raw(
    engine: Engine,
    *,
    cutoff: datetime,
    now: datetime,
    dry_run: bool = False,
    batch: int = PURGE_BATCH,
) -> int:
    """Drop the raw bodies of finished messages received before `cutoff`.

    Only messages in a final state: one still queued or being processed needs
    its body, and so does one a pending retry may still re-send (the relay
    dispatcher sends the returned original). Batches keep each transaction, and
    the locks it holds, short. Returns how many bodies were (or would be) purged.
    """
    pending_retry = exists().where(
        Retry.message_id == InboundMessage.id, Retry.state.in_(("pending", "claimed"))
    )
    candidates = (
        select(InboundMessage.id)
        .where(
            InboundMessage.received_at < cutoff,
            InboundMessage.state.in_(FINAL_STATES),
            InboundMessage.raw.is_not(None),
            ~pending_retry,
        )
        .order_by(InboundMessage.id)
    )
    if dry_run:
        with engine.connect() as connection:
            count = select(func.count()).select_from(candidates.subquery())
            return int(connection.scalar(count) or 0)
    purged = 0
    while True:
        with engine.begin() as connection:
            ids = list(connection.scalars(candidates.limit(batch)))
            if not ids:
                return purged
            # The conditions again: a message requeued (`bounced reprocess`)
            # since it was chosen needs its body back.
            purged += _deleted(
                connection,
                update(InboundMessage)
                .where(
                    InboundMessage.id.in_(ids),
                    InboundMessage.raw.is_not(None),
                    InboundMessage.state.in_(FINAL_STATES),
                    ~pending_retry,
                )
                .values(raw=None, raw_purged_at=now),
            )


# -- erasure --------------------------------------------------------------------------


@dataclass
class Erasure:
    """What `forget` changed, table by table (counts only: nothing to identify)."""

    events: int = 0
    raw_messages: int = 0
    retries: int = 0
    soft_bounces: int = 0
    sent_messages: int = 0
    webhook_deliveries: int = 0
    suppressions: int = 0
    audit_entries: int = 0
    domain_alerts: int = 0
    tombstone: str = "added"

    def as_dict(self) -> dict[str, int | str]:
        return {
            "events": self.events,
            "raw_messages": self.raw_messages,
            "retries": self.retries,
            "soft_bounces": self.soft_bounces,
            "sent_messages": self.sent_messages,
            "webhook_deliveries": self.webhook_deliveries,
            "suppressions": self.suppressions,
            "audit_entries": self.audit_entries,
            "domain_alerts": self.domain_alerts,
            "tombstone": self.tombstone,
        }


def forget(
    connection: Connection, address: str, digest: str, *, now: datetime
) -> Erasure:
    """Erase a normalized `address` everywhere; leave its tombstone. One transaction."""
    erasure = Erasure()
    needles = (address, *privacy.verp_forms(address))

    # Events: the address's own, and any other whose text mentions it.
    text_columns = (
        BounceEvent.diagnostic,
        BounceEvent.returned_headers,
        BounceEvent.subject,
        BounceEvent.why,
        BounceEvent.orig_message_id,
    )
    own = or_(
        BounceEvent.recipient == address, BounceEvent.original_recipient == address
    )
    mentions = or_(own, *(_mentions(column, address) for column in text_columns))
    rows = connection.execute(
        select(BounceEvent.id, BounceEvent.message_id, BounceEvent.recipient,
               BounceEvent.original_recipient, *text_columns).where(mentions)
    ).all()  # fmt: skip
    message_ids = set()
    for row in rows:
        values: dict[str, str | None] = {
            column.key: privacy.redact(getattr(row, column.key), address)
            for column in text_columns
        }
        if row.recipient == address:
            values["recipient"] = privacy.REDACTED
        if row.original_recipient == address:
            values["original_recipient"] = None
        connection.execute(
            update(BounceEvent).where(BounceEvent.id == row.id).values(**values)
        )
        message_ids.add(row.message_id)
    erasure.events = len(rows)

    # Raw messages: those the events came from, and any other that carries it.
    message_ids.update(_messages_mentioning(connection, needles))
    if message_ids:
        envelopes = connection.execute(
            select(InboundMessage.id, InboundMessage.rcpt_tos, InboundMessage.mail_from)
            .where(InboundMessage.id.in_(sorted(message_ids)))
        ).all()  # fmt: skip
        for envelope in envelopes:
            rcpt_tos, mail_from = bytes(envelope.rcpt_tos), bytes(envelope.mail_from)
            for needle in needles:
                rcpt_tos = privacy.redact_bytes(rcpt_tos, needle)
                mail_from = privacy.redact_bytes(mail_from, needle)
            connection.execute(
                update(InboundMessage)
                .where(InboundMessage.id == envelope.id)
                .values(
                    raw=None,
                    raw_purged_at=now,
                    rcpt_tos=rcpt_tos,
                    mail_from=mail_from,
                    unparsed_reason=None,
                )
            )
        erasure.raw_messages = len(envelopes)

    erasure.retries = _deleted(
        connection, delete(Retry).where(Retry.recipient == address)
    )
    erasure.soft_bounces = _deleted(
        connection, delete(SoftBounce).where(SoftBounce.address == address)
    )
    erasure.sent_messages = sent.forget(connection, address)
    erasure.webhook_deliveries = _deleted(
        connection,
        delete(WebhookDelivery).where(_mentions(WebhookDelivery.payload, address)),
    )

    reasons = list(
        connection.execute(
            select(Suppression.scope, Suppression.reason).where(
                Suppression.address == address
            )
        )
    )
    erasure.suppressions = _deleted(
        connection, delete(Suppression).where(Suppression.address == address)
    )
    erasure.audit_entries = _deleted(
        connection,
        delete(SuppressionChange).where(
            or_(
                SuppressionChange.address == address,
                _mentions(SuppressionChange.note, address),
            )
        ),
    )
    alerts = connection.execute(
        select(DomainState.domain, DomainState.alert_detail).where(
            _mentions(DomainState.alert_detail, address)
        )
    ).all()
    for alert in alerts:
        connection.execute(
            update(DomainState)
            .where(DomainState.domain == alert.domain)
            .values(alert_detail=privacy.redact(alert.alert_detail, address))
        )
    erasure.domain_alerts = len(alerts)

    reason = next((r for scope, r in reasons if scope == "global"), None)
    reason = reason or (reasons[0][1] if reasons else "suppressed")
    known = select(ForgottenAddress.digest).where(ForgottenAddress.digest == digest)
    if connection.scalar(known) is None:
        connection.execute(
            insert(ForgottenAddress).values(
                digest=digest, reason=reason, forgotten_at=now
            )
        )
    else:
        erasure.tombstone = "kept"
    return erasure


def forgotten(connection: Connection, wanted: dict[str, str]) -> list[SuppressionRow]:
    """Tombstones among `wanted` (digest → the address being checked), as rows.

    A tombstone suppresses globally and for good. Nothing is queried beyond one
    cheap probe when no address was ever forgotten.
    """
    if (
        not wanted
        or connection.scalar(select(ForgottenAddress.digest).limit(1)) is None
    ):
        return []
    found: list[SuppressionRow] = []
    digests = list(wanted)
    for start in range(0, len(digests), 500):
        chunk = digests[start : start + 500]
        rows = connection.execute(
            select(
                ForgottenAddress.digest,
                ForgottenAddress.reason,
                ForgottenAddress.forgotten_at,
            ).where(ForgottenAddress.digest.in_(chunk))
        )
        found.extend(
            tombstone_row(wanted[row.digest], row.reason, row.forgotten_at)
            for row in rows
        )
    return found


def tombstone_row(address: str, reason: str, forgotten_at: datetime) -> SuppressionRow:
    """How a tombstone shows where the address is checked: a global suppression."""
    return SuppressionRow(
        address=address,
        scope="global",
        reason=reason,
        source="forgotten",
        status=None,
        reply_code=None,
        diagnostic=None,
        first_seen_at=forgotten_at,
        last_seen_at=forgotten_at,
        count=1,
        expires_at=None,
        why=_TOMBSTONE_WHY,
    )


def unforget(connection: Connection, digest: str) -> int:
    """Delete a tombstone (the address is reactivated); returns 1 if there was one."""
    statement = delete(ForgottenAddress).where(ForgottenAddress.digest == digest)
    return _deleted(connection, statement)


def count_forgotten(connection: Connection) -> int:
    return int(
        connection.scalar(select(func.count()).select_from(ForgottenAddress)) or 0
    )


def _mentions(
    column: ColumnElement[str | None] | object, address: str
) -> ColumnElement[bool]:
    """`column` contains `address`, ignoring case (LIKE wildcards escaped)."""
    return func.lower(column).contains(address.lower(), autoescape=True)


def _messages_mentioning(connection: Connection, needles: Sequence[str]) -> list[int]:
    """Ids of spooled messages whose body or envelope names any of `needles`.

    Searched here rather than in SQL: case-insensitive matching of bytes and
    decoding base64 parts differ per database or cannot be done there at all.
    It reads every spooled message (bodies already purged cost nothing), in
    batches; erasure is rare and the retention period bounds the table.
    """
    rows = connection.execute(
        select(
            InboundMessage.id,
            InboundMessage.raw,
            InboundMessage.rcpt_tos,
            InboundMessage.mail_from,
        ).execution_options(yield_per=SCAN_BATCH)
    )
    return [
        row.id
        for row in rows
        if any(
            privacy.mentions(_bytes(value), needles)
            for value in (row.rcpt_tos, row.mail_from, row.raw)
        )
    ]


def _bytes(value: bytes | memoryview | None) -> bytes | None:
    return None if value is None else bytes(value)


def _deleted(connection: Connection, statement: object) -> int:
    return int(connection.execute(statement).rowcount or 0)  # type: ignore[call-overload]
