"""What a finding and a report carry: DSN fields, complaints, auto-replies, codes,
and the identifiers of the returned original message."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounced.parse import codes, parse
from bounced.reasons import Reason
from bounced.report import Action

RETURNED = (
    b"Message-ID: <c-42@news.example.com>\n"
    b"Subject: =?utf-8?q?Caf=C3=A9_news?=\n"
    b"From: News <news@news.example.com>\n"
    b"To: ann@example.net\n"
    b"List-Id: Example News <news.example.com>\n"
    b"List-Unsubscribe: <https://news.example.com/u/42>\n"
    b"X-Listmonk-Campaign: 2f1c5b0e-5d3a-4f77-9d58-6a3c8a2e9b11\n"
    b"X-Listmonk-Subscriber: 7a9d0c52-1e7b-4b51-8a4f-0c1d2e3f4a5b\n"
    b"X-Postal-MsgID: AbCdEf123\n"
    b"X-Mailer: listmonk\n"
)


def _dsn(recipients: bytes, returned_type: bytes = b"message/rfc822", body=b"Hi Ann\n"):
    returned = RETURNED + (b"\n" + body if returned_type == b"message/rfc822" else b"")
    return (
        b"From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail Returned to Sender\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\n\nThe mail system\n\n"
        b"--B\nContent-Type: message/delivery-status\n\n"
        b"Reporting-MTA: dns; mx.example.org\nArrival-Date: Mon, 3 Mar 2025 09:00:00 +0000\n\n"
        + recipients
        + b"--B\nContent-Type: "
        + returned_type
        + b"\n\n"
        + returned
        + b"\n--B--\n"
    )


TWO = (
    b"Final-Recipient: rfc822; ann@example.net\nOriginal-Recipient: rfc822;ann@old.example.net\n"
    b"Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.net\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 <ann@example.net>: Recipient address\n"
    b"    rejected: User unknown\n\n"
    b"Final-Recipient: rfc822; bob@example.net\nAction: delayed\nStatus: 4.2.2\n"
    b"Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\n\n"
)


def test_every_recipient_of_a_multi_recipient_dsn_is_a_finding_in_order():
    """RFC 3464 §2.3: each per-recipient block, with its own fields."""
    report = parse(_dsn(TWO))
    assert report.detector == "dsn"
    first, second = report.findings
    assert (first.recipient, first.original_recipient) == (
        "ann@example.net",
        "ann@old.example.net",
    )
    assert (first.action, first.status, first.reply_code) == (
        Action.FAILED,
        "5.1.1",
        550,
    )
    assert (
        first.diagnostic
        == "550 5.1.1 <ann@example.net>: Recipient address rejected: User unknown"
    )
    assert first.diagnostic_type == "smtp"
    assert (first.remote_mta, first.reporting_mta) == (
        "mx.example.net",
        "mx.example.org",
    )
    assert (second.recipient, second.action, second.status, second.reply_code) == (
        "bob@example.net",
        Action.DELAYED,
        "4.2.2",
        452,
    )


def test_the_returned_message_identifiers_are_on_the_report():
    """Message-ID, Subject, List-Id, List-Unsubscribe and campaign headers come back."""
    returned = parse(_dsn(TWO)).returned
    assert returned is not None
    assert returned.message_id == "<c-42@news.example.com>"
    assert returned.subject == "Café news"
    assert returned.list_id == "Example News <news.example.com>"
    assert returned.list_unsubscribe == "<https://news.example.com/u/42>"
    assert (
        returned.header("X-Listmonk-Campaign") == "2f1c5b0e-5d3a-4f77-9d58-6a3c8a2e9b11"
    )
    assert (
        returned.header("x-listmonk-subscriber")
        == "7a9d0c52-1e7b-4b51-8a4f-0c1d2e3f4a5b"
    )
    assert returned.header("X-Postal-MsgID") == "AbCdEf123"
    assert returned.header("X-Mailer") == "listmonk"
    assert returned.complete is True


def test_headers_only_returned_message_is_not_complete():
    """text/rfc822-headers brings identifiers back but not the message itself."""
    returned = parse(_dsn(TWO, b"text/rfc822-headers")).returned
    assert returned is not None
    assert returned.message_id == "<c-42@news.example.com>"
    assert returned.complete is False


def test_crlf_and_lf_give_the_same_report():
    """Bounces arrive with both line ends; the answer does not depend on them."""
    lf = _dsn(TWO)
    assert parse(lf.replace(b"\n", b"\r\n")) == parse(lf)


def test_a_generic_status_is_refined_by_the_diagnostic():
    """Postfix's 5.0.0 beside the remote's '550 5.7.1' reports 5.7.1."""
    block = (
        b"Final-Recipient: rfc822; c@example.net\nAction: failed\nStatus: 5.0.0\n"
        b"Diagnostic-Code: smtp; 550-5.7.1 Service unavailable; client blocked\n\n"
    )
    finding = parse(_dsn(block)).findings[0]
    assert (finding.status, finding.reply_code) == ("5.7.1", 550)


ARF = (
    b"From: feedback@fbl.example.net\nSubject: Complaint\n"
    b"Content-Type: multipart/report; report-type=feedback-report; boundary=F\n\n"
    b"--F\nContent-Type: text/plain\n\nThis is an abuse report.\n"
    b"--F\nContent-Type: message/feedback-report\n\n"
    b"Feedback-Type: %s\nUser-Agent: FBL/1.0\nVersion: 1\n"
    b"Original-Rcpt-To: <dan@example.net>\nReporting-MTA: dns; fbl.example.net\n"
    b"Source-IP: 192.0.2.1\n\n"
    b"--F\nContent-Type: message/rfc822\n\nMessage-ID: <m1@news.example.com>\n"
    b"To: dan@example.net\n\nHello\n--F--\n"
)


@pytest.mark.parametrize(
    "feedback_type", ["abuse", "not-spam", "auth-failure", "virus"]
)
def test_arf_complaints_carry_their_feedback_type(feedback_type):
    """RFC 5965: the complainer, the feedback type as written, and the feedback hint."""
    report = parse(ARF % feedback_type.encode())
    assert report.detector == "arf"
    (finding,) = report.findings
    assert finding.recipient == "dan@example.net"
    assert finding.feedback_type == feedback_type
    assert finding.reason_hint is Reason.FEEDBACK
    assert finding.reporting_mta == "fbl.example.net"
    assert report.returned is not None
    assert report.returned.message_id == "<m1@news.example.com>"


def test_a_postfix_notice_marked_auto_replied_is_not_a_vacation_reply():
    """Postfix writes Auto-Submitted: auto-replied on bounces; autoreply must decline."""
    raw = (
        b"From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
        b"Subject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\n\n"
        b"This is the mail system at host mx.example.org.\n\n"
        b"<eve@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1 No such\n"
        b"    user (in reply to RCPT TO command)\n"
    )
    report = parse(raw)
    assert report.detector == "postfix"
    assert report.findings[0].reason_hint is None
    assert (report.findings[0].status, report.findings[0].reply_code) == ("5.1.1", 550)


def test_an_auto_reply_names_the_person_who_answered():
    """RFC 3834: the reply's sender, the vacation hint, action delivered."""
    raw = (
        b"From: Fay <fay@example.net>\nTo: news@news.example.com\n"
        b"Subject: Out of Office: News\nAuto-Submitted: auto-replied\n\nAway until May.\n"
    )
    (finding,) = parse(raw).findings
    assert (finding.recipient, finding.action, finding.reason_hint) == (
        "fay@example.net",
        Action.DELIVERED,
        Reason.VACATION,
    )


