"""Yahoo! Mail "Failure Notice" bounces (qmail-derived text).

"Sorry, we were unable to deliver your message to the following address."
then `<address>:` and "Remote host said: ..." lines, then "--- Below this
line is a copy of the message.". Yahoo Japan sends the same text.
Samples: corpus lhost-yahoo-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = re.compile(
    r"Sorry, we were unable to deliver your message to the following address"
)
_RECIPIENT = re.compile(r"^<([^>\s@]{1,128}@[^>\s]{1,255})>:?[ \t]*$", re.M)
_END = re.compile(r"^--- Below this line is a copy of the message", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per `<recipient>:` paragraph."""
    if _START.search(msg.text[:1500]) is None:
        return []
    text = notice.cut(msg.text, None, _END)
    return notice.unique(
        [
            notice.finding(match[1], body)
            for match, body in notice.blocks(text, _RECIPIENT)
        ]
    )
