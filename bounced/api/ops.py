"""Operations: /healthz for load balancers and supervisors, /metrics for Prometheus."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bounced import __version__, metrics, service
from bounced.api import models
from bounced.api.auth import Access, Tokens
from bounced.api.context import ApiContext, context
from bounced.api.responses import SafeJSONResponse
from bounced.errors import ApiError

router = APIRouter(tags=["operations"])

Context = Annotated[ApiContext, Depends(context)]


@router.get(
    "/healthz",
    response_model=models.HealthResponse,
    summary="Database reachable, spool backlog",
    responses={503: {"model": models.HealthResponse, "description": "Unhealthy"}},
)
def healthz(ctx: Context) -> Response:
    """200 while the database answers, 503 when it does not. No token needed:
    it tells nothing about any address."""
    health = service.health(ctx.engine, now=ctx.clock())
    return SafeJSONResponse(
        {
            "status": "ok" if health.database else "unavailable",
            "database": health.database,
            "backlog": health.backlog,
            "oldest_backlog_seconds": health.oldest_backlog_seconds,
            "version": __version__,
        },
        200 if health.database else 503,
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}},
            "description": "Prometheus text exposition format",
        },
        401: {"model": models.ErrorBody},
    },
)
def metrics_(request: Request, ctx: Context) -> Response:
    """Counters of this process plus gauges read from the database now.

    Needs a read token unless `[api] public_metrics` is set.
    """
    tokens: Tokens = request.app.state.tokens
    granted = tokens.access(request.headers.get("authorization"))
    if not ctx.api.public_metrics and granted < Access.READ:
        raise ApiError(
            401,
            "unauthorized",
            "a valid token is required: Authorization: Bearer <token>",
        )
    store: CollectorRegistry = request.app.state.store_registry
    body = generate_latest(metrics.REGISTRY) + generate_latest(store)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
