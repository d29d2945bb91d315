"""Sisimai's "X4": qmail-derived ISP relays.

"Your mail message to the following address(es) could not be delivered."

Samples: corpus lhost-x4-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(
    r"Your mail message to the following address\(es\) could not be delivered"
)
_RECIPIENT = re.compile(r"^<([^>\s@]{1,128}@[^>\s]{1,255})>:[ \t]*$", re.M)
_END = re.compile(r"^--- Below this line is a copy of the message", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `<address>:` paragraph."""
    if _START.search(msg.text[:1000]) is None:
        return []
    text = notice.cut(msg.text, None, _END)
    return notice.unique(
        [notice.finding(m[1], body) for m, body in notice.blocks(text, _RECIPIENT)]
    )
