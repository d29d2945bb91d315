"""GET /v1/suppressions/{address}, answered ahead of FastAPI's routing
(bounced/api/lookup.py; on PostgreSQL over bounced/store/lookup.py), answers
exactly as its FastAPI route does; its own connections recover from a server
that dropped them, and stay within [api] lookup_connections."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy.engine import Engine

from bounced import service
from bounced.api import create_app
from bounced.api.server import ApiServer
from bounced.store.engine import make_engine
from bounced.store.lookup import APPLICATION_NAME
from tests.test_api import ADMIN, ADMIN_TOKEN, READ, READ_TOKEN, api_config

FORGOTTEN = "frank@example.org"
PATHS = [
    "/v1/suppressions/alice@example.org",  # global and a list
    "/v1/suppressions/Alice@EXAMPLE.org",  # another spelling
    "/v1/suppressions/alice%40example.org",  # percent-encoded
    "/v1/suppressions/bob@example.org",  # a list only, expiring
    "/v1/suppressions/j%C3%B6rg@example.org",  # non-ASCII
    "/v1/suppressions/old@example.org",  # lapsed: may be mailed
    "/v1/suppressions/nobody@example.org",  # never suppressed
    f"/v1/suppressions/{FORGOTTEN}",  # a tombstone
    "/v1/suppressions/alice@example.org?list=news&x=1",  # a query is ignored
    "/v1/suppressions/not an address",
    "/v1/suppressions/a%2Fb@example.org",  # "/" is atext
    "/v1/suppressions/",
    "/v1/suppressions/check",
    "/v1/suppressions/import",
    "/v1/suppressions/export/",
    "/v1/suppressions/%00@example.org",
]
AUTHORIZATIONS: list[list[tuple[str, str]]] = [
    [("Authorization", f"Bearer {READ_TOKEN}")],
    [("Authorization", f"Bearer {ADMIN_TOKEN}")],
    [],
    [("Authorization", "Bearer not-the-token-at-all")],
    [("Authorization", f"Basic {READ_TOKEN}")],
    [("Authorization", f"bearer  {READ_TOKEN}")],
    # Two headers: the first decides, as Starlette's headers.get reads them.
    [("Authorization", f"Bearer {READ_TOKEN}"), ("Authorization", "Bearer no")],
    [("Authorization", "Bearer no"), ("Authorization", f"Bearer {READ_TOKEN}")],
]


class AppThread:
    """An app served by the daemon's ApiServer, on its own loop in a thread."""

    def __init__(self, app: Any, config: Any) -> None:
        self._app, self._config = app, config
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)
        self.url = ""

    def __enter__(self) -> AppThread:
        self._thread.start()
        assert self._ready.wait(30), "the API did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)
        assert not self._thread.is_alive()

    def _main(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            server = ApiServer(self._app, self._config)
            await server.start()
            self.url = "http://{}:{}".format(*server.address)
            self._ready.set()
            await self._stop.wait()
            await server.stop()

        asyncio.run(main())


@pytest.fixture
def serve() -> Iterator[Callable[..., AppThread]]:
    """Serve apps over real sockets for a test; stopped at teardown."""
    running: list[AppThread] = []

    def start(engine: Engine, config: Any, **options: Any) -> AppThread:
        served = AppThread(create_app(engine, config, **options), config.api)
        running.append(served.__enter__())
        return served

    yield start
    for served in reversed(running):
        served.__exit__(None, None, None)


def suppressed(engine: Engine, config: Any) -> None:
    """Suppressions of every kind PATHS ask about."""
    now = datetime.now(UTC)
    for address, options in [
        ("alice@example.org", {}),
        ("alice@example.org", {"list_id": "news", "note": "asked twice"}),
        ("bob@example.org", {"list_id": "news", "expires_at": now + timedelta(days=3)}),
        ("jörg@example.org", {}),
        ("a/b@example.org", {}),
        ("old@example.org", {"expires_at": now + timedelta(seconds=1)}),
        (FORGOTTEN, {}),
    ]:
        service.add(engine, address, actor="test", now=now, **options)
    service.forget(engine, FORGOTTEN, key=service.tombstone_key(config), now=now)
    # "old" lapses: it is still stored, and may be mailed again.
    wait_until = now + timedelta(seconds=1.2)
    while datetime.now(UTC) < wait_until:
        threading.Event().wait(0.05)


def answers(url: str) -> list[tuple[Any, ...]]:
    """Status, the headers a client reads, and the body, for every case: each
    path with a read token, and a 200, a 404 and a 422 with every other header."""
    cases = [(path, AUTHORIZATIONS[0]) for path in PATHS] + [
        (f"/v1/suppressions/{address}", authorization)
        for address in ("alice@example.org", "nobody@example.org", "not an address")
        for authorization in AUTHORIZATIONS[1:]
    ]
    seen = []
    with httpx.Client(base_url=url, timeout=30) as http:
        for path, authorization in cases:
            response = http.get(path, headers=httpx.Headers(authorization))
            seen.append(
                (
                    path,
                    authorization,
                    response.status_code,
                    response.headers.get("content-type"),
                    response.headers.get("content-length"),
                    response.headers.get("www-authenticate"),
                    response.headers.get("retry-after"),
                    response.content,
                )
            )
    return seen


def test_the_fast_lookup_answers_every_case_as_the_fastapi_route_does(
    db_url, engine, serve
):
    """Suppressed, lapsed, forgotten, malformed, odd paths and every kind of
    token: the same status, headers and body bytes from both."""
    config = api_config(db_url, lookup_connections=2).with_overrides(
        privacy={"tombstone_key": "tombstone-key-0123456789"}
    )
    suppressed(engine, config)
    fast = serve(engine, config)
    routed = serve(engine, config, fast_lookup=False)

    expected = answers(routed.url)
    assert answers(fast.url) == expected
    statuses = {(path, status) for path, _, status, *_ in expected if status != 401}
    # The cases are the ones meant: each kind of answer is among them.
    assert {status for _, status in statuses} == {200, 404, 422}
    assert ("/v1/suppressions/old@example.org", 404) in statuses
    assert (f"/v1/suppressions/{FORGOTTEN}", 200) in statuses
    assert ("/v1/suppressions/export/", 422) in statuses


@pytest.mark.postgres
def test_a_database_that_is_down_is_503_from_both(serve):
    """Nothing listens where the database should be: 503 with Retry-After."""
    down = make_engine("postgresql://postgres@127.0.0.1:9/none", pool_size=1)
    config = api_config("sqlite://")
    try:
        fast = serve(down, config)
        routed = serve(down, config, fast_lookup=False)
        for url in (fast.url, routed.url):
            response = httpx.get(
                f"{url}/v1/suppressions/alice@example.org", headers=READ, timeout=30
            )
            assert response.status_code == 503
            assert response.headers["retry-after"] == "5"
            assert response.json()["error"]["code"] == "store_unavailable"
    finally:
        down.dispose()


def _lookup_backends(dbname: str, terminate: bool = False) -> int:
    """The lookup's sessions on `dbname` (ended first, with `terminate`)."""
    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as admin:
        query = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = %s AND application_name = %s"
        )
        if terminate:
            query = query.replace("count(*)", "count(pg_terminate_backend(pid))")
        row = admin.execute(query, (dbname, APPLICATION_NAME)).fetchone()
        assert row is not None
        return int(row[0])


