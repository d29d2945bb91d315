"""Durable intake with group commit.

`Spool.put()` resolves only after the COMMIT that contains the message, so the
SMTP handler answers 250 only for durable messages. One writer task drains
whatever queued up while the previous commit ran and writes it in one
transaction (group commit, as databases do for their own logs): under load, many
sessions share one fsync; idle, a lone message commits at once without waiting.
The writer runs in its own task, so a client that disconnects mid-wait cancels
only its own wait, never the commit.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bounced import faults
from bounced.errors import StoreFull, StoreUnavailable
from bounced.report import Inbound
from bounced.store.schema import InboundMessage

log = logging.getLogger(__name__)

_Item = tuple[Inbound, "asyncio.Future[int]"]
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # sqlalchemy.dialects.sqlite.DATETIME
_SQLITE_INSERT = (
    "INSERT INTO inbound_messages"
    " (received_at, peer, helo, mail_from, rcpt_tos, raw, size, state, attempts)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 'new', 0) RETURNING id"
)


def encode_envelope(value: str) -> bytes:
    """Envelope text as stored: UTF-8, keeping undecodable bytes as they came."""
    return value.encode("utf-8", "surrogateescape")


class Spool:
    """Group-committing writer of inbound messages."""

    def __init__(self, engine: Engine, *, batch_max: int = 512) -> None:
        self._engine = engine
        self._batch_max = batch_max
        self._queue: asyncio.Queue[_Item] = asyncio.Queue()
        # One thread: SQLite has one writer anyway, and the order of batches is kept.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spool")
        self._task: asyncio.Task[None] | None = None
        self.committed = asyncio.Event()  # set after each commit; wakes the processor

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="spool")

    async def close(self) -> None:
        """Finish what is queued, then stop."""
        if self._task is not None and not self._task.done():
            await self._queue.join()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._executor.shutdown(wait=True)

    async def put(self, inbound: Inbound) -> int:
        """Store one message; returns its id once committed.

        Raises StoreUnavailable when the database cannot take it.
        """
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        # If the waiter is gone (client hung up), still consume the outcome so an
        # exception is not reported as "never retrieved".
        future.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._queue.put_nowait((inbound, future))
        return await asyncio.shield(future)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._batch_max and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            inbounds = [inbound for inbound, _ in batch]
            try:
                ids = await loop.run_in_executor(self._executor, self._write, inbounds)
            except Exception as exc:  # noqa: BLE001 - batch boundary: each waiter answers 451
                log.warning(
                    "spool commit failed batch=%d error=%s", len(batch), _brief(exc)
                )
                error = StoreFull if is_disk_full(exc) else StoreUnavailable
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error(_brief(exc)))
                self._done(len(batch))
                continue
            faults.crash_point("spool-committed")
            for (_, future), message_id in zip(batch, ids, strict=True):
                if not future.done():
                    future.set_result(message_id)
            self.committed.set()
            self._done(len(batch))

    def _done(self, count: int) -> None:
        for _ in range(count):
            self._queue.task_done()

    def _write(self, inbounds: list[Inbound]) -> list[int]:
        if self._engine.dialect.name == "sqlite":
            return self._write_sqlite(inbounds)
        rows = [
            {
                "received_at": inbound.received_at,
                "peer": inbound.peer[:255],
                "helo": encode_envelope(inbound.helo)
                if inbound.helo is not None
                else None,
                "mail_from": encode_envelope(inbound.mail_from),
                "rcpt_tos": b"\n".join(encode_envelope(r) for r in inbound.rcpt_tos),
                "raw": inbound.raw,
                "size": len(inbound.raw),
                "state": "new",
                "attempts": 0,
            }
            for inbound in inbounds
        ]
        statement = insert(InboundMessage).returning(
            InboundMessage.id, sort_by_parameter_order=True
        )
        with self._engine.begin() as connection:
            ids = list(connection.scalars(statement, rows))
        return ids

    def _write_sqlite(self, inbounds: list[Inbound]) -> list[int]:
        """The same rows through the sqlite3 driver directly.

        This is the daemon's hottest write and shares the GIL with the event loop:
        SQLAlchemy's insertmanyvalues path costs twice the CPU of plain
        `INSERT ... RETURNING` per row in sqlite3's C code. Times are written in
        SQLAlchemy's own SQLite DATETIME format so the models read them back.
        """
        rows = [
            (
                inbound.received_at.astimezone(UTC).strftime(_SQLITE_DATETIME),
                inbound.peer[:255],
                encode_envelope(inbound.helo) if inbound.helo is not None else None,
                encode_envelope(inbound.mail_from),
                b"\n".join(encode_envelope(r) for r in inbound.rcpt_tos),
                inbound.raw,
                len(inbound.raw),
            )
            for inbound in inbounds
        ]
        with self._engine.begin() as connection:
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            try:
                return [
                    cursor.execute(_SQLITE_INSERT, row).fetchone()[0] for row in rows
                ]
            finally:
                cursor.close()


def is_disk_full(exc: BaseException) -> bool:
    """True when a write failed for want of space, on either database.

    SQLite says SQLITE_FULL ("database or disk is full"); PostgreSQL says SQLSTATE
    53100 (disk_full); a file write says ENOSPC or EDQUOT. The raw sqlite3 cursor
    raises the driver's error, SQLAlchemy wraps it in `.orig`: both are looked at.
    """
    for error in (exc, getattr(exc, "orig", None)):
        code = getattr(error, "sqlite_errorcode", None) or 0
        if isinstance(error, sqlite3.Error) and code & 0xFF == sqlite3.SQLITE_FULL:
            return True  # (& 0xFF: an extended result code keeps its primary low)
        if getattr(error, "sqlstate", None) == "53100":
            return True
        if isinstance(error, OSError) and error.errno in _NO_SPACE:
            return True
    return False


def _brief(exc: BaseException) -> str:
    """One line naming the failure, without SQL or parameters (they hold mail)."""
    original = getattr(exc, "orig", None) if isinstance(exc, SQLAlchemyError) else None
    if original is not None:
        lines = str(original).splitlines() or [""]
        return f"{type(original).__name__}: {lines[0][:200]}"
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
