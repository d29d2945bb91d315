"""Every Prometheus metric the daemon exports, defined in one place.

Counters and histograms live in this module's own registry (not the library's
default one, so nothing a dependency registers leaks into /metrics); values read
from the database at scrape time come from a `StoreCollector` that the API adds
per app. Label values only ever come from fixed sets: SMTP reply codes from our
own reply constants, reasons from the taxonomy, route templates from the app.
Nothing a peer sends (addresses, diagnostics, paths) becomes a label, or an
attacker could grow the series without bound.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ParamSpec

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bounced.reasons import Reason

# A `_created` timestamp series per labelled child doubles the output for no use
# (Prometheus ignores it in the text format).
disable_created_metrics()  # type: ignore[no-untyped-call]

REGISTRY = CollectorRegistry(auto_describe=True)
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

# -- SMTP (bounced/smtp.py) ------------------------------------------------------

SMTP_RECEIVED = Counter(
    "bounced_smtp_messages_received",
    "Messages whose DATA was received in full, before the spool answers.",
    registry=REGISTRY,
)
SMTP_ACCEPTED = Counter(
    "bounced_smtp_messages_accepted",
    "Messages answered 250: committed to the spool.",
    registry=REGISTRY,
)
SMTP_REFUSED = Counter(
    "bounced_smtp_refused",
    "MAIL, RCPT and DATA commands refused, by SMTP reply code.",
    ["command", "code"],
    registry=REGISTRY,
)
SMTP_CONNECTIONS_REFUSED = Counter(
    "bounced_smtp_connections_refused",
    "Connections answered 421 before the greeting, by the cap they hit.",
    ["cap"],
    registry=REGISTRY,
)
SMTP_SESSIONS_CLOSED = Counter(
    "bounced_smtp_sessions_closed",
    "Sessions the server ended with a 421, by cause: idle (session_timeout),"
    " data (data_timeout), duration (max_session_duration), commands"
    " (max_commands).",
    ["cause"],
    registry=REGISTRY,
)

# -- Processor (bounced/processor.py) ----------------------------------------------

MESSAGES_PROCESSED = Counter(
    "bounced_messages_processed",
    "Spooled messages recorded, by result: parsed (findings made), unparsed"
    " (kept, no finding), failed (store error), quarantined.",
    ["result"],
    registry=REGISTRY,
)
EVENTS = Counter(
    "bounced_events",
    "Bounce events recorded, by reason (the fixed taxonomy).",
    ["reason"],
    registry=REGISTRY,
)
INGEST_TO_DECISION = Histogram(
    "bounced_ingest_to_decision_seconds",
    "Time from a message's spool commit (received_at) to its recorded decision"
    " (processed_at).",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
    registry=REGISTRY,
)

# -- Retries (bounced/retry.py) ----------------------------------------------------

RETRIES_DISPATCHED = Counter(
    "bounced_retries_dispatched",
    "Retries handed to the dispatcher, by outcome: accepted, offered (left for"
    " pull), throttled, deferred, failed, error (the dispatcher itself failed).",
    ["outcome"],
    registry=REGISTRY,
)

# -- HTTP API (bounced/api/) -------------------------------------------------------

HTTP_REQUESTS = Counter(
    "bounced_http_requests",
    "API requests by route template, method and status code.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
HTTP_DURATION = Histogram(
    "bounced_http_request_duration_seconds",
    "API request duration by route template, until the response starts.",
    ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
    registry=REGISTRY,
)

# Reply codes the listener answers itself (smtp.py's REPLY_ constants); any other
# value is counted as "other" so a label never carries unexpected text.
_SMTP_CODES = frozenset({"250", "421", "451", "452", "530", "550", "552", "553", "554"})
_REASONS = frozenset(reason.value for reason in Reason)
_HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

P = ParamSpec("P")


def counted_reply(
    command: str,
) -> Callable[[Callable[P, Awaitable[str]]], Callable[P, Awaitable[str]]]:
    """Count an aiosmtpd hook's replies: 250 to DATA accepts, 4xx/5xx refuse."""

    def wrap(hook: Callable[P, Awaitable[str]]) -> Callable[P, Awaitable[str]]:
        @functools.wraps(hook)
        async def counted(*args: P.args, **kwargs: P.kwargs) -> str:
            if command == "DATA":
                SMTP_RECEIVED.inc()
            reply = await hook(*args, **kwargs)
            observe_reply(command, reply)
            return reply

        return counted

    return wrap


