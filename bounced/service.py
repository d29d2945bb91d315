"""Operations shared by the CLI and the HTTP API, one function per verb.

Each takes an engine and plain values and returns plain values, so the two
front ends stay thin and behave the same. Addresses are validated and normalized
here, once, for both; a request the store cannot answer raises ApiError, which
the API renders as JSON and the CLI as one line on stderr. Every function is
synchronous: the API runs them in worker threads, never on the event loop.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from bounced import address as addresses
from bounced import interchange, privacy
from bounced import verp as verps
from bounced.config import Config, VerpConfig
from bounced.dispatch import Outcome
from bounced.dispatch.webhook import event
from bounced.errors import ApiError
from bounced.metrics import StoreSnapshot
from bounced.policy import Rules
from bounced.reasons import Reason
from bounced.store import (
    domains,
    events,
    outcomes,
    retries,
    sent,
    softbounces,
    suppressions,
)
from bounced.store import privacy as privacy_store
from bounced.store.domains import DomainRow
from bounced.store.events import EventFilters, EventRow
from bounced.store.lookup import Lookup
from bounced.store.retries import RetryRow
from bounced.store.schema import BounceEvent
from bounced.store.softbounces import SoftDay
from bounced.store.suppressions import (
    Change,
    Filters,
    NewSuppression,
    SuppressionRow,
)

# What a pull consumer may report for a retry it took (service.ack_retries).
ACK_OUTCOMES = {
    "accepted": Outcome.ACCEPTED,
    "throttled": Outcome.THROTTLED,
    "deferred": Outcome.DEFERRED,
    "failed": Outcome.FAILED,
}

IMPORT_BATCH = 1000  # rows per transaction: a long import never holds the writer
EXPORT_PAGE = 5000  # rows per read: an export never holds one snapshot open
REJECTED_SHOWN = 100  # rejected import lines listed back (the count is complete)
MAX_LIST_ID = 290  # scope is "list:" + the id in a String(300) column

T = TypeVar("T")

_DURATION = re.compile(r"^(\d{1,9})([mhdw])$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def normalize_or_raise(text: str) -> str:
    """The normalized address, or an ApiError(422) that names the problem."""
    normalized = addresses.normalize(text)
    if normalized is None:
        raise ApiError(
            422, "invalid_address", f"not a valid email address: {text[:320]!r}"
        )
    return normalized


def scope_for(list_id: str | None) -> str:
    """The stored scope of a list id ("list:<id>"), or "global" for None."""
    if list_id is None:
        return "global"
    cleaned = list_id.strip().strip("<>")
    if not cleaned or len(cleaned) > MAX_LIST_ID or not cleaned.isprintable():
        raise ApiError(
            422,
            "invalid_list",
            f"a list id is 1 to {MAX_LIST_ID} printable characters",
        )
    return f"list:{cleaned}"


def reason_or_raise(text: str) -> Reason:
    try:
        return Reason(text)
    except ValueError:
        raise ApiError(
            422,
            "invalid_reason",
            f"unknown reason {text[:40]!r}; one of: {', '.join(Reason)}",
        ) from None


def domain_or_raise(text: str) -> str:
    """A domain as stored (lowercase ASCII), validated like an address's."""
    normalized = addresses.normalize(f"x@{text}")
    if normalized is None:
        raise ApiError(422, "invalid_domain", f"not a valid domain: {text[:255]!r}")
    return addresses.domain_of(normalized)


