"""Retries: created by bounces, claimed when due in paced batches, closed by results.

Claims follow claims.py: a lease (`claimed_by`, `claim_expires`) set in one
short transaction, rows picked FOR UPDATE SKIP LOCKED on PostgreSQL so daemons
sharing a database never take the same retry, and domain rows locked the same
way so only one daemon sizes a domain's next batch. Results are recorded only
while the claim is still ours (the fence), so a daemon whose lease ran out
cannot overwrite the outcome of whoever took over. A crash mid-dispatch loses
nothing: the lease runs out and the same attempt is dispatched again with the
same idempotency key (at least once).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from bounced import address as addresses
from bounced import policy
from bounced.config import RetryConfig
from bounced.dispatch import Batch, DispatchResult, Outcome, RetryItem
from bounced.policy import OpenRetry, RetryAction, RetryPlan, Rules
from bounced.store import domains, effects
from bounced.store.schema import DomainState, InboundMessage, Retry

log = logging.getLogger(__name__)

OPEN_STATES = ("pending", "ready", "dispatched")
STATES = (*OPEN_STATES, "done", "expired", "failed", "cancelled")
DOMAINS_PER_TICK = 100  # domains sized per claim; the rest wait for the next tick
EXPIRE_PER_TICK = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class NewRetry:
    """What the processor knows when a transient failure creates a retry."""

    recipient: str
    list_id: str | None
    orig_message_id: str | None
    campaign: str | None
    subscriber: str | None
    facts: effects.Facts
    provably_ours: bool
    event_id: int | None
    message_id: int | None


@dataclass(frozen=True, slots=True)
class RetryRow:
    """A retry as `bounced retries` and the API show it."""

    key: str
    recipient: str
    domain: str
    state: str
    attempt: int
    reason: str
    status: str | None
    reply_code: int | None
    list_id: str | None
    orig_message_id: str | None
    created_at: datetime
    due_at: datetime
    give_up_at: datetime
    dispatched_at: datetime | None
    finished_at: datetime | None
    last_result: str | None


@dataclass(slots=True)
class Tally:
    """Counts of what a batch of results did, for logs and the CLI."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


_ITEM_COLUMNS = (
    Retry.id,
    Retry.key,
    Retry.recipient,
    Retry.domain,
    Retry.attempt,
    Retry.list_id,
    Retry.orig_message_id,
    Retry.campaign,
    Retry.subscriber,
    Retry.reason,
    Retry.status,
    Retry.reply_code,
    Retry.provably_ours,
    Retry.message_id,
    Retry.created_at,
    Retry.due_at,
    Retry.give_up_at,
)

_ROW_COLUMNS = (
    Retry.key,
    Retry.recipient,
    Retry.domain,
    Retry.state,
    Retry.attempt,
    Retry.reason,
    Retry.status,
    Retry.reply_code,
    Retry.list_id,
    Retry.orig_message_id,
    Retry.created_at,
    Retry.due_at,
    Retry.give_up_at,
    Retry.dispatched_at,
    Retry.finished_at,
    Retry.last_result,
)


# -- from the processor --------------------------------------------------------------


def find_open(
    connection: Connection, recipient: str, orig_message_id: str | None
) -> tuple[int, OpenRetry] | None:
    """The unfinished retry a new transient failure of `recipient` belongs to.

    The same original message is the same retry (the relay re-sends it with its
    Message-ID). Failing that, a retry already handed over is taken to be what
    failed again (the newsletter system may re-send under a new Message-ID), so
    the lifetime bounds the whole run. A different message still waiting to be
    sent is retried separately.
    """
    rows = connection.execute(
        select(
            Retry.id,
            Retry.key,
            Retry.state,
            Retry.attempt,
            Retry.created_at,
            Retry.give_up_at,
            Retry.orig_message_id,
        )
        .where(Retry.recipient == recipient, Retry.state.in_(OPEN_STATES))
        .order_by(Retry.id)
    ).all()
    chosen = next(
        (r for r in rows if orig_message_id and r.orig_message_id == orig_message_id),
        None,
    )
    chosen = chosen or next((r for r in rows if r.state == "dispatched"), None)
    if chosen is None and orig_message_id is None and rows:
        chosen = rows[0]  # no Message-ID to tell them apart: the same one
    if chosen is None:
        return None
    return chosen.id, OpenRetry(
        key=chosen.key,
        state=chosen.state,
        attempt=chosen.attempt,
        created_at=chosen.created_at,
        give_up_at=chosen.give_up_at,
    )


