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

from bounced.parse import addresses, codes, notice
from bounced.parse.message import MessageView, StatusReport
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
        findings = [enrich(item, msg.text) for item in findings]
    if len(findings) == 1 and findings[0].reply_code is None:
        findings = [_transcript_reply(findings[0], msg.notice)]
    return findings


# A server reply at the start of a transcript line: "<<< 550 ...", "554 ...".
_TRANSCRIPT_REPLY = re.compile(r"^(?:<<< )?([245]\d\d)[ -]", re.M)


def _transcript_reply(finding: Finding, text: str) -> Finding:
    """A lone recipient's reply code from the notice's session transcript.

    Sendmail quotes the session but not always the address the way the status
    part writes it (a pipe alias in rfc3464-04.eml). With one recipient, the
    first reply of the status's class in the transcript is its reply.
    """
    for match in _TRANSCRIPT_REPLY.finditer(text):
        code = int(match[1])
        if code in codes.REPLY_CODES and code >= 400:
            reply = codes.consistent_reply(finding.status, code)
            if reply is not None:
                return dataclasses.replace(finding, reply_code=reply)
    return finding


# The end of a recipient's paragraph in a notice: a blank line before prose.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n(?=\S)")


def enrich(finding: Finding, text: str) -> Finding:
    """Fill codes the status block lacks from the notice's text about the recipient.

    Many MTAs declare a generic X.0.0 or omit Diagnostic-Code while the
    human-readable part quotes the remote reply (lhost-opensmtpd-17.eml,
    lhost-sendmail-29.eml). Only missing or generic values are replaced, and
    only by codes of the same class.
    """
    generic = finding.status is None or finding.status.endswith(".0.0")
    if finding.reply_code is not None and not generic:
        return finding
    at = text.lower().find(finding.recipient.lower()) if finding.recipient else -1
    if at < 0:
        return finding
    context = text[at : at + 800]
    end = _PARAGRAPH_END.search(context)
    context = context[: end.start()] if end else context
    reply, status = codes.find_pair(context)
    if status is None and reply is None:
        return finding
    new_status = finding.status
    if generic and status and (new_status is None or status[0] == new_status[0]):
        new_status = status
    new_reply = finding.reply_code
    if new_reply is None:
        new_reply = codes.consistent_reply(new_status, reply)
    return dataclasses.replace(
        finding,
        status=new_status,
        reply_code=new_reply,
        diagnostic=finding.diagnostic
        or notice.squeeze(context[len(finding.recipient) :]).strip(" :<>")
        or None,
    )


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
    reply = codes.consistent_reply(status, pair_reply or codes.find_reply(diagnostic))
    if action is None:
        action = Action.DELAYED if status and status[0] == "4" else Action.FAILED
    return Finding(
        recipient=recipient,
        original_recipient=original if original != recipient else None,
        action=action,
        status=status,
        reply_code=reply,
        diagnostic=diagnostic,
        diagnostic_type=diagnostic_type,
        remote_mta=mta_name(block.get("remote-mta")),
        reporting_mta=reporting,
    )
