"""`bounced doctor`: what it reports on real databases, sockets and a real DNS server."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import dns.message
import dns.rcode
import dns.resolver
import dns.rrset
import pytest
from click.testing import CliRunner
from sqlalchemy import insert

from bounced import doctor
from bounced.cli import main
from bounced.store import outbox
from bounced.store.schema import InboundMessage, WebhookDelivery
from tests.conftest import make_config

SECRET = "s3cret-s3cret-s3cret"
DOMAIN = "bounces.acme-news.net"


class FakeDns:
    """A UDP DNS server on 127.0.0.1 that knows one MX record."""

    def __init__(self, records: dict[str, str]) -> None:
        self.records = records
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                wire, peer = self.socket.recvfrom(4096)
            except OSError:
                return
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            name = query.question[0].name.to_text().rstrip(".")
            if name not in self.records:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif self.records[name]:
                response.answer.append(
                    dns.rrset.from_text(name + ".", 300, "IN", "MX", self.records[name])
                )
            self.socket.sendto(response.to_wire(), peer)

    def resolver(self) -> dns.resolver.Resolver:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = self.port
        return resolver

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def fake_dns():
    server = FakeDns({DOMAIN: "10 mx1.acme-news.net.", "nomx.acme-news.net": ""})
    yield server
    server.close()


def by_name(checks):
    return {check.name: check for check in checks}


def test_a_healthy_installation_is_all_ok(
    sqlite_url, sqlite_engine, start_daemon, fake_dns
):
    """Signed, migrated, listening, MX in DNS: every check ok, exit code 0."""
    cfg = make_config(
        sqlite_url,
        smtp={"bounce_domains": [DOMAIN]},
        verp={"secrets": [SECRET], "require_signed": True},
        # A healthy API has tokens: an open one is a warning even on loopback.
        api={"read_tokens": ["r" * 20], "admin_tokens": ["a" * 20]},
    )
    server = start_daemon(cfg)
    cfg = cfg.with_overrides(smtp={"port": server.port})

    checks = doctor.run(cfg, now=datetime.now(UTC), resolver=fake_dns.resolver())

    found = by_name(checks)
    assert {c.name: c.status for c in checks} == {
        "database": "ok",
        "spool": "ok",
        "webhooks": "ok",
        "signing": "ok",
        "smtp": "ok",
        f"dns {DOMAIN}": "ok",
        "api": "ok",
    }
    assert found["smtp"].detail.startswith(f"127.0.0.1:{server.port}: listening: 220")
    assert found[f"dns {DOMAIN}"].detail.startswith("MX 10 mx1.acme-news.net (")
    assert doctor.exit_code(checks) == 0


def test_without_signing_it_warns_that_bounces_can_be_forged(sqlite_url):
    cfg = make_config(sqlite_url)

    check = doctor.check_signing(cfg)

    assert check.status == "warn"
    assert "can forge a bounce that suppresses any subscriber" in check.detail


def test_signing_secrets_without_require_signed_still_warn(sqlite_url):
    cfg = make_config(sqlite_url, verp={"secrets": [SECRET]})

    check = doctor.check_signing(cfg)

    assert check.status == "warn"
    assert "unsigned bounces are still believed" in check.detail


def test_dns_without_an_mx_or_a_domain_warns_and_says_what_to_add(fake_dns):
    checks = doctor.check_dns(
        ("nomx.acme-news.net", "missing.acme-news.net"), fake_dns.resolver()
    )

    assert [(c.status, c.detail.split(":")[0]) for c in checks] == [
        ("warn", "no MX record"),
        ("warn", "no such domain in DNS"),
    ]


def test_an_offline_machine_gets_could_not_resolve_not_a_crash():
    """No DNS server answering (nothing listens on the port): a warning line."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = port
    resolver.lifetime = 0.5

    (check,) = doctor.check_dns((DOMAIN,), resolver)

    assert check.status == "warn"
    assert check.detail.startswith("could not resolve")


def test_smtp_nothing_listening_is_a_warning_and_another_service_a_failure():
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    free_port = free.getsockname()[1]
    free.close()
    other = socket.socket()
    other.bind(("127.0.0.1", 0))
    other.listen(1)

    def greet():
        connection, _ = other.accept()
        connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
        connection.close()

    thread = threading.Thread(target=greet, daemon=True)
    thread.start()
    try:
        idle = doctor.check_smtp("127.0.0.1", free_port)
        wrong = doctor.check_smtp("127.0.0.1", other.getsockname()[1])
    finally:
        other.close()

    assert idle.status == "warn"
    assert "nothing listening" in idle.detail
    assert wrong.status == "fail"
    assert "not SMTP" in wrong.detail