def carry_out(
    connection: Connection,
    plan: RetryPlan,
    *,
    open_id: int | None,
    new: NewRetry | None,
    now: datetime,
    config: RetryConfig,
    note: str,
) -> str | None:
    """Do what the policy planned for the retry; returns the key of a new one."""
    if plan.action is RetryAction.CREATE:
        assert new is not None
        assert plan.due_at is not None
        assert plan.give_up_at is not None
        return _create(connection, new, plan.due_at, plan.give_up_at, now, config)
    if open_id is None or plan.action is RetryAction.KEEP:
        return None
    if plan.action is RetryAction.RESCHEDULE:
        assert plan.due_at is not None
        values: dict[str, Any] = {
            "state": "pending",
            "due_at": plan.due_at,
            "claimed_by": None,
            "claim_expires": None,
        }
    else:
        state = {
            RetryAction.EXPIRE: "expired",
            RetryAction.CANCEL: "cancelled",
            RetryAction.DONE: "done",
        }[plan.action]
        values = {"state": state, "finished_at": now}
    connection.execute(
        update(Retry)
        .where(Retry.id == open_id, Retry.state.in_(OPEN_STATES))
        .values(**values, last_result=note[:500])
    )
    return None


def _create(
    connection: Connection,
    new: NewRetry,
    due_at: datetime,
    give_up_at: datetime,
    now: datetime,
    config: RetryConfig,
) -> str:
    domain = addresses.domain_of(new.recipient)
    domains.ensure(connection, domain, config, now)
    key = uuid.uuid4().hex
    connection.execute(
        insert(Retry),
        {
            "key": key,
            "event_id": new.event_id,
            "message_id": new.message_id,
            "recipient": new.recipient,
            "domain": domain[:255],
            "list_id": _clip(new.list_id, 255),
            "orig_message_id": new.orig_message_id,
            "campaign": _clip(new.campaign, 255),
            "subscriber": _clip(new.subscriber, 255),
            "reason": new.facts.reason,
            "status": new.facts.status,
            "reply_code": new.facts.reply_code,
            "provably_ours": new.provably_ours,
            "state": "pending",
            "attempt": 0,
            "failures": 0,
            "created_at": now,
            "due_at": due_at,
            "give_up_at": give_up_at,
        },
    )
    return key


# -- the scheduler's tick ------------------------------------------------------------


def claim_due(
    engine: Engine,
    *,
    worker: str,
    now: datetime,
    lease: float,
    config: RetryConfig,
) -> list[Batch]:
    """Claim one batch per ready domain: its due retries, at most its batch size.

    A domain is ready when its gap since the last batch has passed. Its row is
    locked while the batch is taken and its next batch time set, so two daemons
    never send a domain two batches in one gap.
    """
    due = (
        (Retry.state == "pending")
        & (Retry.due_at <= now)
        & (Retry.give_up_at > now)
        & or_(Retry.claim_expires.is_(None), Retry.claim_expires < now)
    )
    batches: list[Batch] = []
    with engine.begin() as connection:
        candidates = connection.scalars(
            select(Retry.domain)
            .where(due)
            .group_by(Retry.domain)
            .order_by(func.min(Retry.due_at))
            .limit(DOMAINS_PER_TICK)
        ).all()
        if not candidates:
            return []
        known = set(
            connection.scalars(
                select(DomainState.domain).where(DomainState.domain.in_(candidates))
            )
        )
        for domain in set(candidates) - known:  # a retry from before its domain row
            domains.ensure(connection, domain, config, now)
        ready = connection.execute(
            select(DomainState.domain, DomainState.batch_size, DomainState.gap)
            .where(DomainState.domain.in_(candidates))
            .where(
                or_(
                    DomainState.next_batch_at.is_(None),
                    DomainState.next_batch_at <= now,
                )
            )
            .with_for_update(skip_locked=True)
        ).all()
        for domain, size, gap in ready:
            picked = (
                select(Retry.id)
                .where(due, Retry.domain == domain)
                .order_by(Retry.due_at, Retry.id)
                .limit(size)
                .with_for_update(skip_locked=True)
            )
            rows = connection.execute(
                update(Retry)
                .where(Retry.id.in_(picked.scalar_subquery()))
                .values(claimed_by=worker, claim_expires=now + timedelta(seconds=lease))
                .returning(*_ITEM_COLUMNS)
            ).all()
            if not rows:
                continue
            connection.execute(
                update(DomainState)
                .where(DomainState.domain == domain)
                .values(next_batch_at=now + timedelta(seconds=gap), last_batch_at=now)
            )
            items = sorted((_item(row) for row in rows), key=lambda i: (i.due_at, i.id))
            batches.append(Batch(domain=domain, items=tuple(items)))
    return batches


