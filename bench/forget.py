"""How long `bounced forget` takes over a full spool of raw messages.

Erasure searches every spooled message itself (any case, base64 and
quoted-printable parts decoded, envelopes), so its cost grows with what the
retention period keeps. This fills a fresh database with N messages of about
6 KB, half of them with a base64 human-readable part as Exchange writes them,
none naming the address, and times `service.forget` of one address (the whole
scan, nothing found). Reference: under 10 s for 20,000 messages (a busy
month kept at the default 30-day retention is a few times that).

Run:  nice -n 10 .venv/bin/python bench/forget.py [--messages 20000] [--postgres]
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced import service
from bounced.store.engine import make_engine
from bounced.store.migrate import upgrade
from bounced.store.schema import InboundMessage

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
REFERENCE_SECONDS_PER_20K = 10.0


def message(n: int) -> bytes:
    """A bounce-sized message; odd ones carry a base64 part."""
    notice = (
        f"Delivery to subscriber{n}@domain{n % 500}.example failed. " * 60
    ).encode()
    if n % 2:
        body = b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(notice)
    else:
        body = b"\r\n" + notice
    return (
        b"From: postmaster@mx.example.net\r\nSubject: Undeliverable\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n" + body
    )


def fill(url: str, count: int) -> None:
    engine = make_engine(url, pool_size=2)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for start in range(0, count, 1000):
            connection.execute(
                insert(InboundMessage),
                [
                    {
                        "received_at": now,
                        "peer": "127.0.0.1",
                        "mail_from": b"",
                        "rcpt_tos": b"bounces@bounces.example.com",
                        "raw": message(n),
                        "size": 6000,
                        "state": "unparsed",
                    }
                    for n in range(start, min(start + 1000, count))
                ],
            )
    engine.dispose()


def measure(url: str, count: int) -> float:
    upgrade(url)
    fill(url, count)
    engine = make_engine(url, pool_size=2)
    try:
        started = time.perf_counter()
        erased = service.forget(
            engine, "nobody@example.org", key="bench-key", now=datetime.now(UTC)
        )
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()
    assert erased["raw_messages"] == 0, erased
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if args.postgres:
        name = f"bounced_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
        try:
            elapsed = measure(
                f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", args.messages
            )
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")  # type: ignore[arg-type]
        where = "postgresql"
    else:
        with tempfile.TemporaryDirectory() as directory:
            elapsed = measure(f"sqlite:///{directory}/bench.db", args.messages)
        where = "sqlite"
    reference = REFERENCE_SECONDS_PER_20K * args.messages / 20_000
    print(
        f"forget over {args.messages} messages ({where}): {elapsed:.2f} s"
        f"  (reference: under {reference:.1f} s)"
    )


if __name__ == "__main__":
    main()
