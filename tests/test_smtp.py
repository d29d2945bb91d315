"""The SMTP listener end to end: real daemon, real socket, real client, real database."""

from __future__ import annotations

import logging
import smtplib
import socket
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from bounced.store.engine import make_engine
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from tests.conftest import PG_URL_TEMPLATE, make_config
from tests.mail import dsn, send, spool_settled, wait_for
from tests.proxy import OutageProxy


def test_permanent_dsn_suppresses_the_recipient(db_url, engine, start_daemon):
    """A 5.1.1/550 DSN sent over SMTP ends as a suppression of that recipient."""
    server = start_daemon(make_config(db_url))

    refused = send(server.port, dsn("Alice@Example.org", "5.1.1", 550, "User unknown"))

    assert refused == {}
    wait_for(spool_settled(engine, 1))
    with engine.connect() as connection:
        row = connection.execute(select(Suppression)).one()
        event = connection.execute(select(BounceEvent)).one()
    assert row.address == "alice@example.org"
    assert (row.reason, row.status, row.reply_code) == ("userunknown", "5.1.1", 550)
    assert event.decision == "suppress"
    assert event.orig_message_id == "<original-1@news.example.com>"


@pytest.mark.parametrize(
    ("status", "code"),
    [("4.2.2", 452), ("4.7.0", 421), ("4.3.2", 447), ("4.2.1", 450)],
)
def test_transient_dsn_is_recorded_and_does_not_suppress(
    db_url, engine, start_daemon, status, code
):
    """A 4xx DSN becomes a transient event; the address stays mailable."""
    server = start_daemon(make_config(db_url))

    send(server.port, dsn("bob@example.org", status, code, "try again later"))

    wait_for(spool_settled(engine, 1))
    with engine.connect() as connection:
        event = connection.execute(select(BounceEvent)).one()
        suppressed = connection.execute(select(Suppression)).all()
    assert (event.recipient, event.status, event.reply_code) == (
        "bob@example.org",
        status,
        code,
    )
    assert event.permanent is False
    assert event.decision != "suppress"
    assert suppressed == []


def test_rcpt_outside_the_bounce_domains_is_refused_with_550(sqlite_url, start_daemon):
    """The daemon is no relay: other domains are refused at RCPT, before any data."""
    server = start_daemon(make_config(sqlite_url))

    with smtplib.SMTP(server.host, server.port) as client:
        client.ehlo("mx.example.net")
        client.mail("")
        code, text = client.rcpt("victim@elsewhere.example")
        sub_code, _ = client.rcpt("someone@sub.bounces.example.com")

    assert code == 550
    assert b"5.1.1" in text
    assert sub_code == 550


def test_postmaster_of_a_bounce_domain_is_accepted(
    sqlite_url, sqlite_engine, start_daemon
):
    """postmaster@ each bounce domain is always accepted (RFC 5321 §4.5.1)."""
    server = start_daemon(make_config(sqlite_url))

    refused = send(
        server.port,
        b"Subject: hi\r\n\r\nhello\r\n",
        rcpt="Postmaster@bounces.example.com",
    )

    assert refused == {}


def test_oversize_message_is_refused_with_552(sqlite_url, sqlite_engine, start_daemon):
    """Over smtp.max_message_size: 552 at MAIL when SIZE says so, else after DATA;
    nothing is stored."""
    server = start_daemon(make_config(sqlite_url, smtp={"max_message_size": 10_000}))
    big = b"Subject: big\r\n\r\n" + (b"x" * 70 + b"\r\n") * 200

    with pytest.raises(smtplib.SMTPSenderRefused) as declared:
        send(server.port, big)  # smtplib declares SIZE= on MAIL
    with smtplib.SMTP(server.host, server.port) as client:
        client.ehlo("mx.example.net")
        client.mail("")
        client.rcpt("b@bounces.example.com")
        undeclared_code, _ = client.data(big)

    assert declared.value.smtp_code == 552
    assert undeclared_code == 552
    with sqlite_engine.connect() as connection:
        assert connection.execute(select(InboundMessage)).all() == []


def test_lines_longer_than_1000_octets_are_accepted(
    sqlite_url, sqlite_engine, start_daemon
):
    """Real bounces carry long lines; aiosmtpd's default would answer 500."""
    server = start_daemon(make_config(sqlite_url))
    raw = b"Subject: long\r\nX-Long: " + b"y" * 20_000 + b"\r\n\r\nbody\r\n"

    assert send(server.port, raw) == {}

    wait_for(spool_settled(sqlite_engine, 1))
    with sqlite_engine.connect() as connection:
        stored = connection.execute(select(InboundMessage.raw)).scalar_one()
    assert stored == raw


def test_nul_bytes_and_non_utf8_headers_are_stored_intact(db_url, engine, start_daemon):
    """Raw bytes are kept exactly: NUL, Latin-1 and broken UTF-8 included."""
    server = start_daemon(make_config(db_url))
    raw = b"Subject: caf\xe9 \xff\xfe\r\nX-Nul: a\x00b\r\n\r\nbody \x00 \xc3\x28\r\n"

    assert send(server.port, raw, mail_from="mailer-daemon@mx.example.net") == {}

    wait_for(spool_settled(engine, 1))
    with engine.connect() as connection:
        stored = connection.execute(select(InboundMessage)).one()
    assert stored.raw == raw
    assert stored.rcpt_tos == b"bounces@bounces.example.com"
    assert stored.state == "unparsed"
    assert stored.unparsed_reason


