"""Webhooks: notices queued with the decision, POSTed signed, retried, never blocking."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, select

from bounced import config, notices, signing
from bounced.cli import main
from bounced.errors import ConfigError
from bounced.policy import Decision, Verdict
from bounced.reasons import Reason
from bounced.report import Classification, Finding, ReturnedMessage
from bounced.store import outbox
from bounced.store.schema import DomainState, Suppression, WebhookDelivery
from bounced.verp import VerpData
from bounced.webhooks import Deliverer
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for
from tests.receiver import Receiver, Silent

SECRET = "hook-secret-hook-secret"
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
CAMPAIGN = "5f0e7b8a-1c2d-4e3f-9a8b-7c6d5e4f3a2b"
SUBSCRIBER = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"


class FakeClock:
    """A clock the test moves by hand: retries are checked without sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def receiver():
    """A real HTTP server on 127.0.0.1 that answers 200 unless scripted otherwise."""
    server = Receiver()
    yield server
    server.close()


def generic(url, **extra):
    return {"name": "hook", "url": url, "format": "generic", "secret": SECRET, **extra}


def listmonk_endpoint(url, **extra):
    return {
        "name": "listmonk",
        "url": url,
        "format": "listmonk",
        "username": "bounced",
        "token": "listmonk-api-token",
        **extra,
    }


def verified(request, now: int) -> bool:
    return signing.verify(
        [SECRET],
        request.headers[signing.TIMESTAMP_HEADER],
        request.headers[signing.SIGNATURE_HEADER],
        request.body,
        now,
    )


def deliveries(engine):
    with engine.connect() as connection:
        return connection.execute(
            select(WebhookDelivery).order_by(WebhookDelivery.id)
        ).all()


# -- end to end through the daemon ------------------------------------------------


def test_a_bounce_blaming_the_sender_is_posted_as_a_sender_alert_not_a_suppression(
    sqlite_url, sqlite_engine, start_daemon, receiver
):
    """A 554 5.7.1 'blocked' DSN over SMTP: the endpoint hears sender.alert for the
    domain, and the address is not suppressed (policy: sender blame alerts)."""
    server = start_daemon(
        make_config(sqlite_url, webhooks={"endpoints": [generic(receiver.url())]})
    )

    send(
        server.port,
        dsn(
            "carol@example.net",
            "5.7.1",
            554,
            "Service unavailable; client host blocked",
        ),
    )

    wait_for(lambda: receiver.received(1))
    (request,) = receiver.requests
    body = json.loads(request.body)
    assert (body["type"], body["domain"], body["count"]) == (
        "sender.alert",
        "example.net",
        1,
    )
    assert verified(request, int(time.time()))
    with sqlite_engine.connect() as connection:
        assert connection.scalars(select(Suppression.address)).all() == []


def test_a_suppression_is_posted_once_signed_in_the_generic_format(
    db_url, engine, start_daemon, receiver
):
    """A hard bounce over SMTP reaches the endpoint as one signed suppression.added."""
    server = start_daemon(
        make_config(db_url, webhooks={"endpoints": [generic(receiver.url())]})
    )

    send(server.port, dsn("alice@example.org", "5.1.1", 550, "User unknown"))

    wait_for(lambda: receiver.received(1))
    wait_for(lambda: deliveries(engine)[0].state == "delivered")
    (request,) = receiver.requests
    assert verified(request, int(time.time()))
    body = json.loads(request.body)
    assert request.headers["X-Bounced-Event"] == body["id"]
    assert body["id"].startswith("evt_")
    assert {
        key: body[key]
        for key in ("type", "recipient", "reason", "status", "smtp_code", "permanent")
    } == {
        "type": "suppression.added",
        "recipient": "alice@example.org",
        "reason": "userunknown",
        "status": "5.1.1",
        "smtp_code": 550,
        "permanent": True,
    }
    assert body["suppression"] == {"scope": "global", "expires_at": None}
    assert body["message_id"] == "<original-1@news.example.com>"


