"""Decisions as stored: scopes, expiry, soft-bounce days, sender alerts, and the
CLI that explains them (real databases, real daemon where mail is involved)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from bounced import service
from bounced.classify import classify
from bounced.cli import main
from bounced.reasons import Reason
from bounced.report import (
    Action,
    Classification,
    Finding,
    Inbound,
    Report,
    ReturnedMessage,
)
from bounced.store import claims, outcomes, suppressions
from bounced.store.schema import DomainState, SoftBounce, Suppression, SuppressionChange
from bounced.store.spool import Spool
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for
from tests.sinks import MovableClock

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, list(args), env={"BOUNCED_DATABASE_URL": db_url})


def record(engine, findings, *, now, returned=None, classifications=None):
    """Spool one message, claim it, and record a report of `findings` for it."""

    async def put() -> None:
        spool = Spool(engine)
        spool.start()
        try:
            await spool.put(
                Inbound(
                    peer="192.0.2.1:25",
                    helo="mx.example.net",
                    mail_from="",
                    rcpt_tos=("b@bounces.example.com",),
                    received_at=now,
                    raw=b"Subject: report\r\n\r\n",
                )
            )
        finally:
            await spool.close()

    asyncio.run(put())
    (message,) = claims.claim_messages(engine, worker="T", limit=1, lease=60, now=now)
    report = Report(findings=tuple(findings), detector="test", returned=returned)
    verdicts = classifications or tuple(classify(f) for f in findings)
    return outcomes.record_batch(
        engine, [outcomes.Outcome(message, report, verdicts)], worker="T", now=now
    )


def test_a_complaint_suppresses_for_its_list_with_reason_feedback(engine):
    """An abuse report about a list's mail suppresses the address for that list."""
    complaint = Finding(recipient="Ivy@Example.com", feedback_type="abuse")
    verdict = Classification(
        reason=Reason.FEEDBACK, permanent=False, hard=False, rule="arf"
    )
    returned = ReturnedMessage(list_id="Weekly News <Weekly.Example.com>")

    record(engine, [complaint], now=NOW, returned=returned, classifications=(verdict,))

    with engine.connect() as connection:
        row = connection.execute(select(Suppression)).one()
    assert (row.address, row.scope, row.reason, row.source, row.feedback_type) == (
        "ivy@example.com",
        "list:weekly.example.com",
        "feedback",
        "complaint",
        "abuse",
    )
    assert json.loads(row.why)["rule"] == "complaint (abuse)"


def test_soft_bounces_on_three_days_suppress_and_a_delivery_starts_over(engine):
    """Sender-blamed failures count once a day; the third day suppresses; a later
    delivery report clears the count of another address."""
    blocked = Finding(recipient="joe@example.com", status="5.7.1", reply_code=550)
    other = Finding(recipient="kim@example.com", status="5.7.1", reply_code=550)
    for day in (0, 0, 4, 9):
        record(engine, [blocked], now=NOW + timedelta(days=day))
    record(engine, [other], now=NOW)
    record(
        engine,
        [Finding(recipient="kim@example.com", action=Action.DELIVERED)],
        now=NOW + timedelta(days=1),
    )

    with engine.connect() as connection:
        rows = connection.execute(select(Suppression)).all()
        days = connection.execute(select(SoftBounce.address)).all()
    (row,) = rows
    assert (row.address, row.source, row.reason) == (
        "joe@example.com",
        "soft_threshold",
        "securityerror",  # a bare 5.7.1: security/policy refusal (RFC 3463 x.7)
    )
    why = json.loads(row.why)
    assert why["inputs"]["soft_days"] == ["2026-11-03", "2026-11-07", "2026-11-12"]
    assert days == []  # joe's run is spent, kim's cleared by the delivery