def record_results(
    engine: Engine,
    batch: Batch,
    results: Sequence[DispatchResult],
    *,
    worker: str,
    now: datetime,
    rules: Rules,
    config: RetryConfig,
) -> Tally:
    """Record what the dispatcher answered for each retry of a claimed batch."""
    by_key = {result.key: result for result in results}
    tally = Tally()
    with engine.begin() as connection:
        # Domain row first, then retry rows: the order the processor takes them
        # in too, so two transactions never wait on each other in a circle.
        domains.lock(connection, batch.domain, config, now)
        for item in batch.items:
            result = by_key.get(item.key) or DispatchResult(
                key=item.key, outcome=Outcome.ERROR, detail="no result from dispatcher"
            )
            fence = (Retry.state == "pending") & (Retry.claimed_by == worker)
            if _apply_result(connection, item, result, fence, now, rules, config):
                tally.add(result.outcome.value)
            else:
                tally.add("lost")  # our claim ran out; someone else has it
        _note_domain(connection, batch.domain, results, now, config)
    return tally


def expire_due(
    engine: Engine, *, now: datetime, rules: Rules, config: RetryConfig
) -> Tally:
    """Give up on retries past their lifetime; close handed-over ones as done.

    A handed-over retry with no further bounce by the end of its lifetime is
    taken as delivered: no news is the only good news a sender gets.
    """
    tally = Tally()
    with engine.begin() as connection:
        rows = connection.execute(
            select(*_ITEM_COLUMNS)
            .where(Retry.state.in_(("pending", "ready")), Retry.give_up_at <= now)
            .where(or_(Retry.claim_expires.is_(None), Retry.claim_expires < now))
            .order_by(Retry.id)
            .limit(EXPIRE_PER_TICK)
            .with_for_update(skip_locked=True)
        ).all()
        for row in rows:
            item = _item(row)
            connection.execute(
                update(Retry)
                .where(Retry.id == item.id)
                .values(
                    state="expired",
                    finished_at=now,
                    claimed_by=None,
                    claim_expires=None,
                    last_result="lifetime over",
                )
            )
            _give_up(connection, item, "lifetime over", now, rules, config)
            tally.add("expired")
        done = connection.execute(
            update(Retry)
            .where(Retry.state == "dispatched", Retry.give_up_at <= now)
            .values(state="done", finished_at=now)
        ).rowcount
        if done:
            tally.counts["done"] = done
    return tally


# -- pull ----------------------------------------------------------------------------


