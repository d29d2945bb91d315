"""Ipswitch IMail Server bounces ("Undeliverable Mail").

One line per failure, "<reason>: <address>" ("Unknown user: a@b",
"Invalid final delivery userid: a@b"), then "Original message follows.".
Samples: corpus lhost-imailserver-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_LINE = re.compile(
    r"^([A-Z][^:\n]{2,80}):\s*<?([^\s<>@]{1,128}@[^\s<>]{1,255}?)>?\s*$", re.M
)
_END = re.compile(r"^Original message follows\.", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "reason: address" line."""
    if msg.subject != "Undeliverable Mail" and "X-Mailer: <IMail" not in msg.text:
        return []
    text = notice.cut(msg.text, None, _END)
    return notice.unique([notice.finding(m[2], m[1]) for m in _LINE.finditer(text)])
