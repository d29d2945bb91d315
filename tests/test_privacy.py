"""Personal data: raw bounces purged after their retention, addresses forgotten on
request while staying suppressed. Real daemon, real SMTP, SQLite and PostgreSQL."""

from __future__ import annotations

import base64
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text, update
from sqlalchemy.engine import Engine

from bounced import service
from bounced.cli import main
from bounced.store.engine import make_engine
from bounced.store.schema import Base, InboundMessage
from tests.conftest import DaemonThread, make_config
from tests.mail import dsn, send, spool_settled, wait_for

KEY = "tombstone-key-for-tests-0123456789"
ADMIN_TOKEN = "admin-token-0123456789"
READ_TOKEN = "read-token-0123456789"
ALICE = "alice@example.org"
NEEDLES = ("alice@example.org", "alice=example.org")


def _config(db_url: str, **sections: object):
    return make_config(
        db_url,
        privacy={"tombstone_key": KEY, **sections.pop("privacy", {})},  # type: ignore[dict-item]
        webhooks={
            "endpoints": [
                {"name": "hook", "url": "http://127.0.0.1:9/", "format": "generic",
                 "secret": "webhook-secret-0123456789"}
            ],
            "deliver": False,
        },
        api={"read_tokens": [READ_TOKEN], "admin_tokens": [ADMIN_TOKEN]},
        **sections,
    )  # fmt: skip


def _bounce_alice_and_bob(port: int, engine: Engine) -> None:
    """A soft bounce and a hard one for Alice (one through a VERP-looking return
    path), a hard one for Bob who is not forgotten, a transient one for Carol
    (whose retry is pending)."""
    send(
        port,
        dsn(ALICE, "4.2.2", 452, "mailbox full, try later"),
        rcpt="b+alice=example.org@bounces.example.com",
    )
    wait_for(spool_settled(engine, 1))
    send(port, dsn("Alice@Example.org", "5.1.1", 550, f"<{ALICE}>: user unknown"))
    send(port, dsn("bob@example.org", "5.1.1", 550, "user unknown"))
    send(port, dsn("carol@example.org", "4.7.0", 421, "try again later"))
    wait_for(spool_settled(engine, 4))


def _clear_text_left(engine: Engine) -> list[str]:
    """Every text or bytes cell of every table that still mentions Alice."""
    found = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    if isinstance(value, str) and any(
                        needle in value.lower() for needle in NEEDLES
                    ):
                        found.append(f"{table.name}.{column}")
    return found


def test_forget_erases_the_address_everywhere_and_it_stays_suppressed(
    db_url, engine, start_daemon
):
    server = start_daemon(_config(db_url))
    _bounce_alice_and_bob(server.port, engine)
    assert _clear_text_left(engine)  # the test sees Alice before she is forgotten

    result = CliRunner().invoke(
        main,
        ["forget", "ALICE@example.org", "--json"],
        env={"BOUNCED_DATABASE_URL": db_url, "BOUNCED_PRIVACY_TOMBSTONE_KEY": KEY},
    )

    assert result.exit_code == 0, result.output
    assert _clear_text_left(engine) == []
    rows = service.check(engine, "Alice@Example.org", tombstone_key=KEY)
    assert [(r.address, r.source, r.reason) for r in rows] == [
        (ALICE, "forgotten", "userunknown")
    ]
    many = service.check_many(
        engine, [ALICE, "bob@example.org", "carol@example.org"], tombstone_key=KEY
    )
    assert sorted(r.address for r in many.suppressed) == [ALICE, "bob@example.org"]
    assert not service.check(engine, "carol@example.org", tombstone_key=KEY)
    assert service.check(engine, ALICE, tombstone_key="another-key") == []

    check = CliRunner().invoke(
        main,
        ["suppressions", "check", ALICE],
        env={"BOUNCED_DATABASE_URL": db_url, "BOUNCED_PRIVACY_TOMBSTONE_KEY": KEY},
    )
    assert check.exit_code == 1
    assert "forgotten" in check.output


