"""Exim 4.6x-4.97 bounces (plain and with the DSN part), cPanel hosting, delay
warnings, and the Exim-derived formats of GMX/web.de and Yandex."""

from __future__ import annotations

from common import Sample, b64, bounce_addr, exp, h, multipart, newsletter, original

PERM = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:
"""

COPY_FULL = "------ This is a copy of the message, including all the headers. ------"
COPY_HEAD = "------ This is a copy of the message's headers. ------"


def exim_id(tag: str) -> str:
    x = h(tag, 16)
    return f"1r{x[:4].upper()}-000{x[4:7].upper()}-{x[7:9].upper()}"


def exim(
    path: str,
    module: str,
    host: str,
    failures: list[tuple[str, list[str]]],
    expected: list[dict[str, object]],
    note: str,
    dsn: list[list[tuple[str, str]]] | None = None,
    date: str = "Tue, 14 Nov 2023 11:02:03 +0000",
    version: str = "4.96.2",
    headers_only: bool = False,
    i: int = 0,
    crlf: bool = False,
    intro: str = PERM,
    local: bool = True,
) -> Sample:
    eid = exim_id(path)
    to = bounce_addr(path, i)
    first = failures[0][0]
    blocks = []
    for addr, lines in failures:
        blocks.append("  " + addr + "\n" + "\n".join("    " + ln for ln in lines))
    text = intro + "\n" + "\n\n".join(blocks) + "\n"
    orig = original(
        path,
        first,
        date.replace("11:02:03", "10:58:40"),
        i=i,
        headers_only=headers_only,
    )
    failed = ", ".join(a for a, _ in failures)
    rcvd = (
        f"Received: from mailnull by {host} with local (Exim {version})\n"
        f"\tid {eid}\n\tfor {to}; {date}\n"
    )
    if not local:
        ip = f"198.51.100.{int(h(path + 'ip', 2), 16) % 250 + 1}"
        rcvd = (
            f"Received: from {host} ([{ip}]:44012)\n"
            f"\tby mx.{to.split('@')[1]} with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384\n"
            f"\t(Exim 4.97.1)\n\tid {exim_id(path + 'rx')}\n\tfor {to}; {date}\n"
        ) + rcvd
    if orig.startswith("Return-Path:"):
        first_line, rest = orig.split("\n", 1)
        orig = (
            first_line.replace("Return-Path", "Return-path") + "\n"
            f"Received: from mta1.{newsletter(i)[2]} ([192.0.2.{20 + i}])\n"
            f"\tby {host} with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384\n"
            f"\t(Exim {version})\n\t(envelope-from <{to}>)\n"
            f"\tid {exim_id(path + 'in')}\n\tfor {first};"
            f" {date.replace('11:02:03', '10:58:41')}\n" + rest
        )
    heads = (
        f"Return-path: <>\nEnvelope-to: {to}\nDelivery-date: {date}\n{rcvd}"
        f"X-Failed-Recipients: {failed}\n"
        "Auto-Submitted: auto-replied\n"
        f"From: Mail Delivery System <Mailer-Daemon@{host}>\n"
        f"To: {to}\n"
        f"References: <{h(path + 'msg', 16)}.{h(path, 6)}@{newsletter(i)[2]}>\n"
    )
    if dsn is None:
        copy = COPY_HEAD if headers_only else COPY_FULL
        raw = (
            heads
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "Subject: Mail delivery failed: returning message to sender\n"
            + f"Message-Id: <E{eid}@{host}>\nDate: {date}\n\n"
            + text
            + "\n"
            + copy
            + "\n\n"
            + orig
        )
    else:
        bnd = f"1699959723-eximdsn-{int(h(path, 8), 16) % 2147483647}"
        ds = [f"Reporting-MTA: dns; {host}"]
        for fields in dsn:
            ds.append("\n".join(f"{k}: {v}" for k, v in fields))
        parts = [
            "Content-type: text/plain; charset=us-ascii\n\n" + text,
            "Content-type: message/delivery-status\n\n" + "\n\n".join(ds) + "\n",
            (
                "Content-type: text/rfc822-headers\n\n"
                if headers_only
                else "Content-type: message/rfc822\n\n"
            )
            + orig,
        ]
        raw = (
            heads
            + f"Content-Type: multipart/report; report-type=delivery-status; boundary={bnd}\n"
            + "MIME-Version: 1.0\n"
            + "Subject: Mail delivery failed: returning message to sender\n"
            + f"Message-Id: <E{eid}@{host}>\nDate: {date}\n\n"
            + multipart(bnd, parts)
        )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[a for a, _ in failures],
        note=note,
        crlf=crlf,
    )


def remote(
    host: str, ip: str, cmd: str, reply: list[str], old: bool = False
) -> list[str]:
    if old:
        return [
            f"SMTP error from remote mail server after {cmd}:",
            f"host {host} [{ip}]: {reply[0]}",
            *reply[1:],
        ]
    return [
        f"host {host} [{ip}]",
        f"SMTP error from remote mail server after {cmd}:",
        *reply,
    ]


def dsnrec(
    addr: str,
    host: str | None,
    diag: str | None,
    status: str = "5.0.0",
    action: str = "failed",
    xdiag: str | None = None,
) -> list[tuple[str, str]]:
    f = [("Action", action), ("Final-Recipient", f"rfc822;{addr}"), ("Status", status)]
    if host:
        f.append(("Remote-MTA", f"dns; {host}"))
    if xdiag:
        f.append(("X-Exim-Diagnostic", f"X-str; {xdiag}"))
    if diag:
        f.append(("Diagnostic-Code", f"smtp; {diag}"))
    return f


def delay_warning(
    path: str,
    module: str,
    host: str,
    addr: str,
    reason_lines: list[str],
    expected: list[dict[str, object]],
    note: str,
    hours: int = 24,
    i: int = 0,
) -> Sample:
    eid = exim_id(path)
    to = bounce_addr(path, i)
    date = "Wed, 15 Nov 2023 11:10:44 +0100"
    body = (
        f"""This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than {hours} hours on the queue on {host}.

