"""McAfee MX Logic (Intel Security email protection) bounces, Exim-derived text.

The text is Exim's with "The following address failed:" and `<address>: reply`
on one line, and the headers after "Included is a copy of the message header:".
Samples: corpus lhost-mxlogic-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse.message import MessageView
from bounced.parse.mta import exim
from bounced.report import Finding

_RECEIVED = re.compile(r"\(mxl_mta-[\d.-]+\)")


def detect(msg: MessageView) -> list[Finding]:
    """MX Logic's Exim-style recipients, when its relay stamp is present."""
    if "mxlogic" not in msg.from_.lower() and not _RECEIVED.search(
        " ".join(v for k, v in msg.returned_headers if k == "received")
        + " ".join(v for k, v in msg.headers if k == "received")
    ):
        return []
    return exim.read_text(msg.text)
