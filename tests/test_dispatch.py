"""The relay's guard: only a whole returned original is ever re-sent, unchanged."""

from __future__ import annotations

import pytest

from bounced.dispatch import Outcome
from bounced.dispatch.relay import extract_original, outcome_of, prepare
from tests.mail import dsn, full_dsn


def test_the_whole_original_is_extracted_byte_for_byte():
    """The message/rfc822 part comes back exactly as it was returned."""
    raw = full_dsn("ann@example.org", "4.2.2", 452, body="Line one\r\nLine two\r\n")

    original = extract_original(raw)

    assert original.startswith(b"Return-Path: <old@bounces.example.com>\r\n")
    assert original.endswith(b"\r\n\r\nLine one\r\nLine two\r\n")


def test_headers_only_are_not_an_original():
    """text/rfc822-headers (RFC 3464 §2) returns no body: nothing to re-send."""
    assert extract_original(dsn("ann@example.org", "4.2.2", 452)) is None


def test_a_report_cut_short_is_not_trusted():
    """Without the report's closing boundary the original may be truncated."""
    raw = full_dsn("ann@example.org", "4.2.2", 452)

    assert extract_original(raw[: raw.rindex(b"--BND--")]) is None


def test_a_multipart_original_must_carry_its_own_closing_boundary():
    """An MTA that truncated a multipart body cut off its closing delimiter."""
    whole = (
        'Content-Type: multipart/alternative; boundary="in"\r\n\r\n'
        "--in\r\nContent-Type: text/plain\r\n\r\nhi\r\n--in--\r\n"
    )
    cut = 'Content-Type: multipart/alternative; boundary="in"\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nhi, and then'
    template = full_dsn("ann@example.org", "4.2.2", 452, body="BODY")
    head = template[: template.index(b"Return-Path")]

    def bounce(original: str) -> bytes:
        return head + original.encode() + b"\r\n--BND--\r\n"

    assert extract_original(bounce(whole)) is not None
    assert extract_original(bounce(cut)) is None


def test_an_encoded_message_rfc822_part_is_refused():
    """RFC 2046 §5.2.1 allows only 7bit, 8bit or binary for message/rfc822."""
    raw = full_dsn("ann@example.org", "4.2.2", 452).replace(
        b"Content-Type: message/rfc822\r\n",
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n",
    )

    assert extract_original(raw) is None


@pytest.mark.parametrize(
    "raw", [b"", b"no headers at all", b"Subject: x\r\n\r\nplain text", b"\x00" * 1000]
)
def test_garbage_is_not_an_original(raw):
    """Anything that is not a report returning a whole message yields None."""
    assert extract_original(raw) is None


def test_the_resent_message_loses_its_stale_return_path_and_carries_its_key():
    """The envelope sender is new, so the old Return-Path goes; the key is added."""
    original = extract_original(full_dsn("ann@example.org", "4.2.2", 452))

    message = prepare(original, "abc-1")

    assert message.startswith(b"X-Bounced-Retry: abc-1\r\nMessage-ID:")
    assert b"Return-Path" not in message
    assert message.endswith(b"this week's news.\r\n")


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (250, "2.0.0 OK", Outcome.ACCEPTED),
        (421, "4.7.0 Try again later", Outcome.THROTTLED),
        (447, "Too many sessions", Outcome.THROTTLED),
        (450, "4.2.1 Slow down", Outcome.THROTTLED),
        (451, "4.3.0 Local error", Outcome.DEFERRED),
        (451, "4.7.28 Unusual rate", Outcome.THROTTLED),
        (550, "5.1.1 No such user", Outcome.FAILED),
    ],
)
def test_relay_replies_map_to_outcomes(code, text, expected):
    """2xx sent; slow-down answers throttle; other 4xx defer; 5xx fail."""
    assert outcome_of(code, text) is expected
