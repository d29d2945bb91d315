"""Courier MTA bounces ("NOTICE: mail delivery status.").

Courier sends an RFC 3464 report (dsn.py); this module reads its text when
the report is missing: "Your message to the following recipients cannot be
delivered:" then `<address>:` paragraphs with the ">>> RCPT TO" / "<<< 550"
exchange.
Samples: corpus lhost-courier-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_BANNER = "running the Courier mail server"
_NOTICE = re.compile(r"^NOTICE: mail delivery status", re.M)
_START = re.compile(
    r"(?:cannot be delivered|has not been delivered|could not be delivered)[^\n]*:\s*\n"
)
_RECIPIENT = re.compile(r"^<([^>\s@]{1,128}@[^>\s]{1,255})>:[ \t]*$", re.M)
_END = re.compile(r"^-{10,}\s*$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `<recipient>:` paragraph of a Courier notice."""
    if not any(
        _BANNER in sniff or _NOTICE.search(sniff)
        for sniff in (msg.subject, msg.text[:800])
    ):
        return []
    start = _START.search(msg.text)
    if start is None:
        return []
    delayed = "has not been delivered" in start[0]
    text = notice.cut(msg.text[start.end() :], None, _END)
    return notice.unique(
        [
            notice.finding(m[1], body, action=Action.DELAYED if delayed else None)
            for m, body in notice.blocks(text, _RECIPIENT)
        ]
    )
