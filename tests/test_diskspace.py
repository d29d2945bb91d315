"""Free-space measurement and disk-full detection: the pieces behind the 452s."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import psycopg.errors
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bounced.diskspace import FreeSpace, measure_free, watched_path
from bounced.store.spool import is_disk_full


def test_the_sqlite_files_directory_is_watched_unless_a_path_is_named(tmp_path):
    """SQLite: its file's directory; a named path wins; PostgreSQL: nothing."""
    assert watched_path("", f"sqlite:///{tmp_path}/db/bounced.db") == str(
        tmp_path / "db"
    )
    assert watched_path("", "sqlite:///var/bounced.db") == str(Path("var").resolve())
    assert watched_path("/srv/pg", "postgresql://u@db/bounced") == "/srv/pg"
    assert watched_path("", "postgresql+psycopg://u@db/bounced") is None
    assert watched_path("", "sqlite://") is None  # in memory


def test_an_unmeasurable_path_is_unknown_not_full(tmp_path):
    """A path that cannot be measured gives None; the commit will tell."""
    assert measure_free(str(tmp_path / "missing")) is None
    assert measure_free(str(tmp_path)) > 0


def test_one_measurement_serves_every_caller_until_it_is_old():
    """Concurrent MAILs share one statvfs in a worker thread, never the loop's."""
    calls: list[str] = []
    release = threading.Event()

    def measure(path: str) -> int:
        calls.append(threading.current_thread().name)
        release.wait(10)
        return 1234

    async def main() -> tuple[list[int | None], int | None]:
        probe = FreeSpace("/spool", max_age=3600, measure=measure)
        waiting = [asyncio.ensure_future(probe.bytes_free()) for _ in range(50)]
        await asyncio.sleep(0.05)
        waiting[0].cancel()  # a session that hangs up cancels only its own wait
        release.set()
        results = await asyncio.gather(*waiting[1:])
        return results, await probe.bytes_free()

    results, later = asyncio.run(main())

    assert results == [1234] * 49
    assert later == 1234
    assert len(calls) == 1
    assert calls[0] != threading.main_thread().name


def test_an_old_measurement_is_taken_again():
    """Past max_age the next MAIL measures anew and sees the disk filling."""
    values = iter([500, 100])

    async def main() -> list[int | None]:
        probe = FreeSpace("/spool", max_age=0, measure=lambda path: next(values))
        return [await probe.bytes_free(), await probe.bytes_free()]

    assert asyncio.run(main()) == [500, 100]


def _full_sqlite_error(tmp_path: Path) -> BaseException:
    """A real SQLITE_FULL: a database capped at its current page count."""
    engine = create_engine(f"sqlite:///{tmp_path / 'full.db'}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (b BLOB)"))
        with engine.begin() as connection:
            connection.execute(text("PRAGMA max_page_count = 2"))
            connection.execute(text("INSERT INTO t VALUES (zeroblob(100000))"))
    except OperationalError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("the insert should not have fitted")


def test_sqlite_disk_full_is_told_apart_from_other_failures(tmp_path):
    """SQLITE_FULL (wrapped or raw) and ENOSPC are "full"; a lock is not."""
    wrapped = _full_sqlite_error(tmp_path)
    assert is_disk_full(wrapped)
    assert is_disk_full(wrapped.orig)  # type: ignore[attr-defined]
    assert is_disk_full(OSError(28, "No space left on device"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))
    assert not is_disk_full(OSError(13, "Permission denied"))


def test_postgres_disk_full_sqlstate_is_full():
    """PostgreSQL's disk_full (53100) is recognized by its SQLSTATE."""
    assert is_disk_full(psycopg.errors.DiskFull("could not extend file"))
    assert not is_disk_full(psycopg.errors.AdminShutdown("terminating"))
