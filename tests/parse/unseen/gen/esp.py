"""Sending services: Amazon SES, SendGrid, Mailgun, Postmark, SparkPost; plus an
Exchange delivery report."""

from __future__ import annotations

from common import (
    H,
    Sample,
    bounce_addr,
    exp,
    h,
    msgid_of,
    multipart,
    newsletter,
    original,
)
from exim import exim, remote
from postfix import pf


def ses(
    path: str,
    rcpt: str,
    diag: str,
    status: str,
    expected: list[dict[str, object]],
    note: str,
    i: int = 0,
    region: str = "us-west-2",
) -> Sample:
    _name, frm, dom, _ = newsletter(i)
    bnd = f"={h(path, 22)}"
    mid = f"0101018bc8{h(path, 6)}-{h(path + 'a', 8)}-{h(path + 'b', 4)}-{h(path + 'c', 4)}-{h(path + 'd', 4)}-{h(path + 'e', 12)}-000000"
    orig = original(path, rcpt, "Tue, 14 Nov 2023 01:21:33 +0000", i=i)
    raw = (
        "Return-Path: <>\n"
        f"Received: from a27-18.smtp-out.{region}.amazonses.com (a27-18.smtp-out.{region}.amazonses.com [54.240.27.18])\n"
        f"\tby mx.{dom} (Postfix) with ESMTPS id {H(path, 10)}\n\tfor <{frm}>; Tue, 14 Nov 2023 01:21:36 +0000 (UTC)\n"
        "From: MAILER-DAEMON@amazonses.com\n"
        f"To: {frm}\n"
        "Subject: Delivery Status Notification (Failure)\n"
        f"Message-ID: <{mid}@{region}.amazonses.com>\n"
        "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; boundary="{bnd}"; report-type=delivery-status\n'
        "X-SES-Outgoing: 2023.11.14-54.240.27.18\n"
        f"Feedback-ID: 1.{region}.{h(path, 43)}=:AmazonSES\n\n"
        + multipart(
            bnd,
            [
                "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n"
                f"An error occurred while trying to deliver the mail to the following recipients:\n{rcpt}\n",
                "Content-Type: message/delivery-status\n\n"
                f"Reporting-MTA: dns; a27-18.smtp-out.{region}.amazonses.com\n\n"
                f"Action: failed\nFinal-Recipient: rfc822; {rcpt}\nDiagnostic-Code: smtp; {diag}\nStatus: {status}\n",
                "Content-Type: message/rfc822\n\n" + orig,
            ],
        )
    )
    return Sample(
        path=path,
        raw=raw,
        module="unseen-amazonses",
        expected=expected,
        recipients=[rcpt],
        note=note,
        crlf=True,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    S.append(
        ses(
            "amazonses/ses-suppression-list",
            "old.customer@example.com",
            "550 5.1.1 Amazon SES did not send the message to this address because it is on the suppression "
            "list for your account. For more information about removing addresses from the suppression list, "
            "see the Amazon SES Developer Guide at "
            "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppression-list.html",
            "5.1.1",
            [exp("5.1.1", "550", "suppressed")],
            "SES did not even try: the address is on the account-level suppression list. suppressed, not "
            "userunknown (SES's 5.1.1 is borrowed); soft by the brief's rule.",
        )
    )
    S.append(
        ses(
            "amazonses/ses-remote-mailbox-full",
            "m.rossi@example.it",
            "552 5.2.2 <m.rossi@example.it>: Recipient address rejected: Mailbox full",
            "5.2.2",
            [exp("5.2.2", "552", "mailboxfull")],
            "SES bounce email (feedback forwarding) for a remote mailbox-full rejection.",
            i=1,
            region="eu-west-1",
        )
    )
    S.append(
        ses(
            "amazonses/ses-global-suppression",
            "nobody.knows@example.net",
            "550 5.1.1 Amazon SES has suppressed sending to this address because it has a recent history of "
            "bouncing as an invalid address. For more information about how to remove an address from the "
            "suppression list, see the Amazon SES Developer Guide: "
            "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppressionlist.html ",
            "5.1.1",
            [exp("5.1.1", "550", "suppressed")],
            "SES global suppression list (older wording). suppressed.",
            i=2,
        )
    )

    # ---- SendGrid (bounce forwarding notice; reconstructed)
    path = "sendgrid/sendgrid-forwarded-bounce"
    _name, frm, dom, _ = newsletter(0)
    rcpt = "k.lambert@example.org"
    bnd = f"{h(path, 28)}"
    S.append(
        Sample(
            path=path,
            module="unseen-sendgrid",
            recipients=[rcpt],
            crlf=True,
            raw="Return-Path: <>\n"
            "Received: from o1.sgbounce.example.com (o1.sgbounce.example.com [167.89.0.1])\n"
            f"\tby mx.{dom} (Postfix) with ESMTPS id {H(path, 10)}\n\tfor <{frm}>; Tue, 14 Nov 2023 01:21:36 +0000 (UTC)\n"
            'From: "Mail Delivery System" <MAILER-DAEMON@sendgrid.net>\n'
            f"To: {frm}\n"
            "Subject: Undelivered Mail Returned to Sender\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            f"Message-ID: <{h(path, 22)}@ismtpd0042p1mdw1.sendgrid.net>\n"
            "Auto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; boundary="{bnd}"; report-type=delivery-status\n\n'
            + multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=us-ascii\n\n"
                    "This is an automatically generated message from SendGrid.\n\n"
                    "I'm sorry to have to tell you that your message was not able to be\n"
                    "delivered to one of its intended recipients.\n\n"
                    "If you require assistance with this, please contact SendGrid support.\n\n"
                    f"{rcpt}:198.51.100.77 : 554 5.7.1 <{rcpt}>: Recipient address rejected: Access denied\n",
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; sendgrid.net\n"
                    "Arrival-Date: Tue, 14 Nov 2023 01:21:33 +0000\n\n"
                    f"Final-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.7.1\n"
                    f"Diagnostic-Code: smtp; 554 5.7.1 <{rcpt}>: Recipient address rejected: Access denied\n",
                    "Content-Type: message/rfc822\n\n"
                    + original(path, rcpt, "Tue, 14 Nov 2023 01:21:33 +0000"),
                ],
            ),
            expected=[exp("5.7.1", "554", "filtered")],
            note="SendGrid's forwarded bounce. The remote is a plain Postfix whose check_recipient_access "
            "table REJECTs this recipient ('Recipient address rejected: Access denied', not EOP's 5.4.1 DBEB): "
            "the address exists but refuses mail, which Sisimai's vocabulary calls filtered. Soft. Debatable: "
            "some postmasters would read 'Access denied' as a closed address (userunknown). Layout "
            "reconstructed; the corpus has other SendGrid variants.",
        )
    )

    # ---- Mailgun
    path = "mailgun/mailgun-permanent-failure"
    _name, frm, dom, _ = newsletter(1)
    rcpt = "h.nielsen@example.dk"
    S.append(
        Sample(
            path=path,
            module="unseen-mailgun",
            recipients=[rcpt],
            crlf=True,
            raw="Return-Path: <>\n"
            "Received: from m228-4.mailgun.net (m228-4.mailgun.net [159.135.228.4])\n"
            f"\tby mx.{dom} (Postfix) with ESMTPS id {H(path, 10)}\n\tfor <bounce@mg.{dom}>; Tue, 14 Nov 2023 01:21:36 +0000 (UTC)\n"
            f"From: Mailgun <postmaster@mg.{dom}>\n"
            f"To: bounce@mg.{dom}\n"
            "Subject: Delivery Status Notification (Failure)\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            f"Message-Id: <{h(path, 24)}@mg.{dom}>\n"
            f"X-Mailgun-Sid: WyI{h(path, 10)}IiwgImJvdW5jZUBtZyIsICI1ZjEyIl0=\n"
            "Mime-Version: 1.0\n"
            'Content-Type: text/plain; charset="ascii"\n'
            "Content-Transfer-Encoding: 7bit\n\n"
            "This is an automatically generated Delivery Status Notification\n\n"
            "Delivery to the following recipient failed permanently:\n\n"
            f"    {rcpt}\n\n"
            "Technical details of permanent failure:\n\n"
            "Server response: 550 5.7.1 Rejected: SPF fail for sending domain mg.letters.example.org (see https://example.dk/policy)\n\n"
            "----- Original message -----\n\n"
            + original(
                path, rcpt, "Tue, 14 Nov 2023 01:21:33 +0000", i=1, headers_only=True
            ),
            expected=[exp("5.7.1", "550", "authfailure")],
            note="Mailgun-style failure notice (Gmail-2012-like wording, 'Technical details of permanent "
            "failure'), plain text, original headers inline after '----- Original message -----'. SPF fail: "
            "authfailure. Layout reconstructed.",
        )
    )

    # ---- Postmark: an Exim bounce to Postmark's bounce domain
    s = exim(
        "postmark/exim-to-pm-bounces",
        "unseen-postmark",
        "mx2.example.net",
        [
            (
                "anna.svensson@example.net",
                remote(
                    "mx2.example.net",
                    "198.51.100.42",
                    "end of data",
                    ["550 5.7.1 Message rejected as spam by Content Filtering."],
                ),
            )
        ],
        [exp("5.7.1", "550", "spamdetected")],
        "A remote Exim bounce addressed to a Postmark-style bounce address (pm_bounces@pm-bounces...); the "
        "original carries X-PM-Message-Id. Content rejected as spam.",
        i=0,
        crlf=True,
    )
    s.raw = s.raw.replace(
        bounce_addr("postmark/exim-to-pm-bounces", 0),
        "pm_bounces@pm-bounces.news.example.com",
    )
    s.raw = s.raw.replace(
        "List-Id:",
        "X-PM-Message-Id: 3f8c2a1e-5b7d-4e9a-8c6f-1a2b3c4d5e6f\nX-PM-RCPT: |bTB8MTIzNDU2fDEyMzQ1Njc4OXxhbm5h|\nList-Id:",
        1,
    )
    S.append(s)

    # ---- SparkPost: remote Postfix bounce to a msprvs1 bounce address
    s = pf(
        "sparkpost/postfix-to-sparkpost-bounce-domain",
        "unseen-sparkpost",
        "mail.example.org",
        [
            {
                "addr": "fiona.c@example.org",
                "text": "host mail.example.org[private/dovecot-lmtp] said: 452 4.2.2 <fiona.c@example.org> Quota exceeded (mailbox for user is full) (in reply to end of data command)",
                "status": "4.2.2",
                "remote": "mail.example.org",
                "diag": "smtp; 452 4.2.2 <fiona.c@example.org> Quota exceeded (mailbox for user is full)",
            }
        ],
        [exp("4.2.2", "452", "mailboxfull")],
        "A remote Postfix's delay warning sent to a SparkPost-style VERP return path "
        "(msprvs1=...=bounces-...@sp.news.example.com). Dovecot temporary quota: mailboxfull, soft.",
        mode="delayed",
        relayed_to_us="198.51.100.203",
        i=0,
    )
    s.raw = s.raw.replace(
        bounce_addr("sparkpost/postfix-to-sparkpost-bounce-domain", 0),
        "msprvs1=19733Hr1kZmUo=bounces-284519-1027@sp.news.example.com",
    )
    S.append(s)

    # ---- Exchange delivery report (delivered)
    path = "exchange/ex2016-en-delivered"
    _name, frm, dom, _ = newsletter(2)
    rcpt = "procurement@example.com"
    bnd = f"_000_{H(path, 32)}_"
    text = (
        "Your message has been delivered to the following recipients:\n\n"
        f"{rcpt}<mailto:{rcpt}>\n\nSubject: Your weekly update: what's new this week\n"
    )
    S.append(
        Sample(
            path=path,
            module="unseen-exchange",
            recipients=[rcpt],
            crlf=True,
            raw="From: Microsoft Outlook <postmaster@example.com>\n"
            f"To: <{bounce_addr(path, 2)}>\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            "Subject: Delivered: Your weekly update: what's new this week\n"
            f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{bnd}"\n'
            "Content-Language: en-US\n"
            f"Message-ID: <{h(path, 8)}-{h(path, 4)}-{h(path + 'q', 4)}-{h(path + 'r', 4)}-{h(path + 's', 12)}@EX16.corp.example.com>\n"
            f"In-Reply-To: {msgid_of(path, 2)}\n"
            f"References: {msgid_of(path, 2)}\n"
            "X-MS-Exchange-Organization-SCL: -1\n"
            "Auto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\n\n"
            + multipart(
                bnd,
                [
                    'Content-Type: text/plain; charset="us-ascii"\n\n' + text,
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns;EX16.corp.example.com\n"
                    "Arrival-Date: Tue, 14 Nov 2023 01:21:33 +0000\n\n"
                    f"Final-Recipient: rfc822;{rcpt}\nAction: delivered\nStatus: 2.0.0\n",
                    "Content-Type: text/rfc822-headers\n\n"
                    + original(
                        path,
                        rcpt,
                        "Tue, 14 Nov 2023 01:21:33 +0000",
                        i=2,
                        headers_only=True,
                    ),
                ],
            ),
            expected=[exp("2.0.0", "", "delivered")],
            note="Exchange 2016 delivery report ('Delivered:') answering NOTIFY=SUCCESS: delivered, not a bounce.",
        )
    )
    return S
