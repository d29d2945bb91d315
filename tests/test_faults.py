"""The daemon killed (SIGKILL) at the worst moments, named by bounced.faults.

Each test runs the real `bounced serve` with `_BOUNCED_FAULTS` set, lets it die
at the named point, restarts it without faults and checks the promises: every
message answered 250 is processed exactly once; a retry or webhook notice
handed over before the crash is handed over again with the same idempotency
key (at-least-once), never lost; a message that kills or hangs the parser ends
unparsed and never holds up the messages behind it.
"""

from __future__ import annotations

import json
import os
import smtplib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bounced.store.engine import make_engine
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from tests.mail import dsn, send, wait_for
from tests.receiver import Receiver
from tests.test_crash import DaemonProcess

FAST = {
    "BOUNCED_PROCESSOR_CLAIM_TIMEOUT": "1s",
    "BOUNCED_API_ENABLED": "false",
}


def _send_until_dead(
    daemon: DaemonProcess, count: int, status: str = "5.1.1"
) -> list[str]:
    acked = []
    for n in range(count):
        recipient = f"r{n}@example.org"
        try:
            send(daemon.port, dsn(recipient, status, int(status[0]) * 100 + 50))
        except (OSError, smtplib.SMTPException):
            break  # the daemon died mid-session: this one was never answered 250
        acked.append(recipient)
    return acked


def _died(daemon: DaemonProcess) -> bool:
    assert daemon.process is not None
    return daemon.process.poll() is not None


def _settled_events(db_url: str) -> Counter[str]:
    engine = make_engine(db_url)
    try:

        def settled() -> bool:
            with engine.connect() as connection:
                pending = connection.scalar(
                    select(func.count())
                    .select_from(InboundMessage)
                    .where(InboundMessage.state == "new")
                )
            return pending == 0

        wait_for(settled, timeout=60)
        with engine.connect() as connection:
            return Counter(connection.scalars(select(BounceEvent.recipient)))
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize(
    "point", ["spool-committed:3", "record-before-commit:1", "record-committed:1"]
)
def test_a_crash_at_each_point_loses_nothing_and_doubles_nothing(
    db_url, tmp_path, point
):
    daemon = DaemonProcess(db_url, tmp_path, _BOUNCED_FAULTS=f"crash:{point}", **FAST)
    daemon.start()
    try:
        acked = _send_until_dead(daemon, 8)
        wait_for(lambda: _died(daemon), timeout=60)
        assert daemon.process is not None
        assert daemon.process.returncode == -9  # it died where the test said
    finally:
        daemon.terminate()

    survivor = DaemonProcess(db_url, tmp_path, **FAST).start()
    try:
        events = _settled_events(db_url)
    finally:
        survivor.terminate()

    assert acked, "some messages were answered 250 before the crash"
    assert [r for r in acked if events[r] != 1] == []  # each exactly once
    assert [r for r, n in events.items() if n > 1] == []
    suppressed = _suppressions(db_url)
    assert [r for r in acked if suppressed.get(r) != 1] == []  # 5.1.1: suppressed once
    assert set(suppressed) == set(events)


