"""Fuzz the SMTP listener's command handling: a million sessions, no internal error.

Each input is a whole client session: random verbs and arguments (long, NUL,
non-UTF-8, bare CR and LF, pipelined), DATA with odd dot-stuffing, split into
random chunks on the wire. By default the sessions run in process against the
real `BounceSMTP` and `BounceHandler` over a memory transport, with a real
SQLite spool, so a million fit in minutes; `--socket N` runs N sessions over
real sockets against a `bounced serve` child process instead.

Invariants checked on every session (any break is printed and fails the run):
- every reply is a well-formed `NNN text` line and none is aiosmtpd's
  "500 Error: (Exception) ..." (an internal error leaking to the client);
- nothing is logged at ERROR (a traceback) by the listener;
- the session ends once the client has said QUIT;
- at the end, every "250 ... queued as N" has its message in the spool, and the
  spool holds no message that was not answered 250.

    .venv/bin/python bench/fuzz_smtp.py --sessions 1000000
    .venv/bin/python bench/fuzz_smtp.py --socket 20000
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import re
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import daemon_process
from sqlalchemy import select

from bounced.gate import ConnectionGate
from bounced.smtp import BounceHandler, BounceSMTP
from bounced.store import migrate
from bounced.store.engine import make_engine
from bounced.store.schema import InboundMessage
from bounced.store.spool import Spool

DOMAIN = "bounces.example.com"
REPLY = re.compile(rb"^[2-5]\d\d[ -]")
QUEUED = re.compile(rb"^250 2\.0\.0 OK: queued as (\d+)")

VERBS = [
    b"HELO", b"EHLO", b"MAIL", b"RCPT", b"DATA", b"RSET", b"NOOP", b"QUIT",
    b"VRFY", b"EXPN", b"HELP", b"STARTTLS", b"AUTH", b"BDAT", b"XCLIENT",
    b"PROXY", b"mail", b"rcpt", b"ehlo",
]  # fmt: skip
ARGS = [
    b"", b"x", b"mx.example.net", b"FROM:<>", b"FROM:<a@b.example>",
    b"FROM:<> SIZE=1000", b"FROM:<> SIZE=99999999999", b"FROM:<> BODY=8BITMIME",
    b"FROM:<> SMTPUTF8", b"FROM:<\xc3\xa9@b.example> SMTPUTF8", b"FROM:",
    f"TO:<b@{DOMAIN}>".encode(), f"TO:<postmaster@{DOMAIN}>".encode(),
    b"TO:<victim@elsewhere.example>", b"TO:<@route:b@bounces.example.com>",
    f'TO:<"quoted local"@{DOMAIN}>'.encode(), b"TO:<>", b"TO:", b"TO:<a@[127.0.0.1]>",
    f"TO:<b+x=y=z=1=abcdef@{DOMAIN}>".encode(), b"PLAIN AGVtAHA=",
]  # fmt: skip
ODD = [b"\x00", b"\r", b"\n", b"\xff\xfe", b"\x1b[2J", b" ", b"\t", b"<", b">", b":"]


def _noise(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.3:
        return rng.choice(ODD) * rng.randint(1, 5)
    if kind < 0.4:
        return b"A" * rng.choice([100, 511, 512, 1000, 1001, 4096, 70000])
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 40)))


def _line(rng: random.Random) -> bytes:
    verb = rng.choice(VERBS)
    arg = rng.choice(ARGS)
    if rng.random() < 0.3:
        spot = rng.randint(0, len(arg))
        arg = arg[:spot] + _noise(rng) + arg[spot:]
    if rng.random() < 0.05:
        verb = _noise(rng)
    ending = b"\r\n" if rng.random() < 0.9 else rng.choice([b"\n", b"\r", b""])
    return verb + (b" " + arg if arg or rng.random() < 0.5 else b"") + ending


def _body(rng: random.Random) -> bytes:
    parts = [b"Subject: fuzz\r\n\r\n"]
    for _ in range(rng.randint(0, 8)):
        parts.append(
            rng.choice(
                [
                    b"line\r\n", b"..stuffed\r\n", b".\n", b"\n.\n", b"\r.\r",
                    b"\r\n.\n", b".\r", b"MAIL FROM:<>\r\n", b"\x00\xff\r\n",
                    b"x" * rng.randint(0, 3000) + b"\r\n",
                ]
            )
        )  # fmt: skip
    return b"".join(parts) + b"\r\n.\r\n"


def session_bytes(rng: random.Random) -> bytes:
    """One client's whole conversation, ending in QUIT."""
    out = []
    if rng.random() < 0.35:  # a plausible transaction, perturbed
        out += [b"EHLO mx.example.net\r\n", b"MAIL FROM:<>\r\n"]
        out += [f"RCPT TO:<b@{DOMAIN}>\r\n".encode()]
        if rng.random() < 0.5:
            out.append(_line(rng))
        out += [b"DATA\r\n", _body(rng)]
    for _ in range(rng.randint(0, 12)):
        out.append(_line(rng))
        if rng.random() < 0.08:
            out += [b"DATA\r\n", _body(rng)]
    out.append(b"\r\n.\r\nQUIT\r\n")
    return b"".join(out)


