"""/v1/retries and /v1/domains: transient failures waiting, pull/ack, pacing, alerts.

The retry logic is the policy's (bounced/retry.py, bounced/store/retries.py);
these routes only expose the service verbs. With `[retry] dispatcher = "pull"`
the newsletter system takes due retries with POST /v1/retries/pull and reports
what it did with POST /v1/retries/ack; a retry not acknowledged within
`[retry] pull_lease` is offered again with the same id.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from bounced import documents, service
from bounced.api import models
from bounced.api.auth import ADMIN, READ
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse
from bounced.errors import ApiError

router = APIRouter(tags=["retries"])

Context = Annotated[ApiContext, Depends(context)]
RetryState = Literal[
    "pending", "ready", "dispatched", "done", "expired", "failed", "cancelled"
]
AckOutcome = Literal["accepted", "throttled", "deferred", "failed"]
MAX_ACKS = 10_000


class RetryItem(BaseModel):
    key: str = Field(description="The idempotency key (the pull event's id)")
    recipient: str
    domain: str
    state: RetryState
    attempt: int
    reason: str
    status: str | None
    reply_code: int | None
    list_id: str | None
    message_id: str | None
    created_at: str
    due_at: str
    give_up_at: str
    dispatched_at: str | None
    finished_at: str | None
    last_result: str | None


class RetryList(BaseModel):
    items: list[RetryItem]
    counts: dict[str, int] = Field(description="All retries by state")


class PullRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    consumer: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Who takes them (shown as the claim)",
    )
    limit: int = Field(default=100, ge=1, le=1000)


class PullResponse(BaseModel):
    items: list[dict[str, Any]] = Field(
        description="retry.due events (the webhook dispatcher's format); each id"
        " is the key to acknowledge"
    )


class AckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    acks: dict[str, AckOutcome] = Field(
        description="Event id → what happened: accepted (sent), throttled (the"
        " domain answered 421/447/450), deferred (another temporary failure),"
        " failed (will never work)"
    )
    details: dict[str, Annotated[str, Field(max_length=500)]] | None = Field(
        default=None, description="Event id → the server's words, kept as result"
    )


class AckResponse(BaseModel):
    results: dict[str, str] = Field(
        description='Each id\'s fate: the outcome recorded, or "unknown" when it'
        " was not waiting (acknowledged already, or never pulled)"
    )


class DomainAlert(BaseModel):
    active: bool
    reason: str | None
    count: int
    first_at: str | None
    last_at: str | None
    detail: str | None


class DomainItem(BaseModel):
    domain: str
    batch_size: int
    gap_seconds: float
    next_batch_at: str | None
    last_batch_at: str | None
    throttled_at: str | None
    slowdowns: int
    last_result: str | None
    waiting: int
    alert: DomainAlert | None


class DomainList(BaseModel):
    items: list[DomainItem]


@router.get(
    "/v1/retries",
    response_model=RetryList,
    dependencies=[READ],
    summary="Retries, soonest due first",
)
def list_retries(
    ctx: Context,
    state: Annotated[list[RetryState] | None, Query()] = None,
    domain: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    recipient: Annotated[str | None, Query(min_length=3, max_length=320)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    rows = service.list_retries(
        ctx.engine,
        states=state,
        domain=service.domain_or_raise(domain) if domain else None,
        recipient=recipient,
        limit=limit,
    )
    return SafeJSONResponse(
        {
            "items": [documents.retry(row) for row in rows],
            "counts": service.retry_counts(ctx.engine),
        }
    )


@router.post(
    "/v1/retries/pull",
    response_model=PullResponse,
    dependencies=[ADMIN],
    summary="Take due retries (dispatcher = pull)",
    responses={409: {"model": models.ErrorBody, "description": "Not pull"}},
)
def pull(body: PullRequest, ctx: Context) -> Response:
    """Lease up to `limit` due retries to `consumer`; acknowledge each by its id."""
    if ctx.config.retry.dispatcher != "pull":
        raise ApiError(
            409,
            "not_pull_dispatcher",
            f"retries go to the {ctx.config.retry.dispatcher!r} dispatcher;"
            ' set [retry] dispatcher = "pull" to take them here',
        )
    items = service.pull_retries(
        ctx.engine,
        consumer=body.consumer,
        limit=body.limit,
        config=ctx.config,
        now=ctx.clock(),
    )
    return SafeJSONResponse({"items": items})


@router.post(
    "/v1/retries/ack",
    response_model=AckResponse,
    dependencies=[ADMIN],
    summary="Report what became of pulled retries",
)
def ack(body: AckRequest, ctx: Context) -> Response:
    if len(body.acks) > MAX_ACKS:
        raise ApiError(413, "too_many_acks", f"at most {MAX_ACKS} per request")
    # Keys are ours (the retries' idempotency keys): anything longer is unknown.
    results = service.ack_retries(
        ctx.engine,
        {key: value for key, value in body.acks.items() if _plausible(key)},
        config=ctx.config,
        now=ctx.clock(),
        details=body.details,
    )
    results.update({key: "unknown" for key in body.acks if not _plausible(key)})
    return SafeJSONResponse({"results": results})


@router.get(
    "/v1/domains",
    response_model=DomainList,
    dependencies=[READ],
    summary="Destination domains: retry pacing and sender alerts",
)
def list_domains(
    ctx: Context,
    alerts: Annotated[
        bool, Query(description="Only domains whose sender alert is active")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> Response:
    now = ctx.clock()
    rows = service.list_domains(
        ctx.engine, config=ctx.config, now=now, alerts_only=alerts, limit=limit
    )
    window = ctx.config.policy.alert_window
    return SafeJSONResponse(
        {
            "items": [
                documents.domain(row, row.alert_active(now, window)) for row in rows
            ]
        }
    )


@router.delete(
    "/v1/domains/{domain}/alert",
    dependencies=[ADMIN],
    summary="Acknowledge a domain's sender alert",
    responses={204: {"description": "Cleared"}, 404: {"model": models.ErrorBody}},
    status_code=204,
    response_class=Response,
)
def clear_alert(
    domain: Annotated[str, Path(min_length=1, max_length=255)], ctx: Context
) -> Response:
    normalized = service.domain_or_raise(domain)
    if not service.clear_alert(ctx.engine, normalized, now=ctx.clock()):
        raise ApiError(404, "no_alert", f"{normalized} has no sender alert")
    return Response(status_code=204)


def _plausible(key: str) -> bool:
    return 0 < len(key) <= 64 and "\x00" not in key
