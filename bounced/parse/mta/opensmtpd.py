"""OpenSMTPD "Delivery status notification" bounces.

OpenSMTPD (bounce.c) writes "Hi! This is the MAILER-DAEMON, please DO NOT
REPLY to this e-mail." and lists "address: reply" lines under "An error has
occurred while attempting to deliver a message for the following list of
recipients:". Newer versions add a delivery-status part (dsn.py), which
lacks the reply; dsn.py fills it from these lines.
Samples: corpus lhost-opensmtpd-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_GATE = "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail"
_START = re.compile(
    r"following (?:list of )?recipients?:?\s*\n|"
    r"Delivery to the following recipients? (?:was|has been) "
    r"(?:postponed|delayed)[^\n]*\n",
    re.I,
)
_LINE = re.compile(r"^[ \t]*<?([^\s<>:@]{1,128}@[^\s<>:]{1,255}?)>?:[ \t]*", re.M)
_END = re.compile(r"^\s*Below is a copy of the original message", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `address: reply` line."""
    if _GATE not in msg.text[:1000]:
        return []
    start = _START.search(msg.text)
    if start is None:
        return []
    delayed = "postponed" in start[0] or "delayed" in start[0]
    text = notice.cut(msg.text[start.end() :], None, _END)
    return notice.unique(
        [
            notice.finding(m[1], body, action=Action.DELAYED if delayed else None)
            for m, body in notice.blocks(text, _LINE)
        ]
    )
