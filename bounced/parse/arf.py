"""RFC 5965 Abuse Reporting Format complaints, and Microsoft's older JMRP form.

A complaint is never a bounce: the finding carries the feedback type and the
`feedback` reason hint, and the recipient is the complaining subscriber
(Original-Rcpt-To, else Removal-Recipient from the 2005 ARF draft, else the
To of the reported message). `not-spam` (RFC 6430) inverts a complaint, so the
type is passed on as written for the policy to read.

Samples: corpus arf-*.eml; JMRP arf-23.eml, arf-24.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses
from bounced.parse.dsn import mta_name
from bounced.reasons import Reason
from bounced.report import Action, Finding

from .message import MessageView

# Microsoft JMRP (Junk Mail Reporting Program): a multipart/mixed with the
# reported message; the complainer is in X-HmXmrOriginalRecipient (arf-23.eml).
_JMRP_SUBJECT = "complaint about message from"
_JMRP_RECIPIENT = "x-hmxmroriginalrecipient"
# Placeholder To values that name nobody (arf-12.eml, arf-15.eml).
_NOBODY = ("undisclosed", "undisclosed-recipients", "unlisted-recipients")


def detect(msg: MessageView) -> list[Finding]:
    """A finding per complaining recipient, or [] when this is not a complaint."""
    if msg.feedback is not None:
        return _arf(msg, msg.feedback)
    if _JMRP_SUBJECT in msg.subject.lower():
        recipient = addresses.clean(msg.returned_header(_JMRP_RECIPIENT))
        if recipient:
            return [_complaint(recipient, "abuse", None, None)]
    return []


def _arf(msg: MessageView, fields: list[tuple[str, str]]) -> list[Finding]:
    report = dict(fields)
    feedback_type = (report.get("feedback-type") or "abuse").strip().lower()
    reporting = mta_name(report.get("reporting-mta"))
    source = report.get("source-ip")
    recipients = [
        address
        for key, value in fields
        if key in ("original-rcpt-to", "removal-recipient")
        for address in [addresses.clean(value)]
        if address
    ]
    if not recipients:
        to = msg.returned_header("to") or ""
        recipient = addresses.clean(to)
        if recipient and not any(word in to.lower() for word in _NOBODY):
            recipients = [recipient]
    if not recipients:
        # Redacted report, "undisclosed recipients" in To: the receiving MX's
        # own Received line in the returned message still says "for <address>".
        recipients = _received_for(msg)[:1]
    if not recipients:
        # The report names nobody (some FBLs redact the address): still a
        # complaint, matched later through the returned message's identifiers.
        recipients = [""]
    return [_complaint(r, feedback_type, reporting, source) for r in recipients]


_RECEIVED_FOR = re.compile(r"\bfor\s+<([^<>\s]{3,254})>", re.I)


def _received_for(msg: MessageView) -> list[str]:
    found = []
    for key, value in msg.returned_headers:
        if key == "received" and (match := _RECEIVED_FOR.search(value)):
            address = addresses.clean(match[1])
            if address and not addresses.is_system(address):
                found.append(address)
    return found


def _complaint(
    recipient: str, feedback_type: str, reporting: str | None, source: str | None
) -> Finding:
    return Finding(
        recipient=recipient,
        action=Action.FAILED,
        diagnostic=f"complaint ({feedback_type})"
        + (f" about mail from {source}" if source else ""),
        reporting_mta=reporting,
        feedback_type=feedback_type,
        reason_hint=Reason.FEEDBACK,
    )
