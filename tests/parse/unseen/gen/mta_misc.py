"""Other MTAs and groupware (Courier, OpenSMTPD, Domino, GroupWise, Kerio,
MDaemon, hMailServer, Axigen, Haraka, Stalwart) and filtering gateways
(MessageLabs, Mimecast, Proofpoint, Barracuda, IronPort, Sophos, Trend Micro,
Amavis)."""

from __future__ import annotations

from common import H, Sample, bounce_addr, exp, h, multipart, newsletter, original
from postfix import pf, said, smtp_diag


def wrap_msg(
    path: str,
    headers: str,
    body: str,
    rcpts: list[str],
    module: str,
    expected: list[dict[str, object]],
    note: str,
    crlf: bool = True,
) -> Sample:
    return Sample(
        path=path,
        raw=headers + "\n" + body,
        module=module,
        expected=expected,
        recipients=rcpts,
        note=note,
        crlf=crlf,
    )


def courier(
    path: str,
    sections: list[tuple[str, str, list[tuple[str, str]]]],
    dsn: list[list[tuple[str, str]]],
    expected: list[dict[str, object]],
    note: str,
    i: int = 0,
) -> Sample:
    host = "mail.example.com" if i != 2 else "courier.example.org"
    to = bounce_addr(path, i)
    text = f"""This is a delivery status notification from {host},
running the Courier mail server, version 1.1.10.

The original message was received on Tue, 14 Nov 2023 10:21:33 +0900
from mta1.{newsletter(i)[2]} (mta1.{newsletter(i)[2]} [192.0.2.{20 + i}])

"""
    for title, lead, recs in sections:
        text += "---------------------------------------------------------------------------\n\n"
        text += f"{title}\n\n{lead}\n\n"
        for addr, transcript in recs:
            text += f"<{addr}>:\n{transcript}\n\n"
    text += """---------------------------------------------------------------------------

If your message was also sent to additional recipients, their delivery
status is not included in this report.  You may or may not receive
other delivery status notifications for additional recipients.

The original message follows as a separate attachment.
"""
    bnd = f"=_courier.example-{int(h(path, 6), 16)}-{int(h(path, 4), 16)}-0001"
    ds = [
        "Reporting-MTA: dns; "
        + host
        + "\nArrival-Date: Tue, 14 Nov 2023 10:21:33 +0900"
    ]
    for f in dsn:
        ds.append("\n".join(f"{k}: {v}" for k, v in f))
    rcpts = [d[0][1].split("; ")[1] for d in dsn]
    orig = original(path, rcpts[0], "Tue, 14 Nov 2023 10:21:33 +0900", i=i)
    headers = (
        "Return-Path: <>\n"
        f'From: "Courier mail server at {host}" <@>\n'
        f"To: {to}\n"
        "Subject: NOTICE: mail delivery status.\n"
        "Mime-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status;\n    boundary="{bnd}"\n'
        "Content-Transfer-Encoding: 7bit\n"
        f"Message-ID: <courier.{H(path, 8)}.{H(path + 'x', 8)}@{host}>\n"
        "Date: Tue, 14 Nov 2023 10:21:36 +0900\n"
        "Auto-Submitted: auto-replied\n"
    )
    body = multipart(
        bnd,
        [
            "Content-Type: text/plain; charset=us-ascii\n\n" + text,
            "Content-Type: message/delivery-status\nContent-Transfer-Encoding: 7bit\n\n"
            + "\n\n".join(ds)
            + "\n",
            "Content-Type: message/rfc822\n\n" + orig,
        ],
        "This is a MIME-formatted message.  If you see this text it means that your\n"
        "E-mail software does not support MIME-formatted messages.",
    )
    return wrap_msg(
        path, headers, body, rcpts, "unseen-courier", expected, note, crlf=False
    )


def rfc822_hdrs(
    path: str, rcpt: str, i: int = 0, date: str = "Tue, 14 Nov 2023 10:21:33 +0900"
) -> str:
    return original(path, rcpt, date, i=i, headers_only=True)


