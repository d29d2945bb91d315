"""Text from the network never forges a log line."""

from __future__ import annotations

import logging
import socket

from bounced.sanitize import SafeFormatter, escape
from tests.mail import wait_for
from tests.test_crash import DaemonProcess


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
