"""GET /v1/suppressions/{address}, answered before FastAPI's routing.

The single-address check is what a newsletter system calls before each send,
so its latency is the API's (issue 5: p99 under 10 ms with 8 concurrent
clients). Through FastAPI, most of a check's CPU went to the framework: route
matching across the routers, solving the dependencies, a worker-thread hop for
the sync route, and the middlewares between. `Lookup` sits just inside the guard
(auth.Guard: body limits, request metrics, the broad catch) and answers this one
route itself, with the pieces the route uses: `auth.authorize`, the service's
check (on the event loop on PostgreSQL, store/lookup.py; in a worker thread on
SQLite), the route's documents, and the installed error handlers.

The FastAPI route (`suppressions.check`) stays declared: it is what /openapi.json
documents, and what answers when the app is built with `fast_lookup=False`;
tests/test_api_lookup.py checks the two answer alike, byte for byte.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from bounced import service
from bounced.api import errors, suppressions
from bounced.api.auth import Access, authorize
from bounced.api.context import ApiContext
from bounced.store.lookup import Lookup as StoreLookup

PREFIX = "/v1/suppressions/"
# Paths under PREFIX that a GET route declared before `/{address:path}` takes.
OTHER_ROUTES = frozenset({"export"})


class Lookup:
    """ASGI middleware: GET /v1/suppressions/{address} without the framework."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        context: ApiContext,
        route: BaseRoute,
        reader: StoreLookup | None,
    ) -> None:
        self._app = app
        self._context = context
        self._route = route  # for the guard's metrics and failure log
        self._reader = reader

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_lookup(scope):
            await self._app(scope, receive, send)
            return
        scope["route"] = self._route
        response: Response
        try:
            response = await self._answer(scope)
        except Exception as exc:
            handled = await errors.handled(Request(scope), exc)
            if handled is None:
                raise  # to the guard: a logged JSON 500
            response = handled
        await response(scope, receive, send)

    async def _answer(self, scope: Scope) -> JSONResponse:
        authorize(scope, Access.READ)
        address: str = scope["path"][len(PREFIX) :]
        key = service.tombstone_key(self._context.config)
        if self._reader is None:
            rows = await run_in_threadpool(
                service.check, self._context.engine, address, tombstone_key=key
            )
        else:
            rows = await service.check_on_loop(self._reader, address, tombstone_key=key)
        if not rows:
            raise suppressions.not_suppressed(address)
        return JSONResponse(suppressions.lookup_document(rows))


def _is_lookup(scope: Scope) -> bool:
    """What the route `GET /v1/suppressions/{address:path}` would match."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope.get("root_path"):
        return False
    path: str = scope["path"]
    return path.startswith(PREFIX) and path[len(PREFIX) :] not in OTHER_ROUTES
