"""Barracuda Spam Firewall / Email Security Gateway rejections.

"Your message to: <address> was blocked by our Spam Firewall." Reports are
RFC 3464 (dsn.py) since firmware 3.x; this reads the text.
Samples: corpus lhost-barracuda-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_LINE = re.compile(
    r"^Your message to: ([^\s@]{1,128}@\S{1,255})\s*\n"
    r"(was blocked by our Spam Firewall[^\n]*)",
    re.M,
)


def detect(msg: MessageView) -> list[Finding]:
    """The blocked recipient and the firewall's sentence."""
    return notice.unique([notice.finding(m[1], m[2]) for m in _LINE.finditer(msg.text)])
