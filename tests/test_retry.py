"""Retries end to end: transient DSNs over SMTP, time moved by the test, real relay
(an aiosmtpd sink), real webhook receiver, real databases."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bounced import service, signing, verp
from bounced.config import Config
from bounced.policy import Rules
from bounced.retry import RetryScheduler, make_dispatcher
from bounced.store.engine import make_engine
from bounced.store.schema import DomainState, Retry, SoftBounce, Suppression
from tests.conftest import BOUNCE_DOMAIN, make_config
from tests.mail import dsn, full_dsn, send, spool_settled, wait_for
from tests.sinks import HttpSink, MovableClock, SmtpSink

SECRET = "retry-secret-retry-secret"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CODEC = verp.Codec((SECRET,), "b", 30)


@pytest.fixture
def clock():
    return MovableClock(START)


@pytest.fixture
def sink():
    """The upstream relay: a real SMTP server on 127.0.0.1."""
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def hook():
    """The newsletter system's webhook: a real HTTP server on 127.0.0.1."""
    server = HttpSink().start()
    yield server
    server.stop()


def relay_config(db_url: str, sink: SmtpSink, **retry) -> Config:
    settings = {
        "dispatcher": "relay",
        "relay_port": sink.port,
        "tick_interval": 0.05,
        "min_gap": 0,
        **retry,
    }
    return make_config(db_url, verp={"secrets": [SECRET]}, retry=settings)


def signed(recipient: str, now: datetime) -> str:
    """The signed VERP return path of a message to `recipient` (no list or message
    data: with them the local part passes RFC 5321's 64 octets)."""
    return CODEC.encode(recipient, bounce_domain=BOUNCE_DOMAIN, now=now)


def bounce_back(port: int, recipient: str, now: datetime, status="4.2.2", code=452):
    """A transient DSN for `recipient`, returning the whole original, sent to the
    signed VERP address that original went out with."""
    message_id = f"<news-{recipient}>"
    raw = full_dsn(
        recipient,
        status,
        code,
        message_id=message_id,
        body=f"Hello {recipient},\r\nthis week's news.\r\n",
    )
    assert send(port, raw, rcpt=signed(recipient, now)) == {}


def retries_of(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(Retry).order_by(Retry.id)).all()


def test_a_transient_bounce_is_relayed_to_its_recipient_only_when_due(
    db_url, engine, start_daemon, sink, clock
):
    """A 452 DSN creates a retry due in 15 minutes; when the clock gets there, the
    returned original goes to the relay, from a signed VERP address, to that one
    recipient, without the stale Return-Path and with its idempotency key."""
    server = start_daemon(relay_config(db_url, sink), clock=clock)
    bounce_back(server.port, "ann@example.org", clock())
    wait_for(spool_settled(engine, 1))

    (retry,) = retries_of(engine)
    assert (retry.recipient, retry.state, retry.attempt) == (
        "ann@example.org",
        "pending",
        0,
    )
    assert retry.due_at == START + timedelta(minutes=15)
    assert retry.provably_ours is True
    assert sink.received == []

    clock.advance(minutes=15)
    (delivered,) = wait_for(lambda: list(sink.received))

    assert delivered.rcpt_tos == ("ann@example.org",)
    sender = CODEC.decode(delivered.mail_from, clock())
    assert (sender.valid, sender.recipient) == (True, "ann@example.org")
    head, _, body = delivered.content.partition(b"\r\n\r\n")
    assert head.startswith(f"X-Bounced-Retry: {retry.key}-1\r\n".encode())
    assert b"Return-Path" not in head
    assert b"Message-ID: <news-ann@example.org>" in head
    assert body == b"Hello ann@example.org,\r\nthis week's news.\r\n"
    (after,) = wait_for(
        lambda: [r for r in retries_of(engine) if r.state == "dispatched"]
    )
    assert after.attempt == 1


