"""Postfix non-delivery notices ("Undelivered Mail Returned to Sender").

Most Postfix setups also send an RFC 3464 part, which dsn.py reads; this module
covers the human-readable form (bounce_template.c: "<rcpt> (expanded from
<alias>): text", continuation lines indented) and the "Postfix SMTP server:
errors from" transcript sent to the postmaster. Look-alikes that keep the
text: OCN and other Japanese ISP relays (lhost-postfix-49.eml pastes a whole
notice into its own).
Samples: corpus lhost-postfix-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

# postfix/src/bounce/bounce_template.c default texts.
_GATE = re.compile(
    r"This is the (?:Postfix program|mail system) at host|"
    r"The (?:Postfix program|mail system)\s*$|"
    r"I'm sorry to have to inform you that (?:the|your) message|"
    # Localised bounce templates (postfix bounce_template_file) seen at
    # Orange, Free, web.de and Spanish and Italian ISPs.
    r"Ceci est le (?:programme|système) de messagerie|"
    r"Dies ist das Mailsystem|Dies ist das Postfix-Programm|"
    r"Este es el sistema de correo|Questo è il sistema di posta|"
    r"Este é o sistema de correio",
    re.M,
)
_SUBJECTS = (
    "Undelivered Mail Returned to Sender",
    "Delayed Mail",
    "Postfix SMTP server",
)
_RECIPIENT = re.compile(
    r"^<(?P<rcpt>[^>\s@]{1,128}@[^>\s]{1,255})>"
    r"(?:\s*\(expanded\s+from\s+<(?P<orig>[^>]*)>\))?:[ \t]*",
    re.M,
)
# smtpd "Transcript of session follows." (postfix-75.eml).
_RCPT_TO = re.compile(r"^ In:\s+RCPT TO:\s*<([^>@]{1,128}@[^>]{1,255})>", re.M | re.I)
_ERROR_OUT = re.compile(r"^ Out: ([45]\d\d .*)$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from a Postfix notice's text."""
    if not (msg.subject.startswith(_SUBJECTS) or _GATE.search(msg.text[:4000])):
        return []
    if msg.subject.startswith("Postfix SMTP server"):
        return _transcript(msg.text)
    return read_text(msg.text)


def read_text(text: str) -> list[Finding]:
    """The `<recipient>: text` paragraphs of a Postfix notice (yandex.py uses it)."""
    findings = [
        notice.finding(match["rcpt"], body, original=match["orig"] or None)
        for match, body in notice.blocks(text, _RECIPIENT)
    ]
    return notice.unique(findings)


def _transcript(text: str) -> list[Finding]:
    errors = _ERROR_OUT.findall(text)
    diagnostic = errors[-1] if errors else None
    return notice.unique(
        [notice.finding(rcpt, diagnostic) for rcpt in _RCPT_TO.findall(text)]
    )
