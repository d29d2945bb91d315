"""McAfee Email Gateway (formerly Secure Computing IronMail) "Delivery Status".

"--- The following addresses had delivery problems ---" then
"<address>   (reason)" lines.
Samples: corpus lhost-mcafee-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(
    r"^\s*--- The following addresses had delivery problems ---\s*$", re.M
)
_LINE = re.compile(r"^<([^>@]{1,128}@[^>]{1,255})>\s+\(([^)]*)\)", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "<address> (reason)" line."""
    start = _START.search(msg.text)
    if start is None:
        return []
    return notice.unique(
        [notice.finding(m[1], m[2]) for m in _LINE.finditer(msg.text[start.end() :])]
    )
