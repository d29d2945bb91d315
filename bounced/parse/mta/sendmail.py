"""Sendmail "Returned mail: see transcript for details" notices, text form.

Sendmail 8 sends RFC 3464 reports (dsn.py); this module reads the text of
those that lost or never had the delivery-status part: the "----- The
following addresses had permanent fatal errors -----" list (each address,
then "(reason: ...)", its own reply) and the session transcript ("<<< 550
5.1.1 ..."), which says at which command each recipient was refused.
Samples: corpus lhost-sendmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import codes, notice, session
from bounced.parse.message import MessageView
from bounced.report import Finding

# sendmail/savemail.c section banners.
_ERRORS = re.compile(
    r"^\s*-+ The following addresses? (?:had|has) (?:permanent fatal errors|"
    r"transient non-fatal errors) -+\s*$",
    re.M,
)
_TRANSCRIPT = re.compile(r"^\s*-+ Transcript of session follows -+\s*$", re.M)
_END = re.compile(
    r"^\s*-+ (?:Original message|Unsent message|Message header|Returned message)", re.M
)
_RECIPIENT = re.compile(
    r"^[ \t]*<?([^\s<>()@]{1,128}@[^\s<>()]{1,255}?)>?[ \t]*$", re.M
)
_SERVER_REPLY = re.compile(r"^<<< ([245]\d\d[ -].*)$", re.M)
_SUBJECT = re.compile(r"^(?:Returned mail|Postmaster notify|Warning: could not send)")


def detect(msg: MessageView) -> list[Finding]:
    """Findings from a sendmail notice's address list and transcript."""
    if not _SUBJECT.search(msg.subject) and _ERRORS.search(msg.text) is None:
        return []
    errors = _ERRORS.search(msg.text)
    if errors is None:
        return []
    listing = notice.cut(msg.text[errors.end() :], None, _TRANSCRIPT)
    listing = notice.cut(listing, None, _END)
    transcript = notice.cut(msg.text, _TRANSCRIPT, _END)
    replies = _SERVER_REPLY.findall(transcript)
    findings: list[Finding] = []
    for match, body in notice.blocks(listing, _RECIPIENT):
        recipient = match[1]
        reason = body.strip().removeprefix("(reason:").strip().rstrip(")")
        own = [line for line in transcript.splitlines() if recipient in line]
        # The listing's "(reason: ...)" is this recipient's own reply, else the
        # transcript lines that name it; the last reply is the last resort. A
        # status the reason lacks comes from those lines (sendmail's verdict,
        # "550 5.1.2 <a@b>... Host unknown", lhost-sendmail-15.eml).
        lines = " ".join(own)
        diagnostic = reason or lines or (replies[-1] if replies else "")
        status = None if codes.find_status(diagnostic) else codes.find_status(lines)
        command = session.transcript_command(transcript, recipient)
        findings.append(
            notice.finding(recipient, diagnostic, status=status, command=command)
        )
    return notice.unique(findings)
