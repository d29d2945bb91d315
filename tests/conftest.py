"""Fixtures: real databases (SQLite files, the PostgreSQL server), real migrations,
a real daemon listening on a real socket.

PostgreSQL tests create their own databases (cloned from a migrated template) and
drop them; they never assume an empty server. When CI is set, an unreachable
PostgreSQL server fails those tests instead of skipping them: a test that
silently skips cannot fail.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import Engine

from bounced import config as config_module
from bounced import daemon
from bounced.store import migrate
from bounced.store.engine import make_engine

PG_ADMIN_DSN = os.environ.get(
    "BOUNCED_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
)
PG_URL_TEMPLATE = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
BOUNCE_DOMAIN = "bounces.example.com"


def _pg_admin() -> psycopg.Connection[Any]:
    return psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5)


@pytest.fixture(scope="session")
def pg_available() -> None:
    """Skip (or, under CI, fail) when the PostgreSQL server cannot be reached."""
    try:
        with _pg_admin():
            pass
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL at {PG_ADMIN_DSN!r} is unreachable: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: PostgreSQL tests must run)")
        pytest.skip(message)


def create_pg_database(template: str | None = None) -> str:
    name = f"bounced_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as admin:
        clause = f" TEMPLATE {template}" if template else ""
        admin.execute(f"CREATE DATABASE {name}{clause}")  # type: ignore[arg-type]
    return name


def drop_pg_database(name: str) -> None:
    with _pg_admin() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def pg_template(pg_available: None) -> Iterator[str]:
    """A database at the head revision, cloned by each test (CREATE ... TEMPLATE)."""
    name = create_pg_database()
    try:
        migrate.upgrade(PG_URL_TEMPLATE.format(name=name))
        yield name
    finally:
        drop_pg_database(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied by each test."""
    path = tmp_path_factory.mktemp("template") / "bounced.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """A fresh migrated PostgreSQL database for one test."""
    name = create_pg_database(template=pg_template)
    try:
        yield PG_URL_TEMPLATE.format(name=name)
    finally:
        drop_pg_database(name)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh migrated SQLite file for one test."""
    path = tmp_path / "db" / "bounced.db"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest) -> str:
    """A migrated database, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the test's database."""
    eng = make_engine(db_url, pool_size=2)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """An engine on the test's SQLite file (for tests that are SQLite-only)."""
    eng = make_engine(sqlite_url, pool_size=2)
    yield eng
    eng.dispose()


def make_config(db_url: str, **sections: dict[str, Any]) -> config_module.Config:
    """Test configuration: port 0, one parser worker, fast polling."""
    base: dict[str, dict[str, Any]] = {
        "smtp": {"port": 0, "bounce_domains": [BOUNCE_DOMAIN]},
        "database": {"url": db_url},
        "processor": {"workers": 1, "poll_interval": 0.05},
        "api": {"port": 0},
    }
    for name, values in sections.items():
        base.setdefault(name, {}).update(values)
    return config_module.Config().with_overrides(**base)


@dataclass
class DaemonThread:
    """A real daemon (serve()) on its own event loop in a thread."""

    config: config_module.Config
    clock: Callable[[], Any] = daemon.utcnow
    host: str = "127.0.0.1"
    port: int = 0
    api_port: int = 0  # the HTTP API's port, when [api] is enabled
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _thread: threading.Thread | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _error: BaseException | None = None

    def start(self) -> DaemonThread:
        self._thread = threading.Thread(target=self._main, name="daemon", daemon=True)
        self._thread.start()
        if not self._ready.wait(60):
            raise RuntimeError("daemon did not start within 60s")
        if self._error is not None:
            raise self._error
        return self

    def _main(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()

            def started(addresses: list[tuple[str, int]]) -> None:
                self.host, self.port = addresses[0]
                self._ready.set()

            def api_started(address: tuple[str, int]) -> None:
                self.api_port = address[1]

            await daemon.serve(
                self.config,
                clock=self.clock,
                started=started,
                stop=self._stop,
                api_started=api_started,
            )

        try:
            asyncio.run(main())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            self._error = exc
            self._ready.set()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def stop(self) -> None:
        if (
            self._loop is not None
            and self._stop is not None
            and self._thread is not None
        ):
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(60)
            assert not self._thread.is_alive(), "daemon did not stop"
        if self._error is not None:
            raise self._error


@pytest.fixture
def start_daemon() -> Iterator[Callable[..., DaemonThread]]:
    """Start real daemons for a test; they are stopped at teardown."""
    running: list[DaemonThread] = []

    def start(config: config_module.Config, **kwargs: Any) -> DaemonThread:
        instance = DaemonThread(config, **kwargs).start()
        running.append(instance)
        return instance

    yield start
    for instance in reversed(running):
        instance.stop()
