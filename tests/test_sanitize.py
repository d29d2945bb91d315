"""Text from the network never forges a log line, a CSV formula, a metric label
or a raw control character in the API's JSON."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import socket
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from bounced.sanitize import SafeFormatter, escape, escape_json
from tests.mail import dsn, wait_for
from tests.test_crash import DaemonProcess, free_port


def test_escape_keeps_everything_on_one_line():
    forged = "user\r\n2026-11-23 00:00:00 INFO bounced forged\x1b[2J\u2028\udcff"
    assert escape(forged) == (
        "user\\r\\n2026-11-23 00:00:00 INFO bounced forged\\x1b[2J\\u2028\\udcff"
    )
    assert escape("plain text\twith a tab") == "plain text\twith a tab"


def test_formatter_escapes_the_message_but_keeps_our_traceback():
    formatter = SafeFormatter("%(levelname)s %(message)s")
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.WARNING, __file__, 1, "rcpt %s", ("a\nb",), sys.exc_info()
        )
    text = formatter.format(record)
    first, *rest = text.split("\n")
    assert first == "WARNING rcpt a\\nb"
    assert rest[0].startswith("Traceback")


def test_a_client_cannot_forge_a_daemon_log_line(sqlite_url, tmp_path):
    """A bare CR and an escape sequence inside an SMTP command reach the real
    daemon's log escaped, on the line of the warning that reports them."""
    daemon = DaemonProcess(
        sqlite_url, tmp_path, BOUNCED_LOGGING_LEVEL="INFO", BOUNCED_API_ENABLED="false"
    ).start()
    try:
        forged = b"XEVIL\r2026-11-23T00:00:00,000_ERROR_FORGED\x1b[2J\r\n"
        with socket.create_connection(("127.0.0.1", daemon.port), timeout=10) as sock:
            sock.recv(1024)
            sock.sendall(forged + b"QUIT\r\n")
            while sock.recv(1024):
                pass

        def logged() -> str | None:
            text = daemon.log.read_bytes().decode("utf-8", "replace")
            return text if "FORGED" in text else None

        text = wait_for(logged, timeout=10)
    finally:
        daemon.terminate()

    lines = text.split("\n")
    forged_lines = [line for line in lines if "FORGED" in line]
    assert len(forged_lines) == 1
    line = forged_lines[0]
    assert "unrecognised" in line
    assert "\\r2026-11-23" in line
    assert "\\x1b[2J" in line
    assert "\r" not in line
    assert "\x1b" not in line


def test_escape_json_leaves_no_raw_control_character_and_keeps_the_value():
    value = {"d": "a\x7f\x85\x9b\u2028\u2029\udcff\x1b\u00e9\U0001f600"}
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert _raw_controls(text) == []
    assert json.loads(text) == value
    assert "\u00e9\U0001f600" in text  # printable text stays as it is
    text.encode("utf-8")  # a lone surrogate would fail here


def _raw_controls(text: str) -> list[str]:
    """Control characters (C0 but tab, DEL, C1, U+2028/9, surrogates) in `text`."""
    return re.findall("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", text)


# A remote server's diagnostic: a spreadsheet formula, a folded line that
# continues as a forged log entry, a terminal escape, NUL, DEL, C1 CSI, U+2028.
HOSTILE_DIAGNOSTIC = (
    b'=HYPERLINK("http://evil.example/")\r\n\t2026-11-23 00:00:00,000 ERROR'
    b" bounced FORGED-DIAG\x1b[2J\x00\x7f\xc2\x9b\xe2\x80\xa8end"
)
HOSTILE_RECIPIENT = "=1+2@example.org"  # valid atext, a formula to a spreadsheet