def test_listmonk_gets_its_bounce_record_with_basic_auth(
    sqlite_url, sqlite_engine, start_daemon, receiver
):
    """listmonk's POST /webhooks/bounce: Basic api_user:token, type hard, meta."""
    endpoint = listmonk_endpoint(receiver.url("/webhooks/bounce"))
    server = start_daemon(make_config(sqlite_url, webhooks={"endpoints": [endpoint]}))

    send(server.port, dsn("bob@example.org", "5.1.1", 550, "User unknown"))

    wait_for(lambda: receiver.received(1))
    (request,) = receiver.requests
    credentials = base64.b64encode(b"bounced:listmonk-api-token").decode()
    assert request.path == "/webhooks/bounce"
    assert request.headers["Authorization"] == f"Basic {credentials}"
    assert request.headers["Content-Type"] == "application/json"
    assert signing.SIGNATURE_HEADER not in request.headers  # no secret configured
    body = json.loads(request.body)
    assert set(body) == {"email", "source", "type", "meta", "created_at"}
    assert (body["email"], body["source"], body["type"]) == (
        "bob@example.org",
        "bounced",
        "hard",
    )
    assert body["meta"]["reason"] == "userunknown"
    assert body["meta"]["bounced_event"] == request.headers["X-Bounced-Event"]


def test_transient_bounces_are_not_sent_unless_the_endpoint_opts_in(
    sqlite_url, sqlite_engine, start_daemon, receiver
):
    """A 4.2.2 is no suppression: silent by default, `soft` for listmonk opted in."""
    default = listmonk_endpoint(receiver.url("/default"))
    opted = listmonk_endpoint(
        receiver.url("/soft"), name="soft", events=["bounce.soft"]
    )
    server = start_daemon(
        make_config(sqlite_url, webhooks={"endpoints": [default, opted]})
    )

    send(server.port, dsn("carol@example.org", "4.2.2", 452, "Mailbox full"))

    wait_for(spool_settled(sqlite_engine, 1))
    wait_for(lambda: receiver.received(1))
    (request,) = receiver.requests
    assert request.path == "/soft"
    assert json.loads(request.body)["type"] == "soft"
    assert [row.endpoint for row in deliveries(sqlite_engine)] == ["soft"]


def test_a_bounce_that_acts_on_nobody_announces_nothing(
    sqlite_url, sqlite_engine, start_daemon, receiver
):
    """With signing required, a forged bounce to postmaster@ suppresses no one and
    queues no notice."""
    server = start_daemon(
        make_config(
            sqlite_url,
            verp={"secrets": ["s3cret-s3cret-s3cret"], "require_signed": True},
            webhooks={"endpoints": [generic(receiver.url())]},
        )
    )

    send(
        server.port,
        dsn("victim@example.org", "5.1.1", 550),
        rcpt="postmaster@bounces.example.com",
    )

    wait_for(spool_settled(sqlite_engine, 1))
    assert deliveries(sqlite_engine) == []


def test_ingest_goes_on_while_the_receiver_hangs(db_url, engine, start_daemon):
    """A receiver that accepts and never answers: bounces are still taken, processed
    and suppressed; their notices wait in the outbox."""
    silent = Silent()
    server = start_daemon(
        make_config(
            db_url,
            webhooks={"endpoints": [generic(silent.url())], "timeout": "10m"},
        )
    )
    try:
        send(server.port, dsn("d1@example.org", "5.1.1", 550))
        wait_for(silent.connected)  # the first POST is now hanging
        for n in range(2, 6):
            send(server.port, dsn(f"d{n}@example.org", "5.1.1", 550))

        wait_for(spool_settled(engine, 5))
        with engine.connect() as connection:
            suppressed = connection.scalars(
                select(Suppression.address).order_by(Suppression.address)
            ).all()
        assert suppressed == [f"d{n}@example.org" for n in range(1, 6)]
        states = [row.state for row in deliveries(engine)]
        assert states == ["pending"] * 5
    finally:
        silent.close()


# -- delivery, retries and claims, with the clock in the test's hands --------------


def queue(engine, endpoints, *, count=1, now=T0):
    """Queue `count` suppression notices the way the processor does."""
    box = outbox.Outbox(endpoints)
    ids = []
    with engine.begin() as connection:
        for n in range(count):
            notice = _notice(f"user{n}@example.org", now)
            box.add(connection, notice, now=now)
            ids.append(notice["id"])
    return ids


