"""Amazon SES: SNS JSON notifications sent by mail, and SES's own bounce text.

An SES topic subscribed by email delivers each event as "AWS Notification
Message" with the JSON in the body, folded at 76 columns (the continuation
lines start with one space). Bounce, Complaint and Delivery events are read
as the SES event schema defines them (bounce.bouncedRecipients[].{emailAddress,
action, status, diagnosticCode}; complaint.complainedRecipients and
complaintFeedbackType; delivery.recipients and smtpResponse).
SES's mailed bounces are RFC 3464 (dsn.py); their text form says "An error
occurred while trying to deliver the mail to the following recipients:".
Samples: corpus lhost-amazonses-*.eml.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.reasons import Reason
from bounced.report import Action, Finding

_FROM = re.compile(r"no-reply@sns\.amazonaws\.com|@(?:[\w-]+\.)*amazonses\.com", re.I)
_START = re.compile(
    r"An error occurred while trying to deliver the mail to the following "
    r"recipients:\s*\n"
)
_END = re.compile(r"^(?:Technical report:|Reporting-MTA:)", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from an SNS notification's JSON, else from SES's bounce text."""
    if _FROM.search(msg.from_) is None:
        return []
    if msg.subject == "AWS Notification Message":
        return _sns(msg.text)
    return notice.listed(msg.text, _START, _END)


def _sns(text: str) -> list[Finding]:
    start = text.find("{")
    end = text.find("\n--\n", start)
    blob = text[start : end if end > 0 else len(text)].replace("\n ", "").strip()
    try:
        data = json.loads(blob)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    message = data.get("Message")
    if isinstance(message, str):  # an SNS envelope around the SES event
        try:
            data = json.loads(message)
        except ValueError:
            return []
    kind = str(data.get("notificationType") or data.get("eventType") or "")
    if kind == "Bounce":
        return [_bounced(item) for item in _items(data, "bounce", "bouncedRecipients")]
    if kind == "Complaint":
        feedback = str(
            data.get("complaint", {}).get("complaintFeedbackType") or "abuse"
        )
        return [
            Finding(
                recipient=str(item.get("emailAddress", "")),
                feedback_type=feedback,
                reason_hint=Reason.FEEDBACK,
            )
            for item in _items(data, "complaint", "complainedRecipients")
        ]
    if kind == "Delivery":
        delivery = data.get("delivery", {})
        response = (
            str(delivery.get("smtpResponse") or "")
            if isinstance(delivery, dict)
            else ""
        )
        return [
            notice.finding(str(address), response, action=Action.DELIVERED)
            for address in (
                delivery.get("recipients") or [] if isinstance(delivery, dict) else []
            )
        ]
    return []


def _items(data: dict[str, Any], section: str, key: str) -> list[dict[str, Any]]:
    part = data.get(section)
    items = part.get(key) if isinstance(part, dict) else None
    return [
        item
        for item in items or []
        if isinstance(item, dict) and item.get("emailAddress")
    ]


def _bounced(item: dict[str, Any]) -> Finding:
    return notice.finding(
        str(item["emailAddress"]),
        str(item.get("diagnosticCode") or ""),
        status=str(item["status"]) if item.get("status") else None,
    )
