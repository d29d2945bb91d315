"""DragonFly Mail Agent (dma) bounces, the small MTA of DragonFly BSD and Debian.

dma's mail.c: "This is the DragonFly Mail Agent vX at host." then "There was
an error delivering your mail to <address>." and the remote server's answer
after "... did not like our ...:" lines.
Samples: corpus lhost-dragonfly-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_GATE = "This is the DragonFly Mail Agent"
_RECIPIENT = re.compile(
    r"There was an error delivering your mail to <([^>@]{1,128}@[^>]{1,255})>"
)
_END = re.compile(r"^Message headers follow|^Original message follows", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """The one recipient of a dma bounce and the remote answer."""
    if _GATE not in msg.text[:500]:
        return []
    match = _RECIPIENT.search(msg.text)
    if match is None:
        return []
    diagnostic = notice.cut(msg.text[match.end() :], None, _END)
    return [notice.finding(match[1], diagnostic)]