The message identifier is:     {exim_id(path + "orig")}
The subject of the message is: Your weekly update: what's new this week
The date of the message is:    Tue, 14 Nov 2023 11:10:02 +0100

The address to which the message has not yet been delivered is:

  {addr}
"""
        + "\n".join("    " + ln for ln in reason_lines)
        + """

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
"""
    )
    bnd = f"1700043044-eximdsn-{int(h(path, 8), 16) % 2147483647}"
    ds = (
        f"Reporting-MTA: dns; {host}\n\nAction: delayed\nFinal-Recipient: rfc822;{addr}\n"
        f"Status: 4.0.0\n"
    )
    parts = [
        "Content-type: text/plain; charset=us-ascii\n\n" + body,
        "Content-type: message/delivery-status\n\n" + ds,
        "Content-type: text/rfc822-headers\n\n"
        + original(
            path, addr, "Tue, 14 Nov 2023 11:10:02 +0100", i=i, headers_only=True
        ),
    ]
    raw = (
        f"Return-path: <>\nEnvelope-to: {to}\nDelivery-date: {date}\n"
        f"Received: from mailnull by {host} with local (Exim 4.97.1)\n\tid {eid}\n\tfor {to}; {date}\n"
        "Auto-Submitted: auto-replied\n"
        f"From: Mail Delivery System <Mailer-Daemon@{host}>\n"
        f"To: {to}\n"
        f"References: <{h(path + 'msg', 16)}.{h(path, 6)}@{newsletter(i)[2]}>\n"
        f"Content-Type: multipart/report; report-type=delivery-status; boundary={bnd}\n"
        "MIME-Version: 1.0\n"
        f"Subject: Warning: message {exim_id(path + 'orig')} delayed {hours} hours\n"
        f"Message-Id: <E{eid}@{host}>\nDate: {date}\n\n" + multipart(bnd, parts)
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[addr],
        note=note,
        crlf=False,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    RELAY = "out.news.example.com"

    # -- Exim 4.96 with DSN, remote user unknown
    rep = [
        "550 5.1.1 <lars.eriksson@example.org>: Recipient address rejected: User unknown in virtual alias table"
    ]
    S.append(
        exim(
            "exim/exim496-dsn-userunknown",
            "unseen-exim",
            RELAY,
            [
                (
                    "lars.eriksson@example.org",
                    remote(
                        "mx.example.org",
                        "198.51.100.34",
                        "RCPT TO:<lars.eriksson@example.org>",
                        rep,
                    ),
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Exim 4.96 bounce with a message/delivery-status part. Exim's DSN Status is always 5.0.0; the remote "
            "reply carries 5.1.1, the more precise status, which is what the sample expects.",
            dsn=[
                dsnrec(
                    "lars.eriksson@example.org",
                    "mx.example.org",
                    rep[0],
                    xdiag="SMTP error from remote mail server after RCPT TO:<lars.eriksson@example.org>:\n "
                    + rep[0],
                )
            ],
        )
    )

    # -- Exim 4.69 old layout (host on the same line as the reply), plain text
    rep = ["550 5.1.1 <r.gomez@example.net>... User unknown"]
    S.append(
        exim(
            "exim/exim469-plain-userunknown-oldlayout",
            "unseen-exim",
            "mail.example.com",
            [
                (
                    "r.gomez@example.net",
                    remote(
                        "smtp.example.net",
                        "198.51.100.66",
                        "RCPT TO:<r.gomez@example.net>",
                        rep,
                        old=True,
                    ),
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Exim 4.6x layout: 'SMTP error ... after RCPT TO:' then 'host X [ip]: 550 ...' on one line; plain text, "
            "no DSN part, whole message returned.",
            version="4.69",
            i=3,
            date="Mon, 6 Jun 2011 09:14:55 +0200",
        )
    )

    # -- Exim local: mailbox full after retry timeout
    S.append(
        exim(
            "exim/exim-local-mailbox-full-retry",
            "unseen-exim",
            "server7.hosting.example.net",
            [("j.dupont@example.net", ["mailbox is full: retry timeout exceeded"])],
            [exp("", "", "mailboxfull")],
            "Local delivery (appendfile quota) kept failing with a full mailbox until Exim's retry timeout; the "
            "text says why it failed: mailboxfull. No status or reply code in the message (expired would describe "
            "the mechanism, not the cause).",
            local=False,
            i=1,
        )
    )

    # -- Exim retry timeout exceeded (remote)
    S.append(
        exim(
            "exim/exim-retry-timeout",
            "unseen-exim",
            RELAY,
            [("info@example.org", ["retry timeout exceeded"])],
            [exp("", "", "expired")],
            "Exim gave up on a remote address: 'retry timeout exceeded'. expired, no codes.",
        )
    )

    # -- Exim all hosts failing
    S.append(
        exim(
            "exim/exim-all-hosts-failing",
            "unseen-exim",
            RELAY,
            [
                (
                    "team@example.net",
                    [
                        "all hosts for 'example.net' have been failing for a long time (and retry time not reached)"
                    ],
                )
            ],
            [exp("", "", "expired")],
            "All MX hosts have been failing beyond the retry limit: expired.",
            i=1,
        )
    )

    # -- Exim frozen message timed out
    S.append(
        exim(
            "exim/exim-frozen-timed-out",
            "unseen-exim",
            "mx3.example.com",
            [("archive@example.com", ["delivery cancelled; message timed out"])],
            [exp("", "", "expired")],
            "The message sat frozen on the receiving Exim (its local delivery kept failing) until "
            "timeout_frozen_after cancelled it: 'delivery cancelled; message timed out'. expired. The wording is "
            "from memory of Exim's source (RECIP_FAIL_TIMEOUT).",
            local=False,
            i=0,
        )
    )

    # -- Exim unrouteable
    S.append(
        exim(
            "exim/exim-unrouteable",
            "unseen-exim",
            RELAY,
            [("ceo@nonexistent-domain.example", ["Unrouteable address"])],
            [exp("", "", "hostunknown")],
            "Exim's dnslookup router found no MX or A for the domain: 'Unrouteable address'. hostunknown, hard.",
        )
    )

    # -- Exim mail loop
    S.append(
        exim(
            "exim/exim-too-many-received",
            "unseen-exim",
            "mail.example.org",
            [
                (
                    "forward-me@example.org",
                    ['Too many "Received" headers - suspected mail loop'],
                )
            ],
            [exp("", "", "networkerror")],
            "A forwarding loop between two hosts; Exim stops at received_headers_max. networkerror.",
            local=False,
            i=2,
        )
    )

    # -- Exim 4.97 DSN: spam rejection after DATA by rspamd
    rep = ["554 5.7.1 Spam message rejected"]
    S.append(
        exim(
            "exim/exim497-dsn-spam-rejected",
            "unseen-exim",
            RELAY,
            [
                (
                    "m.weber@example.net",
                    remote("mx1.example.net", "198.51.100.91", "end of data", rep),
                )
            ],
            [exp("5.7.1", "554", "spamdetected")],
            "rspamd at the receiver rejects the content as spam: spamdetected.",
            dsn=[
                dsnrec(
                    "m.weber@example.net",
                    "mx1.example.net",
                    rep[0],
                    xdiag="SMTP error from remote mail server after end of data:\n "
                    + rep[0],
                )
            ],
            version="4.97.1",
        )
    )

    # -- Exim: virus at receiver
    rep = [
        "550-This message contains a virus (Win.Test.EICAR_HDB-1) and has been",
        "550 rejected.",
    ]
    S.append(
        exim(
            "exim/exim-virus-rejected",
            "unseen-exim",
            RELAY,
            [
                (
                    "it@example.org",
                    remote("mail.example.org", "203.0.113.54", "end of data", rep),
                )
            ],
            [exp("", "550", "virusdetected")],
            "The receiver's ClamAV found a virus; no enhanced status code in the reply. virusdetected.",
            i=1,
        )
    )

    # -- Exim: multi recipient with DSN, one unknown one full
    rep1 = ["550 5.1.1 <x.li@example.com>: Recipient address rejected: User unknown"]
    rep2 = ["552 5.2.2 <y.wang@example.com>: Recipient address rejected: Mailbox full"]
    S.append(
        exim(
            "exim/exim496-dsn-two-recipients",
            "unseen-exim",
            RELAY,
            [
                (
                    "x.li@example.com",
                    remote(
                        "mx.example.com",
                        "198.51.100.8",
                        "RCPT TO:<x.li@example.com>",
                        rep1,
                    ),
                ),
                (
                    "y.wang@example.com",
                    remote(
                        "mx.example.com",
                        "198.51.100.8",
                        "RCPT TO:<y.wang@example.com>",
                        rep2,
                    ),
                ),
            ],
            [exp("5.1.1", "550", "userunknown"), exp("5.2.2", "552", "mailboxfull")],
            "One Exim bounce for two recipients at the same domain: unknown, then mailbox full.",
            dsn=[
                dsnrec("x.li@example.com", "mx.example.com", rep1[0]),
                dsnrec("y.wang@example.com", "mx.example.com", rep2[0]),
            ],
            i=2,
        )
    )

    # -- Exim: TLS required
    rep = ["530 5.7.0 Must issue a STARTTLS command first"]
    S.append(
        exim(
            "exim/exim-starttls-required",
            "unseen-exim",
            "legacy.example.com",
            [
                (
                    "billing@example.net",
                    remote(
                        "mx.example.net",
                        "198.51.100.120",
                        "MAIL FROM:<"
                        + bounce_addr("exim/exim-starttls-required", 3)
                        + "> SIZE=4312",
                        rep,
                    ),
                )
            ],
            [exp("5.7.0", "530", "failedstarttls")],
            "An Exim built without TLS meets a receiver requiring STARTTLS: failedstarttls.",
            i=3,
        )
    )

    # -- cPanel: No Such User Here
    S.append(
        exim(
            "exim/cpanel-no-such-user",
            "unseen-cpanel",
            "server123.webhost.example",
            [("webmaster@example.org", ["No Such User Here"])],
            [exp("", "", "userunknown")],
            "cPanel server's own answer for a local address that does not exist ('No Such User Here', the default "
            ":fail: of its valiases). userunknown, hard.",
            local=False,
            i=1,
            version="4.96.2",
        )
    )

    # -- cPanel: cannot route
    S.append(
        exim(
            "exim/cpanel-account-or-domain-may-not-exist",
            "unseen-cpanel",
            "server123.webhost.example",
            [
                (
                    "sales@closed-shop.example",
                    [
                        "The mail server could not deliver mail to sales@closed-shop.example.  The account or domain may not exist, they may be blacklisted, or missing the proper dns entries."
                    ],
                )
            ],
            [exp("", "", "hostunknown")],
            "cPanel's message for an address its lookuphost router cannot route (the domain has no usable MX/A). "
            "The text hedges ('account or domain may not exist ... blacklisted ... dns entries'); cPanel prints it "
            "when the DNS lookup of the domain fails, so hostunknown. Debatable: the wording alone would only "
            "justify undefined.",
            i=0,
        )
    )

    # -- cPanel: max emails per hour (the sender's own host limit)
    S.append(
        exim(
            "exim/cpanel-max-emails-per-hour",
            "unseen-cpanel",
            "server88.webhost.example",
            [
                (
                    "jane.doe@example.com",
                    [
                        "Domain example.com has exceeded the max emails per hour (500/500 (100%)) allowed.  Message discarded."
                    ],
                )
            ],
            [exp("", "", "speeding")],
            "The sender's cPanel host discards mail above its hourly sending limit (the recipient is fine): "
            "speeding. Soft; the recipient must not be suppressed.",
            i=3,
        )
    )

    # -- cPanel: remote 550 via cPanel DSN
    rep = [
        "550 5.7.1 Service unavailable; client [192.0.2.150] blocked using b.barracudacentral.org"
    ]
    S.append(
        exim(
            "exim/cpanel-barracuda-rbl",
            "unseen-cpanel",
            "server88.webhost.example",
            [
                (
                    "accounts@example.net",
                    remote(
                        "mx.example.net",
                        "198.51.100.212",
                        "RCPT TO:<accounts@example.net>",
                        rep,
                    ),
                )
            ],
            [exp("5.7.1", "550", "blocked")],
            "The shared hosting IP is listed on Barracuda's BRBL: blocked.",
            dsn=[dsnrec("accounts@example.net", "mx.example.net", rep[0])],
            i=3,
        )
    )

    # -- Exim delay warnings
    S.append(
        delay_warning(
            "exim/exim-delay-greylisting",
            "unseen-exim",
            RELAY,
            "p.virtanen@example.org",
            [
                "host mx.example.org [198.51.100.73]",
                "Delay reason: SMTP error from remote mail server after RCPT TO:<p.virtanen@example.org>:",
                "451 4.7.1 Greylisting in action, please come back later",
            ],
            [exp("4.7.1", "451", "blocked")],
            "Exim delay warning (24 hours): the receiver still greylists. Greylisting is a temporary refusal of "
            "the sending host: blocked, soft (see the postgrey sample).",
        )
    )
    S.append(
        delay_warning(
            "exim/exim-delay-too-many-recipients",
            "unseen-exim",
            RELAY,
            "list-archive@example.net",
            [
                "host mx.example.net [198.51.100.9]",
                "Delay reason: SMTP error from remote mail server after RCPT TO:<list-archive@example.net>:",
                "452 4.5.3 Too many recipients",
            ],
            [exp("4.5.3", "452", "toomanyconn")],
            "Delay warning: the receiver caps recipients per transaction (452 4.5.3). Closest reason: toomanyconn "
            "(too many in one session); speeding is defensible.",
            hours=4,
            i=1,
        )
    )

    # -- GMX own bounce format (Exim-like, English)
    gmx_text = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error. The following address(es)
failed:

"ines.bauer@example.net":
SMTP error from remote server for RCPT TO command, host: mx00.example.net (198.51.100.90) reason: 550 5.1.1 <ines.bauer@example.net>: Recipient address rejected: User unknown in local recipient table

"""
    S.append(
        gmx_like(
            "gmx/gmx-userunknown",
            "unseen-gmx",
            "gmx.net",
            "mout.gmx.net",
            gmx_text,
            "ines.bauer@example.net",
            [exp("5.1.1", "550", "userunknown")],
            "GMX's own bounce for a GMX user's message: one-line 'SMTP error from remote server for RCPT TO command, "
            "host: ... reason: 550 5.1.1'.",
        )
    )
    webde_text = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error. The following address(es)