def chunks(rng: random.Random, data: bytes) -> list[bytes]:
    """The bytes as TCP might deliver them: whole, or cut at random points."""
    if rng.random() < 0.5 or len(data) < 2:
        return [data]
    cuts = sorted(
        rng.sample(range(1, len(data)), min(len(data) - 1, rng.randint(1, 6)))
    )
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class MemoryTransport(asyncio.WriteTransport):
    """Just enough of a socket transport for aiosmtpd, in memory."""

    def __init__(self, protocol: asyncio.Protocol, peer: tuple[str, int]) -> None:
        super().__init__()
        self._protocol = protocol
        self._peer = peer
        self.written = bytearray()
        self.closed = asyncio.get_running_loop().create_future()
        self._closing = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._closing:
            self.written += data

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        loop = asyncio.get_running_loop()
        loop.call_soon(self._protocol.connection_lost, None)
        loop.call_soon(lambda: self.closed.done() or self.closed.set_result(None))

    def is_closing(self) -> bool:
        return self._closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._peer if name == "peername" else default

    def get_write_buffer_size(self) -> int:
        return 0

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


class Tally:
    def __init__(self) -> None:
        self.sessions = 0
        self.replies = 0
        self.queued: set[int] = set()
        self.codes: dict[bytes, int] = {}
        self.failures: list[str] = []

    def check(self, label: str, said: bytes, ended: bool) -> None:
        self.sessions += 1
        if not ended:
            self.failures.append(f"{label}: session did not end after QUIT")
        for line in said.split(b"\r\n"):
            if not line:
                continue
            self.replies += 1
            if not REPLY.match(line):
                self.failures.append(f"{label}: malformed reply {line[:80]!r}")
            elif line.startswith(b"500 Error: ("):
                self.failures.append(f"{label}: internal error leaked {line[:120]!r}")
            self.codes[line[:3]] = self.codes.get(line[:3], 0) + 1
            match = QUEUED.match(line)
            if match:
                self.queued.add(int(match.group(1)))


def _spool_ids(url: str) -> set[int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.scalars(select(InboundMessage.id)))
    finally:
        engine.dispose()


def _report(
    tally: Tally, errors: list[logging.LogRecord], url: str, seconds: float
) -> int:
    stored = _spool_ids(url)
    lost = tally.queued - stored
    unanswered = stored - tally.queued
    codes = " ".join(f"{k.decode()}={v}" for k, v in sorted(tally.codes.items()))
    print(f"sessions {tally.sessions}  replies {tally.replies}  in {seconds:.0f} s"
          f"  ({tally.sessions / seconds:.0f} sessions/s)")  # fmt: skip
    print(f"replies by code: {codes}")
    print(f"stored {len(stored)}  answered 250 {len(tally.queued)}"
          f"  lost {len(lost)}  stored-without-250 {len(unanswered)}")  # fmt: skip
    print(f"errors logged {len(errors)}  invariant failures {len(tally.failures)}")
    for failure in tally.failures[:20]:
        print("  FAIL", failure)
    for record in errors[:5]:
        print("  ERROR LOG", record.getMessage()[:200])
        if record.exc_info:
            import traceback

            print("".join(traceback.format_exception(*record.exc_info))[-1500:])
    bad = tally.failures or errors or lost or unanswered
    print("RESULT", "FAIL" if bad else "OK")
    return 1 if bad else 0