def samples() -> list[Sample]:
    S: list[Sample] = []

    # ---- Courier
    S.append(
        courier(
            "courier/courier-undeliverable",
            [
                (
                    "                           UNDELIVERABLE MAIL",
                    "Your message to the following recipients cannot be delivered:",
                    [
                        (
                            "g.fischer@example.net",
                            "    mx.example.net [198.51.100.17]:\n>>> RCPT TO:<g.fischer@example.net>\n<<< 550 5.1.1 <g.fischer@example.net>: Recipient address rejected: User unknown in local recipient table",
                        )
                    ],
                )
            ],
            [
                [
                    ("Final-Recipient", "rfc822; g.fischer@example.net"),
                    ("Action", "failed"),
                    ("Status", "5.0.0"),
                    ("Remote-MTA", "dns; mx.example.net"),
                    (
                        "Diagnostic-Code",
                        "smtp; 550 5.1.1 <g.fischer@example.net>: Recipient address rejected: User unknown in local recipient table",
                    ),
                ]
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Courier's 'NOTICE: mail delivery status.' with the SMTP exchange quoted. DSN status is Courier's "
            "generic 5.0.0; the reply carries 5.1.1, expected as the more precise one. LF line endings.",
        )
    )
    S.append(
        courier(
            "courier/courier-mixed-outcomes",
            [
                (
                    "                           UNDELIVERABLE MAIL",
                    "Your message to the following recipients cannot be delivered:",
                    [
                        (
                            "ops@example.org",
                            "    mail.example.org [203.0.113.66]:\n>>> DATA\n<<< 552 5.3.4 Message size exceeds fixed maximum message size",
                        )
                    ],
                ),
                (
                    "                           DELAYED MAIL",
                    "Your message to the following recipients has been delayed.  Delivery attempts\nwill continue to be made until the message expires.",
                    [
                        (
                            "backup@example.net",
                            "    mx.example.net [198.51.100.19]:\n>>> RCPT TO:<backup@example.net>\n<<< 451 4.3.0 Temporary lookup failure",
                        )
                    ],
                ),
                (
                    "                              DELIVERED",
                    "Your message has been successfully delivered to the following recipients:",
                    [
                        (
                            "desk@example.com",
                            "    mx.example.com [198.51.100.21]:\n>>> DATA\n<<< 250 2.0.0 Ok: queued as 4SVD2y0Qkfz4wG3",
                        )
                    ],
                ),
            ],
            [
                [
                    ("Final-Recipient", "rfc822; ops@example.org"),
                    ("Action", "failed"),
                    ("Status", "5.0.0"),
                    ("Remote-MTA", "dns; mail.example.org"),
                    (
                        "Diagnostic-Code",
                        "smtp; 552 5.3.4 Message size exceeds fixed maximum message size",
                    ),
                ],
                [
                    ("Final-Recipient", "rfc822; backup@example.net"),
                    ("Action", "delayed"),
                    ("Status", "4.0.0"),
                    ("Remote-MTA", "dns; mx.example.net"),
                    ("Diagnostic-Code", "smtp; 451 4.3.0 Temporary lookup failure"),
                ],
                [
                    ("Final-Recipient", "rfc822; desk@example.com"),
                    ("Action", "delivered"),
                    ("Status", "2.0.0"),
                    ("Remote-MTA", "dns; mx.example.com"),
                    (
                        "Diagnostic-Code",
                        "smtp; 250 2.0.0 Ok: queued as 4SVD2y0Qkfz4wG3",
                    ),
                ],
            ],
            [
                exp("5.3.4", "552", "mesgtoobig"),
                exp("4.3.0", "451", "systemerror"),
                exp("2.0.0", "250", "delivered"),
            ],
            "One Courier notice with three outcomes (NOTIFY=SUCCESS,DELAY,FAILURE): too big (failed), a temporary "
            "lookup failure at the receiver (delayed; the receiver's own fault: systemerror), delivered. All three "
            "per-recipient blocks are expected, in DSN order. Status per recipient: the reply's enhanced code "
            "where Courier's DSN only has its generic x.0.0.",
            i=2,
        )
    )

    # ---- OpenSMTPD
    to = bounce_addr("opensmtpd/opensmtpd-inline-error", 1)
    orig = original(
        "opensmtpd/opensmtpd-inline-error",
        "sam.ward@example.net",
        "Tue, 14 Nov 2023 02:21:31 +0100",
        i=1,
    )
    S.append(
        wrap_msg(
            "opensmtpd/opensmtpd-inline-error",
            "Return-Path: <>\n"
            "Received: from localhost (localhost)\n\tby smtpd.example.org (OpenSMTPD) with ESMTPA id 5c1a2b3d\n"
            f"\tfor <{to}>;\n\tTue, 14 Nov 2023 02:21:35 +0100 (CET)\n"
            "Date: Tue, 14 Nov 2023 02:21:35 +0100 (CET)\n"
            "From: Mailer Daemon <MAILER-DAEMON@smtpd.example.org>\n"
            f"To: {to}\n"
            "Subject: Delivery status notification: error\n"
            f"Message-ID: <{h('osmtpd1', 8)}@smtpd.example.org>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=us-ascii\n"
            "Content-Transfer-Encoding: 7bit\n",
            "Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
            "An error has occurred while attempting to deliver a message for\nthe following list of recipients:\n\n"
            "sam.ward@example.net: 550 5.1.1 <sam.ward@example.net>: Recipient address rejected: User unknown in virtual mailbox table\n\n"
            "Below is a copy of the original message:\n\n" + orig,
            ["sam.ward@example.net"],
            "unseen-opensmtpd",
            [exp("5.1.1", "550", "userunknown")],
            "OpenSMTPD 5.x/6.0 bounce: plain text, the original inline after 'Below is a copy of the original "
            "message:'. LF.",
            crlf=False,
        )
    )
    path = "opensmtpd/opensmtpd-report-delay"
    to = bounce_addr(path, 2)
    bnd = f"{int(h(path, 8), 16)}/smtpd.example.net"
    text = (
        "Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
        "A message is delayed for more than 4 hours for the following\nlist of recipients:\n\n"
        "kasia@example.org: Network error on destination MXs\n\n"
        "Please note that this is only a temporary failure report.\n"
        "The message is kept in the queue for up to 4 days.\n"
        "You DO NOT NEED to re-send the message to these recipients.\n\n"
        "Below is a copy of the original message:\n"
    )
    ds = (
        "Reporting-MTA: dns; smtpd.example.net\n\nFinal-Recipient: rfc822; kasia@example.org\n"
        "Action: delayed\nStatus: 4.4.1\n"
    )
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Date: Tue, 14 Nov 2023 06:21:35 +0100 (CET)\n"
            "From: Mailer Daemon <MAILER-DAEMON@smtpd.example.net>\n"
            f"To: {to}\n"
            "Subject: Delivery status notification: delay\n"
            f"Message-ID: <{h(path, 8)}@smtpd.example.net>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
                    + text,
                    "Content-Description: Delivery Report\nContent-Type: message/delivery-status\n\n"
                    + ds,
                    "Content-Description: Message headers\nContent-Type: text/rfc822-headers\n\n"
                    + rfc822_hdrs(path, "kasia@example.org", 2),
                ],
                "This is a MIME-encapsulated message.",
            ),
            ["kasia@example.org"],
            "unseen-opensmtpd",
            [exp("4.4.1", "", "networkerror")],
            "OpenSMTPD 6.x delay report (multipart/report, Action delayed): 'Network error on destination MXs'. "
            "networkerror, soft.",
        )
    )

    # ---- Domino
    path = "domino/domino9-not-listed"
    to = bounce_addr(path, 3)
    bnd = f"=_mixed {H(path, 8)}00{H(path + 'b', 6)}_="
    text = """Your message

  Subject: Your weekly update: what's new this week

was not delivered to:

  karl.haas@example.com

because:

  User karl.haas (karl.haas@example.com) not listed in Domino Directory
"""
    ds = (
        "Reporting-MTA: dns;notes01.example.com\n\nFinal-Recipient: rfc822;karl.haas@example.com\n"
        "Action: failed\nStatus: 5.0.0\n"
        "Diagnostic-Code: X-Notes; User karl.haas (karl.haas@example.com) not listed in Domino Directory\n"
    )
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Received: from notes01.example.com ([203.0.113.30])\n\tby mx.example.com with ESMTP id 9b1f3e; Tue, 14 Nov 2023 02:21:36 +0100\n"
            "Subject: DELIVERY FAILURE: User karl.haas (karl.haas@example.com) not listed in Domino Directory\n"
            f"To: {to}\n"
            "From: Postmaster@example.com\n"
            "Date: Tue, 14 Nov 2023 02:21:35 +0100\n"
            f"Message-ID: <OF{H(path, 8)}.{H(path + 'c', 8)}-ON{H(path + 'd', 8)}@LocalDomain>\n"
            "X-MIMETrack: Itemize by SMTP Server on NOTES01/Example(Release 9.0.1FP10|January 22, 2018) at\n 14.11.2023 02:21:35\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type="delivery-status"; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    'Content-Type: text/plain; charset="US-ASCII"\n\n' + text,
                    "Content-Type: message/delivery-status\n\n" + ds,
                    "Content-Type: message/rfc822\n\n"
                    + original(
                        path,
                        "karl.haas@example.com",
                        "Tue, 14 Nov 2023 02:21:31 +0100",
                        i=3,
                    ),
                ],
            ),
            ["karl.haas@example.com"],
            "unseen-domino",
            [exp("5.0.0", "", "userunknown")],
            "HCL/IBM Domino 9: 'User ... not listed in Domino Directory', subject 'DELIVERY FAILURE: ...', DSN "
            "with an X-Notes diagnostic and Status 5.0.0. userunknown, hard. No SMTP reply code.",
        )
    )
    path = "domino/domino-hop-count"
    to = bounce_addr(path, 0)
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Subject: DELIVERY FAILURE: Router: Maximum hop count exceeded.  Message probably in a routing loop.\n"
            f"To: {to}\n"
            "From: Postmaster@example.net\n"
            "Date: Tue, 14 Nov 2023 02:21:35 +0100\n"
            f"Message-ID: <OF{H(path, 8)}.{H(path + 'c', 8)}-ON{H(path + 'd', 8)}@example.net>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=US-ASCII\n",
            "Your message\n\n  Subject: Your weekly update: what's new this week\n\nwas not delivered to:\n\n"
            "  sekretariat@example.net\n\nbecause:\n\n"
            "  Router: Maximum hop count exceeded.  Message probably in a routing loop.\n",
            ["sekretariat@example.net"],
            "unseen-domino",
            [exp("", "", "networkerror")],
            "Older Domino, plain text without DSN: routing loop (hop count). networkerror. The original is not "
            "returned.",
        )
    )

    # ---- GroupWise
    path = "groupwise/gwia-user-not-found"
    to = bounce_addr(path, 1)
    bnd = f"=__Part{H(path, 8)}.0__="
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            f"Date: Tue, 14 Nov 2023 10:21:35 +0100\nFrom: Mail Delivery System <postmaster@gw.example.de>\n"
            f"To: {to}\nSubject: Message status - undeliverable\n"
            f"Message-ID: <{H(path, 8)}.{int(h(path, 3), 16)} : 12 : 3456@gw.example.de>\n"
            "X-Mailer: GroupWise Internet Agent 18.4.2\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=US-ASCII\nContent-Transfer-Encoding: 7bit\n\n"
                    "The message that you sent was undeliverable to the following:\n"
                    "\thelga.meier@gw.example.de (user not found)\n\nPossibly truncated original message follows:\n",
                    "Content-Type: message/rfc822\n\n"
                    + original(
                        path,
                        "helga.meier@gw.example.de",
                        "Tue, 14 Nov 2023 10:21:31 +0100",
                        i=1,
                    ),
                ],
            ),
            ["helga.meier@gw.example.de"],
            "unseen-groupwise",
            [exp("", "", "userunknown")],
            "GroupWise Internet Agent: 'Message status - undeliverable', '(user not found)'. No codes.",
        )
    )

    # ---- Kerio Connect (reconstructed)
    path = "kerio/kerio-connect-failure"
    to = bounce_addr(path, 2)
    bnd = f"------------{H(path, 24)}"
    text = (
        "Your message could not be delivered to the following recipients:\n\n"
        "  <marco.bianchi@example.it>: Remote host said: 550 5.1.1 <marco.bianchi@example.it>: Recipient address rejected: User unknown\n\n"
        "This is a permanent error. The message has been removed from the queue.\n\n"
        "----- Original message headers -----\n\n"
        + rfc822_hdrs(path, "marco.bianchi@example.it", 2)
    )
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Received: from kerio.example.it by kerio.example.it (Kerio Connect 10.0.2);\n\tTue, 14 Nov 2023 02:21:35 +0100\n"
            "From: Mail Delivery System <postmaster@kerio.example.it>\n"
            f"To: {to}\n"
            "Subject: Delivery Status Notification (Failure)\n"
            "Date: Tue, 14 Nov 2023 02:21:35 +0100\n"
            f"Message-ID: <dsn-{h(path, 12)}@kerio.example.it>\n"
            "Auto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                    + text,
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; kerio.example.it\n\n"
                    "Final-Recipient: rfc822; marco.bianchi@example.it\nAction: failed\nStatus: 5.1.1\n"
                    "Remote-MTA: dns; mx.example.it\n"
                    "Diagnostic-Code: smtp; 550 5.1.1 <marco.bianchi@example.it>: Recipient address rejected: User unknown\n",
                ],
                "This is a multi-part message in MIME format.",
            ),
            ["marco.bianchi@example.it"],
            "unseen-kerio",
            [exp("5.1.1", "550", "userunknown")],
            "Kerio Connect DSN relaying to a remote that rejects the user; original headers quoted inline in the "
            "text part. Layout reconstructed from memory, not copied from a real Kerio bounce.",
        )
    )

    # ---- MDaemon
    path = "mdaemon/mdaemon-permanent-failure"
    to = bounce_addr(path, 0)
    text = f"""The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.  The number and frequency
of delivery attempts are determined by local configuration parameters.

YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!

--- Session Transcript ---
 Tue 2023-11-14 02:21:33.512: Parsing message <mail.example.com\\pd50000012345.msg>
 Tue 2023-11-14 02:21:33.513: *  From: {to}
 Tue 2023-11-14 02:21:33.513: *  To: anders.lund@example.se
 Tue 2023-11-14 02:21:33.514: *  Subject: Your weekly update: what's new this week
 Tue 2023-11-14 02:21:33.520: Attempting SMTP connection to [mx.example.se]
 Tue 2023-11-14 02:21:33.521: Resolving MX records for [mx.example.se] (DNS Server: 192.0.2.53)...
 Tue 2023-11-14 02:21:33.598: Attempting SMTP connection to [198.51.100.160:25]
 Tue 2023-11-14 02:21:33.602: Waiting for socket connection...
 Tue 2023-11-14 02:21:33.640: *  Connection established (192.0.2.55:51234 -> 198.51.100.160:25)
 Tue 2023-11-14 02:21:33.641: Waiting for protocol to start...
 Tue 2023-11-14 02:21:33.690: <-- 220 mx.example.se ESMTP Postfix
 Tue 2023-11-14 02:21:33.691: --> EHLO mail.example.com
 Tue 2023-11-14 02:21:33.730: <-- 250-mx.example.se
 Tue 2023-11-14 02:21:33.730: <-- 250-PIPELINING
 Tue 2023-11-14 02:21:33.730: <-- 250-SIZE 10240000
 Tue 2023-11-14 02:21:33.730: <-- 250 8BITMIME
 Tue 2023-11-14 02:21:33.731: --> MAIL From:<{to}> SIZE=3120
 Tue 2023-11-14 02:21:33.770: <-- 250 2.1.0 Ok
 Tue 2023-11-14 02:21:33.771: --> RCPT To:<anders.lund@example.se>
 Tue 2023-11-14 02:21:33.812: <-- 550 5.1.1 <anders.lund@example.se>: Recipient address rejected: User unknown in local recipient table
 Tue 2023-11-14 02:21:33.813: --> QUIT
--- End Transcript ---
"""
    bnd = f"--=_MDaemon_{H(path, 8)}"
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Received: from mail.example.com by mail.example.com (MDaemon 23.0.2)\n\twith ESMTP id md50000012345; Tue, 14 Nov 2023 02:21:34 +0100\n"
            "Date: Tue, 14 Nov 2023 02:21:34 +0100\n"
            "From: MDaemon@mail.example.com\n"
            f"To: {to}\n"
            "Subject: Permanent Delivery Failure\n"
            f"Message-ID: <MDAEMON{H(path, 16)}@mail.example.com>\n"
            "X-MDaemon-Deliver-To: " + to + "\n"
            "X-MDDSN-Message: Yes\n"
            "X-Return-Path: <>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=us-ascii\n\n" + text,
                    "Content-Type: message/rfc822\nContent-Disposition: attachment\n\n"
                    + original(
                        path,
                        "anders.lund@example.se",
                        "Tue, 14 Nov 2023 02:21:31 +0100",
                        i=0,
                    ),
                ],
            ),
            ["anders.lund@example.se"],
            "unseen-mdaemon",
            [exp("5.1.1", "550", "userunknown")],
            "MDaemon 'Permanent Delivery Failure': a session transcript with the 550 5.1.1 at RCPT. No DSN part.",
        )
    )

    # ---- hMailServer
    path = "hmailserver/hmailserver-undeliverable"
    to = bounce_addr(path, 1)
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Received: from mail.example.org (mail.example.org [203.0.113.99])\n\tby mx.letters.example.org (Postfix) with ESMTPS id 4SVE0k1rQMz9sYc\n"
            f"\tfor <{to}>; Tue, 14 Nov 2023 02:21:36 +0100 (CET)\n"
            f"Message-ID: <{H(path, 8)}-{H(path + 'a', 4)}-{H(path + 'b', 4)}-{H(path + 'c', 4)}-{H(path + 'd', 12)}@mail.example.org>\n"
            "MIME-Version: 1.0\n"
            "From: mailer-daemon@mail.example.org\n"
            f"To: {to}\n"
            "Date: Tue, 14 Nov 2023 02:21:35 +0100\n"
            "Subject: Message undeliverable: Your weekly update: what's new this week\n"
            'Content-Type: text/plain; charset="utf-8"\n'
            "Content-Transfer-Encoding: quoted-printable\n",
            "Your message did not reach some or all of the intended recipients.\n\n"
            "   Sent: Tue, 14 Nov 2023 02:21:31 +0100\n"
            "   Subject: Your weekly update: what's new this week\n\n"
            "The following recipient(s) could not be reached:\n\n"
            "lotte.jansen@example.nl\n"
            "   Error Type: SMTP\n"
            "   Remote server (198.51.100.182) issued an error.\n"
            "   hMailServer sent: RCPT TO:<lotte.jansen@example.nl>\n"
            "   Remote server replied: 550 5.1.1 <lotte.jansen@example.nl>: Recipient address rejected: User unknown in virtual alias table\n\n",
            ["lotte.jansen@example.nl"],
            "unseen-hmailserver",
            [exp("5.1.1", "550", "userunknown")],
            "hMailServer 5.x bounce: plain text, no DSN, no original returned.",
        )
    )

    # ---- Axigen (reconstructed)
    path = "axigen/axigen-quota"
    to = bounce_addr(path, 3)
    bnd = f"----=_Axigen_{H(path, 10)}"
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Date: Tue, 14 Nov 2023 03:21:35 +0200\n"
            "From: Mail Delivery Subsystem <MAILER-DAEMON@axigen.example.ro>\n"
            f"To: {to}\n"
            "Subject: Delivery Status Notification - Failure\n"
            f"Message-ID: <axigen.dsn.{h(path, 12)}@axigen.example.ro>\n"
            "X-AxigenSpam-Level: 0\n"
            "Auto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=utf-8\n\n"
                    "This is an automatically generated Delivery Status Notification.\n\n"
                    "Your message could not be delivered to the following recipients:\n\n"
                    "  ioana.popescu@example.ro\n    Reason: 552 5.2.2 Mailbox quota exceeded for this recipient\n",
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; axigen.example.ro\n\n"
                    "Final-Recipient: rfc822; ioana.popescu@example.ro\nAction: failed\nStatus: 5.2.2\n"
                    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox quota exceeded for this recipient\n",
                    "Content-Type: text/rfc822-headers\n\n"
                    + rfc822_hdrs(path, "ioana.popescu@example.ro", 3),
                ],
            ),
            ["ioana.popescu@example.ro"],
            "unseen-axigen",
            [exp("5.2.2", "552", "mailboxfull")],
            "Axigen local delivery over quota. Layout reconstructed from memory, not copied.",
        )
    )

    # ---- Haraka
    path = "haraka/haraka-outbound-bounce"
    to = bounce_addr(path, 2)
    bnd = f"{H(path, 8)}-{H(path + 'a', 4)}-{H(path + 'b', 4)}-{H(path + 'c', 4)}-{H(path + 'd', 12)}"
    S.append(
        wrap_msg(
            path,
            f"Received: (Haraka 3.0.3 invoked for bounce); Tue, 14 Nov 2023 01:21:35 +0000\n"
            f"Message-Id: <{bnd}@haraka.example.net>\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            "From: Mail Delivery System <MAILER-DAEMON@haraka.example.net>\n"
            f"To: <{to}>\n"
            "Subject: Mail delivery failed: returning message to sender\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status;\n    boundary="{bnd}"\n'
            "Auto-Submitted: auto-replied\n",
            multipart(
                bnd,
                [
                    "Content-Type: text/plain; charset=us-ascii\n\n"
                    "This message was created automatically by mail delivery software.\n\n"
                    "A message that you sent could not be delivered to one or more of its\n"
                    "recipients. This is a permanent error. The following address(es) failed:\n\n"
                    "nils.berg@example.org: 550 5.7.1 <nils.berg@example.org>: Sender address rejected: Access denied\n",
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns;haraka.example.net\n"
                    "Arrival-Date: Tue, 14 Nov 2023 01:21:33 +0000\n\n"
                    "Final-Recipient: rfc822;nils.berg@example.org\nAction: failed\nStatus: 5.7.1\n"
                    "Remote-MTA: dns;mx.example.org\n"
                    "Diagnostic-Code: smtp;550 5.7.1 <nils.berg@example.org>: Sender address rejected: Access denied\n",
                    "Content-Type: message/rfc822\n\n"
                    + original(
                        path,
                        "nils.berg@example.org",
                        "Tue, 14 Nov 2023 01:21:33 +0000",
                        i=2,
                    ),
                ],
                "This is a MIME-encapsulated message.",
            ),
            ["nils.berg@example.org"],
            "unseen-haraka",
            [exp("5.7.1", "550", "rejected")],
            "Haraka outbound bounce; the receiver's access table refuses our envelope SENDER ('Sender address "
            "rejected: Access denied'): rejected. The recipient is not at fault; must not be hard.",
        )
    )

    # ---- Stalwart (reconstructed)
    path = "stalwart/stalwart-dsn"
    to = bounce_addr(path, 0)
    bnd = f"{H(path, 16)}_{H(path + 'x', 8)}"
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            'From: "Mail Delivery Subsystem" <MAILER-DAEMON@mail.example.eu>\n'
            f"To: <{to}>\n"
            "Subject: Failed to deliver message\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            f"Message-ID: <{h(path, 20)}@mail.example.eu>\n"
            "Auto-Submitted: auto-generated\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type="delivery-status"; boundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 7bit\n\n'
                    "Your message could not be delivered to the following recipients:\n\n"
                    "<eva.horvath@example.eu> (host 'mx.example.eu' rejected command 'RCPT TO:<eva.horvath@example.eu>' "
                    "with code 550 (5.1.1) 'Mailbox does not exist')\n",
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns;mail.example.eu\n"
                    "Arrival-Date: Tue, 14 Nov 2023 01:21:33 +0000\n\n"
                    "Final-Recipient: rfc822;eva.horvath@example.eu\nAction: failed\nStatus: 5.1.1\n"
                    "Remote-MTA: dns;mx.example.eu\nDiagnostic-Code: smtp;550 5.1.1 Mailbox does not exist\n",
                    "Content-Type: text/rfc822-headers\n\n"
                    + rfc822_hdrs(path, "eva.horvath@example.eu", 0),
                ],
            ),
            ["eva.horvath@example.eu"],
            "unseen-stalwart",
            [exp("5.1.1", "550", "userunknown")],
            "Stalwart Mail Server DSN; wording reconstructed from memory of its source.",
        )
    )

    # ---- MessageLabs (Symantec.cloud) as sender-side gateway
    path = "messagelabs/symantec-cloud-dsn"
    to = bounce_addr(path, 3)
    bnd = f"----=_Part_{int(h(path, 6), 16)}_{int(h(path, 8), 16)}.1699924895"
    S.append(
        wrap_msg(
            path,
            "Return-Path: <>\n"
            "Received: from [85.158.142.97] by server-9.bemta-6.messagelabs.com id 3C/4A-12345-F1A2B3C4; Tue, 14 Nov 2023 01:21:35 +0000\n"
            "From: MAILER-DAEMON@messagelabs.com\n"
            f"To: {to}\n"
            "Subject: Mail Delivery Failure\n"
            "Date: Tue, 14 Nov 2023 01:21:35 +0000\n"
            f"Message-ID: <{h(path, 16)}@server-9.tower-584.messagelabs.com>\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{bnd}"\n',
            multipart(
                bnd,
                [
                    "Content-Type: text/plain\n\nThis is an automatically generated Delivery Status Notification.\n\n"
                    "Delivery to the following recipients failed.\n\n       s.brown@example.co.uk\n\n",
                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; server-9.tower-584.messagelabs.com\n"
                    "Arrival-Date: Tue, 14 Nov 2023 01:21:33 +0000\n\n"
                    "Final-Recipient: rfc822; s.brown@example.co.uk\nAction: failed\nStatus: 5.0.0\n"
                    "Diagnostic-Code: smtp; 550 #5.1.0 Address rejected s.brown@example.co.uk\n",
                    "Content-Type: message/rfc822\n\n"
                    + original(
                        path,
                        "s.brown@example.co.uk",
                        "Tue, 14 Nov 2023 01:21:33 +0000",
                        i=3,
                    ),
                ],
            ),
            ["s.brown@example.co.uk"],
            "unseen-messagelabs",
            [exp("5.1.0", "550", "userunknown")],
            "Symantec.cloud outbound gateway's DSN; the receiving side (a Cisco IronPort, '550 #5.1.0 Address "
            "rejected') refuses a recipient not in its LDAP directory. userunknown, hard. Status: the diagnostic's "
            "5.1.0 is more precise than the DSN's generic 5.0.0.",
        )
    )
    r = (
        "553-you are trying to use me [server-3.tower-587.messagelabs.com] as a relay, but I have not been "
        "configured to let you (192.0.2.41, EXAMPLE) do this. 553-Please visit "
        "www.symanteccloud.com/troubleshooting for more details about this error message 553 and "
        "instructions to resolve this issue. (#5.7.1)"
    )
    S.append(
        pf(
            "messagelabs/postfix-messagelabs-relay",
            "unseen-messagelabs",
            "MX",
            [
                {
                    "addr": "accounts@example.co.uk",
                    "text": said("cluster3.eu.messagelabs.com", "85.158.136.3", r),
                    "status": "5.7.1",
                    "remote": "cluster3.eu.messagelabs.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "553", "norelaying")],
            "MessageLabs as the recipient's inbound filter no longer serves the domain: it refuses to relay.",
        )
    )

    # ---- Mimecast
    r = "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [R7vj1xq8MkSJ0UuuvUhbzA.uk123]"
    S.append(
        pf(
            "mimecast/postfix-mimecast-invalid-recipient",
            "unseen-mimecast",
            "MX",
            [
                {
                    "addr": "r.evans@example.co.uk",
                    "text": said("eu-smtp-inbound-1.mimecast.com", "91.220.42.211", r),
                    "status": "5.0.0",
                    "remote": "eu-smtp-inbound-1.mimecast.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.0.0", "550", "userunknown")],
            "Mimecast inbound: 'Invalid Recipient'. userunknown.",
            i=1,
        )
    )
    r = (
        "550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 "
        "[aB3dE5fG7hI9jK1lM3nO5p.us456]"
    )
    S.append(
        pf(
            "mimecast/postfix-mimecast-envelope-blocked",
            "unseen-mimecast",
            "MX",
            [
                {
                    "addr": "purchasing@example.com",
                    "text": said("us-smtp-inbound-2.mimecast.com", "205.139.110.61", r),
                    "status": "5.0.0",
                    "remote": "us-smtp-inbound-2.mimecast.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.0.0", "550", "rejected")],
            "Mimecast 'envelope blocked': the sender (address or domain) is on the customer's blocked senders "
            "list. The sender is refused, not the recipient: rejected.",
            i=2,
        )
    )

    # ---- Proofpoint
    r = "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.77"
    S.append(
        pf(
            "proofpoint/postfix-proofpoint-ipcheck",
            "unseen-proofpoint",
            "smtp.letters.example.org",
            [
                {
                    "addr": "legal@example.com",
                    "text": said(
                        "mx0a-00123456.pphosted.com", "148.163.150.10", r, "MAIL FROM"
                    ),
                    "status": "5.7.0",
                    "remote": "mx0a-00123456.pphosted.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.0", "554", "blocked")],
            "Proofpoint's IP reputation block: blocked.",
            i=1,
        )
    )
    r = "550 5.7.1 Message rejected due to SPF policy violation - see https://www.proofpoint.com/us/spf-fail"
    S.append(
        pf(
            "proofpoint/postfix-proofpoint-spf",
            "unseen-proofpoint",
            "MX",
            [
                {
                    "addr": "hr@example.org",
                    "text": said(
                        "mx0b-00654321.pphosted.com", "148.163.156.20", r, "end of DATA"
                    ),
                    "status": "5.7.1",
                    "remote": "mx0b-00654321.pphosted.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "550", "authfailure")],
            "Proofpoint rejects because SPF failed: authfailure.",
            i=3,
        )
    )

    # ---- Barracuda
    r = (
        "554 Service unavailable; Client host [192.0.2.77] blocked using Barracuda Reputation; "
        "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.77"
    )
    S.append(
        pf(
            "barracuda/postfix-barracuda-brbl",
            "unseen-barracuda",
            "smtp.letters.example.org",
            [
                {
                    "addr": "office@example.at",
                    "text": said("mx.example.at", "198.51.100.29", r),
                    "status": "5.0.0",
                    "remote": "mx.example.at",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.0.0", "554", "blocked")],
            "Barracuda appliance: the sending IP is on Barracuda Reputation: blocked.",
            i=1,
        )
    )

    # ---- Cisco IronPort
    r = "550 #5.1.0 Address rejected."
    S.append(
        pf(
            "ironport/postfix-ironport-address-rejected",
            "unseen-ironport",
            "MX",
            [
                {
                    "addr": "m.thompson@example.com",
                    "text": said("esa1.example.iphmx.com", "68.232.129.12", r),
                    "status": "5.1.0",
                    "remote": "esa1.example.iphmx.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.0", "550", "userunknown")],
            "Cisco ESA (IronPort) LDAP accept query: the recipient is not in the directory ('#5.1.0 Address "
            "rejected.'). userunknown, hard.",
            i=2,
        )
    )

    # ---- Sophos
    r = "554 5.7.1 Message rejected: virus found (Sophos: EICAR-AV-Test)"
    S.append(
        pf(
            "sophos/postfix-sophos-virus",
            "unseen-sophos",
            "MX",
            [
                {
                    "addr": "lab@example.org",
                    "text": said(
                        "mx-01-eu-west-1.prod.hydra.sophos.com",
                        "35.157.190.224",
                        r,
                        "end of DATA",
                    ),
                    "status": "5.7.1",
                    "remote": "mx-01-eu-west-1.prod.hydra.sophos.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "554", "virusdetected")],
            "Sophos Email rejects an attachment as infected: virusdetected.",
            i=0,
        )
    )

    # ---- Trend Micro
    r = (
        "550 5.7.1 Service unavailable; Client host [192.0.2.77] blocked using Trend Micro Email Reputation "
        "database. Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.77"
    )
    S.append(
        pf(
            "trendmicro/postfix-trendmicro-ers",
            "unseen-trendmicro",
            "smtp.letters.example.org",
            [
                {
                    "addr": "support@example.co.jp",
                    "text": said(
                        "example-co-jp.in.tmes.trendmicro.com", "18.208.22.104", r
                    ),
                    "status": "5.7.1",
                    "remote": "example-co-jp.in.tmes.trendmicro.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "550", "blocked")],
            "Trend Micro Email Security: IP listed in its Email Reputation database: blocked.",
            i=1,
        )
    )

    # ---- Amavis at the receiver
    r = "554 5.7.0 Reject, id=28411-05 - INFECTED: Eicar-Signature"
    S.append(
        pf(
            "amavis/postfix-amavis-infected",
            "unseen-amavis",
            "MX",
            [
                {
                    "addr": "t.horvat@example.hr",
                    "text": said("mail.example.hr", "198.51.100.250", r, "end of DATA"),
                    "status": "5.7.0",
                    "remote": "mail.example.hr",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.0", "554", "virusdetected")],
            "amavisd-new before-queue at the receiver finds a virus: virusdetected.",
            i=3,
        )
    )
    return S
