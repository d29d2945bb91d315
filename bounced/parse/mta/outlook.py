"""Outlook.com / Hotmail bounces ("Delivery Status Notification (Failure)").

Reports are RFC 3464 (dsn.py); the text is "Delivery to the following
recipients failed." with the addresses indented below.
Samples: corpus lhost-outlook-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"postmaster@(?:[\w-]+\.)*(?:hotmail|outlook|live|msn)\.", re.I)
_START = re.compile(r"Delivery to the following recipients failed\.\s*\n")
_END = re.compile(r"\n\s*\n\s*\n")


def detect(msg: MessageView) -> list[Finding]:
    """Every address listed under the failure sentence."""
    if _FROM.search(msg.from_) is None:
        return []
    return notice.listed(msg.text, _START, _END)