@pytest.mark.parametrize(
    ("text", "reply", "status"),
    [
        ("550 5.1.1 <a@b.example>... User unknown", 550, "5.1.1"),
        ("host 192.0.2.5 said: 421-4.7.0 try later", 421, "4.7.0"),
        ("Sorry, no mailbox here by that name. (#5.1.1)", None, "5.1.1"),
        ("MAIL FROM:<a@b.example> SIZE=222: 550 blocked", 550, None),
        ("Exim 4.92.3 at 10.5.1.1 port 25", None, None),
        ("426 connection timed out", None, None),
        ("smtp; 554 4.4.7 Message expired", None, "4.4.7"),
    ],
)
def test_codes_are_found_where_servers_write_them(text, reply, status):
    """Reply codes and RFC 3463 statuses, and not the numbers that only look like them."""
    found_reply, found_status = codes.find_pair(text)
    assert (found_reply, found_status) == (reply, status)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        (b"ERROR_CODE :842, ERROR_CODE :,", None),
        (b"ERROR_CODE :5, ERROR_CODE :5.2.1", "5.2.1"),
    ],
)
def test_a_number_outside_2yz_to_5yz_is_no_reply_code(fields, status):
    """Zoho's ERROR_CODE field can hold any number; only 200-599 is an SMTP reply
    (mutated lhost-zoho samples from bench/fuzz_parse.py gave 842 and 5)."""
    raw = (
        b"From: mailer-daemon@mail.zoho.com\r\n"
        b"To: a@zoho.example.com\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n\r\n"
        b"This message was created automatically by mail delivery software.\r\n\r\n"
        b"kijitora@7jo.example.jp Invalid Address, "
        + fields
        + b" Host not reachable.\r\n"
    )

    report = parse(raw)

    assert [(f.recipient, f.status, f.reply_code) for f in report.findings] == [
        ("kijitora@7jo.example.jp", status, None)
    ]


# The patterns as first written, with the look-behind in front: codes.py moves
# it behind the first character for speed, which must not change a match.
_LOOKBEHIND_FIRST = {
    "_STATUS": re.compile(r"(?<![\d.])([245])\.([0-7])\.(\d{1,3})(?!\.?\d)"),
    "_REPLY": re.compile(r"(?<![\w.,/+=-])([245][0-5]\d)(?=[ \t\-:)\]]|$)", re.M),
    "_PAIR": re.compile(
        r"(?<![\w.,/+-])([245][0-5]\d)[ \t-]{1,3}['\"(#]?"
        r"([245])\.([0-7])\.(\d{1,3})(?!\.?\d)"
    ),
}


_CODE_TOKENS = ["550", "421", "5.1.1", "4.7.0", "550 5.1.1", "550-5.7.1"]
_NEIGHBOURS = [*".-#'(,/+=:) \t\n", "a", "é", "٣", "_", "0", "5"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CODE_TOKENS + _NEIGHBOURS), max_size=12).map("".join))
def test_code_patterns_match_where_the_lookbehind_first_forms_do(text: str) -> None:
    for name, reference in _LOOKBEHIND_FIRST.items():
        ours = getattr(codes, name)
        assert [m.span() for m in ours.finditer(text)] == [
            m.span() for m in reference.finditer(text)
        ], name
