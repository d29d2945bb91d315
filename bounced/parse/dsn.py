"""RFC 3464 delivery status notifications (multipart/report; delivery-status).

Every recipient block of every delivery-status part becomes a finding, in
message order. Fields are read as RFC 3464 §2.2-2.3 define them; the common
deviations are tolerated (a missing per-message block, `Final-Recipient`
without an address type, `Action: failure`, a generic X.0.0 status beside a
precise code in the diagnostic).
"""

from __future__ import annotations

import dataclasses
import re

from bounced.parse import addresses, codes, notice, session
from bounced.parse.message import MessageView, StatusReport
from bounced.reasons import Reason
from bounced.report import Action, Finding

# RFC 3464 §2.3.3 plus what servers write instead.
_ACTIONS: dict[str, Action] = {
    "failed": Action.FAILED,
    "failure": Action.FAILED,  # seen from Exchange 2003 gateways
    "delayed": Action.DELAYED,
    "delivered": Action.DELIVERED,
    "relayed": Action.RELAYED,
    "expanded": Action.EXPANDED,
}


def detect(msg: MessageView) -> list[Finding]:
    """One finding per recipient block of the notice's delivery-status parts."""
    findings: list[Finding] = []
    for report in msg.status_reports:
        findings.extend(findings_from(report))
    if findings and msg.text:
        notice_text = _Notice(msg.notice, [item.recipient for item in findings])
        alone = len(findings) == 1
        findings = [enrich(item, notice_text, alone=alone) for item in findings]
    return findings


# The end of a recipient's paragraph in a notice: a blank line before prose.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n(?=\S)")
# A Sendmail transcript line about one address: "<a@b>... Deferred: ..." or
# "550 <a@b>... User unknown" (sendmail/savemail.c, usrerr.c).
_ERROR_LINE = re.compile(
    r'^(?:[245]\d\d )?(?:"[^"\n]{1,300}"|<?[^\s<>]{1,300}>?)\.\.\. (\S.*)$', re.M
)
# A delivery-status field pasted into the text ("Final-Recipient: rfc822; a@b"):
# the status block itself, not the notice's words about the recipient.
_FIELD_LINE = re.compile(r"[ \t]*[\w-]{1,40}:[ \t]*rfc822[ \t]*;", re.I)
# A server reply at the start of a transcript line: "<<< 550 ...", "554 ...".
_TRANSCRIPT_REPLY = re.compile(r"^(?:<<< )?([245]\d\d)[ -]", re.M)
MAX_MENTIONS = 8  # places in the notice where a recipient is looked at
MAX_PARAGRAPH = 800  # characters of a recipient's paragraph


class _Notice:
    """The notice's text, lower-cased once, and the report's recipients."""

    __slots__ = ("lowered", "recipients", "text")

    def __init__(self, text: str, recipients: list[str]) -> None:
        self.text = text
        self.lowered = text.lower()
        self.recipients = [r.lower() for r in recipients if r]


def enrich(finding: Finding, text: _Notice, *, alone: bool = False) -> Finding:
    """Fill what the status block lacks from the notice's text about the recipient.

    Many MTAs declare a generic X.0.0, omit Diagnostic-Code or never say which
    SMTP command was refused, while the human-readable part quotes the remote
    reply and the stage ("<a@b>: host x said: 550 5.1.1 ... (in reply to RCPT
    TO command)", lhost-postfix-02.eml; a Sendmail transcript, rfc3464-04.eml).
    Only missing or generic values are replaced, and codes only by codes of the
    same class. `alone` says the report has one recipient: then the notice's
    transcript is about it even where it writes the address differently (a
    pipe alias in rfc3464-04.eml).
    """
    context = _context(finding.recipient, text)
    if alone and not context:
        match = _ERROR_LINE.search(text.text)
        context = match[0] if match else ""
    # A lone recipient's stage may be said anywhere in the notice; with several,
    # only the recipient's paragraph or a transcript line that names it counts.
    command = (
        finding.smtp_command
        or session.command(context)
        or (
            session.command(text.text)
            if alone
            else session.transcript_command(text.text, finding.recipient)
        )
    )
    status, reply = finding.status, finding.reply_code
    generic = status is None or status.endswith(".0.0")
    if context and (reply is None or generic):
        found_reply, found = codes.find_pair(context)
        if generic and found and (status is None or found[0] == status[0]):
            status = found
        if reply is None:
            reply = codes.consistent_reply(status, found_reply)
    if reply is None and alone:
        reply = _transcript_reply(status, text.text)
    return dataclasses.replace(
        finding,
        status=status,
        reply_code=reply,
        diagnostic=finding.diagnostic or _described(context, finding.recipient),
        smtp_command=command,
    )


def _context(recipient: str, text: _Notice) -> str:
    """The notice's paragraph about `recipient`: its most informative mention.

    A paragraph runs from the start of the line that names the recipient to a
    blank line before prose, or to a line that names another recipient of the
    report (OpenSMTPD lists them with no blank line between, opensmtpd-17).
    A Sendmail error line ("<a@b>... Deferred: ...") or a mention with a reply
    code is preferred over a bare listing of the address.
    """
    wanted = recipient.lower()
    if not wanted:
        return ""
    best, best_score = "", -1
    at = text.lowered.find(wanted)
    for _ in range(MAX_MENTIONS):
        if at < 0:
            break
        start = text.lowered.rfind("\n", 0, at) + 1
        if not _FIELD_LINE.match(text.lowered, start):
            paragraph = _paragraph(text, start, at + len(wanted), wanted)
            score = _score(paragraph, wanted)
            if score > best_score:
                best, best_score = paragraph, score
        at = text.lowered.find(wanted, at + len(wanted))
    return best


