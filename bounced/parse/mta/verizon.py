"""Verizon Wireless (vtext.com, vzwpix.com) SMS-gateway bounces.

"Error: Invalid user address" and "Error message below: 550 - ..." in a
reply-like message; the address is the returned message's To.
Samples: corpus lhost-verizon-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"@(?:vtext\.com|vzwpix\.com|vzw\.com)", re.I)
_ERROR = re.compile(r"Error message below:\s*\n([^\n]+)", re.I)
_TO = re.compile(r"^\s*(?:RCPT )?TO:\s*<?([^\s@]{1,128}@[^\s>]{1,255})", re.M | re.I)


def detect(msg: MessageView) -> list[Finding]:
    """The SMS address the gateway refused."""
    if _FROM.search(msg.from_) is None:
        return []
    error = _ERROR.search(msg.text)
    if error is None:
        return []
    to = _TO.search(msg.text)
    recipient = (
        addresses.clean(to[1]) if to else addresses.clean(msg.returned_header("to"))
    )
    if recipient is None:
        return []
    return [notice.finding(recipient, error[1])]
