"""Sendmail 8.x and qmail (netqmail, vpopmail) bounces."""

from __future__ import annotations

from common import H, Sample, bounce_addr, exp, multipart, newsletter, original

WARN = """    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************

"""


def sendmail(
    path: str,
    module: str,
    host: str,
    perm: list[tuple[str, str | None]],
    transcript: str,
    dsn: list[list[tuple[str, str]]],
    expected: list[dict[str, object]],
    note: str,
    subject: str = "Returned mail: see transcript for details",
    warning: bool = False,
    headers_only: bool = False,
    i: int = 0,
    crlf: bool = True,
    version: str = "8.17.1/8.17.1",
    date: str = "Tue, 14 Nov 2023 10:21:35 +0900",
    arrival: str = "Tue, 14 Nov 2023 10:21:33 +0900",
) -> Sample:
    qid = "3AE" + H(path, 11)[:3] + "LZ" + H(path + "q", 6)
    bnd = f"{qid}.1699924895/{host}"
    to = bounce_addr(path, i)
    rcpts = [a for a, _ in perm] if perm else [d[0][1].split("; ")[1] for d in dsn]
    text = (WARN if warning else "") + (
        f"The original message was received at {arrival}\n"
        f"from app1.{newsletter(i)[2]} [192.0.2.{10 + i}]\n\n"
    )
    if perm:
        text += "   ----- The following addresses had permanent fatal errors -----\n"
        for a, reason in perm:
            text += f"<{a}>\n" + (f"    (reason: {reason})\n" if reason else "")
        text += "\n"
    text += "   ----- Transcript of session follows -----\n" + transcript
    ds = [
        f"Reporting-MTA: dns; {host}\nReceived-From-MTA: DNS; app1.{newsletter(i)[2]}\n"
        f"Arrival-Date: {arrival}"
    ]
    for fields in dsn:
        ds.append("\n".join(f"{k}: {v}" for k, v in fields))
    orig = original(path, rcpts[0], arrival, i=i, headers_only=headers_only or warning)
    ret = (
        "Content-Type: text/rfc822-headers\n\n"
        if (headers_only or warning)
        else "Content-Type: message/rfc822\n\n"
    ) + orig
    parts = [
        "\n" + text,
        "Content-Type: message/delivery-status\n\n" + "\n\n".join(ds) + "\n",
        ret,
    ]
    raw = (
        "Return-Path: <>\n"
        f"Received: from localhost (localhost)\n\tby {host} ({version}) id {qid};\n\t{date}\n"
        f"Date: {date}\n"
        f"From: Mail Delivery Subsystem <MAILER-DAEMON@{host}>\n"
        f"Message-Id: <202311140121.{qid}@{host}>\n"
        f"To: <{to}>\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{bnd}"\n'
        f"Subject: {subject}\n"
        f"Auto-Submitted: auto-generated ({'warning-timeout' if warning else 'failure'})\n\n"
        + multipart(bnd, parts, "This is a MIME-encapsulated message")
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=rcpts,
        note=note,
        crlf=crlf,
    )


def rec(
    addr: str,
    status: str,
    diag: str | None = None,
    remote: str | None = None,
    action: str = "failed",
    until: str | None = None,
    last: str = "Tue, 14 Nov 2023 10:21:35 +0900",
) -> list[tuple[str, str]]:
    f = [("Final-Recipient", f"RFC822; {addr}"), ("Action", action), ("Status", status)]
    if remote:
        f.append(("Remote-MTA", f"DNS; {remote}"))
    if diag:
        f.append(("Diagnostic-Code", f"SMTP; {diag}"))
    f.append(("Last-Attempt-Date", last))
    if until:
        f.append(("Will-Retry-Until", until))
    return f


