"""MailFoundry (appliance) bounces: "Unable to deliver message to: <address>".

Samples: corpus lhost-mailfoundry-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_RECIPIENT = re.compile(
    r"^Unable to deliver message to: <([^>@]{1,128}@[^>]{1,255})>", re.M
)
_REASON = re.compile(
    r"^Delivery failed for the following reason:\s*\n(.*)", re.M | re.S
)


def detect(msg: MessageView) -> list[Finding]:
    """The recipient and the "following reason" paragraph."""
    if msg.subject != "Message delivery has failed":
        return []
    reason = _REASON.search(msg.notice)
    text = reason[1][:800] if reason else msg.notice
    return notice.unique(
        [notice.finding(m[1], text) for m in _RECIPIENT.finditer(msg.notice)]
    )
