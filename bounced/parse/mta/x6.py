"""Sisimai's "X6": an unidentified relay.

"We had trouble delivering your message. Full details follow:"

Samples: corpus lhost-x6-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = "We had trouble delivering your message"
_LINE = re.compile(r"rejected recipient <([^>@]{1,128}@[^>]{1,255})>([^\n]*)")


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "rejected recipient <address>" sentence."""
    if _GATE not in msg.text[:500]:
        return []
    return notice.unique(
        [notice.finding(m[1], m[2]) for m in _LINE.finditer(msg.notice)]
    )
