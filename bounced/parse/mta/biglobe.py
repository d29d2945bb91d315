"""BIGLOBE (biglobe.ne.jp) bounces: "The following addresses had delivery problems".

Samples: corpus lhost-biglobe-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(r"-+ The following addresses had delivery problems -+\s*\n")
_END = re.compile(r"^\s*-+ Non-delivered information -+", re.M)
_INFO = re.compile(r"-+ Non-delivered information -+\s*\n(.*)", re.S)


def detect(msg: MessageView) -> list[Finding]:
    """Every listed address, with the "Non-delivered information" as diagnostic."""
    if "biglobe.ne.jp" not in msg.from_.lower():
        return []
    info = _INFO.search(msg.notice)
    reason = info[1][:500] if info else None
    findings = notice.listed(msg.notice, _START, _END)
    return [notice.finding(f.recipient, reason) for f in findings]
