"""Bigfoot (bigfoot.com forwarding service) bounces: sendmail's text from its relays.

Samples: corpus lhost-bigfoot-*.eml.
"""

from __future__ import annotations

from bounced.parse.message import MessageView
from bounced.parse.mta import sendmail
from bounced.report import Finding


def detect(msg: MessageView) -> list[Finding]:
    """Sendmail's address list, when the notice comes from Bigfoot."""
    if "bigfoot.com" not in msg.from_.lower():
        return []
    return sendmail.detect(msg)
