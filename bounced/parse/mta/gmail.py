"""Gmail's older plain-text "Delivery Status Notification" bounces.

Since 2015 Gmail sends RFC 3464 reports (dsn.py); the older text form says
"Delivery to the following recipient failed permanently:" (or "has been
delayed"), indents each recipient, and quotes the remote reply after "The
error that the other server returned was:".
Samples: corpus lhost-gmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_FROM = ("mailer-daemon@googlemail.com", "mailer-daemon@google.com")
_START = re.compile(
    r"Delivery to the following recipients? (?:failed|has been delayed|"
    r"was unsuccessful|failed permanently)[^\n]*:\s*\n",
    re.I,
)
_END = re.compile(r"^-{3,} ?(?:Original message|Message header follows)", re.M)
_DETAIL = re.compile(r"^(?:Technical details of|The error that the other server)", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from Gmail's text bounce."""
    if not any(sender in msg.from_.lower() for sender in _FROM):
        return []
    start = _START.search(msg.text)
    if start is None:
        return []
    text = notice.cut(msg.text[start.end() :], None, _END)
    detail = _DETAIL.search(text)
    listing, diagnostic = (
        (text[: detail.start()], text[detail.start() :]) if detail else (text, "")
    )
    delayed = "delayed" in start[0].lower()
    return notice.unique(
        [
            notice.finding(
                address, diagnostic, action=Action.DELAYED if delayed else None
            )
            for address in addresses.find_all(listing)
        ]
    )