def _notice(recipient, now, **overrides):
    finding = Finding(recipient=recipient, status="5.1.1", reply_code=550)
    verdict = Classification(
        reason=Reason.USERUNKNOWN, permanent=True, hard=True, rule="status 5.1.1"
    )
    decision = Decision(verdict=Verdict.SUPPRESS, rule="permanent failure")
    arguments = {
        "event_id": outbox.new_event_id(),
        "kind": notices.EventType.SUPPRESSION_ADDED,
        "subject": recipient,
        "finding": finding,
        "classification": verdict,
        "decision": decision,
        "returned": None,
        "verp": None,
        "list_id": None,
        "bounce_event_id": None,
        "received_at": now,
        "now": now,
        **overrides,
    }
    return notices.for_finding(**arguments)


def webhooks_config(*endpoints, **values):
    return (
        config.Config()
        .with_overrides(webhooks={"endpoints": list(endpoints), **values})
        .webhooks
    )


def run_once(deliverer):
    return asyncio.run(_run_once(deliverer))


async def _run_once(deliverer):
    try:
        return await deliverer.run_once()
    finally:
        await deliverer.close()


def deliverer(engine, cfg, clock):
    """A Deliverer whose HTTP client belongs to the test's event loop."""
    return Deliverer(engine, cfg, clock=clock)


def test_a_failing_receiver_is_retried_with_backoff_and_the_notice_sent_once_it_answers(
    engine, receiver
):
    """500, 500, then 200: three signed POSTs of the same event, spaced 30s then
    60s apart, and the notice ends delivered."""
    receiver.statuses = [500, 500]
    cfg = webhooks_config(generic(receiver.url()), initial_backoff="30s")
    (event_id,) = queue(engine, cfg.endpoints)
    clock = FakeClock(T0)

    sent = []
    for moment in (0, 29, 30, 89, 90, 3600):
        clock.now = T0 + timedelta(seconds=moment)
        sent.append(run_once(deliverer(engine, cfg, clock)))

    assert sent == [1, 0, 1, 0, 1, 0]
    assert len(receiver.requests) == 3
    for request, moment in zip(receiver.requests, (0, 30, 90), strict=True):
        assert request.headers["X-Bounced-Event"] == event_id
        assert json.loads(request.body)["id"] == event_id
        assert verified(request, int((T0 + timedelta(seconds=moment)).timestamp()))
    (row,) = deliveries(engine)
    assert (row.state, row.attempts) == (
        "delivered",
        3,
    )
    assert row.last_result == "HTTP 200"


def test_a_receiver_that_never_recovers_is_given_up_on_after_give_up_after(
    sqlite_engine, receiver
):
    """Retries stop once the next one would fall past give_up_after; the row says why."""
    receiver.statuses = [503] * 100
    cfg = webhooks_config(
        generic(receiver.url()),
        initial_backoff="1m",
        max_backoff="1h",
        give_up_after="3h",
    )
    queue(sqlite_engine, cfg.endpoints)
    clock = FakeClock(T0)

    for _ in range(20):  # each round at the moment the notice is due again
        run_once(deliverer(sqlite_engine, cfg, clock))
        (row,) = deliveries(sqlite_engine)
        if row.state != "pending":
            break
        clock.now = row.due_at

    # tries at 0, 1m, 3m, 7m, 15m, 31m, 63m, 2h03m; the next would be past 3h
    assert len(receiver.requests) == 8
    assert row.state == "failed"
    assert row.last_result == "gave up after 8 attempts: HTTP 503"


def test_a_request_refused_as_invalid_is_not_retried(sqlite_engine, receiver):
    """422 means the body itself is refused: one POST, then failed."""
    receiver.statuses = [422]
    cfg = webhooks_config(generic(receiver.url()))
    queue(sqlite_engine, cfg.endpoints)

    run_once(deliverer(sqlite_engine, cfg, FakeClock(T0)))
    run_once(deliverer(sqlite_engine, cfg, FakeClock(T0 + timedelta(days=1))))

    (row,) = deliveries(sqlite_engine)
    assert len(receiver.requests) == 1
    assert row.state == "failed"


