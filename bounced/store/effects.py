"""Carry out a policy Decision's side effects inside the caller's transaction.

Shared by the processor (a new bounce) and the retry scheduler (a retry that
gave up), so a decision means the same thing wherever it was taken: soft days
counted or cleared, the suppression written with its why and expiry, the
domain alerted or slowed down.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from bounced import address as addresses
from bounced.config import RetryConfig
from bounced.policy import Decision, History, Rules, Source, Verdict, utc_day
from bounced.store import domains, softbounces, suppressions


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """What a suppression or an alert keeps about the failure behind it."""

    reason: str
    status: str | None = None
    reply_code: int | None = None
    diagnostic: str | None = None
    feedback_type: str | None = None


def history(
    connection: Connection,
    subject: str,
    now: datetime,
    rules: Rules,
    **facts: Any,
) -> History:
    """The address's history as the policy sees it (suppressed, soft days, ...)."""
    known = suppressions.history(connection, subject, now)
    days = softbounces.days(connection, subject, rules.window_start(now))
    return History(
        now=now,
        suppressed=known.suppressed,
        soft_days=tuple(d.day for d in days),
        **facts,
    )


def apply(
    connection: Connection,
    *,
    subject: str,
    decision: Decision,
    facts: Facts,
    event_id: int | None,
    why: str,
    actor: str,
    now: datetime,
    retry_config: RetryConfig,
) -> None:
    """Write everything `decision` asks for about `subject`."""
    domain = addresses.domain_of(subject)
    if decision.clear_soft:
        softbounces.clear(connection, subject)
    if decision.count_soft:
        softbounces.count(
            connection,
            subject,
            now=now,
            day=utc_day(now),
            reason=facts.reason,
            event_id=event_id,
        )
    if decision.verdict is Verdict.SUPPRESS:
        suppressions.upsert(
            connection,
            address=subject,
            scope=decision.scope,
            reason=facts.reason,
            source=decision.source.value,
            status=facts.status,
            reply_code=facts.reply_code,
            diagnostic=facts.diagnostic,
            feedback_type=facts.feedback_type,
            event_id=event_id,
            why=why,
            actor=actor,
            now=now,
            expires_at=now + decision.expires_after if decision.expires_after else None,
        )
        if decision.source is Source.SOFT_THRESHOLD:
            # The run is spent: a reactivated address starts from zero, as
            # Mailman resets the score when it disables a member.
            softbounces.clear(connection, subject)
    if decision.alert:
        domains.raise_alert(
            connection,
            domain,
            retry_config,
            reason=facts.reason,
            detail=facts.diagnostic,
            now=now,
        )
    if decision.throttle:
        domains.note_throttle(
            connection,
            domain,
            retry_config,
            now,
            f"bounce {facts.reply_code or ''} {facts.status or ''}".strip(),
        )


def why(decision: Decision, classified_by: str) -> str:
    """The JSON stored as an event's and a suppression's why."""
    payload: dict[str, Any] = {
        "rule": decision.rule,
        "classified_by": classified_by,
        "inputs": decision.inputs,
    }
    return json.dumps(payload, sort_keys=True, default=str)
