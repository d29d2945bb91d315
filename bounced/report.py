"""Value types that cross module boundaries: what came in, what the parser found.

`Inbound` is a message as the SMTP listener spooled it. `Report` is what the parser
made of its bytes: zero or more `Finding`s, one per recipient the bounce talks
about, plus the identifiers of the returned original message. `Classification`
is the classifier's verdict on one finding. All are frozen so a worker process can
hand them back by pickling and nobody downstream can change them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bounced.reasons import Reason


class Action(StrEnum):
    """RFC 3464 §2.3.3 Action field values."""

    FAILED = "failed"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    RELAYED = "relayed"
    EXPANDED = "expanded"


@dataclass(frozen=True, slots=True, kw_only=True)
class Inbound:
    """One message as accepted over SMTP: the envelope and the raw bytes."""

    peer: str
    helo: str | None
    mail_from: str
    rcpt_tos: tuple[str, ...]
    received_at: datetime
    raw: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """What a bounce says about one recipient.

    Fields mirror RFC 3464's per-recipient block; non-standard detectors fill what
    their format carries and leave the rest None. `reason_hint` lets a detector
    that knows better than the generic classifier (an ARF report, a vacation
    reply, an MTA whose wording is unambiguous) name the reason itself.
    """

    recipient: str
    original_recipient: str | None = None
    action: Action = Action.FAILED
    status: str | None = None  # RFC 3463 "X.Y.Z"
    # The reporting MTA's comment on the status, "Status: 5.2.1 (mailbox
    # disabled, not accepting messages)" (PowerMTA): its own words on the failure.
    status_comment: str | None = None
    reply_code: int | None = None  # RFC 5321 three-digit reply code
    diagnostic: str | None = None  # the remote server's text, unfolded
    diagnostic_type: str | None = None  # "smtp", "x-unix", ... (RFC 3464 §2.3.6)
    smtp_command: str | None = None  # the command that failed: MAIL, RCPT, DATA, ...
    remote_mta: str | None = None
    reporting_mta: str | None = None
    feedback_type: str | None = None  # RFC 5965 Feedback-Type, complaints only
    reason_hint: Reason | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnedMessage:
    """Identifiers of the original message the bounce returned, when present.

    Later stages match a bounce to a send with these (listmonk's campaign and
    subscriber headers, Mailman's List-Id). `headers` keeps the list and campaign
    headers that matched, as (name, value) pairs in message order.
    """

    message_id: str | None = None
    subject: str | None = None
    from_: str | None = None
    to: str | None = None
    list_id: str | None = None
    list_unsubscribe: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    complete: bool = False  # the whole message (body too) came back, not only headers

    def header(self, name: str) -> str | None:
        """The first harvested header called `name` (case-insensitive), if any."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The parser's whole answer for one message. Never raised, always returned.

    `unparsed_reason` is set when no finding could be made: the message is not a
    bounce, is malformed, or went over the parser's budget. `notes` records
    detectors that failed by bug, so a failure is visible without being fatal.
    """

    findings: tuple[Finding, ...] = ()
    detector: str | None = None
    unparsed_reason: str | None = None
    returned: ReturnedMessage | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True, kw_only=True)
class Classification:
    """The classifier's verdict on one finding.

    `permanent` is the status class (5.x.x / 5xx); `hard` means the address itself
    is bad. `rule` names what decided it ("status 5.1.1", "phrase 'user unknown'")
    so a person can be told why.
    """

    reason: Reason
    permanent: bool
    hard: bool
    rule: str
