"""Cisco IronPort / Secure Email Gateway (AsyncOS) bounces.

AsyncOS's default bounce text: "This Message was undeliverable due to the
following reason:" then a paragraph and, per recipient, "<address>" lines,
often with "Each of the following recipients was rejected by a remote mail
server." and "Recipient: <address>" / ">>> RCPT TO" / "<<< 550 ..." blocks.
Built from AsyncOS notices; tests/parse/samples/mta/ironport/.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = re.compile(
    r"This Message was undeliverable due to the following reason|"
    r"Each of the following recipients was rejected by a remote",
)
_RECIPIENT = re.compile(
    r"^\s*(?:Recipient:\s*)?<([^>\s@]{1,128}@[^>\s]{1,255})>\s*$", re.M
)
_REASON = re.compile(r"following reason:\s*\n\s*\n?(.*?)\n\s*\n", re.S)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per recipient block; the reason paragraph if a block has no codes."""
    if _GATE.search(msg.text[:2000]) is None:
        return []
    reason = _REASON.search(msg.text)
    findings = []
    for match, body in notice.blocks(msg.notice, _RECIPIENT):
        text = body if body.strip() else (reason[1] if reason else "")
        findings.append(notice.finding(match[1], text))
    return notice.unique(findings)
