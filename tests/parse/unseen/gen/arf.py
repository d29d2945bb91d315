"""ARF complaints (RFC 5965) and an RFC 6591 authentication-failure report."""

from __future__ import annotations

from common import Sample, exp, h, multipart, newsletter, original


def arf(
    path: str,
    module: str,
    frm: str,
    subject: str,
    intro: str,
    fields: list[tuple[str, str]],
    rcpt: str,
    ftype: str,
    note: str,
    i: int = 0,
    to: str | None = None,
    orig_to: str | None = None,
    headers_only: bool = False,
    extra_headers: str = "",
    date: str = "Tue, 14 Nov 2023 03:02:11 +0000",
) -> Sample:
    _name, _nfrom, dom, _ = newsletter(i)
    bnd = f"----=_Part_{int(h(path, 6), 16)}_{int(h(path + 'x', 7), 16)}.1699930931"
    orig = original(
        path, rcpt, "Tue, 14 Nov 2023 01:21:33 +0000", i=i, headers_only=headers_only
    )
    if orig_to is not None:
        orig = orig.replace(f"To: {rcpt}\n", f"To: {orig_to}\n", 1)
    report = "\n".join(f"{k}: {v}" for k, v in fields) + "\n"
    raw = (
        f"Return-Path: <{frm.split('<')[-1].rstrip('>')}>\n"
        f"Received: from fbl.{frm.split('@')[-1].rstrip('>')} (fbl.{frm.split('@')[-1].rstrip('>')} [198.51.100.{int(h(path, 2), 16) % 200 + 30}])\n"
        f"\tby mx.{dom} (Postfix) with ESMTPS id {h(path, 10).upper()}\n"
        f"\tfor <{to or 'fbl@' + dom}>; {date}\n"
        f"From: {frm}\n"
        f"To: {to or 'fbl@' + dom}\n"
        f"Subject: {subject}\n"
        f"Date: {date}\n"
        f"Message-ID: <{h(path, 20)}@{frm.split('@')[-1].rstrip('>')}>\n"
        + extra_headers
        + "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=feedback-report;\n\tboundary="{bnd}"\n\n'
        + multipart(
            bnd,
            [
                'Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
                + intro
                + "\n",
                "Content-Type: message/feedback-report\n\n" + report,
                (
                    "Content-Type: text/rfc822-headers\n\n"
                    if headers_only
                    else "Content-Type: message/rfc822\nContent-Disposition: inline\n\n"
                )
                + orig,
            ],
            "This is a multi-part message in MIME format.",
        )
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=[exp("", "", "feedback", feedback_type=ftype)],
        recipients=[rcpt],
        note=note,
        crlf=True,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    ip = "192.0.2.41"
    S.append(
        arf(
            "arf/yahoo-fbl-abuse",
            "unseen-arf",
            "feedback@arf.mail.yahoo.com",
            "FW: Your weekly update: what's new this week",
            f"This is an email abuse report for an email message received from IP {ip} on Tue, 14 Nov 2023 01:21:33 +0000.\n"
            "For more information about this format please see http://www.mipassoc.org/arf/.",
            [
                ("Feedback-Type", "abuse"),
                ("User-Agent", "Yahoo!-Mail-Feedback/2.0"),
                ("Version", "0.1"),
                ("Original-Mail-From", "<bounces+7a1c2e9f@news.example.com>"),
                ("Original-Rcpt-To", "<meg.turner@example.com>"),
                ("Received-Date", "Tue, 14 Nov 2023 01:21:33 +0000"),
                ("Reported-Domain", "news.example.com"),
                (
                    "Authentication-Results",
                    "mta4012.mail.bf1.yahoo.com  from=news.example.com; domainkeys=neutral (no sig);  from=news.example.com; dkim=pass (ok)",
                ),
            ],
            "meg.turner@example.com",
            "abuse",
            "Yahoo CFL complaint (this-is-spam button). The complainer is the Original-Rcpt-To.",
        )
    )
    S.append(
        arf(
            "arf/aol-scomp-abuse",
            "unseen-arf",
            "scomp@aol.net",
            f"Email Feedback Report for IP {ip}",
            f"This is an email abuse report for an email message received from IP {ip} on Mon, 13 Nov 2023 20:21:33 -0500.\n"
            "For more information about this format please see http://www.mipassoc.org/arf/.\n\n"
            "TO UNSUBSCRIBE FROM THIS FEEDBACK LOOP, PLEASE VISIT https://postmaster.aol.com/",
            [
                ("Feedback-Type", "abuse"),
                ("User-Agent", "AOL SComp"),
                ("Version", "0.1"),
                ("Received-Date", "Mon, 13 Nov 2023 20:21:33 -0500"),
                ("Source-IP", ip),
                ("Reported-Domain", "letters.example.org"),
            ],
            "jim.baker@example.net",
            "abuse",
            "Old AOL SComp feedback loop: the report part has no Original-Rcpt-To; the recipient is only in the "
            "returned message's To header.",
            i=1,
        )
    )
    S.append(
        arf(
            "arf/outlook-jmrp-abuse",
            "unseen-arf",
            "staff@hotmail.com",
            f"complaint about message from {ip}",
            f"This is an email abuse report for an email message received from IP {ip} on Tue, 14 Nov 2023 01:21:33 -0800.\n"
            "For more information about this format please see http://www.mipassoc.org/arf/.",
            [
                ("Feedback-Type", "abuse"),
                ("User-Agent", "Hotmail FBL"),
                ("Version", "0.1"),
                ("Received-Date", "Tue, 14 Nov 2023 01:21:33 -0800"),
                ("Source-IP", ip),
                ("Original-Rcpt-To", "pat.oconnor@example.com"),
                ("Reported-Domain", "shop.example.net"),
            ],
            "pat.oconnor@example.com",
            "abuse",
            "Outlook.com JMRP complaint in ARF form (JMRP also adds X-HmXmrOriginalRecipient to the returned "
            "message; here the report names the recipient). Layout from memory.",
            i=2,
            extra_headers="X-HmXmrOriginalRecipient: <pat.oconnor@example.com>\n",
        )
    )
    S.append(
        arf(
            "arf/comcast-fbl-abuse",
            "unseen-arf",
            "Comcast Feedback Loop <feedbackloop@comcastfbl.example.net>",
            "Comcast Abuse Report",
            f"This is an email abuse report for an email message received from IP {ip}.",
            [
                ("Feedback-Type", "abuse"),
                ("User-Agent", "Comcast FBL 1.0"),
                ("Version", "1"),
                ("Original-Mail-From", "<bounces+1b2c3d4e@example.com>"),
                ("Arrival-Date", "Tue, 14 Nov 2023 01:21:33 +0000"),
                ("Source-IP", ip),
                ("Reported-Domain", "example.com"),
            ],
            "dana.white@example.net",
            "abuse",
            "Comcast-style FBL (the real one is run by Validity); the recipient is redacted from the report part "
            "and the returned message is addressed to undisclosed recipients, so the recipient can only come "
            "from the returned message's Received 'for <...>' clause. Hard case on purpose.",
            i=3,
            orig_to="undisclosed-recipients:;",
        )
    )
    S.append(
        arf(
            "arf/mailru-fbl-abuse",
            "unseen-arf",
            "fbl@corp.mail.ru",
            "Mail.Ru FBL report",
            "This is an abuse report for an email message received from IP 192.0.2.41.",
            [
                ("Feedback-Type", "abuse"),
                ("User-Agent", "Mail.Ru FBL Service/1.0"),
                ("Version", "1"),
                ("Original-Mail-From", "<bounces+9f8e7d6c@news.example.com>"),
                ("Original-Rcpt-To", "<a.fedorov@example.ru>"),
                ("Arrival-Date", "Tue, 14 Nov 2023 04:21:33 +0300"),
                ("Source-IP", ip),
                ("Reported-Domain", "news.example.com"),
            ],
            "a.fedorov@example.ru",
            "abuse",
            "Mail.ru feedback loop complaint; returned message is headers only (text/rfc822-headers). Layout "
            "reconstructed.",
            headers_only=True,
        )
    )
    S.append(
        arf(
            "arf/isp-fraud-report",
            "unseen-arf",
            "Abuse Desk <abuse-reports@isp.example.net>",
            "Phishing report",
            "A user of isp.example.net reported the attached message as phishing/fraud.",
            [
                ("Feedback-Type", "fraud"),
                ("User-Agent", "ExampleISP-ARF/2.3"),
                ("Version", "1"),
                ("Original-Mail-From", "<bounces+5e4d3c2b@shop.example.net>"),
                ("Original-Rcpt-To", "<g.hall@isp.example.net>"),
                ("Arrival-Date", "Tue, 14 Nov 2023 01:21:33 +0000"),
                ("Source-IP", ip),
                ("Reported-Domain", "shop.example.net"),
                ("Reported-Uri", "https://shop.example.net/issues/5e4d"),
            ],
            "g.hall@isp.example.net",
            "fraud",
            "An ISP's ARF report of type fraud (user flagged the newsletter as phishing).",
            i=2,
        )
    )
    S.append(
        arf(
            "arf/isp-not-spam",
            "unseen-arf",
            "Feedback <fbl@isp.example.org>",
            "Not spam report",
            "A user moved the attached message out of the spam folder.",
            [
                ("Feedback-Type", "not-spam"),
                ("User-Agent", "ExampleMail-FBL/1.1"),
                ("Version", "1"),
                ("Original-Mail-From", "<bounces+0a9b8c7d@letters.example.org>"),
                ("Original-Rcpt-To", "<ruth.green@isp.example.org>"),
                ("Arrival-Date", "Tue, 14 Nov 2023 01:21:33 +0000"),
                ("Source-IP", ip),
                ("Reported-Domain", "letters.example.org"),
            ],
            "ruth.green@isp.example.org",
            "not-spam",
            "ARF not-spam: the user rescued the newsletter from the spam folder. Still a feedback report "
            "(reason feedback, feedback_type not-spam); it must not count as a complaint against the sender.",
            i=1,
        )
    )
    S.append(
        arf(
            "arf/dkim-auth-failure",
            "unseen-arf",
            "DMARC Forensics <ruf@dmarc.example.org>",
            "Authentication failure report for news.example.com",
            "This is an authentication failure report for an email message received from IP 192.0.2.41.",
            [
                ("Feedback-Type", "auth-failure"),
                ("User-Agent", "OpenDMARC-Reports/1.4.2"),
                ("Version", "1"),
                ("Original-Mail-From", "<bounces+3c4d5e6f@news.example.com>"),
                ("Original-Rcpt-To", "<audit@example.org>"),
                ("Arrival-Date", "Tue, 14 Nov 2023 01:21:33 +0000"),
                ("Source-IP", ip),
                ("Reported-Domain", "news.example.com"),
                ("Auth-Failure", "dkim"),
                ("DKIM-Domain", "news.example.com"),
                ("DKIM-Identity", "@news.example.com"),
                ("DKIM-Selector", "nl2023"),
                (
                    "Authentication-Results",
                    'mx.example.org; dkim=fail reason="signature verification failed" header.d=news.example.com; spf=pass smtp.mailfrom=news.example.com',
                ),
            ],
            "audit@example.org",
            "auth-failure",
            "RFC 6591 authentication failure report (DKIM body hash broken by a footer-adding list). A feedback "
            "report of type auth-failure; the recipient is the Original-Rcpt-To. Not a complaint by a person.",
            headers_only=True,
        )
    )
    return S
