"""Zoho Mail bounces: "address Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ...".

Exim's opening sentence, then one line per recipient with Zoho's ERROR_CODE
fields; temporary failures say "Delivery to the following recipients has
been delayed" (zoho-05).
Samples: corpus lhost-zoho-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"mailer-daemon@(?:[\w-]+\.)*zoho(?:mail)?\.\w+", re.I)
_LINE = re.compile(r"^([^\s@]{1,128}@\S{1,255}?)\s+(\S.*)$", re.M)
_CODES = re.compile(r"ERROR[_ ]CODE\s*:\s*", re.I)
_VALUES = re.compile(r"ERROR[_ ]CODE\s*:\s*([\d.]*)", re.I)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per recipient line."""
    if _FROM.search(msg.from_) is None:
        return []
    text = msg.notice
    findings = []
    for match in _LINE.finditer(text):
        # "ERROR_CODE :550, ERROR_CODE :5.2.1 <a@b>... text": the first field
        # is the reply, the second the status.
        values = _VALUES.findall(match[2])
        reply = int(values[0]) if values and values[0].isdigit() else None
        detail = _CODES.sub("", match[2])
        # "a@b, ERROR CODE :552 - ..." (older layout): the comma is not the address's.
        recipient = addresses.clean(match[1].rstrip(",;:"))
        if recipient is None:
            continue
        findings.append(notice.finding(recipient, detail, reply=reply))
    return notice.unique(findings)
