"""Soak: the real daemon under mixed, partly hostile load for a set duration.

Client tasks send good bounces (permanent and transient), garbage, oversize
messages, mail for the wrong domain, sessions dropped mid-DATA and slow clients
that trickle their commands. Every `--every` seconds it prints the replies by
code and the daemon's memory (its own RSS and its parser workers'); at the end
it waits for processing to finish and compares what was answered 250 with what
the database holds. Loss and doubles must be zero and memory flat.

    .venv/bin/python bench/soak.py --duration 300
    .venv/bin/python bench/soak.py --duration 300 --database-url postgresql://postgres@127.0.0.1/soak
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import daemon_process
from sqlalchemy import func, select

from bounced.store.engine import make_engine
from bounced.store.schema import InboundMessage
from tests.mail import dsn

DOMAIN = "bounces.example.com"
MAX_SIZE = 200_000


class Load:
    def __init__(self) -> None:
        self.codes: Counter[str] = Counter()
        self.acked = 0
        self.errors: Counter[str] = Counter()


async def _reply(reader: asyncio.StreamReader) -> str:
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("closed")
        if line[3:4] != b"-":
            return line.decode("ascii", "replace")


async def _session(port: int, kind: str, n: int, load: Load) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        greeting = await _reply(reader)
        if not greeting.startswith("220"):
            load.codes[f"connect {greeting[:3]}"] += 1
            return
        if kind == "slow":
            for byte in b"EHLO slow.example\r\n":
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.2)
            load.codes["slow EHLO " + (await _reply(reader))[:3]] += 1
            return
        writer.write(b"EHLO soak.example\r\n")
        await _reply(reader)
        writer.write(b"MAIL FROM:<>\r\n")
        code = (await _reply(reader))[:3]
        if code != "250":
            load.codes[f"MAIL {code}"] += 1
            return
        rcpt = "nobody@elsewhere.example" if kind == "wrong-rcpt" else f"b@{DOMAIN}"
        writer.write(f"RCPT TO:<{rcpt}>\r\n".encode())
        code = (await _reply(reader))[:3]
        load.codes[f"RCPT {code}"] += 1
        if code != "250":
            return
        writer.write(b"DATA\r\n")
        await _reply(reader)
        if kind == "permanent":
            body = dsn(f"p{n}@example.org", "5.1.1", 550, "user unknown")
        elif kind == "transient":
            body = dsn(f"t{n}@example.org", "4.7.0", 421, "try again later")
        elif kind == "garbage":
            body = b"Subject: ?\r\n\r\n" + os.urandom(random.randint(10, 5000)).replace(
                b"\n", b"x"
            )
        elif kind == "oversize":
            body = b"Subject: big\r\n\r\n" + (b"y" * 998 + b"\r\n") * (MAX_SIZE // 900)
        else:  # dropped: half a message, then the connection goes away
            writer.write(dsn(f"d{n}@example.org", "5.1.1", 550)[:300])
            await writer.drain()
            return
        body = body.replace(b"\r\n.", b"\r\n..")
        writer.write(body + b"\r\n.\r\n")
        code = (await _reply(reader))[:3]
        load.codes[f"DATA {kind} {code}"] += 1
        if code == "250":
            load.acked += 1
        writer.write(b"QUIT\r\n")
        await writer.drain()
    except (ConnectionError, OSError) as error:
        load.errors[type(error).__name__] += 1
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()


KINDS = ["permanent"] * 40 + ["transient"] * 20 + ["garbage"] * 15
KINDS += ["oversize"] * 5 + ["wrong-rcpt"] * 8 + ["dropped"] * 7 + ["slow"] * 5


async def _client(port: int, until: float, load: Load, counter: list[int]) -> None:
    while time.monotonic() < until:
        counter[0] += 1
        await _session(port, random.choice(KINDS), counter[0], load)


def _rss_kib(pid: int) -> tuple[int, int]:
    """The daemon's RSS and the sum of its children's (parser workers), KiB."""

    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    children = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children += rss(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return rss(pid), children


async def _run(
    port: int, pid: int, duration: float, every: float, clients: int
) -> Load:
    load = Load()
    until = time.monotonic() + duration
    counter = [0]
    tasks = [
        asyncio.create_task(_client(port, until, load, counter)) for _ in range(clients)
    ]
    started = time.monotonic()
    print(
        f"{'t(s)':>6} {'sessions':>9} {'acked':>7} {'rss MiB':>8} {'workers MiB':>12}  replies"
    )
    while time.monotonic() < until:
        await asyncio.sleep(every)
        own, workers = _rss_kib(pid)
        top = " ".join(f"{k}={v}" for k, v in sorted(load.codes.items()))
        print(f"{time.monotonic() - started:6.0f} {counter[0]:9d} {load.acked:7d}"
              f" {own / 1024:8.1f} {workers / 1024:12.1f}  {top}", flush=True)  # fmt: skip
    await asyncio.gather(*tasks)
    return load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--every", type=float, default=15)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/soak.db"
        settings = {
            "BOUNCED_DATABASE_URL": url,
            "BOUNCED_SMTP_BOUNCE_DOMAINS": DOMAIN,
            "BOUNCED_SMTP_MAX_MESSAGE_SIZE": str(MAX_SIZE),
            "BOUNCED_SMTP_SESSION_TIMEOUT": "30s",
            "BOUNCED_API_ENABLED": "false",
            "BOUNCED_LOGGING_LEVEL": "WARNING",
        }
        log = daemon_process.log_file(tmp)
        daemon, port = daemon_process.serve(settings, log)  # migrates first
        engine = make_engine(url)
        with engine.connect() as connection:
            before = connection.scalar(select(func.count()).select_from(InboundMessage))
        try:
            first = _rss_kib(daemon.pid)
            load = asyncio.run(
                _run(port, daemon.pid, args.duration, args.every, args.clients)
            )
            last = _rss_kib(daemon.pid)
            settle = time.monotonic() + 300
            while time.monotonic() < settle:
                with engine.connect() as connection:
                    pending = connection.scalar(
                        select(func.count()).select_from(InboundMessage)
                        .where(InboundMessage.state == "new")
                    )  # fmt: skip
                if not pending:
                    break
                time.sleep(1)
            with engine.connect() as connection:
                stored = connection.scalar(
                    select(func.count()).select_from(InboundMessage)
                )
                states = dict(connection.execute(
                    select(InboundMessage.state, func.count()).group_by(InboundMessage.state)
                ).all())  # fmt: skip
            alive = daemon.poll() is None
        finally:
            daemon.terminate()
            daemon.wait(60)
            log.close()
            engine.dispose()
        tracebacks = (
            (Path(tmp) / "daemon.log").read_text("utf-8", "replace").count("Traceback")
        )
    stored -= before
    lost = max(0, load.acked - stored)
    doubled = max(0, stored - load.acked)
    growth = (last[0] - first[0]) / 1024
    print(f"\nreplies: {dict(sorted(load.codes.items()))}")
    print(
        f"client-side errors (dropped sessions, closed by timeouts): {dict(load.errors)}"
    )
    print(
        f"answered 250: {load.acked}  stored: {stored}  lost: {lost}  doubled: {doubled}"
    )
    print(f"spool states at the end: {states}")
    print(f"daemon RSS: {first[0] / 1024:.1f} MiB after start, {last[0] / 1024:.1f} MiB"
          f" at the end ({growth:+.1f} MiB); workers {last[1] / 1024:.1f} MiB")  # fmt: skip
    print(f"daemon alive throughout: {alive}; tracebacks in its log: {tracebacks}")
    bad = lost or doubled or not alive or states.get("new") or tracebacks
    print("RESULT", "FAIL" if bad else "OK")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
