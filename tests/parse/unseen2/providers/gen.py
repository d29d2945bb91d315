#!/usr/bin/env python3
"""Writer of the blind held-out set tests/parse/unseen2/providers/.

Stdlib only, deterministic: every run rewrites the same bytes.

    python3 tests/parse/unseen2/providers/gen.py           # rewrite all files
    python3 tests/parse/unseen2/providers/gen.py --check   # files == writers?

Every sample is one call of ``add(family, name, text, expected, recipients, note)``.
``text`` is written with LF line ends in the source and converted to CRLF unless the
sample says ``crlf=False`` (Exim, qmail-like and Unix local mailers keep LF).
Non-ASCII human texts are encoded here (quoted-printable / base64 / encoded words) so
that every .eml is plain 7-bit ASCII on disk, as it arrives from the wire.
"""
import base64
import json
import os
import quopri
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = []
HARD = {"userunknown", "hostunknown", "hasmoved", "notaccept"}


# --------------------------------------------------------------------------- expectations
def E(status, code, reason, perm=None, **kw):
    """One expected finding. ``perm``: is it a permanent failure? Inferred from the
    status / reply class (5 = permanent, 4 = transient, none = permanent)."""
    if perm is None:
        cls = (status or code or "5")[:1]
        perm = cls == "5"
    d = {"status": status, "reply_code": code, "reason": reason,
         "hard": bool(perm and reason in HARD)}
    d.update(kw)
    return d


def add(family, name, text, expected, recipients, note, crlf=True, module=None):
    assert len(expected) == len(recipients), name
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    SAMPLES.append((family, name, text, {
        "module": module or "unseen2-" + family,
        "kind": "bounce-sample" if expected else "not-bounce",
        "expected": expected, "recipients": recipients, "note": note}))


# --------------------------------------------------------------------------- encoders
def qp(text, cs="utf-8"):
    return quopri.encodestring(text.encode(cs)).decode("ascii")


def b64(text, cs="utf-8"):
    return base64.encodebytes(text.encode(cs)).decode("ascii")


def ew(text, cs="utf-8", mode="B", chunk=None):
    """RFC 2047 encoded words, folded; each word encoded separately (stateful
    charsets such as ISO-2022-JP are closed in every word)."""
    if chunk is None:
        chunk = 30 if all(ord(c) < 0x370 for c in text) else 12
    words = []
    for i in range(0, len(text), chunk):
        raw = text[i:i + chunk].encode(cs)
        if mode == "B":
            enc = base64.b64encode(raw).decode("ascii")
        else:
            enc = "".join(
                chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else
                "_" if b == 32 else "=%02X" % b for b in raw)
        words.append("=?%s?%s?%s?=" % (cs_name(cs), mode, enc))
    return "\n ".join(words)


def cs_name(cs):
    return {"iso2022_jp": "ISO-2022-JP", "gb2312": "GB2312", "gbk": "GBK", "big5": "Big5",
            "euc_kr": "EUC-KR", "koi8_r": "KOI8-R", "cp1256": "windows-1256",
            "cp1255": "windows-1255", "iso8859_9": "ISO-8859-9", "iso8859_7": "ISO-8859-7",
            "iso8859_2": "ISO-8859-2", "iso8859_1": "ISO-8859-1", "utf-8": "UTF-8",
            "shift_jis": "Shift_JIS", "cp1252": "windows-1252"}[cs]


def wrap(s, width=76, indent="    ", first=""):
    return textwrap.fill(s, width=width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def hfold(name, value, width=78):
    """Fold a long header value at spaces."""
    return textwrap.fill(value, width=width, initial_indent=name + ": ",
                         subsequent_indent="\t", break_long_words=False,
                         break_on_hyphens=False)


# --------------------------------------------------------------------------- the returned newsletter
def newsletter(to, subject, mid, date, *, frm='"Example Weekly" <news@example.org>',
               relay="mail.example.org", relay_ip="203.0.113.45", extra=(), esp=None,
               headers_only=False, envelope="bounces@news.example.org", qid="4VZ1k82Kq1z9sWr",
               body=None, helo="app1.example.org", ts=None, listmonk=True):
    ts = ts or date
    if not subject.isascii():
        subject = ew(subject)
    if not frm.isascii():
        name, addr = frm.rsplit(" ", 1)
        frm = ew(name.strip('"')) + " " + addr
    h = []
    h.append("Received: from %s (%s [198.51.100.20])\n\tby %s (Postfix) with ESMTPSA id %s\n"
             "\tfor <%s>; %s" % (helo, helo, relay, qid, to, ts))
    h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;\n"
             "\ts=nl2024; t=1715070640; bh=2jmj7l5rSw0yVb/vlWAYkK/YBwk=;\n"
             "\th=From:To:Subject:Date:Message-ID:List-Unsubscribe;\n"
             "\tb=VGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSwganVzdCB0ZXN0IGRhdGEgZm9y\n"
             "\tIGEgYm91bmNlIHBhcnNlciBzYW1wbGUu")
    h.append("From: " + frm)
    h.append("To: " + to)
    h.append("Subject: " + subject)
    h.append("Date: " + date)
    h.append("Message-ID: " + mid)
    h.append("MIME-Version: 1.0")
    h.append('Content-Type: text/plain; charset="UTF-8"')
    h.append("Content-Transfer-Encoding: quoted-printable")
    h.append("List-Id: Example Weekly <weekly.news.example.org>")
    h.append("List-Unsubscribe: <https://news.example.org/u/8c1e3f2a-5b7d-4e21-9a0c-1f2e3d4c5b6a>,\n"
             " <mailto:unsubscribe@news.example.org?subject=unsub-8c1e3f2a>")
    h.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    if listmonk:
        h.append("X-Listmonk-Campaign: 3f6e1c2d-8a4b-4c9e-b1d2-7e8f9a0b1c2d")
        h.append("X-Listmonk-Subscriber: 8c1e3f2a-5b7d-4e21-9a0c-1f2e3d4c5b6a")
    h.append("Feedback-ID: 42:weekly:listmonk:example.org")
    h.extend(extra)
    head = "\n".join(h) + "\n"
    if headers_only:
        return head
    body = body or ("Hello,\n\nThis week in the Example Weekly: three stories about gardens, a recipe\n"
                    "and the readers' letters.\n\nRead online: https://news.example.org/w/2024-19\n\n"
                    "--=20\nYou receive this because you subscribed at example.org.\n"
                    "Unsubscribe: https://news.example.org/u/8c1e3f2a-5b7d-4e21-9a0c-1f2e3d4c5b6a\n")
    return head + "\n" + body


# --------------------------------------------------------------------------- Postfix
POSTFIX_FAIL = """This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""
POSTFIX_DELAY = """This is the mail system at host {host}.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for {hours} hours.
It will be retried until it is 5.0 days old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""