def test_the_relayed_message_failing_again_is_retried_on_the_next_step(
    sqlite_url, sqlite_engine, start_daemon, sink, clock
):
    """Its bounce comes back to the fresh VERP address; the next try is an hour later,
    with a new idempotency key."""
    server = start_daemon(relay_config(sqlite_url, sink), clock=clock)
    bounce_back(server.port, "ben@example.org", clock())
    wait_for(spool_settled(sqlite_engine, 1))
    clock.advance(minutes=15)
    wait_for(lambda: len(sink.received) == 1)
    wait_for(lambda: retries_of(sqlite_engine)[0].state == "dispatched")

    bounce_back(server.port, "ben@example.org", clock())
    wait_for(spool_settled(sqlite_engine, 2))
    (retry,) = retries_of(sqlite_engine)
    assert (retry.state, retry.due_at) == ("pending", clock() + timedelta(hours=1))

    clock.advance(hours=1)
    wait_for(lambda: len(sink.received) == 2)

    keys = [d.content.split(b"\r\n", 1)[0] for d in sink.received]
    assert keys == [
        f"X-Bounced-Retry: {retry.key}-1".encode(),
        f"X-Bounced-Retry: {retry.key}-2".encode(),
    ]


def test_an_unsigned_bounce_is_never_relayed(
    sqlite_url, sqlite_engine, start_daemon, sink, clock
):
    """A bounce to a plain bounce address could be forged: no retry is created, it
    counts as a soft bounce, and nothing reaches the relay."""
    server = start_daemon(relay_config(sqlite_url, sink), clock=clock)
    send(server.port, full_dsn("cid@example.org", "4.2.2", 452))
    wait_for(spool_settled(sqlite_engine, 1))
    clock.advance(hours=2)

    assert retries_of(sqlite_engine) == []
    with sqlite_engine.connect() as connection:
        days = connection.scalars(select(SoftBounce.address)).all()
    assert days == ["cid@example.org"]
    assert sink.received == []


def test_a_bounce_that_returned_only_headers_is_not_relayed(
    sqlite_url, sqlite_engine, start_daemon, sink, clock
):
    """text/rfc822-headers is not the whole message: the retry fails and counts as a
    soft bounce instead of sending a message without its body."""
    server = start_daemon(relay_config(sqlite_url, sink), clock=clock)
    raw = dsn("dee@example.org", "4.2.2", 452, message_id="<m-dee>")
    send(server.port, raw, rcpt=signed("dee@example.org", clock()))
    wait_for(spool_settled(sqlite_engine, 1))

    clock.advance(minutes=15)
    (retry,) = wait_for(
        lambda: [r for r in retries_of(sqlite_engine) if r.state == "failed"]
    )

    assert "did not return the whole original" in retry.last_result
    assert sink.received == []
    with sqlite_engine.connect() as connection:
        assert connection.scalars(select(SoftBounce.address)).all() == [
            "dee@example.org"
        ]


def _scheduler(config: Config, engine, clock) -> RetryScheduler:
    return RetryScheduler(
        engine,
        make_dispatcher(config, clock=clock, engine=engine),
        config.retry,
        Rules.from_config(config.policy, config.retry),
        clock=clock,
        worker="test-scheduler",
    )


def _domain(engine, name: str):
    with engine.connect() as connection:
        return connection.execute(
            select(DomainState).where(DomainState.domain == name)
        ).one()


