"""What to do about one finding: suppress the address, retry it, or only record it.

A pure function of (finding, classification, the address's history, config). This
is the spine's first cut (permanent failures suppress, everything else is
recorded); the policy issue brings thresholds, sender alerts and retries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bounced.reasons import Reason
from bounced.report import Classification, Finding

NEVER_SUPPRESS = frozenset({Reason.DELIVERED, Reason.VACATION})


class Verdict(StrEnum):
    SUPPRESS = "suppress"
    RETRY = "retry"
    RECORD = "record"


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """What the store knows about the address before this finding."""

    suppressed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """The verdict and its why: the rule that fired and the inputs it saw."""

    verdict: Verdict
    rule: str
    inputs: dict[str, Any] = field(default_factory=dict)
    scope: str = "global"


def decide(
    finding: Finding, classification: Classification, history: History
) -> Decision:
    """The first-cut rule: a permanent failure or a complaint suppresses."""
    inputs = {
        "reason": classification.reason.value,
        "permanent": classification.permanent,
        "hard": classification.hard,
        "status": finding.status,
        "reply_code": finding.reply_code,
        "action": finding.action.value,
    }
    if classification.reason is Reason.FEEDBACK:
        return Decision(verdict=Verdict.SUPPRESS, rule="complaint", inputs=inputs)
    if classification.reason in NEVER_SUPPRESS:
        return Decision(verdict=Verdict.RECORD, rule="not a failure", inputs=inputs)
    if classification.permanent and finding.action.value == "failed":
        return Decision(
            verdict=Verdict.SUPPRESS, rule="permanent failure", inputs=inputs
        )
    return Decision(
        verdict=Verdict.RECORD, rule="transient or informational", inputs=inputs
    )
