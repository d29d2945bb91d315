"""Finding -> Classification: status code first, then reply code.

First cut: enough for the end-to-end path. The parser issue brings the full
multilingual phrase tables.
"""

from __future__ import annotations

from bounced.reasons import Reason, is_hard
from bounced.report import Action, Classification, Finding

# RFC 3463 subject.detail -> reason (Sisimai lib/Sisimai/SMTP/Status.pm).
_BY_STATUS: dict[str, Reason] = {
    "1.1": Reason.USERUNKNOWN,
    "1.2": Reason.HOSTUNKNOWN,
    "1.6": Reason.HASMOVED,
    "2.1": Reason.SUSPEND,
    "2.2": Reason.MAILBOXFULL,
    "2.3": Reason.MESGTOOBIG,
    "3.4": Reason.MESGTOOBIG,
    "4.7": Reason.EXPIRED,
    "7.1": Reason.REJECTED,
}


def classify(finding: Finding) -> Classification:
    """The reason, permanence and hardness of one finding."""
    if finding.reason_hint is not None:
        return _make(finding.reason_hint, _permanent(finding), "detector")
    if finding.action is Action.DELIVERED:
        return _make(Reason.DELIVERED, False, "action delivered")
    status = finding.status
    if status:
        detail = status.partition(".")[2]
        reason = _BY_STATUS.get(detail, Reason.UNDEFINED)
        return _make(reason, status.startswith("5"), f"status {status}")
    if finding.reply_code is not None:
        return _make(
            Reason.UNDEFINED, finding.reply_code >= 500, f"reply {finding.reply_code}"
        )
    return _make(Reason.UNDEFINED, finding.action is Action.FAILED, "no code")


def _permanent(finding: Finding) -> bool:
    if finding.status:
        return finding.status.startswith("5")
    if finding.reply_code is not None:
        return finding.reply_code >= 500
    return False


def _make(reason: Reason, permanent: bool, rule: str) -> Classification:
    return Classification(
        reason=reason, permanent=permanent, hard=is_hard(reason, permanent), rule=rule
    )
