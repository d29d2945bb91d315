"""Sendmail 5 and other pre-DSN sendmails ("----- Transcript of session follows -----").

Old sendmails send no delivery-status part and no address list: only the
transcript ("550 <a@b>... User unknown", "421 host (smtp)... Deferred") and
"----- Unsent message follows -----". Each error line that names an address is
a recipient; the remote server's reply just above it ("<<< 550 ...", in the
same "While talking to" session) is its diagnostic, and the command sent before
that reply (">>> RCPT To:") its stage (lhost-v5sendmail-05.eml: four recipients,
three sessions). Without such a line, the recipient is the To of the returned
message.
Samples: corpus lhost-v5sendmail-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice, session
from bounced.parse.message import MessageView
from bounced.report import Finding

_TRANSCRIPT = re.compile(r"^\s*-+ Transcript of session follows -+\s*$", re.M)
_END = re.compile(r"^\s*-+ (?:Unsent message follows|Original message follows)", re.M)
_ERROR_LINE = re.compile(
    r"^([245]\d\d) (?:<([^>@]{1,128}@[^>]{1,255})>|([^\s@]{1,128}@\S{1,255}?))"
    r"\.\.\. (.*)$",
    re.M,
)
_SESSION = re.compile(r"^\s*while talking to ", re.I)
_ANY_ERROR = re.compile(r"^([45]\d\d) (.*)$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from an old sendmail transcript."""
    if not msg.subject.startswith("Returned mail:"):
        return []
    transcript = notice.cut(msg.text, _TRANSCRIPT, _END)
    if not transcript:
        return []
    findings = _per_recipient(transcript)
    if findings:
        return notice.unique(findings)
    recipient = addresses.clean(msg.returned_header("to"))
    errors = _ANY_ERROR.findall(transcript)
    if recipient is None or not errors:
        return []
    code, text = errors[0]
    return [notice.finding(recipient, f"{code} {text}")]


def _per_recipient(transcript: str) -> list[Finding]:
    """One finding per error line naming an address, with the reply above it."""
    findings = []
    sent: str | None = None  # the last ">>>" line of the current session
    reply: str | None = None  # the remote's last reply, until an error line uses it
    for line in transcript.splitlines():
        if _SESSION.match(line):
            sent = reply = None
        elif line.startswith(">>>"):
            sent, reply = line[3:].strip(), None
        elif line.startswith("<<<"):
            reply = line[3:].strip()
        elif (match := _ERROR_LINE.match(line)) is not None:
            recipient = match[2] or match[3]
            # "554 <a@b>... 550 Host unknown": the inner number is the remote's
            # reply, the outer one sendmail's own verdict (v5sendmail-04.eml).
            own = f"{match[4]} ({match[1]})"
            text = f"{reply} {own}" if reply else own
            command = (
                session.transcript_command(f">>> {sent}\n<<< {reply}")
                if reply
                else None
            )
            findings.append(notice.finding(recipient, text, command=command))
            sent = reply = None
    return findings