def test_a_dead_receiver_leaves_the_notice_pending_for_later(sqlite_engine):
    """Connection refused is a failure like any other: retried after the backoff."""
    cfg = webhooks_config(generic("http://127.0.0.1:9/hook"))
    queue(sqlite_engine, cfg.endpoints)

    run_once(deliverer(sqlite_engine, cfg, FakeClock(T0)))

    (row,) = deliveries(sqlite_engine)
    assert row.state == "pending"
    assert row.last_result == "ConnectError"
    assert row.due_at == T0 + timedelta(seconds=30)


def test_two_daemons_delivering_from_one_database_send_each_notice_once(
    engine, receiver
):
    """Claims keep concurrent deliverers apart (SKIP LOCKED on PostgreSQL)."""
    cfg = webhooks_config(generic(receiver.url()), batch_size=5)
    ids = queue(engine, cfg.endpoints, count=20)
    clock = FakeClock(T0)

    async def both():
        first, second = deliverer(engine, cfg, clock), deliverer(engine, cfg, clock)
        try:
            for _ in range(4):
                await asyncio.gather(first.run_once(), second.run_once())
        finally:
            await first.close()
            await second.close()

    asyncio.run(both())

    sent = sorted(r.headers["X-Bounced-Event"] for r in receiver.requests)
    assert sent == sorted(ids)
    assert {row.state for row in deliveries(engine)} == {"delivered"}


def test_an_expired_claim_is_sent_again_by_another_daemon(sqlite_engine, receiver):
    """A daemon that died mid-POST: after the lease, someone else delivers it."""
    cfg = webhooks_config(generic(receiver.url()), claim_timeout="2m")
    queue(sqlite_engine, cfg.endpoints)
    dead = outbox.claim_due(sqlite_engine, worker="dead", limit=10, lease=120, now=T0)

    early = run_once(
        deliverer(sqlite_engine, cfg, FakeClock(T0 + timedelta(minutes=1)))
    )
    late = run_once(deliverer(sqlite_engine, cfg, FakeClock(T0 + timedelta(minutes=3))))

    assert (len(dead), early, late) == (1, 0, 1)
    (row,) = deliveries(sqlite_engine)
    assert (row.state, row.attempts) == (
        "delivered",
        2,
    )


def test_outbox_rows_are_only_queued_for_subscribed_endpoints(sqlite_engine):
    """sender.alert goes to a generic endpoint, never to listmonk."""
    cfg = webhooks_config(
        generic("http://127.0.0.1:9/a"), listmonk_endpoint("http://127.0.0.1:9/b")
    )
    box = outbox.Outbox(cfg.endpoints)
    alert = notices.sender_alert(
        event_id=outbox.new_event_id(),
        domain="example.net",
        reason="blocked",
        count=3,
        detail="554 5.7.1 blocked",
        now=T0,
    )

    with sqlite_engine.begin() as connection:
        added = box.add(connection, alert, now=T0)

    assert added == 1
    assert [row.endpoint for row in deliveries(sqlite_engine)] == ["hook"]


def test_a_notice_queued_in_a_rolled_back_transaction_does_not_exist(sqlite_engine):
    """The outbox shares the decision's transaction: no commit, no notice."""
    cfg = webhooks_config(generic("http://127.0.0.1:9/a"))
    box = outbox.Outbox(cfg.endpoints)

    def decide_then_fail():
        with sqlite_engine.begin() as connection:
            box.add(connection, _notice("x@example.org", T0), now=T0)
            raise RuntimeError("the decision failed to commit")

    with pytest.raises(RuntimeError):
        decide_then_fail()

    assert deliveries(sqlite_engine) == []


# -- the listmonk format ---------------------------------------------------------


def _returned(campaign, subscriber):
    return ReturnedMessage(
        headers=(
            ("X-Listmonk-Campaign", campaign),
            ("X-Listmonk-Subscriber", subscriber),
        )
    )