def qmail(
    path: str,
    module: str,
    host: str,
    blocks: list[tuple[str, str]],
    expected: list[dict[str, object]],
    note: str,
    i: int = 0,
    program: str = "qmail-send",
    crlf: bool = False,
) -> Sample:
    to = bounce_addr(path, i)
    body = (
        f"Hi. This is the {program} program at {host}.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
    )
    for a, t in blocks:
        body += f"<{a}>:\n{t}\n\n"
    body += "--- Below this line is a copy of the message.\n\n"
    orig = original(path, blocks[0][0], "Tue, 14 Nov 2023 10:21:33 +0900", i=i)
    first, rest = orig.split("\n", 1)
    orig = (
        first + "\n"
        f"Received: (qmail {int(H(path, 4), 16) % 30000 + 1000} invoked from network); 14 Nov 2023 01:21:34 -0000\n"
        f"Received: from {newsletter(i)[3]} (HELO {newsletter(i)[3]}) (192.0.2.{20 + i})\n"
        f"  by {host} with ESMTPS (ECDHE-RSA-AES256-GCM-SHA384 encrypted); 14 Nov 2023 01:21:34 -0000\n"
        + rest
    )
    n = int(H(path, 4), 16) % 30000 + 1000
    raw = (
        "Return-Path: <>\n"
        f"Received: (qmail {n + 7} invoked for bounce); 14 Nov 2023 01:21:35 -0000\n"
        "Date: 14 Nov 2023 01:21:35 -0000\n"
        f"From: MAILER-DAEMON@{host}\n"
        f"To: {to}\n"
        "Subject: failure notice\n\n" + body + orig
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[a for a, _ in blocks],
        note=note,
        crlf=crlf,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    MX = "mail.news.example.com"

    t = """... while talking to mx.example.net.:
>>> RCPT To:<e.schmidt@example.net>
<<< 550 5.1.1 <e.schmidt@example.net>... User unknown
550 5.1.1 <e.schmidt@example.net>... User unknown
<<< 503 5.0.0 Need RCPT (recipient)
"""
    S.append(
        sendmail(
            "sendmail/sendmail-userunknown-remote",
            "unseen-sendmail",
            MX,
            [
                (
                    "e.schmidt@example.net",
                    "550 5.1.1 <e.schmidt@example.net>... User unknown",
                )
            ],
            t,
            [
                rec(
                    "e.schmidt@example.net",
                    "5.1.1",
                    "550 5.1.1 <e.schmidt@example.net>... User unknown",
                    "mx.example.net",
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Sendmail 8.17: remote Sendmail says User unknown at RCPT; the transcript shows the 503 that follows.",
        )
    )

    t = """550 5.1.1 <n.fujita@example.jp>... User unknown
"""
    S.append(
        sendmail(
            "sendmail/sendmail-local-userunknown",
            "unseen-sendmail",
            "mail.example.jp",
            [("n.fujita@example.jp", None)],
            t,
            [rec("n.fujita@example.jp", "5.1.1")],
            [exp("5.1.1", "550", "userunknown")],
            "Local Sendmail after the mail was accepted: the transcript line carries 550 5.1.1; the DSN has no "
            "Diagnostic-Code. LF line endings.",
            i=3,
            crlf=False,
            version="8.15.2/8.15.2",
        )
    )

    t = """550 5.1.2 <k.ng@nohost.example>... Host unknown (Name server: nohost.example: host not found)
"""
    S.append(
        sendmail(
            "sendmail/sendmail-host-unknown-old-subject",
            "unseen-sendmail",
            "smtp.example.com",
            [
                (
                    "k.ng@nohost.example",
                    "550 5.1.2 <k.ng@nohost.example>... Host unknown (Name server: nohost.example: host not found)",
                )
            ],
            t,
            [
                rec(
                    "k.ng@nohost.example",
                    "5.1.2",
                    last="Fri, 12 Feb 2010 08:44:03 -0500",
                )
            ],
            [exp("5.1.2", "550", "hostunknown")],
            "Older Sendmail (8.13) with the reason in the subject: 'Returned mail: Host unknown (Name server: ...: "
            "host not found)'.",
            subject="Returned mail: Host unknown (Name server: nohost.example: host not found)",
            version="8.13.8/8.13.8",
            date="Fri, 12 Feb 2010 08:44:03 -0500",
            arrival="Fri, 12 Feb 2010 08:44:02 -0500",
            i=1,
        )
    )

    t = """<b.ahmed@example.org>... Deferred: Connection refused by mail.example.org.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old
"""
    S.append(
        sendmail(
            "sendmail/sendmail-warning-4-hours",
            "unseen-sendmail",
            MX,
            [],
            t,
            [
                rec(
                    "b.ahmed@example.org",
                    "4.4.1",
                    remote="mail.example.org",
                    action="delayed",
                    until="Sun, 19 Nov 2023 06:12:01 +0900",
                )
            ],
            [exp("4.4.1", "", "networkerror")],
            "'Warning: could not send message for past 4 hours' with Action delayed: the receiver refuses "
            "connections. networkerror (soft); expired would be premature.",
            subject="Warning: could not send message for past 4 hours",
            warning=True,
            arrival="Tue, 14 Nov 2023 06:12:01 +0900",
        )
    )

    t = """<s.olsen@example.net>... Deferred: Connection timed out with mx2.example.net.
Message could not be delivered for 5 days
Message will be deleted from queue
"""
    S.append(
        sendmail(
            "sendmail/sendmail-5-days-expired",
            "unseen-sendmail",
            MX,
            [("s.olsen@example.net", "Connection timed out with mx2.example.net.")],
            t,
            [
                rec(
                    "s.olsen@example.net",
                    "4.4.7",
                    last="Sun, 19 Nov 2023 10:21:35 +0900",
                )
            ],
            [exp("4.4.7", "", "expired")],
            "Sendmail gives up after 5 days of timeouts: Status 4.4.7 with Action failed. expired.",
            subject="Returned mail: see transcript for details",
            i=2,
            date="Sun, 19 Nov 2023 10:21:35 +0900",
        )
    )

    t = """... while talking to mail.example.org.:
>>> RCPT To:<old.name@example.org>
<<< 551 5.1.6 <old.name@example.org>... User has moved; please try <new.name@example.com>
551 5.1.6 <old.name@example.org>... User has moved; please try <new.name@example.com>
"""
    S.append(
        sendmail(
            "sendmail/sendmail-user-has-moved",
            "unseen-sendmail",
            MX,
            [
                (
                    "old.name@example.org",
                    "551 5.1.6 <old.name@example.org>... User has moved; please try <new.name@example.com>",
                )
            ],
            t,
            [
                rec(
                    "old.name@example.org",
                    "5.1.6",
                    "551 5.1.6 <old.name@example.org>... User has moved; please try <new.name@example.com>",
                    "mail.example.org",
                )
            ],
            [exp("5.1.6", "551", "hasmoved")],
            "Remote Sendmail's redirect feature: 551 5.1.6 'User has moved; please try <new>'. hasmoved, hard; the "
            "bounced recipient is the old address.",
            i=1,
        )
    )

    t = """... while talking to relay.example.com.:
>>> RCPT To:<finance@example.com>
<<< 550 5.7.1 <finance@example.com>... Relaying denied. Proper authentication required.
550 5.7.1 <finance@example.com>... Relaying denied. Proper authentication required.
"""
    S.append(
        sendmail(
            "sendmail/sendmail-relaying-denied",
            "unseen-sendmail",
            MX,
            [
                (
                    "finance@example.com",
                    "550 5.7.1 <finance@example.com>... Relaying denied. Proper authentication required.",
                )
            ],
            t,
            [
                rec(
                    "finance@example.com",
                    "5.7.1",
                    "550 5.7.1 <finance@example.com>... Relaying denied. Proper authentication required.",
                    "relay.example.com",
                )
            ],
            [exp("5.7.1", "550", "norelaying")],
            "Sendmail receiver refuses to relay for a domain it no longer handles: norelaying.",
        )
    )

    t = f"""... while talking to mx.example.net.:
>>> MAIL From:<{bounce_addr("sendmail/sendmail-size-exceeded")}> SIZE=28734112
<<< 552 5.2.3 Message exceeds maximum fixed size (10485760)
554 5.0.0 Service unavailable
"""
    S.append(
        sendmail(
            "sendmail/sendmail-size-exceeded",
            "unseen-sendmail",
            MX,
            [
                (
                    "a.lambert@example.net",
                    "552 5.2.3 Message exceeds maximum fixed size (10485760)",
                )
            ],
            t,
            [
                rec(
                    "a.lambert@example.net",
                    "5.2.3",
                    "552 5.2.3 Message exceeds maximum fixed size (10485760)",
                    "mx.example.net",
                )
            ],
            [exp("5.2.3", "552", "exceedlimit")],
            "Remote Sendmail's MaxMessageSize at MAIL FROM, status 5.2.3: exceedlimit in Sisimai's vocabulary "
            "(5.2.3 exceedlimit, 5.3.4 mesgtoobig). Corrected after re-check: the first version said mesgtoobig.",
            headers_only=True,
        )
    )

    t = """... while talking to mx.example.co.jp.:
>>> RCPT To:<t.suzuki@example.co.jp>
<<< 550 5.1.1 <t.suzuki@example.co.jp>... User unknown
550 5.1.1 <t.suzuki@example.co.jp>... User unknown
>>> RCPT To:<h.sato@example.co.jp>
<<< 552 5.2.2 <h.sato@example.co.jp>... Mailbox full
552 5.2.2 <h.sato@example.co.jp>... Mailbox full
>>> DATA
<<< 503 5.0.0 Need RCPT (recipient)
"""
    S.append(
        sendmail(
            "sendmail/sendmail-two-recipients",
            "unseen-sendmail",
            MX,
            [
                (
                    "t.suzuki@example.co.jp",
                    "550 5.1.1 <t.suzuki@example.co.jp>... User unknown",
                ),
                (
                    "h.sato@example.co.jp",
                    "552 5.2.2 <h.sato@example.co.jp>... Mailbox full",
                ),
            ],
            t,
            [
                rec(
                    "t.suzuki@example.co.jp",
                    "5.1.1",
                    "550 5.1.1 <t.suzuki@example.co.jp>... User unknown",
                    "mx.example.co.jp",
                ),
                rec(
                    "h.sato@example.co.jp",
                    "5.2.2",
                    "552 5.2.2 <h.sato@example.co.jp>... Mailbox full",
                    "mx.example.co.jp",
                ),
            ],
            [exp("5.1.1", "550", "userunknown"), exp("5.2.2", "552", "mailboxfull")],
            "Sendmail DSN for two recipients in one transaction: user unknown (hard), then mailbox full (soft).",
            i=3,
        )
    )

    # -- qmail
    S.append(
        qmail(
            "qmail/qmail-no-mailbox",
            "unseen-qmail",
            "mail.example.net",
            [("c.moreno@example.net", "Sorry, no mailbox here by that name. (#5.1.1)")],
            [exp("5.1.1", "", "userunknown")],
            "Classic qmail-send bounce, local address does not exist. The '(#5.1.1)' is the only code.",
        )
    )
    S.append(
        qmail(
            "qmail/qmail-remote-does-not-like-recipient",
            "unseen-qmail",
            "mx.hosting.example",
            [
                (
                    "m.tan@example.org",
                    "198.51.100.201 does not like recipient.\nRemote host said: 550 5.1.1 <m.tan@example.org>: Recipient address rejected: User unknown in virtual mailbox table\nGiving up on 198.51.100.201.",
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "qmail-remote relaying to a Postfix that rejects the recipient.",
            i=1,
        )
    )
    S.append(
        qmail(
            "qmail/vpopmail-over-quota",
            "unseen-qmail",
            "mail.example.com",
            [
                (
                    "olga.k@example.com",
                    "The users mailfolder is over the allowed quota (size). (#5.2.2)",
                )
            ],
            [exp("5.2.2", "", "mailboxfull")],
            "vpopmail's vdelivermail: maildir quota exceeded.",
            i=2,
        )
    )
    S.append(
        qmail(
            "qmail/qmail-queue-too-long",
            "unseen-qmail",
            "smtp.example.com",
            [
                (
                    "rene@example.net",
                    "Connected to 198.51.100.80 but greeting failed.\nRemote host said: 421 4.3.2 Service not available, closing transmission channel\nI'm not going to try again; this message has been in the queue too long.",
                )
            ],
            [exp("4.3.2", "421", "expired")],
            "qmail gave up after queuelifetime: the last attempt got a 421 greeting. expired; the 4.3.2/421 are "
            "the last attempt's codes, written in the message.",
            i=0,
        )
    )
    S.append(
        qmail(
            "qmail/qmail-no-host",
            "unseen-qmail",
            "smtp.example.com",
            [
                (
                    "info@typo-domain.example",
                    "Sorry, I couldn't find any host named typo-domain.example. (#5.1.2)",
                )
            ],
            [exp("5.1.2", "", "hostunknown")],
            "qmail cannot resolve the recipient domain: hostunknown, hard.",
            i=3,
        )
    )
    S.append(
        qmail(
            "qmail/qmail-no-longer-accepts",
            "unseen-qmail",
            "mail.example.org",
            [("former.staff@example.org", "This address no longer accepts mail.")],
            [exp("", "", "userunknown")],
            "A .qmail file with |bouncesaying 'This address no longer accepts mail.' for a closed account. No "
            "code. The address is dead for good, which a postmaster treats as userunknown (hard); suspend would be "
            "the alternative reading.",
            i=1,
        )
    )
    return S
