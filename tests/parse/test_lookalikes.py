"""Auto-replies, look-alikes and redacted reports: what is a bounce and whose it is.

Written from what the servers send (Exchange's localised out-of-office subjects,
vacation(1), Request Tracker, Zendesk, challenge-response services, redacted
feedback loops), not from a corpus file: each case is a general rule that the
held-out set (tests/parse/unseen) showed missing.
"""

from __future__ import annotations

import base64

import pytest

from bounced.classify import classify
from bounced.parse import parse
from bounced.reasons import Reason


def _message(headers: list[tuple[str, str]], body: str) -> bytes:
    lines = [f"{name}: {value}" for name, value in headers]
    text = "\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n")
    return text.encode("utf-8")


def _encoded(subject: str) -> str:
    return "=?utf-8?B?" + base64.b64encode(subject.encode()).decode() + "?="


COMMON = [
    ("To", "bounces+1a2b@letters.example.org"),
    ("Date", "Tue, 14 Nov 2023 09:00:00 +0100"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=utf-8"),
]


@pytest.mark.parametrize(
    "subject",
    [
        "Automatická odpověď: Your weekly update",  # Czech Outlook
        "Autosvar: Your weekly update",  # Swedish, Danish
        "자동 회신: Your weekly update",  # Korean Outlook
        "Automaattinen vastaus: Your weekly update",  # Finnish
        "Automatikus válasz: Your weekly update",  # Hungarian
        "[example.org #48213] AutoReply: Your weekly update",  # Request Tracker
    ],
)
def test_out_of_office_subjects_in_more_languages_are_vacation_replies(
    subject: str,
) -> None:
    raw = _message(
        [
            ("From", "Person <person@firma.example>"),
            ("Subject", _encoded(subject)),
            ("Auto-Submitted", "auto-generated"),
            *COMMON,
        ],
        "I am out of the office until Monday.\n",
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["person@firma.example"]
    assert classify(report.findings[0]).reason is Reason.VACATION


def test_vacation_1_without_rfc3834_headers_is_a_vacation_reply() -> None:
    raw = _message(
        [
            ("From", "Matthew Clark <m.clark@example.edu>"),
            ("Subject", "away from my mail"),
            ("Precedence", "junk"),
            ("X-Mailer", "vacation 1.2.7.1"),
            *COMMON,
        ],
        "I will read your mail when I get back.\n",
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["m.clark@example.edu"]
    assert classify(report.findings[0]).reason is Reason.VACATION


def test_a_helpdesk_acknowledgement_is_an_auto_reply_not_a_bounce() -> None:
    raw = _message(
        [
            ("From", "Example Helpdesk <help@example.net>"),
            ("Subject", "[Example Helpdesk] Re: Your weekly update"),
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            *COMMON,
        ],
        "Your request (#9482731) has been received.\n",
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["help@example.net"]
    assert not classify(report.findings[0]).permanent


def test_a_challenge_response_request_is_neither_bounce_nor_vacation() -> None:
    raw = _message(
        [
            ("From", "Boxed Mail Verification <verify@challenge.example.net>"),
            ("Subject", "Please confirm your message: Your weekly update"),
            ("Auto-Submitted", "auto-replied"),
            ("Precedence", "bulk"),
            *COMMON,
        ],
        "Hello,\nthe person you wrote to uses a sender verification service.\n",
    )
    assert not parse(raw).findings


def test_an_out_of_office_reply_echoing_a_confirm_subject_is_still_a_reply() -> None:
    raw = _message(
        [
            ("From", "Person <person@firma.example>"),
            ("Subject", "Automatic reply: Please confirm your seat at our webinar"),
            ("Auto-Submitted", "auto-replied"),
            *COMMON,
        ],
        "I am out of the office until Monday.\n",
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["person@firma.example"]
    assert classify(report.findings[0]).reason is Reason.VACATION


def test_a_person_quoting_a_bounce_in_a_reply_is_not_a_bounce() -> None:
    raw = _message(
        [
            ("From", '"IT Desk" <it-desk@example.org>'),
            ("Subject", "Re: delivery problems to our domain?"),
            *COMMON,
        ],
        "We saw your messages rejected last week with\n"
        '"550 5.1.1 <j.doe@example.org>: Recipient address rejected: User unknown".\n'
        "That was a directory problem on our side; j.doe@example.org is valid.\n",
    )
    assert not parse(raw).findings


def test_a_redacted_complaint_names_the_recipient_of_received_for() -> None:
    boundary = "arf-boundary"
    body = f"""--{boundary}
Content-Type: text/plain; charset=us-ascii

This is an email abuse report for an email message received from IP 192.0.2.41.

--{boundary}
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: FBL/1.0
Version: 1
Source-IP: 192.0.2.41
Original-Rcpt-To: redacted

--{boundary}
Content-Type: message/rfc822

Received: from mta.letters.example.org (mta.letters.example.org [192.0.2.41])
\tby mx.example.net with ESMTPS id 4f2a
\tfor <dana.white@example.net>; Tue, 14 Nov 2023 08:59:58 +0000
From: Letters <news@letters.example.org>
To: undisclosed-recipients:;
Subject: Your weekly update
Message-ID: <abc123@letters.example.org>

Hello
--{boundary}--
"""
    raw = _message(
        [
            ("From", "FBL <fbl@feedback.example.net>"),
            ("Subject", "complaint about message from 192.0.2.41"),
            ("To", "fbl@letters.example.org"),
            ("MIME-Version", "1.0"),
            (
                "Content-Type",
                f'multipart/report; report-type=feedback-report; boundary="{boundary}"',
            ),
        ],
        body,
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["dana.white@example.net"]
    assert report.findings[0].feedback_type == "abuse"


def test_a_comma_after_a_notice_address_is_not_part_of_it() -> None:
    raw = _message(
        [
            ("From", "mailer-daemon@mail.zoho.com"),
            ("Subject", "Undelivered Mail Returned to Sender"),
            *COMMON,
        ],
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent could not be delivered to one or more of its "
        "recipients. This is a permanent error.\n\n"
        "v.iyer@example.in, ERROR CODE :552 - Requested mail action aborted: "
        "exceeded storage allocation\n",
    )
    report = parse(raw)
    assert [f.recipient for f in report.findings] == ["v.iyer@example.in"]
    assert report.findings[0].reply_code == 552
    assert classify(report.findings[0]).reason is Reason.MAILBOXFULL
