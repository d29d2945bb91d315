"""The HTTP API: a FastAPI app over the service functions the CLI uses too.

`create_app(engine, config)` builds the app; the daemon serves it with uvicorn in
its own event loop (`bounced.api.server`). Routes live in one `APIRouter` module
per area and are listed in ROUTERS, the only place the app learns of them:

    ROUTERS = (ops.router, suppressions.router, events.router, retries.router,
               verp.router)

To add routes, write `bounced/api/<area>.py` with `router = APIRouter(...)`,
protect each route with `dependencies=[READ]` or `[ADMIN]` from
`bounced.api.auth`, take the engine and config from the `context` dependency
(`bounced.api.context`), raise `bounced.errors.ApiError` for refusals, and add
the router to ROUTERS: one line here.

Pieces: `auth` (tokens, scopes, the body-limiting guard), `errors` (every
failure a JSON body), `context` (engine, config, clock for routes), `models`
(the documented bodies), `server` (uvicorn in the daemon's loop), `lookup` (the
single-address check, answered ahead of the routing for speed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from prometheus_client import CollectorRegistry
from sqlalchemy.engine import Engine

from bounced import __version__, metrics, service
from bounced.api import (
    errors,
    events,
    lookup,
    models,
    ops,
    privacy,
    retries,
    sent,
    suppressions,
    verp,
)
from bounced.api.auth import Guard, Tokens
from bounced.api.context import ApiContext
from bounced.api.responses import SafeJSONResponse
from bounced.config import Config
from bounced.store.lookup import lookup_for

# Every router, in the order their paths are matched.
ROUTERS: tuple[APIRouter, ...] = (
    ops.router,
    suppressions.router,
    events.router,
    retries.router,
    privacy.router,
    sent.router,
    verp.router,
)

# Documented on every route: what auth, validation and outages answer.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": models.ErrorBody, "description": "No valid token"},
    403: {"model": models.ErrorBody, "description": "The token may only read"},
    413: {"model": models.ErrorBody, "description": "Request body too large"},
    422: {"model": models.ErrorBody, "description": "A parameter is not valid"},
    500: {"model": models.ErrorBody, "description": "Server failure (logged)"},
    503: {"model": models.ErrorBody, "description": "Database unavailable"},
}


def create_app(
    engine: Engine,
    config: Config,
    *,
    clock: Callable[[], datetime] | None = None,
    fast_lookup: bool = True,
) -> FastAPI:
    """The API app for one engine and configuration (tokens and limits from [api]).

    `fast_lookup=False` leaves GET /v1/suppressions/{address} to its FastAPI
    route, which api/lookup.py otherwise answers ahead of the routing (the tests
    compare the two).
    """
    app = FastAPI(
        title="bounced",
        version=__version__,
        description="Bounce processing: check and manage the suppression list,"
        " read bounce events. Authenticate with `Authorization: Bearer <token>`.",
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
        default_response_class=SafeJSONResponse,  # no raw control characters
        # FastAPI's built-in OpenTelemetry costs ~0.45 ms of CPU per request (measured
        # in-process); our own Prometheus metrics (bounced.metrics) cover the API.
        telemetry={
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
        },
    )
    app.state.context = ApiContext(engine, config, clock or _utcnow)
    app.state.tokens = Tokens(config.api.read_tokens, config.api.admin_tokens)
    store_registry = CollectorRegistry(auto_describe=False)
    store_registry.register(
        metrics.StoreCollector(lambda: service.store_snapshot(engine))
    )
    app.state.store_registry = store_registry
    for router in ROUTERS:
        app.include_router(router, responses=COMMON_RESPONSES)
    errors.install(app)
    # Middlewares run outermost last-added first: the guard, then the lookup.
    reader = lookup_for(engine, config.api.lookup_connections)
    app.state.lookup = reader  # closed by ApiServer.stop
    if fast_lookup:
        app.add_middleware(
            lookup.Lookup,
            context=app.state.context,
            route=_route(suppressions.router, suppressions.check, "GET"),
            reader=reader,
        )
    app.add_middleware(
        Guard, tokens=app.state.tokens, max_body=config.api.max_request_size
    )
    return app


def _route(router: APIRouter, endpoint: Callable[..., Any], method: str) -> APIRoute:
    """The route object of `endpoint` (what the guard's metrics label by)."""
    for route in router.routes:
        if (
            isinstance(route, APIRoute)
            and route.endpoint is endpoint
            and method in (route.methods or ())
        ):
            return route
    raise LookupError(f"no {method} route for {endpoint.__name__}")


def _utcnow() -> datetime:
    return datetime.now(UTC)
