"""Sendmail 5 and other pre-DSN sendmails ("----- Transcript of session follows -----").

Old sendmails send no delivery-status part and no address list: only the
transcript ("550 <a@b>... User unknown", "421 host (smtp)... Deferred") and
"----- Unsent message follows -----". The recipient is the address in the
transcript's last error line, else the To of the returned message.
Samples: corpus lhost-v5sendmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_TRANSCRIPT = re.compile(r"^\s*-+ Transcript of session follows -+\s*$", re.M)
_END = re.compile(r"^\s*-+ (?:Unsent message follows|Original message follows)", re.M)
_ERROR_LINE = re.compile(
    r"^([245]\d\d) (?:<([^>@]{1,128}@[^>]{1,255})>|([^\s@]{1,128}@\S{1,255}?))"
    r"\.\.\. (.*)$",
    re.M,
)
_SERVER_REPLY = re.compile(r"^<<< ([245]\d\d[ -].*)$", re.M)
_ANY_ERROR = re.compile(r"^([45]\d\d) (.*)$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from an old sendmail transcript."""
    if not msg.subject.startswith("Returned mail:"):
        return []
    transcript = notice.cut(msg.text, _TRANSCRIPT, _END)
    if not transcript:
        return []
    replies = _SERVER_REPLY.findall(transcript)
    findings = []
    for match in _ERROR_LINE.finditer(transcript):
        recipient = match[2] or match[3]
        # "554 <a@b>... 550 Host unknown": the inner number is the remote's
        # reply, the outer one sendmail's own verdict (v5sendmail-04.eml).
        text = replies[-1] if replies else f"{match[4]} ({match[1]})"
        findings.append(notice.finding(recipient, text))
    if findings:
        return notice.unique(findings)
    recipient = addresses.clean(msg.returned_header("to"))
    errors = _ANY_ERROR.findall(transcript)
    if recipient is None or not errors:
        return []
    code, text = errors[0]
    return [notice.finding(recipient, f"{code} {text}")]