def pull(
    engine: Engine, *, consumer: str, limit: int, lease: float, now: datetime
) -> list[RetryItem]:
    """Lease up to `limit` retries waiting on the API to `consumer`.

    One not acknowledged before the lease ends is offered again (at least once;
    the idempotency key lets the consumer drop a repeat).
    """
    picked = (
        select(Retry.id)
        .where(Retry.state == "ready")
        .where(or_(Retry.claim_expires.is_(None), Retry.claim_expires < now))
        .order_by(Retry.due_at, Retry.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with engine.begin() as connection:
        rows = connection.execute(
            update(Retry)
            .where(Retry.id.in_(picked.scalar_subquery()))
            .values(
                claimed_by=consumer[:64],
                claim_expires=now + timedelta(seconds=lease),
            )
            .returning(*_ITEM_COLUMNS)
        ).all()
    return sorted((_item(row) for row in rows), key=lambda i: (i.due_at, i.id))


def ack(
    engine: Engine,
    results: Mapping[str, tuple[Outcome, str]],
    *,
    now: datetime,
    rules: Rules,
    config: RetryConfig,
) -> dict[str, str]:
    """Record a pull consumer's answers, by idempotency key.

    Returns each key's fate: the outcome recorded, or "unknown" for a key that
    is not (or no longer) waiting, e.g. acknowledged twice.
    """
    answers: dict[str, str] = {}
    per_domain: dict[str, list[DispatchResult]] = {}
    bases = [key.rpartition("-")[0] for key in results]
    with engine.begin() as connection:
        involved = connection.scalars(
            select(Retry.domain).where(Retry.key.in_(bases)).distinct()
        ).all()
        for domain in sorted(involved):  # domain rows first, as record_results
            domains.lock(connection, domain, config, now)
        for key, (outcome, detail) in results.items():
            base = key.rpartition("-")[0]
            row = connection.execute(
                select(*_ITEM_COLUMNS)
                .where(Retry.key == base, Retry.state == "ready")
                .with_for_update()
            ).first()
            item = _item(row) if row is not None else None
            if item is None or item.key != key:
                answers[key] = "unknown"
                continue
            result = DispatchResult(key=key, outcome=outcome, detail=detail)
            fence = Retry.state == "ready"
            _apply_result(connection, item, result, fence, now, rules, config)
            answers[key] = outcome.value
            per_domain.setdefault(item.domain, []).append(result)
        for domain, domain_results in per_domain.items():
            _note_domain(connection, domain, domain_results, now, config)
    return answers


# -- queries -------------------------------------------------------------------------


def list_(
    connection: Connection,
    *,
    states: Sequence[str] | None = None,
    domain: str | None = None,
    recipient: str | None = None,
    limit: int = 100,
) -> list[RetryRow]:
    """Retries, soonest due first, optionally filtered."""
    query = select(*_ROW_COLUMNS).order_by(Retry.due_at, Retry.id).limit(limit)
    if states:
        query = query.where(Retry.state.in_(list(states)))
    if domain:
        query = query.where(Retry.domain == domain)
    if recipient:
        query = query.where(Retry.recipient == recipient)
    return [RetryRow(*row) for row in connection.execute(query)]


def counts(connection: Connection) -> dict[str, int]:
    """How many retries are in each state."""
    rows = connection.execute(select(Retry.state, func.count()).group_by(Retry.state))
    return {state: number for state, number in rows}


def pending_by_domain(connection: Connection) -> dict[str, int]:
    rows = connection.execute(
        select(Retry.domain, func.count())
        .where(Retry.state.in_(("pending", "ready")))
        .group_by(Retry.domain)
    )
    return {domain: number for domain, number in rows}


def spooled_raw(engine: Engine, message_id: int) -> bytes | None:
    """The bounce as it arrived (None once purged): the relay's source."""
    with engine.connect().execution_options(readonly=True) as connection:
        return connection.scalar(
            select(InboundMessage.raw).where(InboundMessage.id == message_id)
        )


# -- helpers -------------------------------------------------------------------------


def _apply_result(
    connection: Connection,
    item: RetryItem,
    result: DispatchResult,
    fence: Any,
    now: datetime,
    rules: Rules,
    config: RetryConfig,
) -> bool:
    """Move one retry on according to its result; False if the fence failed."""
    where = update(Retry).where(Retry.id == item.id, fence)
    free = {"claimed_by": None, "claim_expires": None, "last_result": result.detail}
    outcome = result.outcome
    if outcome is Outcome.ACCEPTED:
        values: dict[str, Any] = {
            **free,
            "state": "dispatched",
            "attempt": item.attempt,
            "dispatched_at": now,
            "failures": 0,
        }
    elif outcome is Outcome.OFFERED:
        values = {**free, "state": "ready"}
    elif outcome is Outcome.ERROR:
        values = {**free, "due_at": _handoff_due(connection, item, now, config)}
        values["failures"] = Retry.failures + 1
    else:
        due = (
            policy.next_due(item.attempt, now, item.give_up_at, rules)
            if outcome in (Outcome.THROTTLED, Outcome.DEFERRED)
            else None
        )
        if due is not None:
            values = {
                **free,
                "state": "pending",
                "attempt": item.attempt,
                "due_at": due,
            }
        else:
            state = "failed" if outcome is Outcome.FAILED else "expired"
            values = {**free, "state": state, "attempt": item.attempt}
            values["finished_at"] = now
    if connection.execute(where.values(**values)).rowcount != 1:
        return False
    if values.get("finished_at") is not None:
        _give_up(
            connection, item, f"{outcome.value}: {result.detail}", now, rules, config
        )
    return True


def _handoff_due(
    connection: Connection, item: RetryItem, now: datetime, config: RetryConfig
) -> datetime:
    """The dispatcher failed: the same attempt again after a doubling delay."""
    failures = connection.scalar(select(Retry.failures).where(Retry.id == item.id)) or 0
    delay = min(config.handoff_retry * 2 ** min(failures, 20), max(config.max_gap, 1.0))
    return now + timedelta(seconds=delay)


def _give_up(
    connection: Connection,
    item: RetryItem,
    why: str,
    now: datetime,
    rules: Rules,
    config: RetryConfig,
) -> None:
    """A retry ended undelivered: one soft bounce of its address (policy.give_up)."""
    history = effects.history(
        connection, item.recipient, now, rules, list_id=item.list_id
    )
    decision = policy.give_up(history, rules, attempts=item.attempt, why=why)
    effects.apply(
        connection,
        subject=item.recipient,
        decision=decision,
        facts=effects.Facts(
            reason=item.reason, status=item.status, reply_code=item.reply_code
        ),
        event_id=None,
        why=effects.why(decision, "retry"),
        actor="retry",
        now=now,
        retry_config=config,
    )
    log.info(
        "retry gave up recipient=%s attempt=%d why=%s verdict=%s",
        item.recipient,
        item.attempt,
        why,
        decision.verdict.value,
    )


def _note_domain(
    connection: Connection,
    domain: str,
    results: Sequence[DispatchResult],
    now: datetime,
    config: RetryConfig,
) -> None:
    """One pacing step per batch: any "slow down" shrinks, an accepted batch grows."""
    outcomes = {result.outcome for result in results}
    throttled = Outcome.THROTTLED in outcomes
    accepted = Outcome.ACCEPTED in outcomes
    if not throttled and not accepted:
        return  # offered, errors, deferrals: nothing learned about the domain
    summary = ", ".join(
        f"{sum(r.outcome is o for r in results)} {o.value}"
        for o in Outcome
        if o in outcomes
    )
    pace = domains.note_batch(
        connection,
        domain,
        config,
        now,
        throttled=throttled,
        accepted=accepted,
        summary=summary,
    )
    log.info(
        "domain paced domain=%s batch_size=%d gap=%gs after=%s",
        domain,
        pace.batch_size,
        pace.gap,
        summary,
    )


def _item(row: Any) -> RetryItem:
    return RetryItem(
        id=row.id,
        key=f"{row.key}-{row.attempt + 1}",
        recipient=row.recipient,
        domain=row.domain,
        attempt=row.attempt + 1,
        list_id=row.list_id,
        orig_message_id=row.orig_message_id,
        campaign=row.campaign,
        subscriber=row.subscriber,
        reason=row.reason,
        status=row.status,
        reply_code=row.reply_code,
        provably_ours=row.provably_ours,
        message_id=row.message_id,
        created_at=row.created_at,
        due_at=row.due_at,
        give_up_at=row.give_up_at,
    )


def _clip(value: str | None, limit: int) -> str | None:
    return None if value is None else value[:limit]
