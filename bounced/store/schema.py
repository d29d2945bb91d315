"""Tables: the metadata Alembic targets, and the one place column types are chosen.

Envelope and raw message are bytes (LargeBinary): a NUL or a non-UTF-8 byte in a
hostile bounce must not stop it being stored. Times are stored as UTC and always
come back timezone-aware (`UtcDateTime`), on SQLite too. Enum-like columns hold
the enum's string value, never an ordinal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Constraint names must be deterministic or Alembic cannot drop them on SQLite
# batch migrations (alembic docs, "The Importance of Naming Constraints").
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid alias).
Id = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and returned as aware UTC on every backend."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class InboundMessage(Base):
    """The spool: every message accepted over SMTP, exactly as it arrived.

    `state` moves new → processed | unparsed | quarantined. A row is claimed by
    setting `claimed_by` and `claim_expires` (a lease); a crash leaves the lease to
    run out and another worker takes the message again.
    """

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    peer: Mapped[str] = mapped_column(String(255))
    helo: Mapped[bytes | None] = mapped_column(LargeBinary)
    mail_from: Mapped[bytes] = mapped_column(LargeBinary)
    rcpt_tos: Mapped[bytes] = mapped_column(LargeBinary)  # LF-separated
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)  # None once purged
    size: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="new")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claim_expires: Mapped[datetime | None] = mapped_column(UtcDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    detector: Mapped[str | None] = mapped_column(String(64))
    unparsed_reason: Mapped[str | None] = mapped_column(Text)
    raw_purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    __table_args__ = (
        Index("ix_inbound_messages_state_id", "state", "id"),
        Index("ix_inbound_messages_received_at", "received_at"),
    )


class BounceEvent(Base):
    """One finding of one message, classified and decided."""

    __tablename__ = "bounce_events"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recipient: Mapped[str] = mapped_column(String(320))
    domain: Mapped[str] = mapped_column(String(255), index=True)
    original_recipient: Mapped[str | None] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    reply_code: Mapped[int | None] = mapped_column(Integer)
    diagnostic: Mapped[str | None] = mapped_column(Text)
    remote_mta: Mapped[str | None] = mapped_column(String(255))
    reporting_mta: Mapped[str | None] = mapped_column(String(255))
    feedback_type: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32), index=True)
    permanent: Mapped[bool] = mapped_column(Boolean)
    hard: Mapped[bool] = mapped_column(Boolean)
    rule: Mapped[str | None] = mapped_column(Text)
    detector: Mapped[str | None] = mapped_column(String(64))
    orig_message_id: Mapped[str | None] = mapped_column(Text)
    list_id: Mapped[str | None] = mapped_column(String(255), index=True)
    returned_headers: Mapped[str | None] = mapped_column(Text)  # JSON pairs
    decision: Mapped[str] = mapped_column(String(16))
    why: Mapped[str | None] = mapped_column(Text)  # JSON: rule and inputs
    # The address the decision applied to: the signed VERP recipient when there is
    # one, else the reported recipient; None when the bounce was not trusted.
    subject: Mapped[str | None] = mapped_column(String(320), index=True)
    verp: Mapped[str | None] = mapped_column(String(32))  # VerpData.status

    __table_args__ = (
        Index("ix_bounce_events_recipient_occurred", "recipient", "occurred_at"),
        # `bounced stats` and GET /v1/events?since= scan a period of events.
        Index("ix_bounce_events_occurred_at", "occurred_at"),
    )


class Suppression(Base):
    """An address the newsletter system must not send to, and why.

    `scope` is "global" or "list:<list-id>"; one row per (address, scope).
    Removing a suppression deletes the row and records the change.
    """

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(320))
    scope: Mapped[str] = mapped_column(String(300), default="global")
    domain: Mapped[str] = mapped_column(String(255), index=True)
    reason: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(16))  # bounce, complaint, manual, import
    status: Mapped[str | None] = mapped_column(String(16))
    reply_code: Mapped[int | None] = mapped_column(Integer)
    diagnostic: Mapped[str | None] = mapped_column(Text)
    feedback_type: Mapped[str | None] = mapped_column(String(32))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    count: Mapped[int] = mapped_column(Integer, default=1)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("bounce_events.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    why: Mapped[str | None] = mapped_column(Text)  # JSON: rule and inputs

    __table_args__ = (
        # Also the index of every lookup by address (POST /v1/suppressions/check).
        UniqueConstraint("address", "scope"),
        # GET /v1/suppressions?list=... pages through one list in address order.
        Index("ix_suppressions_scope_address", "scope", "address"),
    )


class SuppressionChange(Base):
    """The audit trail: every add, update and removal of a suppression."""

    __tablename__ = "suppression_changes"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    address: Mapped[str] = mapped_column(String(320), index=True)
    scope: Mapped[str] = mapped_column(String(300))
    change: Mapped[str] = mapped_column(String(16))  # added, updated, removed, expired
    actor: Mapped[str] = mapped_column(String(64))  # processor, api, cli, import
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)


class Retry(Base):
    """A recipient whose delivery failed for now, due to be tried again.

    `state` moves pending → (ready →) dispatched → done, or to expired, failed or
    cancelled. `attempt` counts hand-overs to the dispatcher; the idempotency key
    a dispatcher sees is `<key>-<attempt + 1>`, the same however often a crash
    makes us hand the same attempt over again. A claim is a lease, as for the
    spool (claims.py); pull consumers hold one too, while they work on a batch.
    """

    __tablename__ = "retries"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("bounce_events.id", ondelete="SET NULL")
    )
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    recipient: Mapped[str] = mapped_column(String(320))
    domain: Mapped[str] = mapped_column(String(255))
    list_id: Mapped[str | None] = mapped_column(String(255))
    orig_message_id: Mapped[str | None] = mapped_column(Text)
    campaign: Mapped[str | None] = mapped_column(String(255))
    subscriber: Mapped[str | None] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(16))
    reply_code: Mapped[int | None] = mapped_column(Integer)
    provably_ours: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # dispatcher errors
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    give_up_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claim_expires: Mapped[datetime | None] = mapped_column(UtcDateTime())
    dispatched_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_result: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_retries_state_due_at", "state", "due_at"),
        Index("ix_retries_domain_state", "domain", "state"),
        Index("ix_retries_recipient_state", "recipient", "state"),
    )


class DomainState(Base):
    """Per destination domain: retry batch size and pacing, and the sender alert.

    `batch_size` and `gap` follow pacing.py (halve on "slow down", grow on
    success); `next_batch_at` is the earliest time the next batch may go.
    The alert columns hold the last permanent failure that blamed the sender.
    """

    __tablename__ = "domain_states"

    domain: Mapped[str] = mapped_column(String(255), primary_key=True)
    batch_size: Mapped[int] = mapped_column(Integer)
    gap: Mapped[float] = mapped_column(Float, default=0.0)
    next_batch_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_batch_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    throttled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    throttles: Mapped[int] = mapped_column(Integer, default=0)
    last_result: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    alert_reason: Mapped[str | None] = mapped_column(String(32))
    alert_count: Mapped[int] = mapped_column(Integer, default=0)
    alert_first_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    alert_last_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    alert_detail: Mapped[str | None] = mapped_column(Text)


class WebhookDelivery(Base):
    """The webhook outbox: one notice to POST to one endpoint.

    Rows are written in the same transaction as the decision they announce, so a
    crash can neither lose a notice nor send one for a decision that never
    committed. Delivery claims rows with a lease like the spool; `event_id` is
    the same for every endpoint told of one event and is the receivers'
    idempotency key (delivery is at least once). `state` moves pending →
    delivered | failed (gave up or refused for good).
    """

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(32))
    endpoint: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the generic notice, JSON
    bounce_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("bounce_events.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claim_expires: Mapped[datetime | None] = mapped_column(UtcDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_result: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (
        Index("ix_webhook_deliveries_state_due_at", "state", "due_at"),
        UniqueConstraint("event_id", "endpoint"),
    )


class SoftBounce(Base):
    """One day on which an address soft-bounced (at most one row per day).

    Mailman counts at most one bounce per day; rows older than the window are
    ignored and pruned, and a delivery or a reset deletes them all.
    """

    __tablename__ = "soft_bounces"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(320))
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str | None] = mapped_column(String(32))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("bounce_events.id", ondelete="SET NULL")
    )

    __table_args__ = (UniqueConstraint("address", "day"),)


class ForgottenAddress(Base):
    """The tombstone of an erased address: its keyed hash, so it stays suppressed.

    `bounced forget` deletes the address from every other table; a check of the
    same address hashes it with the same key and finds it here, while nobody
    reading the database can learn which address it was.
    """

    __tablename__ = "forgotten_addresses"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(String(32))
    forgotten_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SentMessage(Base):
    """A Message-ID the sender says it used for one recipient (POST /v1/sent).

    The relay dispatcher re-sends a returned original only when it is provably
    ours: a signed VERP address, or a Message-ID recorded here for that very
    recipient, for senders that cannot vary their Return-Path. Kept as long as
    raw bounces ([privacy] raw_retention): a bounce comes back within days.
    """

    __tablename__ = "sent_messages"

    message_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320), primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
