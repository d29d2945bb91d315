"""Trend Micro InterScan Messaging Security Suite (IMSS) bounces.

"Sent <<< RCPT TO:<address>" and "Received >>> 550 ..." lines, framed by
"*** End of message ***"; the subject is localised (Japanese in the corpus).
Samples: corpus lhost-trendmicro-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"InterScan MSS|InterScan Messaging Security", re.I)
_EXCHANGE = re.compile(
    r"^Sent <<< RCPT TO:\s*<([^>@]{1,128}@[^>]{1,255})>\s*\n(Received >>> .*)$", re.M
)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per RCPT TO exchange."""
    if _FROM.search(msg.from_) is None:
        return []
    return notice.unique(
        [notice.finding(m[1], m[2]) for m in _EXCHANGE.finditer(msg.text)]
    )