async def _in_process(sessions: int, seed: int, url: str) -> int:
    engine = make_engine(url)
    await asyncio.get_running_loop().run_in_executor(None, migrate.upgrade, url)
    spool = Spool(engine)
    spool.start()
    handler = BounceHandler(
        domains=[DOMAIN], spool=spool, clock=lambda: datetime.now(UTC)
    )
    gate = ConnectionGate(max_total=10_000, max_per_client=10_000)
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    rng = random.Random(seed)
    tally = Tally()
    started = time.perf_counter()
    for number in range(sessions):
        data = session_bytes(rng)
        protocol = BounceSMTP(
            handler,
            max_line_length=1_000_000,
            gate=gate,
            hostname="fuzz.example",
            ident="bounced",
            data_size_limit=50_000,
            enable_SMTPUTF8=True,
            decode_data=False,
            timeout=60,
            max_commands=rng.choice([None, 1000, 5]),
        )
        transport = MemoryTransport(protocol, (f"192.0.2.{number % 250}", 1000))
        protocol.connection_made(transport)
        for piece in chunks(rng, data):
            protocol.data_received(piece)
            await asyncio.sleep(0)
        try:
            await asyncio.wait_for(asyncio.shield(transport.closed), 10)
            ended = True
        except TimeoutError:
            ended = False
            transport.close()
            await asyncio.sleep(0)
        tally.check(f"session {number} seed {seed}", bytes(transport.written), ended)
        if tally.failures and len(tally.failures) > 50:
            break
        if number and number % 100_000 == 0:
            rate = number / (time.perf_counter() - started)
            print(f"  {number} sessions, {rate:.0f}/s, failures {len(tally.failures)}")
    await spool.close()
    engine.dispose()
    return _report(tally, errors.records, url, time.perf_counter() - started)


def _over_sockets(sessions: int, seed: int, url: str, workdir: Path) -> int:
    settings = {
        "BOUNCED_DATABASE_URL": url,
        "BOUNCED_SMTP_BOUNCE_DOMAINS": DOMAIN,
        "BOUNCED_SMTP_MAX_MESSAGE_SIZE": "50000",
        "BOUNCED_SMTP_MAX_CONNECTIONS_PER_IP": "1000",
        "BOUNCED_API_ENABLED": "false",
        "BOUNCED_PROCESSOR_ENABLED": "false",
    }
    log = daemon_process.log_file(workdir)
    daemon, port = daemon_process.serve(settings, log)
    try:
        rng = random.Random(seed)
        tally = Tally()
        started = time.perf_counter()
        for number in range(sessions):
            data = session_bytes(rng)
            said = b""
            ended = True
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                try:
                    for piece in chunks(rng, data):
                        sock.sendall(piece)
                    while chunk := sock.recv(65536):
                        said += chunk
                except TimeoutError:
                    ended = False
                except ConnectionResetError:
                    pass  # the server closed with our unread bytes in its buffer
            tally.check(f"socket session {number} seed {seed}", said, ended)
            if daemon.poll() is not None:
                tally.failures.append("the daemon exited")
                break
        seconds = time.perf_counter() - started
    finally:
        daemon.terminate()
        daemon.wait(30)
        log.close()
    text = (workdir / "daemon.log").read_text("utf-8", "replace")
    errors = [
        logging.makeLogRecord({"msg": line})
        for line in text.splitlines()
        if " ERROR " in line or "Traceback" in line
    ]
    return _report(tally, errors, url, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--socket", type=int, metavar="N", help="N sessions over TCP")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/fuzz.db"
        if args.socket:
            print(f"fuzz_smtp: {args.socket} sessions over TCP, seed {args.seed}")
            return _over_sockets(args.socket, args.seed, url, Path(tmp))
        print(f"fuzz_smtp: {args.sessions} sessions in process, seed {args.seed}")
        return asyncio.run(_in_process(args.sessions, args.seed, url))


if __name__ == "__main__":
    sys.exit(main())
