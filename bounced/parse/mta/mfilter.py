"""m-FILTER (Digital Arts) bounces, Japanese text with "-------server message".

Samples: corpus lhost-mfilter-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = "m-FILTER"
_START = re.compile(r"以下のメールアドレスへの送信に失敗しました。\s*\n")
_END = re.compile(r"^-{5,}server message", re.M)
_SERVER = re.compile(r"^-{5,}server message\s*\n(.*?)(?:\n\s*\n|$)", re.M | re.S)


def detect(msg: MessageView) -> list[Finding]:
    """Every listed address, with the server's message as diagnostic."""
    if _GATE not in msg.text[:400]:
        return []
    server = _SERVER.search(msg.notice)
    reply = server[1] if server else None
    return [
        notice.finding(f.recipient, reply)
        for f in notice.listed(msg.notice, _START, _END)
    ]