def test_forget_over_the_api_needs_admin_and_keeps_the_address_suppressed(
    db_url, engine, start_daemon
):
    server = start_daemon(_config(db_url))
    _bounce_alice_and_bob(server.port, engine)
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    read = {"Authorization": f"Bearer {READ_TOKEN}"}
    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        refused = http.post("/v1/forget", json={"address": ALICE}, headers=read)
        bad = http.post("/v1/forget", json={"address": "not an address"}, headers=admin)
        erased = http.post("/v1/forget", json={"address": ALICE}, headers=admin)
        carol = http.post(
            "/v1/forget", json={"address": "carol@example.org"}, headers=admin
        )
        again = http.post("/v1/forget", json={"address": ALICE}, headers=admin)
        one = http.get(f"/v1/suppressions/{ALICE}", headers=read)
        many = http.post(
            "/v1/suppressions/check", json={"addresses": [ALICE]}, headers=read
        )
        listed = http.get("/v1/suppressions", headers=read)
        lifted = http.delete(f"/v1/suppressions/{ALICE}", headers=admin)
        after = http.get(f"/v1/suppressions/{ALICE}", headers=read)

    assert refused.status_code == 403
    assert bad.status_code == 422
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert body["events"] == 2
    assert body["raw_messages"] == 2
    assert body["suppressions"] == 1
    assert carol.json()["retries"] == 1
    assert body["webhook_deliveries"] >= 1
    assert body["tombstone"] == "added"
    assert again.json()["tombstone"] == "kept"
    assert one.status_code == 200
    assert one.json()["suppressions"][0]["source"] == "forgotten"
    assert [s["address"] for s in many.json()["suppressed"]] == [ALICE]
    assert ALICE not in listed.text
    assert _clear_text_left(engine) == []
    assert lifted.status_code == 200
    assert after.status_code == 404


def test_forget_without_a_key_is_refused_rather_than_unsuppressing(
    sqlite_url, sqlite_engine, start_daemon
):
    """No key, no tombstone: erasing would make the address mailable again."""
    server = start_daemon(make_config(sqlite_url))
    send(server.port, dsn(ALICE, "5.1.1", 550))
    wait_for(spool_settled(sqlite_engine, 1))

    result = CliRunner().invoke(
        main, ["forget", ALICE], env={"BOUNCED_DATABASE_URL": sqlite_url}
    )

    assert result.exit_code == 2
    assert "privacy.tombstone_key" in result.output
    assert service.check(sqlite_engine, ALICE)  # untouched


# -- retention ------------------------------------------------------------------------


def _age(engine: Engine, days: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(InboundMessage).values(
                received_at=datetime.now(UTC) - timedelta(days=days)
            )
        )


def _raw_kept(engine: Engine) -> list[bool]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(InboundMessage.raw).order_by(InboundMessage.id)
        ).all()
    return [row.raw is not None for row in rows]


def test_purge_drops_old_raw_bodies_only_of_finished_messages(
    db_url, engine, start_daemon
):
    """Events and suppressions stay; a message not yet processed keeps its body."""
    processing = DaemonThread(make_config(db_url)).start()
    try:
        send(processing.port, dsn(ALICE, "5.1.1", 550))
        wait_for(spool_settled(engine, 1))
    finally:
        processing.stop()
    ingest_only = start_daemon(
        make_config(db_url, processor={"enabled": False}, privacy={"raw_retention": 0})
    )
    send(ingest_only.port, dsn("bob@example.org", "5.1.1", 550))
    _age(engine, 31)
    env = {"BOUNCED_DATABASE_URL": db_url}

    dry = CliRunner().invoke(main, ["purge", "--dry-run"], env=env)
    kept_after_dry_run = _raw_kept(engine)
    real = CliRunner().invoke(main, ["purge"], env=env)

    assert dry.exit_code == 0, dry.output
    assert "would purge 1 " in dry.output
    assert kept_after_dry_run == [True, True]
    assert real.exit_code == 0, real.output
    assert "purged 1 " in real.output
    assert _raw_kept(engine) == [False, True]  # the queued one keeps its body
    assert service.check(engine, ALICE)  # the suppression stays


