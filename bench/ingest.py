"""Ingest throughput: the durable daemon beside a no-op aiosmtpd, in one run.

For each case, N concurrent SMTP sessions on loopback send ~5 KB DSNs, either
many messages over one connection each or one message per connection. The same
client load goes to:

- `noop`:  aiosmtpd with a handler that only answers 250 (the ceiling);
- `bounced-sqlite` / `bounced-postgres`: `bounced serve` with durable storage
  (250 only after COMMIT), the processor off so only ingest is measured;
- `...+processing`: the same with the processor parsing as it goes.

Run:  .venv/bin/python bench/ingest.py [--seconds 5] [--sessions 1,20]
Prints messages/second per case and the ratio to the no-op figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mail import dsn  # noqa: E402 - the same DSN the tests send

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def message(n: int) -> bytes:
    """A realistic ~5 KB DSN: report plus returned headers and some body text."""
    base = dsn(f"user{n}@example.org", "5.1.1", 550, "Recipient address rejected")
    padding = b"".join(b"X-Padding-%d: %s\r\n" % (i, b"p" * 60) for i in range(60))
    return base.replace(
        b"Subject: Our newsletter\r\n", b"Subject: Our newsletter\r\n" + padding
    )


# -- client --------------------------------------------------------------------------


async def _session(port: int, deadline: float, per_connection: int | None) -> int:
    """One client; returns messages answered 250 before the deadline."""
    done = 0
    body = message(0).replace(b"\r\n.", b"\r\n..") + b".\r\n"
    while time.monotonic() < deadline:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)

        async def reply(reader: asyncio.StreamReader = reader) -> bytes:
            while True:
                line = await reader.readline()
                if not line:
                    raise ConnectionError("closed")
                if line[3:4] != b"-":
                    return line

        done += await _messages(reply, writer, body, deadline, per_connection)
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return done


async def _messages(
    reply: Callable[[], Awaitable[bytes]],
    writer: asyncio.StreamWriter,
    body: bytes,
    deadline: float,
    per_connection: int | None,
) -> int:
    """Messages answered 250 over one connection, then QUIT.

    A server that ends the session (421 at its command cap) only ends this
    connection: the caller connects again, as an MTA would.
    """
    done = 0
    try:
        await reply()
        writer.write(b"EHLO bench.example\r\n")
        await reply()
        sent_here = 0
        while time.monotonic() < deadline:
            writer.write(b"MAIL FROM:<>\r\nRCPT TO:<b@bounces.example.com>\r\nDATA\r\n")
            for _ in range(3):
                code = await reply()
                if code.startswith(b"421"):
                    return done
            if not code.startswith(b"354"):
                raise RuntimeError(code)
            writer.write(body)
            code = await reply()
            if code.startswith(b"250"):
                done += 1
            sent_here += 1
            if per_connection is not None and sent_here >= per_connection:
                break
        writer.write(b"QUIT\r\n")
        await reply()
    except ConnectionError:
        pass  # closed by the server
    return done


def _client_process(
    port: int,
    sessions: int,
    seconds: float,
    per_connection: int | None,
    out: multiprocessing.Queue,
) -> None:  # type: ignore[type-arg]
    async def main() -> int:
        deadline = time.monotonic() + seconds
        counts = await asyncio.gather(
            *(_session(port, deadline, per_connection) for _ in range(sessions))
        )
        return sum(counts)

    try:
        import uvloop

        out.put(uvloop.run(main()))
    except ImportError:
        out.put(asyncio.run(main()))


def measure(
    port: int, sessions: int, seconds: float, per_connection: int | None
) -> float:
    """Messages/second over `seconds`, from a client in its own process."""
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    client = multiprocessing.Process(
        target=_client_process, args=(port, sessions, seconds, per_connection, queue)
    )
    client.start()
    try:  # a client that died (a refused session) must not hang the run
        count = queue.get(timeout=seconds + 120)
    finally:
        client.join(timeout=10)
    return count / seconds


# -- servers -------------------------------------------------------------------------


NOOP_SERVER = """
import asyncio, sys, uvloop
from aiosmtpd.smtp import SMTP
class Handler:
    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 OK"
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Handler(), hostname="localhost", ident="noop", decode_data=False,
                     enable_SMTPUTF8=True, data_size_limit=10485760),
        "127.0.0.1", int(sys.argv[1]))
    await asyncio.Event().wait()
uvloop.run(main())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


@contextlib.contextmanager
def noop_server():  # type: ignore[no-untyped-def]
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", NOOP_SERVER, str(port)])
    try:
        wait_listening(port, process)
        yield port
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def bounced_server(db_url: str, processing: bool):  # type: ignore[no-untyped-def]
    port = free_port()
    env = {
        **os.environ,
        "BOUNCED_DATABASE_URL": db_url,
        "BOUNCED_SMTP_PORT": str(port),
        "BOUNCED_SMTP_BOUNCE_DOMAINS": "bounces.example.com",
        "BOUNCED_PROCESSOR_ENABLED": "true" if processing else "false",
        "BOUNCED_API_ENABLED": "false",  # ingest only; no HTTP port to take
        "BOUNCED_LOGGING_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-m", "bounced", "db", "upgrade"],
        env=env,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen([sys.executable, "-m", "bounced", "serve"], env=env)
    try:
        wait_listening(port, process)
        yield port
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def sqlite_url():  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{tmp}/bench.db"


@contextlib.contextmanager
def postgres_url():  # type: ignore[no-untyped-def]
    name = f"bounced_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--sessions", default="1,20")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--no-processing-cases", action="store_true")
    args = parser.parse_args()
    session_counts = [int(s) for s in args.sessions.split(",")]
    backends = args.backends.split(",")
    print(
        f"ingest benchmark: {len(message(0))} byte DSNs, {args.seconds:g}s per case, {os.cpu_count()} CPUs"
    )
    print(f"{'case':34} {'sessions':>8} {'mode':>10} {'msg/s':>9} {'vs noop':>8}")

    for per_connection, mode in ((None, "many/conn"), (1, "1/conn")):
        for sessions in session_counts:
            with noop_server() as port:
                ceiling = measure(port, sessions, args.seconds, per_connection)
            print(
                f"{'noop aiosmtpd':34} {sessions:>8} {mode:>10} {ceiling:>9.0f} {1.0:>8.2f}"
            )
            for backend in backends:
                cases = [False] if args.no_processing_cases else [False, True]
                for processing in cases:
                    url_context = (
                        sqlite_url() if backend == "sqlite" else postgres_url()
                    )
                    with url_context as url, bounced_server(url, processing) as port:
                        rate = measure(port, sessions, args.seconds, per_connection)
                    name = f"bounced-{backend}" + ("+processing" if processing else "")
                    print(
                        f"{name:34} {sessions:>8} {mode:>10} {rate:>9.0f} {rate / ceiling:>8.2f}"
                    )


if __name__ == "__main__":
    main()
