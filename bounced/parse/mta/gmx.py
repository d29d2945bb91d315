"""GMX and web.de bounces (Exim-derived text with a quoted recipient).

GMX rewrites Exim's text: the recipient is `"address":` at the start of a
line, and the original headers follow "--- The header of the original message
is following. ---".
Samples: corpus lhost-gmx-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"mailer-daemon@(?:mail\.)?(?:gmx\.\w+|web\.de)", re.I)
_RECIPIENT = re.compile(r"^\"([^\"\s@]{1,128}@[^\"\s]{1,255})\":[ \t]*$", re.M)
_END = re.compile(r"^--- The header of the original message", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per quoted recipient paragraph."""
    if _FROM.search(msg.from_) is None:
        return []
    text = notice.cut(msg.text, None, _END)
    return notice.unique(
        [notice.finding(m[1], body) for m, body in notice.blocks(text, _RECIPIENT)]
    )
