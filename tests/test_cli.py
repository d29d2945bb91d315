"""The command line as an operator uses it: output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
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


# -- suppressions add/list/export/import, events, stats (issue 5) --------------------


def test_check_many_addresses_exits_1_and_prints_only_the_suppressed(
    bounced_alice, tmp_path
):
    """Several addresses (arguments and --file) are checked in one query."""
    listed = tmp_path / "send.txt"
    listed.write_text("carol@example.org\nnot an address\n")

    result = run(
        bounced_alice, "suppressions", "check", "bob@example.org", "ALICE@example.org",
        "--file", str(listed),
    )  # fmt: skip

    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "alice@example.org"
    ]
    assert "not a valid email address: 'not an address'" in result.stderr


def test_add_then_list_by_list_and_remove_that_list_only(sqlite_url):
    added = run(
        sqlite_url, "suppressions", "add", "Dana@Example.org", "--list", "news",
        "--reason", "feedback", "--note", "complained by phone",
    )  # fmt: skip
    again = run(sqlite_url, "suppressions", "add", "dana@example.org", "--list", "news")
    global_ = run(sqlite_url, "suppressions", "add", "dana@example.org", "--json")
    listed = run(sqlite_url, "suppressions", "list", "--list", "news", "--json")
    removed = run(
        sqlite_url, "suppressions", "remove", "dana@example.org", "--list", "news"
    )
    left = run(sqlite_url, "suppressions", "check", "dana@example.org", "--json")

    assert (added.exit_code, again.exit_code, global_.exit_code) == (0, 0, 0)
    assert added.stdout.startswith("dana@example.org: added\n")
    assert again.stdout.startswith("dana@example.org: updated\n")
    assert json.loads(global_.stdout)["scope"] == "global"
    (document,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (document["list"], document["reason"]) == ("news", "suppressed")
    assert removed.stdout.strip() == "dana@example.org: 1 suppression(s) removed"
    assert [d["scope"] for d in json.loads(left.stdout)] == ["global"]


def test_add_refuses_an_unknown_reason_with_the_allowed_ones(sqlite_url):
    result = run(sqlite_url, "suppressions", "add", "a@example.org", "--reason", "meh")

    assert result.exit_code == 2
    assert "unknown reason 'meh'; one of: userunknown" in result.stderr


def test_add_with_expiry_sets_expires_at_ahead(sqlite_url):
    result = run(
        sqlite_url, "suppressions", "add", "a@example.org", "--expires", "30d", "--json"
    )

    document = json.loads(result.stdout)
    expires = datetime.fromisoformat(document["expires_at"])
    added = datetime.fromisoformat(document["first_seen_at"])
    assert expires - added == timedelta(days=30)


def test_import_reads_an_esp_export_and_reports_rejected_lines(sqlite_url, tmp_path):
    """A Postmark export: dialect recognized, counts printed, bad lines on stderr."""
    export = tmp_path / "postmark.csv"
    export.write_text(
        "EmailAddress,SuppressionReason,Origin,CreatedAt\n"
        "a@example.org,HardBounce,Recipient,2024-01-02T03:04:05Z\n"
        "b@example.org,SpamComplaint,Recipient,2024-01-02T03:04:05Z\n"
        "nobody,HardBounce,Recipient,2024-01-02T03:04:05Z\n"
    )

    result = run(sqlite_url, "suppressions", "import", str(export))
    listed = run(sqlite_url, "suppressions", "list", "--reason", "feedback")

    assert result.exit_code == 1
    assert (
        result.stdout.strip() == "dialect=postmark rows=3 added=2 existing=0 rejected=1"
    )
    assert f"{export}:4: not a valid email address: 'nobody'" in result.stderr
    assert listed.stdout.startswith("b@example.org: suppressed reason=feedback")


def test_import_of_an_unknown_format_exits_2(sqlite_url, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("foo,bar\n1,2\n")

    result = run(sqlite_url, "suppressions", "import", str(path))

    assert result.exit_code == 2
    assert "matches no known export" in result.stderr


def test_export_csv_and_jsonl_and_import_elsewhere(sqlite_url, tmp_path):
    """Export to a file, import it into another database: the same list."""
    stdin = "x@example.org\ny@example.org\n"
    CliRunner().invoke(
        main, ["suppressions", "import", "-"], input=stdin,
        env={"BOUNCED_DATABASE_URL": sqlite_url},
    )  # fmt: skip
    out = tmp_path / "s.csv"

    to_file = run(sqlite_url, "suppressions", "export", "-o", str(out))
    jsonl = run(sqlite_url, "suppressions", "export", "--format", "jsonl")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    run(other, "db", "upgrade")
    imported = run(other, "suppressions", "import", str(out))
    again = run(other, "suppressions", "export")

    assert to_file.exit_code == 0
    assert out.read_text().splitlines()[0].startswith("email,scope,reason,category")
    assert [json.loads(line)["email"] for line in jsonl.stdout.splitlines()] == [
        "x@example.org",
        "y@example.org",
    ]
    assert (
        imported.stdout.strip()
        == "dialect=bounced rows=2 added=2 existing=0 rejected=0"
    )
    assert again.stdout == out.read_text()


def test_export_shows_a_progress_bar_on_a_terminal(sqlite_url, tmp_path):
    """On a terminal (stderr is a tty) export draws a bar; the data goes to the file."""
    import os

    run(sqlite_url, "suppressions", "add", "p@example.org")
    out = tmp_path / "s.csv"
    leader, follower = os.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "bounced", "suppressions", "export", "-o", str(out)],
            env={**os.environ, "BOUNCED_DATABASE_URL": sqlite_url},
            stderr=follower,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)

    assert completed.returncode == 0
    assert b"exporting" in drawn
    assert b"100%" in drawn
    assert out.read_text().count("p@example.org") == 1


def test_events_lists_newest_first_with_filters_and_json(bounced_alice):
    text = run(bounced_alice, "events")
    as_json = run(bounced_alice, "events", "--reason", "userunknown", "--json")
    none = run(bounced_alice, "events", "--domain", "other.example")
    bad = run(bounced_alice, "events", "--reason", "nope")

    assert text.exit_code == 0
    assert (
        "alice@example.org failed reason=userunknown 5.1.1 550 decision=suppress"
        in (text.stdout)
    )
    (event,) = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert (event["recipient"], event["decision"]) == ("alice@example.org", "suppress")
    assert none.stdout == ""
    assert bad.exit_code == 2


def test_stats_counts_by_reason_and_domain_for_a_period(bounced_alice):
    as_json = run(bounced_alice, "stats", "--since", "1d", "--json")
    text = run(bounced_alice, "stats")
    future = run(bounced_alice, "stats", "--since", "2999-01-01", "--json")

    document = json.loads(as_json.stdout)
    assert (document["events"], document["by_reason"], document["by_domain"]) == (
        1,
        {"userunknown": 1},
        {"example.org": 1},
    )
    assert "by reason:" in text.stdout
    assert future.exit_code == 2
    assert "since must be before until" in future.stderr


def test_serve_with_the_api_port_taken_exits_69_naming_the_api_address(sqlite_url):
    """A taken API port stops `bounced serve` before it accepts mail, and says which."""
    import os
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bounced", "serve"],
            env={
                **os.environ,
                "BOUNCED_DATABASE_URL": sqlite_url,
                "BOUNCED_SMTP_PORT": "0",
                "BOUNCED_API_PORT": str(port),
            },
            capture_output=True,
            timeout=60,
            text=True,
        )
    finally:
        taken.close()

    assert result.returncode == 69
    assert f"Error: cannot listen on 127.0.0.1:{port}: Address already in use" in (
        result.stderr
    )
