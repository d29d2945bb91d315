"""Sisimai's "X2": an unidentified qmail-like MTA.

"Unable to deliver message to the following address(es)." then qmail paragraphs.

Samples: corpus lhost-x2-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

_START = re.compile(r"Unable to deliver message to the following address\(es\)\.")
_RECIPIENT = re.compile(r"^<([^>\s@]{1,128}@[^>\s]{1,255})>:[ \t]*$", re.M)
_END = re.compile(r"^--- Original message follows", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `<address>:` paragraph."""
    start = _START.search(msg.text)
    if start is None:
        return []
    text = notice.cut(msg.text[start.end() :], None, _END)
    findings = []
    for match, body in notice.blocks(text, _RECIPIENT):
        # "I'm not going to try again": final even without a code (x2-03).
        final = "not going to try again" in body
        findings.append(
            notice.finding(match[1], body, action=Action.FAILED if final else None)
        )
    return notice.unique(findings)
