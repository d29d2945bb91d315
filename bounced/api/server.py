"""uvicorn inside the daemon: the API shares the SMTP listener's event loop.

The socket is bound by us, before uvicorn starts, so a busy port fails the
daemon's start with a clear error (uvicorn would call sys.exit) and port 0 in
tests reports the port it got. Signals stay the daemon's: uvicorn's own
handlers would replace the loop's and swallow SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI

from bounced.config import ApiConfig
from bounced.store.lookup import Lookup

log = logging.getLogger(__name__)

STARTUP_SECONDS = 10.0
SHUTDOWN_SECONDS = 5.0  # open requests get this long to finish


class ApiBindError(OSError):
    """The API's address could not be bound (in use, not ours, no permission)."""

    def __init__(self, host: str, port: int, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn's server without its signal handling (the daemon owns signals)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class ApiServer:
    """Bind, serve and stop the API in the running event loop."""

    def __init__(self, app: FastAPI, config: ApiConfig) -> None:
        self._config = config
        self._lookup: Lookup | None = getattr(app.state, "lookup", None)
        self._socket = _bind(config.host, config.port)
        self.address: tuple[str, int] = self._socket.getsockname()[:2]
        self._server = _Server(
            uvicorn.Config(
                app,
                lifespan="off",
                log_config=None,  # the daemon configures logging
                access_log=False,  # paths carry addresses; headers carry tokens
                server_header=False,
                proxy_headers=False,
                ws="none",
                # httptools parses and writes HTTP/1.1 in C: about a third less
                # CPU per request than the pure-Python h11 (bench/suppression_check.py).
                http="httptools",
                limit_concurrency=config.max_connections,
                timeout_keep_alive=30,
                timeout_graceful_shutdown=int(SHUTDOWN_SECONDS),
            )
        )
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Serve from now on; returns once uvicorn accepts connections."""
        self._task = asyncio.get_running_loop().create_task(
            self._server.serve(sockets=[self._socket]), name="api"
        )
        for _ in range(int(STARTUP_SECONDS / 0.01)):
            if self._server.started or self._task.done():
                break
            await asyncio.sleep(0.01)
        if self._task.done():
            await self._task  # raises what stopped it
            raise RuntimeError("the API server stopped during startup")
        host, port = self.address
        log.info("api listening on %s:%s", host, port)

    async def stop(self) -> None:
        if self._task is not None:
            self._server.should_exit = True
            try:
                await asyncio.wait_for(
                    asyncio.shield(self._task), SHUTDOWN_SECONDS + 2.0
                )
            except TimeoutError:
                self._server.force_exit = True
                await asyncio.gather(self._task, return_exceptions=True)
        self._socket.close()
        if self._lookup is not None:
            await self._lookup.aclose()  # its connections, once no request is left


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(1024)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        raise ApiBindError(host, port, exc) from exc
    return sock
