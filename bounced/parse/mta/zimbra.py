"""Zimbra Collaboration bounces: Postfix underneath, with Zimbra's own markers.

Zimbra's MTA is Postfix, so its notices read like Postfix's (the "<address>:
text" paragraphs), under Zimbra's sender "MAILER-DAEMON@" and with
X-Mailer/Received lines naming Zimbra; non-English Zimbra installs localise
the preface only.
Built from Zimbra 8/9 notices; tests/parse/samples/mta/zimbra/.
"""

from __future__ import annotations

from bounced.parse.message import MessageView
from bounced.parse.mta import postfix
from bounced.report import Finding


def detect(msg: MessageView) -> list[Finding]:
    """Postfix's recipient paragraphs, when the notice carries Zimbra's marks."""
    sniff = " ".join(
        value for key, value in msg.headers if key in ("received", "x-mailer")
    )
    if "zimbra" not in sniff.lower():
        return []
    return postfix.read_text(msg.text)
