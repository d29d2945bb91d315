"""Write what a message meant: events, decisions, suppressions, and the processed mark.

All of a message's effects commit with the mark that says it was processed, so a
message takes effect exactly once, also after a crash or with several daemons on
one database. A batch shares one transaction (one fsync) with a savepoint per
message: a message whose writes fail is rolled back alone and marked failed,
the others commit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from bounced import address as addresses
from bounced import faults, policy
from bounced import verp as verps
from bounced.config import RetryConfig
from bounced.policy import DEFAULT_RULES, Decision, History, Rules, Verdict
from bounced.report import Classification, Finding, Report
from bounced.store import effects, retries, sent
from bounced.store.claims import ClaimedMessage
from bounced.store.schema import BounceEvent, InboundMessage

if TYPE_CHECKING:
    from bounced.store.outbox import Outbox

log = logging.getLogger(__name__)

Decide = Callable[[Finding, Classification, History, Rules], Decision]
DEFAULT_RETRY = RetryConfig()


@dataclass(frozen=True, slots=True)
class Outcome:
    """One claimed message with the workers' analysis of it."""

    message: ClaimedMessage
    report: Report
    classifications: tuple[Classification, ...]
    verp: verps.VerpData | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    message_id: int
    state: str  # processed, unparsed, failed, lost (someone else took it)
    events: int


def record_batch(
    engine: Engine,
    outcomes: Sequence[Outcome],
    *,
    worker: str,
    now: datetime,
    decide: Decide = policy.decide,
    require_signed: bool = False,
    outbox: Outbox | None = None,
    rules: Rules = DEFAULT_RULES,
    retry_config: RetryConfig = DEFAULT_RETRY,
) -> list[Recorded]:
    """Record each outcome in its own savepoint, all in one transaction.

    With `require_signed`, only a validly signed VERP envelope lets a bounce act on
    an address (verp.attribute); everything else is recorded only. With `outbox`,
    the webhook notices of the decisions are queued in the same savepoint.
    """
    context = _Context(decide, require_signed, rules, retry_config, outbox)
    results: list[Recorded] = []
    with engine.begin() as connection:
        for outcome in outcomes:
            try:
                with connection.begin_nested():
                    results.append(
                        _record_one(connection, outcome, worker, now, context)
                    )
            except SQLAlchemyError as exc:
                log.error(
                    "recording failed id=%s error=%s",
                    outcome.message.id,
                    type(exc).__name__,
                )
                with connection.begin_nested():
                    marked = _mark(
                        connection,
                        outcome.message.id,
                        worker,
                        "failed",
                        None,
                        f"store error: {type(exc).__name__}",
                        now,
                    )
                results.append(
                    Recorded(outcome.message.id, "failed" if marked else "lost", 0)
                )
        faults.crash_point("record-before-commit")
    faults.crash_point("record-committed")
    return results


@dataclass(frozen=True, slots=True)
class _Context:
    decide: Decide
    require_signed: bool
    rules: Rules
    retry_config: RetryConfig
    outbox: Outbox | None