def pf_stamp(date):
    import email.utils
    import datetime
    d = email.utils.parsedate_to_datetime(date.replace(" (", " ").split(" ", 6)[0] and
                                          " ".join(date.split()[:6]))
    return d.astimezone(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")


def pf_said(rcpt, host, ip, reply, stage, orig=None):
    who = "<%s>%s" % (rcpt, " (expanded from <%s>)" % orig if orig else "")
    return wrap("%s: host %s[%s] said: %s (in reply to %s)" % (who, host, ip, reply, stage),
                width=72)


def pf_diag(reply):
    return wrap("Diagnostic-Code: smtp; " + reply, width=78)


def postfix(*, host, qid, to, date, arrival, recips, orig, delayed=False, mid=None,
            headers_only=None, human=None, human_cs="us-ascii", human_cte=None,
            subject=None, frm=None, sender=None, hours="4.0", extra_headers=()):
    """recips: dicts with rcpt, status, human (paragraph), diag (full line or None),
    remote (host or None), orig (Original-Recipient or None), action."""
    boundary = "%s.%d/%s" % (qid, 1715000000 + sum(map(ord, qid)) * 7, host)
    if headers_only is None:
        headers_only = delayed
    subject = subject or ("Delayed Mail (still being retried)" if delayed
                          else "Undelivered Mail Returned to Sender")
    out = ["Return-Path: <>",
           "Received: by %s (Postfix)\n\tid %s; %s" % (host, qid, date),
           "Date: " + date,
           "From: " + (frm or "MAILER-DAEMON@%s (Mail Delivery System)" % host),
           "Subject: " + subject,
           "To: " + to,
           "Auto-Submitted: auto-replied",
           "MIME-Version: 1.0",
           'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="%s"' % boundary,
           "Content-Transfer-Encoding: 8bit",
           "Message-Id: " + (mid or "<%s.%s@%s>" % (pf_stamp(date), qid[:10], host))]
    out.extend(extra_headers)
    out.append("")
    out.append("This is a MIME-encapsulated message.")
    out.append("")
    out.append("--" + boundary)
    out.append("Content-Description: Notification")
    if human is None:
        tmpl = POSTFIX_DELAY if delayed else POSTFIX_FAIL
        text = tmpl.format(host=host, hours=hours) + "\n" + "\n\n".join(r["human"] for r in recips) + "\n"
        out.append("Content-Type: text/plain; charset=us-ascii")
        out.append("")
        out.append(text)
    else:
        out.append("Content-Type: text/plain; charset=%s" % human_cs)
        if human_cte:
            out.append("Content-Transfer-Encoding: " + human_cte)
        out.append("")
        out.append(human)
    out.append("--" + boundary)
    out.append("Content-Description: Delivery report")
    out.append("Content-Type: message/delivery-status")
    out.append("")
    out.append("Reporting-MTA: dns; " + host)
    out.append("X-Postfix-Queue-ID: " + qid)
    out.append("X-Postfix-Sender: rfc822; " + (sender or to))
    out.append("Arrival-Date: " + arrival)
    for r in recips:
        out.append("")
        out.append("Final-Recipient: rfc822; " + r["rcpt"])
        out.append("Original-Recipient: rfc822;" + (r.get("orig") or r["rcpt"]))
        out.append("Action: " + r.get("action", "delayed" if delayed else "failed"))
        out.append("Status: " + r["status"])
        if r.get("remote"):
            out.append("Remote-MTA: dns; " + r["remote"])
        if r.get("diag"):
            out.append(r["diag"])
        if delayed:
            out.append("Will-Retry-Until: " + r.get("until", "Sun, 12 May 2024 10:30:40 +0200 (CEST)"))
    out.append("")
    out.append("--" + boundary)
    if headers_only:
        out.append("Content-Description: Undelivered Message Headers")
        out.append("Content-Type: text/rfc822-headers")
    else:
        out.append("Content-Description: Undelivered Message")
        out.append("Content-Type: message/rfc822")
    out.append("")
    out.append(orig.rstrip("\n") if headers_only else orig)
    out.append("--" + boundary + "--")
    return "\n".join(out) + "\n"


def pf_rcpt(rcpt, status, host, ip, reply, stage="RCPT TO command", orig=None, **kw):
    d = {"rcpt": rcpt, "status": status, "remote": host,
         "human": pf_said(rcpt, host, ip, reply, stage, orig), "diag": pf_diag(reply)}
    if orig:
        d["orig"] = orig
    d.update(kw)
    return d


# --------------------------------------------------------------------------- Exim
EXIM_FAIL = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:
"""


def exim_block(r):
    lines = ["  " + r["rcpt"]]
    if r.get("host"):
        lines.append("    host %s [%s]" % (r["host"], r["ip"]))
    if r.get("text"):
        lines.extend("    " + x for x in r["text"])
    else:
        lines.append("    SMTP error from remote mail server after %s:" % r["stage"])
        lines.extend("    " + x for x in r["reply"])
    return "\n".join(lines)


def exim(*, host, to, date, eximid, recips, orig, dsn=True, warning=None, subject=None,
         orig_subject="", orig_date=""):
    """recips: dicts rcpt, host, ip, stage, reply (list of lines), status (DSN)."""
    ver = "4.97" if len(eximid) > 16 else "4.96"
    orig = orig.replace("(Postfix) with ESMTPSA id 4VZ1k82Kq1z9sWr",
                        "with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t(Exim %s)\n"
                        "\t(envelope-from <bounces@news.example.org>)\n\tid %s" % (ver, eximid))
    if warning:
        subject = subject or "Warning: message %s delayed %s" % (eximid, warning)
        one = len(recips) == 1
        human = ("This message was created automatically by mail delivery software.\n"
                 "A message that you sent has not yet been delivered to one or more of its\n"
                 "recipients after more than %s on the queue on %s.\n\n"
                 "The message identifier is:     %s\n"
                 "The subject of the message is: %s\n"
                 "The date of the message is:    %s\n\n"
                 "The address%s to which the message has not yet been delivered %s:\n\n"
                 % (warning, host, eximid, orig_subject, orig_date,
                    "" if one else "es", "is" if one else "are"))
        blocks = []
        for r in recips:
            lines = ["  " + r["rcpt"], "    host %s [%s]" % (r["host"], r["ip"])]
            lines.append("    Delay reason: SMTP error from remote mail server after %s:" % r["stage"])
            lines.extend("    " + x for x in r["reply"])
            blocks.append("\n".join(lines))
        human += "\n\n".join(blocks) + (
            "\n\nNo action is required on your part. Delivery attempts will continue for\n"
            "some time, and this warning may be repeated at intervals if the message\n"
            "remains undelivered. Eventually the mail delivery software will give up,\n"
            "and when that happens, the message will be returned to you.\n")
    else:
        subject = subject or "Mail delivery failed: returning message to sender"
        human = EXIM_FAIL + "\n" + "\n\n".join(exim_block(r) for r in recips) + "\n"
    out = ["Return-path: <>",
           "Received: from Debian-exim by %s with local (Exim %s)\n\tid %s\n\tfor %s; %s"
           % (host, ver, eximid, to, date) if dsn else
           "Received: from mail by %s with local (Exim 4.94.2)\n\tid %s\n\tfor %s; %s"
           % (host, eximid, to, date),
           "X-Failed-Recipients: " + ", ".join(r["rcpt"] for r in recips) if not warning else None,
           "Auto-Submitted: auto-replied",
           "From: Mail Delivery System <Mailer-Daemon@%s>" % host,
           "To: " + to,
           "Subject: " + subject]
    out = [x for x in out if x]
    if not dsn:
        out += ["Message-Id: <E%s@%s>" % (eximid, host), "Date: " + date, "", human,
                "------ This is a copy of the message, including all the headers. ------" if not warning
                else "------ This is a copy of the message's headers. ------", "", orig]
        return "\n".join(out)
    bnd = "%d-eximdsn-%d" % (1715000000 + len(eximid) * 1000 + sum(map(ord, eximid)), 1804289383)
    out += ["References: <%s>" % "x", "Content-Type: multipart/report; report-type=delivery-status; boundary=" + bnd,
            "MIME-Version: 1.0", "Message-Id: <E%s@%s>" % (eximid, host), "Date: " + date, "",
            "--" + bnd, "Content-type: text/plain; charset=us-ascii", "", human,
            "--" + bnd, "Content-type: message/delivery-status", "", "Reporting-MTA: dns; " + host]
    out = [x for x in out if not x.startswith("References")]
    for r in recips:
        out += ["", "Action: %s" % ("delayed" if warning else "failed"),
                "Final-Recipient: rfc822;" + r["rcpt"], "Status: " + r["status"]]
        if r.get("host"):
            out.append("Remote-MTA: dns; " + r["host"])
        if r.get("reply"):
            out.append("Diagnostic-Code: smtp; " + " ".join(r["reply"]))
        if warning and r.get("until"):
            out.append("Will-Retry-Until: " + r["until"])
    out += ["", "--" + bnd,
            "Content-type: text/rfc822-headers" if warning else "Content-type: message/rfc822",
            "", orig.rstrip("\n") if warning else orig, "--" + bnd + "--", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- Gmail / Google Workspace own DSN
def gmail_dsn(*, to, date, rcpt, text, html_title, html_body, ds, orig, gmr, cs_text=None,
              subject="Delivery Status Notification (Failure)", orig_mid="", headers_only=False):
    bnd = "000000000000%s" % gmr.replace(".", "")[:16]
    b2 = "000000000000%s" % gmr.replace(".", "")[2:18]
    b3 = "000000000000%s" % gmr.replace(".", "")[4:20]
    out = ["Return-Path: <>",
           "Received: from mail-sor-f69.google.com (mail-sor-f69.google.com. [209.85.220.69])\n"
           "        by mx.google.com with SMTPS id %s\n        for <%s>\n"
           "        (Google Transport Security);\n        %s" % (gmr.split(".")[0] + "sor", to, date),
           'Content-Type: multipart/report; boundary="%s"; report-type=delivery-status' % bnd,
           "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
           "To: " + to,
           "Auto-Submitted: auto-replied",
           "Subject: " + subject,
           "References: " + orig_mid,
           "In-Reply-To: " + orig_mid,
           "X-Failed-Recipients: " + rcpt,
           "Message-ID: <%s.GMR@mx.google.com>" % gmr,
           "Date: " + date, "",
           "--" + bnd, 'Content-Type: multipart/related; boundary="%s"' % b2, "",
           "--" + b2, 'Content-Type: multipart/alternative; boundary="%s"' % b3, "",
           "--" + b3, 'Content-Type: text/plain; charset="UTF-8"']
    if cs_text:
        out += ["Content-Transfer-Encoding: quoted-printable", "", qp(text)]
    else:
        out += ["", text]
    html = ('<html>\n<head>\n<style>\n* {\nfont-family:Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif;\n}\n'
            '</style>\n</head>\n<body>\n<table cellpadding="0" cellspacing="0" class="email-wrapper" '
            'style="padding-top:32px;background-color:#ffffff;"><tbody>\n<tr><td>\n'
            '<h1 style="font-size:24px;font-weight:400">%s</h1>\n<p style="font-size:16px">%s</p>\n'
            '</td></tr>\n</tbody></table>\n</body>\n</html>\n' % (html_title, html_body))
    out += ["--" + b3, 'Content-Type: text/html; charset="UTF-8"',
            "Content-Transfer-Encoding: quoted-printable", "", qp(html),
            "--" + b3 + "--", "--" + b2 + "--",
            "--" + bnd, "Content-Type: message/delivery-status", "", ds,
            "--" + bnd,
            "Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822",
            "", orig, "--" + bnd + "--", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- Microsoft 365 NDR
def m365_ndr(*, frm, to, date, subject, text, html, ds, orig, mid, cs="utf-8",
             lang="en-US", headers_only=False):
    bnd = "_000_%s_" % mid.strip("<>").split("@")[0][:40]
    alt = "_001_%s_" % mid.strip("<>").split("@")[0][:40]
    out = ["Return-Path: <>",
           "Received: from " + mid.split("@")[1].rstrip(">") + " ([::1]) by\n " +
           mid.split("@")[1].rstrip(">") + " ([fe80::8d1c:2f0a:1b3e:4c5d%5]) with\n mapi id 15.20.7544.041; " + date,
           "From: " + frm,
           "To: " + to,
           "Date: " + date,
           "Subject: " + subject,
           'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="%s"' % bnd,
           "Content-Language: " + lang,
           "Message-ID: " + mid,
           "In-Reply-To: " + orig.split("Message-ID: ")[1].split("\n")[0],
           "References: " + orig.split("Message-ID: ")[1].split("\n")[0],
           "MIME-Version: 1.0",
           "X-MS-PublicTrafficType: Email",
           "X-MS-Exchange-Message-Is-Ndr: ",
           "X-MS-Exchange-Organization-SCL: -1",
           "Auto-Submitted: auto-replied", "",
           "--" + bnd,
           'Content-Type: multipart/alternative; boundary="%s"' % alt, "",
           "--" + alt,
           'Content-Type: text/plain; charset="%s"' % cs_name(cs),
           "Content-Transfer-Encoding: quoted-printable", "", qp(text, cs),
           "--" + alt,
           'Content-Type: text/html; charset="%s"' % cs_name(cs),
           "Content-Transfer-Encoding: quoted-printable", "", qp(html, cs),
           "--" + alt + "--", "",
           "--" + bnd,
           "Content-Type: message/delivery-status", "", ds,
           "--" + bnd,
           "Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822",
           "", orig.rstrip("\n") if headers_only else orig, "--" + bnd + "--", ""]
    return "\n".join(out)


def m365_html(lines):
    return ("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
            "<meta content=\"text/html; charset=us-ascii\">\n</head>\n<body>\n"
            + "\n".join("<p style=\"font-family:'Segoe UI',Frutiger,Arial,sans-serif;font-size:16px\">%s</p>" % l
                        for l in lines) + "\n</body>\n</html>\n")


# --------------------------------------------------------------------------- generic RFC 3464 report
def report(*, headers, human, ds, orig, bnd, human_ct="text/plain; charset=us-ascii",
           human_cte=None, headers_only=False, preamble="This is a MIME-encapsulated message.\n"):
    out = list(headers)
    out += ['Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="%s"' % bnd,
            "MIME-Version: 1.0", "", preamble,
            "--" + bnd, "Content-Type: " + human_ct]
    if human_cte:
        out.append("Content-Transfer-Encoding: " + human_cte)
    out += ["", human, "--" + bnd, "Content-Type: message/delivery-status", "", ds, "--" + bnd,
            "Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822",
            "", orig.rstrip("\n") if headers_only else orig, "--" + bnd + "--", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- ARF
def arf(*, headers, human, fields, orig, bnd, headers_only=False, human_ct="text/plain; charset=\"US-ASCII\"",
        human_cte=None):
    out = list(headers)
    out += ['Content-Type: multipart/report; report-type=feedback-report;\n\tboundary="%s"' % bnd,
            "MIME-Version: 1.0", "", "--" + bnd, "Content-Type: " + human_ct]
    if human_cte:
        out.append("Content-Transfer-Encoding: " + human_cte)
    out += ["", human, "--" + bnd, "Content-Type: message/feedback-report", "", fields, "",
            "--" + bnd,
            "Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822",
            "Content-Disposition: inline", "", orig.rstrip("\n") if headers_only else orig,
            "--" + bnd + "--", ""]
    return "\n".join(out)


# =========================================================================== samples
def nl_mid(n):
    return "<nl.2024-19.%s@news.example.org>" % n


def verp(addr):
    l, d = addr.split("@")
    return "bounces+%s=%s@news.example.org" % (l, d)


# --------------------------------------------------------------------------- gmail
def gmail():
    r = "lena.hoffmann@example.com"
    reply = ("550-5.7.26 Unauthenticated email from example.org is not accepted due to 550-5.7.26 "
             "domain's DMARC policy. Please contact the administrator of 550-5.7.26 example.org "
             "domain if this was a legitimate mail. To learn about 550-5.7.26 the DMARC initiative, "
             "go to 550 5.7.26  https://support.google.com/mail/?p=DmarcRejection "
             "41be03b00d2f7-6340a5c9a1asi8251622a12.345 - gsmtp")
    orig = newsletter(r, "Example Weekly #19: gardens, bread and letters", nl_mid("a1f"),
                      "Tue, 07 May 2024 08:30:02 +0000", relay="haraka1.example.org")
    human = ("This message was created automatically by mail delivery software.\n\n"
             "A message that you sent could not be delivered to one or more of its\n"
             "recipients. This is a permanent error. The following address(es) failed:\n\n"
             "%s: 550-5.7.26 Unauthenticated email from example.org is not accepted due to\n"
             "550-5.7.26 domain's DMARC policy. Please contact the administrator of\n"
             "550-5.7.26 example.org domain if this was a legitimate mail. To learn about\n"
             "550-5.7.26 the DMARC initiative, go to\n"
             "550 5.7.26  https://support.google.com/mail/?p=DmarcRejection 41be03b00d2f7-6340a5c9a1asi8251622a12.345 - gsmtp\n" % r)
    ds = ("Reporting-MTA: dns;haraka1.example.org\nArrival-Date: Tue, 07 May 2024 08:30:02 +0000\n\n"
          "Final-Recipient: rfc822;%s\nAction: failed\nStatus: 5.7.26\n"
          "Remote-MTA: dns; gmail-smtp-in.l.google.com ([142.250.102.27])\n"
          "Diagnostic-Code: smtp; %s\n" % (r, reply))
    text = report(headers=["Received: (Haraka 3.0.3); Tue, 07 May 2024 08:30:04 +0000",
                           "Message-ID: <3C1A5F0E-2B7D-4A19-9E3C-7F1D2A6B8C40.1@haraka1.example.org>",
                           "Date: Tue, 07 May 2024 08:30:04 +0000",
                           "From: Mail Delivery System <MAILER-DAEMON@haraka1.example.org>",
                           "To: " + verp(r), "Auto-Submitted: auto-replied",
                           "Subject: Mail delivery failed: returning message to sender"],
                  human=human, ds=ds, orig=orig, bnd="--_NmP-4b1d8e0f2a6c93e7-Part_1")
    add("gmail", "haraka-gmail-dmarc-5726", text, [E("5.7.26", "550", "authfailure")], [r],
        "Haraka outbound bounce for a Gmail DMARC rejection (2024 wording, multi-line reply joined "
        "in the DSN). Sender domain's DMARC failed: authfailure. Haraka's bounce layout is "
        "reconstructed from memory of its outbound bounce template.")

    r = "marco.ricci@example.net"
    reply = ("421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating "
             "421-4.7.28 from your SPF domain [example.org      12]. To protect our users from "
             "421-4.7.28 spam, mail sent from your domain has been temporarily rate limited. "
             "421-4.7.28 For more information, go to 421-4.7.28  "
             "https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review "
             "our Bulk Email Senders Guidelines. d9443c01a7336-1f0b9d7ac12si3412345ad.234 - gsmtp")
    orig = newsletter(r, "Example Weekly #19: gardens, bread and letters", nl_mid("b27"),
                      "Tue, 07 May 2024 06:30:02 +0200", headers_only=True)
    text = postfix(host="mail.example.org", qid="4VZ3Hq0Tb5z1xKp", to=verp(r),
                   date="Tue,  7 May 2024 10:30:41 +0200 (CEST)",
                   arrival="Tue,  7 May 2024 06:30:02 +0200 (CEST)", delayed=True,
                   sender=verp(r),
                   recips=[pf_rcpt(r, "4.7.28", "gmail-smtp-in.l.google.com", "142.250.153.27",
                                   reply, "end of DATA command")], orig=orig)
    add("gmail", "postfix-gmail-4728-delayed", text, [E("4.7.28", "421", "badreputation")], [r],
        "Postfix delay warning (Action: delayed) after Gmail's 421-4.7.28 unsolicited-rate limit "
        "on the SPF domain. A reputation throttle: badreputation (soft) per the unseen conventions; "
        "expired would also be defensible for a delay notice.")

    r = "h.nakamura@example.jp"
    orig = newsletter(r, "Example Weekly #20: summer recipes", nl_mid("c04"),
                      "Tue, 14 May 2024 07:00:03 +0100", relay="smtp.example.org")
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Tue, 14 May 2024 07:00:05 +0100", eximid="1s6lKx-000dF2-3P", dsn=False,
                recips=[{"rcpt": r, "host": "gmail-smtp-in.l.google.com", "ip": "142.251.9.26",
                         "stage": "end of data",
                         "reply": ["550-5.7.32 Your email has been blocked because the From: header (RFC5322)",
                                   "550-5.7.32 in this message isn't aligned with either the authenticated SPF",
                                   "550-5.7.32 or DKIM organizational domain. To learn more about DMARC",
                                   "550-5.7.32 alignment, visit",
                                   "550-5.7.32  https://support.google.com/a?p=dmarc-alignment To learn more",
                                   "550-5.7.32 about Gmail requirements for bulk senders, visit",
                                   "550 5.7.32  https://support.google.com/a?p=sender-guidelines. 5b1f17b1804b1-41fd2b7a2c1si1234567f8.412 - gsmtp"]}],
                orig=orig)
    add("gmail", "exim-gmail-5732-alignment", text, [E("5.7.32", "550", "authfailure")], [r],
        "Exim 4.94 plain bounce (no DSN part, LF line ends) for Gmail's 5.7.32 From-alignment "
        "rejection of the 2024 bulk-sender rules: authfailure. The exact 5.7.32 wording is "
        "reconstructed from Google's error list.", crlf=False)

    r = "paul.durand@example.com"
    reply_lines = ["450-4.2.1 The user you are trying to contact is receiving mail at a rate that",
                   "450-4.2.1 prevents additional messages from being delivered. Please resend your",
                   "450-4.2.1 message at a later time. If the user is able to receive mail at that",
                   "450-4.2.1 time, your message will be delivered. For more information, go to",
                   "450 4.2.1  https://support.google.com/mail/?p=ReceivingRate a640c23a62f3a-a5a1c8b2f3esi223344766b.101 - gsmtp"]
    orig = newsletter(r, "Example Weekly #20: summer recipes", nl_mid("c11"),
                      "Tue, 14 May 2024 07:00:03 +0100", relay="smtp.example.org", headers_only=True)
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Wed, 15 May 2024 07:12:40 +0100", eximid="1s6lKx-000dF2-9Q",
                warning="24 hours", orig_subject="Example Weekly #20: summer recipes",
                orig_date="Tue, 14 May 2024 07:00:03 +0100",
                recips=[{"rcpt": r, "host": "gmail-smtp-in.l.google.com", "ip": "142.251.9.27",
                         "stage": "RCPT TO:<%s>" % r, "reply": reply_lines, "status": "4.0.0",
                         "until": "Sat, 18 May 2024 07:00:05 +0100"}], orig=orig)
    add("gmail", "exim-gmail-421-receivingrate-delayed", text,
        [E("4.2.1", "450", "speeding")], [r],
        "Exim 4.97 delay warning with DSN (Action: delayed, Status 4.0.0); the precise code is the "
        "quoted 450-4.2.1 ReceivingRate: the recipient gets mail too fast, speeding (soft). "
        "Sisimai files Gmail's 4.2.1 under speeding as far as I recall; mailboxfull/expired "
        "are other defensible readings.", crlf=False)

    r = "sofia.martin@example.net"
    orig = newsletter(r, "Boletín semanal #19", nl_mid("d55"), "Tue, 7 May 2024 01:30:40 -0700",
                      frm='"Boletín Example" <boletin@example.org>', relay="mail-pj1-f41.google.com")
    txt = ("\n** No se ha encontrado la dirección **\n\n"
           "Tu mensaje no se ha entregado a %s porque no se ha encontrado la dirección o esta "
           "no puede recibir correo.\n\nMás información: https://support.google.com/mail/?p=NoSuchUser\n\n"
           "La respuesta fue:\n\n550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual "
           "mailbox table\n" % (r, r))
    ds = ("Reporting-MTA: dns; googlemail.com\nReceived-From-MTA: dns; boletin@example.org\n"
          "Arrival-Date: Tue, 07 May 2024 01:30:40 -0700 (PDT)\nX-Original-Message-ID: %s\n\n"
          "Final-Recipient: rfc822; %s\nAction: failed\nStatus: 5.1.1\n"
          "Remote-MTA: dns; mx.example.net. (203.0.113.77, the server for the domain example.net.)\n"
          "Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table\n"
          "Last-Attempt-Date: Tue, 07 May 2024 01:30:42 -0700 (PDT)\n" % (nl_mid("d55"), r, r))
    text = gmail_dsn(to="boletin@example.org", date="Tue, 07 May 2024 01:30:42 -0700 (PDT)", rcpt=r,
                     text=txt, cs_text=True, html_title="No se ha encontrado la dirección",
                     html_body="Tu mensaje no se ha entregado a <b>%s</b> porque no se ha encontrado "
                               "la dirección o esta no puede recibir correo." % r,
                     ds=ds, orig=orig, gmr="663a0e52.170a0220.8c2d1.9f3e",
                     orig_mid=nl_mid("d55"))
    add("gmail", "gmail-dsn-es-nosuchuser", text, [E("5.1.1", "550", "userunknown")], [r],
        "Gmail's own DSN (newsletter sent through Google Workspace) in Spanish, the sender's UI "
        "language; the remote Postfix answered 550 5.1.1 user unknown. The Spanish wording is "
        "reconstructed from memory of Gmail's localized DSN.")

    r = "j.kowalczyk@example.org"
    orig = newsletter(r, "Example Weekly #21 (with PDF supplement)", nl_mid("e90"),
                      "Tue, 21 May 2024 02:00:11 -0700", relay="mail-sor-f41.google.com", headers_only=True)
    txt = ("\n** Message not delivered **\n\nThere was a problem delivering your message to %s. "
           "See the technical details below, or try resending in a few minutes.\n\n"
           "The response from the remote server was:\n"
           "552 5.3.4 Message size exceeds fixed limit\n" % r)
    ds = ("Reporting-MTA: dns; googlemail.com\nReceived-From-MTA: dns; news@example.org\n"
          "Arrival-Date: Tue, 21 May 2024 02:00:11 -0700 (PDT)\nX-Original-Message-ID: %s\n\n"
          "Final-Recipient: rfc822; %s\nAction: failed\nStatus: 5.3.4\n"
          "Remote-MTA: dns; mx1.example.org. (198.51.100.9, the server for the domain example.org.)\n"
          "Diagnostic-Code: smtp; 552 5.3.4 Message size exceeds fixed limit\n"
          "Last-Attempt-Date: Tue, 21 May 2024 02:00:14 -0700 (PDT)\n" % (nl_mid("e90"), r))
    text = gmail_dsn(to="news@example.org", date="Tue, 21 May 2024 02:00:14 -0700 (PDT)", rcpt=r,
                     text=txt, html_title="Message not delivered",
                     html_body="There was a problem delivering your message to <b>%s</b>." % r,
                     ds=ds, orig=orig, gmr="664c62fe.a70a0220.3b1f4.5d6e", orig_mid=nl_mid("e90"),
                     headers_only=True)
    add("gmail", "gmail-dsn-remote-5534-toobig", text, [E("5.3.4", "552", "mesgtoobig")], [r],
        "Gmail's own DSN ('Message not delivered') quoting a remote Postfix 552 5.3.4 size limit; "
        "5.3.4 is mesgtoobig by the Sisimai split. Returned headers only.")

    r = "old.address.2009@example.com"
    reply = ("550-5.1.1 The email account that you tried to reach does not exist. Please try "
             "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 "
             "unnecessary spaces. For more information, go to 550 5.1.1  "
             "https://support.google.com/mail/?p=NoSuchUser 5b1f17b1804b1-42f8e1c2a3bsi4455667f9.221 - gsmtp")
    orig = newsletter(r, "Example Weekly #22", nl_mid("f11"), "Tue, 28 May 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Vpb1q2WcKz3wQm", to=verp(r),
                   date="Tue, 28 May 2024 06:00:04 +0200 (CEST)",
                   arrival="Tue, 28 May 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.1.1", "gmail-smtp-in.l.google.com", "142.250.153.26", reply)],
                   orig=orig)
    add("gmail", "postfix-gmail-5511-nosuchuser", text, [E("5.1.1", "550", "userunknown")], [r],
        "Postfix DSN with Gmail's current NoSuchUser answer at RCPT (multi-line reply joined with "
        "its 550-5.1.1 prefixes): userunknown, hard.")

    r = "ops-team@example.com"
    reply = ("550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for "
             "550-5.7.30 this message. Gmail requires all bulk email senders to authenticate "
             "550-5.7.30 with DKIM. 550-5.7.30  550-5.7.30  Authentication results: 550-5.7.30  "
             "DKIM = did not pass 550-5.7.30  550-5.7.30  To set up DKIM for your sending domain, "
             "visit 550-5.7.30  https://support.google.com/a/answer/180504 To learn more about "
             "550-5.7.30 Gmail requirements for bulk senders, visit 550 5.7.30  "
             "https://support.google.com/a?p=sender-guidelines. 98e67ed59e1d1-2b62d7a1c3esi77123a91.55 - gsmtp")
    orig = newsletter(r, "Example Weekly #22", nl_mid("f12"), "Tue, 28 May 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Vpb1r6sLwz3wQn", to=verp(r),
                   date="Tue, 28 May 2024 06:00:09 +0200 (CEST)",
                   arrival="Tue, 28 May 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.7.30", "aspmx.l.google.com", "142.250.27.26", reply,
                                   "end of DATA command")], orig=orig)
    add("gmail", "postfix-workspace-5730-dkim", text, [E("5.7.30", "550", "authfailure")], [r],
        "Postfix DSN for a Google Workspace domain (aspmx.l.google.com) refusing bulk mail whose "
        "DKIM did not pass (5.7.30): authfailure. The 5.7.30 wording is reconstructed from "
        "Google's published list.")


# --------------------------------------------------------------------------- microsoft (outlook.com + Microsoft 365)
def microsoft():
    r = "kim.larsen@example.net"
    reply = ("550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact "
             "your Internet service provider since part of their network is on our block list "
             "(S3140). You can also refer your provider to "
             "http://mail.live.com/mail/troubleshooting.aspx#errors. "
             "[DB5PEPF00014B8E.eurprd02.prod.outlook.com 2024-06-04T08:30:41.812Z 08DC83F1A9E4C2B7]")
    orig = newsletter(r, "Example Weekly #23", nl_mid("g01"), "Tue, 04 Jun 2024 10:30:02 +0200")
    text = postfix(host="mail.example.org", qid="4VtjxK1bRfz2Wm8", to=verp(r),
                   date="Tue,  4 Jun 2024 10:30:42 +0200 (CEST)",
                   arrival="Tue,  4 Jun 2024 10:30:03 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.7.1", "hotmail-com.olc.protection.outlook.com",
                                   "52.101.68.15", reply, "RCPT TO command")], orig=orig)
    add("microsoft", "postfix-outlook-s3140", text, [E("5.7.1", "550", "blocked")], [r],
        "Postfix DSN: Outlook.com refuses the sending IP, part of whose network is on its block "
        "list (S3140): blocked (sender-side, soft).")

    r = "tom.baker@example.com"
    orig = newsletter(r, "Example Weekly #23", nl_mid("g02"), "Tue, 04 Jun 2024 09:30:02 +0100",
                      relay="mx2.example.org")
    text = exim(host="mx2.example.org", to="bounces@news.example.org",
                date="Tue, 04 Jun 2024 09:30:06 +0100", eximid="1sEQ9N-00000000K7f-2xYz",
                recips=[{"rcpt": r, "host": "outlook-com.olc.protection.outlook.com", "ip": "52.101.42.0",
                         "stage": "RCPT TO:<%s>" % r, "status": "5.0.0",
                         "reply": ["550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
                                   "[AM4PEPF00027A6C.eurprd04.prod.outlook.com 2024-06-04T08:30:05.921Z 08DC83A4F7B1D2E9]"]}],
                orig=orig)
    add("microsoft", "exim-hotmail-550-mailbox-unavailable", text, [E("5.5.0", "550", "userunknown")], [r],
        "Exim 4.97 DSN (Status 5.0.0) quoting Outlook.com's 550 5.5.0 'mailbox unavailable "
        "(S2017062302)', its answer for a non-existent address: userunknown, hard. The precise "
        "status is the quoted 5.5.0.", crlf=False)

    r = "grace.liu@example.org"
    reply = ("451 4.7.650 The mail server [203.0.113.45] has been temporarily rate limited due to "
             "IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) "
             "[Name=Protocol Filter Agent][AGT=PFA][MxId=11BA3E6F9C2D4A18] "
             "[BL02EPF0001A0FB.namprd09.prod.outlook.com 2024-06-11T12:14:22.031Z 08DC89C0B2A1F3E4]")
    orig = newsletter(r, "Example Weekly #24", nl_mid("g03"), "Tue, 11 Jun 2024 10:14:20 +0200",
                      headers_only=True)
    text = postfix(host="mail.example.org", qid="4VyzQd0M7Jz1yHs", to=verp(r),
                   date="Tue, 11 Jun 2024 14:14:31 +0200 (CEST)",
                   arrival="Tue, 11 Jun 2024 10:14:20 +0200 (CEST)", delayed=True, sender=verp(r),
                   recips=[pf_rcpt(r, "4.7.650", "outlook-com.olc.protection.outlook.com",
                                   "52.101.11.6", reply, "MAIL FROM command",
                                   until="Sun, 16 Jun 2024 10:14:20 +0200 (CEST)")], orig=orig)
    add("microsoft", "postfix-outlook-47650-delayed", text, [E("4.7.650", "451", "badreputation")], [r],
        "Postfix delay warning: Outlook.com rate-limits the IP 'due to IP reputation' (4.7.650, "
        "S775): a reputation throttle, badreputation (soft).")

    r = "finance@example.com"
    reply = ("550 5.7.1 Service unavailable, Client host [203.0.113.45] blocked using Spamhaus. To "
             "request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.45 "
             "(AS3130). [HE1EUR04FT012.eop-eur04.prod.protection.outlook.com "
             "2024-06-18T07:02:11.402Z 08DC8F2A6D1E3B5C]")
    orig = newsletter(r, "Example Weekly #25", nl_mid("g04"), "Tue, 18 Jun 2024 09:02:07 +0200")
    text = postfix(host="mail.example.org", qid="4W3Qb82xYtz9tLk", to=verp(r),
                   date="Tue, 18 Jun 2024 09:02:12 +0200 (CEST)",
                   arrival="Tue, 18 Jun 2024 09:02:08 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.7.1", "example-com.mail.protection.outlook.com",
                                   "52.101.73.2", reply, "RCPT TO command")], orig=orig)
    add("microsoft", "postfix-eop-spamhaus-as3130", text, [E("5.7.1", "550", "blocked")], [r],
        "Postfix DSN: a Microsoft 365 tenant's EOP refuses the client IP listed at Spamhaus "
        "(AS3130): blocked.")

    r = "support@example.net"
    reply = ("550 5.7.515 Access denied, sending domain [EXAMPLE.ORG] does not meet the required "
             "authentication level. The sender's domain in the 5322.From address doesn't meet the "
             "authentication requirements defined for the sender. To learn more, see "
             "https://go.microsoft.com/fwlink/?linkid=2162013 "
             "[SN1PEPF000252A1.namprd05.prod.outlook.com 2025-05-06T14:40:03.118Z 08DD8C5E1F0A2B3C]")
    orig = newsletter(r, "Example Weekly #2025-19", "<nl.2025-19.a07@news.example.org>",
                      "Tue, 06 May 2025 14:40:00 +0000", relay="haraka1.example.org")
    human = ("This message was created automatically by mail delivery software.\n\n"
             "A message that you sent could not be delivered to one or more of its\n"
             "recipients. This is a permanent error. The following address(es) failed:\n\n"
             "%s: %s\n" % (r, reply))
    ds = ("Reporting-MTA: dns;haraka1.example.org\nArrival-Date: Tue, 06 May 2025 14:40:01 +0000\n\n"
          "Final-Recipient: rfc822;%s\nAction: failed\nStatus: 5.7.515\n"
          "Remote-MTA: dns; hotmail-com.olc.protection.outlook.com ([52.101.8.45])\n"
          "Diagnostic-Code: smtp; %s\n" % (r, reply))
    text = report(headers=["Received: (Haraka 3.0.5); Tue, 06 May 2025 14:40:04 +0000",
                           "Message-ID: <9D2E7A41-6C0B-4F5E-8A13-2B7C4D9E1F60.1@haraka1.example.org>",
                           "Date: Tue, 06 May 2025 14:40:04 +0000",
                           "From: Mail Delivery System <MAILER-DAEMON@haraka1.example.org>",
                           "To: " + verp(r), "Auto-Submitted: auto-replied",
                           "Subject: Mail delivery failed: returning message to sender"],
                  human=human, ds=ds, orig=orig, bnd="--_NmP-7e2a0c9b4d1f8a35-Part_1")
    add("microsoft", "haraka-outlook-57515-auth", text, [E("5.7.515", "550", "authfailure")], [r],
        "Haraka bounce: Outlook.com's 2025 bulk-sender rule, 550 5.7.515 'does not meet the "
        "required authentication level': authfailure. Wording partly reconstructed; Haraka "
        "layout reconstructed.")

    # ---- Microsoft 365 NDRs
    def details(orig_subj, created, sender, rcpt, err, by, remote=None):
        s = ("Original Message Details\nCreated Date:\t%s\nSender Address:\t%s\nRecipient Address:\t%s\n"
             "Subject:\t%s\n\nError Details\nError:\t%s\nMessage rejected by:\t%s\n"
             % (created, sender, rcpt, orig_subj, err, by))
        if remote:
            s = s.replace("Error:", "Reported error:").replace("Message rejected by:", "DSN generated by:")
            s += "Remote server:\t%s\n" % remote
        return s

    r = "eva.lindqvist@example.net"
    err = ("550 5.4.1 Recipient address rejected: Access denied. For more information see "
           "https://aka.ms/EXOSmtpErrors [AM2PEPF0001C70E.eurprd05.prod.outlook.com "
           "2024-07-02T08:12:03.551Z 08DC99A7E3B1C2D4]")
    orig = newsletter(r, "Member update July", "<DB9PR04MB8412A1B2C3D4E5F6A7B8C9D0E1F2A@DB9PR04MB8412.eurprd04.prod.outlook.com>",
                      "Tue, 2 Jul 2024 08:12:00 +0000", frm='"Example Association" <members@example.org>',
                      relay="DB9PR04MB8412.eurprd04.prod.outlook.com", listmonk=False)
    text_body = ("Your message to %s couldn't be delivered.\n\n"
                 "A problem occurred while delivering this message to this email address. Try sending "
                 "this message again. If the problem continues, please contact your email admin.\n\n"
                 "members\tOffice 365\tlindqvist\nAction Required\t\tRecipient\n\n"
                 "Unknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. "
                 "Try one or more of the following:\n\n* Retype the recipient's address, then resend the message.\n"
                 "* If you're using the Auto-Complete List and the address is no longer valid, remove it.\n\n"
                 "More Info for Email Admins\nStatus code: 550 5.4.1\n\n"
                 "This error occurs because the recipient's domain rejected the address; the address may "
                 "not exist in the recipient's directory.\n\n"
                 % r) + details("Member update July", "7/2/2024 8:12:00 AM", "members@example.org", r, err,
                                "DB9PR04MB8412.eurprd04.prod.outlook.com",
                                remote="AM2PEPF0001C70E.mail.protection.outlook.com")
    ds = ("Reporting-MTA: dns;DB9PR04MB8412.eurprd04.prod.outlook.com\n"
          "Received-From-MTA: dns;DB9PR04MB8412.eurprd04.prod.outlook.com\n"
          "Arrival-Date: Tue, 2 Jul 2024 08:12:00 +0000\n\n"
          "Original-Recipient: rfc822;%s\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.4.1\n"
          "Remote-MTA: dns;AM2PEPF0001C70E.mail.protection.outlook.com\n"
          "Diagnostic-Code: smtp;%s\n" % (r, r, err))
    text = m365_ndr(frm="Microsoft Outlook\n <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>",
                    to='"Example Association" <members@example.org>', date="Tue, 2 Jul 2024 08:12:04 +0000",
                    subject="Undeliverable: Member update July", text=text_body,
                    html=m365_html(["Your message to %s couldn't be delivered." % r,
                                    "A problem occurred while delivering this message to this email address.",
                                    "Status code: 550 5.4.1"]),
                    ds=ds, orig=orig, mid="<a7c1e2d3-4b5f-4a6e-9c8d-0e1f2a3b4c5d@DB9PR04MB8412.eurprd04.prod.outlook.com>")
    add("microsoft", "m365-ndr-541-access-denied", text, [E("5.4.1", "550", "userunknown")], [r],
        "Microsoft 365 sender-side NDR (current layout, text + HTML + delivery-status + original) "
        "for another tenant's directory-based edge blocking, 550 5.4.1 'Recipient address "
        "rejected: Access denied': userunknown per the unseen conventions. NDR prose reconstructed.")

    r = "orders@example.com"
    err = ("550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more "
           "information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230) "
           "[PAXPR04MB8510.eurprd04.prod.outlook.com 2024-07-09T11:20:15.003Z 08DC9F4C1A2B3D4E]")
    orig = newsletter(r, "Your July offers", "<PAXPR04MB8510F1E2D3C4B5A69788A7B6C5D4E3F2@PAXPR04MB8510.eurprd04.prod.outlook.com>",
                      "Tue, 9 Jul 2024 11:20:13 +0000", frm='"Example Shop" <offers@example.org>',
                      relay="PAXPR04MB8510.eurprd04.prod.outlook.com", listmonk=False, headers_only=True)
    text_body = ("Your message to %s couldn't be delivered.\n\n"
                 "Your message couldn't be delivered because Office 365 doesn't accept mail from the "
                 "IP address your organization's mail is being sent from.\n\n"
                 "offers\tOffice 365\t%s\nAction Required\t\tSender\n\n"
                 "How to Fix It\nContact your email admin.\n\n"
                 "More Info for Email Admins\nStatus code: 550 5.7.708\n\n"
                 % (r, r.split("@")[0])) + details("Your July offers", "7/9/2024 11:20:13 AM",
                                                   "offers@example.org", r, err,
                                                   "PAXPR04MB8510.eurprd04.prod.outlook.com")
    ds = ("Reporting-MTA: dns;PAXPR04MB8510.eurprd04.prod.outlook.com\n"
          "Received-From-MTA: dns;PAXPR04MB8510.eurprd04.prod.outlook.com\n"
          "Arrival-Date: Tue, 9 Jul 2024 11:20:13 +0000\n\n"
          "Original-Recipient: rfc822;%s\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.7.708\n"
          "Diagnostic-Code: smtp;%s\n" % (r, r, err))
    text = m365_ndr(frm="Microsoft Outlook\n <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>",
                    to='"Example Shop" <offers@example.org>', date="Tue, 9 Jul 2024 11:20:15 +0000",
                    subject="Undeliverable: Your July offers", text=text_body,
                    html=m365_html(["Your message to %s couldn't be delivered." % r,
                                    "Status code: 550 5.7.708"]),
                    ds=ds, orig=orig, headers_only=True,
                    mid="<0b1c2d3e-5f6a-4b7c-8d9e-a0b1c2d3e4f5@PAXPR04MB8510.eurprd04.prod.outlook.com>")
    add("microsoft", "m365-ndr-57708-ip", text, [E("5.7.708", "550", "blocked")], [r],
        "Microsoft 365 NDR to its own tenant: 5.7.708 'traffic not accepted from this IP' (outbound "
        "high-risk pool): the sender's IP is refused, blocked (soft). Prose reconstructed.")

    r = "all-staff@example.net"
    err = ("550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery "
           "restriction check failed as sender not authenticated for group")
    orig = newsletter(r, "Example Weekly #27", nl_mid("g08"), "Tue, 02 Jul 2024 06:00:00 +0000")
    text_body = ("Your message to %s couldn't be delivered.\n\n"
                 "The group all-staff only accepts messages from people in its organization or on its "
                 "allowed senders list, and your email address isn't on the list.\n\n"
                 "bounces\tOffice 365\tall-staff\nAction Required\t\tRecipient\n\n"
                 "Not authorized to send to this group\n\nHow to Fix It\n"
                 "Ask the owner of the group to add you to the group's allowed senders list.\n\n"
                 "More Info for Email Admins\nStatus code: 550 5.7.133\n\n" % r
                 ) + details("Example Weekly #27", "7/2/2024 6:00:02 AM", verp(r), r, err,
                             "VI1PR08MB5360.eurprd08.prod.outlook.com")
    ds = ("Reporting-MTA: dns;VI1PR08MB5360.eurprd08.prod.outlook.com\n"
          "Received-From-MTA: dns;mail.example.org\nArrival-Date: Tue, 2 Jul 2024 06:00:02 +0000\n\n"
          "Original-Recipient: rfc822;%s\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.7.133\n"
          "Diagnostic-Code: smtp;%s\n" % (r, r, err))
    text = m365_ndr(frm="postmaster@example.net", to=verp(r), date="Tue, 2 Jul 2024 06:00:03 +0000",
                    subject="Undeliverable: Example Weekly #27", text=text_body,
                    html=m365_html(["Your message to %s couldn't be delivered." % r,
                                    "The group all-staff only accepts messages from people in its organization "
                                    "or on its allowed senders list, and your email address isn't on the list."]),
                    ds=ds, orig=orig,
                    mid="<6f7e8d9c-0b1a-4c2d-9e3f-4a5b6c7d8e9f@VI1PR08MB5360.eurprd08.prod.outlook.com>")
    add("microsoft", "m365-ndr-57133-group-restricted", text, [E("5.7.133", "550", "filtered")], [r],
        "Recipient-side Microsoft 365 NDR: the group accepts only authenticated/internal senders "
        "(5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup). The recipient's own settings refuse "
        "this sender: filtered, like NotAuthorized in the unseen conventions.")

    r = "p.dejong@example.com"
    err = ("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException."
           "MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception "
           "with message [BeginDiagnosticData]Cannot open mailbox /o=ExchangeLabs/ou=Exchange "
           "Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f1a2b3c4d5e6f708192a3b4c5d6e7f8-"
           "p.dejong. 16.55847:F9030000[EndDiagnosticData]")
    orig = newsletter(r, "Example Weekly #28", nl_mid("g09"), "Tue, 09 Jul 2024 06:00:00 +0000")
    nl = ("Uw bericht aan %s kan niet worden bezorgd.\n\n"
          "Het postvak van de ontvanger is vol en kan momenteel geen berichten accepteren. Probeer het "
          "later opnieuw of neem rechtstreeks contact op met de ontvanger.\n\n"
          "bounces\tOffice 365\tp.dejong\nActie vereist\t\tOntvanger\n\nPostvak vol\n\n"
          "Hoe kan ik dit oplossen?\nDe ontvanger moet ruimte vrijmaken in zijn of haar postvak of de "
          "beheerder vragen de opslaglimiet te verhogen.\n\n"
          "Meer informatie voor e-mailbeheerders\nStatuscode: 554 5.2.2\n\n"
          "Oorspronkelijke berichtdetails\nAanmaakdatum:\t9-7-2024 06:00:02\nAdres afzender:\t%s\n"
          "Adres ontvanger:\t%s\nOnderwerp:\tExample Weekly #28\n\nFoutdetails\nGerapporteerde fout:\t%s\n"
          "DSN gegenereerd door:\tAS8PR07MB7976.eurprd07.prod.outlook.com\n" % (r, verp(r), r, err))
    ds = ("Reporting-MTA: dns;AS8PR07MB7976.eurprd07.prod.outlook.com\n"
          "Received-From-MTA: dns;mail.example.org\nArrival-Date: Tue, 9 Jul 2024 06:00:02 +0000\n\n"
          "Original-Recipient: rfc822;%s\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.2.2\n"
          "Diagnostic-Code: smtp;%s\n" % (r, r, err))
    text = m365_ndr(frm="postmaster@example.com", to=verp(r), date="Tue, 9 Jul 2024 06:00:04 +0000",
                    subject="Onbestelbaar: Example Weekly #28", text=nl, lang="nl-NL",
                    html=m365_html(["Uw bericht aan %s kan niet worden bezorgd." % r,
                                    "Het postvak van de ontvanger is vol en kan momenteel geen berichten accepteren."]),
                    ds=ds, orig=orig,
                    mid="<c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f@AS8PR07MB7976.eurprd07.prod.outlook.com>")
    add("microsoft", "m365-ndr-nl-522-mailboxfull", text, [E("5.2.2", "554", "mailboxfull")], [r],
        "Recipient-side Microsoft 365 NDR in Dutch (Onbestelbaar): 554 5.2.2 mailbox full, "
        "QuotaExceededException: mailboxfull. The Dutch NDR wording is reconstructed from memory.")


# --------------------------------------------------------------------------- yahoo / aol
def yahoo_aol():
    r = "dana.white@example.com"
    reply = ("421 4.7.0 [TSS09] All messages from 203.0.113.45 will be permanently deferred; "
             "Retrying will NOT succeed. See https://senders.yahooinc.com/error-codes")
    orig = newsletter(r, "Example Weekly #29", nl_mid("y01"), "Tue, 16 Jul 2024 06:00:00 +0200",
                      headers_only=True)
    text = postfix(host="mail.example.org", qid="4WPr2V3kHqz4xYt", to=verp(r),
                   date="Tue, 16 Jul 2024 10:00:31 +0200 (CEST)",
                   arrival="Tue, 16 Jul 2024 06:00:01 +0200 (CEST)", delayed=True, sender=verp(r),
                   recips=[{"rcpt": r, "status": "4.7.0", "remote": "mta6.am0.yahoodns.net",
                            "human": wrap("<%s>: host mta6.am0.yahoodns.net[67.195.204.79] refused to "
                                          "talk to me: %s" % (r, reply), width=72),
                            "diag": pf_diag(reply), "until": "Sun, 21 Jul 2024 06:00:01 +0200 (CEST)"}],
                   orig=orig)
    add("yahoo-aol", "postfix-yahoo-tss09-delayed", text, [E("4.7.0", "421", "blocked")], [r],
        "Postfix delay warning: Yahoo greets with 421 4.7.0 [TSS09] 'all messages from IP will be "
        "permanently deferred': the sending IP is blocked (soft, delayed).")

    r = "ben.harris@example.net"
    reply = "554 5.7.9 Message not accepted for policy reasons.  See https://senders.yahooinc.com/error-codes"
    orig = newsletter(r, "Example Weekly #29", nl_mid("y02"), "Tue, 16 Jul 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4WPr2W0fYnz4xZ1", to=verp(r),
                   date="Tue, 16 Jul 2024 06:00:07 +0200 (CEST)",
                   arrival="Tue, 16 Jul 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.7.9", "mta7.am0.yahoodns.net", "67.195.228.106", reply,
                                   "end of DATA command")], orig=orig)
    add("yahoo-aol", "postfix-yahoo-579-policy", text, [E("5.7.9", "554", "policyviolation")], [r],
        "Postfix DSN: Yahoo 554 5.7.9 'Message not accepted for policy reasons' after DATA: "
        "policyviolation (as in the shared corpus for this text).")

    r = "chris.evans@example.org"
    orig = newsletter(r, "Example Weekly #30", nl_mid("y03"), "Tue, 23 Jul 2024 07:00:00 +0100",
                      relay="smtp.example.org")
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Tue, 23 Jul 2024 07:00:09 +0100", eximid="1sW7Lp-001c4F-0R", dsn=False,
                recips=[{"rcpt": r, "host": "mta5.am0.yahoodns.net", "ip": "98.136.96.75",
                         "stage": "end of data",
                         "reply": ["554 30 Sorry, your message was not accepted due to policy reasons. "
                                   "See https://senders.yahooinc.com/smtp-error-codes"]}], orig=orig)
    add("yahoo-aol", "exim-yahoo-554-30", text, [E("", "554", "policyviolation")], [r],
        "Exim plain bounce (no DSN, so no status stated anywhere: status empty) for Yahoo's "
        "'554 30 Sorry, your message was not accepted' after DATA. Refused for unstated policy "
        "reasons: policyviolation (spamdetected/blocked are conceivable). Exact tail of the Yahoo "
        "text reconstructed.", crlf=False)

    r = "mike.o@example.com"
    reply = "552 1 Requested mail action aborted, mailbox not found"
    orig = newsletter(r, "Example Weekly #30", nl_mid("y04"), "Tue, 23 Jul 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4WTbV81qcHz9sTm", to=verp(r),
                   date="Tue, 23 Jul 2024 06:00:05 +0200 (CEST)",
                   arrival="Tue, 23 Jul 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mx-aol.mail.gm0.yahoodns.net", "67.195.204.72",
                                   reply, "RCPT TO command")], orig=orig)
    add("yahoo-aol", "postfix-aol-552-1-mailbox-not-found", text, [E("5.0.0", "552", "userunknown")], [r],
        "Postfix DSN for an AOL address (Yahoo MX): '552 1 Requested mail action aborted, mailbox "
        "not found' has no enhanced code, Postfix states 5.0.0. The text says the mailbox does not "
        "exist: userunknown, hard, despite the 552.")

    r = "rita.k@example.net"
    reply = "554 delivery error: dd Not a valid recipient - atlas126.aol.mail.bf1.yahoo.com"
    orig = newsletter(r, "Example Weekly #31", nl_mid("y05"), "Tue, 30 Jul 2024 06:00:00 -0400",
                      relay="mta2.example.org")
    text = postfix(host="mta2.example.org", qid="4WYK1s5Dpbz1RkL", to=verp(r),
                   date="Tue, 30 Jul 2024 06:00:09 -0400 (EDT)",
                   arrival="Tue, 30 Jul 2024 06:00:01 -0400 (EDT)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mx-aol.mail.gm0.yahoodns.net", "67.195.204.77",
                                   reply, "end of DATA command")], orig=orig)
    add("yahoo-aol", "postfix-verizon-dd-not-valid", text, [E("5.0.0", "554", "userunknown")], [r],
        "Postfix DSN for a verizon.net-style mailbox hosted on AOL/Yahoo: '554 delivery error: dd "
        "Not a valid recipient' after DATA: userunknown, hard; Postfix's 5.0.0 is the only status.")


# --------------------------------------------------------------------------- isp-americas
def isp_americas():
    r = "joe.smith@example.net"
    reply = ("554 resimta-po-12v.sys.comcast.net resimta-po-12v.sys.comcast.net 203.0.113.45 Comcast "
             "block for spam.  Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000")
    orig = newsletter(r, "Example Weekly #31", nl_mid("c01"), "Tue, 30 Jul 2024 06:00:00 -0400",
                      relay="mta2.example.org")
    text = postfix(host="mta2.example.org", qid="4WYK2b0c1Vz1RkM", to=verp(r),
                   date="Tue, 30 Jul 2024 06:00:04 -0400 (EDT)",
                   arrival="Tue, 30 Jul 2024 06:00:01 -0400 (EDT)", sender=verp(r),
                   recips=[{"rcpt": r, "status": "5.0.0", "remote": "mx2h1.comcast.net",
                            "human": wrap("<%s>: host mx2h1.comcast.net[96.102.18.146] refused to talk "
                                          "to me: %s" % (r, reply), width=72),
                            "diag": pf_diag(reply)}], orig=orig)
    add("isp-americas", "postfix-comcast-bl000000", text, [E("5.0.0", "554", "blocked")], [r],
        "Postfix DSN: Comcast refuses the connection in its greeting, 'Comcast block for spam' "
        "BL000000: the sending IP is blocked. No enhanced code: Postfix's 5.0.0.")

    r = "linda.m@example.com"
    orig = newsletter(r, "Example Weekly #31", nl_mid("c02"), "Tue, 30 Jul 2024 11:00:00 +0100",
                      relay="smtp.example.org")
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Tue, 30 Jul 2024 11:00:04 +0100", eximid="1sYlMd-00000000d3a-1Hq2",
                recips=[{"rcpt": r, "host": "mx1h1.comcast.net", "ip": "96.103.145.164",
                         "stage": "RCPT TO:<%s>" % r, "status": "5.0.0",
                         "reply": ["550 5.1.1 <%s> Not our Customer" % r]}], orig=orig)
    add("isp-americas", "exim-comcast-not-our-customer", text, [E("5.1.1", "550", "userunknown")], [r],
        "Exim 4.97 DSN (5.0.0) quoting Comcast's '550 5.1.1 <addr> Not our Customer': userunknown, "
        "hard; precise status from the reply.", crlf=False)

    r = "gary.t@example.org"
    reply = ("553 5.3.0 flpd593 DNSBL:RBL 521< 203.0.113.45 >_is_blocked.For assistance forward this "
             "error to abuse_rbl@abuse-att.net")
    orig = newsletter(r, "Example Weekly #32", nl_mid("c03"), "Tue, 06 Aug 2024 06:00:00 -0500",
                      relay="mta3.example.org", headers_only=False)
    text = postfix(host="mta3.example.org", qid="4Wdw7k3Ls9z2XyV", to=verp(r),
                   date="Tue,  6 Aug 2024 06:00:03 -0500 (CDT)",
                   arrival="Tue,  6 Aug 2024 06:00:01 -0500 (CDT)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.3.0", "ff-ip4-mx-vip1.prodigy.net", "144.160.159.21", reply,
                                   "MAIL FROM command")], orig=orig)
    add("isp-americas", "postfix-att-dnsbl-553", text, [E("5.3.0", "553", "blocked")], [r],
        "Postfix DSN for an AT&T/SBCglobal-style mailbox: '553 5.3.0 ... DNSBL:RBL 521< IP "
        ">_is_blocked': the text (IP on AT&T's RBL) decides over the 5.3.0: blocked.")

    r = "amy.chen@example.com"
    reply = "552 5.2.2 <%s>: user is over quota" % r
    orig = newsletter(r, "Example Weekly #32", nl_mid("c04"), "Tue, 06 Aug 2024 13:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Wf6Qx2nZ8z9vBd", to=verp(r),
                   date="Tue,  6 Aug 2024 13:00:06 +0200 (CEST)",
                   arrival="Tue,  6 Aug 2024 13:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.2.2", "mx02.mail.icloud.com", "17.57.155.34", reply,
                                   "RCPT TO command")], orig=orig)
    add("isp-americas", "postfix-icloud-over-quota", text, [E("5.2.2", "552", "mailboxfull")], [r],
        "Postfix DSN: iCloud/me.com '552 5.2.2 <addr>: user is over quota': mailboxfull.")

    r = "marc.tremblay@example.net"
    orig = newsletter(r, "Example Weekly #33", nl_mid("c05"), "Tue, 13 Aug 2024 07:00:00 -0400",
                      relay="smtp.example.org")
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Tue, 13 Aug 2024 07:00:03 -0400", eximid="1sdrCq-0007Xb-2n", dsn=False,
                recips=[{"rcpt": r, "host": "mx.shaw.ca", "ip": "64.59.128.135",
                         "stage": "RCPT TO:<%s>" % r,
                         "reply": ["550 #5.1.0 Address rejected %s" % r]}], orig=orig)
    add("isp-americas", "exim-shaw-address-rejected", text, [E("5.1.0", "550", "userunknown")], [r],
        "Exim plain bounce: a Shaw/Rogers (Openwave/Cloudmark-style) '550 #5.1.0 Address rejected "
        "<addr>' at RCPT: userunknown, hard; status 5.1.0 as written with '#'. Host name and exact "
        "form reconstructed from memory.", crlf=False)


# --------------------------------------------------------------------------- isp-europe
def isp_europe():
    r = "klaus.weber@example.net"
    reply = ("550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or A/AAAA "
             "resource record")
    orig = newsletter(r, "Example Weekly #34", "<nl.2024-34.e01@news.example.org>",
                      "Tue, 20 Aug 2024 06:00:00 +0200", frm='"Example Weekly" <news@lists.example.org>')
    text = postfix(host="mail.example.org", qid="4WjZ8C6p0xz2PqR", to="bounce-34@lists.example.org",
                   date="Tue, 20 Aug 2024 06:00:03 +0200 (CEST)",
                   arrival="Tue, 20 Aug 2024 06:00:01 +0200 (CEST)", sender="bounce-34@lists.example.org",
                   recips=[pf_rcpt(r, "5.0.0", "mx00.emig.gmx.net", "212.227.15.9", reply,
                                   "MAIL FROM command")], orig=orig)
    add("isp-europe", "postfix-gmx-mailfrom-no-mx-rejected", text, [E("5.0.0", "550", "rejected")], [r],
        "Postfix DSN: GMX refuses the envelope sender at MAIL FROM because the sender domain "
        "(lists.example.org) has no valid MX/A record. Despite 'mailbox unavailable' this is a "
        "refused envelope sender: rejected, not userunknown; not hard.")

    r = "anja.becker@example.com"
    reply = "550 Requested action not taken: mailbox unavailable"
    orig = newsletter(r, "Example Weekly #34", nl_mid("e02"), "Tue, 20 Aug 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4WjZ8D1gPbz2PqS", to=verp(r),
                   date="Tue, 20 Aug 2024 06:00:04 +0200 (CEST)",
                   arrival="Tue, 20 Aug 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mx00.ionos.de", "217.72.192.77", reply,
                                   "RCPT TO command")], orig=orig)
    add("isp-europe", "postfix-ionos-mailbox-unavailable", text, [E("5.0.0", "550", "userunknown")], [r],
        "Postfix DSN: 1&1/IONOS '550 Requested action not taken: mailbox unavailable' at RCPT "
        "(their answer for an unknown mailbox): userunknown, hard; Postfix's 5.0.0.")

    r = "uwe.schmitt@example.net"
    reply = "452 4.2.2 <%s>: Mailbox full" % r
    de = ("Dies ist das Mailsystem auf dem Rechner mail.example.org.\n\n"
          "##########################################################################\n"
          "# DIES IST NUR EINE WARNUNG. SIE MÜSSEN IHRE NACHRICHT NICHT NEU SENDEN. #\n"
          "##########################################################################\n\n"
          "Ihre Nachricht konnte seit 4.0 Stunden nicht zugestellt werden.\n"
          "Weitere Zustellversuche erfolgen, bis sie 5.0 Tage alt ist.\n\n"
          "Für weitere Unterstützung wenden Sie sich bitte an den Postmaster.\n\n"
          "                   Das Mailsystem\n\n"
          + pf_said(r, "mx00.t-online.de", "194.25.134.8", reply, "RCPT TO command") + "\n")
    orig = newsletter(r, "Example Weekly #34", nl_mid("e03"), "Tue, 20 Aug 2024 06:00:00 +0200",
                      headers_only=True)
    text = postfix(host="mail.example.org", qid="4WjZ8F2mRnz2PqT", to=verp(r),
                   date="Tue, 20 Aug 2024 10:00:44 +0200 (CEST)",
                   arrival="Tue, 20 Aug 2024 06:00:01 +0200 (CEST)", delayed=True, sender=verp(r),
                   subject=ew("Zustellung verzögert (weitere Versuche laufen)", "iso8859_1", "Q", chunk=60),
                   human=qp(de, "iso8859_1"), human_cs="iso-8859-1", human_cte="quoted-printable",
                   recips=[pf_rcpt(r, "4.2.2", "mx00.t-online.de", "194.25.134.8", reply,
                                   until="Sun, 25 Aug 2024 06:00:01 +0200 (CEST)")], orig=orig)
    add("isp-europe", "postfix-de-tonline-mailbox-full-delayed", text, [E("4.2.2", "452", "mailboxfull")], [r],
        "Postfix delay warning with a German bounce_template_file (ISO-8859-1, quoted-printable, "
        "Q-encoded subject): T-Online answers 452 4.2.2 Mailbox full: mailboxfull, delayed, soft. "
        "The German template and T-Online's wording are reconstructed.")

    r = "chloe.bernard@example.com"
    reply = "552 5.3.4 Error: message file too big"
    fr = ("Ceci est le système de messagerie de l'hôte mail.example.org.\n\n"
          "Nous sommes au regret de vous informer que votre message n'a pas pu\n"
          "être remis à un ou plusieurs destinataires. Il est joint ci-dessous.\n\n"
          "Pour toute assistance, veuillez écrire au postmaster.\n\n"
          "Si vous le faites, merci de joindre ce rapport. Vous pouvez supprimer\n"
          "votre propre texte du message retourné.\n\n"
          "                   Le système de messagerie\n\n"
          + pf_said(r, "smtp-in.laposte.net", "160.92.124.66", reply, "end of DATA command") + "\n")
    orig = newsletter(r, "Lettre d'information n°34 (avec catalogue PDF)", nl_mid("e04"),
                      "Tue, 20 Aug 2024 09:00:00 +0200", headers_only=True)
    text = postfix(host="mail.example.org", qid="4WjgYV0v7Kz1xQq", to=verp(r),
                   date="Tue, 20 Aug 2024 09:00:12 +0200 (CEST)",
                   arrival="Tue, 20 Aug 2024 09:00:01 +0200 (CEST)", sender=verp(r), headers_only=True,
                   subject=ew("Message non remis : retour à l'expéditeur", "iso8859_1", "Q", chunk=60),
                   human=qp(fr, "iso8859_1"), human_cs="iso-8859-1", human_cte="quoted-printable",
                   recips=[pf_rcpt(r, "5.3.4", "smtp-in.laposte.net", "160.92.124.66", reply,
                                   "end of DATA command")], orig=orig)
    add("isp-europe", "postfix-fr-laposte-too-big", text, [E("5.3.4", "552", "mesgtoobig")], [r],
        "Postfix DSN with a French bounce template (ISO-8859-1 QP): La Poste refuses the message "
        "as too big, 552 5.3.4: mesgtoobig. The French template and La Poste's text are reconstructed.")

    r = "giulia.rossi@example.net"
    reply = "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % r
    it = ("Questo è il sistema di posta del server mail.example.org.\n\n"
          "Siamo spiacenti di informarla che il suo messaggio non è stato\n"
          "consegnato a uno o più destinatari. Il messaggio è allegato qui sotto.\n\n"
          "Per ulteriore assistenza, scriva al postmaster.\n\n"
          "                   Il sistema di posta\n\n"
          + pf_said(r, "mx.tiscali.it", "213.205.33.60", reply, "RCPT TO command") + "\n")
    orig = newsletter(r, "Notiziario settimanale n. 34", nl_mid("e05"), "Tue, 20 Aug 2024 08:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4WjdL31sXwz1xRr", to=verp(r),
                   date="Tue, 20 Aug 2024 08:00:05 +0200 (CEST)",
                   arrival="Tue, 20 Aug 2024 08:00:01 +0200 (CEST)", sender=verp(r),
                   subject="Messaggio non consegnato",
                   human=b64(it), human_cs="utf-8", human_cte="base64",
                   recips=[pf_rcpt(r, "5.1.1", "mx.tiscali.it", "213.205.33.60", reply)], orig=orig)
    add("isp-europe", "postfix-it-tiscali-user-unknown", text, [E("5.1.1", "550", "userunknown")], [r],
        "Postfix DSN with an Italian template (UTF-8, base64): Tiscali 550 5.1.1 User unknown in "
        "virtual mailbox table: userunknown, hard. Italian template reconstructed.")

    r = "franco.bianchi@example.com"
    reply = "550 5.2.1 <%s>: mailbox disabled, account inactive" % r
    orig = newsletter(r, "Notiziario settimanale n. 35", nl_mid("e06"), "Tue, 27 Aug 2024 08:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Wp3c52HkTz1xSs", to=verp(r),
                   date="Tue, 27 Aug 2024 08:00:04 +0200 (CEST)",
                   arrival="Tue, 27 Aug 2024 08:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.2.1", "smtp-in.virgilio.it", "213.209.1.129", reply)], orig=orig)
    add("isp-europe", "postfix-virgilio-mailbox-disabled", text, [E("5.2.1", "550", "suspend")], [r],
        "Postfix DSN: Virgilio (Italiaonline) refuses a disabled, inactive mailbox with 5.2.1: "
        "suspend (not hard). Exact Italiaonline wording reconstructed.")

    r = "joost@zigo.example"
    orig = newsletter(r, "Example Weekly #35", nl_mid("e07"), "Tue, 27 Aug 2024 06:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Wp0Tg5s8Dz2PqU", to=verp(r),
                   date="Tue, 27 Aug 2024 06:00:02 +0200 (CEST)",
                   arrival="Tue, 27 Aug 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[{"rcpt": r, "status": "5.4.4",
                            "human": wrap("<%s>: Host or domain name not found. Name service error for "
                                          "name=zigo.example type=AAAA: Host not found" % r, width=72),
                            "diag": "Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error\n"
                                    "    for name=zigo.example type=AAAA: Host not found"}], orig=orig)
    add("isp-europe", "postfix-typo-domain-hostunknown", text, [E("5.4.4", "", "hostunknown")], [r],
        "Postfix local DSN: the subscriber mistyped ziggo as 'zigo'; the domain does not resolve "
        "(5.4.4, X-Postfix diagnostic, no SMTP reply): hostunknown, hard.")

    r = "tomasz.nowak@example.org"
    reply = "550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % r
    pl = ("To jest system pocztowy serwera mail.example.org.\n\n"
          "Z przykrością informujemy, że Twoja wiadomość nie mogła zostać\n"
          "dostarczona do jednego lub więcej odbiorców. Wiadomość załączono poniżej.\n\n"
          "W razie pytań prosimy o kontakt z administratorem (postmaster).\n\n"
          "                   System pocztowy\n\n"
          + pf_said(r, "mx.o2.pl", "193.17.41.99", reply, "RCPT TO command") + "\n")
    orig = newsletter(r, "Cotygodniowy biuletyn nr 35", nl_mid("e08"), "Tue, 27 Aug 2024 07:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4Wp1sK0RrYz2PqV", to=verp(r),
                   date="Tue, 27 Aug 2024 07:00:03 +0200 (CEST)",
                   arrival="Tue, 27 Aug 2024 07:00:01 +0200 (CEST)", sender=verp(r),
                   subject=ew("Niedostarczona wiadomość zwrócona do nadawcy", "iso8859_2", "Q", chunk=60),
                   human=qp(pl, "iso8859_2"), human_cs="iso-8859-2", human_cte="quoted-printable",
                   recips=[pf_rcpt(r, "5.1.1", "mx.o2.pl", "193.17.41.99", reply)], orig=orig)
    add("isp-europe", "postfix-pl-o2-user-unknown", text, [E("5.1.1", "550", "userunknown")], [r],
        "Postfix DSN with a Polish template (ISO-8859-2 QP): o2.pl / WP 550 5.1.1 user unknown: "
        "userunknown, hard. Polish template and WP's exact wording reconstructed.")

    r = "ivan.petrov@example.net"
    reply = ("554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc "
             "1724821201-aBcDeF1gHiJ2-kLmN3oPq")
    orig = newsletter(r, "Example Weekly #35", nl_mid("e09"), "Wed, 28 Aug 2024 08:00:00 +0300")
    text = postfix(host="mail.example.org", qid="4WpnV23XhLz1xTt", to=verp(r),
                   date="Wed, 28 Aug 2024 07:00:05 +0200 (CEST)",
                   arrival="Wed, 28 Aug 2024 07:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.7.1", "mx.yandex.ru", "77.88.21.249", reply,
                                   "end of DATA command")], orig=orig)
    add("isp-europe", "postfix-yandex-spam-suspicion", text, [E("5.7.1", "554", "spamdetected")], [r],
        "Postfix DSN: Yandex '554 5.7.1 [2] Message rejected under suspicion of SPAM': "
        "spamdetected.")

    r = "olga.s@example.com"
    reply = ("550 Message was not accepted -- invalid mailbox.  Local mailbox %s is unavailable: "
             "account is disabled" % r)
    orig = newsletter(r, "Example Weekly #35", nl_mid("e10"), "Wed, 28 Aug 2024 07:00:00 +0200")
    text = postfix(host="mail.example.org", qid="4WpnV3qLk8z1xTv", to=verp(r),
                   date="Wed, 28 Aug 2024 07:00:06 +0200 (CEST)",
                   arrival="Wed, 28 Aug 2024 07:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mxs.mail.ru", "94.100.180.31", reply)], orig=orig)
    add("isp-europe", "postfix-mailru-account-disabled", text, [E("5.0.0", "550", "suspend")], [r],
        "Postfix DSN: Mail.ru 'invalid mailbox ... unavailable: account is disabled'. The cause "
        "stated is a disabled account: suspend, not hard (userunknown is the tempting wrong answer "
        "from 'invalid mailbox').")

    r = "sergey.volkov@example.org"
    reply = "550 5.1.1 <%s>: Recipient address rejected: User unknown" % r
    ru = ("Это сообщение создано автоматически почтовой системой сервера mail.example.org.\n\n"
          "К сожалению, ваше письмо не удалось доставить одному или нескольким\n"
          "получателям. Исходное сообщение приложено ниже.\n\n"
          "Если вам нужна помощь, напишите администратору (postmaster).\n\n"
          "                   Почтовая система\n\n"
          + pf_said(r, "mx.rambler.ru", "81.19.78.96", reply, "RCPT TO command") + "\n")
    orig = newsletter(r, "Еженедельный выпуск №35", nl_mid("e11"), "Wed, 28 Aug 2024 09:00:00 +0300")
    orig = orig.replace("Subject: Еженедельный выпуск №35",
                        "Subject: " + ew("Еженедельный выпуск №35", "utf-8", "B"))
    text = postfix(host="mail.example.org", qid="4WpqG85dJvz1xTw", to=verp(r),
                   date="Wed, 28 Aug 2024 09:00:04 +0300 (MSK)",
                   arrival="Wed, 28 Aug 2024 09:00:01 +0300 (MSK)", sender=verp(r),
                   subject=ew("Письмо не доставлено", "koi8_r", "B"),
                   human=b64(ru, "koi8_r"), human_cs="koi8-r", human_cte="base64",
                   recips=[pf_rcpt(r, "5.1.1", "mx.rambler.ru", "81.19.78.96", reply)], orig=orig)
    add("isp-europe", "postfix-ru-rambler-user-unknown", text, [E("5.1.1", "550", "userunknown")], [r],
        "Postfix DSN with a Russian template in KOI8-R (base64, B-encoded subject): Rambler 550 "
        "5.1.1 User unknown: userunknown, hard. Russian template reconstructed.")

    r = "lars.eriksson@example.net"
    reply = "552 5.2.2 <%s>: Quota exceeded (mailbox for user is full)" % r
    orig = newsletter(r, "Example Weekly #36", nl_mid("e12"), "Tue, 03 Sep 2024 06:00:00 +0200",
                      headers_only=False)
    text = postfix(host="mail.example.org", qid="4WtmPb5LwVz2PqX", to=verp(r),
                   date="Tue,  3 Sep 2024 06:00:04 +0200 (CEST)",
                   arrival="Tue,  3 Sep 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.2.2", "mx1.telia.com", "195.198.149.134", reply,
                                   "end of DATA command")], orig=orig)
    add("isp-europe", "postfix-telia-quota", text, [E("5.2.2", "552", "mailboxfull")], [r],
        "Postfix DSN: a Telia mailbox over quota (Dovecot-style 'Quota exceeded (mailbox for user "
        "is full)' after DATA): mailboxfull. Telia's host name and wording reconstructed.")


# --------------------------------------------------------------------------- isp-asia (and Brazil)
def isp_asia():
    r = "zhang.wei@example.com"
    reply = ("550 Mail content denied. "
             "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726")
    orig = newsletter(r, "Example Weekly #36", nl_mid("a01"), "Tue, 03 Sep 2024 14:00:00 +0800")
    text = postfix(host="mail.example.org", qid="4WtzHk1DqMz1xUu", to=verp(r),
                   date="Tue,  3 Sep 2024 08:00:06 +0200 (CEST)",
                   arrival="Tue,  3 Sep 2024 08:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mx3.qq.com", "203.205.219.57", reply,
                                   "end of DATA command")], orig=orig)
    add("isp-asia", "postfix-qq-content-denied", text, [E("5.0.0", "550", "spamdetected")], [r],
        "Postfix DSN: QQ Mail '550 Mail content denied' (help id 1000726, content judged as spam) "
        "after DATA: spamdetected; Postfix's 5.0.0.")

    r = "wang.fang@example.net"
    zh = ("您好：\n\n很抱歉，您发送的邮件未能成功投递给以下收件人。\n\n"
          "收件人：%s\n原邮件主题：每周简报 第36期\n发送时间：2024-09-03 14:00:02\n\n"
          "失败原因：对方邮箱空间已满，无法接收新邮件。\n"
          "对方服务器（mx.sohu.com）返回信息：\n"
          "552 Requested mail action aborted: exceeded storage allocation\n\n"
          "此邮件为系统自动发送，请勿直接回复。\n" % r)
    orig = newsletter(r, "每周简报 第36期", "<1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6@example.org>",
                      "Tue, 03 Sep 2024 14:00:02 +0800", frm='"Example 简报" <news@example.org>',
                      relay="smtp.qiye.aliyun.com", listmonk=False)
    text = "\n".join([
        "Return-Path: <>",
        "Received: from localhost by mx-local.qiye.aliyun.com; Tue, 03 Sep 2024 14:00:09 +0800",
        "From: " + ew("系统退信", "gbk") + " <postmaster@example.org>",
        "To: news@example.org",
        "Subject: " + ew("退信：每周简报 第36期", "gbk"),
        "Date: Tue, 03 Sep 2024 14:00:09 +0800",
        "Message-ID: <bounce.1725343209.8f2e@mx-local.qiye.aliyun.com>",
        "Auto-Submitted: auto-replied",
        "X-Failed-Recipients: " + r,
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="----=ALIBOUNDARY_18273_4a5b"', "",
        "------=ALIBOUNDARY_18273_4a5b",
        'Content-Type: text/plain; charset="GBK"',
        "Content-Transfer-Encoding: base64", "", b64(zh, "gbk"),
        "------=ALIBOUNDARY_18273_4a5b",
        "Content-Type: message/rfc822",
        'Content-Disposition: attachment; filename="original.eml"', "", orig,
        "------=ALIBOUNDARY_18273_4a5b--", ""])
    add("isp-asia", "aliyun-gbk-sohu-storage", text, [E("", "552", "mailboxfull")], [r],
        "Chinese (Simplified, GBK base64) bounce from an Alibaba enterprise-mail sender: Sohu "
        "answered '552 Requested mail action aborted: exceeded storage allocation', and the text "
        "says the mailbox is full: mailboxfull. No DSN and no enhanced code anywhere: status empty. "
        "Layout and wording reconstructed from memory.")

    r = "chen.ming@tw.example"
    big5 = ("這是郵件系統自動產生的通知信，請勿直接回覆。\n\n"
            "您寄出的郵件無法送達下列收件者：\n\n"
            "    %s\n\n"
            "遠端伺服器回應：\n"
            "    552 5.2.2 <%s>... Mailbox full\n\n"
            "原因：收件者的信箱已滿。請稍後再寄，或以其他方式聯絡收件者。\n\n"
            "----- 以下為原始郵件 -----\n" % (r, r))
    orig = newsletter(r, "每週電子報 第37期", nl_mid("a03"), "Tue, 10 Sep 2024 10:00:00 +0800",
                      relay="msa.hinet.net", listmonk=False)
    text = "\n".join([
        "Return-Path: <>",
        "Received: from localhost (localhost)\n\tby msr12.hinet.net (8.15.2/8.15.2) id 48A2T3xK012345;\n\tTue, 10 Sep 2024 10:29:03 +0800",
        "Date: Tue, 10 Sep 2024 10:29:03 +0800",
        "From: " + ew("郵件系統", "big5") + " <MAILER-DAEMON@msr12.hinet.net>",
        "Message-Id: <202409100229.48A2T3xK012345@msr12.hinet.net>",
        "To: <news@example.org>",
        "MIME-Version: 1.0",
        "Subject: " + ew("退件通知：郵件無法送達", "big5"),
        "Auto-Submitted: auto-generated (failure)",
        'Content-Type: multipart/mixed; boundary="48A2T3xK012345.1725935343/msr12.hinet.net"', "",
        "This is a MIME-encapsulated message", "",
        "--48A2T3xK012345.1725935343/msr12.hinet.net",
        "Content-Type: text/plain; charset=Big5",
        "Content-Transfer-Encoding: base64", "", b64(big5, "big5"),
        "--48A2T3xK012345.1725935343/msr12.hinet.net",
        "Content-Type: message/rfc822", "", orig,
        "--48A2T3xK012345.1725935343/msr12.hinet.net--", ""])
    add("isp-asia", "hinet-big5-mailbox-full", text, [E("5.2.2", "552", "mailboxfull")], [r],
        "Traditional Chinese (Big5, base64) bounce in the style of a Taiwanese ISP's sendmail: "
        "remote '552 5.2.2 ... Mailbox full': mailboxfull; no DSN part, status from the quoted "
        "reply. Layout and Chinese wording reconstructed.")

    r = "park.jisoo@example.com"
    orig = newsletter(r, "Example Weekly #36", nl_mid("a04"), "Tue, 03 Sep 2024 06:00:00 +0200",
                      headers_only=False)
    text = postfix(host="mail.example.org", qid="4WtmQ01tCvz2PqY", to=verp(r),
                   date="Sun,  8 Sep 2024 06:10:12 +0200 (CEST)",
                   arrival="Tue,  3 Sep 2024 06:00:01 +0200 (CEST)", sender=verp(r),
                   recips=[{"rcpt": r, "status": "4.4.1",
                            "human": wrap("<%s>: delivery temporarily suspended: connect to "
                                          "mx1.nate.com[121.189.37.20]:25: Connection timed out" % r, width=72),
                            "diag": "Diagnostic-Code: X-Postfix; delivery temporarily suspended: connect to\n"
                                    "    mx1.nate.com[121.189.37.20]:25: Connection timed out"}], orig=orig)
    add("isp-asia", "postfix-nate-expired-timeout", text, [E("4.4.1", "", "expired", perm=True)], [r],
        "Postfix final DSN (Action failed, Status 4.4.1) after the 5-day queue lifetime; last "
        "attempts to Nate's MX timed out. Final failure after the queue lifetime: expired, not "
        "hard; no SMTP reply.")

    r = "taro.yamada@example.jp"
    reply = "550 Unknown user %s" % r
    orig = newsletter(r, "Example Weekly #37", nl_mid("a05"), "Tue, 10 Sep 2024 07:00:00 +0900",
                      relay="mail.example.org")
    text = postfix(host="mail.example.org", qid="4X0Bq73ZnFz1xVv", to=verp(r),
                   date="Tue, 10 Sep 2024 07:00:03 +0900 (JST)",
                   arrival="Tue, 10 Sep 2024 07:00:01 +0900 (JST)", sender=verp(r),
                   recips=[pf_rcpt(r, "5.0.0", "mfsmax.docomo.ne.jp", "203.138.181.112", reply,
                                   "RCPT TO command")], orig=orig)
    add("isp-asia", "postfix-docomo-unknown-user-rcpt", text, [E("5.0.0", "550", "userunknown")], [r],
        "Postfix DSN: docomo '550 Unknown user' in reply to RCPT TO: the address does not exist, "
        "userunknown, hard. (After DATA docomo uses the same words for its sender filter, which "
        "would be filtered; here the stage is RCPT.)")

    r = "suzuki.hanako@example.jp"
    reply = "550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % r
    ja = ("このメールは mail.example.org のメールシステムが自動的に送信しています。\n\n"
          "お送りいただいたメッセージは、以下の宛先に配送できませんでした。\n"
          "元のメッセージを添付します。\n\n"
          "ご不明な点は postmaster までお問い合わせください。\n\n"
          "                   メールシステム\n\n"
          + pf_said(r, "mx.nifty.com", "202.248.37.84", reply, "RCPT TO command") + "\n")
    orig = newsletter(r, "Example Weekly #37", nl_mid("a06"), "Tue, 10 Sep 2024 07:00:00 +0900",
                      relay="mail.example.org")
    text = postfix(host="mail.example.org", qid="4X0Bq86JtVz1xVw", to=verp(r),
                   date="Tue, 10 Sep 2024 07:00:04 +0900 (JST)",
                   arrival="Tue, 10 Sep 2024 07:00:01 +0900 (JST)", sender=verp(r),
                   subject=ew("配送エラーのお知らせ（メッセージを返送します）", "iso2022_jp", "B"),
                   human=ja.encode("iso2022_jp").decode("ascii"), human_cs="ISO-2022-JP",
                   human_cte="7bit",
                   recips=[pf_rcpt(r, "5.1.1", "mx.nifty.com", "202.248.37.84", reply)], orig=orig)
    add("isp-asia", "postfix-ja-nifty-user-unknown", text, [E("5.1.1", "550", "userunknown")], [r],
        "Postfix DSN with a Japanese template in ISO-2022-JP (7bit, B-encoded subject): @nifty 550 "
        "5.1.1 User unknown: userunknown, hard. Japanese template reconstructed.")

    r = "ana.souza@example.com"
    reply = "552 5.2.2 <%s>: Mailbox quota exceeded" % r
    pt = ("Este é o sistema de e-mail do servidor smtp.example.org.\n\n"
          "Lamentamos informar que a sua mensagem não pôde ser entregue a um ou\n"
          "mais destinatários. A mensagem original segue anexa.\n\n"
          "Motivo: a caixa postal do destinatário está cheia.\n\n"
          "Para mais informações, escreva para o postmaster.\n\n"
          "                   O sistema de e-mail\n\n"
          + pf_said(r, "mx.uol.com.br", "200.147.36.31", reply, "end of DATA command") + "\n")
    orig = newsletter(r, "Boletim semanal nº 37", nl_mid("a07"), "Tue, 10 Sep 2024 09:00:00 -0300",
                      relay="smtp.example.org", headers_only=True)
    text = postfix(host="smtp.example.org", qid="4X0V7m1Qh3z4wXx", to=verp(r),
                   date="Tue, 10 Sep 2024 09:00:05 -0300 (-03)",
                   arrival="Tue, 10 Sep 2024 09:00:01 -0300 (-03)", sender=verp(r), headers_only=True,
                   subject=ew("Mensagem não entregue", "iso8859_1", "Q", chunk=60),
                   human=qp(pt, "iso8859_1"), human_cs="iso-8859-1", human_cte="quoted-printable",
                   recips=[pf_rcpt(r, "5.2.2", "mx.uol.com.br", "200.147.36.31", reply,
                                   "end of DATA command")], orig=orig)
    add("isp-americas", "postfix-pt-uol-quota", text, [E("5.2.2", "552", "mailboxfull")], [r],
        "Postfix DSN with a Brazilian Portuguese template (ISO-8859-1 QP): UOL 552 5.2.2 mailbox "
        "quota exceeded: mailboxfull. Template and UOL's wording reconstructed.")


# --------------------------------------------------------------------------- multi-recipient reports
def multi():
    a, b, c = "j.garcia@example.com", "m.lee@example.net", "k.brown@example.org"
    ra = "550 5.1.1 <%s> recipient rejected" % a
    rb = "552 5.2.2 <%s> mailbox full" % b
    rc = ("554 5.7.1 [CXBL] 203.0.113.45 rejected due to IP reputation, see "
          "https://www.spectrum.net/support/internet/understanding-email-error-codes")
    orig = newsletter("subscribers@lists.example.org", "[Town Notes] September meeting", "<m.20240917.0600@lists.example.org>",
                      "Tue, 17 Sep 2024 06:00:00 -0400", relay="mta2.example.org", listmonk=False,
                      frm='"Town Notes" <town-notes@lists.example.org>')
    text = postfix(host="mta2.example.org", qid="4X5lqW2Gb8z1RkN", to="town-notes-bounces@lists.example.org",
                   date="Tue, 17 Sep 2024 06:00:07 -0400 (EDT)",
                   arrival="Tue, 17 Sep 2024 06:00:01 -0400 (EDT)",
                   recips=[pf_rcpt(a, "5.1.1", "cxr.mx.a.cloudfilter.net", "35.162.106.154", ra),
                           pf_rcpt(b, "5.2.2", "mx.charter.net", "47.43.18.9", rb),
                           {"rcpt": c, "status": "5.7.1", "remote": "mx.b.cloudfilter.net",
                            "human": wrap("<%s>: host mx.b.cloudfilter.net[52.27.186.85] refused to talk "
                                          "to me: %s" % (c, rc), width=72), "diag": pf_diag(rc)}],
                   orig=orig)
    add("multi", "postfix-3rcpt-cox-charter-spectrum", text,
        [E("5.1.1", "550", "userunknown"), E("5.2.2", "552", "mailboxfull"), E("5.7.1", "554", "blocked")],
        [a, b, c],
        "Postfix DSN for one list message to three US cable-ISP addresses: Cox 'recipient "
        "rejected' (userunknown), Charter 'mailbox full' (mailboxfull), Spectrum refusing the IP "
        "for reputation [CXBL] in the greeting (blocked). The Cloudmark-platform wordings are "
        "reconstructed from memory.")

    a, b = "h.mueller@example.com", "s.wagner@example.net"
    orig = newsletter(a, "Example Weekly #38", nl_mid("m02"), "Tue, 17 Sep 2024 07:00:00 +0200",
                      relay="smtp.example.org", listmonk=False)
    orig = orig.replace("To: " + a, "To: undisclosed-recipients:;")
    text = exim(host="smtp.example.org", to="bounces@news.example.org",
                date="Tue, 17 Sep 2024 07:00:06 +0200", eximid="1sqTqv-00000000Fhd-3aB1",
                recips=[{"rcpt": a, "host": "mx-ha03.web.de", "ip": "212.227.17.8",
                         "stage": "initial connection", "status": "5.0.0",
                         "reply": ["554-mx-ha03.web.de (mxweb112) Nemesis ESMTP Service not available",
                                   "554-No SMTP service",
                                   "554-Reject due to policy restrictions.",
                                   "554 For explanation visit https://postmaster.web.de/en/case?c=r0701&i=ip&v=203.0.113.45&r=1MPaQp-1sBuKe3nEX-00Ph9X"]},
                        {"rcpt": b, "host": "mx00.emig.gmx.net", "ip": "212.227.15.9",
                         "stage": "RCPT TO:<%s>" % b, "status": "5.0.0",
                         "reply": ["550 Requested action not taken: mailbox unavailable"]}],
                orig=orig)
    add("multi", "exim-2rcpt-webde-gmx", text,
        [E("5.0.0", "554", "blocked"), E("5.0.0", "550", "userunknown")], [a, b],
        "Exim 4.97 DSN (Status 5.0.0 for both) for a BCC'd message: web.de refuses the sending IP "
        "in its greeting ('Reject due to policy restrictions', case r0701, ip): blocked; GMX "
        "'mailbox unavailable' at RCPT: userunknown, hard. Neither reply has an enhanced code.",
        crlf=False)

    a, b, c, d = ("luc.martin@example.com", "nadia.haddad@example.net", "pierre.roux@example.org",
                  "jeanne.petit@club-internet.example")
    ra = "550 5.1.1 <%s>: Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]" % a
    rb = "552 5.1.1 <%s>: Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]" % b
    rc = "550 5.2.1 <%s>: Recipient address rejected: Mailbox disabled for this recipient" % c
    orig = newsletter("club-lecture@lists.example.org", "[club-lecture] Programme d'octobre",
                      "<m.20241001.0800@lists.example.org>", "Tue, 01 Oct 2024 08:00:00 +0200",
                      listmonk=False, frm='"Club lecture" <club-lecture@lists.example.org>',
                      extra=["X-BeenThere: club-lecture@lists.example.org",
                             "X-Mailman-Version: 3.3.9", "Precedence: list"])
    text = postfix(host="mail.example.org", qid="4XHj8Q5WvNz2PqZ",
                   to="club-lecture-bounces@lists.example.org",
                   date="Tue,  1 Oct 2024 08:00:09 +0200 (CEST)",
                   arrival="Tue,  1 Oct 2024 08:00:01 +0200 (CEST)",
                   recips=[pf_rcpt(a, "5.1.1", "smtp-in.orange.fr", "193.252.22.95", ra),
                           pf_rcpt(b, "5.1.1", "smtp-in.orange.fr", "193.252.22.95", rb),
                           pf_rcpt(c, "5.2.1", "mx1.free.fr", "212.27.48.6", rc),
                           {"rcpt": d, "status": "5.4.4",
                            "human": wrap("<%s>: Host or domain name not found. Name service error "
                                          "for name=club-internet.example type=MX: Host not found" % d, width=72),
                            "diag": "Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error\n"
                                    "    for name=club-internet.example type=MX: Host not found"}],
                   orig=orig)
    add("multi", "postfix-4rcpt-orange-free-dns", text,
        [E("5.1.1", "550", "userunknown"), E("5.1.1", "552", "mailboxfull"),
         E("5.2.1", "550", "suspend"), E("5.4.4", "", "hostunknown")], [a, b, c, d],
        "Postfix DSN for a Mailman list post to four French addresses: Orange OFR_416 invalid "
        "recipient (userunknown, hard); Orange OFR_417 mailbox full under 552 5.1.1 (text decides: "
        "mailboxfull, not hard); Free 'Mailbox disabled' 5.2.1 (suspend; Free's wording "
        "reconstructed); a dead ISP domain with no DNS (hostunknown, hard, no reply code).")

    a, b, c = "deepa.iyer@example.com", "arjun.k@example.net", "minji.kim@example.org"
    ra = ["552-5.2.2 The recipient's inbox is out of storage space and inactive. Please",
          "552-5.2.2 direct the recipient to",
          "552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm 6a1803df08f44-6c35e5f1a2bsi9988776d6.88 - gsmtp"]
    rb = ["550 5.2.1 <%s>: Mailbox disabled, not accepting messages" % b]
    rc = ["550 5.1.1 <%s>: Recipient address rejected: User unknown" % c]
    orig = newsletter(a, "Example Weekly #40", nl_mid("m04"), "Tue, 01 Oct 2024 06:00:00 +0000",
                      relay="pmta1.example.org", headers_only=True, listmonk=False)
    orig = orig.replace("To: " + a, "To: undisclosed-recipients:;")
    human = ("This is an automatically generated Delivery Status Notification from\n"
             "pmta1.example.org (PowerMTA(TM) v5.5r3).\n\n"
             "Delivery to the following recipients failed permanently:\n\n"
             "  %s\n    smtp;%s\n\n  %s\n    smtp;%s\n\n  %s\n    smtp;%s\n"
             % (a, " ".join(ra), b, rb[0], c, rc[0]))
    ds = "Reporting-MTA: dns; pmta1.example.org\nArrival-Date: Tue, 1 Oct 2024 06:00:00 +0000\n"
    for r, st, mx, rep in ((a, "5.2.2", "gmail-smtp-in.l.google.com (142.250.102.26)", ra),
                           (b, "5.2.1", "mx.rediffmail.com (119.252.147.10)", rb),
                           (c, "5.1.1", "mx1.naver.com (125.209.238.100)", rc)):
        ds += ("\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: %s\nRemote-MTA: dns;%s\n"
               "Diagnostic-Code: smtp;%s\n" % (r, st, mx, " ".join(rep)))
    text = report(headers=["Return-Path: <>",
                           "Received: from pmta1.example.org by pmta1.example.org (PowerMTA(TM) v5.5r3) id hp3k2a0fnm6b for <bounces@news.example.org>; Tue, 1 Oct 2024 06:00:41 +0000",
                           "Date: Tue, 1 Oct 2024 06:00:41 +0000",
                           "From: Mail Delivery Subsystem <mailer-daemon@pmta1.example.org>",
                           "To: bounces@news.example.org",
                           "Subject: Delivery Status Notification (Failure)",
                           "Message-ID: <hp3k2a0fnm6b.dsn@pmta1.example.org>",
                           "Auto-Submitted: auto-replied"],
                  human=human, ds=ds, orig=orig, bnd="=_pmta_dsn_hp3k2a0fnm6b", headers_only=True)
    add("multi", "pmta-3rcpt-gmail-rediff-naver", text,
        [E("5.2.2", "552", "mailboxfull"), E("5.2.1", "550", "suspend"), E("5.1.1", "550", "userunknown")],
        [a, b, c],
        "PowerMTA-generated DSN for one message to three recipients: Gmail OverQuotaPerm (storage "
        "full and inactive: mailboxfull as Sisimai files OverQuotaPerm; suspend is arguable), "
        "Rediffmail disabled mailbox (suspend), Naver user unknown (userunknown, hard). PowerMTA's "
        "DSN prose and the Rediff/Naver wordings are reconstructed from memory.")


# --------------------------------------------------------------------------- esp
def esp():
    # ---- Amazon SES generated DSNs
    def ses(r, diag, status, mid, date, orig, ep="us-east-1"):
        ds = ("Reporting-MTA: dns; a8-30.smtp-out.amazonses.com\n\nAction: failed\n"
              "Final-Recipient: rfc822; %s\nDiagnostic-Code: smtp; %s\nStatus: %s\n" % (r, diag, status))
        bnd = "----=_Part_%d_%d.%d" % (len(r) * 7919, 1304253891, 1726542001)
        return "\n".join([
            "Return-Path: <>",
            "Received: from a8-30.smtp-out.amazonses.com (a8-30.smtp-out.amazonses.com [54.240.8.30])\n"
            "\tby mail.example.org (Postfix) with ESMTPS id 4X6ZcN0qF9z2PrB\n\tfor <news@example.org>; " + date,
            "X-Original-To: news@example.org",
            "From: MAILER-DAEMON@amazonses.com",
            "To: news@example.org",
            "Subject: Delivery Status Notification (Failure)",
            "Message-ID: <%s@email.amazonses.com>" % mid,
            "Date: " + date,
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; \n\tboundary="%s"; \n\treport-type=delivery-status' % bnd,
            "X-SES-Outgoing: 2024.09.17-54.240.8.30",
            "Feedback-ID: 1.%s.Vm2Zf4kQ7bX9nR1tP3sL8cW6yE0aH5jD2gU4iO7eT1M=:AmazonSES" % ep, "",
            "--" + bnd, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 7bit", "",
            "An error occurred while trying to deliver the mail to the following recipients:",
            r,
            "--" + bnd, "Content-Type: message/delivery-status", "", ds,
            "--" + bnd, "Content-Type: message/rfc822", "", orig, "--" + bnd + "--", ""])

    sesx = ["X-SES-Outgoing: 2024.09.17-54.240.8.30",
            "Feedback-ID: 1.us-east-1.Vm2Zf4kQ7bX9nR1tP3sL8cW6yE0aH5jD2gU4iO7eT1M=:AmazonSES"]
    r = "noah.wilson@example.net"
    orig = newsletter(r, "Example Weekly #38", "<0100019200a1b2c3-4d5e6f70-8192-4a3b-9c8d-7e6f5a4b3c2d-000000@email.amazonses.com>",
                      "Tue, 17 Sep 2024 03:00:01 +0000", relay="a8-30.smtp-out.amazonses.com", extra=sesx)
    diag = "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % r
    text = ses(r, diag, "5.1.1", "0100019200a1b7e4-9f3c2d1e-5b6a-4c7d-8e9f-0a1b2c3d4e5f-000000",
               "Tue, 17 Sep 2024 03:00:04 +0000", orig)
    add("esp", "ses-dsn-user-unknown", text, [E("5.1.1", "550", "userunknown")], [r],
        "Amazon SES's own DSN (email feedback forwarding on): remote Postfix 550 5.1.1 user "
        "unknown: userunknown, hard.")

    r = "emma.j@example.com"
    orig = newsletter(r, "Example Weekly #38", "<0100019200a1c9d8-1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b-000000@email.amazonses.com>",
                      "Tue, 17 Sep 2024 03:00:01 +0000", relay="a8-30.smtp-out.amazonses.com", extra=sesx)
    diag = ("554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to lookup "
            "DNS for example.com>")
    text = ses(r, diag, "5.4.7", "0100019203f8e2a1-7b6c5d4e-3f2a-4b1c-9d8e-7f6a5b4c3d2e-000000",
               "Tue, 17 Sep 2024 17:00:07 +0000", orig)
    add("esp", "ses-dsn-expired-840min", text, [E("5.4.7", "554", "expired")], [r],
        "Amazon SES DSN after its 14-hour retry window: 'Message expired: unable to deliver in 840 "
        "minutes' (last error a DNS lookup failure). Final failure after the queue lifetime: "
        "expired. The DSN states 5.4.7, the text 4.4.7; the DSN field is taken.")

    # ---- remote-generated DSNs arriving at an ESP-style return path on our own domain
    r = "olivia.park@example.com"
    fwd = "olivia@example.net"
    reply = ("550-5.7.26 This mail has been blocked because the sender is unauthenticated. "
             "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. "
             "550-5.7.26  550-5.7.26  Authentication results: 550-5.7.26  DKIM = did not pass "
             "550-5.7.26  SPF [example.com] with ip: [198.51.100.61] = did not pass "
             "550-5.7.26  550-5.7.26  For instructions on setting up authentication, go to "
             "550 5.7.26  https://support.google.com/mail/answer/81126#authentication "
             "af79cd13be357-7a9a8c1d2e3si1122334485a.412 - gsmtp")
    sg = ["X-SG-EID: u001.rG3kVbLmN8pQ2sT5vW7xY9zA1cE3gI5kM7oQ9sU1wY3aC5eG7iK9mO1qS3uW5yA7",
          "X-SG-ID: u001.SdBcvi+Evd/bQef8eZF1BuPx3eYgqc6jUm7sTq0vW2kE4rN8pL6mJ1hG5fD3aS9x",
          "X-Entity-ID: u001.4fA8cP2kR6tW0yB3eH7jM1nQ5sV9xZ2d"]
    orig = newsletter(r, "Example Weekly #38", "<aBcDeF1gH2iJ3kL4mN5oPq@geopod-ismtpd-12>",
                      "Tue, 17 Sep 2024 05:00:00 +0000", relay="o1.ptr1234.example.org",
                      extra=sg, envelope="bounces+2481357-ab12-olivia.park=example.com@em4821.example.org")
    text = postfix(host="mail.example.com", qid="4X6gYt0nLmz7wKp",
                   to="bounces+2481357-ab12-olivia.park=example.com@em4821.example.org",
                   sender="bounces+2481357-ab12-olivia.park=example.com@em4821.example.org",
                   date="Tue, 17 Sep 2024 05:00:04 +0000 (UTC)",
                   arrival="Tue, 17 Sep 2024 05:00:02 +0000 (UTC)",
                   recips=[pf_rcpt(fwd, "5.7.26", "gmail-smtp-in.l.google.com", "74.125.206.27", reply,
                                   "end of DATA command", orig=r)], orig=orig)
    add("esp", "sendgrid-returnpath-forwarder-gmail-5726", text, [E("5.7.26", "550", "authfailure")], [r],
        "Asynchronous DSN sent to a SendGrid-style VERP return path (custom bounce domain): the "
        "subscriber's domain forwards to Gmail, which refuses the forwarded copy as "
        "unauthenticated (5.7.26): authfailure. The subscriber address is the Original-Recipient "
        "/ '(expanded from <...>)' address; Final-Recipient is the forwarding target, so either "
        "is defensible as the recipient.")

    r = "lucas.meyer@example.net"
    reply = "552 5.2.2 <%s> Quota exceeded (mailbox for user is full)" % r
    mg = ["X-Mailgun-Sid: WyI3YzFlMiIsICJsdWNhcy5tZXllckBleGFtcGxlLm5ldCIsICI0YTViNmMiXQ==",
          "X-Mailgun-Tag: weekly", "X-Mailgun-Variables: {\"campaign\": \"w38\"}"]
    orig = newsletter(r, "Example Weekly #38", "<20240917050000.7c1e2f4a5b6c8d9e@mg.example.org>",
                      "Tue, 17 Sep 2024 05:00:00 +0000", relay="m228-12.mailgun.net", extra=mg,
                      headers_only=True)
    bp = "bounce+7c1e2f.4a5b6c-lucas.meyer=example.net@mg.example.org"
    text = postfix(host="mx.example.net", qid="4X6gZ12dRkz3xLp", to=bp, sender=bp,
                   date="Tue, 17 Sep 2024 07:00:03 +0200 (CEST)",
                   arrival="Tue, 17 Sep 2024 07:00:02 +0200 (CEST)", headers_only=True,
                   recips=[{"rcpt": r, "status": "5.2.2", "remote": "mx.example.net",
                            "human": wrap("<%s>: host mx.example.net[private/dovecot-lmtp] said: %s (in "
                                          "reply to end of DATA command)" % (r, reply), width=72),
                            "diag": pf_diag(reply).replace("smtp;", "lmtp;")}], orig=orig)
    add("esp", "mailgun-returnpath-lmtp-quota", text, [E("5.2.2", "552", "mailboxfull")], [r],
        "Asynchronous DSN to a Mailgun-style VERP return path: the recipient's Postfix accepted, "
        "Dovecot LMTP then refused, 552 5.2.2 Quota exceeded: mailboxfull.")

    r = "s.visser@example.org"
    mj = ["X-MJ-Mid: AAAAAHbE2XoAAAAAAAAAAGT4qPQAAYCsdZcAAAAAABKw-QBm6RkM4fGb1nEzSF2mKqz8Jc7RpQAR6Y8",
          "X-CSA-Complaints: csa-complaints@eco.de", "X-Mailjet-Campaign: 7456123"]
    orig = newsletter(r, "Example Weekly #38", "<e7f1a2b3.AMYAAD1fXgEAAAAAAAAAAGT4qPQAAYCsdZc@mailjet.example.org>",
                      "Tue, 17 Sep 2024 05:00:00 +0000", relay="o1.mail.example.org", extra=mj,
                      headers_only=True)
    bp = "c3VtbWVyLW5ld3M.e7f1a2b3@bnc3.example.org"
    text = postfix(host="gw.example.org", qid="4X6h8v3PqJz9sNm", to=bp, sender=bp, delayed=True,
                   date="Tue, 17 Sep 2024 09:10:22 +0200 (CEST)",
                   arrival="Tue, 17 Sep 2024 07:00:05 +0200 (CEST)", hours="2.0",
                   recips=[{"rcpt": r, "status": "4.4.1",
                            "human": wrap("<%s>: connect to mailstore.example.org[10.20.1.15]:25: "
                                          "Connection timed out" % r, width=72),
                            "diag": "Diagnostic-Code: X-Postfix; connect to mailstore.example.org[10.20.1.15]:25:\n"
                                    "    Connection timed out",
                            "until": "Sun, 22 Sep 2024 07:00:05 +0200 (CEST)"}], orig=orig)
    add("esp", "mailjet-returnpath-gateway-delayed-timeout", text,
        [E("4.4.1", "", "networkerror")], [r],
        "Postfix delay warning (Action delayed, 4.4.1) from a company's mail gateway to a "
        "Mailjet-style return path: its internal mail store times out. The stated cause is a "
        "connection timeout: networkerror (soft); expired is defensible for a delay notice.")

    r = "tim.schulz@example.com"
    err = ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient tim.schulz@example.com not found by "
           "SMTP address lookup")
    bv = ["X-Mailin-EID: MTIzNDU2Nzg%3D%3Ftim.schulz%40example.com%3F%3C20240924.abc%40smtp-relay.example.org%3E",
          "X-sib-id: 8jK2mP4rT6vX8zB0dF2hJ4lN6pR8tV0xZ2bD4fH6jL8n", "X-Mailer: Sendinblue"]
    orig = newsletter(r, "Example Weekly #39", "<20240924.abc@smtp-relay.example.org>",
                      "Tue, 24 Sep 2024 05:00:00 +0000", relay="smtp-relay.example.org", extra=bv,
                      headers_only=True, listmonk=False)
    bp = "bounces-1234567-89@bnc.example.org"
    body = ("Your message to %s couldn't be delivered.\n\n%s wasn't found at example.com.\n\n"
            "bounces-1234567-89\tOffice 365\ttim.schulz\nAction Required\t\tRecipient\n\n"
            "Unknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. Try one or "
            "more of the following:\n\n* Retype the recipient's address, then resend the message.\n\n"
            "More Info for Email Admins\nStatus code: 550 5.1.10\n\n"
            "This error occurs because the recipient's email address doesn't exist at the destination "
            "domain.\n\nOriginal Message Details\nCreated Date:\t9/24/2024 5:00:00 AM\nSender Address:\t%s\n"
            "Recipient Address:\t%s\nSubject:\tExample Weekly #39\n\nError Details\nError:\t%s\n"
            "Message rejected by:\tFR2P281MB2433.DEUP281.PROD.OUTLOOK.COM\n" % (r, "tim.schulz", bp, r, err))
    ds = ("Reporting-MTA: dns;FR2P281MB2433.DEUP281.PROD.OUTLOOK.COM\n"
          "Received-From-MTA: dns;smtp-relay.example.org\nArrival-Date: Tue, 24 Sep 2024 05:00:01 +0000\n\n"
          "Original-Recipient: rfc822;%s\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.1.10\n"
          "Diagnostic-Code: smtp;%s\n" % (r, r, err))
    text = m365_ndr(frm="postmaster@example.com", to=bp, date="Tue, 24 Sep 2024 05:00:02 +0000",
                    subject="Undeliverable: Example Weekly #39", text=body,
                    html=m365_html(["Your message to %s couldn't be delivered." % r,
                                    "tim.schulz wasn't found at example.com."]),
                    ds=ds, orig=orig, headers_only=True,
                    mid="<4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d@FR2P281MB2433.DEUP281.PROD.OUTLOOK.COM>")
    add("esp", "brevo-returnpath-m365-recipientnotfound", text, [E("5.1.10", "550", "userunknown")], [r],
        "Recipient-side Microsoft 365 NDR (accepted, then RESOLVER.ADR.RecipientNotFound) sent to "
        "a Brevo-style return path; the returned headers carry X-Mailin-EID. 5.1.10: userunknown, hard.")

    r = "r.gomez@example.net"
    md = ["X-Mandrill-User: md_31050260",
          "X-Report-Abuse: Please forward a copy of this message, including all headers, to abuse@mandrill.example.org",
          "X-MC-User: 7f3a1c9e2b4d6f8a0c1e3g5h"]
    orig = newsletter(r, "Example Weekly #39 (photo special)", "<6633f2b1e4a9c.8b2e4f1a@mandrill.example.org>",
                      "Tue, 24 Sep 2024 05:00:00 +0000", relay="mail136-12.atl41.mandrill.example.org",
                      extra=md, headers_only=True)
    bp = "bounce-md_31050260.6633f2b1.v1-8b2e4f1a7c3d4e5f6a7b8c9d0e1f2a3b@mandrill.example.org"
    reply = "552 5.2.3 Message exceeds maximum size allowed for this recipient (10485760 bytes)"
    text = postfix(host="relay.example.net", qid="4XBcN26vWdz5yRt", to=bp, sender=bp, headers_only=True,
                   date="Tue, 24 Sep 2024 05:00:09 +0000 (UTC)",
                   arrival="Tue, 24 Sep 2024 05:00:03 +0000 (UTC)",
                   recips=[pf_rcpt(r, "5.2.3", "mailhub.example.net", "10.1.1.25", reply,
                                   "end of DATA command")], orig=orig)
    add("esp", "mandrill-returnpath-size-523", text, [E("5.2.3", "552", "exceedlimit")], [r],
        "Asynchronous DSN from a university relay to a Mandrill-style return path: the internal "
        "mail hub refuses a message over the recipient's size limit, 552 5.2.3: exceedlimit by "
        "the Sisimai split (5.2.3 vs 5.3.4).")

    r = "dmitry.k@example.com"
    fwd = "dmitry.k@example.org"
    reply = ("550 spam message rejected. Please visit https://help.mail.ru/notspam-support/id?c="
             "Jx8nR2bLk4pMqHtX9vZc1aFd3gIw6yEo0sUu or  report details to abuse@corp.mail.ru. "
             "Error code: 7F3A1C9E2B4D6F8A0C1E3B5D7F9A1C3E. ID: 0000000000000000000000003A1C9E2B.")
    ee = ["X-Msg-EID: 7f3a1c9e-2b4d-4f8a-8c1e-3b5d7f9a1c3e", "X-Mailer: Elastic Email"]
    orig = newsletter(r, "Example Weekly #39", "<7f3a1c9e-2b4d-4f8a-8c1e-3b5d7f9a1c3e@api.elasticemail.example.org>",
                      "Tue, 24 Sep 2024 05:00:00 +0000", relay="s1.eemsg.example.org", extra=ee)
    bp = "bounce-7f3a1c9e2b4d@bounces.example.org"
    text = postfix(host="mx.example.com", qid="4XBcP10yTqz8wMn", to=bp, sender=bp,
                   date="Tue, 24 Sep 2024 08:00:07 +0300 (MSK)",
                   arrival="Tue, 24 Sep 2024 08:00:05 +0300 (MSK)",
                   recips=[pf_rcpt(fwd, "5.0.0", "mxs.mail.ru", "94.100.180.104", reply,
                                   "end of DATA command", orig=r)], orig=orig)
    add("esp", "elasticemail-returnpath-forward-mailru-spam", text, [E("5.0.0", "550", "spamdetected")], [r],
        "Asynchronous DSN to an Elastic Email-style return path: the subscriber's domain forwards "
        "to Mail.ru, which rejects the copy as spam ('550 spam message rejected'): spamdetected. "
        "Recipient = the subscriber (Original-Recipient); the forwarding target is defensible.")

    r = "helen.ward@example.org"
    orig = newsletter(r, "Example Weekly #38", "<mail.1726549200.a1b2c3d4e5@smtp2go.example.org>",
                      "Tue, 17 Sep 2024 05:00:00 +0000", relay="mail.smtpcorp.example.org",
                      extra=["X-smtpcorp-track: 1sqT3r4vW5xY6z.7AbCdEfGhIj", "X-Report-Abuse: abuse@example.org"],
                      headers_only=False)
    text = exim(host="mx-in.example.org", to="bounce-r1234-abcd@em.example.org",
                date="Sat, 21 Sep 2024 05:03:11 +0000", eximid="1srsXK-00000000Nq2-0wLd",
                recips=[{"rcpt": r, "status": "5.0.0",
                         "text": ["retry timeout exceeded"]}], orig=orig)
    add("esp", "smtp2go-returnpath-exim-retry-timeout", text, [E("5.0.0", "", "expired")], [r],
        "Exim DSN to an SMTP2GO-style return path from a secondary MX that could not hand the "
        "message to the primary for four days: 'retry timeout exceeded', Status 5.0.0, no SMTP "
        "reply: expired.", crlf=False)

    r = "victor.lang@example.com"
    reply = "550 5.7.1 recipient address was suppressed due to customer policy"
    orig = newsletter(r, "Example Weekly #40", nl_mid("s10"), "Tue, 01 Oct 2024 06:00:00 +0200",
                      extra=["X-MSYS-API: {\"campaign_id\": \"weekly-40\"}"])
    text = postfix(host="mail.example.org", qid="4XHjB41nQpz2PrC", to=verp(r), sender=verp(r),
                   date="Tue,  1 Oct 2024 06:00:03 +0200 (CEST)",
                   arrival="Tue,  1 Oct 2024 06:00:01 +0200 (CEST)",
                   recips=[pf_rcpt(r, "5.7.1", "smtp.sparkpostmail.com", "52.35.14.96", reply)],
                   orig=orig)
    add("esp", "postfix-sparkpost-relay-suppressed", text, [E("5.7.1", "550", "suppressed")], [r],
        "Postfix DSN: the newsletter relays through SparkPost's SMTP injection, which refuses a "
        "recipient on the account's suppression list ('recipient address was suppressed due to "
        "customer policy'): suppressed, not hard (the ESP's list, not the remote mailbox).")


# --------------------------------------------------------------------------- arf
def arfs():
    r = "mia.clark@example.com"
    orig = newsletter(r, "Example Weekly #38", "<0100019200a1d4e5-2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c-000000@email.amazonses.com>",
                      "Tue, 17 Sep 2024 03:00:01 +0000", relay="a8-30.smtp-out.amazonses.com",
                      extra=["X-SES-Outgoing: 2024.09.17-54.240.8.30"])
    fields = ("Feedback-Type: abuse\nUser-Agent: Yahoo!-Mail-Feedback/2.0\nVersion: 0.1\n"
              "Original-Mail-From: <0100019200a1d4e5-2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c-000000@amazonses.com>\n"
              "Arrival-Date: Tue, 17 Sep 2024 03:00:02 +0000\nSource-IP: 54.240.8.30\n"
              "Reported-Domain: example.org\n"
              "Authentication-Results: atlas-production.v2-mail-prod1-gq1.omega.yahoo.com;\n"
              "  dkim=pass header.i=@example.org header.s=nl2024;\n  spf=pass smtp.mailfrom=amazonses.com;\n"
              "  dmarc=pass(p=QUARANTINE) header.from=example.org;")
    text = arf(headers=["Return-Path: <>",
                        "Received: from a9-112.smtp-out.amazonses.com (a9-112.smtp-out.amazonses.com [54.240.9.112])\n"
                        "\tby mail.example.org (Postfix) with ESMTPS id 4X6r1V2mKpz2PrD\n\tfor <news@example.org>; Tue, 17 Sep 2024 09:14:40 +0000",
                        "From: complaints@email-abuse.amazonses.com",
                        "To: news@example.org",
                        "Subject: Email Feedback Report for IP 54.240.8.30",
                        "Date: Tue, 17 Sep 2024 09:14:38 +0000",
                        "Message-ID: <0100019202b3c4d5-e6f7a8b9-c0d1-4e2f-a3b4-c5d6e7f8a9b0-000000@email.amazonses.com>",
                        "X-SES-Outgoing: 2024.09.17-54.240.9.112"],
               human="This is an email abuse report for an email message received from IP 54.240.8.30 on "
                     "Tue, 17 Sep 2024 03:00:02 +0000.\nFor more information about this format please see "
                     "http://www.mipassoc.org/arf/.\n",
               fields=fields, orig=orig, bnd="----=_Part_2249710_1487330436.1726564478963")
    add("arf", "ses-forwarded-yahoo-abuse", text, [E("", "", "feedback", perm=False, feedback_type="abuse")], [r],
        "Yahoo ARF complaint forwarded by Amazon SES (complaint forwarding on): Feedback-Type abuse, "
        "no Original-Rcpt-To, so the recipient is the To of the returned message. SES's forwarding "
        "envelope and subject are reconstructed from memory.")

    r = "ella.ng@example.net"
    orig = newsletter(r, "Example Weekly #39", nl_mid("f02"), "Tue, 24 Sep 2024 06:00:00 +0200")
    fields = ("Feedback-Type: abuse\nUser-Agent: Fastmail-FBL/1.0\nVersion: 1\n"
              "Original-Mail-From: <%s>\nOriginal-Rcpt-To: <%s>\nArrival-Date: Tue, 24 Sep 2024 04:00:04 +0000\n"
              "Source-IP: 203.0.113.45\nReported-Domain: example.org\n"
              "Authentication-Results: mx.messagingengine.com; dkim=pass header.d=example.org; spf=pass\n"
              "  smtp.mailfrom=news.example.org; dmarc=pass header.from=example.org" % (verp(r), r))
    text = arf(headers=["Return-Path: <fbl@messagingengine.com>",
                        "From: Fastmail Feedback Loop <fbl@messagingengine.com>",
                        "To: abuse@example.org",
                        "Subject: FBL complaint: Example Weekly #39",
                        "Date: Tue, 24 Sep 2024 18:22:10 +1000",
                        "Message-Id: <fbl.1727166130.8e2d4a@fbl.messagingengine.com>"],
               human="A Fastmail user marked the attached message as spam.\n",
               fields=fields, orig=orig, bnd="1727166130.8e2d4a.fbl")
    add("arf", "fastmail-fbl-abuse-rcpt-to", text, [E("", "", "feedback", perm=False, feedback_type="abuse")], [r],
        "ARF abuse complaint in the style of Fastmail's feedback loop, with Original-Rcpt-To. "
        "Sender, User-Agent and prose are reconstructed (whether Fastmail runs such a loop was not "
        "checked); the ARF structure is standard RFC 5965.")

    r = "paolo.conti@example.com"
    orig = newsletter(r, "Conferma il tuo ordine", nl_mid("f03"), "Tue, 24 Sep 2024 07:00:00 +0200",
                      frm='"Example Shop" <shop@example.org>', headers_only=True)
    fields = ("Feedback-Type: fraud\nUser-Agent: IOL-FBL/2.1\nVersion: 1\n"
              "Original-Mail-From: <%s>\nOriginal-Rcpt-To: <%s>\nArrival-Date: Tue, 24 Sep 2024 05:00:03 +0000\n"
              "Source-IP: 203.0.113.45\nReported-Domain: example.org\n"
              "Reported-Uri: https://shop.example.org/ordini/conferma?id=7781" % (verp(r), r))
    text = arf(headers=["From: fbl@fbl.italiaonline.example",
                        "To: fbl-reports@example.org",
                        "Subject: Abuse report: fraud / phishing",
                        "Date: Tue, 24 Sep 2024 09:41:57 +0200",
                        "Message-ID: <arf-20240924074157-31415@fbl.italiaonline.example>"],
               human="This is a fraud (phishing) report for a message received from IP 203.0.113.45.\n"
                     "The recipient reported the message as a phishing attempt.\n",
               fields=fields, orig=orig, bnd="ARF_31415_boundary", headers_only=True)
    add("arf", "italiaonline-style-fraud", text, [E("", "", "feedback", perm=False, feedback_type="fraud")], [r],
        "ARF report with Feedback-Type fraud (recipient flagged an order-confirmation mail as "
        "phishing), Original-Rcpt-To present, text/rfc822-headers. Reporter modelled on an "
        "Italian ISP loop; its identity and prose are invented for the sample.")

    r = "nina.hart@example.org"
    orig = newsletter(r, "Example Weekly #39", nl_mid("f04"), "Tue, 24 Sep 2024 06:00:00 +0200")
    fields = ("Feedback-Type: other\nUser-Agent: ZohoMail-Feedback/1.0\nVersion: 1\n"
              "Original-Mail-From: <%s>\nOriginal-Rcpt-To: <%s>\nArrival-Date: Tue, 24 Sep 2024 04:00:07 +0000\n"
              "Source-IP: 203.0.113.45\nReported-Domain: example.org" % (verp(r), r))
    text = arf(headers=["From: feedback@zoho.example",
                        "To: postmaster@example.org",
                        "Subject: Feedback report: unsubscribe request",
                        "Date: Tue, 24 Sep 2024 12:31:44 +0530",
                        "Message-ID: <fb.24092024.123144.99a1@zoho.example>"],
               human="The user requested to unsubscribe from this sender using the mail client's\n"
                     "unsubscribe option. Please remove the recipient from your list.\n",
               fields=fields, orig=orig, bnd="=_fbl_99a1")
    add("arf", "zoho-style-other", text, [E("", "", "feedback", perm=False, feedback_type="other")], [r],
        "ARF report with Feedback-Type other (an unsubscribe-button report), Original-Rcpt-To "
        "present. The reporter's form is reconstructed/invented; the type is what counts: feedback, "
        "feedback_type other.")

    r = "jana.novakova@example.com"
    orig = newsletter(r, "Example Weekly #39", nl_mid("f05"), "Tue, 24 Sep 2024 06:00:00 +0200",
                      headers_only=True)
    fields = ("Feedback-Type: abuse\nUser-Agent: Seznam-FBL/1.0\nVersion: 1\n"
              "Original-Mail-From: <%s>\nArrival-Date: Tue, 24 Sep 2024 06:00:05 +0200\n"
              "Source-IP: 203.0.113.45\nReported-Domain: example.org" % verp(r))
    text = arf(headers=["From: " + ew("Seznam.cz FBL", "utf-8") + " <fbl@fbl.seznam.example>",
                        "To: fbl@example.org",
                        "Subject: " + ew("Stížnost na nevyžádanou poštu", "utf-8"),
                        "Date: Tue, 24 Sep 2024 10:12:31 +0200",
                        "Message-ID: <fbl-1727165551-4242@fbl.seznam.example>"],
               human=qp("Uživatel Seznam.cz označil přiloženou zprávu jako nevyžádanou (spam).\n"
                        "A Seznam.cz user marked the attached message as spam.\n"),
               human_ct='text/plain; charset="UTF-8"', human_cte="quoted-printable",
               fields=fields, orig=orig, bnd="fbl-4242-boundary", headers_only=True)
    add("arf", "seznam-style-abuse-no-rcpt-to", text, [E("", "", "feedback", perm=False, feedback_type="abuse")], [r],
        "Czech/English ARF abuse report (UTF-8 QP human part), no Original-Rcpt-To, returned "
        "headers only: recipient is the To of the returned headers. Seznam's loop form "
        "reconstructed.")


# --------------------------------------------------------------------------- autoreply
def simple(headers, body, cs="utf-8", cte="quoted-printable", ct="text/plain"):
    enc = qp(body, cs) if cte == "quoted-printable" else b64(body, cs)
    return "\n".join(headers + ["MIME-Version: 1.0",
                                'Content-Type: %s; charset="%s"' % (ct, cs_name(cs)),
                                "Content-Transfer-Encoding: " + cte, "", enc])


def exchange_oof(name, addr, to, prefix, subj, body, cs, date, lang, mid, cte="quoted-printable"):
    return simple([
        "Received: from VI1PR02MB6160.eurprd02.prod.outlook.com (2603:10a6:800:1a4::9) by\n"
        " AS8PR02MB9958.eurprd02.prod.outlook.com with HTTPS; " + date,
        "From: " + ew(name, cs) + " <%s>" % addr if not name.isascii() else "From: %s <%s>" % (name, addr),
        "To: " + to,
        "Subject: " + ew(prefix + subj, cs),
        "Thread-Topic: " + subj,
        "Thread-Index: AQHbCk3x8Zp2m5tPQkOYl1Hq4r9VvA==",
        "Date: " + date,
        "Message-ID: " + mid,
        "References: " + nl_mid("ar0"),
        "In-Reply-To: " + nl_mid("ar0"),
        "Content-Language: " + lang,
        "X-MS-Has-Attach: ",
        "X-MS-Exchange-Organization-SCL: -1",
        "X-MS-TNEF-Correlator: ",
        "X-Auto-Response-Suppress: All",
        "Auto-Submitted: auto-generated",
        "X-MS-Exchange-Organization-AuthAs: Internal"], body, cs, cte)


def autoreplies():
    V = E("", "", "vacation", perm=False)
    S = "Example Weekly #38"
    rows = [
        ("tr", "Ahmet Yılmaz", "ahmet.yilmaz@example.com", "Otomatik yanıt: ", "iso8859_9", "tr-TR",
         "Merhaba,\n\n30 Eylül tarihine kadar izindeyim ve e-postalarıma erişimim sınırlı olacak.\n"
         "Acil konular için lütfen destek@example.com adresine yazınız.\n\nSaygılarımla,\nAhmet Yılmaz\n",
         "quoted-printable", "Exchange/Outlook out-of-office reply in Turkish (ISO-8859-9 QP)"),
        ("sv", "Karin Sjöberg", "karin.sjoberg@example.net", "Automatiskt svar: ", "iso8859_1", "sv-SE",
         "Hej!\n\nJag är på semester till och med måndag den 7 oktober och läser inte min e-post.\n"
         "Vid brådskande ärenden, kontakta växeln på 08-123 456 00.\n\nVänliga hälsningar\nKarin Sjöberg\n",
         "quoted-printable", "Exchange/Outlook out-of-office reply in Swedish (ISO-8859-1 QP)"),
        ("el", "Γιώργος Παπαδόπουλος", "g.papadopoulos@example.org", "Αυτόματη απάντηση: ", "utf-8", "el-GR",
         "Καλησπέρα σας,\n\nΒρίσκομαι εκτός γραφείου έως τις 4 Οκτωβρίου, χωρίς πρόσβαση στο ηλεκτρονικό ταχυδρομείο.\n"
         "Για επείγοντα θέματα παρακαλώ επικοινωνήστε με το info@example.org.\n\nΜε εκτίμηση,\nΓιώργος Παπαδόπουλος\n",
         "base64", "Exchange/Outlook out-of-office reply in Greek (UTF-8 base64)"),
        ("ar", "أحمد المنصوري", "a.almansouri@example.com", "رد تلقائي: ", "cp1256", "ar-AE",
         "مرحباً،\n\nأنا خارج المكتب حتى يوم الأحد 6 أكتوبر ولن أتمكن من الرد على رسائل البريد الإلكتروني.\n"
         "للأمور العاجلة يرجى التواصل مع support@example.com.\n\nمع أطيب التحيات،\nأحمد المنصوري\n",
         "base64", "Exchange/Outlook out-of-office reply in Arabic (windows-1256 base64)"),
        ("he", "דנה כהן", "dana.cohen@example.net", "תשובה אוטומטית: ", "cp1255", "he-IL",
         "שלום,\n\nאני נמצאת מחוץ למשרד עד ה-3 באוקטובר ואחזור אליך בהקדם האפשרי.\n"
         "בעניינים דחופים ניתן לפנות אל office@example.net.\n\nבברכה,\nדנה כהן\n",
         "base64", "Exchange/Outlook out-of-office reply in Hebrew (windows-1255 base64)"),
    ]
    for i, (lang, name, addr, prefix, cs, cl, body, cte, what) in enumerate(rows):
        text = exchange_oof(name, addr, verp(addr), prefix, S, body, cs,
                            "Tue, 17 Sep 2024 06:00:%02d +0000" % (10 + i), cl,
                            "<%s%02dAS8PR02MB9958%s@AS8PR02MB9958.eurprd02.prod.outlook.com>"
                            % ("A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6"[i:i + 20], i, lang.upper()), cte)
        add("autoreply", "exchange-oof-" + lang, text, [V], [addr],
            what + ": Auto-Submitted auto-generated, X-Auto-Response-Suppress: vacation, recipient = "
            "the auto-replying address.")

    addr = "lee.minho@example.com"
    body = ("안녕하세요.\n\n9월 16일부터 9월 20일까지 추석 연휴로 휴가 중입니다.\n"
            "급한 용무는 02-1234-5678로 연락 주시기 바랍니다.\n\n감사합니다.\n이민호 드림\n")
    text = simple(["Received: from mail.example.com (mail.example.com [198.51.100.80])\n\tby mx.example.org; Tue, 17 Sep 2024 15:00:21 +0900",
                   "From: " + ew("이민호", "euc_kr") + " <%s>" % addr,
                   "To: " + verp(addr),
                   "Subject: " + ew("[자동응답] 휴가 중입니다", "euc_kr"),
                   "Date: Tue, 17 Sep 2024 15:00:21 +0900",
                   "Message-ID: <20240917150021.autoreply.4471@mail.example.com>",
                   "Auto-Submitted: auto-replied",
                   "X-Autoreply: yes",
                   "Precedence: auto_reply"], body, "euc_kr", "base64")
    add("autoreply", "groupware-ko-euckr", text, [V], [addr],
        "Korean groupware auto-reply ('[자동응답]', Chuseok holiday) in EUC-KR base64 with "
        "Auto-Submitted, X-Autoreply and Precedence auto_reply: vacation. Groupware layout "
        "reconstructed.")

    addr = "kovacs.eszter@example.org"
    body = ("Kedves Feladó!\n\nSzeptember 30-ig szabadságon vagyok, leveleimet csak visszatérésem után\n"
            "tudom elolvasni. Sürgős ügyben kérem, írjon az iroda@example.org címre.\n\n"
            "Üdvözlettel:\nKovács Eszter\n")
    text = simple(["Return-Path: <>",
                   "Received: from mail.example.org by mail.example.org with LMTP id 8Kx2Gg1R6WZ9OwAA; Tue, 17 Sep 2024 08:00:31 +0200",
                   "Date: Tue, 17 Sep 2024 08:00:31 +0200",
                   "From: %s" % addr,
                   "To: <%s>" % verp(addr),
                   "Subject: " + ew("Auto: " + S, "iso8859_2", "Q", chunk=60),
                   "Message-ID: <dovecot-sieve-1726552831-411222-0@mail.example.org>",
                   "Auto-Submitted: auto-replied (vacation)",
                   "Precedence: bulk",
                   "In-Reply-To: " + nl_mid("ar0"),
                   "References: " + nl_mid("ar0")], body, "iso8859_2", "quoted-printable")
    add("autoreply", "sieve-vacation-hu", text, [V], [addr],
        "Dovecot Pigeonhole Sieve vacation reply in Hungarian (ISO-8859-2 QP, default 'Auto:' "
        "subject prefix, Auto-Submitted: auto-replied (vacation)): vacation.")

    addr = "nguyen.van.an@example.com"
    body = ("Xin chào,\n\nTôi đang nghỉ phép từ ngày 16/09 đến hết ngày 27/09/2024 và sẽ trả lời thư của bạn\n"
            "sau khi trở lại. Nếu có việc gấp, vui lòng liên hệ hotro@example.com.\n\nTrân trọng,\nNguyễn Văn An\n")
    text = simple(["Return-Path: <>",
                   "Date: Tue, 17 Sep 2024 13:00:44 +0700 (ICT)",
                   "From: " + ew("Nguyễn Văn An", "utf-8") + " <%s>" % addr,
                   "To: " + verp(addr),
                   "Message-ID: <1983412204.551.1726552844120.JavaMail.zimbra@example.com>",
                   "Subject: " + ew("Trả lời tự động: " + S, "utf-8"),
                   "MIME-Version: 1.0",
                   "Auto-Submitted: auto-replied (zimbra; vacation)",
                   "X-Mailer: Zimbra 10.0.8_GA_4628 (zclient/10.0.8_GA_4628)"], body, "utf-8")
    text = text.replace("MIME-Version: 1.0\nAuto", "Auto")
    add("autoreply", "zimbra-vacation-vi", text, [V], [addr],
        "Zimbra out-of-office reply in Vietnamese (UTF-8 QP; Auto-Submitted: auto-replied (zimbra; "
        "vacation)): vacation.")

    addr = "budi.santoso@example.net"
    body = ("Terima kasih atas email Anda.\n\nSaya sedang cuti sampai tanggal 1 Oktober 2024 dan akses email terbatas.\n"
            "Untuk keperluan mendesak, silakan hubungi kantor@example.net.\n\nSalam,\nBudi Santoso\n")
    text = simple(["Return-path: <>",
                   "Received: from budi by server42.example.net with local (Exim 4.97.1)\n\tid 1sqVb2-0000Ab-3x\n\tfor %s; Tue, 17 Sep 2024 13:00:52 +0700" % verp(addr),
                   "X-Autorespond: Balasan Otomatis: Sedang Cuti",
                   "Precedence: auto_reply",
                   "X-Precedence: auto_reply",
                   "From: budi.santoso@example.net",
                   "To: " + verp(addr),
                   "Subject: Balasan Otomatis: Sedang Cuti",
                   "Auto-Submitted: auto-replied",
                   "Message-Id: <E1sqVb2-0000Ab-3x@server42.example.net>",
                   "Date: Tue, 17 Sep 2024 13:00:52 +0700"], body, "utf-8", "quoted-printable")
    add("autoreply", "cpanel-autoresponder-id", text, [V], [addr],
        "cPanel (Exim) autoresponder in Indonesian with X-Autorespond and Precedence auto_reply: "
        "vacation.", crlf=False)

    # ---- provider vacation replies
    addr = "claire.dubois@example.com"
    bnd = "000000000000d4c8b20622a5e1f3"
    plain = "I'm away until 30 September with no access to email. I'll reply when I'm back.\n\nClaire\n"
    text = "\n".join([
        "Received: by mail-sor-f41.google.com with SMTP id 5b1f17b1804b1-42cb5d3a1c7so1234567f9.3\n"
        "        for <news@example.org>; Tue, 17 Sep 2024 00:00:12 -0700 (PDT)",
        "MIME-Version: 1.0",
        "From: Claire Dubois <%s>" % addr,
        "Date: Tue, 17 Sep 2024 09:00:12 +0200",
        "Message-ID: <CAH7xq=Vd4pT2mR8sN1wK5bL3jG6fY9cQ0zX8vE2hA7uD4nM1pQ@mail.gmail.com>",
        "Subject: Away until 30 September",
        "To: news@example.org",
        "In-Reply-To: " + nl_mid("ar1"),
        "References: " + nl_mid("ar1"),
        "Auto-Submitted: auto-replied",
        'Content-Type: multipart/alternative; boundary="%s"' % bnd, "",
        "--" + bnd, 'Content-Type: text/plain; charset="UTF-8"', "", plain,
        "--" + bnd, 'Content-Type: text/html; charset="UTF-8"', "",
        '<div dir="ltr">I&#39;m away until 30 September with no access to email. I&#39;ll reply when I&#39;m back.<br><br>Claire</div>',
        "", "--" + bnd + "--", ""])
    add("autoreply", "gmail-vacation-responder", text, [V], [addr],
        "Gmail vacation responder: custom subject (no 'Re:'), Auto-Submitted: auto-replied, "
        "In-Reply-To the newsletter, multipart/alternative: vacation.")

    addr = "sam.taylor@example.net"
    text = simple(["Received: from outbound.mr.icloud.com ([17.58.63.47]) by mx.example.org; Tue, 17 Sep 2024 07:00:25 +0000",
                   "From: Sam Taylor <%s>" % addr,
                   "To: " + verp(addr),
                   "Subject: Re: " + S,
                   "Date: Tue, 17 Sep 2024 07:00:25 +0000 (GMT)",
                   "Message-ID: <autoreply.5d3f1a2b-77c1-4e0a-9b6f-2c8d0e4a1f93@me.com>",
                   "In-Reply-To: " + nl_mid("ar2"),
                   "Auto-Submitted: auto-replied",
                   "X-Autoreply: yes"],
                  "Thanks for your message. I'm travelling until 25 September and will answer then.\n\nSam\n",
                  "utf-8", "quoted-printable")
    add("autoreply", "icloud-vacation", text, [V], [addr],
        "iCloud Mail vacation auto-reply ('Re:' subject, Auto-Submitted auto-replied): vacation. "
        "Header set reconstructed from memory.")

    addr = "peggy.lane@example.com"
    text = simple(["Received: from sonic.gate.mail.ne1.yahoo.com by sonic310.consmr.mail.ne1.yahoo.com with HTTP; Tue, 17 Sep 2024 07:00:31 +0000",
                   "Date: Tue, 17 Sep 2024 07:00:31 +0000 (UTC)",
                   "From: Peggy Lane <%s>" % addr,
                   "To: " + verp(addr),
                   "Message-ID: <1284761923.4112233.1726556431876@mail.yahoo.com>",
                   "Subject: Auto Response",
                   "Auto-Submitted: auto-replied",
                   "X-Mailer: WebService/1.1.22645 YMailNorrin"],
                  "I am out of the office with limited access to email. I will respond as soon as possible.\n",
                  "utf-8", "quoted-printable")
    add("autoreply", "yahoo-vacation", text, [V], [addr],
        "Yahoo Mail vacation response ('Auto Response', Auto-Submitted): vacation. Subject and "
        "headers reconstructed from memory.")

    addr = "ravi.menon@example.org"
    text = simple(["Received: from mail.zoho.com by mx.zohomail.com with SMTP id 1726556444123456.789; Tue, 17 Sep 2024 00:00:44 -0700 (PDT)",
                   "Date: Tue, 17 Sep 2024 12:30:44 +0530",
                   "From: Ravi Menon <%s>" % addr,
                   "To: " + verp(addr),
                   "Message-Id: <191ff2a3b4c.e1d2c3b4a596.1234567890123456789@example.org>",
                   "In-Reply-To: " + nl_mid("ar3"),
                   "Subject: Re: " + S,
                   "Auto-Submitted: auto-replied",
                   "X-ZohoMail-Autoreply: true",
                   "User-Agent: Zoho Mail"],
                  "Hello,\n\nI am on leave till 27 September. For urgent matters please write to accounts@example.org.\n\nRegards,\nRavi\n",
                  "utf-8", "quoted-printable")
    add("autoreply", "zoho-vacation", text, [V], [addr],
        "Zoho Mail vacation reply (Auto-Submitted auto-replied): vacation. The Zoho-specific header "
        "and Message-Id form are reconstructed.")

    addr = "alex.moreau@example.com"
    text = simple(["Received: from compute2.internal (compute2.nyi.internal [10.202.2.42])\n\tby mailout.nyi.internal (Postfix) with ESMTP id 2F11C11400D1\n\tfor <%s>; Tue, 17 Sep 2024 03:00:51 -0400 (EDT)" % verp(addr),
                   "Date: Tue, 17 Sep 2024 09:00:51 +0200",
                   "From: alex.moreau@example.com",
                   "To: " + verp(addr),
                   "Subject: Auto: " + S,
                   "Message-ID: <cmu-sieve-2871-1726556451-0@sloti42n12>",
                   "In-Reply-To: " + nl_mid("ar4"),
                   "Auto-Submitted: auto-replied (vacation)"],
                  "I'm on holiday until 1 October and reading mail only occasionally.\n\n-- Alex\n",
                  "utf-8", "quoted-printable")
    add("autoreply", "fastmail-sieve-vacation", text, [V], [addr],
        "Fastmail (Cyrus Sieve) vacation reply: 'Auto:' prefix, Auto-Submitted: auto-replied "
        "(vacation): vacation. Header details reconstructed.")


# --------------------------------------------------------------------------- negatives
def negatives():
    import gzip
    addr = "beatriz.lima@example.com"
    body = ("Olá!\n\nAdorei a receita de pão de queijo desta semana. Vocês poderiam mandar também a\n"
            "versão em PDF? Não consegui abrir o link.\n\nObrigada,\nBeatriz\n\n"
            "Em ter., 10 de set. de 2024 às 09:00, Boletim Example <news@example.org> escreveu:\n"
            "> Olá,\n>\n> Nesta semana: três histórias sobre jardins, uma receita e as cartas dos leitores.\n"
            "> Leia online: https://news.example.org/w/2024-37\n")
    text = simple(["Received: by mail-sor-f41.google.com with SMTP id 2adb3069b0e04-5365aa568ceso1122334e87.0\n"
                   "        for <news@example.org>; Tue, 10 Sep 2024 05:41:09 -0700 (PDT)",
                   "From: Beatriz Lima <%s>" % addr,
                   "Date: Tue, 10 Sep 2024 09:41:09 -0300",
                   "Message-ID: <CAJ8Kv2pX7rT4mN1qW9eH3sB6yF0dL5gU8cZ2aV4iO7kP1jR3nE@mail.gmail.com>",
                   "Subject: Re: Boletim semanal nº 37",
                   "To: Boletim Example <news@example.org>",
                   "In-Reply-To: " + nl_mid("a07"),
                   "References: " + nl_mid("a07")], body, "utf-8", "quoted-printable")
    text = text.replace("Subject: Re: Boletim semanal nº 37", "Subject: " + ew("Re: Boletim semanal nº 37"))
    add("negative", "human-reply-pt", text, [], [],
        "A subscriber's human reply in Portuguese asking for a PDF, quoting the newsletter: not a "
        "bounce, no finding.")

    text = simple(["Return-Path: <club-lecture-bounces@lists.example.org>",
                   "From: club-lecture-confirm+3f9c1a7e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a@lists.example.org",
                   "To: marie.leroy@example.net",
                   "Subject: Your confirmation is needed to join the club-lecture@lists.example.org\n mailing list.",
                   "Date: Tue, 01 Oct 2024 10:12:45 -0000",
                   "Message-ID: <172777756534.2071.9123456789012345678@lists.example.org>",
                   "Precedence: bulk",
                   "List-Id: <club-lecture.lists.example.org>",
                   "X-Mailman-Version: 3.3.9"],
                  "Email Address Registration Confirmation\n\n"
                  "Hello, this is the GNU Mailman server at lists.example.org.\n\n"
                  "We have received a registration request for the email address\n\n"
                  "    marie.leroy@example.net\n\n"
                  "Before you can start using GNU Mailman at this site, you must first confirm\n"
                  "that this is your email address.  You can do this by replying to this message.\n\n"
                  "Or you should include the following line -- and only the following\n"
                  "line -- in a message to club-lecture-request@lists.example.org:\n\n"
                  "    confirm 3f9c1a7e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a\n\n"
                  "Note that simply sending a `reply' to this message should work from\n"
                  "most mail readers.\n\n"
                  "If you do not wish to register this email address, simply disregard this\n"
                  "message.  If you think you are being maliciously subscribed to the list, or\n"
                  "have any other questions, you may contact\n\n"
                  "    club-lecture-owner@lists.example.org\n", "utf-8", "7bit" if False else "quoted-printable")
    add("negative", "mailman3-confirmation-request", text, [], [],
        "Mailman 3 subscription confirmation request (Precedence bulk, List-Id): list admin mail, "
        "not a bounce. Wording from memory of Mailman 3's template.")

    xml = ("<?xml version=\"1.0\"?>\n<feedback>\n  <report_metadata>\n    <org_name>Yahoo</org_name>\n"
           "    <email>dmarchelp@yahooinc.com</email>\n    <report_id>1727654400.512345</report_id>\n"
           "    <date_range>\n      <begin>1727654400</begin>\n      <end>1727740799</end>\n    </date_range>\n"
           "  </report_metadata>\n  <policy_published>\n    <domain>example.org</domain>\n    <adkim>r</adkim>\n"
           "    <aspf>r</aspf>\n    <p>quarantine</p>\n    <pct>100</pct>\n  </policy_published>\n"
           "  <record>\n    <row>\n      <source_ip>203.0.113.45</source_ip>\n      <count>812</count>\n"
           "      <policy_evaluated>\n        <disposition>none</disposition>\n        <dkim>pass</dkim>\n"
           "        <spf>pass</spf>\n      </policy_evaluated>\n    </row>\n    <identifiers>\n"
           "      <header_from>example.org</header_from>\n    </identifiers>\n    <auth_results>\n"
           "      <dkim>\n        <domain>example.org</domain>\n        <selector>nl2024</selector>\n"
           "        <result>pass</result>\n      </dkim>\n      <spf>\n        <domain>news.example.org</domain>\n"
           "        <result>pass</result>\n      </spf>\n    </auth_results>\n  </record>\n</feedback>\n")
    gz = base64.encodebytes(gzip.compress(xml.encode(), mtime=0)).decode("ascii")
    bnd = "----=_Part_1234567_987654321.1727741234567"
    text = "\n".join([
        "Received: from sonic.asd.mail.yahoo.com by mx.example.org; Tue, 1 Oct 2024 00:07:14 +0000",
        "From: noreply@dmarc.yahoo.com",
        "To: dmarc-rua@example.org",
        "Message-ID: <1727741234567.4455667@dmarc.yahoo.com>",
        "Subject: Report Domain: example.org Submitter: Yahoo Report-ID: <1727654400.512345>",
        "Date: Tue, 1 Oct 2024 00:07:14 +0000",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="%s"' % bnd, "",
        "--" + bnd, "Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit", "",
        "This is an aggregate report from Yahoo.", "", "Report domain: example.org",
        "Submitter: Yahoo", "Report-ID: <1727654400.512345>", "",
        "--" + bnd,
        'Content-Type: application/gzip; name="yahoo.com!example.org!1727654400!1727740799.xml.gz"',
        "Content-Transfer-Encoding: base64",
        'Content-Disposition: attachment; filename="yahoo.com!example.org!1727654400!1727740799.xml.gz"',
        "", gz, "--" + bnd + "--", ""])
    add("negative", "dmarc-aggregate-yahoo", text, [], [],
        "DMARC aggregate (RUA) report from Yahoo with a gzipped XML attachment: not a bounce.")

    addr = "henrik.dahl@example.net"
    bnd = "_DispNotif_boundary_0A1B2C3D"
    text = "\n".join([
        "Received: from mail.example.net (mail.example.net [198.51.100.90]) by mx.example.org; Wed, 18 Sep 2024 07:45:02 +0200",
        "From: Henrik Dahl <%s>" % addr,
        "To: news@example.org",
        "Subject: Read: " + S if False else "Subject: Read: Example Weekly #38",
        "Date: Wed, 18 Sep 2024 07:45:01 +0200",
        "Message-ID: <0f1e2d3c4b5a4968a7b6c5d4e3f2a1b0@mail.example.net>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=disposition-notification;\n\tboundary="%s"' % bnd, "",
        "--" + bnd, "Content-Type: text/plain; charset=\"us-ascii\"", "Content-Transfer-Encoding: 7bit", "",
        "Your message", "", "  To:  %s" % addr, "  Subject:  Example Weekly #38",
        "  Sent:  Tuesday, September 17, 2024 8:00:01 AM (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
        "", "was read on Wednesday, September 18, 2024 7:44:58 AM (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.", "",
        "--" + bnd, "Content-Type: message/disposition-notification", "",
        "Reporting-UA: mail.example.net; Microsoft Outlook 16.0", "Final-Recipient: rfc822;" + addr,
        "Original-Message-ID: " + nl_mid("mdn"), "Disposition: manual-action/MDN-sent-manually; displayed", "",
        "--" + bnd + "--", ""])
    add("negative", "mdn-read-receipt-outlook", text, [], [],
        "Outlook read receipt (MDN, multipart/report; report-type=disposition-notification): "
        "not a bounce, no finding.")


# --------------------------------------------------------------------------- main
def build():
    for f in (gmail, microsoft, yahoo_aol, isp_americas, isp_europe, isp_asia, multi, esp, arfs,
              autoreplies, negatives):
        f()


def main():
    check = "--check" in sys.argv
    build()
    names = set()
    bad = 0
    for family, name, text, side in SAMPLES:
        assert (family, name) not in names, name
        names.add((family, name))
        assert text.isascii(), name
        d = os.path.join(HERE, family)
        os.makedirs(d, exist_ok=True)
        blobs = {name + ".eml": text.encode("ascii"),
                 name + ".json": (json.dumps(side, ensure_ascii=False, indent=1) + "\n").encode("utf-8")}
        for fn, data in blobs.items():
            p = os.path.join(d, fn)
            if check:
                if not os.path.exists(p) or open(p, "rb").read() != data:
                    print("differs:", os.path.join(family, fn))
                    bad += 1
            else:
                with open(p, "wb") as fh:
                    fh.write(data)
    print("%d samples%s" % (len(SAMPLES), ", %d files differ" % bad if check else " written"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
