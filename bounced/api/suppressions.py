"""/v1/suppressions: check, list, add, remove, export and import.

The fixed paths (check, export, import) are declared before `/{address}`, which
takes the rest of the path: an address may contain "/" (RFC 5321 atext), and a
client sends it percent-encoded.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from bounced import documents, interchange, service
from bounced.api import models
from bounced.api.auth import ADMIN, READ
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse
from bounced.errors import ApiError, at_most
from bounced.reasons import Reason
from bounced.sanitize import escape_json
from bounced.store.suppressions import Filters, SuppressionRow

router = APIRouter(prefix="/v1/suppressions", tags=["suppressions"])

Context = Annotated[ApiContext, Depends(context)]
# A list id as it appears in List-Id; suppressions for it have scope "list:<id>".
LIST_ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
ListId = Annotated[
    str | None,
    Query(
        alias="list",
        min_length=1,
        max_length=290,
        pattern=LIST_ID_PATTERN,
        description="A list id: only suppressions scoped to this list",
    ),
]
# interchange.DIALECT_NAMES, spelled out so the spec can list them
# (tests/test_api.py checks the two agree).
DialectName = Literal[
    "auto",
    "plain",
    "bounced",
    "sparkpost",
    "postmark",
    "ses",
    "mailgun",
    "mailgun-unsubscribes",
    "listmonk",
    "listmonk-subscribers",
    "generic",
    "generic-address",
    "generic-emailaddress",
]
EXPORT_CHUNK_ROWS = 1000  # rows per chunk written to the socket
IMPORT_SPOOL_MEMORY = 8 * 1024 * 1024  # an upload past this spills to a temp file


@router.post(
    "/check",
    response_model=models.CheckResponse,
    dependencies=[READ],
    summary="Check many addresses before a send",
)
def check_many(body: models.CheckRequest, ctx: Context) -> Response:
    """Which of up to `[api] max_check_addresses` addresses are suppressed.

    One request before each send: the answer lists the suppressed addresses
    only. Entries that are not addresses are listed under `invalid` and count as
    not suppressed.
    """
    at_most(len(body.addresses), ctx.api.max_check_addresses, "addresses")
    result = service.check_many(
        ctx.engine,
        body.addresses,
        list_id=body.list_id,
        tombstone_key=service.tombstone_key(ctx.config),
    )
    # Built by hand: validating tens of thousands of rows through the response
    # model would cost more than the query.
    payload = {
        "checked": result.checked,
        "suppressed": [documents.checked(row) for row in result.suppressed],
        "invalid": result.invalid,
    }
    return Response(
        escape_json(json.dumps(payload, ensure_ascii=False, separators=(",", ":"))),
        media_type="application/json",
    )


@router.get(
    "/export",
    dependencies=[READ],
    summary="Export suppressions (streamed CSV or JSONL)",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
            "description": "One line per suppression; CSV has a header line",
        }
    },
)
def export(
    ctx: Context,
    format: Literal["csv", "jsonl"] = "csv",
    reason: Reason | None = None,
    domain: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    list_id: ListId = None,
    source: Literal["bounce", "complaint", "manual", "import", "unsubscribe"]
    | None = None,
    since: datetime | None = None,
) -> StreamingResponse:
    """Every matching suppression, streamed page by page (never all in memory).

    CSV cells a spreadsheet would evaluate (starting with =, +, -, @, tab or CR)
    get a leading apostrophe: diagnostics are text a remote server chose.
    """
    filters = _filters(reason, domain, list_id, source, since)
    rows = service.export_rows(ctx.engine, filters)
    if format == "csv":
        return StreamingResponse(
            _csv_chunks(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="suppressions.csv"'},
        )
    return StreamingResponse(
        _jsonl_chunks(rows),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="suppressions.jsonl"'},
    )


@router.post(
    "/import",
    response_model=models.ImportResponse,
    dependencies=[ADMIN],
    summary="Import a suppression list (CSV)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
async def import_(
    request: Request,
    ctx: Context,
    dialect: Annotated[
        DialectName,
        Query(description="auto recognizes the export by its header"),
    ] = "auto",
    list_id: Annotated[
        str | None,
        Query(
            alias="list",
            min_length=1,
            max_length=290,
            pattern=LIST_ID_PATTERN,
            description="Suppress for this list",
        ),
    ] = None,
) -> Any:
    """Add the suppressions of a CSV export (ours, SES, Postmark, SparkPost,
    Mailgun, listmonk) or a plain list. Existing suppressions are left alone.

    The body is read as it streams into a temporary file, then imported in
    batches in a worker thread; the event loop never touches the file or the
    database.
    """
    upload = tempfile.SpooledTemporaryFile(max_size=IMPORT_SPOOL_MEMORY)  # noqa: SIM115 - closed below
    try:
        async for chunk in request.stream():
            if chunk:
                await run_in_threadpool(upload.write, chunk)
        result = await run_in_threadpool(_import_file, ctx, upload, dialect, list_id)
    finally:
        await run_in_threadpool(upload.close)
    return {
        "dialect": result.dialect,
        "rows": result.rows,
        "added": result.added,
        "existing": result.existing,
        "rejected": result.rejected,
        "rejections": [{"line": r.line, "why": r.why} for r in result.rejections],
    }


@router.get(
    "",
    response_model=models.SuppressionPage,
    dependencies=[READ],
    summary="List suppressions (filtered, cursor-paginated)",
)
def list_(
    ctx: Context,
    reason: Reason | None = None,
    domain: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    list_id: ListId = None,
    source: Literal["bounce", "complaint", "manual", "import", "unsubscribe"]
    | None = None,
    since: Annotated[
        datetime | None,
        Query(description="Suppressed or refreshed at or after this time"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response:
    """Suppressions in address order; follow `next_cursor` for the next page."""
    filters = _filters(reason, domain, list_id, source, since)
    page = service.page_suppressions(ctx.engine, filters, limit=limit, cursor=cursor)
    return _json(
        {
            "items": [documents.suppression(row) for row in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@router.post(
    "",
    response_model=models.Suppression,
    status_code=201,
    dependencies=[ADMIN],
    summary="Suppress an address by hand",
    responses={200: {"model": models.Suppression, "description": "Updated"}},
)
def add(body: models.AddRequest, ctx: Context) -> Response:
    """201 when the address was not suppressed (in that scope), 200 when it was:
    then reason and expiry are replaced and its history kept."""
    change, row = service.add(
        ctx.engine,
        body.address,
        reason=body.reason,
        list_id=body.list_id,
        note=body.note,
        expires_at=service.as_utc(body.expires_at),
        actor="api",
        now=ctx.clock(),
    )
    return _json(documents.suppression(row), 201 if change == "added" else 200)


@router.get(
    "/{address:path}",
    response_model=models.SuppressionLookup,
    dependencies=[READ],
    summary="Check one address",
    responses={404: {"model": models.ErrorBody, "description": "Not suppressed"}},
)
def check(address: str, ctx: Context) -> Response:
    """200 with every suppression of the address (global and per list) and why;
    404 when it may be mailed."""
    # Served by api/lookup.py ahead of the routing; this is the documented
    # reference it is tested against (tests/test_api_lookup.py).
    rows = service.check(
        ctx.engine, address, tombstone_key=service.tombstone_key(ctx.config)
    )
    if not rows:
        raise not_suppressed(address)
    return _json(lookup_document(rows))


def lookup_document(rows: list[SuppressionRow]) -> dict[str, Any]:
    """The 200 body of a single-address check (models.SuppressionLookup)."""
    return {
        "address": rows[0].address,
        "suppressed": True,
        "suppressions": [documents.suppression(row) for row in rows],
    }


def not_suppressed(address: str) -> ApiError:
    """The 404 of a single-address check (or the 422 of a malformed address)."""
    normalized = service.normalize_or_raise(address)
    return ApiError(404, "not_suppressed", f"{normalized} is not suppressed")


@router.delete(
    "/{address:path}",
    response_model=models.RemoveResponse,
    dependencies=[ADMIN],
    summary="Reactivate an address (recorded)",
    responses={404: {"model": models.ErrorBody, "description": "Not suppressed"}},
)
def remove(
    address: str,
    ctx: Context,
    list_id: ListId = None,
    note: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response:
    """Delete the address's suppressions (all, or one list's); the removal is
    recorded with its note in the audit trail."""
    removed = service.remove(
        ctx.engine,
        address,
        actor="api",
        now=ctx.clock(),
        note=note,
        list_id=list_id,
        tombstone_key=service.tombstone_key(ctx.config),
    )
    normalized = service.normalize_or_raise(address)
    if removed == 0:
        raise ApiError(404, "not_suppressed", f"{normalized} is not suppressed")
    return _json({"address": normalized, "removed": removed})


def _filters(
    reason: Reason | None,
    domain: str | None,
    list_id: str | None,
    source: str | None,
    since: datetime | None,
) -> Filters:
    return service.suppression_filters(
        reason=reason.value if reason else None,
        domain=domain,
        list_id=list_id,
        source=source,
        since=service.as_utc(since),
    )


def _import_file(
    ctx: ApiContext, upload: IO[bytes], dialect: str, list_id: str | None
) -> service.ImportResult:
    upload.seek(0)
    # utf-8-sig drops the BOM spreadsheets write; undecodable bytes become U+FFFD,
    # so such a line is rejected as no address instead of failing the import.
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", errors="replace", newline="")
    rows = csv.reader(_bounded_lines(text))
    try:
        return service.import_suppressions(
            ctx.engine,
            rows,
            dialect=dialect,
            list_id=list_id,
            actor="api",
            now=ctx.clock(),
        )
    except csv.Error as exc:
        raise ApiError(422, "invalid_csv", f"not readable as CSV: {exc}") from None


def _bounded_lines(text: IO[str]) -> Iterator[str]:
    """Lines of the upload; NULs (which csv refuses) are dropped."""
    for line in text:
        yield line.replace("\x00", "")


def _csv_chunks(rows: Iterator[interchange.ExportRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(interchange.EXPORT_COLUMNS)
    for number, row in enumerate(rows, start=1):
        writer.writerow(interchange.csv_cells(row))
        if number % EXPORT_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_chunks(rows: Iterator[interchange.ExportRow]) -> Iterator[str]:
    lines: list[str] = []
    for row in rows:
        lines.append(interchange.jsonl_line(row))
        if len(lines) >= EXPORT_CHUNK_ROWS:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def _json(document: Any, status: int = 200) -> Response:
    return SafeJSONResponse(document, status)
