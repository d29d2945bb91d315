"""Operations shared by the CLI and the HTTP API, one function per verb.

Each takes an engine and plain values and returns plain values, so the two
front ends stay thin and behave the same. Addresses are validated and normalized
here, once, for both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bounced import address as addresses
from bounced import verp as verps
from bounced.config import Config, VerpConfig
from bounced.dispatch import Outcome
from bounced.dispatch.webhook import event
from bounced.errors import ApiError
from bounced.policy import Rules
from bounced.store import domains, outcomes, retries, softbounces, suppressions
from bounced.store.domains import DomainRow
from bounced.store.retries import RetryRow
from bounced.store.schema import BounceEvent
from bounced.store.softbounces import SoftDay
from bounced.store.suppressions import Change, SuppressionRow

# What a pull consumer may report for a retry it took (service.ack_retries).
ACK_OUTCOMES = {
    "accepted": Outcome.ACCEPTED,
    "throttled": Outcome.THROTTLED,
    "deferred": Outcome.DEFERRED,
    "failed": Outcome.FAILED,
}


def normalize_or_raise(text: str) -> str:
    """The normalized address, or an ApiError(422) that names the problem."""
    normalized = addresses.normalize(text)
    if normalized is None:
        raise ApiError(
            422, "invalid_address", f"not a valid email address: {text[:320]!r}"
        )
    return normalized


# -- VERP: what a sender (or `bounced verp`) asks before it sends ----------------

# RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. Postfix and Exim accept
# longer ones, but a strict remote server may refuse to bounce to them, so the
# caller is told (a list id or message id in the address makes it long).
MAX_LOCAL_PART = 64
_MAX_VERP_FIELD = 255


@dataclass(frozen=True, slots=True, kw_only=True)
class SignedAddress:
    """A signed Return-Path and what it says."""

    address: str
    recipient: str
    bounce_domain: str
    list_id: str | None
    message_id: str | None
    expires: date  # the last day a bounce to it is trusted
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        document = asdict(self)
        document["expires"] = self.expires.isoformat()
        document["warnings"] = list(self.warnings)
        return document


def verp_encode(
    verp: VerpConfig,
    bounce_domains: Sequence[str],
    recipient: str,
    *,
    now: datetime,
    bounce_domain: str | None = None,
    list_id: str | None = None,
    message_id: str | None = None,
) -> SignedAddress:
    """The signed Return-Path for one recipient of one message.

    Raises ApiError: 503 verp_not_configured without a secret, 422 for an
    address, domain, list id or message id that cannot be signed.
    """
    if not verp.secrets:
        raise ApiError(
            503, "verp_not_configured", "no VERP secret configured ([verp] secrets)"
        )
    normalized = normalize_or_raise(recipient)
    if normalized.startswith('"'):
        raise ApiError(
            422,
            "invalid_address",
            "a quoted local part cannot be put in a VERP address",
        )
    domain = (bounce_domain or bounce_domains[0]).lower().rstrip(".")
    if domain not in {d.lower().rstrip(".") for d in bounce_domains}:
        raise ApiError(
            422,
            "unknown_bounce_domain",
            f"{domain[:255]!r} is not one of smtp.bounce_domains",
        )
    for name, value in (("list_id", list_id), ("message_id", message_id)):
        if value is not None and (
            len(value) > _MAX_VERP_FIELD or any(ord(c) < 32 for c in value)
        ):
            raise ApiError(
                422,
                f"invalid_{name}",
                f"{name} must be at most {_MAX_VERP_FIELD} characters,"
                " without control characters",
            )
    lifetime = int(verp.lifetime // 86400)
    codec = verps.Codec(verp.secrets, verp.prefix, lifetime)
    address = codec.encode(
        normalized,
        bounce_domain=domain,
        now=now,
        list_id=list_id or None,
        message_id=message_id or None,
    )
    local = address.rpartition("@")[0]
    warnings = []
    if len(local) > MAX_LOCAL_PART:
        warnings.append(
            f"the local part is {len(local)} characters, over RFC 5321's"
            f" {MAX_LOCAL_PART}; a strict server may refuse to bounce to it"
        )
    return SignedAddress(
        address=address,
        recipient=normalized,
        bounce_domain=domain,
        list_id=list_id or None,
        message_id=message_id or None,
        expires=verps.today_utc(now) + timedelta(days=lifetime),
        warnings=tuple(warnings),
    )


def verp_decode(verp: VerpConfig, address: str, *, now: datetime) -> dict[str, Any]:
    """What a bounce address says: form, recipient, list, message, validity."""
    codec = verps.Codec(verp.secrets, verp.prefix, int(verp.lifetime // 86400))
    data = codec.decode(address, now)
    if data is None:
        return {
            "address": address,
            "form": None,
            "recipient": None,
            "list_id": None,
            "message_id": None,
            "signed": False,
            "valid": False,
            "problem": "not a VERP address",
        }
    return {
        "address": address,
        "form": data.form,
        "recipient": data.recipient,
        "list_id": data.list_id,
        "message_id": data.message_id,
        "signed": data.signed,
        "valid": data.valid,
        "problem": data.problem
        or (None if data.signed else "unsigned: anyone can write this form"),
    }


def check(
    engine: Engine, address: str, *, now: datetime | None = None
) -> list[SuppressionRow]:
    """The suppressions of one address in force (empty when it may be mailed)."""
    normalized = normalize_or_raise(address)
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.find(connection, normalized, now=now or _utcnow())


def list_suppressions(
    engine: Engine,
    *,
    reason: str | None = None,
    domain: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[SuppressionRow]:
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.list_(
            connection, reason=reason, domain=domain, limit=limit, after=after
        )


def remove(
    engine: Engine, address: str, *, actor: str, now: datetime, note: str | None = None
) -> int:
    """Reactivate an address: delete its suppressions, recording who did it."""
    normalized = normalize_or_raise(address)
    with engine.begin() as connection:
        return suppressions.remove(
            connection, normalized, scopes=None, actor=actor, now=now, note=note
        )


def spool_counts(engine: Engine) -> dict[str, int]:
    return outcomes.spool_counts(engine)


def reprocess(engine: Engine, ids: list[int] | None = None) -> int:
    """Queue unparsed, failed and quarantined messages to be parsed again."""
    return outcomes.reset_unparsed(engine, ids=ids)


# -- policy: why an address is where it is -------------------------------------------


@dataclass(frozen=True, slots=True)
class EventLine:
    """One recent bounce event of an address, with the decision taken."""

    id: int
    occurred_at: datetime
    action: str
    status: str | None
    reply_code: int | None
    reason: str
    decision: str
    why: dict[str, Any] | None
    list_id: str | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything `bounced suppressions show ADDR` prints."""

    address: str
    suppressions: list[SuppressionRow]
    why: dict[str, dict[str, Any] | None]  # by scope: the decision's rule and inputs
    soft_days: list[SoftDay]  # counted days still inside the window
    soft_threshold: int
    soft_window_days: int
    retries: list[RetryRow]
    events: list[EventLine]
    changes: list[Change]