def as_utc(value: datetime | None) -> datetime | None:
    """A query time in UTC (one without an offset is taken to be UTC already);
    a time that has no UTC equivalent (year 1 at +01:00) is a 422."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ApiError(
            422, "invalid_time", f"{value.isoformat()} is out of range"
        ) from None


def parse_duration(text: str) -> timedelta | None:
    """`30m`, `12h`, `7d`, `2w` as a timedelta; None when it is no duration."""
    match = _DURATION.match(text.strip())
    if match is None:
        return None
    try:
        return timedelta(seconds=int(match[1]) * _UNITS[match[2]])
    except OverflowError:
        raise ApiError(422, "invalid_time", f"{text[:40]!r} is too long") from None


def parse_since(text: str, now: datetime) -> datetime:
    """`7d`, `12h`, `30m`, `2w` before now, or an ISO 8601 date or time (UTC if
    no offset)."""
    duration = parse_duration(text)
    if duration is not None:
        try:
            return now - duration
        except OverflowError:
            raise ApiError(422, "invalid_time", f"{text[:40]!r} is too long") from None
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ApiError(
            422,
            "invalid_time",
            f"expected a duration (7d, 12h) or an ISO 8601 time, got {text[:40]!r}",
        ) from None
    aware = as_utc(parsed)
    assert aware is not None
    return aware


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


# -- suppressions: one address --------------------------------------------------------


def check(
    engine: Engine,
    address: str,
    *,
    now: datetime | None = None,
    tombstone_key: str | None = None,
) -> list[SuppressionRow]:
    """The suppressions of one address in force (empty when it may be mailed).

    With `tombstone_key`, an address erased by `forget` is found by its keyed
    hash and reported suppressed (source "forgotten").
    """
    normalized = normalize_or_raise(address)
    with _reader(engine) as connection:
        rows = suppressions.find(connection, normalized, now=now or _utcnow())
        if not rows and tombstone_key:
            digest = privacy.tombstone(tombstone_key, normalized)
            rows = privacy_store.forgotten(connection, {digest: normalized})
        return rows


async def check_on_loop(
    lookup: Lookup, address: str, *, tombstone_key: str | None = None
) -> list[SuppressionRow]:
    """`check` for the API's hot path on PostgreSQL: the same statements, run on
    the event loop (store/lookup.py) instead of in a worker thread."""
    normalized = normalize_or_raise(address)
    digest = privacy.tombstone(tombstone_key, normalized) if tombstone_key else None
    return await lookup.find(normalized, now=_utcnow(), digest=digest)


def add(
    engine: Engine,
    address: str,
    *,
    reason: Reason = Reason.SUPPRESSED,
    list_id: str | None = None,
    note: str | None = None,
    expires_at: datetime | None = None,
    actor: str,
    now: datetime,
) -> tuple[str, SuppressionRow]:
    """Suppress an address by hand; returns ("added" or "updated", the row)."""
    normalized = normalize_or_raise(address)
    scope = scope_for(list_id)
    note = _text(note)
    if expires_at is not None and expires_at <= now:
        raise ApiError(422, "invalid_expiry", "expires_at must be in the future")
    with engine.begin() as connection:
        change = suppressions.add(
            connection,
            address=normalized,
            scope=scope,
            reason=reason.value,
            source="manual",
            actor=actor,
            now=now,
            note=note,
            expires_at=expires_at,
        )
        row = next(
            r for r in suppressions.find(connection, normalized) if r.scope == scope
        )
    return change, row


def remove(
    engine: Engine,
    address: str,
    *,
    actor: str,
    now: datetime,
    note: str | None = None,
    list_id: str | None = None,
    tombstone_key: str | None = None,
) -> int:
    """Reactivate an address: delete its suppressions (all, or one list's),
    recording who did it; a forgotten address's tombstone goes too (the person
    may sign up again), unless only one list's suppression is removed."""
    normalized = normalize_or_raise(address)
    scopes = None if list_id is None else [scope_for(list_id)]
    note = _text(note)
    with engine.begin() as connection:
        removed = suppressions.remove(
            connection, normalized, scopes=scopes, actor=actor, now=now, note=note
        )
        if tombstone_key and list_id is None:
            digest = privacy.tombstone(tombstone_key, normalized)
            removed += privacy_store.unforget(connection, digest)
        return removed


# -- suppressions: many addresses ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Which of the checked addresses are suppressed, and which are not addresses."""

    checked: int
    suppressed: list[SuppressionRow]
    invalid: list[str]


def check_many(
    engine: Engine,
    texts: Sequence[str],
    *,
    list_id: str | None = None,
    now: datetime | None = None,
    tombstone_key: str | None = None,
) -> CheckResult:
    """Check many addresses before a send.

    With a list, an address is suppressed by a global suppression or one for that
    list; without, by any suppression (never mail what is suppressed anywhere).
    """
    scopes = None if list_id is None else ["global", scope_for(list_id)]
    normalized: list[str] = []
    invalid: list[str] = []
    for candidate in texts:
        address = addresses.normalize(candidate)
        if address is None:
            invalid.append(candidate)
        else:
            normalized.append(address)
    with engine.connect().execution_options(readonly=True) as connection:
        found = suppressions.find_many(
            connection, normalized, scopes=scopes, now=now or _utcnow()
        )
        if tombstone_key:
            seen = {row.address for row in found}
            wanted = {
                privacy.tombstone(tombstone_key, address): address
                for address in normalized
                if address not in seen
            }
            erased = privacy_store.forgotten(connection, wanted)
            if erased:
                found = sorted([*found, *erased], key=lambda r: (r.address, r.scope))
    return CheckResult(checked=len(texts), suppressed=found, invalid=invalid)