def test_listmonk_gets_campaign_and_subscriber_uuids_only_when_they_are_uuids():
    good = notices.listmonk(
        _notice("a@example.org", T0, returned=_returned(CAMPAIGN.upper(), SUBSCRIBER))
    )
    bad = notices.listmonk(
        _notice("a@example.org", T0, returned=_returned("42", "'; DROP TABLE x"))
    )

    assert (good["campaign_uuid"], good["subscriber_uuid"]) == (CAMPAIGN, SUBSCRIBER)
    assert "campaign_uuid" not in bad
    assert "subscriber_uuid" not in bad


def test_listmonk_never_gets_a_subscriber_uuid_when_signed_verp_named_the_address():
    """listmonk finds subscribers by UUID first; a forger's own valid address must
    not smuggle a victim's UUID in through the returned headers."""
    signed = VerpData(
        form="bounced", recipient="m@example.org", signed=True, valid=True
    )

    body = notices.listmonk(
        _notice(
            "m@example.org",
            T0,
            returned=_returned(CAMPAIGN, SUBSCRIBER),
            verp=signed,
        )
    )

    assert body["email"] == "m@example.org"
    assert body["campaign_uuid"] == CAMPAIGN
    assert "subscriber_uuid" not in body


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (notices.EventType.SUPPRESSION_ADDED, "hard"),
        (notices.EventType.COMPLAINT, "complaint"),
        (notices.EventType.BOUNCE_SOFT, "soft"),
    ],
)
def test_listmonk_type_follows_the_event(kind, expected):
    body = notices.listmonk(_notice("a@example.org", T0, kind=kind))

    assert body["type"] == expected
    assert body["created_at"] == "2026-11-01T12:00:00Z"


# -- configuration -----------------------------------------------------------------


def test_endpoint_problems_name_the_key_and_what_is_allowed():
    """Every endpoint mistake is reported at once, with its index and field."""
    with pytest.raises(ConfigError) as error:
        config.Config().with_overrides(
            webhooks={
                "endpoints": [
                    {"name": "a", "url": "ftp://x", "format": "xml"},
                    {"name": "b", "url": "http://h/", "format": "generic"},
                    {"name": "c", "url": "http://h/", "format": "listmonk"},
                    {"url": "http://h/", "secret": "short"},
                ]
            }
        )

    assert error.value.problems == [
        "webhooks.endpoints[0].url: expected an http:// or https:// URL, got 'ftp://x'",
        "webhooks.endpoints[0].format: expected one of generic, listmonk, got 'xml'",
        "webhooks.endpoints[1].secret: expected a secret of at least 16 characters"
        " (generic webhooks are always signed)",
        "webhooks.endpoints[2].username: expected the listmonk API user and token"
        " (Basic auth on /webhooks/bounce)",
        "webhooks.endpoints[2].token: expected the listmonk API user and token"
        " (Basic auth on /webhooks/bounce)",
        "webhooks.endpoints[3].name: required",
        "webhooks.endpoints[3].secret: expected at least 16 characters, got (hidden)",
    ]


def test_endpoints_can_be_set_from_the_environment_as_json():
    """Containers keep secrets in the environment: BOUNCED_WEBHOOKS_ENDPOINTS."""
    value = json.dumps([listmonk_endpoint("https://lists.example.com/webhooks/bounce")])

    loaded = config.load(None, environ={"BOUNCED_WEBHOOKS_ENDPOINTS": value})

    (endpoint,) = loaded.webhooks.endpoints
    assert (endpoint.name, endpoint.format, endpoint.token) == (
        "listmonk",
        "listmonk",
        "listmonk-api-token",
    )
    assert endpoint.subscribed == ("suppression.added", "complaint")


def test_listmonk_cannot_subscribe_to_sender_alerts(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        "[[webhooks.endpoints]]\n"
        'name = "lm"\nurl = "http://lm/webhooks/bounce"\nformat = "listmonk"\n'
        'username = "u"\ntoken = "t"\nevents = ["sender.alert"]\n'
    )

    with pytest.raises(ConfigError) as error:
        config.load(path, environ={})

    assert error.value.problems == [
        "webhooks.endpoints[0].events: expected no sender.alert for format listmonk"
        " (listmonk records bounces of subscribers, not of domains)"
    ]


