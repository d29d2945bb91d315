"""Sisimai's "X1": an unidentified Japanese MTA.

"---The following addresses had delivery errors---", then "address [reason]".

Subject "Returned Mail: ...", one "address [reason]" line per recipient.
Samples: corpus lhost-x1-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(r"^-{3}The following addresses had delivery errors-{3}\s*$", re.M)
_LINE = re.compile(r"^([^\s@]{1,128}@\S{1,255})\s+\[([^\]]*)\]", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per "address [reason]" line."""
    start = _START.search(msg.text)
    if start is None:
        return []
    return notice.unique(
        [notice.finding(m[1], m[2]) for m in _LINE.finditer(msg.text[start.end() :])]
    )
