"""Suppression checks through the HTTP API, with 1,000,000 suppressions in PostgreSQL.

Two figures, against a real `bounced serve` (API on, processor off) on a fresh
PostgreSQL database filled by COPY:

- bulk: POST /v1/suppressions/check with 100,000 addresses (a tenth of them
  suppressed), wall time per request as the client sees it (target: under 1 s);
- single: GET /v1/suppressions/{address} latency p50/p99 with C concurrent
  keep-alive clients, each sending its next request as soon as the last is
  answered (target: p99 under 10 ms), half the addresses suppressed.

The client runs in this process beside the server on the same cores, so the
figures include its share of the CPU: it is a minimal HTTP/1.1 client on uvloop
(httpx would spend more CPU than the server it measures; asyncio's own loop
about a third more than uvloop), and its CPU per request is printed too. Each line also gives
the server's own CPU time per request (from /proc), the figure that stays put on
a machine shared with other work. Requests are bounded in count; nothing here
runs longer than a few minutes.

With --reference DIR, a second server runs the code in DIR (a source tree, e.g.
`git archive <rev> | tar -x -C DIR`) on the same database, and every figure is
measured for both, interleaved, in the same run. --reference-h11 keeps httptools
from the reference, as it was served before httptools became a dependency.

Run:  .venv/bin/python bench/suppression_check.py [--rows 1000000] [--repeat 5]
          [--concurrency 8] [--requests 4000] [--reference DIR [--reference-h11]]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import uvloop

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
TOKEN = "bench-read-token-0123456789"
COLUMNS = (
    "address, scope, domain, reason, source, status, reply_code,"
    " first_seen_at, last_seen_at, count"
)
REASONS = ("userunknown", "hostunknown", "mailboxfull", "feedback", "suppressed")


def address(n: int) -> str:
    return f"subscriber{n}@domain{n % 5000}.example"


@contextlib.contextmanager
def database() -> Iterator[str]:
    name = f"bounced_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]


def fill(name: str, rows: int) -> float:
    """COPY `rows` suppressions in; returns seconds taken (with ANALYZE)."""
    started = time.perf_counter()
    dsn = f"host=127.0.0.1 port=5432 user=postgres dbname={name}"
    with psycopg.connect(dsn) as connection:
        cursor = connection.cursor()
        with cursor.copy(f"COPY suppressions ({COLUMNS}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n in range(rows):
                reason = REASONS[n % len(REASONS)]
                buffer.write(
                    f"{address(n)}\tglobal\tdomain{n % 5000}.example\t{reason}"
                    "\tbounce\t5.1.1\t550\t2026-01-01 00:00:00"
                    "\t2026-01-02 00:00:00\t1\n"
                )
                if n % 50_000 == 49_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        connection.commit()
        connection.execute("ANALYZE suppressions")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A running `bounced serve`: its API port and its CPU time so far."""

    def __init__(self, label: str, port: int, process: subprocess.Popen[bytes]):
        self.label, self.port, self._process = label, port, process

    def cpu_seconds(self) -> float:
        stat = Path(f"/proc/{self._process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def server(url: str, label: str, source: Path | None, h11: bool) -> Iterator[Server]:
    """`bounced serve` from this tree, or from `source` (the reference)."""
    port = free_port()
    env = {
        **os.environ,
        "BOUNCED_DATABASE_URL": url,
        "BOUNCED_SMTP_PORT": str(free_port()),
        "BOUNCED_PROCESSOR_ENABLED": "false",
        "BOUNCED_API_PORT": str(port),
        "BOUNCED_API_READ_TOKENS": TOKEN,
        "BOUNCED_LOGGING_LEVEL": "WARNING",
    }
    with contextlib.ExitStack() as stack:
        if source is not None:
            paths = [str(source.resolve())]
            if h11:
                # A sitecustomize that hides httptools: uvicorn's "auto" then
                # picks h11, as it did before httptools was installed.
                hide = Path(stack.enter_context(tempfile.TemporaryDirectory()))
                (hide / "sitecustomize.py").write_text(
                    "import sys\nsys.modules['httptools'] = None\n"
                )
                paths.insert(0, str(hide))
            env["PYTHONPATH"] = os.pathsep.join(paths)
        process = subprocess.Popen(
            [sys.executable, "-m", "bounced", "serve"], env=env, cwd=source or ROOT
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"bounced serve ({label}) did not start")
                time.sleep(0.1)
            yield Server(label, port, process)
        finally:
            process.terminate()
            process.wait(30)


def bulk(port: int, rows: int, repeat: int) -> list[float]:
    """Seconds per POST /v1/suppressions/check of 100,000 addresses."""
    rng = random.Random(5)
    timings = []
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    ) as client:
        for _ in range(repeat):
            known = [address(rng.randrange(rows)) for _ in range(10_000)]
            unknown = [
                f"nobody{rng.randrange(10**9)}@other.example" for _ in range(90_000)
            ]
            asked = known + unknown
            rng.shuffle(asked)
            body = json.dumps({"addresses": asked}).encode()
            started = time.perf_counter()
            response = client.post(
                "/v1/suppressions/check",
                content=body,
                headers={"Content-Type": "application/json"},
            )
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
            answer = response.json()
            assert answer["checked"] == 100_000
            assert len({s["address"] for s in answer["suppressed"]}) == len(set(known))
    return timings


