"""Sisimai's "X3": an unidentified MTA.

"Delevery [sic] to the following recipients failed permanently:", starred list.

Samples: corpus lhost-x3-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(r"Del[ei]very to the following recipients failed permanently:\s*\n")
_LINE = re.compile(r"^\s*\* ([^\s@]{1,128}@\S{1,255})", re.M)
_DETAILS = re.compile(r"Technical details:\s*\n(.*?)(?:\n=+|$)", re.S)


def detect(msg: MessageView) -> list[Finding]:
    """The starred recipients with the technical details."""
    if (
        "This is an automatically generated Delivery Status Notification"
        not in msg.text
    ):
        return []
    start = _START.search(msg.text)
    if start is None:
        return []
    details = _DETAILS.search(msg.text)
    text = details[1] if details else None
    return notice.unique(
        [notice.finding(m[1], text) for m in _LINE.finditer(msg.text[start.end() :])]
    )
