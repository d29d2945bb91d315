"""Free space where messages are stored, for the 452 at MAIL.

`statvfs` is a system call on a file system, and a stuck one (NFS, a failing
disk) would stall every session if it ran on the event loop, which DESIGN.md
forbids. So the measurement runs in a worker thread, and one result serves every
MAIL for a second: a disk does not fill faster than that matters, and under load
thousands of sessions share one call instead of each making its own.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

Measure = Callable[[str], "int | None"]


def watched_path(free_space_path: str, database_url: str) -> str | None:
    """The directory to measure: the configured one, else the SQLite file's.

    A PostgreSQL server's disk is not ours to see (it may be another host), so
    with no explicit path nothing is measured there; nor for in-memory SQLite.
    """
    if free_space_path:
        return free_space_path
    try:
        url = make_url(database_url)
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return os.path.dirname(os.path.abspath(url.database))


def measure_free(path: str) -> int | None:
    """Free bytes for an unprivileged writer at `path`; None when unmeasurable.

    Unmeasurable is not "full": the commit itself will tell (451/452).
    """
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


class FreeSpace:
    """Free bytes at one path, measured off the event loop, reused for a while."""

    def __init__(
        self, path: str, *, max_age: float = 1.0, measure: Measure = measure_free
    ) -> None:
        self._path = path
        self._max_age = max_age
        self._measure = measure
        self._pending: asyncio.Future[int | None] | None = None
        self._expires = 0.0

    async def bytes_free(self) -> int | None:
        """The latest measurement, refreshed once it is `max_age` seconds old."""
        loop = asyncio.get_running_loop()
        pending = self._pending
        if pending is not None and pending.done() and loop.time() < self._expires:
            return pending.result()  # the common case: no thread hop, no await
        if pending is None or pending.done():
            self._expires = loop.time() + self._max_age
            pending = loop.run_in_executor(None, self._measure, self._path)
            self._pending = pending
        # Shielded: a session that hangs up must not cancel the shared call.
        return await asyncio.shield(pending)
