"""Oracle (Sun, iPlanet) Messaging Server and PMDF: "Delivery Notification: ...".

Reports are RFC 3464 (dsn.py); the text lists "Recipient address:" and
"Reason:" pairs under "Your message cannot be delivered to the following
recipients:" (or "... has been delayed").
Samples: corpus lhost-messagingserver-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_SUBJECT = "Delivery Notification: "
_RECIPIENT = re.compile(r"^\s*Recipient address:\s*([^\s@]{1,128}@\S{1,255})", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "Recipient address:" block."""
    if not msg.subject.startswith(_SUBJECT):
        return []
    delayed = "delayed" in msg.subject.lower()
    return notice.unique(
        [
            notice.finding(m[1], body, action=Action.DELAYED if delayed else None)
            for m, body in notice.blocks(msg.text, _RECIPIENT)
        ]
    )
