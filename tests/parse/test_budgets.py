"""Hostile input: parse() stays bounded and answers with an unparsed Report."""

from __future__ import annotations

import time

import pytest

from bounced.parse import MAX_FINDINGS, parse
from bounced.parse.mime import MAX_DEPTH, MAX_HEADERS, MAX_PARTS

# Generous ceilings for a shared 2-core machine; each case takes < 0.3 s there.
SECONDS = 3.0


def _timed(raw: bytes):
    started = time.perf_counter()
    report = parse(raw)
    return report, time.perf_counter() - started


def test_deep_multipart_nesting_is_over_the_depth_budget():
    """5000 nested multiparts (RecursionError bait for the stdlib) stop at MAX_DEPTH."""
    nested = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i)
        for i in range(5000)
    )
    report, seconds = _timed(b"Subject: x\n" + nested)
    assert report.unparsed_reason == "over budget: depth"
    assert report.findings == ()
    assert seconds < SECONDS


def test_deep_message_rfc822_nesting_is_over_the_depth_budget():
    """Messages nested in messages stop at MAX_DEPTH too."""
    report, seconds = _timed(
        b"Subject: x\n" + b"Content-Type: message/rfc822\n\n" * 50000
    )
    assert report.unparsed_reason == "over budget: depth"
    assert seconds < SECONDS
    assert MAX_DEPTH < 50000


def test_a_hundred_thousand_parts_are_over_the_parts_budget():
    """100k MIME parts stop at MAX_PARTS instead of being parsed one by one."""
    body = b"--b\nContent-Type: text/plain\n\nx a@b.example 550 5.1.1\n" * 100_000
    raw = b'From: MAILER-DAEMON@x.example\nContent-Type: multipart/mixed; boundary="b"\n\n'
    report, seconds = _timed(raw + body + b"--b--\n")
    assert report.unparsed_reason == "over budget: parts"
    assert seconds < SECONDS
    assert MAX_PARTS < 100_000


def test_a_hundred_thousand_headers_are_over_the_headers_budget():
    """A header block past MAX_HEADERS is refused, not indexed."""
    raw = b"".join(b"X-H%d: v\n" % i for i in range(100_000)) + b"\nbody\n"
    report, seconds = _timed(raw)
    assert report.unparsed_reason == "over budget: headers"
    assert seconds < SECONDS
    assert MAX_HEADERS < 100_000


def test_many_encoded_words_are_decoded_in_linear_time():
    """200k RFC 2047 words in a Subject (quadratic in the stdlib) take milliseconds."""
    raw = b"From: a@b.example\nSubject: " + b"=?utf-8?q?a?= " * 200_000 + b"\n\nhi\n"
    report, seconds = _timed(raw)
    assert report.unparsed_reason == "no bounce found"
    assert seconds < SECONDS


@pytest.mark.parametrize(
    "body",
    [
        b"a" * 20_000_000,
        b"@" * 5_000_000,
        b"a." * 2_000_000 + b"@",
        b"To: x\n" * 300_000,
    ],
    ids=["20MB-line", "5M-at-signs", "dotted-run", "300k-header-like-lines"],
)
def test_pathological_bodies_stay_fast(body):
    """Long runs that make naive address or header regexes quadratic stay bounded."""
    raw = b"From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n\n" + body
    report, seconds = _timed(raw)
    assert report.findings == ()
    assert seconds < SECONDS


@pytest.mark.parametrize(
    "html",
    [b"<" * 1_000_000, b"<style>" * 100_000, b"<p " * 300_000],
    ids=["1M-lt", "100k-unclosed-style", "300k-unclosed-tags"],
)
def test_hostile_html_is_stripped_in_linear_time(html):
    """An HTML-only notice of unclosed tags does not make tag stripping quadratic."""
    raw = (
        b"From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n"
        b"Content-Type: text/html\n\n" + html
    )
    report, seconds = _timed(raw)
    assert report.findings == ()
    assert seconds < SECONDS