def test_commit_survives_a_client_that_hangs_up_before_the_reply(
    sqlite_url, sqlite_engine, start_daemon
):
    """A client that drops right after the final dot still gets its message stored.

    The reply may never be read, but the commit is shielded from the session's
    cancellation, so what was sent in full is kept (the sender will retry and we
    may see it twice; we never lose it).
    """
    server = start_daemon(make_config(sqlite_url))
    raw = dsn("carol@example.org", "5.1.1", 550, "no such user")

    with socket.create_connection((server.host, server.port)) as sock:
        reader = sock.makefile("rb")
        reader.readline()
        for command in (
            b"HELO mx.example.net",
            b"MAIL FROM:<>",
            b"RCPT TO:<b@bounces.example.com>",
            b"DATA",
        ):
            sock.sendall(command + b"\r\n")
            reader.readline()
        sock.sendall(raw + b".\r\n")
        sock.shutdown(socket.SHUT_RDWR)

    wait_for(spool_settled(sqlite_engine, 1))


def test_sqlite_locked_answers_451_then_recovers(sqlite_url, start_daemon):
    """With the database unwritable, DATA answers 451 (never 250, never 500); once
    it is writable again the daemon accepts mail without a restart."""
    server = start_daemon(make_config(sqlite_url))
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(server.port, dsn("dave@example.org", "5.1.1", 550))
        assert refused.value.smtp_code == 451
        assert b"4.3.0" in refused.value.smtp_error
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    assert send(server.port, dsn("dave@example.org", "5.1.1", 550)) == {}


@pytest.mark.postgres
def test_postgres_outage_answers_451_then_recovers(pg_url, start_daemon):
    """PostgreSQL unreachable: 451 during the outage, 250 again once it is back."""
    proxy = OutageProxy(("127.0.0.1", 5432))
    proxy.up()
    name = pg_url.rsplit("/", 1)[1]
    url = PG_URL_TEMPLATE.format(name=name).replace(":5432/", f":{proxy.port}/")
    server = start_daemon(make_config(url))
    assert send(server.port, dsn("erin@example.org", "5.1.1", 550)) == {}

    proxy.down()
    codes = []
    for _ in range(3):
        try:
            send(server.port, dsn("erin@example.org", "5.1.1", 550))
            codes.append(250)
        except smtplib.SMTPDataError as exc:
            codes.append(exc.smtp_code)
    proxy.up()

    assert codes == [451, 451, 451]
    wait_for(lambda: _accepts(server.port), timeout=30, interval=0.5)
    engine = make_engine(pg_url, pool_size=1)
    try:
        wait_for(spool_settled(engine, 2))
    finally:
        engine.dispose()


def _accepts(port: int) -> bool:
    try:
        return send(port, dsn("erin@example.org", "5.1.1", 550)) == {}
    except smtplib.SMTPDataError:
        return False


def test_concurrent_sessions_each_get_their_own_id(
    sqlite_url, sqlite_engine, start_daemon
):
    """Group commit: many sessions at once, each answered with its own queued id."""
    server = start_daemon(make_config(sqlite_url))
    replies: list[bytes] = []
    lock = threading.Lock()

    def session(n: int) -> None:
        with smtplib.SMTP(server.host, server.port) as client:
            client.ehlo("mx.example.net")
            for i in range(5):
                client.mail("")
                client.rcpt("b@bounces.example.com")
                code, text = client.data(dsn(f"user{n}-{i}@example.org", "5.1.1", 550))
                assert code == 250
                with lock:
                    replies.append(text)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(replies) == 50
    assert len(set(replies)) == 50
    wait_for(spool_settled(sqlite_engine, 50))
    with sqlite_engine.connect() as connection:
        assert len(connection.execute(select(Suppression)).all()) == 50


@pytest.mark.parametrize(
    "command", ["MAIL FROM:<", "MAIL FROM: <", "RCPT TO:<", "MAIL FROM:<a@[>"]
)
def test_a_path_cut_short_after_the_bracket_is_refused_553_not_500(
    sqlite_url, start_daemon, command
):
    """`MAIL FROM:<` is a malformed address (553), not an internal error whose
    exception text goes to the peer; found by bench/fuzz_smtp.py."""
    server = start_daemon(make_config(sqlite_url))

    with smtplib.SMTP(server.host, server.port) as client:
        client.ehlo("mx.example.net")
        if command.startswith("RCPT"):
            client.mail("")
        code, text = client.docmd(command)
        still_answering, _ = client.noop()

    assert code == 553
    assert b"Error: (" not in text
    assert still_answering == 250


def test_peer_bytes_echoed_in_a_reply_are_sent_as_question_marks(
    sqlite_url, start_daemon, caplog
):
    """`VRFY` with non-UTF-8 bytes is answered 502 with "?" for them, not a
    fault (aiosmtpd's strict encoding raised; found by bench/fuzz_smtp.py)."""
    server = start_daemon(make_config(sqlite_url))

    with smtplib.SMTP(server.host, server.port) as client:
        client.ehlo("mx.example.net")
        client.send(b"VRFY @\xff\xfe\x01\r\n")
        code, text = client.getreply()
        still_answering, _ = client.noop()

    assert (code, text) == (502, b"Could not VRFY @???")
    assert still_answering == 250
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
