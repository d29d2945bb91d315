"""au by KDDI (ezweb.ne.jp, au.com) mobile mail bounces.

Japanese text first, then "Each of the following recipients was rejected by
a remote mail server." with "Recipient: <address>" and the SMTP exchange.
Samples: corpus lhost-ezweb-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"@(?:\w+\.)?(?:ezweb\.ne\.jp|au\.com)\b", re.I)
_RECIPIENT = re.compile(r"^\s*Recipient: <([^>@]{1,128}@[^>]{1,255})>", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "Recipient:" block."""
    if _FROM.search(msg.from_) is None:
        return []
    return notice.unique(
        [
            notice.finding(m[1], body)
            for m, body in notice.blocks(msg.notice, _RECIPIENT)
        ]
    )