def _session(port: int) -> None:
    """One SMTP session: a hostile EHLO, a forged-log command, a CR-injected
    RCPT, then a bounce with the hostile diagnostic, answered 250."""
    raw = dsn(HOSTILE_RECIPIENT, "5.1.1", 550, "x").replace(
        b"smtp; 550 5.1.1 x", HOSTILE_DIAGNOSTIC
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        replies = sock.makefile("rb")

        def command(line: bytes) -> bytes:
            sock.sendall(line + b"\r\n")
            while (reply := replies.readline())[3:4] == b"-":
                pass
            return reply

        assert replies.readline().startswith(b"220")
        forged = b"\r2026-11-23 00:00:00,000 ERROR bounced FORGED"
        assert command(b"EHLO mx.example.net" + forged + b"-HELO\x1b[2J").startswith(
            b"250"
        )
        # aiosmtpd logs an unknown command's first word: no spaces in this one.
        word = b"XCMD\r2026-11-23T00:00:00,000_ERROR_FORGED-CMD\x1b[2J\x00"
        assert command(word).startswith(b"5")
        assert command(b"MAIL FROM:<>").startswith(b"250")
        assert (
            command(b"RCPT TO:<a" + forged + b"-RCPT@bounces.example.com>")[:1] == b"5"
        )
        assert command(b"RCPT TO:<b@bounces.example.com>").startswith(b"250")
        assert command(b"DATA").startswith(b"354")
        assert command(raw + b".").startswith(b"250")
        command(b"QUIT")


def _get(api_port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{api_port}{path}", timeout=10) as r:
        return r.read()


def test_a_hostile_bounce_reaches_logs_csv_metrics_and_json_escaped(
    sqlite_url, tmp_path
):
    """CR/LF, escapes and formulas in the HELO, an address, a command and a
    diagnostic: the daemon's log keeps one entry per line, the CSV export has
    no formula and no control character, /metrics carries none of the text,
    and the API's JSON has no raw control character but the same value."""
    api_port = free_port()
    daemon = DaemonProcess(
        sqlite_url,
        tmp_path,
        BOUNCED_LOGGING_LEVEL="DEBUG",
        BOUNCED_API_PORT=str(api_port),
        BOUNCED_API_PUBLIC_METRICS="true",
    ).start()
    try:
        _session(daemon.port)
        address = HOSTILE_RECIPIENT.replace("+", "%2B")

        def recorded() -> bytes | None:
            body = _get(api_port, f"/v1/events?address={address}")
            return body if json.loads(body)["items"] else None

        events = wait_for(recorded, timeout=30)
        exported = _get(api_port, "/v1/suppressions/export?format=csv")
        jsonl = _get(api_port, "/v1/suppressions/export?format=jsonl")
        metrics = _get(api_port, "/metrics").decode("utf-8")
    finally:
        daemon.terminate()
    log = daemon.log.read_bytes().decode("utf-8")

    # The log: every line is one of our entries; nothing raw from the network.
    assert "FORGED-CMD" in log  # the forged command was logged, escaped
    entry = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+ ")
    assert [line for line in log.splitlines() if not entry.match(line)] == []
    assert _raw_controls(log.replace("\n", "")) == []

    # The API's JSON: no raw control character, the diagnostic's value intact.
    for body in (events, jsonl):
        text = body.decode("utf-8")
        assert _raw_controls(text.rstrip("\n")) == []
    (event,) = json.loads(events)["items"]
    assert event["recipient"] == HOSTILE_RECIPIENT
    assert "FORGED-DIAG\x1b[2J\x00\x7f\x9b\u2028end" in event["diagnostic"]
    assert json.loads(jsonl)["diagnostic"] == event["diagnostic"]

    # The CSV: one physical line per row, formulas neutralized, controls escaped.
    text = exported.decode("utf-8")
    assert len(text.split("\r\n")) == 3  # header, the row, the final empty string
    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    assert cells["email"] == "'" + HOSTILE_RECIPIENT
    assert cells["diagnostic"].startswith("'=HYPERLINK(")
    assert "FORGED-DIAG\\x1b[2J\\x00\\x7f\\x9b\\u2028end" in cells["diagnostic"]
    assert [cell for cell in row if _raw_controls(cell)] == []

    # /metrics: parseable, and none of the peer's text became a label.
    families = list(text_string_to_metric_families(metrics))
    assert any(f.name == "bounced_events" for f in families)
    for marker in ("FORGED", "example", "HYPERLINK", "=1+2", "\x1b"):
        assert marker not in metrics


def test_the_api_response_class_escapes_what_starlette_leaves_raw():
    from bounced.api.responses import SafeJSONResponse

    response = SafeJSONResponse({"diagnostic": "a\x1b\x7f\x9b\u2028\udcffé"})
    assert (
        response.body
        == b'{"diagnostic":"a\\u001b\\u007f\\u009b\\u2028\\udcff\xc3\xa9"}'
    )
