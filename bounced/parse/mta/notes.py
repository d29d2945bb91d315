"""Lotus Notes / IBM Domino text bounces ("------- Failure Reasons --------").

Domino 8+ sends RFC 3464 reports (dsn.py, mta/domino.py); older Notes SMTP
MTAs list the reason, then the address, under "Failure Reasons".
Samples: corpus lhost-notes-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(r"^-+ Failure Reasons\s*-+\s*$", re.M)
_END = re.compile(r"^-+ Returned Message\s*-+", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Every address under "Failure Reasons", with the section as diagnostic."""
    if _START.search(msg.text) is None:
        return []
    return notice.listed(msg.text, _START, _END)