# -- personal data --------------------------------------------------------------------


def tombstone_key(config: Config) -> str | None:
    """The key of forgotten addresses' hashes: [privacy] tombstone_key, else the
    first VERP secret (both are kept out of the database)."""
    if config.privacy.tombstone_key:
        return config.privacy.tombstone_key
    return config.verp.secrets[0] if config.verp.secrets else None


def forget(
    engine: Engine, address: str, *, key: str | None, now: datetime
) -> dict[str, int | str]:
    """Erase an address everywhere, keeping it suppressed by its keyed hash."""
    if not key:
        raise ApiError(
            409,
            "no_tombstone_key",
            "set privacy.tombstone_key (or verp.secrets) first: without a key the"
            " erased address could not stay suppressed",
        )
    normalized = normalize_or_raise(address)
    with engine.begin() as connection:
        erasure = privacy_store.forget(
            connection, normalized, privacy.tombstone(key, normalized), now=now
        )
    return erasure.as_dict()


def purge_raw(
    engine: Engine, *, retention: float, now: datetime, dry_run: bool = False
) -> int:
    """Drop raw bodies older than `retention` seconds (0 keeps them for ever),
    and the sent Message-IDs recorded before then (POST /v1/sent)."""
    if retention <= 0:
        return 0
    cutoff = now - timedelta(seconds=retention)
    if not dry_run:
        with engine.begin() as connection:
            sent.purge(connection, cutoff)
    return privacy_store.purge_raw(engine, cutoff=cutoff, now=now, dry_run=dry_run)


MAX_SENT_PER_REQUEST = 10_000


@dataclass(frozen=True)
class SentRecorded:
    recorded: int
    already: int
    invalid: list[dict[str, str]]


def record_sent(
    engine: Engine, items: Sequence[tuple[str, str]], now: datetime
) -> SentRecorded:
    """Record (Message-ID, recipient) pairs the sender used, so the relay
    dispatcher may re-send their returned originals without signed VERP."""
    pairs: list[tuple[str, str]] = []
    invalid: list[dict[str, str]] = []
    for message_id, recipient in items:
        key = sent.message_id_key(message_id)
        address = addresses.normalize(recipient)
        if key is None or address is None:
            problem = "message_id" if key is None else "recipient"
            invalid.append(
                {"message_id": message_id, "recipient": recipient, "invalid": problem}
            )
            continue
        pairs.append((key, address))
    with engine.begin() as connection:
        recorded = sent.record(connection, pairs, now)
    return SentRecorded(
        recorded=recorded, already=len(set(pairs)) - recorded, invalid=invalid
    )


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


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing, and the cursor of the next (None on the last)."""

    items: list[T]
    next_cursor: str | None


def suppression_filters(
    *,
    reason: str | None = None,
    domain: str | None = None,
    list_id: str | None = None,
    source: str | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
) -> Filters:
    """Validated filters: a reason from the taxonomy, a domain as stored; only
    suppressions in force at `now` (lapsed ones wait for the expiry job)."""
    return Filters(
        reason=reason_or_raise(reason).value if reason else None,
        domain=domain_or_raise(domain) if domain else None,
        scope=scope_for(list_id) if list_id is not None else None,
        source=source,
        since=since,
        in_force_at=now or _utcnow(),
    )


def page_suppressions(
    engine: Engine, filters: Filters, *, limit: int, cursor: str | None = None
) -> Page[SuppressionRow]:
    after = _decode_cursor(cursor, (str, str)) if cursor else None
    with _reader(engine) as connection:
        rows = suppressions.page(
            connection,
            filters,
            limit=limit + 1,
            after=(str(after[0]), str(after[1])) if after else None,
        )
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if more else None
    return Page(rows, _encode_cursor([last.address, last.scope]) if last else None)


def count_suppressions(engine: Engine, filters: Filters) -> int:
    with _reader(engine) as connection:
        return suppressions.count(connection, filters)


def export_rows(
    engine: Engine, filters: Filters, *, page_size: int = EXPORT_PAGE
) -> Iterator[interchange.ExportRow]:
    """Every matching suppression, in address order, a page per short read.

    Rows added or removed while the export runs may or may not appear; no
    connection or snapshot is held between pages, so a slow reader (a client on
    a bad link) costs the database nothing.
    """
    after: tuple[str, str] | None = None
    while True:
        with engine.connect().execution_options(readonly=True) as connection:
            rows = suppressions.page(connection, filters, limit=page_size, after=after)
        for row in rows:
            yield interchange.ExportRow(
                address=row.address,
                scope=row.scope,
                reason=row.reason,
                source=row.source,
                status=row.status,
                reply_code=row.reply_code,
                diagnostic=row.diagnostic,
                first_seen_at=row.first_seen_at,
                last_seen_at=row.last_seen_at,
                expires_at=row.expires_at,
                count=row.count,
                why=row.why,
            )
        if len(rows) < page_size:
            return
        after = (rows[-1].address, rows[-1].scope)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: counts, and the first rejected lines with reasons."""

    dialect: str
    rows: int = 0
    added: int = 0
    existing: int = 0
    rejected: int = 0
    rejections: list[interchange.Rejected] = field(default_factory=list)


