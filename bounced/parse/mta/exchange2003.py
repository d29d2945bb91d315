"""Microsoft Exchange 5.5/2000/2003 text NDRs ("Your message did not reach ...").

Exchange before 2007 writes no delivery-status part: "did not reach the
following recipient(s):" (or "The following recipient(s) could not be
reached:"), then one "address on <date>" line per recipient with the reason
and an MSEXCH:IMS code indented below. Localised Exchange 2003 servers keep
the layout; the markers below cover English, German and French texts.
Samples: corpus lhost-exchange2003-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = notice.Headings(
    r"did not reach the following recipient\(s\)[^\n]*:\s*\n",
    r"following recipient\(s\) could not be reached[^\n]*:\s*\n",
    r"hat folgende empfänger nicht erreicht[^\n]*:\s*\n",
    r"n'a pas pu être remis aux destinataires suivants[^\n]*:\s*\n",
)
# Bounded and without nested open-ended runs: linear on any line.
_RECIPIENT = re.compile(
    r"^[ \t]*(?:\"[^\n\"]{0,200}\"\s+)?<?([^\s<>\"@]{1,128}@[^\s<>\"]{1,255}?)>?"
    r"[ \t]+(?:on|am|le)[ \t]+\S",
    re.M,
)
_MSEXCH = re.compile(r"MSEXCH:", re.I)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per recipient line of an Exchange 2003 NDR."""
    start = _START.span(msg.text, 6000)  # the heading opens the notice
    if start is None:
        return []
    text = msg.text[start[1] :]
    findings = []
    for match, body in notice.blocks(text, _RECIPIENT):
        if not body.strip() and not _MSEXCH.search(text):
            continue
        findings.append(notice.finding(match[1], body))
    return notice.unique(findings)
