"""amavisd-new content-filter notices ("Considered UNSOLICITED BULK EMAIL").

amavisd's templates list recipients as "-> address" lines.
Samples: corpus lhost-amavis-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"Content-filter at|amavis", re.I)
_LINE = re.compile(r"^-> ([^\s@]{1,128}@\S{1,255})", re.M)
_REASON = re.compile(r"^(?:was considered|was blocked|contains|appears to)[^\n]*", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """The "-> address" recipients with amavisd's verdict sentence."""
    if _FROM.search(msg.from_) is None:
        return []
    reason = _REASON.search(msg.text)
    return notice.unique(
        [
            notice.finding(m[1], reason[0] if reason else None)
            for m in _LINE.finditer(msg.text)
        ]
    )