failed:

"k.schroeder@example.org":
SMTP error from remote server for TEXT command, host: mail.example.org (203.0.113.18) reason: 552 5.3.4 Message size exceeds fixed limit

"""
    S.append(
        gmx_like(
            "gmx/webde-too-big",
            "unseen-gmx",
            "web.de",
            "mout.web.de",
            webde_text,
            "k.schroeder@example.org",
            [exp("5.3.4", "552", "mesgtoobig")],
            "web.de (same platform as GMX): the remote refuses the size after DATA.",
        )
    )

    # -- Yandex bilingual bounce
    S.append(yandex())
    # -- Exim local :fail: for a changed address
    S.append(
        exim(
            "exim/exim-fail-address-changed",
            "unseen-exim",
            "mail.example.net",
            [
                (
                    "h.lindgren@example.net",
                    [
                        "The address h.lindgren@example.net has changed; please use hanna.lindgren@example.com"
                    ],
                )
            ],
            [exp("", "", "hasmoved")],
            "A hosting Exim with a ':fail:' alias that tells senders the new address. No codes; the address is "
            "permanently gone and a replacement is named: hasmoved, hard.",
            local=False,
            i=1,
        )
    )
    return S


def gmx_like(
    path: str,
    module: str,
    dom: str,
    mout: str,
    text: str,
    rcpt: str,
    expected: list[dict[str, object]],
    note: str,
) -> Sample:
    """GMX/web.de bounce for a newsletter its user forwards elsewhere."""
    bnd = f"--=_{h(path, 24)}"
    date = "Tue, 14 Nov 2023 12:40:13 +0100"
    to = bounce_addr(path, 1)
    user = "marta.sample@example.com"
    orig = original(path, user, "Tue, 14 Nov 2023 12:40:10 +0100", i=1)
    first, rest = orig.split("\n", 1)
    orig = (
        first + "\n"
        f"Received: from out2.letters.example.org ([192.0.2.21]) by {mout.replace('mout', 'mx')}\n"
        f" (mxgmx{int(h(path, 2), 16) % 100 + 100}) with ESMTPS (Nemesis) id 1M{h(path, 14)} for\n"
        f" <{user}>; Tue, 14 Nov 2023 12:40:11 +0100\n" + rest
    )
    raw = f"""Return-Path: <>
