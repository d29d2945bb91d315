"""Google Groups rejections ("Delivery Status Notification (Failure)" from Groups).

The text is in the sender's language (Arabic in the corpus) and names no
address in a fixed place; the group's address is the To of the returned
message, and Google marks the notice with X-Failed-Recipients.
Samples: corpus lhost-googlegroups-*.eml.
"""

from __future__ import annotations

import dataclasses

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.reasons import Reason
from bounced.report import Finding

_GROUPS = "googlegroups.com"


def detect(msg: MessageView) -> list[Finding]:
    """The group address from X-Failed-Recipients, else the returned To."""
    if "mailer-daemon@google" not in msg.from_.lower():
        return []
    failed = msg.header("x-failed-recipients") or ""
    found = [a for a in addresses.find_all(failed) if _GROUPS in a.lower()]
    if not found:
        to = msg.returned_header("to") or ""
        found = [a for a in addresses.find_all(to) if _GROUPS in a.lower()]
    # Groups refuses the post (no such group, or no permission to post): the
    # format itself says so, whatever language the text is in (Sisimai's
    # lhost-googlegroups sets "rejected" the same way).
    return [
        dataclasses.replace(
            notice.finding(address, msg.notice[:600]), reason_hint=Reason.REJECTED
        )
        for address in found
    ]