async def _worker(port: int, paths: list[bytes], latencies: list[float]) -> None:
    """One keep-alive connection, one request at a time (a minimal HTTP/1.1
    client: httpx would spend more CPU than the server it measures)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path in paths:
            request = (
                b"GET " + path + b" HTTP/1.1\r\nHost: bench\r\n"
                b"Authorization: Bearer " + TOKEN.encode() + b"\r\n\r\n"
            )
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            status = head[9:12]
            if status not in (b"200", b"404"):
                raise RuntimeError(head[:40])
    finally:
        writer.close()


async def single(port: int, rows: int, concurrency: int, requests: int) -> list[float]:
    rng = random.Random(7)
    latencies: list[float] = []
    per_worker = requests // concurrency
    plans = []
    for _ in range(concurrency):
        paths = []
        for _ in range(per_worker):
            target = (
                address(rng.randrange(rows))
                if rng.random() < 0.5
                else f"nobody{rng.randrange(10**9)}@other.example"
            )
            paths.append(f"/v1/suppressions/{target}".encode())
        plans.append(paths)
    await asyncio.gather(*(_worker(port, paths, latencies) for paths in plans))
    return latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--reference", type=Path, help="a source tree to compare")
    parser.add_argument("--reference-h11", action="store_true")
    args = parser.parse_args()

    with database() as name, contextlib.ExitStack() as stack:
        url = PG_URL.format(name=name)
        subprocess.run(
            [sys.executable, "-m", "bounced", "db", "upgrade"],
            env={**os.environ, "BOUNCED_DATABASE_URL": url},
            check=True,
            capture_output=True,
        )
        seconds = fill(name, args.rows)
        print(
            f"setup: {args.rows:,} suppressions copied and analyzed in {seconds:.1f}s"
        )
        servers = [stack.enter_context(server(url, "this tree", None, False))]
        if args.reference is not None:
            servers.append(
                stack.enter_context(
                    server(url, "reference", args.reference, args.reference_h11)
                )
            )
        for each in servers:
            timings = bulk(each.port, args.rows, args.repeat)
            print(
                f"[{each.label}] bulk check, 100,000 addresses (10,000 suppressed):"
                f" median {statistics.median(timings):.3f}s"
                f"  min {min(timings):.3f}s  max {max(timings):.3f}s"
                f"  ({args.repeat} requests; target < 1 s)"
            )
        for each in servers:
            uvloop.run(single(each.port, args.rows, 1, 200))  # warm the pool
        for concurrency in sorted({1, 4, args.concurrency}):
            for each in servers:
                cpu, client_cpu = each.cpu_seconds(), time.process_time()
                started = time.perf_counter()
                latencies = uvloop.run(
                    single(each.port, args.rows, concurrency, args.requests)
                )
                elapsed = time.perf_counter() - started
                cpu_ms = (each.cpu_seconds() - cpu) * 1000 / len(latencies)
                client_ms = (time.process_time() - client_cpu) * 1000 / len(latencies)
                print(
                    f"[{each.label}] single GET, {concurrency} concurrent client(s),"
                    f" {len(latencies)} requests:"
                    f" p50 {percentile(latencies, 0.50) * 1000:.2f} ms"
                    f"  p99 {percentile(latencies, 0.99) * 1000:.2f} ms"
                    f"  ({len(latencies) / elapsed:.0f} req/s,"
                    f" CPU per request: server {cpu_ms:.2f} ms, client {client_ms:.2f} ms;"
                    " target p99 < 10 ms)"
                )


if __name__ == "__main__":
    main()