Received: from {mout} ({mout} [212.227.17.22])
	by mx.letters.example.org (Postfix) with ESMTPS id {h(path, 10).upper()}
	for <{to}>; {date}
Received: from mailer-daemon by {mout.replace("mout", "mrgmx")} with id 0MSw8R-1qg1Jb2mJ4-00U0K5
 for <{to}>; {date}
Date: {date}
From: Mail Delivery System <mailer-daemon@{dom}>
To: {to}
Subject: Mail delivery failed: returning message to sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{bnd}"
Message-ID: <{h(path + "b", 8)}.{h(path + "c", 6)}@{mout}>

This is a multi-part message in MIME format.
--{bnd}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{text}--{bnd}
Content-Type: message/rfc822

{orig}
--{bnd}--
"""
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[rcpt],
        note=note
        + " The mailbox at the provider forwards to the failing address and the "
        "provider bounces to the newsletter's envelope sender.",
        crlf=True,
    )


def yandex() -> Sample:
    path = "yandex/yandex-bilingual-mailbox-full"
    rcpt = "o.petrova@example.ru"
    ru = """Это письмо создано автоматически
сервером Яндекс Почты (yandex.ru).

Ваше письмо не может быть доставлено одному или нескольким
получателям:

o.petrova@example.ru
  Ящик получателя переполнен.

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

    o.petrova@example.ru
    host mx.example.ru [198.51.100.44]
    SMTP error from remote mail server after end of data:
    552 5.2.2 Mailbox size limit exceeded
