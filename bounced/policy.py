"""What to do about one finding: suppress the address, retry it, or only record it.

A pure function of (finding, classification, what the store knows about the
address, the rules from configuration) to a `Decision` that carries its why:
the rule that fired and the inputs it saw, stored with the event and the
suppression so `bounced suppressions show ADDR` can explain it.

The rules, in the order `decide` applies them:

1. ARF complaints (RFC 5965) of a complaint type suppress at once, per list by
   default: a person said "this is spam" about one list's mail.
2. Deliveries, auto-replies (RFC 3834) and delayed/relayed/expanded notices
   (RFC 3464 §2.3.3) are recorded only; a delivery also clears the soft count.
3. Transient failures (4.x.x, 4xx with Action: failed) are retried on the
   configured schedule; a retry that gives up counts as one soft bounce.
4. Permanent failures about the address (userunknown, ...; `suppress_reasons`)
   suppress on first sight.
5. Permanent failures that blame the sender (blocked, badreputation, ...;
   `sender_reasons`) raise a sender alert for the domain, slow it down, and
   count as a soft bounce: one bad IP must not wipe out good subscribers.
6. Other permanent failures (the message, not the address) count as soft bounces.

Soft bounces follow Mailman 3's bounce score (`bounce_score_threshold`,
`bounce_info_stale_after`, at most one increment per day,
src/mailman/model/bounce.py and app/bounces.py), kept as one row per day so
old days drop out of a sliding window instead of resetting the whole score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bounced import pacing
from bounced.config import PolicyConfig, RetryConfig, expiry_table
from bounced.reasons import Reason
from bounced.report import Action, Classification, Finding

# RFC 5965 §3.1 makes Feedback-Type mandatory; reports that lack it come from
# ISPs' complaint loops all the same, so they are read as "abuse".
DEFAULT_FEEDBACK_TYPE = "abuse"

# RFC 3464 §2.3.3: "delayed" means the reporting MTA is still trying; "relayed"
# and "expanded" mean it handed the message on. None is a failure.
_STILL_GOING = frozenset({Action.DELAYED, Action.RELAYED, Action.EXPANDED})


class Verdict(StrEnum):
    SUPPRESS = "suppress"
    RETRY = "retry"
    RECORD = "record"


class RetryAction(StrEnum):
    """What happens to the address's retry."""

    CREATE = "create"  # a new retry, due after the first step
    KEEP = "keep"  # one is already scheduled and not yet sent: nothing changes
    RESCHEDULE = "reschedule"  # the retried message failed again: next step
    EXPIRE = "expire"  # the next step would be past the lifetime: give up
    CANCEL = "cancel"  # a permanent failure or a delivery ends it
    DONE = "done"  # delivered


class Source(StrEnum):
    """Why a suppression exists, in words an export can carry (INTEGRATIONS.md)."""

    BOUNCE = "bounce"
    COMPLAINT = "complaint"
    SOFT_THRESHOLD = "soft_threshold"


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenRetry:
    """A retry of the address not yet finished."""

    key: str
    state: str  # pending, ready (waiting to be pulled), dispatched
    attempt: int  # attempts handed to the dispatcher so far
    created_at: datetime
    give_up_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """What the store knows about the address, and about the bounce, before deciding.

    `soft_days` are the days (UTC) that already counted as soft bounces within
    the window. `list_id` is the list the bounced message was sent for (List-Id
    of the returned message, else the VERP data). `provably_ours` says the bounce
    came to a validly signed VERP address for this very recipient and returned
    an original (the relay dispatcher re-sends only those).
    """

    now: datetime
    suppressed: bool = False
    soft_days: tuple[date, ...] = ()
    retry: OpenRetry | None = None
    list_id: str | None = None
    provably_ours: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPlan:
    action: RetryAction
    due_at: datetime | None = None
    give_up_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """The verdict, its why (the rule and the inputs it saw), and its side effects.

    `count_soft` adds today to the address's soft days; `clear_soft` empties
    them. `alert` raises a sender alert for the address's domain; `throttle`
    halves that domain's retry batches. `expires_after` is how long a
    suppression lasts (None: until removed).
    """

    verdict: Verdict
    rule: str
    inputs: dict[str, Any] = field(default_factory=dict)
    scope: str = "global"
    source: Source = Source.BOUNCE
    count_soft: bool = False
    clear_soft: bool = False
    alert: bool = False
    throttle: bool = False
    expires_after: timedelta | None = None
    retry: RetryPlan | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """`[policy]` and the parts of `[retry]` a decision needs, parsed once."""

    suppress_reasons: frozenset[Reason]
    sender_reasons: frozenset[Reason]
    soft_threshold: int
    soft_window: timedelta
    complaint_types: frozenset[str]
    complaint_scope: str
    bounce_scope: str
    expire_after: Mapping[str, timedelta]
    retries: bool  # a dispatcher is configured
    relay_only: bool  # the dispatcher re-sends originals: only provably ours
    schedule: tuple[timedelta, ...]
    lifetime: timedelta

    @classmethod
    def from_config(cls, policy: PolicyConfig, retry: RetryConfig) -> Rules:
        return cls(
            suppress_reasons=frozenset(Reason(r) for r in policy.suppress_reasons),
            sender_reasons=frozenset(Reason(r) for r in policy.sender_reasons),
            soft_threshold=policy.soft_bounce_threshold,
            soft_window=timedelta(seconds=policy.soft_bounce_window),
            complaint_types=frozenset(t.lower() for t in policy.complaint_types),
            complaint_scope=policy.complaint_scope,
            bounce_scope=policy.bounce_scope,
            expire_after={
                key: timedelta(seconds=seconds)
                for key, seconds in expiry_table(policy.expire_after).items()
            },
            retries=retry.dispatcher != "none",
            relay_only=retry.dispatcher == "relay",
            schedule=tuple(timedelta(seconds=s) for s in retry.schedule),
            lifetime=timedelta(seconds=retry.lifetime),
        )

    def window_start(self, now: datetime) -> date:
        """The first day still inside the soft-bounce window ending today."""
        return utc_day(now) - self.soft_window + timedelta(days=1)


