"""The refused SMTP command, and what a DSN finding takes from the notice's text."""

from __future__ import annotations

import pytest

from bounced.parse import parse, session
from bounced.reasons import Reason


@pytest.mark.parametrize(
    ("text", "command"),
    [
        (
            "550 5.1.1 <a@example.org>: User unknown (in reply to RCPT TO command)",
            "RCPT",
        ),
        ("550 Unknown user a@example.org (in reply to end of DATA command)", "DATA"),
        ("550 5.7.1 Access denied (in reply to\n    MAIL FROM command)", "MAIL"),
        ("said: 554 go away (in reply\n    to RCPT TO command)", "RCPT"),
        ("SMTP error from remote mail server after RCPT TO:<a@example.org>:", "RCPT"),
        ("SMTP error from remote mail server after initial connection:", "CONN"),
        ("192.0.2.1 does not like recipient. Remote host said: 550 no", "RCPT"),
        ("Connected to 192.0.2.1 but sender was rejected.", "MAIL"),
        ("mx.example.org [192.0.2.1] did not like our DATA: 554 spam", "DATA"),
        ("550 5.1.1 User unknown", None),
        ("The message data was refused", None),
        ("", None),
    ],
)
def test_the_stage_is_read_from_the_sentences_bounces_use(text, command):
    """Postfix, Exim, qmail and dma name the refused command, however wrapped."""
    assert session.command(text) == command


def test_a_transcript_names_the_command_sent_before_the_refusal():
    """Sendmail pipelines RCPT TO: a refusal quoted after >>> DATA is at DATA."""
    transcript = (
        "... while talking to mx.example.org.:\n"
        ">>> DATA\n"
        "<<< 550 5.2.1 <ann@example.org>... User Unknown\n"
        "550 5.1.1 <ann@example.org>... User unknown\n"
    )
    assert session.command(transcript) == "DATA"


def test_a_transcript_is_read_for_the_recipient_it_names():
    """With several recipients, each refusal belongs to the address it names."""
    transcript = (
        "While talking to a.example.org:\n"
        ">>> MAIL From:<news@example.com>\n<<< 250 ok\n"
        ">>> RCPT To:<ann@example.org>\n<<< 550 no such user\n"
        ">>> DATA\n<<< 554 <bob@example.org> rejected as spam\n"
    )
    assert session.transcript_command(transcript, "ann@example.org") == "RCPT"
    assert session.transcript_command(transcript, "bob@example.org") == "DATA"
    assert session.transcript_command(transcript, "cy@example.org") is None
    assert session.transcript_command("no transcript here") is None


def _postfix(notice: bytes, blocks: bytes) -> bytes:
    return (
        b"From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\n"
        b"Subject: Undelivered Mail Returned to Sender\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\n\n" + notice + b"\n"
        b"--B\nContent-Type: message/delivery-status\n\n"
        b"Reporting-MTA: dns; mx.example.com\n\n" + blocks + b"\n--B--\n"
    )


def test_each_recipient_gets_the_stage_its_own_paragraph_names():
    """A Postfix notice says per recipient which command was refused."""
    raw = _postfix(
        b"<ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.2.1\n"
        b"    <ann@example.org>... User Unknown (in reply to RCPT TO command)\n"
        b"<bob@example.org>: host mx.example.org[192.0.2.1] said: 550 User\n"
        b"    unknown (in reply to end of DATA command)\n",
        b"Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.2.1\n"
        b"Diagnostic-Code: smtp; 550 5.2.1 <ann@example.org>... User Unknown\n\n"
        b"Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.0.0\n"
        b"Diagnostic-Code: smtp; 550 User unknown\n",
    )
    findings = parse(raw).findings
    assert [f.smtp_command for f in findings] == ["RCPT", "DATA"]


def test_a_missing_diagnostic_is_taken_from_the_recipients_own_line():
    """Without Diagnostic-Code, the notice's words about the recipient are read."""
    raw = _postfix(
        b"   ----- The following addresses had permanent fatal errors -----\n"
        b"<ann@example.org>\n\n"
        b"   ----- Transcript of session follows -----\n"
        b"<ann@example.org>... Deferred: Name server: example.org.: host name "
        b"lookup failure\n",
        b"Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 4.4.7\n",
    )
    (finding,) = parse(raw).findings
    assert finding.diagnostic is not None
    assert finding.diagnostic.startswith("Deferred: Name server")


def test_recipients_listed_without_blank_lines_keep_their_own_text():
    """The next recipient's line ends a paragraph (OpenSMTPD lists them so)."""
    raw = _postfix(
        b"ann@example.org: 550 5.1.1 <ann@example.org>: User unknown\n"
        b"bob@example.org: 552 5.2.2 <bob@example.org>: Mailbox full\n",
        b"Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.1.1\n\n"
        b"Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.2.2\n",
    )
    ann, bob = parse(raw).findings
    assert "Mailbox full" not in (ann.diagnostic or "")
    assert "Mailbox full" in (bob.diagnostic or "")


def test_the_remote_servers_status_beats_the_reporting_mtas_translation():
    """Sendmail declares 5.1.1 for any refusal at RCPT; the remote said 5.7.1."""
    raw = _postfix(
        b"<ann@example.org>\n",
        b"Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.1.1\n"
        b"Diagnostic-Code: smtp; 550 5.7.1 IP address blacklisted by recipient\n",
    )
    (finding,) = parse(raw).findings
    assert (finding.status, finding.reply_code) == ("5.7.1", 550)


def test_a_status_comment_and_a_powermta_category_are_kept():
    """'Status: 5.2.1 (mailbox disabled...)' and X-PowerMTA-BounceCategory travel on."""
    raw = _postfix(
        b"<ann@example.org> delivery failed; will not continue trying\n",
        b"Final-Recipient: rfc822;ann@example.org\nAction: failed\n"
        b"Status: 5.2.1 (mailbox disabled, not accepting messages)\n"
        b"Diagnostic-Code: smtp;550 5.2.1 <ann@example.org>... User Unknown\n"
        b"X-PowerMTA-BounceCategory: bad-mailbox\n",
    )
    (finding,) = parse(raw).findings
    assert finding.status_comment == "mailbox disabled, not accepting messages"
    assert finding.reason_hint is Reason.USERUNKNOWN


def test_an_old_sendmail_transcript_gives_each_recipient_its_own_reply():
    """Sendmail V5: the reply above each error line is that recipient's."""
    raw = (
        b"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n"
        b"Subject: Returned mail: User unknown\n\n"
        b"   ----- Transcript of session follows -----\n"
        b"550 b.example (smtp)... 550 Host unknown\n"
        b"554 <ann@b.example>... 550 Host unknown (Authoritative answer from name "
        b"server)\n"
        b"While talking to mx.c.example:\n"
        b">>> RCPT To:<bob@c.example>\n"
        b"<<< 550 No such user here\n"
        b"550 <bob@c.example>... User unknown\n\n"
        b"   ----- Unsent message follows -----\n"
        b"From: news@example.com\nTo: ann@b.example\nSubject: hi\n\nhi\n"
    )
    ann, bob = parse(raw).findings
    assert (ann.recipient, ann.smtp_command) == ("ann@b.example", None)
    assert "Host unknown" in (ann.diagnostic or "")
    assert (bob.recipient, bob.smtp_command) == ("bob@c.example", "RCPT")
    assert (bob.diagnostic or "").startswith("550 No such user here")
