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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from bounced import address as addresses
from bounced import interchange
from bounced.errors import ApiError
from bounced.metrics import StoreSnapshot
from bounced.reasons import Reason
from bounced.store import events, outcomes, suppressions
from bounced.store.events import EventFilters, EventRow
from bounced.store.suppressions import Filters, NewSuppression, SuppressionRow

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
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# -- suppressions: one address --------------------------------------------------------


def check(engine: Engine, address: str) -> list[SuppressionRow]:
    """The suppressions of one address (empty when it may be mailed)."""
    normalized = normalize_or_raise(address)
    with _reader(engine) as connection:
        return suppressions.find(connection, normalized)


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
) -> int:
    """Reactivate an address: delete its suppressions (all, or one list's),
    recording who did it."""
    normalized = normalize_or_raise(address)
    scopes = None if list_id is None else [scope_for(list_id)]
    note = _text(note)
    with engine.begin() as connection:
        return suppressions.remove(
            connection, normalized, scopes=scopes, actor=actor, now=now, note=note
        )


# -- suppressions: many addresses ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Which of the checked addresses are suppressed, and which are not addresses."""

    checked: int
    suppressed: list[SuppressionRow]
    invalid: list[str]


def check_many(
    engine: Engine, texts: Sequence[str], *, list_id: str | None = None
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
        found = suppressions.find_many(connection, normalized, scopes=scopes)
    return CheckResult(checked=len(texts), suppressed=found, invalid=invalid)


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
) -> Filters:
    """Validated filters: a reason from the taxonomy, a domain as stored."""
    return Filters(
        reason=reason_or_raise(reason).value if reason else None,
        domain=domain_or_raise(domain) if domain else None,
        scope=scope_for(list_id) if list_id is not None else None,
        source=source,
        since=since,
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


def spool_counts(engine: Engine) -> dict[str, int]:
    return outcomes.spool_counts(engine)


def reprocess(engine: Engine, ids: list[int] | None = None) -> int:
    """Queue unparsed, failed and quarantined messages to be parsed again."""
    return outcomes.reset_unparsed(engine, ids=ids)


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
