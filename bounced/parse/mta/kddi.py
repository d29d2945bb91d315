"""KDDI au one net (dion.ne.jp) bounces: "Could not be delivered to: <address>".

The Japanese part is often mislabelled iso-2022-jp; the English lines carry
everything needed.
Samples: corpus lhost-kddi-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_RECIPIENT = re.compile(
    r"Could not be delivered to: <([^>@]{1,128}@[^>]{1,255})>\s*([^\n]*)"
)


def detect(msg: MessageView) -> list[Finding]:
    """The recipient and the reason line after it."""
    if "dion.ne.jp" not in msg.from_.lower() and "au one net" not in msg.text[:2000]:
        return []
    return notice.unique(
        [notice.finding(m[1], m[2]) for m in _RECIPIENT.finditer(msg.notice)]
    )