def test_batches_shrink_on_421_447_450_and_grow_back_on_success(
    db_url, engine, start_daemon, sink, clock
):
    """Each slow-down answer halves the domain's batch (to the floor); each accepted
    batch grows it by one step."""
    config = relay_config(
        db_url,
        sink,
        tick_interval=3600,  # the daemon only takes the bounces in; the test ticks
        batch_initial=4,
        batch_min=1,
        batch_max=8,
        batch_step=2,
    )
    server = start_daemon(config, clock=clock)
    for n in range(15):
        bounce_back(server.port, f"user{n}@slow.example", clock())
    wait_for(spool_settled(engine, 15))
    assert _domain(engine, "slow.example").batch_size == 4

    sink.answer("slow.example", "421 4.7.0 Try again later, closing connection")
    sink.answer("slow.example", *["250 2.1.5 OK"] * 3)
    sink.answer("slow.example", "447 4.7.0 Too many concurrent sessions")
    sink.answer("slow.example", "250 2.1.5 OK")
    sink.answer(
        "slow.example", "450 4.2.1 Receiving mail at a rate that prevents delivery"
    )
    scheduler = _scheduler(config, engine, clock)
    sizes, claimed = [], []

    async def run() -> None:
        for _ in range(5):
            report = await scheduler.tick(clock.advance(minutes=20))
            claimed.append(sum(report.dispatched.values()))
            sizes.append(_domain(engine, "slow.example").batch_size)
        await scheduler.stop()

    asyncio.run(run())

    assert claimed == [4, 2, 1, 1, 3]
    assert sizes == [2, 1, 1, 3, 5]
    assert [reply[:3] for _, reply in sink.rcpts[:7]] == [
        "421", "250", "250", "250", "447", "250", "450",
    ]  # fmt: skip
    assert len(sink.received) == 8  # 11 claimed, 3 answered "slow down"
    throttled = [
        r
        for r in retries_of(engine)
        if (r.last_result or "").startswith(("421", "447", "450"))
    ]
    assert len(throttled) == 3
    assert {r.state for r in throttled} == {"pending"}
    assert {r.attempt for r in throttled} == {1}


def test_a_421_bounce_slows_its_domain_down_once_per_gap(
    sqlite_url, sqlite_engine, start_daemon, clock
):
    """A burst of "slow down" bounces from one domain halves its batch once."""
    config = make_config(sqlite_url, retry={"tick_interval": 3600, "min_gap": 60})
    server = start_daemon(config, clock=clock)
    for n in range(3):
        send(server.port, dsn(f"u{n}@busy.example", "4.7.0", 421, "slow down"))
    wait_for(spool_settled(sqlite_engine, 3))
    first = _domain(sqlite_engine, "busy.example")

    clock.advance(minutes=5)
    send(server.port, dsn("u9@busy.example", "4.7.0", 421, "slow down"))
    wait_for(spool_settled(sqlite_engine, 4))
    second = _domain(sqlite_engine, "busy.example")

    assert (first.batch_size, first.throttles) == (10, 1)
    assert (second.batch_size, second.throttles) == (5, 2)


def test_the_webhook_gets_signed_batches_and_its_failures_are_retried(
    db_url, engine, start_daemon, hook, clock
):
    """Due retries are POSTed as signed retry.due events; a 500 makes the scheduler
    send the same events again later, with the same ids."""
    hook.statuses = [500]
    config = make_config(
        db_url,
        retry={
            "dispatcher": "webhook",
            "webhook_url": hook.url,
            "webhook_secret": SECRET,
            "tick_interval": 0.05,
            "handoff_retry": 30,
            "min_gap": 0,  # the 450s slowed example.net down; keep its gap short
        },
    )
    server = start_daemon(config, clock=clock)
    for name in ("eve", "fay"):
        send(
            server.port,
            dsn(f"{name}@example.net", "4.2.1", 450, list_id="weekly.news.example.com"),
        )
    wait_for(spool_settled(engine, 2))

    clock.advance(minutes=15)
    wait_for(lambda: len(hook.requests) == 1)
    wait_for(lambda: {r.failures for r in retries_of(engine)} == {1})
    (waiting,) = {r.due_at for r in retries_of(engine)}
    assert waiting == clock() + timedelta(seconds=30)  # handoff_retry

    clock.advance(seconds=30)
    wait_for(lambda: len(hook.requests) == 2)
    wait_for(lambda: {r.state for r in retries_of(engine)} == {"dispatched"})

    failed, accepted = hook.requests
    assert failed.body == accepted.body
    for request in hook.requests:
        headers = {k.lower(): v for k, v in request.headers.items()}
        timestamp = headers[signing.TIMESTAMP_HEADER.lower()]
        assert signing.verify(
            [SECRET],
            timestamp,
            headers[signing.SIGNATURE_HEADER.lower()],
            request.body,
            int(timestamp),
        )
    events = json.loads(accepted.body)
    keys = {f"{r.key}-1" for r in retries_of(engine)}
    assert {e["id"] for e in events} == keys
    assert {e["recipient"] for e in events} == {"eve@example.net", "fay@example.net"}
    assert {e["type"] for e in events} == {"retry.due"}
    assert {e["list_id"] for e in events} == {"weekly.news.example.com"}
    assert {e["retry"]["attempt"] for e in events} == {1}


