"""Engines for SQLite (the default) and PostgreSQL (production).

SQLite runs in WAL mode with `synchronous=FULL`, so a committed spool row survives
a crash of the process or the machine. Writes open with `BEGIN IMMEDIATE`: a
deferred transaction that reads and then writes can fail at once with
SQLITE_BUSY instead of waiting (sqlite.org/wal.html "busy snapshot"). Readers that
never write pass `execution_options(readonly=True)` and keep WAL's concurrency.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url

SQLITE_BUSY_TIMEOUT_MS = 5000  # then the caller answers 451 and the sender retries


def normalize_url(url: str) -> URL:
    """postgresql:// means psycopg 3, the driver we install."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for memory or other backends."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine with the pragmas and pool this daemon relies on."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={
                "check_same_thread": False,
                "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            },
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,  # a restarted server leaves dead connections in the pool
        pool_timeout=10,
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so SAVEPOINT and BEGIN IMMEDIATE
        # work (SQLAlchemy docs, "Serializable isolation / Savepoints").
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        readonly = connection.get_execution_options().get("readonly", False)
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def insert_ignoring_conflicts(
    connection: Connection, table: Any, values: dict[str, Any], keys: list[str]
) -> bool:
    """INSERT ... ON CONFLICT (keys) DO NOTHING; True if a row was inserted.

    Both backends speak it, each through its own dialect's insert(): two daemons
    creating the same row at once must not make one of them fail.
    """
    statement = dialect_insert(connection, table).values(**values)
    result = connection.execute(statement.on_conflict_do_nothing(index_elements=keys))
    return bool(result.rowcount == 1)


def dialect_insert(connection: Connection, table: Any) -> Any:
    """The backend's own insert(), which has ON CONFLICT (the generic one has not)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)
