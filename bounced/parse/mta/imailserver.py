"""Ipswitch IMail Server bounces ("Undeliverable Mail").

One line per failure, "<reason>: <address>" ("Unknown user: a@b",
"Invalid final delivery userid: a@b"), then "Original message follows.".
The reasons are IMail's own fixed sentences about its own mailboxes, so they
name the cause outright: "Unknown user" comes from the server that holds the
mailboxes, at any stage (Sisimai Lhost/IMailServer.pm reads them the same way).
Samples: corpus lhost-imailserver-*.eml.
"""

from __future__ import annotations

import dataclasses
import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.reasons import Reason
from bounced.report import Finding

_LINE = re.compile(
    r"^([A-Z][^:\n]{2,80}):\s*<?([^\s<>@]{1,128}@[^\s<>]{1,255}?)>?\s*$", re.M
)
_END = re.compile(r"^Original message follows\.", re.M)
# IMail's failure sentences (the start of the line) and what they mean.
_REASONS: tuple[tuple[str, Reason], ...] = (
    ("unknown user", Reason.USERUNKNOWN),
    ("invalid final delivery userid", Reason.USERUNKNOWN),
    ("unknown host", Reason.HOSTUNKNOWN),
    ("user mailbox exceeds allowed size", Reason.MAILBOXFULL),
    ("requested action not taken: virus detected", Reason.VIRUSDETECTED),
    ("delivery failed", Reason.EXPIRED),  # "Delivery failed 3 attempts"
)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "reason: address" line."""
    if msg.subject != "Undeliverable Mail" and "X-Mailer: <IMail" not in msg.text:
        return []
    text = notice.cut(msg.text, None, _END)
    findings = []
    for match in _LINE.finditer(text):
        said = match[1].lower()
        hint = next((why for words, why in _REASONS if said.startswith(words)), None)
        item = notice.finding(match[2], match[1])
        findings.append(dataclasses.replace(item, reason_hint=hint))
    return notice.unique(findings)
