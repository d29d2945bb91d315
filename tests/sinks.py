"""Real servers standing in for the systems retries go to, and a clock tests move.

`SmtpSink` is an aiosmtpd server on 127.0.0.1 (the upstream relay); it can be
told to answer RCPT for a domain with given replies first (421, 447, 450, ...).
`HttpSink` is a stdlib HTTP server (the newsletter system's webhook); it can be
told to answer the next requests with given status codes.
"""

from __future__ import annotations

import asyncio
import http.server
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiosmtpd.smtp import SMTP


@dataclass
class MovableClock:
    """The daemon's clock: time moves only when the test says so."""

    now: datetime
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self.now += timedelta(**delta)
            return self.now


@dataclass(frozen=True)
class Delivered:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


class SmtpSink:
    """An SMTP server that keeps what it accepts and answers as it is told."""

    def __init__(self) -> None:
        self.received: list[Delivered] = []
        self.rcpts: list[tuple[str, str]] = []  # (recipient, reply) in order
        self.answers: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def answer(self, domain: str, *replies: str) -> None:
        """Answer the next RCPTs to `domain` with `replies`, then 250."""
        with self._lock:
            self.answers.setdefault(domain, []).extend(replies)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        with self._lock:
            queue = self.answers.get(domain)
            reply = queue.pop(0) if queue else "250 2.1.5 OK"
            self.rcpts.append((address, reply))
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append(
                Delivered(
                    envelope.mail_from,
                    tuple(envelope.rcpt_tos),
                    bytes(envelope.original_content),
                )
            )
        return "250 2.0.0 OK queued"

    def start(self) -> SmtpSink:
        ready = threading.Event()

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop

            def session() -> SMTP:
                return SMTP(self, hostname="relay.test", decode_data=False)

            self._server = loop.run_until_complete(
                loop.create_server(session, host="127.0.0.1", port=0)
            )
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            self._server.close()
            loop.run_until_complete(self._server.wait_closed())
            loop.close()

        self._thread = threading.Thread(target=main, name="smtp-sink", daemon=True)
        self._thread.start()
        assert ready.wait(10), "SMTP sink did not start"
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: bytes


class HttpSink:
    """An HTTP server that keeps each POST and answers with the statuses it is told."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.statuses: list[int] = []
        self._lock = threading.Lock()
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with sink._lock:
                    status = sink.statuses.pop(0) if sink.statuses else 200
                    sink.requests.append(Request(self.path, dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/retries"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="http-sink", daemon=True
        )

    def start(self) -> HttpSink:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
