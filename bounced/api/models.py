"""Request and response bodies: the JSON contract, and what /openapi.json shows.

Field names are the API's stable vocabulary. Store rows become these documents
in `bounced.documents`, shared with the CLI's --json, so the two agree; routes
that return many rows serialize those dicts directly instead of validating each
through these models (the models document them in /openapi.json).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bounced.reasons import Reason


class _Model(BaseModel):
    # "list" is a field name clients see; in Python it is list_id (an alias).
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ErrorDetail(_Model):
    code: str = Field(description="Stable machine-readable code, e.g. invalid_address")
    message: str = Field(description="What was wrong, for a person")


class ErrorBody(_Model):
    """Every 4xx and 5xx answer has this body."""

    error: ErrorDetail


class Suppression(_Model):
    address: str
    scope: str = Field(description='"global", or "list:<list-id>" for one list')
    list_id: str | None = Field(
        alias="list", description="The list id of a list-scoped suppression"
    )
    reason: Reason
    source: str = Field(description="bounce, complaint, manual, import or unsubscribe")
    status: str | None = Field(description="RFC 3463 enhanced status, e.g. 5.1.1")
    reply_code: int | None = Field(description="SMTP reply code, e.g. 550")
    diagnostic: str | None = Field(description="The remote server's words")
    first_seen_at: datetime
    last_seen_at: datetime
    count: int = Field(description="Findings that suppressed or refreshed it")
    expires_at: datetime | None
    why: Any = Field(description="The rule that decided and its inputs")


class SuppressionLookup(_Model):
    address: str
    suppressed: Literal[True] = True
    suppressions: list[Suppression]


class SuppressionPage(_Model):
    items: list[Suppression]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last page"
    )


class CheckRequest(_Model):
    addresses: list[str] = Field(
        description="Addresses to check, in any form the normalizer accepts"
    )
    list_id: str | None = Field(
        default=None,
        alias="list",
        min_length=1,
        max_length=290,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Check for a send to this list: global suppressions and this"
        " list's count. Without it, any suppression counts.",
    )


class CheckedSuppression(_Model):
    address: str
    scope: str
    reason: Reason
    source: str
    status: str | None
    reply_code: int | None
    first_seen_at: datetime
    last_seen_at: datetime
    count: int
    expires_at: datetime | None


class CheckResponse(_Model):
    checked: int = Field(description="How many addresses the request carried")
    suppressed: list[CheckedSuppression] = Field(
        description="One entry per suppression of a checked address (an address"
        " suppressed globally and for a list appears twice), in address order"
    )
    invalid: list[str] = Field(
        description="Entries that are not email addresses, as given"
    )


class AddRequest(_Model):
    address: str
    reason: Reason = Reason.SUPPRESSED
    list_id: str | None = Field(
        default=None,
        alias="list",
        min_length=1,
        max_length=290,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="For this list only",
    )
    note: str | None = Field(
        default=None, max_length=1000, description="Recorded in the audit trail"
    )
    expires_at: datetime | None = Field(
        default=None, description="Lift the suppression at this time"
    )


class RemoveResponse(_Model):
    address: str
    removed: int = Field(description="Suppressions deleted (global and per list)")


class ForgetRequest(_Model):
    address: str = Field(max_length=1000)


class ForgetResponse(_Model):
    events: int = Field(description="Bounce events the address was removed from")
    raw_messages: int = Field(description="Raw messages dropped")
    retries: int
    soft_bounces: int
    webhook_deliveries: int
    suppressions: int = Field(description="Suppressions replaced by the tombstone")
    audit_entries: int
    domain_alerts: int
    sent_messages: int = Field(description="Recorded sent Message-IDs dropped")
    tombstone: Literal["added", "kept"]


class SentMessageIn(_Model):
    message_id: str = Field(
        max_length=1000, description="The Message-ID header, with or without <>"
    )
    recipient: str = Field(max_length=1000, description="The address it went to")


class SentRequest(_Model):
    messages: list[SentMessageIn] = Field(
        description="Up to 10,000 (Message-ID, recipient) pairs per request"
    )


class SentInvalid(_Model):
    message_id: str
    recipient: str
    invalid: Literal["message_id", "recipient"]


class SentResponse(_Model):
    recorded: int = Field(description="Pairs newly recorded")
    already: int = Field(description="Pairs that were recorded before")
    invalid: list[SentInvalid] = Field(description="Pairs refused, with the field")


class Rejection(_Model):
    line: int
    why: str


class ImportResponse(_Model):
    dialect: str = Field(description="The format recognized (or named)")
    rows: int
    added: int
    existing: int = Field(description="Already suppressed: left as they were")
    rejected: int
    rejections: list[Rejection] = Field(description="The first rejected lines")


class Event(_Model):
    id: int
    message_id: int
    occurred_at: datetime
    recipient: str
    subject: str | None = Field(
        description="The address the decision applied to (the signed VERP"
        " recipient when there is one); null when the bounce was not trusted"
    )
    domain: str
    original_recipient: str | None
    action: str
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    remote_mta: str | None
    reporting_mta: str | None
    feedback_type: str | None
    reason: Reason
    permanent: bool
    hard: bool
    decision: Literal["suppress", "retry", "record"]
    why: Any
    detector: str | None
    list_id: str | None
    orig_message_id: str | None
    verp: str | None


class EventPage(_Model):
    items: list[Event]
    next_cursor: str | None


class StatsResponse(_Model):
    since: datetime
    until: datetime
    events: int
    by_reason: dict[str, int]
    by_decision: dict[str, int]
    by_domain: dict[str, int] = Field(description="The 20 busiest domains")
    suppressions_added: int
    suppressions_removed: int


class HealthResponse(_Model):
    status: Literal["ok", "unavailable"]
    database: bool
    backlog: int | None = Field(description="Spooled messages not yet processed")
    oldest_backlog_seconds: float | None
    version: str