def test_recent_raw_bodies_are_kept(sqlite_url, sqlite_engine, start_daemon):
    server = start_daemon(make_config(sqlite_url))
    send(server.port, dsn(ALICE, "5.1.1", 550))
    wait_for(spool_settled(sqlite_engine, 1))
    _age(sqlite_engine, 29)

    purged = service.purge_raw(
        sqlite_engine, retention=30 * 86400, now=datetime.now(UTC)
    )

    assert purged == 0
    assert _raw_kept(sqlite_engine) == [True]


def test_the_daemon_purges_on_its_own_schedule(sqlite_url, sqlite_engine, start_daemon):
    server = start_daemon(
        make_config(
            sqlite_url,
            privacy={"raw_retention": "1s", "purge_interval": "200ms"},
        )
    )
    send(server.port, dsn(ALICE, "5.1.1", 550))
    wait_for(spool_settled(sqlite_engine, 1))

    wait_for(lambda: _raw_kept(sqlite_engine) == [False], timeout=30)
    assert service.check(sqlite_engine, ALICE)


@pytest.mark.parametrize("value", ["-1d", "soon"])
def test_a_bad_retention_names_the_key(tmp_path, value):
    path = tmp_path / "bounced.toml"
    path.write_text(f'[privacy]\nraw_retention = "{value}"\n')
    from bounced import config
    from bounced.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        config.load(path, environ={})
    assert "privacy.raw_retention" in str(error.value)


# -- gaps: mentions the events do not lead to; purge racing a requeue ---------------


def _unparsed_mentions() -> list[tuple[bytes, str]]:
    """Messages that are not bounces (no event points at them) yet name Alice:
    in capitals, only inside a base64 part, and as the envelope sender."""
    shouting = (
        b"From: postmaster@example.net\r\nSubject: about ALICE@EXAMPLE.ORG\r\n\r\n"
        b"Please stop writing to ALICE@EXAMPLE.ORG.\r\n"
    )
    hidden = base64.encodebytes(f"Forward to {ALICE} please".encode())
    encoded = (
        b"From: postmaster@example.net\r\nSubject: a note\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + hidden
    )
    sender = b"From: someone@example.net\r\nSubject: hello\r\n\r\nHi.\r\n"
    return [(shouting, ""), (encoded, ""), (sender, "Alice@Example.org")]


def test_forget_finds_mentions_in_any_case_encoding_or_envelope(
    db_url, engine, start_daemon
):
    server = start_daemon(_config(db_url))
    for raw, mail_from in _unparsed_mentions():
        send(server.port, raw, mail_from=mail_from)
    send(server.port, dsn("bob@example.org", "5.1.1", 550))
    wait_for(spool_settled(engine, 4))
    assert _clear_text_left(engine)

    erased = service.forget(engine, ALICE, key=KEY, now=datetime.now(UTC))

    assert erased["raw_messages"] == 3
    assert _clear_text_left(engine) == []
    assert _raw_kept(engine) == [False, False, False, True]  # Bob's stays


@pytest.mark.postgres
def test_purge_leaves_a_message_requeued_while_it_waited(pg_url):
    """`bounced reprocess` puts an unparsed message back in the queue while the
    purge is between choosing it and clearing it: the body must survive."""
    engine = make_engine(pg_url, pool_size=4)
    try:
        server = DaemonThread(make_config(pg_url)).start()
        try:
            send(server.port, b"Subject: not a bounce\r\n\r\nhello\r\n")
            wait_for(spool_settled(engine, 1))
        finally:
            server.stop()
        _age(engine, 31)
        requeue = engine.connect()
        transaction = requeue.begin()
        requeue.execute(update(InboundMessage).values(state="new"))
        with ThreadPoolExecutor(1) as pool:
            purging = pool.submit(
                service.purge_raw,
                engine,
                retention=30 * 86400,
                now=datetime.now(UTC),
            )
            wait_for(lambda: _waiting_on_a_lock(engine) or purging.done())
            transaction.commit()
            purged = purging.result(timeout=60)
        requeue.close()

        assert purged == 0
        assert _raw_kept(engine) == [True]
    finally:
        engine.dispose()


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        waiting = connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
    return bool(waiting)
