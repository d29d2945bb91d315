"""The single-address check on PostgreSQL, run on the event loop (psycopg async).

`GET /v1/suppressions/{address}` is the API's hot path (issue 5: p99 under 10 ms
with 8 concurrent clients). Through the sync engine each check paid a hop to a
worker thread and back, a pre-ping round trip, and, with the loop busy, a wait
of up to the GIL switch interval (5 ms) each time the worker woke from the
socket. Here the same two statements (store.suppressions.FIND_IN_FORCE,
store.privacy.FIND_TOMBSTONE) run on the daemon's loop over a few connections
of their own, as server-side prepared statements.

The statements are compiled once by SQLAlchemy for the engine's dialect, and
values pass through the column types' own bind and result processors, so
UtcDateTime behaves as it does on the sync path. psycopg errors are wrapped as
SQLAlchemy's DBAPIError, so the API's error handlers answer them as before (503
for an outage). There is no pre-ping: a connection found broken by its query is
replaced and the read retried once, as a read may safely be.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg import pq
from sqlalchemy import Select
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError

from bounced.errors import StoreUnavailable
from bounced.store.privacy import FIND_TOMBSTONE, tombstone_row
from bounced.store.suppressions import FIND_IN_FORCE, SuppressionRow

ACQUIRE_SECONDS = 10.0  # as the sync pool's pool_timeout (store/engine.py)
APPLICATION_NAME = "bounced-lookup"


class Prepared:
    """A statement compiled once, with its parameters' and columns' converters."""

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self._binders = {
            name: bind.type.bind_processor(dialect)
            for name, bind in compiled.binds.items()
        }
        self._readers = [
            column.type.result_processor(dialect, None)
            for column in statement.selected_columns
        ]

    def params(self, **values: Any) -> dict[str, Any]:
        return {
            name: convert(value) if (convert := self._binders[name]) else value
            for name, value in values.items()
        }

    def row(self, values: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(
            read(value) if read else value
            for read, value in zip(self._readers, values, strict=True)
        )


class Lookup:
    """Up to `size` connections, opened when first needed, for checks on the loop."""

    def __init__(self, engine: Engine, size: int) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("the async lookup is for PostgreSQL engines")
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        kwargs.pop("context", None)  # the sync driver's adapters, not needed here
        # Told apart from the engine's connections in pg_stat_activity.
        kwargs.setdefault("application_name", APPLICATION_NAME)
        self._connect_args = (list(args), dict(kwargs))
        self._find = Prepared(FIND_IN_FORCE, engine.dialect)
        self._tombstone = Prepared(FIND_TOMBSTONE, engine.dialect)
        self._size = size
        self._slots: asyncio.Semaphore | None = None  # made in the serving loop
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._closed = False

    async def find(
        self, address: str, *, now: datetime, digest: str | None = None
    ) -> list[SuppressionRow]:
        """What service.check returns: the suppressions of `address` (normalized)
        in force at `now`, else its tombstone when `digest` is given."""
        rows = await self._fetch(self._find, address=address, now=now)
        if rows or digest is None:
            return [SuppressionRow(*row) for row in rows]
        found = await self._fetch(self._tombstone, digest=digest)
        return [tombstone_row(address, reason, at) for reason, at in found]

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()

    async def _fetch(self, prepared: Prepared, **values: Any) -> list[tuple[Any, ...]]:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._size)
        try:
            async with asyncio.timeout(ACQUIRE_SECONDS):
                await self._slots.acquire()
        except TimeoutError:
            raise StoreUnavailable("no lookup connection came free") from None
        try:
            params = prepared.params(**values)
            for attempt in (1, 2):
                reused = bool(self._idle) and attempt == 1
                connection = self._idle.pop() if reused else await self._open()
                try:
                    cursor = await connection.execute(
                        prepared.sql, params, prepare=True
                    )
                    rows = await cursor.fetchall()
                except psycopg.Error as exc:
                    broken = connection.broken
                    self._release(connection)
                    if broken:
                        # The server went away (restarted, or ended the session):
                        # the other idle connections went with it.
                        self._drop_idle()
                        if reused:
                            continue  # once more, on a new connection
                    raise _wrapped(exc, prepared.sql, broken) from exc
                except BaseException:
                    # Cancelled mid-query: the connection's state is unknown.
                    _discard(connection)
                    raise
                self._release(connection)
                return [prepared.row(row) for row in rows]
            raise AssertionError("unreachable")  # pragma: no cover
        finally:
            self._slots.release()

    def _drop_idle(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            _discard(connection)

    async def _open(self) -> psycopg.AsyncConnection[Any]:
        args, kwargs = self._connect_args
        try:
            return await psycopg.AsyncConnection.connect(
                *args, autocommit=True, **kwargs
            )
        except psycopg.Error as exc:
            raise _wrapped(exc, "connect", True) from exc

    def _release(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """Keep a healthy, idle connection; close any other."""
        healthy = (
            not connection.broken
            and connection.info.transaction_status == pq.TransactionStatus.IDLE
        )
        if healthy and not self._closed:
            self._idle.append(connection)
        else:
            _discard(connection)


def _discard(connection: psycopg.AsyncConnection[Any]) -> None:
    """Close without waiting: the socket is dropped, the server ends the session."""
    with contextlib.suppress(psycopg.Error):
        connection.pgconn.finish()


def _wrapped(exc: psycopg.Error, statement: str, invalidated: bool) -> Exception:
    """The error SQLAlchemy would have raised (a DBAPIError subclass), for the
    API's handlers (errors.py)."""
    return DBAPIError.instance(
        statement,
        None,
        exc,
        psycopg.Error,
        connection_invalidated=invalidated,
    )


def lookup_for(engine: Engine, size: int) -> Lookup | None:
    """A Lookup for a PostgreSQL engine; None for SQLite (checks stay in threads)."""
    return Lookup(engine, size) if engine.dialect.name == "postgresql" else None