def observe_reply(command: str, reply: str) -> None:
    code = reply[:3]
    if code.startswith("2"):
        if command == "DATA":
            SMTP_ACCEPTED.inc()
        return
    SMTP_REFUSED.labels(command, code if code in _SMTP_CODES else "other").inc()


def observe_connection_refused(cap: str) -> None:
    SMTP_CONNECTIONS_REFUSED.labels(
        cap if cap in ("total", "client") else "other"
    ).inc()


_CLOSE_CAUSES = frozenset({"idle", "data", "duration", "commands"})


def observe_session_closed(cause: str) -> None:
    SMTP_SESSIONS_CLOSED.labels(cause if cause in _CLOSE_CAUSES else "other").inc()


def observe_processed(
    results: Iterable[tuple[str, Iterable[str], float]],
) -> None:
    """Count recorded messages: (state, event reasons, seconds since received)."""
    for state, reasons, latency in results:
        result = "parsed" if state == "processed" else state
        if result not in {"parsed", "unparsed", "failed", "quarantined"}:
            continue  # "lost": another worker recorded it and counts it
        MESSAGES_PROCESSED.labels(result).inc()
        if result in {"parsed", "unparsed"}:
            INGEST_TO_DECISION.observe(max(latency, 0.0))
        for reason in reasons:
            EVENTS.labels(reason if reason in _REASONS else "undefined").inc()


_OUTCOMES = frozenset(
    {"accepted", "offered", "throttled", "deferred", "failed", "error"}
)


def observe_dispatched(outcomes: Iterable[str]) -> None:
    for outcome in outcomes:
        RETRIES_DISPATCHED.labels(outcome if outcome in _OUTCOMES else "other").inc()


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in _HTTP_METHODS else "other"
    HTTP_REQUESTS.labels(route, method, str(status)).inc()
    HTTP_DURATION.labels(route).observe(seconds)


@dataclass(frozen=True, slots=True)
class StoreSnapshot:
    """Counts read from the database for one scrape."""

    suppressions: Mapping[str, int] = field(default_factory=dict)  # by reason
    spool: Mapping[str, int] = field(default_factory=dict)  # by state
    retries: Mapping[str, int] = field(default_factory=dict)  # by state


class StoreCollector(Collector):
    """Gauges read from the database when Prometheus scrapes.

    `snapshot` runs synchronous queries: /metrics is served from a worker thread,
    never on the event loop.
    """

    def __init__(self, snapshot: Callable[[], StoreSnapshot | None]) -> None:
        """`snapshot` returns None when the database does not answer."""
        self._snapshot = snapshot

    def describe(self) -> Iterator[Metric]:
        return iter(())  # no queries at registration time

    def collect(self) -> Iterator[Metric]:
        snapshot = self._snapshot()
        up = GaugeMetricFamily(
            "bounced_database_up", "1 when the database answered this scrape."
        )
        up.add_metric([], 0 if snapshot is None else 1)
        yield up
        if snapshot is None:
            return
        yield _gauge(
            "bounced_suppressions",
            "Suppressed addresses (one per address and scope), by reason.",
            "reason",
            snapshot.suppressions,
        )
        yield _gauge(
            "bounced_spool_messages",
            "Spooled messages by state (new is the backlog).",
            "state",
            snapshot.spool,
        )
        yield _gauge(
            "bounced_retries",
            "Retries by state.",
            "state",
            snapshot.retries,
        )


def _gauge(name: str, doc: str, label: str, values: Mapping[str, Any]) -> Metric:
    family = GaugeMetricFamily(name, doc, labels=[label])
    for key in sorted(values):
        family.add_metric([key], values[key])
    return family
