"""fml mailing-list manager rejections ("You ... are not member (list ML)").

fml answers a post from a non-member with the list's own address as the
failed destination ("You are not a member of this mailing list <list@...>").
Samples: corpus lhost-fml-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_SUBJECT = re.compile(r"are not member|not a member|Subscribe request result", re.I)
_LIST = re.compile(
    r"not a member of this mailing list <([^>@]{1,128}@[^>]{1,255})>", re.I
)


def detect(msg: MessageView) -> list[Finding]:
    """The list address that refused the post."""
    if _SUBJECT.search(msg.subject) is None and "x-mlserver" not in dict(msg.headers):
        return []
    match = _LIST.search(msg.text)
    if match is None:
        return []
    return [notice.finding(match[1], match[0])]