def _suppressions(db_url: str) -> dict[str, int]:
    """Suppressed address -> how many bounces it has counted."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Suppression.address, Suppression.count))
            return {address: count for address, count in rows}
    finally:
        engine.dispose()


def _config_file(tmp_path: Path, receiver: Receiver, **retry: object) -> Path:
    path = tmp_path / "bounced.toml"
    retry_lines = "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in retry.items()
    )
    path.write_text(
        "[webhooks]\n"
        'claim_timeout = "1s"\n'
        'poll_interval = "100ms"\n'
        "[[webhooks.endpoints]]\n"
        'name = "hook"\n'
        f'url = "{receiver.url()}"\n'
        'format = "generic"\n'
        'secret = "webhook-secret-0123456789"\n'
        f"[retry]\n{retry_lines}"
    )
    return path


@pytest.mark.slow
def test_a_crash_after_a_webhook_post_sends_the_same_notice_again(db_url, tmp_path):
    receiver = Receiver()
    config = _config_file(tmp_path, receiver)
    env = {**FAST, "BOUNCED_CONFIG": str(config)}
    daemon = DaemonProcess(
        db_url, tmp_path, _BOUNCED_FAULTS="crash:webhook-posted", **env
    ).start()
    try:
        send(daemon.port, dsn("alice@example.org", "5.1.1", 550))
        wait_for(lambda: _died(daemon), timeout=60)
    finally:
        daemon.terminate()
    first = [r.headers["X-Bounced-Event"] for r in receiver.requests]

    survivor = DaemonProcess(db_url, tmp_path, **env).start()
    try:
        wait_for(lambda: receiver.received(len(first) + 1), timeout=60)
    finally:
        survivor.terminate()
        receiver.close()
    again = [r.headers["X-Bounced-Event"] for r in receiver.requests[len(first) :]]

    assert first  # posted before the crash
    assert again[0] == first[0]  # the same notice, the same idempotency key


@pytest.mark.slow
def test_a_crash_after_a_retry_hand_off_dispatches_it_again(db_url, tmp_path):
    receiver = Receiver()
    config = _config_file(
        tmp_path,
        receiver,
        dispatcher="webhook",
        webhook_url=receiver.url("/retries"),
        webhook_secret="retry-secret-0123456789",
        schedule=["1s"],
        tick_interval="200ms",
        claim_timeout="1s",
        min_gap="0s",
    )
    env = {**FAST, "BOUNCED_CONFIG": str(config)}
    daemon = DaemonProcess(
        db_url, tmp_path, _BOUNCED_FAULTS="crash:retry-dispatched", **env
    ).start()

    def retry_posts() -> list[str]:
        return [
            event["id"]
            for request in receiver.requests
            if request.path == "/retries"
            for event in json.loads(request.body)
        ]

    try:
        send(daemon.port, dsn("bob@example.org", "4.7.0", 421, "try again later"))
        wait_for(lambda: _died(daemon), timeout=60)
    finally:
        daemon.terminate()
    first = retry_posts()

    survivor = DaemonProcess(db_url, tmp_path, **env).start()
    try:
        wait_for(lambda: len(retry_posts()) > len(first), timeout=60)
    finally:
        survivor.terminate()
        receiver.close()

    assert len(first) == 1
    assert retry_posts()[1] == first[0]  # handed over again under the same key


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["parse-crash", "parse-hang"])
def test_a_poison_message_ends_unparsed_and_never_blocks_the_rest(
    db_url, tmp_path, fault
):
    """A message that kills or hangs its parser worker: the pool is replaced, the
    message is kept and marked unparsed with the reason, the rest go on, and
    `bounced reprocess` can try it again."""
    daemon = DaemonProcess(
        db_url,
        tmp_path,
        _BOUNCED_FAULTS=f"{fault}:POISON-7f3a",
        BOUNCED_PROCESSOR_PARSE_TIME_LIMIT="1s",
        **FAST,
    ).start()
    try:
        send(daemon.port, dsn("before@example.org", "5.1.1", 550))
        send(daemon.port, dsn("poison@example.org", "5.1.1", 550, "POISON-7f3a"))
        for n in range(5):
            send(daemon.port, dsn(f"after{n}@example.org", "5.1.1", 550))
        events = _settled_events(db_url)
        assert daemon.process is not None
        assert daemon.process.poll() is None  # the daemon itself never went down
    finally:
        daemon.terminate()

    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(InboundMessage.state, InboundMessage.unparsed_reason, InboundMessage.raw)
            ).all()  # fmt: skip
        (poison,) = [row for row in rows if b"POISON-7f3a" in row.raw]
    finally:
        engine.dispose()
    states = [(row.state, row.unparsed_reason) for row in rows]
    assert sorted(events) == sorted(
        ["before@example.org"] + [f"after{n}@example.org" for n in range(5)]
    ), states
    assert poison.state == "unparsed"
    reason = "parser worker crashed" if fault == "parse-crash" else "over budget"
    assert reason in poison.unparsed_reason
    assert poison.raw  # kept for `bounced reprocess`

    # The operator sees it in `bounced status`, and once the parser is fixed
    # (here: a daemon without the fault) `bounced reprocess` gets it recorded.
    assert json.loads(_cli(db_url, "status", "--json"))["unparsed"] == 1
    assert _cli(db_url, "reprocess").startswith("1 message(s) queued")
    fixed = DaemonProcess(db_url, tmp_path, **FAST).start()
    try:
        events = _settled_events(db_url)
    finally:
        fixed.terminate()
    assert events["poison@example.org"] == 1
    assert [r for r, n in events.items() if n != 1] == []
    assert "unparsed" not in json.loads(_cli(db_url, "status", "--json"))


def _cli(db_url: str, *args: str) -> str:
    """Run the real `bounced` command against the test database."""
    done = subprocess.run(
        [sys.executable, "-m", "bounced", *args],
        env={**os.environ, "BOUNCED_DATABASE_URL": db_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_crashes_mid_batch_blame_only_the_message_in_flight_alone(db_url, tmp_path):
    """The daemon dies inside the processing transaction on every start, more
    than `max_attempts` times. Messages retried after a crash are claimed one by
    one, so only the one in flight alone each time is quarantined; the rest of
    the batch it died with are processed once the crashes stop."""
    from tests.test_processor import _spool

    engine = make_engine(db_url)
    try:
        ids = _spool(
            engine, *(dsn(f"b{n}@example.org", "5.1.1", 550) for n in range(4))
        )
    finally:
        engine.dispose()
    settings = {**FAST, "BOUNCED_PROCESSOR_MAX_ATTEMPTS": "2"}
    for _ in range(3):  # claims: the batch of 4, then the oldest alone, twice
        daemon = DaemonProcess(
            db_url, tmp_path, _BOUNCED_FAULTS="crash:record-before-commit", **settings
        ).start()
        try:
            wait_for(lambda: _died(daemon), timeout=60)  # noqa: B023
        finally:
            daemon.terminate()

    survivor = DaemonProcess(db_url, tmp_path, **settings).start()
    try:
        events = _settled_events(db_url)
    finally:
        survivor.terminate()
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            states = dict(
                connection.execute(
                    select(InboundMessage.id, InboundMessage.state)
                ).all()
            )
    finally:
        engine.dispose()

    assert [states[i] for i in ids] == ["quarantined"] + ["processed"] * 3
    assert sorted(events) == [f"b{n}@example.org" for n in range(1, 4)]
    assert set(events.values()) == {1}