def explain(
    engine: Engine, address: str, *, config: Config, now: datetime, events: int = 20
) -> Explanation:
    """How the address got where it is: suppressions with their why, soft-bounce
    days, retries, recent events and the audit trail."""
    normalized = normalize_or_raise(address)
    rules = Rules.from_config(config.policy, config.retry)
    with engine.connect().execution_options(readonly=True) as connection:
        rows = suppressions.find(connection, normalized, now=now)
        days = softbounces.days(connection, normalized, rules.window_start(now))
        open_retries = retries.list_(connection, recipient=normalized, limit=50)
        recent = connection.execute(
            select(
                BounceEvent.id,
                BounceEvent.occurred_at,
                BounceEvent.action,
                BounceEvent.status,
                BounceEvent.reply_code,
                BounceEvent.reason,
                BounceEvent.decision,
                BounceEvent.why,
                BounceEvent.list_id,
            )
            .where(BounceEvent.subject == normalized)
            .order_by(BounceEvent.id.desc())
            .limit(events)
        ).all()
        trail = suppressions.changes(connection, normalized)
    return Explanation(
        address=normalized,
        suppressions=rows,
        why={row.scope: _json(row.why) for row in rows},
        soft_days=days,
        soft_threshold=rules.soft_threshold,
        soft_window_days=rules.soft_window.days,
        retries=open_retries,
        events=[
            EventLine(
                id=row.id,
                occurred_at=row.occurred_at,
                action=row.action,
                status=row.status,
                reply_code=row.reply_code,
                reason=row.reason,
                decision=row.decision,
                why=_json(row.why),
                list_id=row.list_id,
            )
            for row in recent
        ],
        changes=trail,
    )