def test_a_permanent_failure_blaming_the_sender_raises_a_domain_alert_not_a_suppression(
    db_url, engine, start_daemon
):
    """550 5.7.1 over SMTP: the address stays mailable, its domain is alerted and
    slowed down, and `bounced domains --alerts` shows it."""
    server = start_daemon(make_config(db_url))
    send(
        server.port, dsn("lea@example.biz", "5.7.1", 550, "Rejected: bad IP reputation")
    )
    wait_for(spool_settled(engine, 1))

    with engine.connect() as connection:
        suppressed = connection.execute(select(Suppression)).all()
        domain = connection.execute(select(DomainState)).one()
    listing = run(db_url, "domains", "--alerts")
    as_json = run(db_url, "domains", "--json")
    cleared = run(db_url, "domains", "clear-alert", "example.biz")
    after = run(db_url, "domains", "--alerts")

    assert suppressed == []
    assert (domain.domain, domain.alert_reason, domain.alert_count) == (
        "example.biz",
        "badreputation",  # "Rejected: bad IP reputation"
        1,
    )
    assert domain.batch_size == 10  # halved from the initial 20
    assert listing.exit_code == 0
    assert "example.biz" in listing.output
    assert "ALERT badreputation x1" in listing.output
    assert json.loads(as_json.output)["alert"]["reason"] == "badreputation"
    assert cleared.exit_code == 0
    assert after.output == ""


def test_suppressions_show_explains_the_rule_and_its_inputs(
    db_url, engine, start_daemon
):
    """`bounced suppressions show` prints why an address is suppressed."""
    server = start_daemon(make_config(db_url))
    send(server.port, dsn("max@example.org", "5.1.1", 550, "User unknown"))
    wait_for(spool_settled(engine, 1))

    shown = run(db_url, "suppressions", "show", "Max@Example.org")
    as_json = run(db_url, "suppressions", "show", "max@example.org", "--json")

    assert shown.exit_code == 0, shown.output
    assert "max@example.org: suppressed" in shown.output
    assert "why: permanent failure about the address (userunknown)" in shown.output
    assert "status = 5.1.1" in shown.output
    assert "-> suppress" in shown.output
    document = json.loads(as_json.output)
    assert document["suppressions"][0]["why"]["rule"].startswith("permanent failure")
    assert document["changes"][0]["change"] == "added"


def test_a_mailboxfull_suppression_lapses_after_thirty_days(
    sqlite_url, sqlite_engine, start_daemon
):
    """552 5.2.2 suppresses with an expiry; after it, the address may be mailed and
    the lapse is recorded in the audit trail."""
    clock = MovableClock(NOW)
    server = start_daemon(make_config(sqlite_url), clock=clock)
    send(server.port, dsn("ned@example.org", "5.2.2", 552, "Mailbox full"))
    wait_for(spool_settled(sqlite_engine, 1))

    before = service.check(
        sqlite_engine, "ned@example.org", now=NOW + timedelta(days=29)
    )
    after = service.check(
        sqlite_engine, "ned@example.org", now=NOW + timedelta(days=30)
    )
    with sqlite_engine.begin() as connection:
        lapsed = suppressions.expire(connection, NOW + timedelta(days=30))
    with sqlite_engine.connect() as connection:
        trail = connection.scalars(select(SuppressionChange.change)).all()

    assert [row.reason for row in before] == ["mailboxfull"]
    assert before[0].expires_at == NOW + timedelta(days=30)
    assert after == []
    assert lapsed == 1
    assert trail == ["added", "expired"]


def test_retries_are_listed_by_the_cli(sqlite_url, sqlite_engine, start_daemon):
    """`bounced retries` shows each retry with its state and due time."""
    server = start_daemon(make_config(sqlite_url, retry={"tick_interval": 3600}))
    send(server.port, dsn("ola@example.org", "4.2.2", 452))
    wait_for(spool_settled(sqlite_engine, 1))

    listed = run(sqlite_url, "retries")
    bad = run(sqlite_url, "retries", "--state", "sleeping")

    assert listed.exit_code == 0
    assert "ola@example.org  pending  attempt=0" in listed.output
    assert "total: pending=1" in listed.output
    assert bad.exit_code == 2
    assert "unknown retry state 'sleeping'" in bad.stderr