def import_suppressions(
    engine: Engine,
    rows: Iterable[Sequence[str]],
    *,
    dialect: str = "auto",
    list_id: str | None = None,
    actor: str,
    now: datetime,
) -> ImportResult:
    """Add the suppressions a CSV lists, leaving existing ones as they are.

    Rows are written in batches of IMPORT_BATCH, each its own transaction: an
    import that fails half way has added what it reached, and running it again
    adds the rest.
    """
    if dialect not in interchange.DIALECT_NAMES:
        raise ApiError(
            422,
            "invalid_dialect",
            f"unknown dialect {dialect[:40]!r}; one of:"
            f" {', '.join(interchange.DIALECT_NAMES)}",
        )
    forced_scope = scope_for(list_id) if list_id is not None else None
    name, records = interchange.read_rows(rows, dialect=dialect)
    if name is None:
        raise ApiError(
            422,
            "unrecognized_format",
            "the header matches no known export (bounced, SES, Postmark, SparkPost,"
            " Mailgun, listmonk); name a dialect, or give a column called email"
            " or address",
        )
    total = added = existing = rejected = 0
    rejections: list[interchange.Rejected] = []
    batch: list[NewSuppression] = []

    def flush() -> None:
        nonlocal added, existing
        with engine.begin() as connection:
            inserted = suppressions.insert_missing(
                connection, batch, actor=actor, now=now
            )
        added += inserted
        existing += len(batch) - inserted
        batch.clear()

    for record in records:
        total += 1
        if isinstance(record, interchange.Rejected):
            rejected += 1
            if len(rejections) < REJECTED_SHOWN:
                rejections.append(record)
            continue
        scope = forced_scope or record.scope or "global"
        batch.append(
            NewSuppression(
                address=record.address,
                scope=scope,
                reason=record.reason.value,
                source=record.source,
                status=record.status,
                reply_code=record.reply_code,
                diagnostic=record.diagnostic,
                seen_at=min(record.seen_at or now, now),
            )
        )
        if len(batch) >= IMPORT_BATCH:
            flush()
    if batch:
        flush()
    return ImportResult(
        dialect=name,
        rows=total,
        added=added,
        existing=existing,
        rejected=rejected,
        rejections=rejections,
    )


def spool_counts(engine: Engine) -> dict[str, int]:
    return outcomes.spool_counts(engine)


def reprocess(engine: Engine, ids: list[int] | None = None) -> int:
    """Queue unparsed, failed and quarantined messages to be parsed again."""
    return outcomes.reset_unparsed(engine, ids=ids)


# -- events ---------------------------------------------------------------------------


