"""Suppression lists in and out: our CSV/JSONL export, and the ESP formats we import.

Pure: rows in, records out. The service layer reads files and writes the
database. Imports come from the systems a sender migrates from, each with its
own columns (docs/INTEGRATIONS.md "Suppression CSV export/import"); a dialect is
recognized by its header, and each maps its columns onto one `ImportRecord`.
Headers are compared folded (case, spaces, "_" and "-" ignored), so Postmark's
`EmailAddress` and a spreadsheet's `Email Address` are one column.

Exported cells are guarded against formula injection: diagnostics are text a
remote server chose, and a spreadsheet would run `=HYPERLINK(...)` in one
(OWASP "CSV Injection").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import chain

from bounced import address as addresses
from bounced.classify import classify
from bounced.reasons import Reason
from bounced.report import Finding
from bounced.sanitize import escape, escape_json

EXPORT_COLUMNS: tuple[str, ...] = (
    "email",
    "scope",
    "reason",
    "category",
    "permanent",
    "status",
    "smtp_code",
    "diagnostic",
    "source",
    "first_seen_at",
    "last_seen_at",
    "expires_at",
    "events",
)

# A cell starting with one of these is a formula to Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_REPLY = re.compile(r"(?<![\d.])([245]\d\d)(?![\d.])")
_LIST_SCOPE = re.compile(r"list:[^\x00-\x1f\x7f]{1,290}")
_SOURCES = frozenset({"bounce", "complaint", "manual", "import", "unsubscribe"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportRow:
    """One suppression as exported (the store's row, flattened)."""

    address: str
    scope: str
    reason: str
    source: str
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    expires_at: datetime | None
    count: int
    why: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportRecord:
    """One suppression to add, as an import row described it."""

    address: str  # normalized
    reason: Reason
    source: str  # complaint, unsubscribe or import
    scope: str | None = None  # None: the import's scope (global by default)
    status: str | None = None
    reply_code: int | None = None
    diagnostic: str | None = None
    seen_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """An input row that was not imported, and why (line numbers count from 1)."""

    line: int
    why: str


@dataclass(frozen=True, slots=True)
class Dialect:
    """An import format: how to recognize its header and map one row."""

    name: str
    required: frozenset[str]  # folded column names that identify it
    map_row: Callable[[Mapping[str, str]], ImportRecord | str]


def category(row: ExportRow) -> str:
    """hard, complaint, soft_threshold, manual or unsubscribe (the export column)."""
    if row.source in {"complaint", "manual", "unsubscribe"}:
        return row.source
    rule = _why_rule(row.why)
    if "threshold" in rule:
        return "soft_threshold"
    return "hard"


def permanent(row: ExportRow) -> bool | None:
    """True for 5.x.x / 5xx, False for 4.x.x / 4xx, None when no code is known."""
    if row.status:
        return row.status.startswith("5")
    if row.reply_code is not None:
        return row.reply_code >= 500
    return None


def export_record(row: ExportRow) -> dict[str, object]:
    """The export columns of one row, typed (for JSONL)."""
    return {
        "email": row.address,
        "scope": row.scope,
        "reason": row.reason,
        "category": category(row),
        "permanent": permanent(row),
        "status": row.status,
        "smtp_code": row.reply_code,
        "diagnostic": row.diagnostic,
        "source": row.source,
        "first_seen_at": _iso(row.first_seen_at),
        "last_seen_at": _iso(row.last_seen_at),
        "expires_at": _iso(row.expires_at),
        "events": row.count,
    }


def csv_cells(row: ExportRow) -> list[str]:
    """The export columns of one row as CSV cells: formula-neutralized, then
    control characters escaped (a `cat` of the file must not drive the terminal,
    and a line-based tool must see one row per line)."""
    record = export_record(row)
    return [escape(neutralize(_cell(record[column]))) for column in EXPORT_COLUMNS]


def neutralize(cell: str) -> str:
    """Prefix a cell a spreadsheet would evaluate with a quote, so it stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def jsonl_line(row: ExportRow) -> str:
    return escape_json(json.dumps(export_record(row), ensure_ascii=False)) + "\n"


# -- import --------------------------------------------------------------------------


def fold(header: str) -> str:
    """Header key: lowercase, BOM, spaces, quotes, '_' and '-' removed."""
    return re.sub(r"[\s_\-\"'\ufeff]", "", header).lower()


def detect(header: Sequence[str]) -> Dialect | None:
    """The dialect whose identifying columns the header has (most specific first)."""
    folded = {fold(name) for name in header}
    for dialect in DIALECTS:
        if dialect.required <= folded:
            return dialect
    return None


def dialect_named(name: str) -> Dialect | None:
    return next((d for d in DIALECTS if d.name == name), None)


def read_rows(
    rows: Iterable[Sequence[str]], *, dialect: str = "auto"
) -> tuple[str | None, Iterator[ImportRecord | Rejected]]:
    """The dialect's name and the records of CSV rows (the first is the header,
    unless it is an address: then the file is a plain list, one per line).

    `dialect` is "auto" (recognize the header), "plain" or a name from DIALECTS.
    The name is None when no dialect fits the header; nothing is read past it.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return dialect if dialect != "auto" else "plain", iter(())
    if dialect == "plain" or (dialect == "auto" and _is_address_row(first)):
        # A first line that is no address is a header ("email"): skip it.
        lines = chain([first], iterator) if _is_address_row(first) else iterator
        return "plain", _plain(lines)
    chosen = detect(first) if dialect == "auto" else dialect_named(dialect)
    if chosen is None:
        return None, iter(())
    return chosen.name, _mapped(chosen, first, iterator)


