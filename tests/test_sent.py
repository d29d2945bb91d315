"""Recorded Message-IDs: relaying a returned original without signed VERP.

A sender with one fixed Return-Path records each message's Message-ID and
recipient (POST /v1/sent or `bounced sent record`); a transient bounce that
returns an original with a recorded Message-ID for that very recipient is
provably ours and is relayed when due. Real daemon, real HTTP, real relay sink.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

from bounced import service
from bounced.cli import main
from bounced.store.schema import Retry, SentMessage, SoftBounce
from tests.conftest import make_config
from tests.mail import full_dsn, send, spool_settled, wait_for
from tests.sinks import MovableClock, SmtpSink

ADMIN_TOKEN = "admin-token-sent-0123456789"
READ_TOKEN = "read-token-sent-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
READ = {"Authorization": f"Bearer {READ_TOKEN}"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


def _config(db_url: str, sink: SmtpSink):
    return make_config(
        db_url,
        api={"read_tokens": [READ_TOKEN], "admin_tokens": [ADMIN_TOKEN]},
        verp={"secrets": ["sent-test-secret-0123456789"]},  # the relay signs its resend
        retry={
            "dispatcher": "relay",
            "relay_port": sink.port,
            "tick_interval": 0.05,
            "min_gap": 0,
        },
    )


def _retries(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(Retry).order_by(Retry.id)).all()


def test_a_bounce_returning_a_recorded_message_id_is_relayed_without_verp(
    db_url, engine, start_daemon, sink
):
    clock = MovableClock(START)
    server = start_daemon(_config(db_url, sink), clock=clock)
    with httpx.Client(base_url=server.api_url, timeout=30) as http:
        answer = http.post(
            "/v1/sent",
            headers=ADMIN,
            json={
                "messages": [
                    {
                        "message_id": "<news-7@letters.example>",
                        "recipient": "Ann@Example.org",
                    },
                    # the same Message-ID recorded for somebody else proves nothing
                    # for Ann's neighbour
                    {
                        "message_id": "<news-8@letters.example>",
                        "recipient": "zoe@example.org",
                    },
                ]
            },
        )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"recorded": 2, "already": 0, "invalid": []}

    # To the plain bounce address: no VERP at all.
    send(
        server.port,
        full_dsn(
            "ann@example.org", "4.2.2", 452, message_id="<news-7@letters.example>"
        ),
    )
    send(
        server.port,
        full_dsn(
            "bob@example.org", "4.2.2", 452, message_id="<news-8@letters.example>"
        ),
    )
    wait_for(spool_settled(engine, 2))

    (retry,) = _retries(engine)
    assert (retry.recipient, retry.provably_ours) == ("ann@example.org", True)
    with engine.connect() as connection:
        soft = connection.scalars(select(SoftBounce.address)).all()
    assert soft == ["bob@example.org"]  # not ours to resend: counted, not relayed

    clock.advance(minutes=15)
    (delivered,) = wait_for(lambda: list(sink.received))
    assert delivered.rcpt_tos == ("ann@example.org",)
    assert b"Message-ID: <news-7@letters.example>" in delivered.content


def test_recording_needs_the_admin_scope_and_reports_each_pair(
    db_url, start_daemon, sink
):
    server = start_daemon(_config(db_url, sink))
    pairs = [
        {"message_id": "<a-1@letters.example>", "recipient": "ann@example.org"},
        {"message_id": "a-1@letters.example", "recipient": "ANN@example.org"},  # same
        {"message_id": "<>", "recipient": "ann@example.org"},
        {"message_id": "<a-2@letters.example>", "recipient": "not an address"},
    ]
    with httpx.Client(base_url=server.api_url, timeout=30) as http:
        refused = http.post("/v1/sent", headers=READ, json={"messages": pairs})
        first = http.post("/v1/sent", headers=ADMIN, json={"messages": pairs})
        again = http.post("/v1/sent", headers=ADMIN, json={"messages": pairs[:1]})
        too_many = http.post(
            "/v1/sent",
            headers=ADMIN,
            json={"messages": pairs[:1] * (service.MAX_SENT_PER_REQUEST + 1)},
        )
        malformed = http.post("/v1/sent", headers=ADMIN, json={"messages": "x"})

    assert refused.status_code == 403
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["recorded"], body["already"]) == (1, 0)
    assert [(i["message_id"], i["invalid"]) for i in body["invalid"]] == [
        ("<>", "message_id"),
        ("<a-2@letters.example>", "recipient"),
    ]
    assert again.json() == {"recorded": 0, "already": 1, "invalid": []}
    assert too_many.status_code == 413
    assert too_many.json()["error"]["code"] == "too_many_messages"
    assert malformed.status_code == 422


def test_the_cli_records_a_csv_and_names_the_lines_it_could_not_read(
    db_url, engine, tmp_path
):
    source = tmp_path / "sent.csv"
    source.write_text(
        "message_id,recipient\n"
        "<c-1@letters.example>,carol@example.org\n"
        "<c-2@letters.example>,dave@example.org\n"
        "<c-3@letters.example>,nobody\n"
        "just one column\n"
    )
    result = CliRunner().invoke(
        main, ["sent", "record", str(source)], env={"BOUNCED_DATABASE_URL": db_url}
    )
    assert result.exit_code == 65, result.output
    assert "recorded 2, already recorded 0, invalid 2" in result.stdout
    assert "line 4: invalid recipient" in result.stderr
    assert "line 5: expected message_id,recipient" in result.stderr
    with engine.connect() as connection:
        rows = connection.execute(
            select(SentMessage.message_id, SentMessage.recipient).order_by(
                SentMessage.message_id
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("c-1@letters.example", "carol@example.org"),
        ("c-2@letters.example", "dave@example.org"),
    ]


def test_recorded_pairs_are_purged_with_raw_bounces_and_erased_by_forget(
    db_url, engine
):
    now = datetime(2026, 11, 20, tzinfo=UTC)
    service.record_sent(
        engine,
        [
            ("<old@l.example>", "eve@example.org"),
            ("<new@l.example>", "eve@example.org"),
        ],
        now,
    )
    with engine.begin() as connection:
        connection.execute(
            update(SentMessage)
            .where(SentMessage.message_id == "old@l.example")
            .values(recorded_at=now - timedelta(days=31))
        )
    service.purge_raw(engine, retention=30 * 86400, now=now)
    with engine.connect() as connection:
        left = connection.scalars(select(SentMessage.message_id)).all()
    assert left == ["new@l.example"]

    erased = service.forget(engine, "eve@example.org", key="k" * 32, now=now)
    assert erased["sent_messages"] == 1
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(SentMessage)) == 0