DEFAULT_RULES = Rules.from_config(PolicyConfig(), RetryConfig())


def decide(
    finding: Finding,
    classification: Classification,
    history: History,
    rules: Rules = DEFAULT_RULES,
) -> Decision:
    """The decision for one finding about one address."""
    inputs: dict[str, Any] = {
        "reason": classification.reason.value,
        "permanent": classification.permanent,
        "hard": classification.hard,
        "status": finding.status,
        "reply_code": finding.reply_code,
        "action": finding.action.value,
    }
    reason = classification.reason
    if reason is Reason.FEEDBACK or finding.feedback_type is not None:
        return _complaint(finding, history, rules, inputs)
    if finding.action is Action.DELIVERED or reason is Reason.DELIVERED:
        # A success ends the soft-bounce run (Mailman resets the score on a
        # successful delivery too) and any retry of the address.
        return Decision(
            verdict=Verdict.RECORD,
            rule="delivered: soft bounces cleared",
            inputs=inputs,
            clear_soft=True,
            retry=_end(history, RetryAction.DONE),
        )
    if reason is Reason.VACATION:
        return Decision(verdict=Verdict.RECORD, rule="auto-reply", inputs=inputs)
    if finding.action in _STILL_GOING:
        rule = f"{finding.action.value} notice: the reporting server is not done"
        return Decision(verdict=Verdict.RECORD, rule=rule, inputs=inputs)
    if not classification.permanent:
        return _transient(finding, reason, history, rules, inputs)
    return _permanent(finding, reason, history, rules, inputs)


def give_up(history: History, rules: Rules, *, attempts: int, why: str) -> Decision:
    """A retry ended undelivered (lifetime over, or the dispatcher refused it).

    It counts as one soft bounce of the address, which may cross the threshold.
    """
    inputs: dict[str, Any] = {"attempts": attempts, "retry_ended": why}
    return _soft(history, rules, inputs, f"retry gave up ({why})")


def next_due(
    attempt: int, now: datetime, give_up_at: datetime, rules: Rules
) -> datetime | None:
    """When the next attempt is due after `attempt` tries, or None if past the end.

    The schedule's last step repeats until the lifetime runs out (Postfix's
    maximal_backoff_time works the same way).
    """
    step = rules.schedule[min(attempt, len(rules.schedule) - 1)]
    due = now + step
    return due if due <= give_up_at else None


def scope_for(kind: str, list_id: str | None) -> str:
    """ "global", or "list:<id>" when a per-list scope is asked for and known."""
    if kind == "list" and list_id:
        return f"list:{list_id}"
    return "global"


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _complaint(
    finding: Finding, history: History, rules: Rules, inputs: dict[str, Any]
) -> Decision:
    feedback_type = (finding.feedback_type or DEFAULT_FEEDBACK_TYPE).strip().lower()
    inputs = {**inputs, "feedback_type": feedback_type, "list_id": history.list_id}
    if feedback_type not in rules.complaint_types:
        # not-spam (RFC 6430) inverts a complaint; auth-failure (RFC 6591) reports
        # our authentication, not the person's wish.
        rule = f"feedback report of type {feedback_type} is not a complaint"
        return Decision(verdict=Verdict.RECORD, rule=rule, inputs=inputs)
    return Decision(
        verdict=Verdict.SUPPRESS,
        rule=f"complaint ({feedback_type})",
        inputs=inputs,
        scope=scope_for(rules.complaint_scope, history.list_id),
        source=Source.COMPLAINT,
        expires_after=rules.expire_after.get(Reason.FEEDBACK.value),
    )