@pytest.mark.postgres
def test_lookups_survive_the_server_ending_their_sessions(pg_url, serve):
    """A restarted server drops idle connections: the next check is still
    answered (on a new connection), not a 503."""
    engine = make_engine(pg_url, pool_size=2)
    try:
        _survive(pg_url, engine, serve)
    finally:
        engine.dispose()


def _survive(pg_url: str, engine: Engine, serve: Callable[..., AppThread]) -> None:
    service.add(engine, "alice@example.org", actor="test", now=datetime.now(UTC))
    served = serve(engine, api_config(pg_url, lookup_connections=3))
    dbname = engine.url.database
    assert dbname is not None

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
            responses = await asyncio.gather(
                *(
                    http.get("/v1/suppressions/alice@example.org", headers=READ)
                    for _ in range(30)
                )
            )
        return [response.status_code for response in responses]

    assert asyncio.run(burst()) == [200] * 30
    opened = _lookup_backends(dbname)
    assert 1 <= opened <= 3  # never more than [api] lookup_connections

    assert _lookup_backends(dbname, terminate=True) == opened
    after = [
        httpx.get(
            f"{served.url}/v1/suppressions/alice@example.org", headers=ADMIN
        ).status_code
        for _ in range(opened + 1)
    ]

    assert after == [200] * (opened + 1)
