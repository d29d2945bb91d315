"""Amazon SES inbound (receiving) bounces, sent when a receipt rule bounces mail.

They are RFC 3464 (dsn.py) with "The following recipients were not
delivered" style text from `postmaster@` of the receiving domain, marked by
X-SES-Outgoing / amazonses.com Received lines; this reads the text list.
Samples: corpus lhost-receivingses-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(
    r"(?:An error occurred while trying to deliver the mail to the following "
    r"recipients|"
    r"The following recipients? (?:was|were) not delivered)[^\n]*\n"
)
_END = re.compile(r"\n\s*\n")


def detect(msg: MessageView) -> list[Finding]:
    """Every address in the list, when SES received and bounced the mail."""
    received = " ".join(value for key, value in msg.headers if key == "received")
    if "amazonses.com" not in received and msg.header("x-ses-outgoing") is None:
        return []
    return notice.listed(msg.text, _START, _END)
