"""SurfControl (Websense) Email Filter: "Your message could not be sent.".

"Addressed To: <address>" then "address: [ip], 554 ..." transcript lines.
Samples: corpus lhost-surfcontrol-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = "A transcript of the attempts to send the message follows"
_TO = re.compile(r"^Addressed To: ([^\s@]{1,128}@\S{1,255})", re.M)
_ERROR = re.compile(r"^([^\s@]{1,128}@\S{1,255}): \[[^\]]*\], ([245]\d\d[^\n]*)", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """The addressee and the last transcript error about it."""
    if _GATE not in msg.text[:800]:
        return []
    errors = {m[1].lower(): m[2] for m in _ERROR.finditer(msg.text)}
    return notice.unique(
        [notice.finding(m[1], errors.get(m[1].lower())) for m in _TO.finditer(msg.text)]
    )
