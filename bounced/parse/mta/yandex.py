"""Yandex.Mail bounces: a Russian preface, then Postfix's text.

Samples: corpus lhost-yandex-*.eml; tests/parse/samples/ru/.
"""

from __future__ import annotations

import re

from bounced.parse.message import MessageView
from bounced.parse.mta import postfix
from bounced.report import Finding

_FROM = re.compile(r"mailer-daemon@(?:[\w-]+\.)*yandex\.(?:ru|com|net|by|kz|ua)", re.I)


def detect(msg: MessageView) -> list[Finding]:
    """Postfix's recipient paragraphs below Yandex's preface."""
    if _FROM.search(msg.from_) is None:
        return []
    return postfix.read_text(msg.text)
