"""Amazon WorkMail bounces: SES's text with the report flattened into it.

WorkMail (X-Mailer: Amazon WorkMail) sends multipart/mixed with "Technical
report:" followed by delivery-status fields in the text, which message.py
reads as a status part; this module covers the address list above it when
those fields are missing.
Samples: corpus lhost-amazonworkmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(
    r"An error occurred while trying to deliver the mail to the following "
    r"recipients:\s*\n"
)
_END = re.compile(r"^Technical report:", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Every address above "Technical report:"."""
    if "amazon workmail" not in (msg.header("x-mailer") or "").lower():
        return []
    return notice.listed(msg.text, _START, _END)
