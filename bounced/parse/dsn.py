"""RFC 3464 delivery status notifications (multipart/report; delivery-status).

Every recipient block of every delivery-status part becomes a finding, in
message order. Fields are read as RFC 3464 §2.2-2.3 define them; the common
deviations are tolerated (a missing per-message block, `Final-Recipient`
without an address type, `Action: failure`, a generic X.0.0 status beside a
precise code in the diagnostic).
"""

from __future__ import annotations

from bounced.parse import addresses, codes
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
    return findings


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
    diagnostic_type, diagnostic = split_diagnostic(block.get("diagnostic-code"))
    declared = codes.find_status(block.get("status"))
    status = codes.better_status(declared, diagnostic)
    reply = codes.consistent_reply(status, codes.find_reply(diagnostic))
    action = _ACTIONS.get((block.get("action") or "").strip().lower())
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