def test_an_old_backlog_and_given_up_notices_are_warnings(sqlite_url, sqlite_engine):
    """A message waiting 20 minutes means nobody is processing; failed notices
    mean a receiver never took them."""
    now = datetime.now(UTC)
    with sqlite_engine.begin() as connection:
        connection.execute(
            insert(InboundMessage),
            {
                "received_at": now - timedelta(minutes=20),
                "peer": "192.0.2.1:25",
                "mail_from": b"",
                "rcpt_tos": b"b@bounces.example.com",
                "raw": b"x",
                "size": 1,
                "state": "new",
                "attempts": 0,
            },
        )
        connection.execute(
            insert(WebhookDelivery),
            {
                "event_id": outbox.new_event_id(),
                "type": "suppression.added",
                "endpoint": "hook",
                "payload": "{}",
                "state": "failed",
                "attempts": 9,
                "created_at": now,
                "due_at": now,
            },
        )
    cfg = make_config(sqlite_url)

    found = by_name(doctor.check_database(cfg, now))

    assert found["spool"].status == "warn"
    assert "the oldest unprocessed message has waited 20 min" in found["spool"].detail
    assert found["webhooks"].status == "warn"
    assert "1 notice(s) failed for good" in found["webhooks"].detail


def test_plain_http_webhooks_off_this_host_are_a_warning(sqlite_url):
    cfg = make_config(
        sqlite_url,
        webhooks={
            "endpoints": [
                {"name": "far", "url": "http://lists.example.net/h", "secret": SECRET},
                {"name": "near", "url": "http://127.0.0.1:9000/h", "secret": SECRET},
            ]
        },
    )

    checks = doctor.check_webhook_urls(cfg)

    assert [(c.name, c.status) for c in checks] == [("webhook far", "warn")]


def _api(**values):
    """A configuration with an [api] section shaped like bounced/api's ApiConfig."""
    section = {
        "enabled": True,
        "host": "127.0.0.1",
        "port": 8025,
        "read_tokens": (),
        "admin_tokens": (),
    }
    return SimpleNamespace(api=SimpleNamespace(**{**section, **values}))


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({"admin_tokens": ("t" * 32,)}, "ok"),
        ({"enabled": False}, "ok"),
        ({}, "warn"),  # open, but only on loopback
        ({"host": "0.0.0.0"}, "fail"),  # open to the network
    ],
)
def test_an_api_without_tokens_is_flagged_and_worse_off_loopback(values, status):
    assert doctor.check_api(_api(**values)).status == status


# -- the command -------------------------------------------------------------------


def run(*args, env):
    return CliRunner().invoke(main, ["doctor", *args], env=env)


def test_cli_exits_2_on_an_unmigrated_database_and_names_the_fix(tmp_path):
    result = run(
        env={
            "BOUNCED_DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}",
            "BOUNCED_SMTP_PORT": "0",
        }
    )

    assert result.exit_code == 2
    assert "fail  database" in result.stdout
    assert "run `bounced db upgrade`" in result.stdout
    assert not (tmp_path / "none.db").exists()  # doctor changes nothing


def test_cli_exits_1_with_only_warnings_and_json_lists_every_check(sqlite_url):
    env = {"BOUNCED_DATABASE_URL": sqlite_url, "BOUNCED_SMTP_PORT": "0"}

    text = run(env=env)
    as_json = run("--json", env=env)

    assert text.exit_code == 1
    assert text.stdout.strip().endswith("warning(s), 0 failure(s)")
    document = json.loads(as_json.stdout)
    assert as_json.exit_code == 1
    assert document["status"] == "warn"
    signing = next(c for c in document["checks"] if c["name"] == "signing")
    assert signing["status"] == "warn"


def test_cli_reports_a_bad_configuration_as_a_failure_not_a_crash(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[smtp]\nport = "twenty-five"\n')

    result = CliRunner().invoke(main, ["--config", str(path), "doctor"])

    assert result.exit_code == 2
    assert "fail  config           smtp.port: expected an integer" in result.stdout


@pytest.mark.postgres
def test_an_unreachable_postgresql_is_a_failure_within_seconds(pg_available):
    """A PostgreSQL port nobody listens on: one failure line, no hang."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    cfg = make_config(f"postgresql://bounced:secret@127.0.0.1:{port}/bounced")

    (check,) = doctor.check_database(cfg, datetime.now(UTC))

    assert check.status == "fail"
    assert "unreachable" in check.detail
    assert "secret" not in check.detail
