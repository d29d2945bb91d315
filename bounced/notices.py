"""What bounced tells other systems, and in which words: webhook notices.

A notice is a plain JSON object (the "generic" format, documented in the README)
built from one decided finding or one sender alert. It is stored in the webhook
outbox as is and rendered per endpoint format when it is sent, so every
endpoint's POST of one event carries the same `id` (the idempotency key).

The listmonk format matches listmonk's `POST /webhooks/bounce` (cmd/bounce.go,
models/bounces.go; INTEGRATIONS.md). Two of its fields come from headers of the
returned message, which a forger writes as freely as the rest of a bounce:
`campaign_uuid` is sent only when it is a UUID (listmonk casts it `::UUID` in SQL
and the whole call fails otherwise), and `subscriber_uuid` is never sent when a
signed VERP address named the recipient, because listmonk looks the subscriber up
by UUID before email: a forger holding a valid address of their own could
otherwise put a victim's UUID in the returned headers and have the victim
blocklisted.

Pure: data in, data out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from bounced.policy import Decision, Verdict
from bounced.reasons import Reason
from bounced.report import Action, Classification, Finding, ReturnedMessage
from bounced.verp import VerpData

SOURCE = "bounced"
MAX_DIAGNOSTIC = 1000  # characters; a remote server's text can be any length

_UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE
)
# listmonk models/common.go; X-ListMember is phpList's.
CAMPAIGN_HEADERS = ("X-Listmonk-Campaign",)
SUBSCRIBER_HEADERS = ("X-Listmonk-Subscriber", "X-ListMember")


class EventType(StrEnum):
    """What a notice announces; the values are config and payload strings."""

    # A bounce suppressed the address (again, when it already was: a newsletter
    # system that missed the first notice learns on the next bounce).
    SUPPRESSION_ADDED = "suppression.added"
    COMPLAINT = "complaint"  # an abuse report (ARF); the address is suppressed
    BOUNCE_SOFT = "bounce.soft"  # a transient failure, not suppressed
    SENDER_ALERT = "sender.alert"  # a domain blames the sender, not the address


# listmonk's bounce `type` per event type; others are not sent to listmonk.
LISTMONK_TYPES = {
    EventType.SUPPRESSION_ADDED: "hard",
    EventType.COMPLAINT: "complaint",
    EventType.BOUNCE_SOFT: "soft",
}
_NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK})


def event_type(
    finding: Finding, classification: Classification, decision: Decision
) -> EventType | None:
    """Which notice a decided finding makes, if any."""
    if decision.verdict is Verdict.SUPPRESS:
        if classification.reason is Reason.FEEDBACK:
            return EventType.COMPLAINT
        return EventType.SUPPRESSION_ADDED
    transient = (
        finding.action in (Action.FAILED, Action.DELAYED)
        and not classification.permanent
        and classification.reason not in _NOT_FAILURES
    )
    return EventType.BOUNCE_SOFT if transient else None


def for_finding(
    *,
    event_id: str,
    kind: EventType,
    subject: str,
    finding: Finding,
    classification: Classification,
    decision: Decision,
    returned: ReturnedMessage | None,
    verp: VerpData | None,
    list_id: str | None,
    bounce_event_id: int | None,
    received_at: datetime,
    now: datetime,
) -> dict[str, Any]:
    """The generic notice of one decided finding about `subject`."""
    suppressed = decision.verdict is Verdict.SUPPRESS
    return {
        "id": event_id,
        "type": kind.value,
        "occurred_at": rfc3339(now),
        "received_at": rfc3339(received_at),
        "recipient": subject,
        "reported_recipient": finding.recipient,
        "original_recipient": finding.original_recipient,
        "action": finding.action.value,
        "status": finding.status,
        "smtp_code": finding.reply_code,
        "diagnostic": _clip(finding.diagnostic),
        "reason": classification.reason.value,
        "permanent": classification.permanent,
        "hard": classification.hard,
        "feedback_type": finding.feedback_type,
        "remote_mta": finding.remote_mta,
        "reporting_mta": finding.reporting_mta,
        "message_id": returned.message_id if returned else None,
        "list_id": list_id,
        "campaign": _header(returned, CAMPAIGN_HEADERS),
        "subscriber": _header(returned, SUBSCRIBER_HEADERS),
        "verp": _verp(verp),
        "decision": {"verdict": decision.verdict.value, "rule": decision.rule},
        "suppression": {"scope": decision.scope, "expires_at": None}
        if suppressed
        else None,
        "bounce_event_id": bounce_event_id,
        "source": SOURCE,
    }


def sender_alert(
    *,
    event_id: str,
    domain: str,
    reason: str,
    count: int,
    detail: str | None,
    now: datetime,
) -> dict[str, Any]:
    """The generic notice of a sender alert: `domain` refuses our mail for `reason`.

    For the policy's per-domain alerts (DESIGN.md, Decide): queue it with
    `store.outbox.Outbox.add()` in the transaction that raises the alert.
    """
    return {
        "id": event_id,
        "type": EventType.SENDER_ALERT.value,
        "occurred_at": rfc3339(now),
        "domain": domain,
        "reason": reason,
        "count": count,
        "detail": _clip(detail),
        "source": SOURCE,
    }


def render(format_: str, notice: dict[str, Any]) -> dict[str, Any] | None:
    """The body an endpoint of `format_` gets, or None if it takes no such notice."""
    if format_ == "listmonk":
        return listmonk(notice)
    return notice


def listmonk(notice: dict[str, Any]) -> dict[str, Any] | None:
    """listmonk's bounce record for a notice about a subscriber, else None."""
    kind = LISTMONK_TYPES.get(EventType(notice["type"]))
    if kind is None or not notice.get("recipient"):
        return None
    meta = {
        key: notice.get(key)
        for key in ("reason", "status", "smtp_code", "diagnostic", "list_id")
    }
    meta["message_id"] = notice.get("message_id")
    meta["bounced_event"] = notice["id"]
    body: dict[str, Any] = {
        "email": notice["recipient"],
        "source": SOURCE,
        "type": kind,
        "meta": meta,
        "created_at": notice.get("received_at") or notice["occurred_at"],
    }
    campaign = notice.get("campaign")
    if campaign and _UUID.match(campaign):
        body["campaign_uuid"] = campaign.lower()
    subscriber = notice.get("subscriber")
    signed = bool((notice.get("verp") or {}).get("valid_signature"))
    if subscriber and _UUID.match(subscriber) and not signed:
        body["subscriber_uuid"] = subscriber.lower()
    return body


def is_uuid(text: str | None) -> bool:
    return bool(text) and _UUID.match(text or "") is not None


def rfc3339(moment: datetime) -> str:
    """UTC, to the second, with Z: what listmonk's time.Time and most parsers take."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _verp(verp: VerpData | None) -> dict[str, Any] | None:
    if verp is None:
        return None
    return {"form": verp.form, "signed": verp.signed, "valid_signature": verp.valid}


def _header(returned: ReturnedMessage | None, names: tuple[str, ...]) -> str | None:
    if returned is None:
        return None
    for name in names:
        value = returned.header(name)
        if value:
            return value.strip()[:255]
    return None


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:MAX_DIAGNOSTIC]