def _mapped(
    dialect: Dialect, header: Sequence[str], rows: Iterator[Sequence[str]]
) -> Iterator[ImportRecord | Rejected]:
    keys = [fold(name) for name in header]
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {key: cell.strip() for key, cell in zip(keys, cells, strict=False)}
        mapped = dialect.map_row(row)
        yield Rejected(line=number, why=mapped) if isinstance(mapped, str) else mapped


def _is_address_row(cells: Sequence[str]) -> bool:
    return bool(cells) and addresses.normalize(cells[0].lstrip("\ufeff")) is not None


def _plain(rows: Iterable[Sequence[str]]) -> Iterator[ImportRecord | Rejected]:
    for number, cells in enumerate(rows, start=1):
        text = cells[0].lstrip("\ufeff").strip() if cells else ""
        if not text or text.startswith("#"):
            continue
        record = _record(text, Reason.SUPPRESSED, "import")
        yield Rejected(line=number, why=record) if isinstance(record, str) else record


# Each mapper returns a record, or a string saying why the row is skipped.


def _bounced(row: Mapping[str, str]) -> ImportRecord | str:
    """Our own export: reason and scope kept as they were."""
    source = row.get("source", "")
    reason = _reason_named(row.get("reason", "")) or Reason.SUPPRESSED
    scope = row.get("scope") or "global"
    if scope != "global" and not _LIST_SCOPE.fullmatch(scope):
        return f"scope {scope[:40]!r} is neither global nor list:<list-id>"
    return _record(
        row.get("email", ""),
        reason,
        source if source in {"complaint", "unsubscribe"} else "import",
        scope=scope,
        status=_status_in(row.get("status", "")),
        reply_code=_int(row.get("smtpcode", "")),
        diagnostic=_unneutralize(row.get("diagnostic", "")) or None,
        seen_at=_when(row.get("lastseenat", "")),
    )


def _mailgun_bounces(row: Mapping[str, str]) -> ImportRecord | str:
    """Mailgun bounces: address, code, error, created_at (RFC 2822 date)."""
    error = row.get("error", "")
    return _classified(
        row.get("address", ""),
        text=error,
        reply_code=_int(row.get("code", "")),
        seen_at=_when(row.get("createdat", "")),
    )