def test_pull_leases_batches_and_acknowledgements_close_them(
    db_url, engine, start_daemon, clock
):
    """Pulled retries are leased (a second consumer gets none), offered again when
    the lease runs out, and closed by an acknowledgement, once."""
    config = make_config(db_url, retry={"tick_interval": 0.05, "pull_lease": 60})
    server = start_daemon(config, clock=clock)
    send(server.port, dsn("gus@example.com", "4.2.2", 452))
    wait_for(spool_settled(engine, 1))
    assert (
        service.pull_retries(engine, consumer="a", limit=10, config=config, now=clock())
        == []
    )

    clock.advance(minutes=15)
    wait_for(lambda: retries_of(engine)[0].state == "ready")
    (first,) = service.pull_retries(
        engine, consumer="a", limit=10, config=config, now=clock()
    )
    none = service.pull_retries(
        engine, consumer="b", limit=10, config=config, now=clock()
    )
    later = clock.advance(seconds=61)
    (again,) = service.pull_retries(
        engine, consumer="b", limit=10, config=config, now=later
    )
    answers = service.ack_retries(
        engine, {again["id"]: "accepted"}, config=config, now=later
    )
    twice = service.ack_retries(
        engine, {again["id"]: "accepted"}, config=config, now=later
    )

    assert first["recipient"] == "gus@example.com"
    assert none == []
    assert again["id"] == first["id"]
    assert answers == {first["id"]: "accepted"}
    assert twice == {first["id"]: "unknown"}
    (retry,) = retries_of(engine)
    assert (retry.state, retry.attempt) == ("dispatched", 1)


def test_a_retry_that_runs_out_of_time_counts_as_a_soft_bounce(
    sqlite_url, sqlite_engine, start_daemon, clock
):
    """Never acknowledged for 72 hours, a retry expires and the address has one
    soft-bounce day."""
    config = make_config(sqlite_url, retry={"tick_interval": 0.05})
    server = start_daemon(config, clock=clock)
    send(server.port, dsn("hal@example.com", "4.2.2", 452))
    wait_for(spool_settled(sqlite_engine, 1))

    clock.advance(hours=72)
    wait_for(lambda: retries_of(sqlite_engine)[0].state == "expired")

    with sqlite_engine.connect() as connection:
        days = connection.execute(select(SoftBounce.address, SoftBounce.day)).all()
        suppressed = connection.execute(select(Suppression)).all()
    assert days == [("hal@example.com", (START + timedelta(hours=72)).date())]
    assert suppressed == []


@pytest.mark.postgres
@pytest.mark.slow
def test_two_daemons_dispatch_every_due_retry_exactly_once(
    pg_url, start_daemon, sink, clock
):
    """Two daemons on one PostgreSQL database share the due retries: the relay gets
    each one exactly once."""
    config = relay_config(
        pg_url, sink, batch_initial=3, batch_max=3, tick_interval=0.02
    )
    first = start_daemon(config, clock=clock)
    second = start_daemon(config, clock=clock)
    total = 48
    for n in range(total):
        port = first.port if n % 2 else second.port
        bounce_back(port, f"user{n}@d{n % 4}.example", clock())
    engine = make_engine(pg_url, pool_size=1)
    try:
        wait_for(spool_settled(engine, total), timeout=60)
        assert len(retries_of(engine)) == total

        clock.advance(minutes=15)
        wait_for(
            lambda: [r.state for r in retries_of(engine)] == ["dispatched"] * total,
            timeout=120,
        )
        workers = {r.claimed_by for r in retries_of(engine)}
    finally:
        engine.dispose()

    keys = [d.content.split(b"\r\n", 1)[0] for d in sink.received]
    assert len(keys) == total
    assert len(set(keys)) == total
    assert workers == {None}  # every claim released after its result was recorded
