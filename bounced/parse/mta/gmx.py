"""GMX and web.de bounces (Exim-derived text with a quoted recipient).

GMX rewrites Exim's text: the recipient is `"address":` (or `<address>`) alone
on a line, its diagnostic follows (a "Reason:" paragraph in delay expiries,
lhost-gmx-04.eml), and the original headers follow "--- The header of the
original message is following. ---".
Samples: corpus lhost-gmx-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_FROM = re.compile(r"mailer-daemon@(?:mail\.)?(?:gmx\.\w+|web\.de)", re.I)
_RECIPIENT = re.compile(
    r"^(?:\"([^\"\s@]{1,128}@[^\"\s]{1,255})\":|<([^<>\s@]{1,128}@[^<>\s]{1,255})>)"
    r"[ \t]*$",
    re.M,
)
_END = re.compile(r"^--- The header of the original message", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per quoted recipient paragraph."""
    if _FROM.search(msg.from_) is None:
        return []
    text = notice.cut(msg.text, None, _END)
    matches = list(_RECIPIENT.finditer(text))
    findings = []
    for index, match in enumerate(matches):
        # To the next recipient: a "Reason:" paragraph belongs to the one above.
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        findings.append(notice.finding(match[1] or match[2], text[match.end() : stop]))
    return notice.unique(findings)
