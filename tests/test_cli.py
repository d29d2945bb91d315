"""The command line as an operator uses it: output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bounced.cli import main
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for

CORPUS = Path(__file__).resolve().parent / "corpus" / "sisimai"
PARSE_FINDING_KEYS = {
    "recipient",
    "original_recipient",
    "action",
    "status",
    "reply_code",
    "diagnostic",
    "remote_mta",
    "reason",
    "permanent",
    "hard",
    "feedback_type",
}


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, list(args), env={"BOUNCED_DATABASE_URL": db_url})


@pytest.fixture
def bounced_alice(db_url, engine, start_daemon):
    """alice@example.org suppressed by a real DSN through a real daemon."""
    server = start_daemon(make_config(db_url))
    send(server.port, dsn("alice@example.org", "5.1.1", 550, "User unknown"))
    wait_for(spool_settled(engine, 1))
    return db_url


def test_check_exits_1_with_reason_status_and_date_when_suppressed(bounced_alice):
    """`suppressions check` on a suppressed address: exit 1 and one explaining line."""
    result = run(bounced_alice, "suppressions", "check", "Alice@Example.org")

    assert result.exit_code == 1
    line = result.stdout.strip()
    assert line.startswith(
        "alice@example.org: suppressed reason=userunknown 5.1.1 550 since 20"
    )


def test_check_exits_0_when_the_address_may_be_mailed(bounced_alice):
    result = run(bounced_alice, "suppressions", "check", "bob@example.org")

    assert result.exit_code == 0
    assert result.stdout.strip() == "bob@example.org: not suppressed"


def test_check_rejects_something_that_is_not_an_address(sqlite_url):
    """A malformed address is a usage error (2) with a message, not 'not suppressed'."""
    result = run(sqlite_url, "suppressions", "check", "not an address")

    assert result.exit_code == 2
    assert "not a valid email address" in result.stderr


def test_list_shows_each_suppressed_address_and_json_is_parseable(bounced_alice):
    text = run(bounced_alice, "suppressions", "list")
    as_json = run(bounced_alice, "suppressions", "list", "--json")

    assert text.exit_code == 0
    assert text.stdout.splitlines()[0].startswith(
        "alice@example.org: suppressed reason=userunknown"
    )
    document = json.loads(as_json.stdout.splitlines()[0])
    assert (document["address"], document["reason"], document["status"]) == (
        "alice@example.org",
        "userunknown",
        "5.1.1",
    )
    assert document["why"]["rule"]


def test_remove_reactivates_and_a_second_remove_exits_1(bounced_alice):
    first = run(
        bounced_alice, "suppressions", "remove", "alice@example.org", "--note", "asked"
    )
    second = run(bounced_alice, "suppressions", "remove", "alice@example.org")
    check = run(bounced_alice, "suppressions", "check", "alice@example.org")

    assert (first.exit_code, second.exit_code, check.exit_code) == (0, 1, 0)


def test_parse_json_prints_one_object_per_file_in_input_order(tmp_path):
    """The `parse --json` contract the accuracy benchmark and other tools rely on."""
    first = tmp_path / "a.eml"
    second = tmp_path / "b.eml"
    first.write_bytes(dsn("x@example.org", "5.2.2", 552, "Mailbox full"))
    second.write_bytes(b"Subject: hello\r\n\r\nnot a bounce\r\n")

    result = CliRunner().invoke(main, ["parse", "--json", str(first), str(second)])

    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["file"] for d in lines] == [str(first), str(second)]
    assert lines[1]["findings"] == []
    (finding,) = lines[0]["findings"]
    assert set(finding) == PARSE_FINDING_KEYS
    assert (finding["recipient"], finding["status"], finding["reply_code"]) == (
        "x@example.org",
        "5.2.2",
        552,
    )
    assert isinstance(finding["permanent"], bool)


def test_parse_reports_an_unreadable_file_and_goes_on(tmp_path):
    good = tmp_path / "good.eml"
    good.write_bytes(dsn("x@example.org", "5.1.1", 550))

    result = CliRunner().invoke(
        main, ["parse", "--json", str(tmp_path / "missing.eml"), str(good)]
    )

    assert result.exit_code == 1
    assert "missing.eml" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_serve_refuses_an_unmigrated_database_and_says_what_to_run(tmp_path):
    """`bounced serve` on a database that was never migrated: exit 78, the fix named."""
    env = {
        "BOUNCED_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}",
        "BOUNCED_SMTP_PORT": "0",
        "PATH": "",
    }

    result = subprocess.run(
        [sys.executable, "-m", "bounced", "serve"],
        env=env,
        capture_output=True,
        timeout=60,
        text=True,
    )

    assert result.returncode == 78
    assert "run `bounced db upgrade`" in result.stderr


def test_db_upgrade_creates_and_migrates_a_new_sqlite_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'var' / 'bounced.db'}"

    upgraded = run(url, "db", "upgrade")
    current = run(url, "db", "current")

    assert upgraded.exit_code == 0
    assert current.exit_code == 0
    assert (tmp_path / "var" / "bounced.db").exists()


def test_status_and_reprocess_count_messages(sqlite_url, sqlite_engine, start_daemon):
    """A non-bounce is counted as unparsed; `reprocess` queues it again."""
    server = start_daemon(make_config(sqlite_url))
    send(server.port, b"Subject: hi\r\n\r\nnot a bounce\r\n")
    wait_for(spool_settled(sqlite_engine, 1))

    status = run(sqlite_url, "status", "--json")
    queued = run(sqlite_url, "reprocess")

    assert json.loads(status.stdout) == {"unparsed": 1}
    assert queued.stdout.strip() == "1 message(s) queued for processing"


def test_parse_reads_a_corpus_dsn():
    sample = next(iter(sorted(CORPUS.glob("rfc3464-*.eml"))))

    result = CliRunner().invoke(main, ["parse", "--json", str(sample)])

    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] == str(sample)