def _record_one(
    connection: Connection,
    outcome: Outcome,
    worker: str,
    now: datetime,
    context: _Context,
) -> Recorded:
    report = outcome.report
    state = "processed" if report.findings else "unparsed"
    reason = None if report.findings else (report.unparsed_reason or "no findings")
    # The mark goes first: if it matches no row, another worker owns the message now.
    if not _mark(
        connection, outcome.message.id, worker, state, report.detector, reason, now
    ):
        return Recorded(outcome.message.id, "lost", 0)
    returned = report.returned
    verp = outcome.verp
    list_id = _list_id(returned.list_id if returned else None) or _list_id(
        verp.list_id if verp else None
    )
    orig_message_id = (returned.message_id if returned else None) or (
        verp.message_id if verp else None
    )
    for finding, verdict in zip(report.findings, outcome.classifications, strict=True):
        recipient = addresses.normalize(finding.recipient)
        stored = recipient or finding.recipient.strip().lower()[:320]
        attribution = verps.attribute(
            recipient, verp, require_signed=context.require_signed
        )
        subject = attribution.subject if attribution.trusted else None
        open_retry = None
        if subject is None:
            rule = f"not acted on: {attribution.note}"
            decision = Decision(verdict=Verdict.RECORD, rule=rule)
        else:
            open_retry = retries.find_open(connection, subject, orig_message_id)
            # Provably ours (DESIGN.md step 7): the bounce returned the original
            # and came to a valid signed VERP address of this very recipient, or
            # the original's Message-ID is one the sender recorded for them.
            provably_ours = returned is not None and (
                bool(verp is not None and verp.valid and verp.recipient == subject)
                or sent.is_recorded(connection, returned.message_id, subject)
            )
            history = effects.history(
                connection,
                subject,
                now,
                context.rules,
                retry=open_retry[1] if open_retry else None,
                list_id=list_id,
                provably_ours=provably_ours,
            )
            decision = context.decide(finding, verdict, history, context.rules)
        why = effects.why(decision, verdict.rule)
        event_id = connection.execute(
            insert(BounceEvent).returning(BounceEvent.id),
            {
                "message_id": outcome.message.id,
                "occurred_at": outcome.message.received_at,
                "recipient": stored,
                "domain": addresses.domain_of(stored)[:255],
                "original_recipient": _clip(finding.original_recipient, 320),
                "action": finding.action.value,
                "status": finding.status,
                "reply_code": finding.reply_code,
                "diagnostic": finding.diagnostic,
                "remote_mta": _clip(finding.remote_mta, 255),
                "reporting_mta": _clip(finding.reporting_mta, 255),
                "feedback_type": _clip(finding.feedback_type, 32),
                "reason": verdict.reason.value,
                "permanent": verdict.permanent,
                "hard": verdict.hard,
                "rule": verdict.rule,
                "detector": report.detector,
                "orig_message_id": returned.message_id if returned else None,
                "list_id": _clip(list_id, 255),
                "returned_headers": json.dumps(returned.headers) if returned else None,
                "decision": decision.verdict.value,
                "why": why,
                "subject": subject,
                "verp": verp.status if verp else None,
            },
        ).scalar_one()
        if subject is None:
            continue
        facts = effects.Facts(
            reason=verdict.reason.value,
            status=finding.status,
            reply_code=finding.reply_code,
            diagnostic=finding.diagnostic,
            feedback_type=_clip(finding.feedback_type, 32),
        )
        effects.apply(
            connection,
            subject=subject,
            decision=decision,
            facts=facts,
            event_id=event_id,
            why=why,
            actor="processor",
            now=now,
            retry_config=context.retry_config,
        )
        if decision.retry is not None:
            retries.carry_out(
                connection,
                decision.retry,
                open_id=open_retry[0] if open_retry else None,
                new=retries.NewRetry(
                    recipient=subject,
                    list_id=list_id,
                    orig_message_id=orig_message_id,
                    campaign=returned.header("X-Listmonk-Campaign")
                    if returned
                    else None,
                    subscriber=(
                        returned.header("X-Listmonk-Subscriber") if returned else None
                    ),
                    facts=facts,
                    provably_ours=history.provably_ours,
                    event_id=event_id,
                    message_id=outcome.message.id,
                ),
                now=now,
                config=context.retry_config,
                note=decision.rule,
            )
        if context.outbox is not None:  # webhook notices commit with the decision
            context.outbox.add_finding(
                connection,
                bounce_event_id=event_id,
                subject=subject,
                finding=finding,
                classification=verdict,
                decision=decision,
                returned=returned,
                verp=verp,
                list_id=list_id,
                received_at=outcome.message.received_at,
                now=now,
            )
    return Recorded(outcome.message.id, state, len(report.findings))


def _mark(
    connection: Connection,
    message_id: int,
    worker: str,
    state: str,
    detector: str | None,
    reason: str | None,
    now: datetime,
) -> bool:
    """Set the message's final state if it is still new and claimed by `worker`."""
    table = InboundMessage
    result = connection.execute(
        update(table)
        .where(table.id == message_id, table.state == "new", table.claimed_by == worker)
        .values(
            state=state,
            processed_at=now,
            detector=detector,
            unparsed_reason=reason,
            claim_expires=None,
        )
    )
    return result.rowcount == 1


def quarantine(
    engine: Engine, message_id: int, worker: str, reason: str, now: datetime
) -> bool:
    """Set a message aside that has failed too often to be processed."""
    with engine.begin() as connection:
        return _mark(connection, message_id, worker, "quarantined", None, reason, now)


def reset_unparsed(engine: Engine, *, ids: Sequence[int] | None = None) -> int:
    """Put unparsed (and quarantined) messages back in the queue; returns how many."""
    table = InboundMessage
    statement = (
        update(table)
        .where(table.state.in_(("unparsed", "quarantined", "failed")))
        .where(table.raw.is_not(None))
        .values(state="new", claimed_by=None, claim_expires=None, attempts=0)
    )
    if ids is not None:
        statement = statement.where(table.id.in_(list(ids)))
    with engine.begin() as connection:
        return connection.execute(statement).rowcount


def spool_counts(engine: Engine) -> dict[str, int]:
    """How many spooled messages are in each state."""
    from sqlalchemy import func

    table = InboundMessage
    with engine.connect().execution_options(readonly=True) as connection:
        rows = connection.execute(
            select(table.state, func.count()).group_by(table.state)
        )
        return {state: count for state, count in rows}


def _list_id(text: str | None) -> str | None:
    """The list's identifier: `Weekly News <weekly.example.com>` names the list
    weekly.example.com (RFC 2919 §2, compared case-insensitively, §3)."""
    if not text:
        return None
    inside = text[text.find("<") + 1 : text.rfind(">")] if "<" in text else text
    return inside.strip().lower()[:255] or None


def _clip(value: str | None, limit: int) -> str | None:
    return None if value is None else value[:limit]
