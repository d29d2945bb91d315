"""The processor: each spooled message takes effect exactly once."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bounced.config import ProcessorConfig
from bounced.policy import decide
from bounced.processor import Processor
from bounced.report import Inbound
from bounced.store import claims, outcomes
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from bounced.store.spool import Spool
from bounced.workers import Analysis, ParserPool, analyze
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _spool(engine, *raws: bytes) -> list[int]:
    async def put_all() -> list[int]:
        spool = Spool(engine)
        spool.start()
        try:
            return [
                await spool.put(
                    Inbound(
                        peer="192.0.2.1:25",
                        helo="mx.example.net",
                        mail_from="",
                        rcpt_tos=("b@bounces.example.com",),
                        received_at=NOW,
                        raw=raw,
                    )
                )
                for raw in raws
            ]
        finally:
            await spool.close()

    return asyncio.run(put_all())


def _outcome(message: claims.ClaimedMessage) -> outcomes.Outcome:
    analysis = analyze(message.raw)
    return outcomes.Outcome(message, analysis.report, analysis.classifications)


def test_a_claim_that_expired_cannot_record_twice(engine):
    """Worker A's lease runs out and B takes the message: B's outcome counts, A's is
    refused, and the message has one set of events."""
    _spool(engine, dsn("frank@example.org", "5.1.1", 550))
    (by_a,) = claims.claim_messages(engine, worker="A", limit=10, lease=1, now=NOW)
    later = NOW + timedelta(seconds=2)
    (by_b,) = claims.claim_messages(engine, worker="B", limit=10, lease=60, now=later)

    recorded_b = outcomes.record_batch(
        engine, [_outcome(by_b)], worker="B", decide=decide, now=later
    )
    recorded_a = outcomes.record_batch(
        engine, [_outcome(by_a)], worker="A", decide=decide, now=later
    )

    assert [r.state for r in recorded_b] == ["processed"]
    assert [r.state for r in recorded_a] == ["lost"]
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(BounceEvent)) == 1
        assert connection.scalar(select(Suppression.count)) == 1


def test_a_live_claim_is_not_taken_by_another_worker(engine):
    """Until its lease ends, a claimed message is invisible to other workers."""
    _spool(engine, dsn("gina@example.org", "5.1.1", 550))

    first = claims.claim_messages(engine, worker="A", limit=10, lease=60, now=NOW)
    second = claims.claim_messages(engine, worker="B", limit=10, lease=60, now=NOW)

    assert len(first) == 1
    assert second == []


def test_a_worker_takes_back_its_own_abandoned_claims_at_once(engine):
    """A batch whose recording failed (the database went away) is claimed again by
    the same worker on its next round, not left until the lease runs out."""
    _spool(engine, dsn("gina@example.org", "5.1.1", 550))

    first = claims.claim_messages(engine, worker="A", limit=10, lease=300, now=NOW)
    other = claims.claim_messages(engine, worker="B", limit=10, lease=300, now=NOW)
    again = claims.claim_messages(engine, worker="A", limit=10, lease=300, now=NOW)

    assert other == []
    assert [m.id for m in again] == [m.id for m in first]
    assert again[0].attempts == first[0].attempts + 1


def test_a_message_the_parser_cannot_read_is_kept_and_marked_unparsed(engine):
    """A non-bounce is stored with its reason; `reprocess` queues it again."""
    (message_id,) = _spool(engine, b"Subject: hello\r\n\r\nJust saying hi.\r\n")
    (claimed,) = claims.claim_messages(engine, worker="A", limit=10, lease=60, now=NOW)

    outcomes.record_batch(
        engine, [_outcome(claimed)], worker="A", decide=decide, now=NOW
    )

    with engine.connect() as connection:
        row = connection.execute(select(InboundMessage)).one()
    assert (row.state, row.raw) == (
        "unparsed",
        b"Subject: hello\r\n\r\nJust saying hi.\r\n",
    )
    assert row.unparsed_reason
    assert outcomes.reset_unparsed(engine) == 1
    again = claims.claim_messages(engine, worker="B", limit=10, lease=60, now=NOW)
    assert [m.id for m in again] == [message_id]


def test_a_message_claimed_too_often_is_quarantined_and_later_ones_go_on(engine):
    """A poison message (it killed every worker that took it) is set aside after
    max_attempts, and the messages behind it are processed."""
    poison, good = _spool(
        engine,
        dsn("poison@example.org", "5.1.1", 550),
        dsn("good@example.org", "5.1.1", 550),
    )
    for attempt in range(3):  # three workers claim it and die before recording
        claims.claim_messages(
            engine,
            worker=f"dead{attempt}",
            limit=1,
            lease=1,
            now=NOW + timedelta(seconds=5 * attempt),
        )

    async def run() -> None:
        pool = ParserPool(workers=1, time_limit=5)
        config = ProcessorConfig(max_attempts=3)
        processor = Processor(
            engine, pool, config, clock=lambda: NOW + timedelta(minutes=1)
        )
        try:
            while await processor.run_once():
                pass
        finally:
            processor.close()
            pool.close()

    asyncio.run(run())

    with engine.connect() as connection:
        states = dict(
            connection.execute(select(InboundMessage.id, InboundMessage.state)).all()
        )
        suppressed = connection.scalars(select(Suppression.address)).all()
    assert states == {poison: "quarantined", good: "processed"}
    assert suppressed == ["good@example.org"]


def spin_in_python(raw: bytes) -> Analysis:
    """A parser stuck in a pure-Python loop (interruptible by SIGALRM)."""
    while True:
        pass


def spin_deaf_to_signals(raw: bytes) -> Analysis:
    """A parser stuck where no signal reaches it, like a runaway C call.

    Blocking SIGALRM in this thread is not enough: the worker's liveness thread
    (workers._exit_with) would take the signal and Python would still run the
    handler here. Ignoring it makes the alarm reach nobody, as with a C call that
    never gives the interpreter back.
    """
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    while True:
        pass


def spin_under_a_broad_except(raw: bytes) -> Analysis:
    """A parser stuck inside code that catches Exception, as each detector call is."""
    while True:
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001 - what parse() does per detector
            continue


def _analyze_with(analyzer, raws, time_limit=0.5):
    async def run():
        pool = ParserPool(workers=1, time_limit=time_limit, analyzer=analyzer)
        try:
            return [await pool.analyze(raw) for raw in raws]
        finally:
            pool.close()

    return asyncio.run(run())


def test_a_parser_stuck_in_python_is_stopped_by_its_budget():
    """The in-worker alarm turns a hang into an unparsed report."""
    (analysis,) = _analyze_with(spin_in_python, [b"x"])

    assert analysis.report.findings == ()
    assert (
        analysis.report.unparsed_reason == "over budget: parsing took longer than 0.5s"
    )


def test_the_budget_is_not_swallowed_by_a_detector_catching_exceptions():
    """The alarm passes through `except Exception`, so it ends the parse at once
    instead of waiting for the hard kill."""
    (analysis,) = _analyze_with(spin_under_a_broad_except, [b"x"])

    assert (
        analysis.report.unparsed_reason == "over budget: parsing took longer than 0.5s"
    )


def test_a_parser_deaf_to_signals_is_killed_and_the_pool_restarted():
    """Past the grace period the parent kills the worker; the next message parses."""
    (stuck,) = _analyze_with(spin_deaf_to_signals, [b"x"])
    (after,) = _analyze_with(analyze, [dsn("hank@example.org", "5.1.1", 550)])

    assert stuck.report.unparsed_reason == "over budget: parser stuck past 0.5s"
    assert [f.recipient for f in after.report.findings] == ["hank@example.org"]


def test_deeply_nested_mime_yields_unparsed_not_an_exception():
    """50,000 nested multiparts: the stdlib recursion limit is a reason, not a crash."""
    raw = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(50_000)
    )

    (analysis,) = _analyze_with(analyze, [raw], time_limit=10)

    assert analysis.report.findings == ()
    assert analysis.report.unparsed_reason


@pytest.mark.postgres
@pytest.mark.slow
def test_two_daemons_on_one_postgres_database_process_each_message_once(
    pg_url, start_daemon
):
    """Two daemons share the spool; every message is recorded exactly once."""
    config = make_config(pg_url, processor={"batch_size": 5})
    first = start_daemon(config)
    second = start_daemon(config)
    total = 120

    for n in range(total):
        port = first.port if n % 2 else second.port
        assert send(port, dsn(f"user{n}@example.org", "5.1.1", 550)) == {}

    from bounced.store.engine import make_engine

    engine = make_engine(pg_url, pool_size=1)
    try:
        wait_for(spool_settled(engine, total), timeout=60)
        with engine.connect() as connection:
            events = connection.scalar(select(func.count()).select_from(BounceEvent))
            counts = connection.scalars(select(Suppression.count)).all()
    finally:
        engine.dispose()
    assert events == total
    assert len(counts) == total
    assert set(counts) == {1}