def _transient(
    finding: Finding,
    reason: Reason,
    history: History,
    rules: Rules,
    inputs: dict[str, Any],
) -> Decision:
    throttle = pacing.is_throttle(finding.reply_code, finding.status, reason)
    inputs = {**inputs, "throttle": throttle}
    if not rules.retries:
        decision = _soft(history, rules, inputs, "transient failure, retries are off")
        return _with(decision, throttle=throttle)
    if rules.relay_only and not history.provably_ours:
        # The relay re-sends only what a signed VERP bounce returned whole; this
        # failure cannot be retried, so it is as good as given up.
        rule = "transient failure, not retried: not provably our message"
        return _with(_soft(history, rules, inputs, rule), throttle=throttle)
    now, open_retry = history.now, history.retry
    if open_retry is None:
        plan = RetryPlan(
            action=RetryAction.CREATE,
            due_at=now + rules.schedule[0],
            give_up_at=now + rules.lifetime,
        )
        rule = "transient failure: retry scheduled"
    elif open_retry.state != "dispatched":
        plan = RetryPlan(action=RetryAction.KEEP)
        rule = "transient failure: a retry is already scheduled"
    else:
        inputs = {**inputs, "attempts": open_retry.attempt}
        due = next_due(open_retry.attempt, now, open_retry.give_up_at, rules)
        if due is None:
            plan = RetryPlan(action=RetryAction.EXPIRE)
            decision = _soft(history, rules, inputs, "retried message failed again")
            return _with(decision, throttle=throttle, retry=plan)
        plan = RetryPlan(
            action=RetryAction.RESCHEDULE, due_at=due, give_up_at=open_retry.give_up_at
        )
        rule = f"retried message failed again: attempt {open_retry.attempt + 1}"
    return Decision(
        verdict=Verdict.RETRY, rule=rule, inputs=inputs, throttle=throttle, retry=plan
    )


def _permanent(
    finding: Finding,
    reason: Reason,
    history: History,
    rules: Rules,
    inputs: dict[str, Any],
) -> Decision:
    ended = _end(history, RetryAction.CANCEL)
    if reason in rules.suppress_reasons:
        if reason is Reason.UNDEFINED and not (finding.status or finding.reply_code):
            # Nothing but the word "failed": too little to condemn an address.
            rule = "permanent failure without a status code"
            return _with(_soft(history, rules, inputs, rule), retry=ended)
        return Decision(
            verdict=Verdict.SUPPRESS,
            rule=f"permanent failure about the address ({reason.value})",
            inputs=inputs,
            scope=scope_for(rules.bounce_scope, history.list_id),
            expires_after=rules.expire_after.get(reason.value),
            retry=ended,
        )
    if reason in rules.sender_reasons:
        rule = f"permanent failure blaming the sender ({reason.value}): sender alert"
        decision = _soft(history, rules, inputs, rule)
        return _with(decision, alert=True, throttle=True, retry=ended)
    rule = f"permanent failure not about the address ({reason.value})"
    return _with(_soft(history, rules, inputs, rule), retry=ended)


def _soft(history: History, rules: Rules, inputs: dict[str, Any], why: str) -> Decision:
    """Count today as a soft-bounce day; suppress once the days reach the threshold."""
    today = utc_day(history.now)
    start = rules.window_start(history.now)
    days = sorted({d for d in history.soft_days if d >= start} | {today})
    inputs = {
        **inputs,
        "soft_days": [d.isoformat() for d in days],
        "soft_threshold": rules.soft_threshold,
        "soft_window_days": rules.soft_window.days,
        "counted_today_already": today in history.soft_days,
    }
    if len(days) >= rules.soft_threshold:
        return Decision(
            verdict=Verdict.SUPPRESS,
            rule=(
                f"{why}; soft bounces on {len(days)} days within"
                f" {rules.soft_window.days} days (threshold {rules.soft_threshold})"
            ),
            inputs=inputs,
            scope=scope_for(rules.bounce_scope, history.list_id),
            source=Source.SOFT_THRESHOLD,
            count_soft=True,
            expires_after=rules.expire_after.get(Source.SOFT_THRESHOLD.value),
        )
    return Decision(
        verdict=Verdict.RECORD,
        rule=f"{why}; soft bounce {len(days)} of {rules.soft_threshold}",
        inputs=inputs,
        count_soft=True,
    )


def _end(history: History, action: RetryAction) -> RetryPlan | None:
    return RetryPlan(action=action) if history.retry is not None else None


def _with(decision: Decision, **changes: Any) -> Decision:
    return replace(decision, **changes)
