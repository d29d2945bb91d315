"""Bearer tokens with two scopes, and the guard in front of every request.

`read` tokens may check, list and export suppressions and read events; `admin`
tokens may do that and also add, remove and import, and read raw messages.
Tokens are compared as SHA-256 digests with `hmac.compare_digest`, against every
configured token without stopping at a match, so neither the length nor the
position of a token shows in the response time. Tokens are never logged: no
header is, and the access log is off.

The guard is plain ASGI and runs before FastAPI reads a body (FastAPI reads and
parses the body before it solves any dependency): a request without a valid
token may carry at most UNAUTHENTICATED_BODY bytes, so nobody can make the
daemon buffer megabytes without a token.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence
from enum import IntEnum
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bounced import metrics
from bounced.api.errors import error_body, log_failure
from bounced.errors import ApiError

UNAUTHENTICATED_BODY = 64 * 1024
# A refused body up to this size is read and dropped before the 413 is sent:
# closing on unread data makes the kernel reset the connection, and the client
# would see "connection reset" instead of the answer.
DRAIN_LIMIT = 1024 * 1024
# Where the guard leaves the access it granted, in the request's ASGI scope.
ACCESS_KEY = "bounced.access"


class Access(IntEnum):
    """What a request may do; each level includes the ones below it."""

    NONE = 0
    READ = 1
    ADMIN = 2


class Tokens:
    """The configured tokens, kept as digests only."""

    def __init__(self, read: Sequence[str], admin: Sequence[str]) -> None:
        self._read = [_digest(token) for token in read]
        self._admin = [_digest(token) for token in admin]
        # No token configured: the API is open (config allows that only on a
        # loopback address, config.api_problems).
        self.open = not read and not admin

    def access(self, authorization: str | None) -> Access:
        """The access an Authorization header grants."""
        if self.open:
            return Access.ADMIN
        token = _bearer(authorization)
        if token is None:
            return Access.NONE
        digest = _digest(token)
        is_admin = is_read = False
        for known in self._admin:
            is_admin |= hmac.compare_digest(known, digest)
        for known in self._read:
            is_read |= hmac.compare_digest(known, digest)
        if is_admin:
            return Access.ADMIN
        return Access.READ if is_read else Access.NONE


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413, "too_large", f"the request body is larger than {limit} bytes"
        )


class Guard:
    """ASGI middleware: body limits by access, request metrics, and the API's
    one broad catch (a JSON 500 for anything the handlers in errors.py did not
    answer).

    A declared Content-Length over the limit is refused before anything is read;
    a chunked body is counted as it streams and stopped at the limit.
    """

    def __init__(self, app: ASGIApp, *, tokens: Tokens, max_body: int) -> None:
        self._app = app
        self._tokens = tokens
        self._max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope.get("headers") or ())
        authorization = _authorization(scope)
        granted = self._tokens.access(authorization)
        scope[ACCESS_KEY] = granted  # routes read it instead of hashing again
        limit = self._max_body if granted > Access.NONE else UNAUTHENTICATED_BODY
        started_response = False

        async def send_counted(message: Message) -> None:
            nonlocal started_response
            if message["type"] == "http.response.start":
                started_response = True
                status = message["status"]
                metrics.observe_request(
                    _route(scope),
                    scope.get("method", ""),
                    status,
                    time.perf_counter() - started,
                )
            await send(message)

        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            if int(declared) <= DRAIN_LIMIT:
                await _drain(receive, DRAIN_LIMIT)
            await _refuse(send_counted, BodyTooLarge(limit))
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if message.get("more_body", False):
                        await _drain(receive, DRAIN_LIMIT)
                    raise BodyTooLarge(limit)
            return message

        try:
            await self._app(scope, receive_limited, send_counted)
        except Exception as exc:  # noqa: BLE001 - the API's boundary: logged, JSON 500
            log_failure(scope, exc)
            if not started_response:
                await _refuse(
                    send_counted,
                    ApiError(500, "internal_error", "the server failed; it was logged"),
                )


_bearer_scheme = HTTPBearer(
    auto_error=False,
    description="A token from [api] read_tokens or admin_tokens",
)


def require(level: Access) -> Any:
    """A dependency that lets a request through with at least `level` access."""

    # async: a plain def would cost a worker-thread hop per request (context.py).
    async def check(
        request: Request,
        credentials: Annotated[
            HTTPAuthorizationCredentials | None, Depends(_bearer_scheme)
        ],
    ) -> Access:
        return authorize(request.scope, level)

    return Depends(check)


def authorize(scope: Scope, level: Access) -> Access:
    """The access the guard granted this request, if it is at least `level`;
    else the ApiError (401 or 403) to answer."""
    granted = scope.get(ACCESS_KEY)
    if not isinstance(granted, Access):  # an app served without the guard
        tokens: Tokens = scope["app"].state.tokens
        granted = tokens.access(_authorization(scope))
    if granted == Access.NONE:
        raise ApiError(
            401,
            "unauthorized",
            "a valid token is required: Authorization: Bearer <token>",
        )
    if granted < level:
        raise ApiError(
            403,
            "forbidden",
            "this token may only read; adding, removing, importing and raw"
            " messages need an admin token",
        )
    return granted


READ = require(Access.READ)
ADMIN = require(Access.ADMIN)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


def _authorization(scope: Scope) -> str | None:
    """The first Authorization header, as Starlette's `headers.get` reads it (the
    routes' check once did): with two, the first decides."""
    for name, value in scope.get("headers") or ():
        if name == b"authorization":
            return value.decode("latin-1") or None
    return None


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _route(scope: Scope) -> str:
    """The matched route's template (a fixed set), never the requested path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


async def _drain(receive: Receive, most: int) -> None:
    """Read and drop the rest of a body, up to `most` bytes."""
    dropped = 0
    while dropped <= most:
        message = await receive()
        if message["type"] != "http.request":
            return
        dropped += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _refuse(send: Send, error: ApiError) -> None:
    body = error_body(error.code, error.message)
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