def reset_soft_bounces(engine: Engine, address: str) -> int:
    """Forget an address's soft bounces (an explicit success); returns days cleared."""
    normalized = normalize_or_raise(address)
    with engine.begin() as connection:
        return softbounces.clear(connection, normalized)


# -- domains: pacing and sender alerts -----------------------------------------------


def list_domains(
    engine: Engine,
    *,
    config: Config,
    now: datetime,
    alerts_only: bool = False,
    limit: int = 1000,
) -> list[DomainRow]:
    """Destination domains with their retry pace, waiting retries and sender alert.

    With `alerts_only`, only domains whose alert is active (last seen within
    `[policy] alert_window`).
    """
    window = config.policy.alert_window
    with engine.connect().execution_options(readonly=True) as connection:
        rows = domains.list_(connection, limit=limit)
        waiting = retries.pending_by_domain(connection)
    rows = [replace(row, pending=waiting.get(row.domain, 0)) for row in rows]
    if alerts_only:
        rows = [row for row in rows if row.alert_active(now, window)]
    return rows


def clear_alert(engine: Engine, domain: str, *, now: datetime) -> bool:
    """Acknowledge a domain's sender alert; False if it had none."""
    with engine.begin() as connection:
        return domains.clear_alert(connection, domain.lower().rstrip("."), now)


# -- retries -------------------------------------------------------------------------


def list_retries(
    engine: Engine,
    *,
    states: Sequence[str] | None = None,
    domain: str | None = None,
    recipient: str | None = None,
    limit: int = 100,
) -> list[RetryRow]:
    """Retries, soonest due first; `states` among retries.STATES."""
    unknown = [s for s in states or () if s not in retries.STATES]
    if unknown:
        raise ApiError(
            422,
            "invalid_state",
            f"unknown retry state {unknown[0]!r}; allowed: {', '.join(retries.STATES)}",
        )
    target = normalize_or_raise(recipient) if recipient else None
    with engine.connect().execution_options(readonly=True) as connection:
        return retries.list_(
            connection,
            states=states,
            domain=domain.lower() if domain else None,
            recipient=target,
            limit=limit,
        )


def retry_counts(engine: Engine) -> dict[str, int]:
    with engine.connect().execution_options(readonly=True) as connection:
        return retries.counts(connection)


def pull_retries(
    engine: Engine, *, consumer: str, limit: int, config: Config, now: datetime
) -> list[dict[str, Any]]:
    """Lease up to `limit` due retries to `consumer` (`[retry] dispatcher = "pull"`).

    Each is a `retry.due` event (the webhook's format); its `id` is the key to
    acknowledge. Not acknowledged within `[retry] pull_lease`, it is offered
    again with the same id.
    """
    if not consumer or len(consumer) > 64:
        raise ApiError(422, "invalid_consumer", "consumer: 1 to 64 characters")
    items = retries.pull(
        engine,
        consumer=consumer,
        limit=max(1, min(limit, 1000)),
        lease=config.retry.pull_lease,
        now=now,
    )
    return [event(item) for item in items]


def ack_retries(
    engine: Engine,
    acks: Mapping[str, str],
    *,
    config: Config,
    now: datetime,
    details: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Record what a pull consumer did with each retry, by event id.

    Outcomes: accepted (sent), throttled (the domain said 421/447/450: its batches
    shrink), deferred (another temporary failure: next step of the schedule),
    failed (will never work: counted as a soft bounce). Returns each id's fate;
    "unknown" for an id not waiting (already acknowledged, or never pulled).
    """
    bad = [value for value in acks.values() if value not in ACK_OUTCOMES]
    if bad:
        raise ApiError(
            422,
            "invalid_outcome",
            f"unknown outcome {bad[0]!r}; allowed: {', '.join(ACK_OUTCOMES)}",
        )
    rules = Rules.from_config(config.policy, config.retry)
    results = {
        key: (ACK_OUTCOMES[value], (details or {}).get(key, f"pull: {value}"))
        for key, value in acks.items()
    }
    return retries.ack(engine, results, now=now, rules=rules, config=config.retry)


def _json(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def _utcnow() -> datetime:
    return datetime.now(UTC)