def _paragraph(text: _Notice, start: int, after: int, wanted: str) -> str:
    window = text.text[start : start + MAX_PARAGRAPH]
    end = _PARAGRAPH_END.search(window, after - start)
    window = window[: end.start()] if end else window
    first, *rest = window.split("\n")
    lines = [first]
    others = [other for other in text.recipients if other != wanted]
    for line in rest:
        if any(other in line.lower() for other in others):
            break  # the next recipient's paragraph
        lines.append(line)
    return "\n".join(lines)


def _score(paragraph: str, wanted: str) -> int:
    first_line = paragraph.partition("\n")[0]
    rest = first_line[first_line.lower().find(wanted) + len(wanted) :]
    score = 0
    if rest.strip(" <>:.,;\t"):
        score += 1  # the address is followed by words, not listed alone
    if _ERROR_LINE.match(first_line) or any(codes.find_pair(paragraph)):
        score += 2
    return score


def _described(context: str, recipient: str) -> str | None:
    """The paragraph as a diagnostic: the words about the recipient, squeezed."""
    if not context:
        return None
    error = _ERROR_LINE.match(context)
    if error is not None:
        context = error[1] + context[error.end() :]
    text = notice.squeeze(context)
    if text.lower().strip(" <>:") == recipient.lower():
        return None
    return text[:1000] or None


def _transcript_reply(status: str | None, text: str) -> int | None:
    """A lone recipient's reply code from the notice's session transcript.

    Sendmail quotes the session but not always the address the way the status
    part writes it (a pipe alias in rfc3464-04.eml). With one recipient, the
    first reply of the status's class in the transcript is its reply.
    """
    for match in _TRANSCRIPT_REPLY.finditer(text):
        code = int(match[1])
        if code in codes.REPLY_CODES and code >= 400:
            reply = codes.consistent_reply(status, code)
            if reply is not None:
                return reply
    return None


# PowerMTA's own verdict on the remote reply (X-PowerMTA-BounceCategory, its
# bounce-category-patterns): only the category that condemns the address is
# taken, and the classifier still weighs it with the text.
_CATEGORIES: dict[str, Reason] = {"bad-mailbox": Reason.USERUNKNOWN}
# RFC 5322 §3.2.2 comment after the code: "5.2.1 (mailbox disabled, ...)".
_COMMENT = re.compile(r"^\s*[245]\.\d{1,3}\.\d{1,3}\s*\(([^()]{1,200})\)")


def findings_from(report: StatusReport) -> list[Finding]:
    """The findings of one delivery-status part (used by MTA modules too)."""
    reporting = mta_name(report.per_message.get("reporting-mta"))
    found: list[Finding] = []
    for block in report.recipients:
        finding = _finding(block, reporting)
        if finding is not None:
            found.append(finding)
    return found


def mta_name(value: str | None) -> str | None:
    """`dns; mx.example.net` -> `mx.example.net` (RFC 3464 §2.2.2 mta-name-type)."""
    if not value:
        return None
    return value.rpartition(";")[2].strip().strip("[]") or None


def split_diagnostic(value: str | None) -> tuple[str | None, str | None]:
    """`smtp; 550 5.1.1 ...` -> ("smtp", "550 5.1.1 ...") (RFC 3464 §2.3.6)."""
    if not value:
        return None, None
    kind, sep, text = value.partition(";")
    if sep and kind.strip() and " " not in kind.strip() and len(kind) < 24:
        return kind.strip().lower(), text.strip() or None
    return None, value.strip() or None


def _finding(block: dict[str, str], reporting: str | None) -> Finding | None:
    final = addresses.clean(block.get("final-recipient"))
    original = addresses.clean(block.get("original-recipient"))
    actual = addresses.clean(block.get("x-actual-recipient"))
    recipient = final or actual or original
    if recipient is None:
        return None
    if original and not addresses.is_qualified(recipient):
        # An internal final address (LMTP "user@server", lhost-messagingserver-02)
        # is not the one we sent to; the original is.
        recipient = original
    diagnostic_type, diagnostic = split_diagnostic(block.get("diagnostic-code"))
    declared = codes.find_status(block.get("status"))
    comment = _COMMENT.search(block.get("status") or "")
    status = codes.better_status(declared, diagnostic)
    action = _ACTIONS.get((block.get("action") or "").strip().lower())
    pair_reply, pair_status = codes.find_pair(diagnostic)
    if (
        action is Action.FAILED
        and status
        and status[0] == "4"
        and pair_status
        and pair_status[0] == "5"
    ):
        # A final failure declared with a transient status while the remote
        # answered permanently (Postfix soft_bounce, rhost-franceptt-10.eml):
        # the remote's answer is the fact.
        status = pair_status
    elif (
        status
        and pair_status
        and pair_status[0] == status[0]
        and not pair_status.endswith(".0.0")
        and (diagnostic_type or "smtp") == "smtp"
    ):
        status = pair_status
    reply = codes.consistent_reply(status, pair_reply or codes.find_reply(diagnostic))
    if action is None:
        action = Action.DELAYED if status and status[0] == "4" else Action.FAILED
    category = (block.get("x-powermta-bouncecategory") or "").strip().lower()
    return Finding(
        recipient=recipient,
        original_recipient=original if original != recipient else None,
        action=action,
        status=status,
        status_comment=comment[1].strip() or None if comment else None,
        reply_code=reply,
        diagnostic=diagnostic,
        diagnostic_type=diagnostic_type,
        remote_mta=mta_name(block.get("remote-mta")),
        reporting_mta=reporting,
        reason_hint=_CATEGORIES.get(category),
    )