def test_the_readme_documents_every_field_of_the_generic_notice():
    """The sample notice in the README has exactly the fields bounced sends."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    sample = re.search(r"```json\n(\{\"id\": \"evt_.*?\})\n```", readme, re.DOTALL)
    documented = json.loads(sample[1].replace("…", ""))

    assert set(documented) == set(_notice("a@example.org", T0))
    assert documented["type"] in config.WEBHOOK_EVENTS


def test_failed_notices_are_listed_and_sent_again_after_webhooks_retry(
    db_url, engine, receiver
):
    """`bounced webhooks retry` after the receiver is fixed: the notice goes out."""
    receiver.statuses = [422]
    cfg = webhooks_config(generic(receiver.url()))
    (event_id,) = queue(engine, cfg.endpoints)
    run_once(deliverer(engine, cfg, FakeClock(T0)))
    env = {"BOUNCED_DATABASE_URL": db_url}

    listed = CliRunner().invoke(
        main, ["webhooks", "list", "--state", "failed", "--json"], env=env
    )
    retried = CliRunner().invoke(main, ["webhooks", "retry"], env=env)
    run_once(deliverer(engine, cfg, FakeClock(datetime.now(UTC))))

    assert json.loads(listed.stdout)["event_id"] == event_id
    assert retried.stdout.strip() == "1 notice(s) queued to be sent again"
    assert [r.headers["X-Bounced-Event"] for r in receiver.requests] == [
        event_id,
        event_id,
    ]
    (row,) = deliveries(engine)
    assert row.state == "delivered"


@pytest.mark.parametrize(("count", "sent"), [(1, 1), (2, 0), (9, 0), (10, 1), (100, 1)])
def test_a_sender_alert_is_announced_when_new_and_at_each_tenfold(
    sqlite_engine, count, sent
):
    """The policy raised (or counted) a domain's sender alert in this transaction:
    a sender.alert notice at the 1st, 10th, 100th refusal, not at every one."""
    cfg = webhooks_config(generic("http://127.0.0.1:9/a"))
    box = outbox.Outbox(cfg.endpoints)
    finding = Finding(
        recipient="x@example.net", status="5.7.1", reply_code=554, diagnostic="blocked"
    )
    verdict = Classification(
        reason=Reason.BLOCKED, permanent=True, hard=False, rule="status 5.7.1"
    )

    with sqlite_engine.begin() as connection:
        connection.execute(
            insert(DomainState),
            {
                "domain": "example.net",
                "batch_size": 10,
                "updated_at": T0,
                "alert_reason": "blocked",
                "alert_count": count,
            },
        )
        added = box.add_finding(
            connection,
            bounce_event_id=None,
            subject="x@example.net",
            finding=finding,
            classification=verdict,
            decision=Decision(verdict=Verdict.RECORD, rule="sender blamed", alert=True),
            returned=None,
            verp=None,
            list_id=None,
            received_at=T0,
            now=T0,
        )

    assert added == sent
    if sent:
        (row,) = deliveries(sqlite_engine)
        payload = json.loads(row.payload)
        assert (row.type, payload["domain"], payload["count"]) == (
            "sender.alert",
            "example.net",
            count,
        )


def test_an_unreadable_notice_is_failed_and_the_others_still_go_out(
    sqlite_engine, receiver
):
    """One corrupt row must not stall the outbox: it fails, its batch is sent."""
    cfg = webhooks_config(generic(receiver.url()))
    (good,) = queue(sqlite_engine, cfg.endpoints)
    with sqlite_engine.begin() as connection:
        connection.execute(
            insert(WebhookDelivery),
            {
                "event_id": outbox.new_event_id(),
                "type": "suppression.added",
                "endpoint": "hook",
                "payload": "{not json",
                "state": "pending",
                "attempts": 0,
                "created_at": T0,
                "due_at": T0,
            },
        )

    run_once(deliverer(sqlite_engine, cfg, FakeClock(T0)))

    assert [r.headers["X-Bounced-Event"] for r in receiver.requests] == [good]
    states = [
        (row.payload.startswith("{not"), row.state) for row in deliveries(sqlite_engine)
    ]
    assert states == [(False, "delivered"), (True, "failed")]
