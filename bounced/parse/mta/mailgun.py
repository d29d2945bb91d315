"""Bounces relayed by API mail services: Mailgun, Mandrill, SparkPost, Postmark.

These relays send their own "could not be delivered" notices, in text, with
a "Recipient:" / "Error:" pair or an "address: reply" line, and mark the
notice or the returned message with their X- headers.
Built from relay notices; tests/parse/samples/mta/mailgun/.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_MARKS = (
    "x-mailgun-sid",
    "x-mandrill-user",
    "x-msys-api",
    "x-pm-message-id",
    "x-mj-mid",
)
_RECIPIENT = re.compile(
    r"^\s*(?:Recipient|Address|To):\s*<?([^\s<>@]{1,128}@[^\s<>]{1,255}?)>?\s*$",
    re.M | re.I,
)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "Recipient:" block of a relay's notice."""
    names = {key for key, _ in msg.headers} | {key for key, _ in msg.returned_headers}
    if not any(mark in names for mark in _MARKS):
        return []
    return notice.unique(
        [
            notice.finding(m[1], body)
            for m, body in notice.blocks(msg.notice, _RECIPIENT)
        ]
    )
