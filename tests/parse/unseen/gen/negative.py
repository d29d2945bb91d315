"""Messages from which no bounce must be reported."""

from __future__ import annotations

from common import (
    Sample,
    b64,
    bounce_addr,
    h,
    msgid_of,
    multipart,
    original,
)
from postfix import pf, said, smtp_diag


def neg(path: str, raw: str, note: str, crlf: bool = True) -> Sample:
    return Sample(
        path=path,
        raw=raw,
        module="unseen-not-bounce",
        expected=[],
        recipients=[],
        note=note,
        kind="not-bounce",
        crlf=crlf,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    SUBJ = "Your weekly update: what's new this week"

    path = "negative/human-reply-unsubscribe"
    to = bounce_addr(path, 0)
    S.append(
        neg(
            path,
            "Return-Path: <gerda.w@example.net>\n"
            "Received: from mail.example.net (mail.example.net [198.51.100.55])\n\tby mx.news.example.com (Postfix) with ESMTPS id 4SVF1q2Hjz5wL8\n"
            f"\tfor <{to}>; Tue, 14 Nov 2023 09:02:11 +0100 (CET)\n"
            "From: Gerda Weiss <gerda.w@example.net>\n"
            f"To: Example News <{to}>\n"
            f"Subject: Re: {SUBJ}\n"
            f"In-Reply-To: {msgid_of(path, 0)}\n"
            f"References: {msgid_of(path, 0)}\n"
            "Date: Tue, 14 Nov 2023 09:02:09 +0100\n"
            f"Message-ID: <{h(path, 12)}@example.net>\n"
            "User-Agent: Mozilla Thunderbird\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
            "Content-Transfer-Encoding: 8bit\n\n"
            "Please unsubscribe me, I never signed up for this. My old address\n"
            "mailbox was full anyway and I don't read it.\n\n"
            "Gerda\n\n"
            "Am 14.11.23 um 02:21 schrieb Example News:\n"
            "> Hello,\n>\n> Here is what happened this week at Example News.\n",
            "A person's reply (it reached the bounce address because the client replied to Return-Path). It "
            "mentions 'mailbox was full' in prose; no bounce must be reported.",
        )
    )

    path = "negative/newsletter-itself"
    to = "nl-archive@example.org"
    S.append(
        neg(
            path,
            original(path, to, "Tue, 14 Nov 2023 10:21:31 +0900", i=1),
            "The newsletter itself (List-Unsubscribe, List-Id, Precedence: bulk) delivered to an archive "
            "address that is also routed to the bounce processor. Not a bounce.",
        )
    )

    # forwarded bounce discussed by a human
    path = "negative/human-forwards-bounce"
    inner = pf(
        "negative/_inner",
        "x",
        "MX",
        [
            {
                "addr": "old.colleague@example.net",
                "text": said(
                    "mx.example.net",
                    "198.51.100.25",
                    "550 5.1.1 <old.colleague@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
                ),
                "status": "5.1.1",
                "remote": "mx.example.net",
                "diag": smtp_diag(
                    "550 5.1.1 <old.colleague@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
                ),
            }
        ],
        [],
        "",
        returned="headers",
    ).raw
    bnd = f"------------{h(path, 24)}"
    to = bounce_addr(path, 0)
    S.append(
        neg(
            path,
            "Return-Path: <tom.h@example.com>\n"
            "From: Tom Hughes <tom.h@example.com>\n"
            f"To: {to}\n"
            "Subject: Fwd: Undelivered Mail Returned to Sender\n"
            "Date: Tue, 14 Nov 2023 11:40:02 +0000\n"
            f"Message-ID: <{h(path, 12)}@example.com>\n"
            "User-Agent: Mozilla Thunderbird\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{bnd}"\n\n'
            + multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 7bit\n\n"
                    "Hi,\n\nI forwarded your newsletter to my old colleague and got this back.\n"
                    "Can you remove him from your list? His address is gone.\n\nTom\n",
                    'Content-Type: message/rfc822; name="Undelivered Mail Returned to Sender.eml"\n'
                    'Content-Disposition: attachment; filename="Undelivered Mail Returned to Sender.eml"\n\n'
                    + inner,
                ],
                "This is a multi-part message in MIME format.",
            ),
            "A subscriber forwards, as an attachment, a bounce he received and asks about it. The attached "
            "bounce concerns his own forward, not our delivery; the outer message is a human message. Expected: "
            "nothing. A parser that digs into attached message/rfc822 parts and reports old.colleague@ would "
            "suppress someone the newsletter never sent to.",
        )
    )

    # challenge-response
    path = "negative/challenge-response"
    to = bounce_addr(path, 2)
    S.append(
        neg(
            path,
            "Return-Path: <>\n"
            "From: Boxed Mail Verification <verify@challenge.example.net>\n"
            f"To: {to}\n"
            f"Subject: Please confirm your message: {SUBJ}\n"
            "Date: Tue, 14 Nov 2023 01:21:50 +0000\n"
            f"Message-ID: <cr-{h(path, 16)}@challenge.example.net>\n"
            f"In-Reply-To: {msgid_of(path, 2)}\n"
            "Auto-Submitted: auto-replied\n"
            "Precedence: bulk\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n\n"
            "Hello,\n\nYou sent a message to v.ortiz@example.org. To protect against spam, v.ortiz uses a\n"
            "challenge-response filter. Your message is being held until you confirm you are human:\n\n"
            "    https://challenge.example.net/confirm?id=" + h(path, 24) + "\n\n"
            "If you do not confirm within 7 days, your message will be deleted.\n",
            "Challenge-response ('please confirm you are human'). Decision: no finding. The message was "
            "neither refused nor delivered; it is held, and the recipient address is valid. It is not an "
            "absence notice either, though it carries Auto-Submitted: auto-replied, so a parser that files "
            "every RFC 3834 reply as vacation will report one here; that is harmless for suppression but "
            "still counts as a wrong finding in this set. A newsletter sender never answers challenges.",
        )
    )

    # MDN read receipt
    path = "negative/read-receipt-mdn"
    to = bounce_addr(path, 3)
    bnd = f"----=_NextPart_000_{h(path, 4).upper()}_01DA16A1.{h(path + 'x', 8).upper()}"
    S.append(
        neg(
            path,
            "From: Ren Ishikawa <ren.ishikawa@example.jp>\n"
            f"To: {to}\n"
            f"Subject: Read: {SUBJ}\n"
            "Date: Tue, 14 Nov 2023 18:40:00 +0900\n"
            f"Message-ID: <{h(path, 16)}@example.jp>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=disposition-notification;\n\tboundary="{bnd}"\n'
            "X-Mailer: Microsoft Outlook 16.0\n\n"
            + multipart(
                bnd,
                [
                    'Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
                    f"Your message\n\n    To: ren.ishikawa@example.jp\n    Subject: {SUBJ}\n"
                    "    Sent: Tuesday, November 14, 2023 10:21 AM\n\nwas read on Tuesday, November 14, 2023 6:39 PM.\n",
                    "Content-Type: message/disposition-notification\n\n"
                    "Reporting-UA: example.jp; Microsoft Outlook 16.0\n"
                    "Final-Recipient: rfc822;ren.ishikawa@example.jp\n"
                    f"Original-Message-ID: {msgid_of(path, 3)}\n"
                    "Disposition: manual-action/MDN-sent-manually; displayed\n",
                ],
                "This is a multi-part message in MIME format.",
            ),
            "Read receipt (MDN, report-type=disposition-notification): a multipart/report, but not a delivery "
            "report. Nothing to report.",
        )
    )

    # DMARC aggregate report
    path = "negative/dmarc-aggregate-report"
    to = "dmarc-rua@news.example.com"
    bnd = f"----=_Part_{int(h(path, 6), 16)}"
    zipdata = b64(
        "PK\x03\x04 (zip of an XML aggregate report, truncated for the sample)",
        "latin-1",
    )
    S.append(
        neg(
            path,
            "From: noreply-dmarc-support@google.com\n"
            f"To: {to}\n"
            "Subject: Report domain: news.example.com Submitter: google.com Report-ID: 1234567890123456789\n"
            "Date: Mon, 13 Nov 2023 16:59:59 -0800\n"
            f"Message-ID: <{h(path, 22)}@google.com>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{bnd}"\n\n'
            + multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=us-ascii\n\nThis is an aggregate report from google.com.\n",
                    "Content-Type: application/zip; \n\tname=google.com!news.example.com!1699833600!1699919999.zip\n"
                    "Content-Disposition: attachment; \n\tfilename=google.com!news.example.com!1699833600!1699919999.zip\n"
                    "Content-Transfer-Encoding: base64\n\n" + zipdata + "\n",
                ],
            ),
            "DMARC aggregate (rua) report mail arriving at the same domain. Not a bounce, not a complaint.",
        )
    )

    # human reply quoting an error
    path = "negative/human-mentions-user-unknown"
    to = bounce_addr(path, 1)
    S.append(
        neg(
            path,
            'From: "IT Desk" <it-desk@example.org>\n'
            f"To: {to}\n"
            "Subject: Re: delivery problems to our domain?\n"
            "Date: Tue, 14 Nov 2023 14:05:33 +0000\n"
            f"Message-ID: <{h(path, 16)}@example.org>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=us-ascii\n\n"
            "Hello,\n\nWe saw your messages to our staff rejected last week with\n"
            '"550 5.1.1 <j.doe@example.org>: Recipient address rejected: User unknown".\n'
            "That was a directory sync problem on our side and it is fixed now;\n"
            "j.doe@example.org is a valid address. Please do not remove it.\n\nRegards,\nIT Desk\n",
            "A postmaster writes back in person, quoting an SMTP error. Nothing to report (and certainly not "
            "userunknown for j.doe@).",
        )
    )

    # TLS-RPT
    path = "negative/tlsrpt-report"
    bnd = f"----=_Part_{int(h(path, 6), 16)}"
    S.append(
        neg(
            path,
            "From: tlsrpt-noreply@microsoft.com\n"
            "To: tlsrpt@news.example.com\n"
            "Subject: Report Domain: news.example.com Submitter: microsoft.com Report-ID: <133443552000000000+news.example.com@microsoft.com>\n"
            "Date: Tue, 14 Nov 2023 09:00:00 +0000\n"
            "TLS-Report-Domain: news.example.com\n"
            "TLS-Report-Submitter: microsoft.com\n"
            f"Message-ID: <{h(path, 20)}@microsoft.com>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type="tlsrpt"; boundary="{bnd}"\n\n'
            + multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=us-ascii\n\nThis is an aggregate TLS report from microsoft.com\n",
                    'Content-Type: application/tlsrpt+gzip\nContent-Disposition: attachment; filename="microsoft.com!news.example.com!1699833600!1699919999.json.gz"\n'
                    "Content-Transfer-Encoding: base64\n\n"
                    + b64(
                        "\x1f\x8b\x08\x00 (gzip json, truncated for the sample)",
                        "latin-1",
                    )
                    + "\n",
                ],
            ),
            "SMTP TLS reporting (RFC 8460) aggregate report: multipart/report of type tlsrpt. Not a bounce.",
        )
    )
    return S
