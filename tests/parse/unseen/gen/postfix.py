"""Postfix in several versions, and hosting set-ups built on it (Plesk, Zimbra,
Fastmail, Proton), with the remote answers of the big mailbox providers."""

from __future__ import annotations

import re

from common import (
    H,
    Sample,
    b64,
    bounce_addr,
    dsn_fields,
    exp,
    multipart,
    newsletter,
    original,
    qp,
    wrap,
)

MODERN_INTRO = """This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""

OLD_INTRO = """This is the Postfix program at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to <postmaster>

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

\t\t\tThe Postfix program
"""

DELAY_INTRO = """This is the mail system at host {host}.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than {hours} hour(s).
It will be retried until it is {days} day(s) old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""

SUCCESS_INTRO = """This is the mail system at host {host}.

Your message was successfully delivered to the destination(s)
listed below. If the message was delivered to mailbox you will
receive no further notifications. Otherwise you may still receive
notifications of mail delivery errors from other systems.

                   The mail system
"""


def pf(
    path: str,
    module: str,
    host: str,
    rcpts: list[dict[str, str]],
    expected: list[dict[str, object]],
    note: str,
    date: str = "Tue, 14 Nov 2023 10:21:35 +0900 (JST)",
    arrival: str = "Tue, 14 Nov 2023 10:21:31 +0900 (JST)",
    style: str = "modern",
    returned: str = "message",
    mode: str = "failed",
    i: int = 0,
    crlf: bool = True,
    relayed_to_us: str | None = None,
    hours: int = 4,
    days: int = 5,
    until: str = "Sun, 19 Nov 2023 10:21:31 +0900 (JST)",
    intro_text: str | None = None,
    charset: str = "us-ascii",
    cte: str = "",
    subject_text: str | None = None,
) -> Sample:
    if host == "MX":
        host = newsletter(i)[3]
    qid = H(path, 11)
    bnd = f"{qid}.1699924895/{host}"
    to = bounce_addr(path, i)
    first = rcpts[0]["addr"]
    if mode == "delayed":
        intro = DELAY_INTRO.format(host=host, hours=hours, days=days)
        subject = "Delayed Mail (still being retried)"
    elif mode == "success":
        intro = SUCCESS_INTRO.format(host=host)
        subject = "Successful Mail Delivery Report"
    else:
        intro = (OLD_INTRO if style == "old" else MODERN_INTRO).format(host=host)
        subject = "Undelivered Mail Returned to Sender"
    if intro_text is not None:
        intro = intro_text.format(host=host)
    if subject_text is not None:
        subject = subject_text
    lines = []
    for r in rcpts:
        lines.append(wrap(f"<{r['addr']}>{r.get('expanded', '')}: {r['text']}"))
    notification = intro + "\n" + "\n\n".join(lines) + "\n"

    head = [("Reporting-MTA", f"dns; {host}")]
    if style != "old":
        head += [("X-Postfix-Queue-ID", qid), ("X-Postfix-Sender", f"rfc822; {to}")]
    head.append(("Arrival-Date", arrival))
    blocks = [dsn_fields(head)]
    for r in rcpts:
        f = [("Final-Recipient", f"rfc822; {r['addr']}")]
        if style != "old" and r.get("orig", "yes") != "no":
            f.append(("Original-Recipient", f"rfc822;{r.get('orig_addr', r['addr'])}"))
        f.append(("Action", r.get("action", mode if mode != "success" else "relayed")))
        f.append(("Status", r["status"]))
        if r.get("remote"):
            f.append(("Remote-MTA", f"dns; {r['remote']}"))
        if r.get("diag"):
            f.append(("Diagnostic-Code", r["diag"]))
        if mode == "delayed":
            f.append(("Will-Retry-Until", until))
        blocks.append(dsn_fields(f))
    dsn = "\n\n".join(blocks) + "\n"

    odate = re.sub(r" \(\w+\)$", "", arrival)
    orig = original(path, first, odate, i=i)
    if returned == "headers" or mode in ("delayed", "success"):
        ret = (
            "Content-Description: Undelivered Message Headers\n"
            "Content-Type: text/rfc822-headers\n"
            "Content-Transfer-Encoding: 7bit\n\n"
            + original(path, first, odate, i=i, headers_only=True)
        )
        if mode == "success":
            ret = ret.replace("Undelivered Message Headers", "Message Headers")
    else:
        ret = (
            "Content-Description: Undelivered Message\n"
            "Content-Type: message/rfc822\n"
            "Content-Transfer-Encoding: 8bit\n\n" + orig
        )
    if cte == "base64":
        notification = b64(notification, charset) + "\n"
    elif cte == "quoted-printable":
        notification = qp(notification, charset)
    elif cte == "7bit" and charset != "us-ascii":
        notification = notification.encode(charset).decode("ascii")
    parts = [
        "Content-Description: Notification\nContent-Type: text/plain; "
        f"charset={charset}\n"
        + (f"Content-Transfer-Encoding: {cte}\n" if cte else "")
        + "\n"
        + notification,
    ]
    if style == "nodsn":
        ctype = f'multipart/mixed; boundary="{bnd}"'
    else:
        ctype = f'multipart/report; report-type=delivery-status;\n\tboundary="{bnd}"'
        desc = "Delivery error report" if style == "old" else "Delivery report"
        parts.append(
            f"Content-Description: {desc}\nContent-Type: message/delivery-status\n\n"
            + dsn
        )
    parts.append(ret)
    received = f"Received: by {host} (Postfix)\n\tid {qid}; {date}\n"
    if relayed_to_us:
        received = (
            f"Received: from {host} ({host} [{relayed_to_us}])\n"
            f"\tby mx.{to.split('@')[1]} (Postfix) with ESMTPS id {H(path + 'rx', 10)}\n"
            f"\tfor <{to}>; {date}\n" + received
        )
    raw = (
        f"Return-Path: <>\n{received}"
        f"Date: {date}\n"
        f"From: MAILER-DAEMON@{host} (Mail Delivery System)\n"
        f"Subject: {subject}\n"
        f"To: {to}\n"
        + ("Auto-Submitted: auto-replied\n" if style != "old" else "")
        + "MIME-Version: 1.0\n"
        f"Content-Type: {ctype}\n"
        + ("Content-Transfer-Encoding: 8bit\n" if style != "old" else "")
        + f"Message-Id: <20231114012135.{qid}@{host}>\n\n"
        + multipart(bnd, parts, "This is a MIME-encapsulated message.")
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[r["addr"] for r in rcpts],
        note=note,
        crlf=crlf,
    )


