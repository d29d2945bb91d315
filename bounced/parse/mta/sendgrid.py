"""SendGrid bounces ("This is an automatically generated message from SendGrid.").

SendGrid sends RFC 3464 reports (dsn.py); the text carries one line per
recipient: "local:id:<address> : ip : mx:[ip] : 550 5.1.1 ... in RCPT TO".
Samples: corpus lhost-sendgrid-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = "This is an automatically generated message from SendGrid"
_LINE = re.compile(r"^[^\s<]*<([^>@]{1,128}@[^>]{1,255})> : ([^\n]*)$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per recipient line."""
    if _GATE not in msg.text[:600]:
        return []
    return notice.unique([notice.finding(m[1], m[2]) for m in _LINE.finditer(msg.text)])