def _mailgun_unsubscribes(row: Mapping[str, str]) -> ImportRecord | str:
    """Mailgun unsubscribes: address, tags, created_at."""
    return _record(
        row.get("address", ""),
        Reason.SUPPRESSED,
        "unsubscribe",
        seen_at=_when(row.get("createdat", "")),
    )


def _ses(row: Mapping[str, str]) -> ImportRecord | str:
    """Amazon SES account suppression list: EmailAddress, Reason, LastUpdateTime."""
    kind = row.get("reason", "").upper()
    seen = _when(row.get("lastupdatetime", ""))
    email = row.get("emailaddress", "")
    if kind == "COMPLAINT":
        return _record(email, Reason.FEEDBACK, "complaint", seen_at=seen)
    if kind == "BOUNCE":
        return _record(email, Reason.SUPPRESSED, "import", seen_at=seen)
    return f"SES Reason {kind[:30]!r} is neither BOUNCE nor COMPLAINT"


def _postmark(row: Mapping[str, str]) -> ImportRecord | str:
    """Postmark suppressions: EmailAddress, SuppressionReason, Origin, CreatedAt."""
    kind = fold(row.get("suppressionreason", ""))
    seen = _when(row.get("createdat", ""))
    email = row.get("emailaddress", "")
    if kind == "spamcomplaint":
        return _record(email, Reason.FEEDBACK, "complaint", seen_at=seen)
    if kind == "manualsuppression":
        return _record(email, Reason.SUPPRESSED, "unsubscribe", seen_at=seen)
    if kind == "hardbounce":
        return _record(email, Reason.SUPPRESSED, "import", seen_at=seen)
    return f"Postmark SuppressionReason {kind[:30]!r} is not known"


def _sparkpost(row: Mapping[str, str]) -> ImportRecord | str:
    """SparkPost suppressions: recipient, type, description, source, list_id, ..."""
    source = fold(row.get("source", ""))
    seen = _when(row.get("updated", "") or row.get("created", ""))
    email = row.get("recipient", "")
    if source == "spamcomplaint":
        return _record(email, Reason.FEEDBACK, "complaint", seen_at=seen)
    if source in {"listunsubscribe", "unsubscribelink"}:
        return _record(email, Reason.SUPPRESSED, "unsubscribe", seen_at=seen)
    if source == "bouncerule":
        return _classified(email, text=row.get("description", ""), seen_at=seen)
    return _record(email, Reason.SUPPRESSED, "import", seen_at=seen)


def _listmonk_bounces(row: Mapping[str, str]) -> ImportRecord | str:
    """listmonk bounce export: email, type (hard|soft|complaint), source, meta, ..."""
    kind = row.get("type", "").lower()
    seen = _when(row.get("createdat", ""))
    email = row.get("email", "")
    if kind == "complaint":
        return _record(email, Reason.FEEDBACK, "complaint", seen_at=seen)
    if kind == "hard":
        meta = _json_object(row.get("meta", ""))
        named = _reason_named(str(meta.get("reason", "")))
        if named is not None:
            return _record(email, named, "import", seen_at=seen)
        return _classified(email, text=str(meta.get("diagnostic", "")), seen_at=seen)
    if kind == "soft":
        return "soft bounce: counted by listmonk, not a suppression"
    return f"listmonk bounce type {kind[:30]!r} is not hard, soft or complaint"


def _listmonk_subscribers(row: Mapping[str, str]) -> ImportRecord | str:
    """listmonk subscriber export: only blocklisted subscribers are suppressions."""
    if row.get("status", "").lower() != "blocklisted":
        return f"subscriber status {row.get('status', '')[:30]!r} is not blocklisted"
    return _record(row.get("email", ""), Reason.SUPPRESSED, "unsubscribe")


def _generic(row: Mapping[str, str]) -> ImportRecord | str:
    """Any CSV with an email (or address) column; a taxonomy reason is kept."""
    email = row.get("email") or row.get("address") or row.get("emailaddress") or ""
    reason = _reason_named(row.get("reason", "")) or Reason.SUPPRESSED
    return _record(email, reason, "import")


