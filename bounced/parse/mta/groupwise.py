"""Novell (Micro Focus) GroupWise "Message status - undeliverable" notices.

GroupWise's GWIA writes "The message that you sent was not delivered" or
"Message status - undeliverable", then per recipient "User: address" lines
with "Status: Undeliverable" / "Reason:" below; some versions write
"<address> ... delivery failed" in a "The following recipients" list.
Built from GWIA 7/8 notices; tests/parse/samples/mta/groupwise/.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = notice.Headings(r"message status - undeliverable", r"groupwise", r"gwia")
_USER = re.compile(
    r"^\s*(?:User|Recipient|To):\s*<?([^\s<>@]{1,128}@[^\s<>]{1,255}?)>?\s*$", re.M
)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "User:" block."""
    sniff = msg.subject + " " + (msg.header("x-mailer") or "") + " " + msg.text[:600]
    if _GATE.span(sniff) is None:
        return []
    return notice.unique(
        [notice.finding(m[1], body) for m, body in notice.blocks(msg.notice, _USER)]
    )