# The opening sentences that the MTA modules gate on, so that every detector
# gets past its cheap test and runs its patterns on the filler.
GATES = """Hi. This is the qmail-send program at x.
This message was created automatically by mail delivery software.
The following address(es) failed:
did not reach the following recipient(s):
Delivery has failed to these recipients or groups:
Diagnostic information for administrators:
This is the mail system at host x.
   ----- The following addresses had permanent fatal errors -----
Delivery to the following recipient failed permanently:
This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail
An error has occurred while attempting to deliver a message for the following list of
This Message was undeliverable due to the following reason:
Unable to deliver message to the following address(es).
------- Failure Reasons --------
was not delivered to:
"""


@pytest.mark.parametrize(
    "filler",
    ["a@" * 200_000, "x@y.example\n" * 60_000, "<a@b.example>:\n" * 40_000],
    ids=["at-run", "address-lines", "qmail-lines"],
)
def test_every_detector_stays_linear_past_its_gate(filler):
    """Regression: an unbounded address pattern in one MTA module was O(n^2)."""
    raw = (
        f"From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\n"
        f"{GATES}\n{filler}\n{GATES}"
    ).encode()
    report, seconds = _timed(raw)
    assert isinstance(report.findings, tuple)
    assert seconds < SECONDS


def test_a_report_listing_too_many_recipients_is_truncated_with_a_note():
    """Findings stop at MAX_FINDINGS and the report says so."""
    blocks = b"Final-Recipient: rfc822; a%d@b.example\nStatus: 5.1.1\n\n"
    raw = (
        b"From: MAILER-DAEMON@x.example\n"
        b"Content-Type: multipart/report; boundary=b\n\n"
        b"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
        + b"".join(blocks % i for i in range(MAX_FINDINGS + 50))
        + b"--b--\n"
    )
    report = parse(raw)
    assert len(report.findings) == MAX_FINDINGS
    assert f"findings truncated at {MAX_FINDINGS}" in report.notes


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00" * 1000,
        b"\xff\xfe" * 100,
        b"\n\n\n",
        b"Content-Type: multipart/mixed\n\n--\n",
    ],
    ids=["empty", "nul", "binary", "blank-lines", "multipart-without-boundary"],
)
def test_garbage_yields_an_unparsed_report(raw):
    """Input that is not mail is reported as such, never raised."""
    report = parse(raw)
    assert report.findings == ()
    assert report.unparsed_reason == "no bounce found"


def test_a_detector_that_fails_by_bug_is_noted_and_the_next_one_runs(monkeypatch):
    """A broken detector is recorded in notes; the chain goes on to the others."""
    from bounced.parse import registry

    def broken(msg):
        raise KeyError("bug")

    first = registry.Detector("broken", broken)
    monkeypatch.setattr(registry, "DETECTORS", (first, *registry.DETECTORS))
    monkeypatch.setattr("bounced.parse.DETECTORS", (first, *registry.DETECTORS))
    raw = (
        b"From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n"
        b"Hi. This is the qmail-send program at x.example.\n"
        b"I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
        b"<a@b.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n"
    )
    report = parse(raw)
    assert "detector broken failed: KeyError" in report.notes
    assert report.detector == "qmail"
    assert report.findings[0].recipient == "a@b.example"


def test_folded_headers_unfold_to_one_space_and_blank_runs_stay_cheap():
    """Fold points become one space; a 40 KB run of blanks in a header (found by
    the mutation fuzzer: seconds with the old regex) parses to a report."""
    from bounced.parse import parse
    from bounced.parse.mime import parse_headers

    headers = parse_headers(
        b"Subject: a \r\n\t b\r\n  c\r\nX-Blank: x" + b" \t" * 20_000
    )
    assert headers[0] == ("subject", "a b c")
    assert headers[1] == ("x-blank", "x")
    raw = b"Subject: x" + b" " * 40_000 + b"\r\n y\r\n\r\nbody\r\n"
    assert parse(raw) is not None