# Most specific first: the first dialect whose required columns are all present wins.
DIALECTS: tuple[Dialect, ...] = (
    Dialect("bounced", frozenset({"email", "scope", "reason", "category"}), _bounced),
    Dialect("sparkpost", frozenset({"recipient", "type", "source"}), _sparkpost),
    Dialect("postmark", frozenset({"emailaddress", "suppressionreason"}), _postmark),
    Dialect("ses", frozenset({"emailaddress", "reason", "lastupdatetime"}), _ses),
    Dialect("mailgun", frozenset({"address", "code", "error"}), _mailgun_bounces),
    Dialect(
        "mailgun-unsubscribes", frozenset({"address", "tags"}), _mailgun_unsubscribes
    ),
    Dialect("listmonk", frozenset({"email", "type", "source"}), _listmonk_bounces),
    Dialect(
        "listmonk-subscribers",
        frozenset({"uuid", "email", "status"}),
        _listmonk_subscribers,
    ),
    Dialect("generic", frozenset({"email"}), _generic),
    Dialect("generic-address", frozenset({"address"}), _generic),
    Dialect("generic-emailaddress", frozenset({"emailaddress"}), _generic),
)

DIALECT_NAMES: tuple[str, ...] = ("auto", "plain", *(d.name for d in DIALECTS))


def _record(
    text: str,
    reason: Reason,
    source: str,
    *,
    scope: str | None = None,
    status: str | None = None,
    reply_code: int | None = None,
    diagnostic: str | None = None,
    seen_at: datetime | None = None,
) -> ImportRecord | str:
    if "\ufffd" in text:  # the reader's stand-in for bytes that are not UTF-8
        return "not valid UTF-8"
    normalized = addresses.normalize(text)
    if normalized is None:
        return f"not a valid email address: {text[:100]!r}"
    assert source in _SOURCES
    return ImportRecord(
        address=normalized,
        reason=reason,
        source=source,
        scope=scope,
        status=status,
        reply_code=reply_code if reply_code and 200 <= reply_code <= 599 else None,
        diagnostic=diagnostic[:2000] if diagnostic else None,
        seen_at=seen_at,
    )


def _classified(
    email: str,
    *,
    text: str,
    reply_code: int | None = None,
    seen_at: datetime | None = None,
) -> ImportRecord | str:
    """A bounce row with an error text: the classifier names the reason from the
    status and reply code it finds; an unknown cause is `suppressed`."""
    diagnostic = text.strip()
    status = _status_in(diagnostic)
    if reply_code is None:
        found = _REPLY.search(diagnostic)
        reply_code = int(found[1]) if found else None
    verdict = classify(
        Finding(
            recipient=email,
            status=status,
            reply_code=reply_code,
            diagnostic=diagnostic or None,
        )
    )
    reason = verdict.reason
    if reason is Reason.UNDEFINED:
        reason = Reason.SUPPRESSED
    return _record(
        email,
        reason,
        "import",
        status=status,
        reply_code=reply_code,
        diagnostic=diagnostic or None,
        seen_at=seen_at,
    )


def _reason_named(text: str) -> Reason | None:
    try:
        return Reason(text.strip().lower())
    except ValueError:
        return None


def _status_in(text: str) -> str | None:
    found = _STATUS.search(text)
    return found.group(0) if found else None


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _when(text: str) -> datetime | None:
    """ISO 8601, RFC 2822 (Mailgun) or Unix seconds; None when unreadable."""
    text = text.strip()
    if not text:
        return None
    parsed: datetime | None = None
    if re.fullmatch(r"\d{9,11}(\.\d+)?", text):
        parsed = datetime.fromtimestamp(float(text), UTC)
    else:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _json_object(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _why_rule(why: str | None) -> str:
    document = _json_object(why or "")
    return str(document.get("rule", ""))


def _unneutralize(cell: str) -> str:
    """Undo neutralize() on our own export, so a round trip keeps the text."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_START):
        return cell[1:]
    return cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()