"""
    bnd = f"{h(path, 10)}.{h(path + 'x', 6)}/forward501a.mail.yandex.net"
    date = "Tue, 14 Nov 2023 15:05:41 +0300"
    dsn = """Reporting-MTA: dns; forward501a.mail.yandex.net
Arrival-Date: Tue, 14 Nov 2023 15:05:37 +0300

Final-Recipient: rfc822; o.petrova@example.ru
Original-Recipient: rfc822;o.petrova@example.ru
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.example.ru
Diagnostic-Code: smtp; 552 5.2.2 Mailbox size limit exceeded
"""
    orig = original(
        path,
        rcpt,
        "Tue, 14 Nov 2023 15:05:37 +0300",
        headers_only=True,
        subject="=?utf-8?B?0J3QvtCy0L7RgdGC0Lgg0L3QtdC00LXQu9C4?=",
        i=0,
    )
    raw = f"""Return-Path: <>
Received: from forward501a.mail.yandex.net (forward501a.mail.yandex.net [178.154.239.81])
	by mx.news.example.com (Postfix) with ESMTPS id {h(path, 10).upper()}
	for <{bounce_addr(path)}>; {date}
Received: from forward501a.mail.yandex.net by forward501a.mail.yandex.net (Yandex)
	id {h(path, 10)}; {date}
From: MAILER-DAEMON@yandex.ru
To: {bounce_addr(path)}
Subject: =?utf-8?B?0J3QtdC00L7RgdGC0LDQstC70LXQvdC90L7QtSDRgdC+0L7QsdGJ0LXQvdC4?=
 =?utf-8?B?0LU=?= / Undelivered mail
Date: {date}
Message-Id: <{h(path, 14)}@forward501a.mail.yandex.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="{bnd}"

This is a MIME-encapsulated message.

--{bnd}
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64(ru)}

--{bnd}
Content-Description: Delivery report
Content-Type: message/delivery-status

{dsn}
--{bnd}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{orig}
--{bnd}--
"""
    return Sample(
        path=path,
        raw=raw,
        module="unseen-yandex",
        expected=[exp("5.2.2", "552", "mailboxfull")],
        recipients=[rcpt],
        note="Yandex relay bounce, Russian text first then the English Exim-like block, base64 "
        "body, DSN part. The remote refused with 552 5.2.2 mailbox size limit: mailboxfull. The "
        "layout is reconstructed from memory of Yandex bounces, not copied.",
        crlf=True,
    )
