"""Mail.Ru bounces (Exim-derived, Russian text first).

The Russian heading ("... не может быть доставлено одному или нескольким
получателям:", i.e. "could not be delivered to one or more recipients")
then Exim's two-space indented recipient lines.
Samples: corpus lhost-mailru-*.eml; tests/parse/samples/ru/.
"""

from __future__ import annotations

import re

from bounced.parse.message import MessageView
from bounced.parse.mta import exim
from bounced.report import Finding

_FROM = re.compile(
    r"mailer-daemon@(?:[\w.-]+\.)?(?:mail\.ru|bk\.ru|list\.ru|inbox\.ru)", re.I
)
_SECTION = re.compile(
    r"не может быть доставлено одному или нескольким получателям:|"
    r"could not be delivered to one or more recipients:"
)


def detect(msg: MessageView) -> list[Finding]:
    """Recipients below the Russian (or English) heading, read as Exim's."""
    if _FROM.search(msg.from_) is None:
        return []
    match = _SECTION.search(msg.text)
    if match is None:
        return []
    return exim.read_text(
        "The following address(es) failed:\n" + msg.text[match.end() :].lstrip("\n")
    )
