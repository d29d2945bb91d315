"""PowerMTA (Port25 / Bird) "Delivery report" notices.

Reports are RFC 3464 (dsn.py); the text lists "<address>  delivery failed;
will not continue trying" lines.
Samples: corpus lhost-powermta-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_GATE = "I am sending you this message to inform you on the delivery status"
_LINE = re.compile(
    r"^\s*<([^>@]{1,128}@[^>]{1,255})>\s+(delivery (?:failed|delayed)[^\n]*)$", re.M
)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per listed recipient."""
    if _GATE not in msg.text[:800]:
        return []
    return notice.unique(
        [
            notice.finding(
                m[1],
                m[2],
                action=Action.DELAYED if "delayed" in m[2] else Action.FAILED,
            )
            for m in _LINE.finditer(msg.text)
        ]
    )
