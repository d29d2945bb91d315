"""qmail and netqmail "failure notice" bounces (qmail-send's bouncing text).

Also the qmail derivatives that keep its text: vpopmail, Plesk's qmail, and
s/qmail. Each recipient is a `<address>:` line; the paragraph below it is the
diagnostic, often with "Remote host said: 550 5.1.1 ...". qmail's own codes
are written as "(#5.1.1)".
Samples: corpus lhost-qmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Action, Finding

# qmail-send.c: "Hi. This is the qmail-send program at ..." and the bounce
# subject "failure notice"; netqmail keeps both.
# Separate patterns, each led by a literal the regex engine skips ahead to.
_START = (
    re.compile(r"^Hi\. This is the qmail[-\w]* program at ", re.M),
    re.compile(r"I'm afraid I wasn't able to deliver your message"),
    re.compile(r"^This is the qmail-send program", re.M),
    re.compile(r"I'm not going to try again"),
)
_RECIPIENT = re.compile(r"^<([^>\s@]{1,128}@[^>\s]{1,255})>:?[ \t]*$", re.M)
# qmail-send.c: the copy of the message follows this line.
_END = re.compile(r"^--- (?:Below this line is|Enclosed is) a (?:copy|the)", re.M)
_PERMANENT = "This is a permanent error"


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `<recipient>:` paragraph of a qmail bounce."""
    head = msg.text[:2000]
    if not any(start.search(head) for start in _START):
        return []
    text = notice.cut(msg.text, None, _END)
    permanent = _PERMANENT in text
    findings = []
    for match, body in notice.blocks(text, _RECIPIENT):
        item = notice.finding(match[1], body)
        if permanent and item.action is Action.DELAYED:
            # "I've given up": a 4.x.x status on a final failure (qmail-05.eml).
            item = notice.finding(match[1], body, action=Action.FAILED)
        findings.append(item)
    return notice.unique(findings)
