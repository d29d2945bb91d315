"""/v1/events and /v1/stats: what bounced, when, why, and what was decided."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from bounced import documents, service
from bounced.api import models
from bounced.api.auth import ADMIN, READ
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse
from bounced.reasons import Reason

router = APIRouter(tags=["events"])

Context = Annotated[ApiContext, Depends(context)]
# Ids are BIGINT on PostgreSQL: a larger number is a 422, not a database error.
EventId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.get(
    "/v1/events",
    response_model=models.EventPage,
    dependencies=[READ],
    summary="List bounce events (newest first, filtered, cursor-paginated)",
)
def list_events(
    ctx: Context,
    address: Annotated[
        str | None,
        Query(
            min_length=3,
            max_length=320,
            description="The reported recipient, or the address acted on",
        ),
    ] = None,
    domain: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    reason: Reason | None = None,
    decision: Literal["suppress", "retry", "record"] | None = None,
    list_id: Annotated[
        str | None,
        Query(alias="list", min_length=1, max_length=255, description="List-Id"),
    ] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response:
    filters = service.event_filters(
        address=address,
        domain=domain,
        reason=reason.value if reason else None,
        decision=decision,
        list_id=list_id,
        since=service.as_utc(since),
        until=service.as_utc(until),
    )
    page = service.page_events(ctx.engine, filters, limit=limit, cursor=cursor)
    return SafeJSONResponse(
        {
            "items": [documents.event(row) for row in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@router.get(
    "/v1/events/{event_id}",
    response_model=models.Event,
    dependencies=[READ],
    summary="One bounce event",
    responses={404: {"model": models.ErrorBody}},
)
def get_event(event_id: EventId, ctx: Context) -> Response:
    return SafeJSONResponse(documents.event(service.get_event(ctx.engine, event_id)))


@router.get(
    "/v1/events/{event_id}/raw",
    dependencies=[ADMIN],
    summary="The raw message an event came from (admin)",
    response_class=Response,
    responses={
        200: {
            "content": {"message/rfc822": {"schema": {"type": "string"}}},
            "description": "The bytes as they arrived over SMTP",
        },
        404: {"model": models.ErrorBody},
        410: {"model": models.ErrorBody, "description": "Purged by retention"},
    },
)
def get_raw(event_id: EventId, ctx: Context) -> Response:
    """Admin only: a bounce returns the original message, personal data included.

    Served as an attachment that a browser will not render: its content came
    from whoever sent the bounce.
    """
    raw = service.event_raw(ctx.engine, event_id)
    return Response(
        raw,
        media_type="message/rfc822",
        headers={
            "Content-Disposition": f'attachment; filename="event-{event_id}.eml"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
        },
    )


@router.get(
    "/v1/stats",
    response_model=models.StatsResponse,
    dependencies=[READ],
    summary="Counts by reason, decision and domain for a period",
)
def get_stats(
    ctx: Context,
    since: Annotated[
        datetime | None, Query(description="Start (default: 7 days ago)")
    ] = None,
    until: Annotated[datetime | None, Query(description="End (default: now)")] = None,
) -> Response:
    now = ctx.clock()
    end = service.as_utc(until) or now
    if since is None:
        # `until` near year 1 leaves no room for a week before it.
        start = end - min(timedelta(days=7), end - datetime.min.replace(tzinfo=UTC))
    else:
        start = service.as_utc(since) or end
    result = service.stats(ctx.engine, since=start, until=end)
    return SafeJSONResponse(documents.stats(result, start, end))