def event_filters(
    *,
    address: str | None = None,
    domain: str | None = None,
    reason: str | None = None,
    decision: str | None = None,
    list_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> EventFilters:
    if decision is not None and decision not in {"suppress", "retry", "record"}:
        raise ApiError(
            422, "invalid_decision", "decision is one of suppress, retry, record"
        )
    return EventFilters(
        address=normalize_or_raise(address) if address else None,
        domain=domain_or_raise(domain) if domain else None,
        reason=reason_or_raise(reason).value if reason else None,
        decision=decision,
        list_id=scope_for(list_id).removeprefix("list:") if list_id else None,
        since=since,
        until=until,
    )


def page_events(
    engine: Engine, filters: EventFilters, *, limit: int, cursor: str | None = None
) -> Page[EventRow]:
    before = _decode_cursor(cursor, (int,)) if cursor else None
    with _reader(engine) as connection:
        rows = events.page(
            connection,
            filters,
            limit=limit + 1,
            before=int(before[0]) if before else None,
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _encode_cursor([rows[-1].id]) if more else None)


def get_event(engine: Engine, event_id: int) -> EventRow:
    with _reader(engine) as connection:
        row = events.get(connection, event_id)
    if row is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    return row


def event_raw(engine: Engine, event_id: int) -> bytes:
    """The raw message an event came from, as it arrived over SMTP."""
    with _reader(engine) as connection:
        found = events.raw_message(connection, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    if found.raw is None:
        raise ApiError(
            410, "raw_purged", f"the raw message of event {event_id} was purged"
        )
    return found.raw


def stats(engine: Engine, *, since: datetime, until: datetime) -> events.Stats:
    if since >= until:
        raise ApiError(422, "invalid_period", "since must be before until")
    with engine.connect().execution_options(readonly=True) as connection:
        return events.stats(connection, since=since, until=until)


# -- operations -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Health:
    database: bool
    backlog: int | None
    oldest_backlog_seconds: float | None
    error: str | None = None


def health(engine: Engine, *, now: datetime) -> Health:
    """Whether the database answers, and how many spooled messages wait."""
    try:
        with engine.connect().execution_options(readonly=True) as connection:
            connection.execute(text("SELECT 1"))
            waiting = events.backlog(connection)
    except SQLAlchemyError as exc:
        return Health(False, None, None, type(exc).__name__)
    oldest = waiting.oldest_received_at
    age = (now - oldest).total_seconds() if oldest is not None else None
    return Health(True, waiting.new, age)


def store_snapshot(engine: Engine) -> StoreSnapshot | None:
    """The database counts /metrics exports (suppressions, spool, retries), or
    None when the database does not answer (the process's own counters are
    still worth a scrape then)."""
    try:
        with engine.connect().execution_options(readonly=True) as connection:
            return StoreSnapshot(
                suppressions=suppressions.count_by_reason(connection),
                spool=events.spool_by_state(connection),
                retries=events.retries_by_state(connection),
            )
    except SQLAlchemyError:
        return None


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
    if not consumer or len(consumer) > 64 or not consumer.isprintable():
        raise ApiError(
            422, "invalid_consumer", "consumer: 1 to 64 printable characters"
        )
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


def _reader(engine: Engine) -> Connection:
    """A connection for one read-only statement.

    On PostgreSQL it runs in autocommit: one statement needs no transaction,
    and BEGIN and ROLLBACK would be two more round trips on the hot path of a
    single-address check (about 1 ms of its 2). SQLite readers keep their
    read transaction (engine.py's `readonly`).
    """
    connection = engine.connect().execution_options(readonly=True)
    if engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
    return connection


def _text(value: str | None) -> str | None:
    """Free text as stored: PostgreSQL refuses NUL in text columns."""
    return None if value is None else value.replace("\x00", "")


def _encode_cursor(values: list[object]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, kinds: tuple[type, ...]) -> list[Any]:
    """The keyset a cursor carries (one value per kind); a cursor we did not make
    is a 422, never a query with odd values."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        values = None
    valid = (
        isinstance(values, list)
        and len(values) == len(kinds)
        and all(
            type(value) is kind
            and (not isinstance(value, int) or 0 < value < 2**63)
            and (not isinstance(value, str) or "\x00" not in value)
            for value, kind in zip(values, kinds, strict=True)
        )
    )
    if not valid:
        raise ApiError(422, "invalid_cursor", "cursor is not one this API returned")
    assert isinstance(values, list)
    return values
