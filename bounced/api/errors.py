"""JSON error bodies, and the handlers that make every failure one.

Every 4xx and 5xx answer is `{"error": {"code": ..., "message": ...}}`: the
service's ApiError, FastAPI's validation errors (422, naming the field), routing
errors (404, 405), store outages (503, so a client retries) and, at the one
sanctioned broad catch in `auth.Guard`, anything else (500, logged, no
internals in the body).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.types import Scope

from bounced.api.responses import SafeJSONResponse
from bounced.errors import ApiError, StoreUnavailable

log = logging.getLogger(__name__)

Handler = Callable[[Request, Exception], Awaitable[Response]]

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
}


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> SafeJSONResponse:
    return SafeJSONResponse(
        {"error": {"code": code, "message": message}}, status, headers=headers
    )


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    for kind, handler in _handlers().items():
        app.add_exception_handler(kind, handler)
    # Anything else reaches auth.Guard, the API's one broad catch: a handler for
    # Exception would sit in Starlette's outermost middleware, which answers and
    # then re-raises into uvicorn's log with the full exception text.


async def handled(request: Request, exc: Exception) -> Response | None:
    """The answer the installed handlers give `exc` (looked up along its classes,
    as Starlette does), or None when only the guard's broad catch would answer.
    For code that answers without FastAPI's routing (api/lookup.py)."""
    handlers = _handlers()
    for kind in type(exc).__mro__:
        handler = handlers.get(kind)
        if handler is not None:
            return await handler(request, exc)
    return None


def _handlers() -> dict[type[Exception], Handler]:
    return {
        ApiError: _api_error,
        RequestValidationError: _validation_error,
        HTTPException: _http_error,
        StoreUnavailable: _store_unavailable,
        PoolTimeout: _store_unavailable,
        DBAPIError: _database_error,
    }


async def _api_error(request: Request, exc: Exception) -> SafeJSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return error_response(exc.status, exc.code, exc.message, headers)


async def _validation_error(request: Request, exc: Exception) -> SafeJSONResponse:
    """422 naming each bad field: `query.limit: Input should be ...`."""
    assert isinstance(exc, RequestValidationError)
    problems = [_describe(error) for error in exc.errors()[:10]]
    return error_response(422, "invalid_request", "; ".join(problems))


async def _http_error(request: Request, exc: Exception) -> SafeJSONResponse:
    assert isinstance(exc, HTTPException)
    # FastAPI turns any failure while reading a body into a 400; our own limit
    # is the cause when the guard stopped a chunked body (auth.Guard).
    cause = exc.__cause__
    if isinstance(cause, ApiError):
        return await _api_error(request, cause)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(exc.status_code, code, detail, dict(exc.headers or {}))


async def _store_unavailable(request: Request, exc: Exception) -> SafeJSONResponse:
    log.warning("api store unavailable error=%s", type(exc).__name__)
    return error_response(
        503,
        "store_unavailable",
        "the database is not answering; try again later",
        {"Retry-After": "5"},
    )


async def _database_error(request: Request, exc: Exception) -> SafeJSONResponse:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated or isinstance(exc, OperationalError):
        return await _store_unavailable(request, exc)
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> SafeJSONResponse:
    log_failure(request.scope, exc)
    return error_response(500, "internal_error", "the server failed; it was logged")


def log_failure(scope: Scope, exc: BaseException) -> None:
    """Log a request that failed, without request data (it may hold tokens and
    addresses). A database error is logged in one line: its text carries the
    statement's parameters, which are subscribers' addresses."""
    route = getattr(scope.get("route"), "path", "unmatched")
    if isinstance(exc, SQLAlchemyError):
        original = getattr(exc, "orig", None) or exc
        first = (str(original).splitlines() or [""])[0][:200]
        log.error(
            "api request failed route=%s error=%s: %s",
            route,
            type(original).__name__,
            first,
        )
        return
    log.error(
        "api request failed route=%s error=%s", route, type(exc).__name__, exc_info=exc
    )


def _describe(error: dict[str, Any]) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()))
    return f"{location}: {error.get('msg', 'invalid')}"[:300]
