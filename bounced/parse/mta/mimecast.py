"""Mimecast "[Postmaster] Email Delivery Failure" notices.

"An email that you attempted to send to the following address could not be
delivered:" (or "... you addressed to email address :") with "-- address",
"-- reason" and "-- <code> detail" lines. Mimecast sends one notice per
recipient. Some notices redact the address; the finding then has none.
Samples: corpus lhost-mimecast-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_SUBJECT = "[Postmaster] Email Delivery Failure"
_ADDRESS = re.compile(
    r"(?:following address could not be delivered|addressed to email address)"
    r"\s*:?\s*\n-- (\S+)"
)
_INFO = re.compile(r"Additional information follows\s*:\s*\n-- ([^\n]*)")
_PROBLEM = re.compile(r"The problem appears to be\s*:\s*\n-- ([^\n]*)")


def detect(msg: MessageView) -> list[Finding]:
    """The one recipient of a Mimecast notice and its detail line."""
    if not msg.subject.startswith(_SUBJECT):
        return []
    address = _ADDRESS.search(msg.text)
    info = _INFO.search(msg.text)
    problem = _PROBLEM.search(msg.text)
    diagnostic = " ".join(m[1] for m in (info, problem) if m)
    recipient = address[1] if address and "@" in address[1] else ""
    return [notice.finding(recipient, diagnostic)] if diagnostic or recipient else []
