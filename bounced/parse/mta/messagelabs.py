"""Symantec.cloud / Broadcom MessageLabs "Mail Delivery Failure" notices.

Reports are RFC 3464 (dsn.py, rhost-messagelabs-02.eml); the text form is
"This is an automatically generated message from MessageLabs. ... Delivery
to the following recipients failed:" with indented addresses and a
"Reason:" line.
Built from MessageLabs notices; tests/parse/samples/mta/messagelabs/.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"@(?:[\w-]+\.)*messagelabs\.com", re.I)
_START = re.compile(
    r"(?:Delivery to the following recipients? failed|"
    r"could not be delivered to)[^\n]*\n",
    re.I,
)
_END = re.compile(r"^(?:Reason|Details|-{3,})", re.M | re.I)
_REASON = re.compile(r"^(?:Reason|Details):\s*([^\n]+)", re.M | re.I)


def detect(msg: MessageView) -> list[Finding]:
    """Every listed address with the "Reason:" line."""
    if _FROM.search(msg.from_) is None:
        return []
    reason = _REASON.search(msg.text)
    findings = notice.listed(msg.notice, _START, _END)
    return [
        notice.finding(f.recipient, reason[1] if reason else f.diagnostic)
        for f in findings
    ]