def said(host: str, ip: str, reply: str, cmd: str = "RCPT TO") -> str:
    return f"host {host}[{ip}] said: {reply} (in reply to {cmd} command)"


def smtp_diag(reply: str) -> str:
    return f"smtp; {reply}"


def samples() -> list[Sample]:
    S: list[Sample] = []
    MX = "MX"  # the newsletter's own relay

    # -- remote user unknown, Postfix 3.x, full message returned
    r = "550 5.1.1 <kaori.tanabe@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
    S.append(
        pf(
            "postfix/postfix3-userunknown-virtual",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "kaori.tanabe@example.net",
                    "text": said("mx1.example.net", "198.51.100.25", r),
                    "status": "5.1.1",
                    "remote": "mx1.example.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Postfix 3.x relay, remote Postfix rejects at RCPT with 'User unknown in virtual mailbox table'.",
        )
    )

    # -- local recipient table, returned headers only, LF line endings
    r = "550 5.1.1 <m.oyelaran@example.org>: Recipient address rejected: User unknown in local recipient table"
    S.append(
        pf(
            "postfix/postfix2.11-userunknown-local-headers",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "m.oyelaran@example.org",
                    "text": said("mail.example.org", "203.0.113.40", r),
                    "status": "5.1.1",
                    "remote": "mail.example.org",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Postfix 2.11 style, only the headers of the message returned (text/rfc822-headers), LF line endings.",
            returned="headers",
            crlf=False,
            i=1,
        )
    )

    # -- old Postfix 2.1 wording, Status 5.0.0, no enhanced code from the remote
    r = "550 <j.halvorsen@example.net>... User unknown"
    S.append(
        pf(
            "postfix/postfix2.1-old-wording",
            "unseen-postfix",
            "mail.shop.example.net",
            [
                {
                    "addr": "j.halvorsen@example.net",
                    "text": said("smtp.example.net", "198.51.100.80", r),
                    "status": "5.0.0",
                    "diag": "X-Postfix; "
                    + said("smtp.example.net", "198.51.100.80", r),
                }
            ],
            [exp("5.0.0", "550", "userunknown")],
            "Old Postfix (2.1/2.2): 'This is the Postfix program', 'Delivery error report', DSN Status 5.0.0 and an "
            "X-Postfix diagnostic. The remote (a Sendmail) answered '550 ... User unknown' with no enhanced code, so "
            "the only status in the message is 5.0.0.",
            style="old",
            i=2,
            date="Wed, 3 Mar 2010 17:02:11 +0100 (CET)",
            arrival="Wed, 3 Mar 2010 17:02:09 +0100 (CET)",
        )
    )

    # -- local delivery, unknown user (expanded from an alias)
    S.append(
        pf(
            "postfix/postfix-local-unknown-user",
            "unseen-postfix",
            "mail.example.net",
            [
                {
                    "addr": "info-old@example.net",
                    "expanded": " (expanded from <info@example.net>)",
                    "text": 'unknown user: "info-old"',
                    "status": "5.1.1",
                    "orig_addr": "info@example.net",
                    "diag": 'X-Postfix; unknown user: "info-old"',
                }
            ],
            [exp("5.1.1", "", "userunknown")],
            "Remote Postfix accepted the mail and its local(8) agent found no such user after alias expansion. "
            "The bounced recipient is the final one named in the report (info-old@); the DSN's Original-Recipient "
            "is info@example.net. No SMTP reply code: the failure is local.",
            relayed_to_us="198.51.100.31",
            i=0,
        )
    )

    # -- Dovecot LMTP quota, mailbox full (permanent 552 5.2.2)
    r = "552 5.2.2 <s.nakamura@example.jp> Quota exceeded (mailbox for user is full)"
    S.append(
        pf(
            "postfix/plesk-dovecot-quota",
            "unseen-plesk",
            "vps1234.example.jp",
            [
                {
                    "addr": "s.nakamura@example.jp",
                    "text": "host vps1234.example.jp[private/dovecot-lmtp] said: "
                    + r
                    + " (in reply to end of data command)",
                    "status": "5.2.2",
                    "remote": "vps1234.example.jp",
                    "diag": "smtp; " + r,
                }
            ],
            [exp("5.2.2", "552", "mailboxfull")],
            "Plesk server (Postfix + Dovecot LMTP): the mailbox is over quota. mailboxfull is never hard.",
            relayed_to_us="203.0.113.77",
            i=3,
        )
    )

    # -- Zimbra over quota over LMTP
    r = "552 5.2.2 Over quota"
    S.append(
        pf(
            "postfix/zimbra-lmtp-overquota",
            "unseen-zimbra",
            "zimbra.example.org",
            [
                {
                    "addr": "karl.lindqvist@example.org",
                    "text": "host zimbra.example.org[192.0.2.200] said: "
                    + r
                    + " (in reply to end of data command)",
                    "status": "5.2.2",
                    "remote": "zimbra.example.org",
                    "diag": "smtp; " + r,
                }
            ],
            [exp("5.2.2", "552", "mailboxfull")],
            "Zimbra's MTA is Postfix; its LMTP store refuses with 'Over quota'.",
            relayed_to_us="203.0.113.12",
            i=1,
        )
    )

    # -- relay access denied
    r = "554 5.7.1 <ops@example.com>: Relay access denied"
    S.append(
        pf(
            "postfix/relay-access-denied",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "ops@example.com",
                    "text": said("mx.example.com", "198.51.100.60", r),
                    "status": "5.7.1",
                    "remote": "mx.example.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "554", "norelaying")],
            "Remote Postfix does not consider itself the destination for the domain (stale MX) and refuses to relay.",
        )
    )

    # -- mail loops back to myself
    S.append(
        pf(
            "postfix/loops-back-to-myself",
            "unseen-postfix",
            "mx2.example.org",
            [
                {
                    "addr": "anna.berg@example.org",
                    "text": "mail for example.org loops back to myself",
                    "status": "5.4.6",
                    "diag": "X-Postfix; mail for example.org loops back to myself",
                }
            ],
            [exp("5.4.6", "", "networkerror")],
            "MX points at a host that does not list the domain in mydestination: Postfix detects the loop (5.4.6). "
            "Routing loops are networkerror in the vocabulary.",
            relayed_to_us="203.0.113.90",
            i=1,
        )
    )

    # -- Host or domain name not found (permanent, NXDOMAIN)
    S.append(
        pf(
            "postfix/host-not-found",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "pedro@exmaple-mail.example",
                    "text": "Host or domain name not found. Name service error for name=exmaple-mail.example type=A: Host not found",
                    "status": "5.4.4",
                    "diag": "X-Postfix; Host or domain name not found. Name service error for name=exmaple-mail.example type=A: Host not found",
                }
            ],
            [exp("5.4.4", "", "hostunknown")],
            "The recipient domain (a typo) does not exist in the DNS: Postfix's 5.4.4 'Host not found'. hostunknown, "
            "hard: the domain cannot receive mail.",
        )
    )

    # -- Host not found, try again -> temporary, after 5 days final
    S.append(
        pf(
            "postfix/dns-tempfail-expired",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "office@example-lan.example",
                    "text": "delivery temporarily suspended: Host or domain name not found. Name service error for name=example-lan.example type=MX: Host not found, try again",
                    "status": "4.4.3",
                    "diag": "X-Postfix; delivery temporarily suspended: Host or domain name not found. Name service error for name=example-lan.example type=MX: Host not found, try again",
                }
            ],
            [exp("4.4.3", "", "expired")],
            "Final bounce (Action failed) after the queue lifetime; the DNS kept answering SERVFAIL ('try again'), a "
            "temporary error, so the message expired rather than the host being unknown. Status 4.4.3 as written.",
        )
    )

    # -- connection timed out, still failing after maximal_queue_lifetime
    S.append(
        pf(
            "postfix/timeout-expired",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "verkauf@example.org",
                    "text": "connect to mail.example.org[198.51.100.99]:25: Connection timed out",
                    "status": "4.4.1",
                    "diag": "X-Postfix; connect to mail.example.org[198.51.100.99]:25: Connection timed out",
                }
            ],
            [exp("4.4.1", "", "expired")],
            "Action failed with a 4.4.1 status: Postfix gave up after maximal_queue_lifetime (5 days) of 'Connection "
            "timed out'. The bounce happened because the message expired; networkerror would describe the last "
            "attempt but not the outcome.",
            i=2,
            date="Sun, 19 Nov 2023 10:30:02 +0900 (JST)",
        )
    )

    # -- delayed warning, connection timed out
    S.append(
        pf(
            "postfix/delayed-timeout",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "h.mueller@example.net",
                    "text": "connect to mx01.example.net[198.51.100.7]:25: Connection timed out",
                    "status": "4.4.1",
                    "diag": "X-Postfix; connect to mx01.example.net[198.51.100.7]:25: Connection timed out",
                }
            ],
            [exp("4.4.1", "", "networkerror")],
            "Delay warning ('Delayed Mail (still being retried)', Action delayed). The stated cause is a connection "
            "timeout, so networkerror; 'expired' is defensible for delay notices in general but the message has not "
            "expired yet.",
            mode="delayed",
        )
    )

    # -- delayed, greylisting by postgrey at a Plesk host
    r = "450 4.2.0 <t.ricci@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html"
    S.append(
        pf(
            "postfix/delayed-greylisted-postgrey",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "t.ricci@example.org",
                    "text": said("mx.example.org", "203.0.113.21", r),
                    "status": "4.2.0",
                    "remote": "mx.example.org",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.2.0", "450", "blocked")],
            "Delay warning: postgrey keeps greylisting the relay (the retry came from another IP of the pool). "
            "Greylisting has no reason of its own in the vocabulary; it is a temporary refusal of the sending "
            "host, so blocked (soft). Debatable: some would leave it undefined.",
            mode="delayed",
            i=1,
            hours=5,
        )
    )

    # -- success DSN (NOTIFY=SUCCESS), relayed
    r = "250 2.0.0 Ok: queued as 4SVB1k3mFfz1xnd"
    S.append(
        pf(
            "postfix/success-relayed",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "lena.fischer@example.com",
                    "text": "delivery via mx.example.com[198.51.100.5]:25: " + r,
                    "status": "2.0.0",
                    "remote": "mx.example.com",
                    "diag": "smtp; " + r,
                }
            ],
            [exp("2.0.0", "250", "delivered")],
            "A success report the sender asked for with NOTIFY=SUCCESS; the next hop does not speak DSN, so Postfix "
            "says 'relayed'. Delivered, not a bounce.",
            mode="success",
        )
    )

    # -- multi-recipient: unknown, full, disabled
    r1 = "550 5.1.1 <a.kowalski@example.net>: Recipient address rejected: User unknown in relay recipient table"
    r2 = "552 5.2.2 <b.nowak@example.net>: Recipient address rejected: Mailbox full"
    r3 = "550 5.2.1 <c.wisniewski@example.net>: Recipient address rejected: Account disabled"
    S.append(
        pf(
            "postfix/multi-three-reasons",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "a.kowalski@example.net",
                    "text": said("mx.example.net", "198.51.100.45", r1),
                    "status": "5.1.1",
                    "remote": "mx.example.net",
                    "diag": smtp_diag(r1),
                },
                {
                    "addr": "b.nowak@example.net",
                    "text": said("mx.example.net", "198.51.100.45", r2),
                    "status": "5.2.2",
                    "remote": "mx.example.net",
                    "diag": smtp_diag(r2),
                },
                {
                    "addr": "c.wisniewski@example.net",
                    "text": said("mx.example.net", "198.51.100.45", r3),
                    "status": "5.2.1",
                    "remote": "mx.example.net",
                    "diag": smtp_diag(r3),
                },
            ],
            [
                exp("5.1.1", "550", "userunknown"),
                exp("5.2.2", "552", "mailboxfull"),
                exp("5.2.1", "550", "suspend"),
            ],
            "Three recipients at one domain, three outcomes in one Postfix report: unknown (hard), mailbox full "
            "(soft), disabled account (suspend, soft).",
            i=2,
        )
    )

    # -- message too big
    r = "552 5.3.4 Message size exceeds fixed limit"
    S.append(
        pf(
            "postfix/message-too-big",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "print@example.org",
                    "text": said("mx.example.org", "198.51.100.12", r, "MAIL FROM"),
                    "status": "5.3.4",
                    "remote": "mx.example.org",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.3.4", "552", "mesgtoobig")],
            "Remote Postfix's message_size_limit, refused already at MAIL FROM (SIZE=). Returned headers only, as "
            "Postfix does for large messages.",
            returned="headers",
            i=3,
        )
    )

    # -- Gmail: does not exist
    r = (
        "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
        "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more "
        "information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
        "d2e1a72fcca58-6c33a7f3e21si1274501b3a.512 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-nosuchuser",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "rin.takahashi@example.com",
                    "text": said("gmail-smtp-in.l.google.com", "142.250.102.27", r),
                    "status": "5.1.1",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Google Workspace domain; Gmail's multi-line 550-5.1.1 answer as Postfix folds it into one line.",
        )
    )

    # -- Gmail over quota temp -> delayed
    r = (
        "452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to "
        "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 5b1f17b1804b1-40a4fd0e77asi4061855e9.187 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-overquota-delayed",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "m.schulz@example.net",
                    "text": said("aspmx.l.google.com", "142.251.9.26", r),
                    "status": "4.2.2",
                    "remote": "aspmx.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.2.2", "452", "mailboxfull")],
            "Delay warning: Gmail's temporary OverQuotaTemp answer. mailboxfull, soft.",
            mode="delayed",
            i=1,
        )
    )

    # -- Gmail rate limited / bad reputation, final after expiry? Use delayed
    r = (
        "421-4.7.0 [192.0.2.41      15] Our system has detected an unusual rate of 421-4.7.0 unsolicited mail "
        "originating from your IP address. To protect our 421-4.7.0 users from spam, mail sent from your IP "
        "address has been temporarily 421-4.7.0 rate limited. Please visit 421-4.7.0  "
        "https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.0 review our Bulk Email Senders "
        "Guidelines. a640c23a62f3a-a9e66a9f2b5si118342566b.301 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-unsolicited-rate",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "d.okafor@example.org",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.153.26", r, "end of DATA"
                    ),
                    "status": "4.7.0",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.7.0", "421", "badreputation")],
            "Delay warning with Gmail's 'unusual rate of unsolicited mail originating from your IP address': "
            "the IP's reputation is the cause, so badreputation (speeding is defensible: the text says "
            "'rate limited').",
            mode="delayed",
            i=2,
        )
    )

    # -- Gmail DMARC
    r = (
        "550-5.7.26 Unauthenticated email from news.example.com is not accepted due to 550-5.7.26 domain's "
        "DMARC policy. Please contact the administrator of 550-5.7.26 news.example.com domain if this was a "
        "legitimate mail. To learn 550-5.7.26 about the DMARC initiative, go to 550 5.7.26  "
        "https://support.google.com/mail/?p=DmarcRejection 98e67ed59e1d1-2e2b64a1c3csi5312241a91.61 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-dmarc",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "ana.souza@example.com",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.102.27", r, "end of DATA"
                    ),
                    "status": "5.7.26",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.26", "550", "authfailure")],
            "DMARC rejection (5.7.26) at Gmail: authfailure.",
        )
    )

    # -- Gmail 2024 unauthenticated sender
    r = (
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires "
        "all senders to authenticate with either SPF or DKIM. 550-5.7.26 550-5.7.26  Authentication results: "
        "550-5.7.26  DKIM = did not pass 550-5.7.26  SPF [shop.example.net] with ip: [192.0.2.43] = did not pass "
        "550-5.7.26 550-5.7.26  For instructions on setting up authentication, go to 550 5.7.26  "
        "https://support.google.com/mail/answer/81126#authentication 41be03b00d2f7-7ea8c9e3b1fsi203911a12.330 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-unauthenticated-2024",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "f.rossi@example.org",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.153.27", r, "end of DATA"
                    ),
                    "status": "5.7.26",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.26", "550", "authfailure")],
            "Gmail's 2024 bulk-sender rule: neither SPF nor DKIM passed. authfailure.",
            i=2,
        )
    )

    # -- Gmail likely unsolicited
    r = (
        "550-5.7.1 [192.0.2.41      12] Our system has detected that this message is 550-5.7.1 likely "
        "unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. "
        "For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError "
        "6a1803df08f44-6d3d2a1f4b3si9812736d6.298 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-likely-unsolicited",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "kim.jisoo@example.com",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.102.26", r, "end of DATA"
                    ),
                    "status": "5.7.1",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "550", "spamdetected")],
            "Gmail judged this message to be spam ('likely unsolicited mail'): spamdetected.",
        )
    )

    # -- Gmail PTR
    r = (
        "550-5.7.25 [192.0.2.99] The IP address sending this message does not have a 550-5.7.25 PTR record "
        "setup, or the corresponding forward DNS entry does not 550-5.7.25 point to the sending IP. As a policy, "
        "Gmail does not accept 550-5.7.25 messages from IPs with missing PTR records. For more information, go "
        "to 550-5.7.25  https://support.google.com/mail/answer/81126#ip-practices 550 5.7.25 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-noptr",
            "unseen-gmail",
            "smtp.example.org",
            [
                {
                    "addr": "sales@example.com",
                    "text": said("aspmx.l.google.com", "142.251.9.27", r, "MAIL FROM"),
                    "status": "5.7.25",
                    "remote": "aspmx.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.25", "550", "requireptr")],
            "Sending IP has no PTR: Gmail 5.7.25. requireptr.",
            i=1,
        )
    )

    # -- Gmail size
    r = (
        "552-5.2.3 Your message exceeded Google's message size limits. For more 552-5.2.3 information, go to "
        "552 5.2.3  https://support.google.com/mail/?p=MaxSizeError 3f1490d57ef6-e2ba3b9d1c2si412836276.12 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-size",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "yuki.mori@example.jp",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.102.27", r, "end of DATA"
                    ),
                    "status": "5.2.3",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.2.3", "552", "exceedlimit")],
            "Gmail's size limit with status 5.2.3 ('message length exceeds administrative limit'). Sisimai's "
            "vocabulary splits size refusals by that code: exceedlimit is the 5.2.3 one, mesgtoobig the 5.3.4 "
            "one. Corrected after re-check: the first version said mesgtoobig from the words alone.",
            returned="headers",
            i=3,
        )
    )

    # -- Gmail disabled
    r = (
        "550-5.2.1 The email account that you tried to reach is inactive. For more 550-5.2.1 information, go to "
        "550 5.2.1  https://support.google.com/mail/?p=DisabledUser 71dfb90a1353d-50b6f2a3e4dsi1049338e0c.42 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-inactive",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "old.account@example.com",
                    "text": said("gmail-smtp-in.l.google.com", "142.250.102.27", r),
                    "status": "5.2.1",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.2.1", "550", "suspend")],
            "Gmail 5.2.1 'account ... is inactive' (DisabledUser): the account exists but is disabled: suspend.",
            i=2,
        )
    )

    # -- Gmail receiving rate
    r = (
        "450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents "
        "additional messages from being delivered. Please resend your 450-4.2.1 message at a later point. If the "
        "user is able to receive mail at that 450-4.2.1 time, your message will be delivered. For more "
        "information, 450-4.2.1 go to 450 4.2.1  https://support.google.com/mail/?p=ReceivingRate "
        "5b1f17b1804b1-4315e4e5b7asi2263825e9.55 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-receiving-rate",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "support@example.net",
                    "text": said("aspmx.l.google.com", "142.251.9.26", r),
                    "status": "4.2.1",
                    "remote": "aspmx.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.2.1", "450", "speeding")],
            "Delay warning: the recipient receives too much mail too fast (Gmail ReceivingRate): speeding.",
            mode="delayed",
            i=1,
        )
    )

    # -- Yahoo: dd This user doesn't have a yahoo.com account
    r = "554 delivery error: dd This user doesn't have a yahoo.com account (nori.kato@example.jp) [0] - mta1047.mail.gq1.yahoo.com"
    S.append(
        pf(
            "yahoo/postfix-yahoo-dd-no-account",
            "unseen-yahoo",
            MX,
            [
                {
                    "addr": "nori.kato@example.jp",
                    "text": said(
                        "mta7.am0.yahoodns.net", "67.195.204.72", r, "end of DATA"
                    ),
                    "status": "5.0.0",
                    "remote": "mta7.am0.yahoodns.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.0.0", "554", "userunknown")],
            "Yahoo answers unknown recipients after DATA with '554 delivery error: dd This user doesn't have a "
            "yahoo.com account'. The reply has no enhanced code; Postfix's own DSN status is 5.0.0, which is what "
            "the message carries.",
        )
    )

    # -- Yahoo TSS04 deferral, delayed
    r = (
        "421 4.7.0 [TSS04] Messages from 192.0.2.41 temporarily deferred due to unexpected volume or user "
        "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"
    )
    S.append(
        pf(
            "yahoo/postfix-yahoo-tss04-delayed",
            "unseen-yahoo",
            MX,
            [
                {
                    "addr": "cs.lee@example.com",
                    "text": said(
                        "mta6.am0.yahoodns.net", "98.136.96.74", r, "MAIL FROM"
                    ),
                    "status": "4.7.0",
                    "remote": "mta6.am0.yahoodns.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.7.0", "421", "badreputation")],
            "Delay warning with Yahoo's TSS04 deferral ('unexpected volume or user complaints'), a reputation-based "
            "throttle: badreputation (speeding is arguable).",
            mode="delayed",
            i=2,
        )
    )

    # -- Yahoo disabled mailbox
    r = (
        "554 delivery error: dd Sorry your message to p.andersen@example.net cannot be delivered. This mailbox "
        "is disabled (554.30). - mta4320.mail.bf1.yahoo.com"
    )
    S.append(
        pf(
            "yahoo/postfix-yahoo-disabled",
            "unseen-yahoo",
            MX,
            [
                {
                    "addr": "p.andersen@example.net",
                    "text": said(
                        "mta5.am0.yahoodns.net", "67.195.228.106", r, "end of DATA"
                    ),
                    "status": "5.0.0",
                    "remote": "mta5.am0.yahoodns.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.0.0", "554", "suspend")],
            "Yahoo 554.30 'This mailbox is disabled': suspend (an inactive account, not an unknown one).",
            i=1,
        )
    )

    # -- Yahoo Spamhaus BL21
    r = (
        "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.77, because the ip is in Spamhaus's "
        "list; see https://postmaster.yahooinc.com/error-codes"
    )
    S.append(
        pf(
            "yahoo/postfix-yahoo-bl21-spamhaus",
            "unseen-yahoo",
            "smtp.letters.example.org",
            [
                {
                    "addr": "g.moreau@example.org",
                    "text": said(
                        "mta7.am0.yahoodns.net", "67.195.204.73", r, "MAIL FROM"
                    ),
                    "status": "5.7.1",
                    "remote": "mta7.am0.yahoodns.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "553", "blocked")],
            "Sending IP listed at Spamhaus: blocked.",
            i=1,
        )
    )

    # -- AOL/Yahoo 5.7.9 SLN7253 DMARC
    r = "554 5.7.9 Message not accepted for policy reasons.  See https://help.yahoo.com/kb/postmaster/SLN7253.html"
    S.append(
        pf(
            "yahoo/postfix-aol-policy-sln7253",
            "unseen-aol",
            MX,
            [
                {
                    "addr": "w.chen@example.com",
                    "text": said(
                        "mx-aol.mail.gm0.yahoodns.net",
                        "67.195.204.80",
                        r,
                        "end of DATA",
                    ),
                    "status": "5.7.9",
                    "remote": "mx-aol.mail.gm0.yahoodns.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.9", "554", "authfailure")],
            "AOL (Yahoo platform) 5.7.9 'Message not accepted for policy reasons', SLN7253 is Yahoo's DMARC-failure "
            "page and 5.7.9 is the authentication status class: authfailure. policyviolation is the literal reading "
            "of the text; a postmaster who knows SLN7253 says DMARC.",
            i=3,
        )
    )

    # -- Outlook.com mailbox unavailable
    r = (
        "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
        "[DB5PEPF00014B8D.eurprd02.prod.outlook.com 2023-11-14T01:21:34.512Z 08DBE3A5C1F9B7E2]"
    )
    S.append(
        pf(
            "outlook/postfix-outlook-mailbox-unavailable",
            "unseen-outlook",
            MX,
            [
                {
                    "addr": "c.dubois@example.org",
                    "text": said(
                        "example-org.mail.protection.outlook.com", "52.101.68.3", r
                    ),
                    "status": "5.5.0",
                    "remote": "example-org.mail.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.5.0", "550", "userunknown")],
            "Outlook.com/EOP answer for a recipient that does not exist: '550 5.5.0 Requested action not taken: "
            "mailbox unavailable'. userunknown, hard.",
        )
    )

    # -- Outlook.com S3150 block
    r = (
        "550 5.7.1 Unfortunately, messages from [192.0.2.77] weren't sent. Please contact your Internet service "
        "provider since part of their network is on our block list (S3150). You can also refer your provider to "
        "http://mail.live.com/mail/troubleshooting.aspx#errors. [AM2PEPF0001C70A.eurprd05.prod.outlook.com "
        "2023-11-14T01:21:34.999Z 08DBE3A5D4C08B31]"
    )
    S.append(
        pf(
            "outlook/postfix-hotmail-s3150",
            "unseen-outlook",
            "smtp.letters.example.org",
            [
                {
                    "addr": "lucy.w@example.com",
                    "text": said(
                        "hotmail-com.olc.protection.outlook.com",
                        "52.101.42.5",
                        r,
                        "MAIL FROM",
                    ),
                    "status": "5.7.1",
                    "remote": "hotmail-com.olc.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "550", "blocked")],
            "Hotmail's S3150 network block list: blocked.",
            i=1,
        )
    )

    # -- Outlook.com DMARC 5.7.509
    r = (
        "550 5.7.509 Access denied, sending domain SHOP.EXAMPLE.NET does not pass DMARC verification and has a "
        "DMARC policy of reject. [SN1PEPF0002BA4F.namprd02.prod.outlook.com 2023-11-14T01:21:35.101Z 08DBE3A5E0A1C9F3]"
    )
    S.append(
        pf(
            "outlook/postfix-outlook-dmarc-5.7.509",
            "unseen-outlook",
            MX,
            [
                {
                    "addr": "j.smith@example.net",
                    "text": said(
                        "example-net.mail.protection.outlook.com",
                        "52.101.8.40",
                        r,
                        "end of DATA",
                    ),
                    "status": "5.7.509",
                    "remote": "example-net.mail.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.509", "550", "authfailure")],
            "Outlook 5.7.509 DMARC reject: authfailure.",
            i=2,
        )
    )

    # -- Outlook RP-001 rate limit, delayed
    r = (
        "421 RP-001 (COL004-MC1F32) Unfortunately, some messages from 192.0.2.41 weren't sent. Please try again. "
        "We have limits for how many messages can be sent per hour and per day. You can also refer to "
        "http://mail.live.com/mail/troubleshooting.aspx#errors."
    )
    S.append(
        pf(
            "outlook/postfix-hotmail-rp001-delayed",
            "unseen-outlook",
            MX,
            [
                {
                    "addr": "tom.b@example.org",
                    "text": said(
                        "hotmail-com.olc.protection.outlook.com",
                        "52.101.42.6",
                        r,
                        "MAIL FROM",
                    ),
                    "status": "4.0.0",
                    "remote": "hotmail-com.olc.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.0.0", "421", "speeding")],
            "Delay warning: Hotmail's RP-001 hourly/daily sending limit. speeding. Status 4.0.0 is Postfix's own "
            "(the reply has no enhanced code).",
            mode="delayed",
        )
    )

    # -- O365 banned sending IP 5.7.606
    r = (
        "550 5.7.606 Access denied, banned sending IP [192.0.2.77]. To request removal from this list please "
        "visit https://sender.office.com/ and follow the directions. For more information please go to  "
        "http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [AM4PEPF00025F96.EURPRD83.prod.outlook.com "
        "2023-11-14T01:21:35.300Z 08DBE3A5F1B2C7D8]"
    )
    S.append(
        pf(
            "outlook/postfix-o365-banned-ip",
            "unseen-office365",
            "smtp.letters.example.org",
            [
                {
                    "addr": "m.janssen@example.net",
                    "text": said(
                        "example-net.mail.protection.outlook.com",
                        "52.101.73.12",
                        r,
                        "MAIL FROM",
                    ),
                    "status": "5.7.606",
                    "remote": "example-net.mail.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.606", "550", "blocked")],
            "Exchange Online Protection: the sending IP is on Microsoft's banned list (5.7.606): blocked.",
            i=1,
        )
    )

    # -- O365 DBEB 5.4.1 Access denied
    r = (
        "550 5.4.1 Recipient address rejected: Access denied. For more information see "
        "https://aka.ms/EXOSmtpErrors [VI1EUR06FT061.eop-eur06.prod.protection.outlook.com 2023-11-14T01:21:35.300Z "
        "08DBE3A5F1B2C7D9]"
    )
    S.append(
        pf(
            "outlook/postfix-o365-dbeb-access-denied",
            "unseen-office365",
            MX,
            [
                {
                    "addr": "noreply-archive@example.com",
                    "text": said(
                        "example-com.mail.protection.outlook.com", "52.101.73.30", r
                    ),
                    "status": "5.4.1",
                    "remote": "example-com.mail.protection.outlook.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.4.1", "550", "userunknown")],
            "Exchange Online's Directory-Based Edge Blocking: '550 5.4.1 Recipient address rejected: Access denied' "
            "is what EOP says when the address is not in the tenant's directory. Despite the wording it means the "
            "recipient does not exist: userunknown, hard. (A literal reading would say rejected/filtered; postmasters "
            "who run EOP know it is DBEB.)",
        )
    )

    # -- iCloud unknown alias
    r = "550 5.1.1 <h.ito@example.jp>: unknown or illegal alias: h.ito@example.jp"
    S.append(
        pf(
            "icloud/postfix-icloud-unknown-alias",
            "unseen-icloud",
            MX,
            [
                {
                    "addr": "h.ito@example.jp",
                    "text": said("mx01.mail.icloud.com", "17.57.154.33", r),
                    "status": "5.1.1",
                    "remote": "mx01.mail.icloud.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "iCloud Mail (custom domain) rejects an address it does not host: 'unknown or illegal alias'.",
        )
    )

    # -- iCloud CS01 content policy
    r = "554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137"
    S.append(
        pf(
            "icloud/postfix-icloud-cs01",
            "unseen-icloud",
            MX,
            [
                {
                    "addr": "ben.carter@example.com",
                    "text": said(
                        "mx02.mail.icloud.com", "17.57.155.34", r, "end of DATA"
                    ),
                    "status": "5.7.1",
                    "remote": "mx02.mail.icloud.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "554", "policyviolation")],
            "iCloud's [CS01] 'Message rejected due to local policy'. The first version expected spamdetected on "
            "the belief that CS01 marks a content/spam verdict; that cannot be confirmed from the message or "
            "from anything I can cite, and the message itself only says 'local policy': policyviolation. "
            "Corrected after re-check.",
            i=2,
        )
    )

    # -- iCloud HM08 reputation, delayed 4xx? keep 5xx
    r = "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.77"
    S.append(
        pf(
            "icloud/postfix-icloud-proofpoint-dnsbl",
            "unseen-icloud",
            "smtp.letters.example.org",
            [
                {
                    "addr": "s.kapoor@example.net",
                    "text": said(
                        "mx01.mail.icloud.com", "17.57.154.23", r, "MAIL FROM"
                    ),
                    "status": "5.7.0",
                    "remote": "mx01.mail.icloud.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.0", "550", "blocked")],
            "iCloud's inbound (Proofpoint) IP block list: blocked.",
            i=1,
        )
    )

    # -- Fastmail over quota
    r = "552 5.2.2 <elena@example.com>: Recipient address rejected: Over quota"
    S.append(
        pf(
            "fastmail/postfix-fastmail-overquota",
            "unseen-fastmail",
            MX,
            [
                {
                    "addr": "elena@example.com",
                    "text": said("in1-smtp.messagingengine.com", "103.168.172.216", r),
                    "status": "5.2.2",
                    "remote": "in1-smtp.messagingengine.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.2.2", "552", "mailboxfull")],
            "Fastmail-hosted domain, mailbox over quota.",
            i=3,
        )
    )

    # -- Fastmail: disabled account
    r = "550 5.2.1 <rob@example.org>: Recipient address rejected: This account is disabled"
    S.append(
        pf(
            "fastmail/postfix-fastmail-disabled",
            "unseen-fastmail",
            MX,
            [
                {
                    "addr": "rob@example.org",
                    "text": said("in2-smtp.messagingengine.com", "103.168.172.217", r),
                    "status": "5.2.1",
                    "remote": "in2-smtp.messagingengine.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.2.1", "550", "suspend")],
            "Fastmail-hosted account disabled: suspend.",
        )
    )

    # -- Proton: address does not exist
    r = "550 5.1.1 <priv.mailbox@example.net>: Recipient address rejected: Address does not exist"
    S.append(
        pf(
            "protonmail/postfix-proton-no-address",
            "unseen-protonmail",
            MX,
            [
                {
                    "addr": "priv.mailbox@example.net",
                    "text": said("mail.protonmail.ch", "185.70.42.128", r),
                    "status": "5.1.1",
                    "remote": "mail.protonmail.ch",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Proton Mail (custom domain): address does not exist.",
            i=1,
        )
    )

    # -- Proton: TLS required? Proton recipient with mailbox full
    r = "552 5.2.2 <r.k@example.org>: Recipient address rejected: Mailbox is full"
    S.append(
        pf(
            "protonmail/postfix-proton-mailbox-full",
            "unseen-protonmail",
            MX,
            [
                {
                    "addr": "r.k@example.org",
                    "text": said("mailsec.protonmail.ch", "185.70.42.129", r),
                    "status": "5.2.2",
                    "remote": "mailsec.protonmail.ch",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.2.2", "552", "mailboxfull")],
            "Proton Mail: the recipient's storage is full.",
            i=2,
        )
    )

    # -- TLS required by remote
    r = "530 5.7.0 Must issue a STARTTLS command first"
    S.append(
        pf(
            "postfix/tls-required",
            "unseen-postfix",
            "legacy-relay.example.com",
            [
                {
                    "addr": "secure@example.net",
                    "text": said("mx.example.net", "198.51.100.3", r, "MAIL FROM"),
                    "status": "5.7.0",
                    "remote": "mx.example.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.0", "530", "failedstarttls")],
            "An old relay without TLS meets a receiver that insists on STARTTLS: failedstarttls (securityerror is "
            "the wider class).",
        )
    )

    # -- no PTR at generic Postfix
    r = "450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.99]"
    S.append(
        pf(
            "postfix/reject-unknown-client-hostname",
            "unseen-postfix",
            "smtp.example.org",
            [
                {
                    "addr": "kontakt@example.com",
                    "text": said("mail.example.com", "198.51.100.88", r, "RCPT TO"),
                    "status": "4.7.1",
                    "remote": "mail.example.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.7.1", "450", "requireptr")],
            "Delay warning: Postfix reject_unknown_client_hostname at the receiver, the sending IP has no reverse "
            "DNS: requireptr (soft, 450).",
            mode="delayed",
            i=1,
        )
    )

    # -- Spamhaus blocked at postfix
    r = (
        "554 5.7.1 Service unavailable; Client host [192.0.2.77] blocked using zen.spamhaus.org; "
        "https://www.spamhaus.org/query/ip/192.0.2.77"
    )
    S.append(
        pf(
            "postfix/rbl-spamhaus",
            "unseen-postfix",
            "smtp.letters.example.org",
            [
                {
                    "addr": "hello@example.com",
                    "text": said("mx1.example.com", "198.51.100.19", r),
                    "status": "5.7.1",
                    "remote": "mx1.example.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "554", "blocked")],
            "Receiver's reject_rbl_client zen.spamhaus.org: blocked.",
            i=1,
        )
    )

    # -- SPF fail at postfix policyd-spf
    r = (
        "550 5.7.23 <hr@example.net>: Recipient address rejected: Message rejected due to: SPF fail - not "
        "authorized. Please see http://www.openspf.net/Why?s=mfrom;id=bounces@shop.example.net;ip=192.0.2.99;"
        "r=<UNKNOWN>"
    )
    S.append(
        pf(
            "postfix/spf-fail-policyd",
            "unseen-postfix",
            "relay2.shop.example.net",
            [
                {
                    "addr": "hr@example.net",
                    "text": said("mx.example.net", "198.51.100.14", r),
                    "status": "5.7.23",
                    "remote": "mx.example.net",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.23", "550", "authfailure")],
            "policyd-spf at the receiver: SPF fail (5.7.23): authfailure.",
            i=2,
        )
    )

    # -- null MX
    S.append(
        pf(
            "postfix/nullmx",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "contact@parked.example.com",
                    "text": "Domain parked.example.com does not accept mail (nullMX)",
                    "status": "5.1.0",
                    "diag": "X-Postfix; Domain parked.example.com does not accept mail (nullMX)",
                }
            ],
            [exp("5.1.0", "", "notaccept")],
            "Postfix 3.x sees a null MX (RFC 7505) for the domain and bounces without trying: the domain accepts no "
            "mail. notaccept, hard. Postfix writes 5.1.0 here, not RFC 7505's 5.1.10.",
        )
    )

    # -- Postfix: Dovecot LMTP user unknown inside a sieve/virtual setup returning 550 5.1.1 (relayed to us)
    r = "550 5.1.1 <bob.k@example.com> User doesn't exist: bob.k@example.com"
    S.append(
        pf(
            "postfix/dovecot-lmtp-user-doesnt-exist",
            "unseen-postfix",
            "mail.example.com",
            [
                {
                    "addr": "bob.k@example.com",
                    "text": "host mail.example.com[private/dovecot-lmtp] said: "
                    + r
                    + " (in reply to RCPT TO command)",
                    "status": "5.1.1",
                    "remote": "mail.example.com",
                    "diag": "smtp; " + r,
                }
            ],
            [exp("5.1.1", "550", "userunknown")],
            "A hosting Postfix accepted the mail (no recipient verification at the edge) and Dovecot LMTP then said "
            "'User doesn't exist'. LF line endings.",
            relayed_to_us="198.51.100.70",
            crlf=False,
        )
    )

    # -- additions: no DSN part, has moved, too many connections, system full,
    #    mailer error, not RFC compliant
    r = "550 <d.fox@example.net>... User unknown"
    S.append(
        pf(
            "postfix/postfix2.0-no-dsn-part",
            "unseen-postfix",
            "mail.example.com",
            [
                {
                    "addr": "d.fox@example.net",
                    "text": said("mx.example.net", "198.51.100.44", r),
                    "status": "5.0.0",
                }
            ],
            [exp("", "550", "userunknown")],
            "Postfix-style notification without a message/delivery-status part (multipart/mixed: the "
            "notification and the returned message only), as old Postfix installations and some gateways that "
            "drop the report part deliver it. No status anywhere in the message (the remote gave none), so "
            "status is empty. The exact era/setting that produces this layout is from memory.",
            style="nodsn",
            i=3,
            crlf=False,
        )
    )
    r = "550 5.1.6 <m.keller@example.org>: Recipient address rejected: User has moved to <m.keller@example.com>"
    S.append(
        pf(
            "postfix/remote-user-has-moved",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "m.keller@example.org",
                    "text": said("mx.example.org", "198.51.100.64", r),
                    "status": "5.1.6",
                    "remote": "mx.example.org",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.1.6", "550", "hasmoved")],
            "The receiver's access map answers 5.1.6 'User has moved to <new>': hasmoved, hard (the old address "
            "is gone).",
            i=1,
        )
    )
    r = "421 4.7.0 mx.example.com Error: too many concurrent connections from 192.0.2.41; please try again later"
    S.append(
        pf(
            "postfix/delayed-too-many-connections",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "f.nakamura@example.com",
                    "text": "host mx.example.com[198.51.100.91] refused to talk to me: "
                    + r,
                    "status": "4.7.0",
                    "remote": "mx.example.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.7.0", "421", "toomanyconn")],
            "Delay warning: the receiver limits concurrent connections per client IP (421 at greeting): "
            "toomanyconn.",
            mode="delayed",
            i=2,
        )
    )
    r = "452 4.3.1 Insufficient system storage"
    S.append(
        pf(
            "postfix/delayed-insufficient-storage",
            "unseen-postfix",
            MX,
            [
                {
                    "addr": "records@example.org",
                    "text": said("mail.example.org", "198.51.100.15", r, "MAIL FROM"),
                    "status": "4.3.1",
                    "remote": "mail.example.org",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("4.3.1", "452", "systemfull")],
            "Delay warning: the receiving server's queue disk is full (452 4.3.1): systemfull, a problem of the "
            "server, not of the recipient's mailbox.",
            mode="delayed",
            i=0,
        )
    )
    S.append(
        pf(
            "postfix/local-command-died",
            "unseen-postfix",
            "helpdesk.example.net",
            [
                {
                    "addr": "tickets@helpdesk.example.net",
                    "text": 'Command died with status 1: "/usr/local/bin/ticket-intake --queue=general". Command output: Traceback (most recent call last):   File "/usr/local/bin/ticket-intake", line 88, in <module> ConnectionRefusedError: [Errno 111] Connection refused',
                    "status": "5.3.0",
                    "diag": 'x-unix; Traceback (most recent call last):   File "/usr/local/bin/ticket-intake", line 88, in <module> ConnectionRefusedError: [Errno 111] Connection refused',
                }
            ],
            [exp("5.3.0", "", "mailererror")],
            "The recipient address pipes into a program (a ticket intake script) that crashed: Postfix local(8) "
            "'Command died with status 1'. mailererror.",
            relayed_to_us="198.51.100.211",
            i=1,
        )
    )
    r = (
        "550-5.7.1 [192.0.2.41] Our system has detected that this message is not RFC 550-5.7.1 5322 "
        "compliant: 'From' header is missing. To reduce the amount of spam sent 550-5.7.1 to Gmail, this "
        "message has been blocked. For more information, go to 550 5.7.1  "
        "https://support.google.com/mail/?p=RfcMessageNonCompliant 5b1f17b1804b1-40a4f0a1b2csi4099812e9.77 - gsmtp"
    )
    S.append(
        pf(
            "gmail/postfix-gmail-not-rfc5322",
            "unseen-gmail",
            MX,
            [
                {
                    "addr": "theo.b@example.com",
                    "text": said(
                        "gmail-smtp-in.l.google.com", "142.250.102.27", r, "end of DATA"
                    ),
                    "status": "5.7.1",
                    "remote": "gmail-smtp-in.l.google.com",
                    "diag": smtp_diag(r),
                }
            ],
            [exp("5.7.1", "550", "notcompliantrfc")],
            "A template bug sent the newsletter without a From header; Gmail refuses non-RFC 5322 messages: "
            "notcompliantrfc.",
            i=3,
        )
    )

    return S
