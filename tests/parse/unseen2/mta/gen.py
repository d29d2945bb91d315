#!/usr/bin/env python3
"""Writer for the unseen2/mta blind held-out set (stdlib only, deterministic).

    python tests/parse/unseen2/mta/gen.py           # rewrite every .eml/.json
    python tests/parse/unseen2/mta/gen.py --check   # do the files match the writers?

Every sample is written from knowledge of what the real server sends; nothing was copied
from a corpus.  Notes in the sidecars say where a layout is reconstructed from memory.
"""
import base64
import json
import os
import quopri
import sys
import textwrap

ROOT = os.path.dirname(os.path.abspath(__file__))
HARD = {"userunknown", "hostunknown", "hasmoved", "notaccept"}
SAMPLES = []  # (folder, name, bytes, sidecar)


# --------------------------------------------------------------------------- helpers

def E(status, code, reason, action="failed", **extra):
    """One expected finding.  hard only for the address-is-bad reasons in a permanent failure."""
    permanent = action == "failed" and not status.startswith("4")
    d = {"status": status, "reply_code": code, "reason": reason,
         "hard": bool(reason in HARD and permanent)}
    d.update(extra)
    return d


def add(folder, name, text, expected, recipients, note, module, crlf=True, charset="utf-8"):
    assert len(expected) == len(recipients), name
    text = text.replace("\r\n", "\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(charset)
    side = {"module": "unseen2-" + module, "kind": "bounce-sample",
            "expected": expected, "recipients": recipients, "note": note}
    SAMPLES.append((folder, name, data, side))


def b64(text, charset):
    return base64.encodebytes(text.encode(charset)).decode("ascii")


def qp(text, charset):
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def ew(text, charset="utf-8", enc="B", chunk=42):
    """RFC 2047 encoded words, split on character boundaries, folded with a space."""
    words, cur = [], ""
    for ch in text:
        if len((cur + ch).encode(charset)) > chunk:
            words.append(cur)
            cur = ""
        cur += ch
    if cur:
        words.append(cur)
    out = []
    for w in words:
        raw = w.encode(charset)
        if enc == "B":
            out.append("=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode()))
        else:
            q = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else
                        ("_" if b == 32 else "=%02X" % b) for b in raw)
            out.append("=?%s?Q?%s?=" % (charset, q))
    return "\n ".join(out)


def fold(prefix, text, width=76, indent="    "):
    """Postfix-style folding of a long line with a 4-space continuation."""
    return "\n".join(textwrap.wrap(prefix + text, width=width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False))


def addrhdr(v):
    """Encode a non-ASCII display name as RFC 2047 (UTF-8, Q)."""
    if all(ord(c) < 128 for c in v) or "<" not in v:
        return v
    name, rest = v.split("<", 1)
    return ew(name.strip(), "utf-8", "Q", 40) + " <" + rest


def orig(frm, to, subj, date, mid, body, mta="mail.example.org", client="[192.168.10.23]",
         clientip="198.51.100.23", rid="4Vt9k21XyQz5wLp", extra="", ctype="text/plain; charset=utf-8",
         cte="7bit", ua="Mozilla Thunderbird"):
    """A returned original message (headers and body)."""
    if any(ord(c) > 127 for c in subj):
        subj = ew(subj, "utf-8", "Q", 45)
    frm, to = addrhdr(frm), addrhdr(to)
    if body is not None and cte == "7bit" and any(ord(c) > 127 for c in body):
        cte = "8bit"
    hdr = f"""Received: from {client} (unknown [{clientip}])
\t(Authenticated sender: {frm.split('<')[-1].rstrip('>')})
\tby {mta} (Postfix) with ESMTPSA id {rid}
\tfor <{to.split('<')[-1].rstrip('>')}>; {date}
Message-ID: <{mid}>
Date: {date}
MIME-Version: 1.0
User-Agent: {ua}
From: {frm}
To: {to}
Subject: {subj}
Content-Type: {ctype}
Content-Transfer-Encoding: {cte}
{extra}"""
    hdr = hdr.rstrip("\n")
    if body is None:
        return hdr + "\n"
    if cte == "base64":
        return hdr + "\n\n" + b64(body, "utf-8")
    return hdr + "\n\n" + body.rstrip("\n") + "\n"


# --------------------------------------------------------------------------- Postfix

PF_FAIL_EN = """This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""

PF_DELAY_EN = """####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

This is the mail system at host {host}.

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""


def postfix(*, host, qid, stamp, sender, date, arrival, rcpts, original, intro=None,
            subject="Undelivered Mail Returned to Sender", charset="us-ascii", cte=None,
            delayed=False, headers_only=False, version_hdr="", top_extra=""):
    """Postfix bounce(8) DSN.  rcpts: dicts with addr, text, status, diag, remote, orig, retry."""
    boundary = f"{qid}.{stamp}/{host}"
    if intro is None:
        intro = (PF_DELAY_EN if delayed else PF_FAIL_EN).format(host=host)
    lines = [intro]
    for r in rcpts:
        who = f"<{r['addr']}>"
        if r.get("expanded"):
            who += f" (expanded from <{r['expanded']}>)"
        lines.append(fold(who + ": ", r["text"]) + "\n")
    notification = "\n".join(lines)
    if cte == "quoted-printable":
        notif_body = qp(notification, charset)
        cte_hdr = "Content-Transfer-Encoding: quoted-printable\n"
        top_cte = "8bit" if any(ord(c) > 127 for c in original) else "7bit"
    else:
        notif_body = notification
        cte_hdr = ""
        top_cte = "8bit"
    dsn = [f"Reporting-MTA: dns; {host}", f"X-Postfix-Queue-ID: {qid}",
           f"X-Postfix-Sender: rfc822; {sender}", f"Arrival-Date: {arrival}", ""]
    for r in rcpts:
        dsn.append(f"Final-Recipient: rfc822; {r['addr']}")
        if r.get("orig", True):
            dsn.append(f"Original-Recipient: rfc822;{r.get('orig_addr', r['addr'])}")
        dsn.append("Action: " + ("delayed" if delayed else "failed"))
        dsn.append("Status: " + r["status"])
        if r.get("remote"):
            dsn.append("Remote-MTA: dns; " + r["remote"])
        dsn.append(fold("Diagnostic-Code: ", r["diag"]))
        if delayed:
            dsn.append("Will-Retry-Until: " + r["retry"])
        dsn.append("")
    third = ("Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n"
             if headers_only else
             "Content-Description: Undelivered Message\nContent-Type: message/rfc822\n")
    msgid = f"<{stamp_to_id(date)}.{qid}@{host}>"
    return f"""Return-Path: <>
Delivered-To: {sender}
Received: by {host} (Postfix)
\tid {qid}; {date}
Date: {date}
From: MAILER-DAEMON@{host} (Mail Delivery System)
Subject: {subject}
To: {sender}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Content-Transfer-Encoding: {top_cte}
Message-Id: {msgid}
{top_extra}
This is a MIME-encapsulated message.

--{boundary}
Content-Description: {"Notification" if not delayed else "Notification"}
Content-Type: text/plain; charset={charset}
{cte_hdr}
{notif_body}
--{boundary}
Content-Description: {"Delivery report" if not delayed else "Delay report"}
Content-Type: message/delivery-status

{chr(10).join(dsn)}
--{boundary}
{third}Content-Transfer-Encoding: 8bit

{original}
--{boundary}--
""".replace("\n\n\nThis is a MIME", "\n\nThis is a MIME")


MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def stamp_to_id(date):
    """'Mon,  3 Jun 2024 10:12:31 +0200 (CEST)' -> '20240603081231' (UTC, as Postfix does)."""
    p = date.replace(",", "").split()
    day, mon, year, hms, tz = int(p[1]), MONTHS[p[2]], int(p[3]), p[4], p[5]
    h, m, s = (int(x) for x in hms.split(":"))
    off = (int(tz[1:3]) * 60 + int(tz[3:5])) * (1 if tz[0] == "+" else -1)
    tot = h * 60 + m - off
    dd = day
    if tot < 0:
        tot += 1440
        dd -= 1
    elif tot >= 1440:
        tot -= 1440
        dd += 1
    return "%04d%02d%02d%02d%02d%02d" % (year, mon, dd, tot // 60, tot % 60, s)


# --------------------------------------------------------------------------- Postfix family

PF_ES = """Este es el sistema de correo del servidor {host}.

Lamento informarle de que su mensaje no ha podido ser entregado
a uno o más destinatarios. Se adjunta a continuación.

Para obtener más ayuda, envíe un mensaje a postmaster.

Si lo hace, por favor incluya este informe del problema. Puede
eliminar su propio texto del mensaje devuelto adjunto.

                   El sistema de correo
"""

PF_NL = """Dit is het mailsysteem op host {host}.

Helaas moeten wij u meedelen dat uw bericht niet kon worden
afgeleverd bij één of meer ontvangers. Het bericht is hieronder bijgevoegd.

Neem voor verdere hulp contact op met postmaster.

Voeg in dat geval dit foutrapport bij. U kunt uw eigen tekst
uit het bijgevoegde, teruggestuurde bericht verwijderen.

                   Het mailsysteem
"""

PF_SV = """Detta är e-postsystemet på värden {host}.

Tyvärr kunde ditt meddelande inte levereras till en eller flera
mottagare. Meddelandet bifogas nedan.

Kontakta postmaster för ytterligare hjälp.

Bifoga i så fall denna felrapport. Du kan ta bort din egen text
från det bifogade returnerade meddelandet.

                   E-postsystemet
"""

PF_TR = """Bu, {host} sunucusundaki posta sistemidir.

Mesajınızın bir veya daha fazla alıcıya teslim edilemediğini
bildirmekten üzüntü duyuyoruz. Mesajınız aşağıda eklidir.

Daha fazla yardım için lütfen postmaster adresine e-posta gönderin.

Bunu yaparken lütfen bu hata raporunu da ekleyin. Ekteki iade
edilen mesajdan kendi metninizi silebilirsiniz.

                   Posta sistemi
"""

PF_CS = """Toto je poštovní systém na serveru {host}.

Je nám líto, ale Vaši zprávu se nepodařilo doručit jednomu
nebo více příjemcům. Zpráva je přiložena níže.

Pro další pomoc kontaktujte správce pošty (postmaster).

Pokud tak učiníte, přiložte prosím tuto zprávu o chybě. Svůj
vlastní text můžete z přiložené vrácené zprávy odstranit.

                   Poštovní systém
"""

PF_PT = """Este é o sistema de e-mail do servidor {host}.

Lamentamos informar que sua mensagem não pôde ser entregue
a um ou mais destinatários. Ela está anexada abaixo.

Para mais ajuda, envie um e-mail para o postmaster.

Se o fizer, inclua este relatório de problema. Você pode
remover o seu próprio texto da mensagem devolvida anexada.

                   O sistema de e-mail
"""

L10N_NOTE = ("Postfix bounce(8) with an administrator's translated bounce_template_file: only the "
             "template text is translated; the per-recipient line and the DSN are Postfix's own. "
             "The translation is written for this set (no specific hoster's template is copied).")


def gen_postfix():
    F = "postfix"
    # 1 Spanish template, remote user unknown
    d = "Tue,  4 Jun 2024 09:41:07 +0200 (CEST)"
    o = orig("Marta Ruiz <marta.ruiz@example.org>", "lucia.fernandez@example.net",
             "Presupuesto reforma cocina", "Tue, 4 Jun 2024 09:41:02 +0200",
             "8c1f0e2a-5b1d-4c3e-9f2a-1d7e6b0c4a11@example.org",
             "Hola Lucía,\n\nte adjunto el presupuesto revisado.\n\nUn saludo,\nMarta\n",
             mta="smtp.example.org")
    r = "lucia.fernandez@example.net"
    add(F, "postfix37-es-template-userunknown", postfix(
        host="smtp.example.org", qid="4VtpQ83mLkz3wGh", stamp="1717486867",
        sender="marta.ruiz@example.org", date=d, arrival="Tue,  4 Jun 2024 09:41:02 +0200 (CEST)",
        intro=PF_ES.format(host="smtp.example.org"), charset="utf-8",
        subject="Mensaje no entregado devuelto al remitente",
        rcpts=[dict(addr=r, status="5.1.1", remote="mx1.example.net",
                    text=f"host mx1.example.net[203.0.113.25] said: 550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)",
                    diag=f"smtp; 550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table")],
        original=o), [E("5.1.1", "550", "userunknown")], [r],
        "Postfix 3.7 with a Spanish template (UTF-8, 8bit as Postfix sends it); the remote Postfix refused "
        "the recipient at RCPT: 550 5.1.1 User unknown in local recipient table. " + L10N_NOTE,
        "postfix", charset="utf-8")

    # 2 Dutch template, remote says user has moved
    d = "Wed,  5 Jun 2024 14:02:55 +0200 (CEST)"
    r = "j.devries@example.net"
    o = orig("Sanne Bakker <sanne@example.org>", "Jan de Vries <j.devries@example.net>",
             "Re: offerte dakgoot", "Wed, 5 Jun 2024 14:02:51 +0200",
             "a41b7f0e-31f4-4d21-8b7e-55f0a2d9c3e8@example.org",
             "Beste Jan,\n\nHierbij de aangepaste offerte.\n\nMet vriendelijke groet,\nSanne\n",
             mta="mail.example.org", rid="4VvRk13Fh9z1yHt")
    add(F, "postfix38-nl-template-hasmoved", postfix(
        host="mail.example.org", qid="4VvRk13Fh9z1yHt", stamp="1717588975",
        sender="sanne@example.org", date=d, arrival="Wed,  5 Jun 2024 14:02:51 +0200 (CEST)",
        intro=PF_NL.format(host="mail.example.org"), charset="utf-8", cte="quoted-printable",
        subject="Onbestelbaar bericht geretourneerd aan afzender",
        rcpts=[dict(addr=r, status="5.1.6", remote="mx.example.net",
                    text=f"host mx.example.net[198.51.100.17] said: 550 5.1.6 <{r}>: Recipient address rejected: User has moved to jan.devries@example.com (in reply to RCPT TO command)",
                    diag=f"smtp; 550 5.1.6 <{r}>: Recipient address rejected: User has moved to jan.devries@example.com")],
        original=o), [E("5.1.6", "550", "hasmoved")], [r],
        "Postfix 3.8 with a Dutch template, notification part quoted-printable (as after an 8BITMIME "
        "downgrade). The remote Postfix has the address in relocated_maps: 550 5.1.6 ... User has moved "
        "to <new address>, so hasmoved (hard). " + L10N_NOTE, "postfix")

    # 3 Swedish template, ISO-8859-1 QP, remote mailbox full after DATA
    d = "Thu,  6 Jun 2024 08:15:40 +0200 (CEST)"
    r = "erik.lindqvist@example.net"
    o = orig("Karin Holm <karin.holm@example.org>", r, "Protokoll styrelsemöte juni",
             "Thu, 6 Jun 2024 08:15:33 +0200", "3b2e9d7a-0c55-4f6e-a1c8-7e2f9b61d0aa@example.org",
             "Hej Erik,\n\nHär kommer protokollet från mötet.\n\nHälsningar\nKarin\n",
             mta="smtp.example.org", rid="4VwG3c0pQsz2xKm", cte="8bit")
    add(F, "postfix36-sv-template-mailboxfull", postfix(
        host="smtp.example.org", qid="4VwG3c0pQsz2xKm", stamp="1717654540",
        sender="karin.holm@example.org", date=d, arrival="Thu,  6 Jun 2024 08:15:33 +0200 (CEST)",
        intro=PF_SV.format(host="smtp.example.org"), charset="iso-8859-1", cte="quoted-printable",
        subject=ew("Olevererat meddelande returnerat till avsändaren", "iso-8859-1", "Q", 60),
        rcpts=[dict(addr=r, status="5.2.2", remote="mx.example.net",
                    text=f"host mx.example.net[203.0.113.61] said: 552 5.2.2 <{r}>: mailbox is full (in reply to end of DATA command)",
                    diag=f"smtp; 552 5.2.2 <{r}>: mailbox is full")],
        original=o), [E("5.2.2", "552", "mailboxfull")], [r],
        "Postfix 3.6 with a Swedish template in ISO-8859-1, quoted-printable, subject RFC 2047 Q-encoded. "
        "Remote refused after DATA: 552 5.2.2 mailbox is full. " + L10N_NOTE, "postfix",
        charset="utf-8")

    # 4 Turkish template, host not found
    d = "Mon, 10 Jun 2024 11:30:12 +0300 (+03)"
    r = "satis@firma-yok.example"
    o = orig("Ahmet Yilmaz <ahmet.yilmaz@example.org>", r, "Fiyat teklifi talebi",
             "Mon, 10 Jun 2024 11:30:10 +0300", "20240610083010.7c1a9e@example.org",
             "Merhaba,\n\nUrunleriniz icin fiyat teklifi rica ediyorum.\n\nSaygilarimla,\nAhmet\n",
             mta="posta.example.org", rid="4VyPq90Tnbz9tRw", ua="Roundcube Webmail/1.6.6")
    add(F, "postfix35-tr-template-hostunknown", postfix(
        host="posta.example.org", qid="4VyPq90Tnbz9tRw", stamp="1718008212",
        sender="ahmet.yilmaz@example.org", date=d, arrival="Mon, 10 Jun 2024 11:30:10 +0300 (+03)",
        intro=PF_TR.format(host="posta.example.org"), charset="utf-8",
        subject=ew("Teslim edilemeyen ileti göndericiye iade edildi", "utf-8", "B", 45),
        rcpts=[dict(addr=r, status="5.4.4",
                    text="Host or domain name not found. Name service error for name=firma-yok.example type=A: Host not found",
                    diag="X-Postfix; Host or domain name not found. Name service error for name=firma-yok.example type=A: Host not found")],
        original=o), [E("5.4.4", "", "hostunknown")], [r],
        "Postfix 3.5 with a Turkish template (UTF-8, 8bit), subject base64-encoded. The recipient "
        "domain does not resolve: Postfix's own 'Host or domain name not found ... Host not found', "
        "status 5.4.4, no SMTP reply. hostunknown, hard. " + L10N_NOTE, "postfix", charset="utf-8")

    # 5 Czech template, ISO-8859-2 QP, Spamhaus block
    d = "Tue, 11 Jun 2024 16:48:03 +0200 (CEST)"
    r = "jana.dvorakova@example.net"
    o = orig("Petr Svoboda <petr.svoboda@example.org>", r, "Faktura 2024/0612",
             "Tue, 11 Jun 2024 16:47:58 +0200", "5d0e6c41-2f7a-4b0c-9a1e-0f3b8c7d2e19@example.org",
             "Dobrý den,\n\nv příloze zasílám fakturu.\n\nS pozdravem\nPetr Svoboda\n",
             mta="mail.example.org", rid="4VzBm65kRGz7vPn", cte="8bit")
    add(F, "postfix36-cs-template-spamhaus", postfix(
        host="mail.example.org", qid="4VzBm65kRGz7vPn", stamp="1718117283",
        sender="petr.svoboda@example.org", date=d, arrival="Tue, 11 Jun 2024 16:47:58 +0200 (CEST)",
        intro=PF_CS.format(host="mail.example.org"), charset="iso-8859-2", cte="quoted-printable",
        subject=ew("Nedoručená zpráva vrácena odesílateli", "iso-8859-2", "Q", 60),
        rcpts=[dict(addr=r, status="5.7.1", remote="mx.example.net",
                    text=f"host mx.example.net[192.0.2.140] said: 554 5.7.1 Service unavailable; Client host [198.51.100.74] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.74 (in reply to RCPT TO command)",
                    diag="smtp; 554 5.7.1 Service unavailable; Client host [198.51.100.74] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.74")],
        original=o), [E("5.7.1", "554", "blocked")], [r],
        "Postfix 3.6 with a Czech template in ISO-8859-2, quoted-printable, subject Q-encoded. The remote "
        "Postfix rejects the sending IP via reject_rbl_client zen.spamhaus.org (standard Postfix text). "
        "blocked. " + L10N_NOTE, "postfix", charset="utf-8")

    # 6 Dovecot LMTP quota, permanent
    d = "Wed, 12 Jun 2024 07:05:19 +0200 (CEST)"
    r = "petra.novak@example.com"
    o = orig("Office Example <office@example.org>", r, "Your June statement",
             "Wed, 12 Jun 2024 07:05:14 +0200", "stmt.20240612.88213@example.org",
             "Dear customer,\n\nyour June statement is available in the portal.\n",
             mta="out.example.org", rid="4W0Bz81bWRz4nCd")
    add(F, "postfix36-dovecot-lmtp-quota", postfix(
        host="mail.example.com", qid="4W0C2H1q0Nz6tRb", stamp="1718168719",
        sender="office@example.org", date=d, arrival="Wed, 12 Jun 2024 07:05:16 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.2.2", remote="mail.example.com",
                    text=f"host mail.example.com[private/dovecot-lmtp] said: 552 5.2.2 <{r}> Quota exceeded (mailbox for user is full) (in reply to end of DATA command)",
                    diag=f"lmtp; 552 5.2.2 <{r}> Quota exceeded (mailbox for user is full)")],
        original=o), [E("5.2.2", "552", "mailboxfull")], [r],
        "Postfix 3.6 delivering to Dovecot 2.3 over LMTP (unix socket private/dovecot-lmtp); Dovecot's "
        "quota plugin refuses after DATA with its default quota_exceeded_message. mailboxfull.", "postfix")

    # 7 Dovecot LMTP quota, temporary -> delay warning
    d = "Thu, 13 Jun 2024 13:20:44 +0200 (CEST)"
    r = "tomasz.wojcik@example.com"
    o = orig("Lena Weber <lena.weber@example.org>", r, "Unterlagen Projekt Nordhafen",
             "Thu, 13 Jun 2024 09:18:30 +0200", "e7a1c2d0-4b6f-4f0a-8d21-9c3e5a7b1f02@example.org",
             None, mta="smtp.example.org", rid="4W1Cq7300bz8wSx")
    add(F, "postfix37-dovecot-lmtp-quota-delayed", postfix(
        host="mx.example.com", qid="4W1Cr21xHVz3kLq", stamp="1718277644",
        sender="lena.weber@example.org", date=d, arrival="Thu, 13 Jun 2024 09:18:33 +0200 (CEST)",
        delayed=True, headers_only=True, subject="Delayed Mail (still being retried)",
        rcpts=[dict(addr=r, status="4.2.2", remote="mx.example.com",
                    text=f"host mx.example.com[private/dovecot-lmtp] said: 452 4.2.2 <{r}> Quota exceeded (mailbox for user is full) (in reply to end of DATA command)",
                    diag=f"lmtp; 452 4.2.2 <{r}> Quota exceeded (mailbox for user is full)",
                    retry="Tue, 18 Jun 2024 09:18:33 +0200 (CEST)")],
        original=o), [E("4.2.2", "452", "mailboxfull", action="delayed")], [r],
        "Postfix 3.7 delay warning (4 hours, headers only returned) for an LMTP delivery to Dovecot with "
        "quota_full_tempfail = yes: 452 4.2.2 Quota exceeded. Action delayed; the stated cause is a full "
        "mailbox (expired would also be defensible for a delay notice).", "postfix")

    # 8 three recipients, mixed
    d = "Fri, 14 Jun 2024 10:03:27 +0200 (CEST)"
    ra, rb, rc = "tomas.horak@example.net", "kasia.nowak@exmaple.example", "board@example.com"
    o = orig("Events Team <events@example.org>", f"{ra}, {rb}, {rc}", "Invitation: summer meetup 2024",
             "Fri, 14 Jun 2024 10:03:19 +0200", "meetup-2024-inv.51e0@example.org",
             "Hello,\n\nyou are invited to our summer meetup on 5 July.\n\nThe events team\n",
             mta="relay.example.org", rid="4W1xYp0q3Dz2mBv")
    add(F, "postfix38-3rcpt-mixed", postfix(
        host="relay.example.org", qid="4W1xYp0q3Dz2mBv", stamp="1718352207",
        sender="events@example.org", date=d, arrival="Fri, 14 Jun 2024 10:03:19 +0200 (CEST)",
        rcpts=[dict(addr=ra, status="5.1.1", remote="mx.example.net",
                    text=f"host mx.example.net[203.0.113.10] said: 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
                    diag=f"smtp; 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in virtual mailbox table"),
               dict(addr=rb, status="5.4.4",
                    text="Host or domain name not found. Name service error for name=exmaple.example type=A: Host not found",
                    diag="X-Postfix; Host or domain name not found. Name service error for name=exmaple.example type=A: Host not found"),
               dict(addr=rc, status="5.7.1", remote="mx2.example.com",
                    text=f"host mx2.example.com[192.0.2.81] said: 554 5.7.1 <{rc}>: Relay access denied (in reply to RCPT TO command)",
                    diag=f"smtp; 554 5.7.1 <{rc}>: Relay access denied")],
        original=o),
        [E("5.1.1", "550", "userunknown"), E("5.4.4", "", "hostunknown"), E("5.7.1", "554", "norelaying")],
        [ra, rb, rc],
        "Postfix 3.8 relay, one report for three recipients: remote virtual(5) 'User unknown in virtual "
        "mailbox table' (userunknown), a misspelt domain that does not resolve (hostunknown), and a "
        "backup MX that is not configured to relay for the domain (norelaying).", "postfix")

    # 9 rspamd spam reject
    d = "Mon, 17 Jun 2024 18:22:09 +0200 (CEST)"
    r = "sales@example.net"
    o = orig("Growth Partners <hello@example.org>", r, "Boost your sales by 300% - limited offer",
             "Mon, 17 Jun 2024 18:22:02 +0200", "cmp-7731-0192@example.org",
             "Dear sales team,\n\nour partners grow 300% in 30 days. Reply now for a free trial!\n",
             mta="mta1.example.org", rid="4W2qH80xV7z1nRt")
    add(F, "postfix37-rspamd-spam", postfix(
        host="mta1.example.org", qid="4W2qH80xV7z1nRt", stamp="1718641329",
        sender="hello@example.org", date=d, arrival="Mon, 17 Jun 2024 18:22:02 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.1", remote="mx.example.net",
                    text="host mx.example.net[198.51.100.90] said: 554 5.7.1 Spam message rejected (in reply to end of DATA command)",
                    diag="smtp; 554 5.7.1 Spam message rejected")],
        original=o), [E("5.7.1", "554", "spamdetected")], [r],
        "Postfix 3.7 relay; the receiving Postfix runs Rspamd as a milter, whose reject action answers "
        "with its default text 'Spam message rejected' after DATA. spamdetected.", "postfix")

    # 10 Amavis virus
    d = "Tue, 18 Jun 2024 09:12:51 +0200 (CEST)"
    r = "buchhaltung@example.net"
    o = orig("Rechnungsstelle <rechnung@example.org>", r, "Rechnung 2024-06-118",
             "Tue, 18 Jun 2024 09:12:45 +0200", "inv-2024-06-118@example.org",
             "Sehr geehrte Damen und Herren,\n\nanbei die Rechnung.\n", mta="mail.example.org",
             rid="4W3FfT2tqLz6pBs")
    add(F, "postfix35-amavis-virus", postfix(
        host="mail.example.org", qid="4W3FfT2tqLz6pBs", stamp="1718694771",
        sender="rechnung@example.org", date=d, arrival="Tue, 18 Jun 2024 09:12:45 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.0", remote="mx01.example.net",
                    text="host mx01.example.net[203.0.113.33] said: 554 5.7.0 Reject, id=31542-07 - INFECTED: Win.Trojan.Agent-1234567 (in reply to end of DATA command)",
                    diag="smtp; 554 5.7.0 Reject, id=31542-07 - INFECTED: Win.Trojan.Agent-1234567")],
        original=o, headers_only=True), [E("5.7.0", "554", "virusdetected")], [r],
        "Postfix 3.5 relay; the receiving side runs amavisd-new as a before-queue filter, which rejects "
        "with its usual 'Reject, id=NNNNN-NN - INFECTED: <signature>'. virusdetected. Headers only "
        "returned.", "postfix")

    # 11 spamass-milter
    d = "Wed, 19 Jun 2024 20:40:33 +0200 (CEST)"
    r = "info@example.net"
    o = orig("Casa Verde <reservas@example.org>", r, "Oferta exclusiva de verano",
             "Wed, 19 Jun 2024 20:40:28 +0200", "ofv24.3319@example.org",
             "Reserve ahora y obtenga un 40% de descuento.\n", mta="mail.example.org",
             rid="4W42cK4yHpz3mQv")
    add(F, "postfix36-spamass-milter", postfix(
        host="mail.example.org", qid="4W42cK4yHpz3mQv", stamp="1718822433",
        sender="reservas@example.org", date=d, arrival="Wed, 19 Jun 2024 20:40:28 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.1", remote="mail.example.net",
                    text="host mail.example.net[192.0.2.211] said: 550 5.7.1 Blocked by SpamAssassin (in reply to end of DATA command)",
                    diag="smtp; 550 5.7.1 Blocked by SpamAssassin")],
        original=o), [E("5.7.1", "550", "spamdetected")], [r],
        "Postfix 3.6 relay; the remote uses spamass-milter with -r, whose reject text is 'Blocked by "
        "SpamAssassin'. spamdetected.", "postfix")

    # 12 forwarding loop (local)
    d = "Thu, 20 Jun 2024 12:00:41 +0200 (CEST)"
    r = "info@example.com"
    o = orig("Greta Olsen <greta@example.org>", r, "Question about opening hours",
             "Thu, 20 Jun 2024 12:00:37 +0200", "c1d9a2f4-77e0-4a53-bc0e-2f1a4d8e9b60@example.org",
             "Hello,\n\nare you open on Saturdays?\n\nGreta\n", mta="smtp.example.org",
             rid="4W4TnY0H8Kz1rFh",
             extra="Delivered-To: info@example.com\n")
    add(F, "postfix38-forwarding-loop", postfix(
        host="mail.example.com", qid="4W4TnZ5cbMz9xWd", stamp="1718877641",
        sender="greta@example.org", date=d, arrival="Thu, 20 Jun 2024 12:00:40 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.4.6", text=f"mail forwarding loop for {r}",
                    diag=f"X-Postfix; mail forwarding loop for {r}")],
        original=o), [E("5.4.6", "", "networkerror")], [r],
        "Postfix 3.8 local(8): an alias/forward sends the message back to the same address, the "
        "Delivered-To header is already present, so 'mail forwarding loop for ...' with 5.4.6. Loops "
        "are networkerror in the vocabulary (Sisimai lists 'mail forwarding loop for' there). No reply code.",
        "postfix")

    # 13 OpenDMARC reject after forwarding
    d = "Fri, 21 Jun 2024 07:44:18 +0200 (CEST)"
    r, rx = "peter.lang@example.net", "peter@example.com"
    o = orig("Ines Moreau <ines.moreau@example.org>", rx, "Re: Vertrag Verlaengerung",
             "Fri, 21 Jun 2024 07:44:09 +0200", "CAF0x9kq+3bZt1Qm0aXr2n7=Lk@mail.example.org",
             "Hallo Peter,\n\ndie Unterlagen sind unterschrieben.\n\nInes\n", mta="mail.example.org",
             rid="4W5Fw22PwNz5tZk", extra="DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;\n\ts=s1; h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n\tb=Jm2sZ9V0tq1b0c3...\n")
    add(F, "postfix36-forward-opendmarc-reject", postfix(
        host="mail.example.com", qid="4W5Fw9041Rz8kHq", stamp="1718948658",
        sender="ines.moreau@example.org", date=d, arrival="Fri, 21 Jun 2024 07:44:15 +0200 (CEST)",
        rcpts=[dict(addr=r, expanded=rx, orig_addr=rx, status="5.7.1", remote="mx.example.net",
                    text="host mx.example.net[203.0.113.48] said: 550 5.7.1 rejected by DMARC policy for example.org (in reply to end of DATA command)",
                    diag="smtp; 550 5.7.1 rejected by DMARC policy for example.org")],
        original=o), [E("5.7.1", "550", "authfailure")], [r],
        "Postfix 3.6 forwarding host (virtual alias peter@example.com -> peter.lang@example.net); the "
        "final server runs OpenDMARC, which rejects the forwarded copy with its standard 'rejected by "
        "DMARC policy for <domain>'. Recipient is the final address (Original-Recipient is the alias). "
        "authfailure.", "postfix")

    # 14 policyd-spf 5.7.23
    d = "Mon, 24 Jun 2024 15:31:56 +0200 (CEST)"
    r = "anna.berg@example.net"
    o = orig("Newsletter <news@example.org>", r, "Juni-Newsletter",
             "Mon, 24 Jun 2024 15:31:50 +0200", "nl-2406.a1b2c3@example.org",
             "Die Neuigkeiten im Juni ...\n", mta="bulk.example.org", rid="4W6yBb3LdRz2qNp",
             extra="List-Unsubscribe: <mailto:unsubscribe@example.org?subject=nl-2406-anna.berg>\n")
    add(F, "postfix37-policyd-spf-fail", postfix(
        host="bulk.example.org", qid="4W6yBb3LdRz2qNp", stamp="1719235916",
        sender="news@example.org", date=d, arrival="Mon, 24 Jun 2024 15:31:50 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.23", remote="mx.example.net",
                    text=f"host mx.example.net[198.51.100.201] said: 550 5.7.23 <{r}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.open-spf.org/Why;id=news@example.org;ip=192.0.2.77;r=<UNKNOWN> (in reply to RCPT TO command)",
                    diag=f"smtp; 550 5.7.23 <{r}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.open-spf.org/Why;id=news@example.org;ip=192.0.2.77;r=<UNKNOWN>")],
        original=o), [E("5.7.23", "550", "authfailure")], [r],
        "Postfix 3.7; the remote runs policyd-spf (python) which rejects SPF fails at RCPT with 5.7.23 "
        "and its 'Message rejected due to: SPF fail - not authorized' text. authfailure.", "postfix")

    # 15 rspamd ratelimit delay
    d = "Tue, 25 Jun 2024 22:10:02 +0200 (CEST)"
    r = "orders@example.net"
    o = orig("Shop Notifications <noreply@example.org>", r, "Order #100482 confirmation",
             "Tue, 25 Jun 2024 18:09:44 +0200", "order-100482.1719331784@example.org",
             None, mta="mx-out.example.org", rid="4W7f1Q0kMTz7pXy")
    add(F, "postfix38-rspamd-ratelimit-delayed", postfix(
        host="mx-out.example.org", qid="4W7f1Q0kMTz7pXy", stamp="1719346202",
        sender="noreply@example.org", date=d, arrival="Tue, 25 Jun 2024 18:09:45 +0200 (CEST)",
        delayed=True, headers_only=True, subject="Delayed Mail (still being retried)",
        rcpts=[dict(addr=r, status="4.7.1", remote="mx.example.net",
                    text="host mx.example.net[203.0.113.77] said: 451 4.7.1 Ratelimit exceeded (in reply to end of DATA command)",
                    diag="smtp; 451 4.7.1 Ratelimit exceeded",
                    retry="Sun, 30 Jun 2024 18:09:45 +0200 (CEST)")],
        original=o), [E("4.7.1", "451", "speeding", action="delayed")], [r],
        "Postfix 3.8 delay warning; the receiving side's Rspamd ratelimit module soft-rejects with its "
        "default 'Ratelimit exceeded' (451 4.7.1 through the milter). speeding; expired would also be "
        "defensible for a delay notice.", "postfix")

    # 16 size limit announced by ESMTP SIZE
    d = "Wed, 26 Jun 2024 10:55:30 +0200 (CEST)"
    r = "studio@example.net"
    o = orig("Foto Rossi <foto@example.org>", r, "Foto matrimonio - selezione finale",
             "Wed, 26 Jun 2024 10:55:01 +0200", "0f6b8c2e-9d1a-4e73-b5a0-3c2d7e8f9a41@example.org",
             None, mta="smtp.example.org", rid="4W87Ls5d1bz3vQc",
             ctype='multipart/mixed; boundary="------------9hX2kLq0Zr7sTt3wN1bVc5"')
    add(F, "postfix36-size-exceeds-esmtp-limit", postfix(
        host="smtp.example.org", qid="4W87Ls5d1bz3vQc", stamp="1719392130",
        sender="foto@example.org", date=d, arrival="Wed, 26 Jun 2024 10:55:05 +0200 (CEST)",
        headers_only=True,
        rcpts=[dict(addr=r, status="5.3.4", remote="mx.example.net",
                    text="message size 48213904 exceeds size limit 26214400 of server mx.example.net[192.0.2.9]",
                    diag="X-Postfix; message size 48213904 exceeds size limit 26214400 of server mx.example.net[192.0.2.9]")],
        original=o), [E("5.3.4", "", "mesgtoobig")], [r],
        "Postfix 3.6: the remote announced SIZE 26214400 in its EHLO reply, so the Postfix client gave "
        "up without sending (Postfix's own text, status 5.3.4, no reply code). mesgtoobig.", "postfix")


# --------------------------------------------------------------------------- Exim family

EXIM_FAIL = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

"""


def exim(*, host, eid, date, sender, failed, text, dsn_rcpts, original, version, bts,
         subject="Mail delivery failed: returning message to sender", user="Debian-exim",
         references="", headers_only=False, warning=False):
    b = f"{bts}-eximdsn-1804289383"
    dsn = [f"Reporting-MTA: dns; {host}", ""]
    for r in dsn_rcpts:
        dsn += r + [""]
    third = "Content-type: text/rfc822-headers" if headers_only else "Content-type: message/rfc822"
    xf = "" if warning else f"X-Failed-Recipients: {', '.join(failed)}\n"
    ref = f"References: <{references}>\n" if references else ""
    return f"""Return-path: <>
Envelope-to: {sender}
Delivery-date: {date}
Received: from {user} by {host} with local (Exim {version})
\tid {eid}
\tfor {sender};
\t{date}
{xf}Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@{host}>
To: {sender}
{ref}Content-Type: multipart/report; report-type=delivery-status; boundary={b}
MIME-Version: 1.0
Subject: {subject}
Message-Id: <E{eid}@{host}>
Date: {date}

This is a MIME-formatted message.  If you see this text it means that your
E-mail software does not support MIME-formatted messages.

--{b}
Content-type: text/plain; charset=us-ascii

{text}
--{b}
Content-type: message/delivery-status

{chr(10).join(dsn)}
--{b}
{third}

{original}
--{b}--
"""


EXIM_WARN_TAIL = """No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
"""


def eorig(frm, to, subj, date, mid, body, host, eid, version="4.96", clientip="198.51.100.40",
          headers_only=False, extra=""):
    """An original as Exim spools it (Return-path, Received from the submitting client)."""
    addr = frm.split("<")[-1].rstrip(">")
    tls = ("esmtpa" if version.startswith("4.8") else "esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384")
    h = f"""Return-path: <{addr}>
Received: from [{clientip}] (port=51734 helo=[192.168.1.20])
\tby {host} with {tls}
\t(Exim {version})
\t(envelope-from <{addr}>)
\tid {eid}
\tfor {to.split('<')[-1].rstrip('>')};
\t{date}
Message-ID: <{mid}>
Date: {date}
MIME-Version: 1.0
From: {frm}
To: {to}
Subject: {subj}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit
{extra}"""
    h = h.rstrip("\n")
    if headers_only:
        return h + "\n"
    return h + "\n\n" + body.rstrip("\n") + "\n"


def gen_exim():
    F = "exim"
    # 1 Debian Exim 4.96, Unrouteable address
    host, eid, d = "mail.example.org", "1sGk3T-002fQa-0B", "Mon, 03 Jun 2024 11:20:04 +0200"
    r = "j.smith@acme-typo.example"
    o = eorig("Helen Carter <helen@example.org>", r, "Draft agreement", "Mon, 03 Jun 2024 11:20:03 +0200",
              "7d3a1f0b-6f0e-4a1c-8f8e-2a6b5d9c0e11@example.org", "Hi John,\n\nplease see the draft.\n\nHelen\n",
              host, "1sGk3T-002fQ8-2z")
    text = EXIM_FAIL + f"  {r}\n    Unrouteable address\n"
    add(F, "exim496-debian-unrouteable", exim(
        host=host, eid=eid, date=d, sender="helen@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0"]],
        original=o, version="4.96", bts="1717406404",
        references="7d3a1f0b-6f0e-4a1c-8f8e-2a6b5d9c0e11@example.org"),
        [E("5.0.0", "", "hostunknown")], [r],
        "Debian 12 Exim 4.96 (multipart/report bounce, boundary ...-eximdsn-...). The dnslookup router "
        "found no MX/A for the domain: 'Unrouteable address'. Exim's DSN only says 5.0.0, no reply. "
        "hostunknown, hard.", "exim", crlf=False)

    # 2 retry time not reached for any host after a long failure period
    host, eid, d = "smtp.example.org", "1sHqLm-000bXe-4d", "Thu, 06 Jun 2024 02:13:57 +0000"
    r = "kontakt@example.net"
    o = eorig("Webshop <shop@example.org>", r, "Bestellung 58812", "Thu, 06 Jun 2024 02:13:55 +0000",
              "shop.58812.1717640035@example.org", "Neue Bestellung 58812 ...\n", host,
              "1sHqLl-000bXa-3S", version="4.95")
    text = EXIM_FAIL + f"  {r}\n    retry time not reached for any host after a long failure period\n"
    add(F, "exim495-retry-time-not-reached", exim(
        host=host, eid=eid, date=d, sender="shop@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0"]],
        original=o, version="4.95", bts="1717640037", references="shop.58812.1717640035@example.org"),
        [E("5.0.0", "", "expired")], [r],
        "Ubuntu 22.04 Exim 4.95: every host of the domain has been failing for longer than the retry "
        "rule's give-up time, so a new message fails at once with 'retry time not reached for any host "
        "after a long failure period'. Sisimai files this text under expired. Status 5.0.0 only.",
        "exim", crlf=False)

    # 3 cPanel, LMTP quota
    host, eid, d = "server1.example.com", "1sJ8dQ-00000003kVb-1xQe", "Tue, 11 Jun 2024 13:45:22 -0500"
    r = "clara@example.com"
    o = eorig("Mike Dunn <mike.dunn@example.net>", r, "Photos from Saturday",
              "Tue, 11 Jun 2024 13:45:20 -0500", "CAH7xq1b-Z0pT3=ukq9WdVf8aN@mail.example.net",
              "Hi Clara, photos attached.\n", host, "1sJ8dP-00000003kUz-0hTm", version="4.97.1",
              headers_only=True)
    text = EXIM_FAIL + (f"  {r}\n    LMTP error after end of data:\n"
                        f"    552 5.2.2 <{r}> Quota exceeded (mailbox for user is full)\n")
    add(F, "exim497-cpanel-lmtp-quota", exim(
        host=host, eid=eid, date=d, sender="mike.dunn@example.net", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0"]],
        original=o, version="4.97.1", bts="1718131522", user="mailnull", headers_only=True),
        [E("5.2.2", "552", "mailboxfull")], [r],
        "cPanel server (Exim 4.97.1, runs as mailnull, 4.97-style long message ids) delivering to its "
        "local Dovecot over LMTP; Dovecot refuses after data with 552 5.2.2 Quota exceeded. The DSN says "
        "only 5.0.0, the quoted reply has 5.2.2, which is expected. mailboxfull (Exim's 'LMTP error "
        "after' alone would be a systemerror; the text names the cause). Layout of the LMTP line "
        "reconstructed from memory.", "exim", crlf=False)

    # 4 cPanel via MailChannels, sender domain lockdown
    host, eid, d = "host.example.org", "1sKxR2-00000000Pq4-2mZc", "Sun, 16 Jun 2024 08:02:10 +0000"
    r = "events@example.net"
    o = eorig("Olivia Grant <olivia@example.org>", r, "Booking enquiry",
              "Sun, 16 Jun 2024 08:02:06 +0000", "9a7e4b10-2c3d-4f8e-a6b1-0d5c7e3f2a98@example.org",
              "Hello, we would like to book the hall for 40 people.\n", host, "1sKxR0-00000000Ppw-3kLm",
              version="4.97.1")
    text = EXIM_FAIL + (f"  {r}\n    host relay.mailchannels.net [203.0.113.251]\n"
                        "    SMTP error from remote mail server after end of data:\n"
                        "    550 5.7.1 This sender is unauthorized to send from example.org. See\n"
                        "    https://support.mailchannels.com/hc/en-us/articles/16918954360845\n")
    add(F, "exim497-cpanel-mailchannels-lockdown", exim(
        host=host, eid=eid, date=d, sender="olivia@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0",
                    "Remote-MTA: dns; relay.mailchannels.net",
                    "Diagnostic-Code: smtp; 550 5.7.1 This sender is unauthorized to send from example.org. See https://support.mailchannels.com/hc/en-us/articles/16918954360845"]],
        original=o, version="4.97.1", bts="1718524930", user="mailnull"),
        [E("5.7.1", "550", "authfailure")], [r],
        "cPanel host whose Exim relays through the MailChannels smarthost; MailChannels' Domain Lockdown "
        "refuses because the sender domain's _mailchannels TXT record does not authorise this account. "
        "Expected authfailure (the sender domain is not authorised for this sending service; 'rejected' "
        "would be a defensible second reading). 5.7.1 from the quoted reply (DSN: 5.0.0). The "
        "MailChannels wording is quoted from memory.", "exim", crlf=False)

    # 5 remote cPanel JunkMail RBL
    host, eid, d = "mail.example.org", "1sLh0b-001Xyz-3R", "Wed, 19 Jun 2024 10:30:41 +0200"
    r = "office@example.net"
    o = eorig("Bernd Kraus <bernd@example.org>", r, "Angebot Fensterbau",
              "Wed, 19 Jun 2024 10:30:39 +0200", "bd81c9f4-03a2-4e6b-9c7d-5e1f2a3b4c5d@example.org",
              "Guten Tag,\n\nanbei unser Angebot.\n", host, "1sLh0a-001Xyv-1F")
    text = EXIM_FAIL + (f"  {r}\n    host mail.example.net [198.51.100.150]\n"
                        f"    SMTP error from remote mail server after RCPT TO:<{r}>:\n"
                        "    550-JunkMail rejected - mail.example.org [192.0.2.33]:49152 is in an RBL, see\n"
                        "    550 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.33\n")
    add(F, "exim496-remote-cpanel-junkmail-rbl", exim(
        host=host, eid=eid, date=d, sender="bernd@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0",
                    "Remote-MTA: dns; mail.example.net",
                    "Diagnostic-Code: smtp; 550-JunkMail rejected - mail.example.org [192.0.2.33]:49152 is in an RBL, see",
                    " 550 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.33"]],
        original=o, version="4.96", bts="1718785841"),
        [E("5.0.0", "550", "blocked")], [r],
        "Debian Exim 4.96 sending to a cPanel server whose RBL ACL answers 'JunkMail rejected - <host> "
        "is in an RBL, see <dnslist text>' (SpamCop). No enhanced code anywhere, so Exim's 5.0.0. blocked.",
        "exim", crlf=False)

    # 6 null MX
    host, eid, d = "mx.example.org", "1sMbT8-00000000Ab1-0QxT", "Fri, 21 Jun 2024 15:04:33 +0200"
    r = "contact@nomail.example"
    o = eorig("Support <support@example.org>", r, "Re: your ticket #4471",
              "Fri, 21 Jun 2024 15:04:32 +0200", "ticket-4471-r2@example.org", "Hello, your ticket ...\n",
              host, "1sMbT7-00000000Aaz-1C2n", version="4.97")
    text = EXIM_FAIL + f"  {r}\n    an MX or SRV record indicated no SMTP service\n"
    add(F, "exim497-nullmx-notaccept", exim(
        host=host, eid=eid, date=d, sender="support@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0"]],
        original=o, version="4.97", bts="1718975073"),
        [E("5.0.0", "", "notaccept")], [r],
        "Exim 4.97: the recipient domain publishes a null MX (RFC 7505, 'MX 0 .'), and the dnslookup "
        "router fails with 'an MX or SRV record indicated no SMTP service'. The domain accepts no mail: "
        "notaccept, hard. Status 5.0.0 only.", "exim", crlf=False)

    # 7 Russian custom bounce template, KOI8-R, plain (no DSN), remote Mail.ru for business
    host, eid, d = "mail.example.org", "1sNa0c-0005Xk-Qz", "Mon, 24 Jun 2024 12:11:08 +0300"
    r = "ivan.petrov@example.net"
    ru_intro = ("Это сообщение создано автоматически программой доставки почты.\n\n"
                "Ваше сообщение не удалось доставить одному или нескольким адресатам.\n"
                "Это постоянная ошибка. Не удалось доставить по следующим адресам:\n\n")
    ru_tail = ("Если вы считаете, что это ошибка, свяжитесь со службой поддержки хостинга.\n\n"
               "------ Ниже приведена копия сообщения, включая все заголовки. ------\n\n")
    body = (ru_intro + f"  {r}\n    host mxs.mail.ru [203.0.113.111]\n"
            f"    SMTP error from remote mail server after RCPT TO:<{r}>:\n"
            f"    550 Message was not accepted -- invalid mailbox.  Local mailbox {r} is unavailable: user not found\n\n"
            + ru_tail +
            eorig(ew("Ольга Смирнова", "koi8-r", "B") + " <olga@example.org>", r, ew("Счёт на оплату", "koi8-r", "B"),
                  "Mon, 24 Jun 2024 12:11:06 +0300", "1719220266.ab12cd@example.org",
                  "Ivan, schet vo vlozhenii.\n", host, "1sNa0b-0005Xf-8r", version="4.80"))
    text = f"""Return-path: <>
Envelope-to: olga@example.org
Delivery-date: {d}
Received: from exim by {host} with local (Exim 4.80)
\tid {eid}
\tfor olga@example.org; {d}
X-Failed-Recipients: {r}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@{host}>
To: olga@example.org
Subject: {ew("Недоставленное сообщение", "koi8-r", "B")}
MIME-Version: 1.0
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit
Message-Id: <E{eid}@{host}>
Date: {d}

{body}"""
    add(F, "exim480-ru-koi8r-template-userunknown", text, [E("", "550", "userunknown")], [r],
        "Older hosting Exim 4.80 with a Russian bounce_message_file (KOI8-R, 8bit, subject base64): "
        "plain text, no DSN part, original inline after the translated separator. The answering "
        "server is Mail.ru for business hosting the example domain: '550 Message was not accepted -- "
        "invalid mailbox ... user not found' (no enhanced code, so status empty). userunknown, hard. "
        "The Russian template is written for this set.", "exim", crlf=False, charset="koi8-r")

    # 8 delay warning, two recipients
    host, eid, d = "mail.example.org", "1sP1dK-003AbC-2w", "Wed, 03 Jul 2024 09:13:02 +0200"
    qid = "1sOfAb-0039Zy-1M"
    ra, rb = "m.keller@example.net", "lab@example.com"
    o = eorig("Dr. Anna Roth <a.roth@example.org>", f"{ra}, {rb}", "Messdaten Q2",
              "Tue, 02 Jul 2024 09:12:40 +0200", "b7e2c9a0-4d1f-4b3e-8a6c-0f9e8d7c6b5a@example.org",
              "", host, qid, headers_only=True)
    text = f"""This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on {host}.

The message identifier is:     {qid}
The subject of the message is: Messdaten Q2
The date of the message is:    Tue, 02 Jul 2024 09:12:40 +0200

The addresses to which the message has not yet been delivered are:

  {ra}
  {rb}
    Delay reason: SMTP error from remote mail server after RCPT TO:<{rb}>:
    452 4.2.2 <{rb}>: Recipient address rejected: Mailbox full

""" + EXIM_WARN_TAIL
    add(F, "exim496-delay-2rcpt", exim(
        host=host, eid=eid, date=d, sender="a.roth@example.org", failed=[], text=text,
        dsn_rcpts=[["Action: delayed", f"Final-Recipient: rfc822;{ra}", "Status: 4.0.0"],
                   ["Action: delayed", f"Final-Recipient: rfc822;{rb}", "Status: 4.0.0",
                    "Remote-MTA: dns; mx.example.com",
                    f"Diagnostic-Code: smtp; 452 4.2.2 <{rb}>: Recipient address rejected: Mailbox full"]],
        original=o, version="4.96", bts="1719990782", headers_only=True, warning=True,
        subject=f"Warning: message {qid} delayed 24 hours"),
        [E("4.0.0", "", "expired", action="delayed"), E("4.2.2", "452", "mailboxfull", action="delayed")],
        [ra, rb],
        "Debian Exim 4.96 delay warning (24 h) for two recipients. The first has no stated cause "
        "(host retries only; Exim prints none) -> expired, 4.0.0; the second carries a 'Delay reason' "
        "with 452 4.2.2 Mailbox full -> mailboxfull, precise 4.2.2. Headers only returned. The 'Delay "
        "reason:' line layout is reconstructed from memory.", "exim", crlf=False)

    # 9 four recipients, mixed
    host, eid, d = "mail.example.org", "1sQ9xT-000L2m-0P", "Thu, 04 Jul 2024 14:02:19 +0200"
    ra, rb, rc, rd = ("a.berger@example.net", "c.huber@example.com", "office@old-firm.example",
                      "d.koch@partner.example")
    o = eorig("Verein Vorstand <vorstand@example.org>", f"{ra}, {rb}, {rc}, {rd}", "Protokoll Mitgliederversammlung",
              "Thu, 04 Jul 2024 14:02:11 +0200", "5c4b3a29-1807-4f6e-9d5c-4b3a29180716@example.org",
              "Liebe Mitglieder,\n\nanbei das Protokoll.\n", host, "1sQ9xM-000L1z-3c")
    text = EXIM_FAIL + (
        f"  {ra}\n    host mx.example.net [203.0.113.5]\n"
        f"    SMTP error from remote mail server after RCPT TO:<{ra}>:\n"
        f"    550 5.1.1 <{ra}>: Recipient address rejected: User unknown in virtual mailbox table\n"
        f"  {rb}\n    host mail.example.com [192.0.2.120]\n"
        f"    SMTP error from remote mail server after end of data:\n"
        f"    552 5.2.2 <{rb}> Quota exceeded (mailbox for user is full)\n"
        f"  {rc}\n    all relevant MX records point to non-existent hosts\n"
        f"  {rd}\n    host mx.partner.example [198.51.100.33]\n"
        f"    SMTP error from remote mail server after RCPT TO:<{rd}>:\n"
        f"    550 5.2.1 <{rd}>: Recipient address rejected: mailbox disabled\n")
    add(F, "exim496-4rcpt-mixed", exim(
        host=host, eid=eid, date=d, sender="vorstand@example.org", failed=[ra, rb, rc, rd], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{ra}", "Status: 5.0.0",
                    "Remote-MTA: dns; mx.example.net",
                    f"Diagnostic-Code: smtp; 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in virtual mailbox table"],
                   ["Action: failed", f"Final-Recipient: rfc822;{rb}", "Status: 5.0.0",
                    "Remote-MTA: dns; mail.example.com",
                    f"Diagnostic-Code: smtp; 552 5.2.2 <{rb}> Quota exceeded (mailbox for user is full)"],
                   ["Action: failed", f"Final-Recipient: rfc822;{rc}", "Status: 5.0.0"],
                   ["Action: failed", f"Final-Recipient: rfc822;{rd}", "Status: 5.0.0",
                    "Remote-MTA: dns; mx.partner.example",
                    f"Diagnostic-Code: smtp; 550 5.2.1 <{rd}>: Recipient address rejected: mailbox disabled"]],
        original=o, version="4.96", bts="1720094539", references="5c4b3a29-1807-4f6e-9d5c-4b3a29180716@example.org"),
        [E("5.1.1", "550", "userunknown"), E("5.2.2", "552", "mailboxfull"), E("5.0.0", "", "hostunknown"),
         E("5.2.1", "550", "suspend")], [ra, rb, rc, rd],
        "Debian Exim 4.96, one bounce for four recipients: unknown user at a Postfix (5.1.1), Dovecot quota "
        "after data (5.2.2), a domain whose MX hosts do not exist ('all relevant MX records point to "
        "non-existent hosts': hostunknown, hard, 5.0.0 only), and a disabled mailbox (5.2.1, suspend). "
        "Exim's DSN says 5.0.0 for all; the quoted replies' precise codes are expected.", "exim", crlf=False)


# --------------------------------------------------------------------------- Sendmail / qmail

def sendmail(*, host, qid, date, sender, fromhost, arrival, perm_text, transcript, dsn_rcpts, original,
             version="8.18.1/8.18.1", subject="Returned mail: see transcript for details", lastdate=None,
             headers_only=False):
    b = f"{qid}.{qid_stamp(qid)}/{host}"
    dsn = [f"Reporting-MTA: dns; {host}", f"Received-From-MTA: DNS; {fromhost.split()[0]}",
           f"Arrival-Date: {arrival}", ""]
    for r in dsn_rcpts:
        dsn += r + [f"Last-Attempt-Date: {lastdate or date}", ""]
    third = ("Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822")
    return f"""Return-Path: <MAILER-DAEMON@{host}>
Received: from localhost (localhost)
\tby {host} ({version}) id {qid};
\t{date}
Date: {date}
From: Mail Delivery Subsystem <MAILER-DAEMON@{host}>
Message-Id: <{msgid_from_qid(qid, date)}@{host}>
To: <{sender}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Subject: {subject}
Auto-Submitted: auto-generated (failure)

This is a MIME-encapsulated message

--{b}

The original message was received at {arrival}
from {fromhost}

{perm_text}
   ----- Transcript of session follows -----
{transcript}
--{b}
Content-Type: message/delivery-status

{chr(10).join(dsn)}
--{b}
{third}

{original}
--{b}--

"""


def qid_stamp(qid):
    return "1718" + str(sum(ord(c) for c in qid) * 997 % 1000000).zfill(6)


def msgid_from_qid(qid, date):
    p = date.replace(",", "").split()
    return "%s%02d%02d%s.%s" % (p[3], MONTHS[p[2]], int(p[1]), p[4].replace(":", "")[:4], qid)


def sorig(frm, to, subj, date, mid, body, host, qid, client="client.example.org [192.0.2.10]", extra_recv="",
          headers_only=False):
    addr = frm.split("<")[-1].rstrip(">")
    h = f"""{extra_recv}Received: from {client.split()[0]} ({client})
\tby {host} (8.18.1/8.18.1) with ESMTP id {qid}
\tfor <{to.split('<')[-1].rstrip('>').split(',')[0]}>; {date}
Message-ID: <{mid}>
Date: {date}
From: {frm}
To: {to}
Subject: {subj}
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit"""
    if headers_only:
        return h + "\n"
    return h + "\n\n" + body.rstrip("\n") + "\n"


def qmail(*, host, pid, when, sender, items, original, intro=None, extra_hdr=""):
    intro = intro or f"""Hi. This is the qmail-send program at {host}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.
"""
    return f"""Return-Path: <>
Delivered-To: {sender}
Received: (qmail {pid} invoked for bounce); {when}
Date: {when}
From: MAILER-DAEMON@{host}
To: {sender}
Subject: failure notice
{extra_hdr}
{intro}
{items}
--- Below this line is a copy of the message.

{original}"""


def qorig(frm, to, subj, date, mid, body, host, pid, when, fromhost="mail.example.org", ip="192.0.2.10"):
    addr = frm.split("<")[-1].rstrip(">")
    return f"""Return-Path: <{addr}>
Received: (qmail {pid} invoked from network); {when}
Received: from unknown (HELO {fromhost}) ({ip})
  by {host} with SMTP; {when}
Message-ID: <{mid}>
Date: {date}
From: {frm}
To: {to}
Subject: {subj}
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

{body.rstrip()}
"""


def gen_sendmail_qmail():
    F = "sendmail-qmail"
    # S1 too many hops
    host, qid, d = "mx1.example.com", "4558Ht0q027731", "Wed, 5 Jun 2024 10:17:55 +0200 (CEST)"
    r = "helpdesk@example.com"
    hops = "".join(f"Received: from mx{2 - i % 2}.example.com (mx{2 - i % 2}.example.com [192.0.2.{22 - i % 2}])\n"
                   f"\tby mx{1 + i % 2}.example.com (8.18.1/8.18.1) with ESMTP id 4558Ht{i:02d}0277{40 - i}\n"
                   f"\tfor <{r}>; Wed, 5 Jun 2024 10:17:{53 - i:02d} +0200 (CEST)\n" for i in range(6))
    o = sorig("Tom Becker <tom.becker@example.org>", r, "Printer on 3rd floor broken",
              "Wed, 5 Jun 2024 10:17:21 +0200", "6f2b1d9e-8a0c-4e57-b3f1-2c4d6e8f0a12@example.org",
              "Hi, the printer on the 3rd floor shows error 49.\n", host, "4558HlAb027601",
              extra_recv=hops)
    perm = (f"   ----- The following addresses had permanent fatal errors -----\n<{r}>\n"
            "    (reason: 554 5.4.6 Too many hops)\n")
    trans = f"554 5.4.6 Too many hops 26 (25 max): from <tom.becker@example.org> via mx2.example.com, to <{r}>\n"
    add(F, "sendmail818-too-many-hops", sendmail(
        host=host, qid=qid, date=d, sender="tom.becker@example.org",
        fromhost="mx2.example.com [192.0.2.22]", arrival="Wed, 5 Jun 2024 10:17:54 +0200 (CEST)",
        perm_text=perm, transcript=trans,
        dsn_rcpts=[[f"Final-Recipient: RFC822; {r}", "Action: failed", "Status: 5.4.6"]],
        original=o, headers_only=True), [E("5.4.6", "554", "networkerror")], [r],
        "Sendmail 8.18.1: two MX hosts each route the domain to the other (mailertable loop) until the "
        "hop count passes MaxHopCount 25: '554 5.4.6 Too many hops 26 (25 max)'. Loops are networkerror "
        "(Sisimai lists 'too many hops' there). The 554 is Sendmail's own reply text in '(reason: ...)'; "
        "expected as stated, though one may argue for an empty reply code on a locally generated error. "
        "Headers returned (abridged to 6 hops).", "sendmail")

    # S2 two recipients, user unknown + Dovecot quota-status via Postfix policy
    host, qid, d = "mail.example.org", "45B9c3Lh004417", "Tue, 11 Jun 2024 11:38:12 +0200 (CEST)"
    ra, rb = "r.hoffmann@example.net", "s.weiss@example.net"
    o = sorig("Claudia Lenz <c.lenz@example.org>", f"{ra}, {rb}", "Einladung Jahresversammlung",
              "Tue, 11 Jun 2024 11:38:09 +0200", "202406110938.45B9c3Lf004415@example.org",
              "Liebe Mitglieder,\n\nhiermit laden wir zur Jahresversammlung ein.\n", host, "45B9c3Lf004415")
    perm = (f"   ----- The following addresses had permanent fatal errors -----\n<{ra}>\n"
            f"    (reason: 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in local recipient table)\n"
            f"<{rb}>\n    (reason: 552 5.2.2 <{rb}>: Recipient address rejected: Mailbox is full)\n")
    trans = (f"... while talking to mx.example.net.:\n>>> RCPT To:<{ra}>\n"
             f"<<< 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in local recipient table\n"
             f"550 5.1.1 <{ra}>... User unknown\n>>> RCPT To:<{rb}>\n"
             f"<<< 552 5.2.2 <{rb}>: Recipient address rejected: Mailbox is full\n"
             f"552 5.2.2 <{rb}>... Mailbox is full\n>>> DATA\n<<< 554 5.5.1 Error: no valid recipients\n")
    add(F, "sendmail818-2rcpt-unknown-and-quota", sendmail(
        host=host, qid=qid, date=d, sender="c.lenz@example.org",
        fromhost="ws17.example.org [192.0.2.57]", arrival="Tue, 11 Jun 2024 11:38:10 +0200 (CEST)",
        perm_text=perm, transcript=trans,
        dsn_rcpts=[[f"Final-Recipient: RFC822; {ra}", "Action: failed", "Status: 5.1.1",
                    "Remote-MTA: DNS; mx.example.net",
                    f"Diagnostic-Code: SMTP; 550 5.1.1 <{ra}>: Recipient address rejected: User unknown in local recipient table"],
                   [f"Final-Recipient: RFC822; {rb}", "Action: failed", "Status: 5.2.2",
                    "Remote-MTA: DNS; mx.example.net",
                    f"Diagnostic-Code: SMTP; 552 5.2.2 <{rb}>: Recipient address rejected: Mailbox is full"]],
        original=o),
        [E("5.1.1", "550", "userunknown"), E("5.2.2", "552", "mailboxfull")], [ra, rb],
        "Sendmail 8.18.1 relay, two recipients at one remote Postfix: one unknown (local recipient "
        "table), one refused at RCPT by Dovecot's quota-status policy service with its default "
        "'552 5.2.2 Mailbox is full'.", "sendmail")

    # S3 sender domain does not exist -> rejected
    host, qid, d = "out.example.org", "45F7Qm8b019902", "Sat, 15 Jun 2024 07:30:21 +0200 (CEST)"
    r = "partner@example.net"
    snd = "reports@intranet.example.org"
    o = sorig(f"Report Robot <{snd}>", r, "Weekly report KW24", "Sat, 15 Jun 2024 07:30:18 +0200",
              "202406150530.45F7Qm8a019900@intranet.example.org", "Weekly figures attached.\n", host,
              "45F7Qm8a019900", client="app01.intranet.example.org [10.20.0.14]")
    perm = (f"   ----- The following addresses had permanent fatal errors -----\n<{r}>\n"
            f"    (reason: 553 5.1.8 <{snd}>... Domain of sender address {snd} does not exist)\n")
    trans = (f"... while talking to mail.example.net.:\n>>> MAIL From:<{snd}> SIZE=1874\n"
             f"<<< 553 5.1.8 <{snd}>... Domain of sender address {snd} does not exist\n"
             f"501 5.6.0 Data format error\n")
    add(F, "sendmail818-sender-domain-not-exist", sendmail(
        host=host, qid=qid, date=d, sender=snd,
        fromhost="app01.intranet.example.org [10.20.0.14]", arrival="Sat, 15 Jun 2024 07:30:19 +0200 (CEST)",
        perm_text=perm, transcript=trans,
        dsn_rcpts=[[f"Final-Recipient: RFC822; {r}", "Action: failed", "Status: 5.1.8",
                    "Remote-MTA: DNS; mail.example.net",
                    f"Diagnostic-Code: SMTP; 553 5.1.8 <{snd}>... Domain of sender address {snd} does not exist"]],
        original=o), [E("5.1.8", "553", "rejected")], [r],
        "Sendmail 8.18.1 relay for an internal application whose envelope sender uses an unpublished "
        "internal subdomain; the remote Sendmail refuses MAIL FROM with its standard 553 5.1.8 'Domain of "
        "sender address ... does not exist'. The envelope sender is refused, so rejected (not the "
        "recipient's fault).", "sendmail")

    # Q1 qmail-ldap disabled
    host = "mail.example.com"
    r = "former.staff@example.com"
    o = qorig("Kim Lee <kim.lee@example.org>", r, "Project handover", "Mon, 10 Jun 2024 09:02:11 +0900",
              "20240610090211.GA2231@example.org", "Hi, can we schedule the handover?\n", host, 28810,
              "10 Jun 2024 00:02:12 -0000")
    add(F, "qmail-ldap-administratively-disabled", qmail(
        host=host, pid=28815, when="10 Jun 2024 00:02:13 -0000", sender="kim.lee@example.org",
        items=f"<{r}>:\nMailaddress is administrativly disabled. (#5.2.1)\n", original=o),
        [E("5.2.1", "", "suspend")], [r],
        "qmail-ldap: the LDAP entry's accountStatus is disabled, so qmail-lspawn bounces with qmail-ldap's "
        "(misspelt) 'Mailaddress is administrativly disabled. (#5.2.1)'. Mailbox disabled: suspend. "
        "qmail's (#5.2.1) counts as the stated status; no SMTP reply. Wording from memory of the "
        "qmail-ldap patch.", "qmail", crlf=False)

    # Q2 qmail-ldap quota
    r = "archive@example.com"
    o = qorig("Scanner <scanner@example.org>", r, "Scan 2024-06-12 0931", "Wed, 12 Jun 2024 09:31:40 +0200",
              "scan.20240612093140@example.org", "Scanned document attached.\n", host, 30122,
              "12 Jun 2024 07:31:41 -0000")
    add(F, "qmail-ldap-mailfolder-over-quota", qmail(
        host=host, pid=30127, when="12 Jun 2024 07:31:42 -0000", sender="scanner@example.org",
        items=f"<{r}>:\nThe users mailfolder is over the allowed quota (size). (#5.2.2)\n", original=o),
        [E("5.2.2", "", "mailboxfull")], [r],
        "qmail-ldap: maildir quota (size) exceeded, 'The users mailfolder is over the allowed quota "
        "(size). (#5.2.2)'. mailboxfull. Wording from memory of the qmail-ldap patch.", "qmail", crlf=False)

    # Q3 netqmail remote size
    host = "smtp.example.org"
    r = "print@example.net"
    o = qorig("Design Studio <studio@example.org>", r, "Druckdaten Plakat A1", "Thu, 13 Jun 2024 16:20:05 +0200",
              "20240613142005.11432.qmail@example.org", "[attachment removed in this copy]\n", host, 11432,
              "13 Jun 2024 14:20:06 -0000", fromhost="ws3.example.org", ip="192.0.2.63")
    add(F, "netqmail-remote-size-limit", qmail(
        host=host, pid=11460, when="13 Jun 2024 14:21:10 -0000", sender="studio@example.org",
        items=(f"<{r}>:\n203.0.113.44 failed after I sent the message.\n"
               "Remote host said: 552 5.3.4 Message size exceeds fixed limit\n"), original=o),
        [E("5.3.4", "552", "mesgtoobig")], [r],
        "netqmail 1.06 qmail-remote: the remote accepted the envelope but refused after the data: "
        "'failed after I sent the message. Remote host said: 552 5.3.4 Message size exceeds fixed "
        "limit'. mesgtoobig (5.3.4).", "qmail", crlf=False)

    # Q4 netqmail queue lifetime
    r = "bestellung@example.net"
    o = qorig("Verlag <verlag@example.org>", r, "Auftragsbestaetigung 7781", "Sat, 01 Jun 2024 10:00:12 +0200",
              "20240601080012.7781.qmail@example.org", "Ihre Bestellung 7781 ...\n", host, 2201,
              "1 Jun 2024 08:00:13 -0000", fromhost="shop.example.org", ip="192.0.2.64")
    add(F, "netqmail-queue-lifetime-expired", qmail(
        host=host, pid=9912, when="8 Jun 2024 08:07:40 -0000", sender="verlag@example.org",
        items=(f"<{r}>:\nSorry, I wasn't able to establish an SMTP connection. (#4.4.1)\n"
               "I'm not going to try again; this message has been in the queue too long.\n"), original=o),
        [E("4.4.1", "", "expired")], [r],
        "netqmail 1.06: a week of connection failures, then qmail-send gives up: the last temporary "
        "error '(#4.4.1)' followed by 'I'm not going to try again; this message has been in the queue too "
        "long.' Final failure after the queue lifetime -> expired. The only status stated is 4.4.1 "
        "(a 5.4.7 would be invented).", "qmail", crlf=False)

    # Q5 s/qmail host unknown
    host = "mx.example.org"
    r = "team@projekt-x.example"
    o = qorig("Lars Nilsen <lars@example.org>", r, "Kickoff", "Mon, 17 Jun 2024 13:05:44 +0200",
              "20240617110544.GB881@example.org", "Hi all, kickoff is on Thursday.\n", host, 44120,
              "17 Jun 2024 11:05:45 -0000", fromhost="laptop-lars", ip="198.51.100.90")
    add(F, "sqmail-host-not-found", qmail(
        host=host, pid=44127, when="17 Jun 2024 11:05:46 -0000", sender="lars@example.org",
        items=f"<{r}>:\nSorry, I couldn't find any host named projekt-x.example. (#5.1.2)\n", original=o),
        [E("5.1.2", "", "hostunknown")], [r],
        "s/qmail 4.2 (qmail-send texts unchanged from qmail): DNS has no such domain, 'Sorry, I couldn't "
        "find any host named ... (#5.1.2)'. hostunknown, hard.", "qmail", crlf=False)

    # Q6 netqmail relaying to a qmail that does not accept the domain
    host = "smtp.example.org"
    r = "info@example.com"
    o = qorig("Rita Costa <rita@example.org>", r, "Orcamento", "Tue, 18 Jun 2024 08:41:19 +0100",
              "20240618074119.3310.qmail@example.org", "Bom dia, segue o orcamento.\n", host, 3310,
              "18 Jun 2024 07:41:20 -0000", fromhost="ws9.example.org", ip="192.0.2.69")
    add(F, "netqmail-remote-rcpthosts", qmail(
        host=host, pid=3318, when="18 Jun 2024 07:41:23 -0000", sender="rita@example.org",
        items=(f"<{r}>:\n192.0.2.199 does not like recipient.\n"
               "Remote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\n"
               "Giving up on 192.0.2.199.\n"), original=o),
        [E("5.7.1", "553", "norelaying")], [r],
        "netqmail 1.06 to an old MX of the domain that is still a qmail box but no longer has the domain "
        "in rcpthosts: '553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)'. norelaying.",
        "qmail", crlf=False)


# --------------------------------------------------------------------------- Exchange

def html_of(text):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
            "</head>\n<body>\n<p>" + esc.replace("\n\n", "</p>\n<p>").replace("\n", "<br>\n") +
            "</p>\n</body>\n</html>\n")


def exch2013(*, gen, domain, lang, subject, date, sender, text, dsn, original, orig_mid,
             boundary, altb, orig_subject, charset="utf-8", headers_only=False):
    """Exchange 2013/2016/2019 NDR: multipart/report > multipart/alternative (base64) + DSN + original."""
    third = "Content-Type: text/rfc822-headers" if headers_only else "Content-Type: message/rfc822"
    return f"""From: Microsoft Outlook
\t<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{domain}>
To: <{sender}>
Date: {date}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: {lang}
Message-ID:
\t<{altb}@{gen}>
In-Reply-To: <{orig_mid}>
References: <{orig_mid}>
Thread-Topic: {orig_subject}
Thread-Index: AQHauE7yq0r5hV3kQUKm8ZXc1n0xEQ==
Subject: {subject}
Auto-Submitted: auto-replied
X-MS-Exchange-Organization-SCL: -1
X-MS-TNEF-Correlator:
X-MS-Exchange-Organization-AuthSource: {gen}
X-MS-Exchange-Organization-AuthAs: Internal
X-MS-Exchange-Organization-AuthMechanism: 05
MIME-Version: 1.0

--{boundary}
Content-Type: multipart/alternative; differences=Content-Type;
\tboundary="{altb}"

--{altb}
Content-Type: text/plain; charset="{charset}"
Content-Transfer-Encoding: base64

{b64(text.replace(chr(10), chr(13) + chr(10)), charset)}
--{altb}
Content-Type: text/html; charset="{charset}"
Content-Transfer-Encoding: base64

{b64(html_of(text).replace(chr(10), chr(13) + chr(10)), charset)}
--{altb}--

--{boundary}
Content-Type: message/delivery-status

{dsn}
--{boundary}
{third}

{original}
--{boundary}--
"""


def xorig(frm, to, subj, date, mid, body, host="mail.example.org", ip="192.0.2.10", rid="4W9aaa0000z0000",
          headers_only=False):
    cte = "base64" if body and any(ord(c) > 127 for c in body) else "7bit"
    return orig(frm, to, subj, date, mid, body, mta=host, clientip=ip, rid=rid, cte=cte) if not headers_only else \
        orig(frm, to, subj, date, mid, None, mta=host, clientip=ip, rid=rid)


def hdr_block(original):
    return original.split("\n\n", 1)[0].rstrip("\n") + "\n"


def exch2019_dsn(gen, arrival, rcpts, rfm=None):
    lines = [f"Reporting-MTA: dns;{gen}", f"Received-From-MTA: dns;{rfm or gen}",
             f"Arrival-Date: {arrival}", ""]
    for r in rcpts:
        lines += [f"Original-Recipient: rfc822;{r[0]}", f"Final-Recipient: rfc822;{r[0]}",
                  "Action: failed", f"Status: {r[1]}", f"Diagnostic-Code: smtp;{r[2]}"]
        if len(r) > 3:
            lines.append(f"Remote-MTA: dns;{r[3]}")
        lines.append("")
    return "\n".join(lines)


def gen_exchange():
    F = "exchange"
    # ---- Exchange 2019, Turkish, RecipNotFound
    gen = "EXMBX01.corp.example.com"
    r = "murat.demir@example.com"
    osubj = "Toplantı notları"
    o = xorig("Zeynep Kaya <zeynep.kaya@example.org>", r, osubj, "Tue, 4 Jun 2024 09:12:44 +0300",
              "CAJ8fq+Xr0p2Lm9Y@mail.example.org", "Merhaba Murat,\n\nnotlar ektedir.\n")
    text = f"""Şu alıcılara veya gruplara teslim başarısız oldu:

{r}<mailto:{r}>
Girdiğiniz e-posta adresi bulunamadı. Lütfen alıcının e-posta adresini denetleyin ve iletiyi yeniden göndermeyi deneyin. Sorun devam ederse yardım masanıza başvurun.






Yöneticiler için tanılama bilgileri:

Oluşturan sunucu: {gen}

{r}
Uzak Sunucu '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' döndürdü

Özgün ileti üst bilgileri:

{hdr_block(o)}"""
    add(F, "ex2019-tr-recipnotfound", exch2013(
        gen=gen, domain="example.com", lang="tr-TR", subject=ew("Teslim Edilemedi: " + osubj, "utf-8", "B"),
        date="Tue, 4 Jun 2024 06:12:47 +0000", sender="zeynep.kaya@example.org", text=text,
        dsn=exch2019_dsn(gen, "Tue, 4 Jun 2024 06:12:46 +0000",
                         [(r, "5.1.1", "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")],
                         rfm="mx.example.com"),
        original=o, orig_mid="CAJ8fq+Xr0p2Lm9Y@mail.example.org", boundary="3f1e8b27-9d2c-4c4e-a1f0-6b2d9e7c5a13",
        altb="7a2c5e91-0b3d-4e8f-b6a2-1c9d0e3f4a57", orig_subject=ew(osubj, "utf-8", "B")),
        [E("5.1.1", "550", "userunknown")], [r],
        "Exchange Server 2019 with Turkish NDR texts (Content-Language tr-TR), text/plain and text/html "
        "base64 UTF-8: RESOLVER.ADR.RecipNotFound. Turkish wording reconstructed (not copied from a real "
        "NDR); structure and the English diagnostic string are Exchange's.", "exchange")

    # ---- Exchange 2019, Czech, 5.4.316 expired
    gen = "MAIL02.example.com"
    r = "objednavky@example.net"
    osubj = "Objednávka č. 2024-331"
    o = xorig("Jan Novák <jan.novak@example.com>", r, osubj, "Mon, 10 Jun 2024 08:00:13 +0200",
              "AM9PR01MB7731A1B2C3D4E5F6@MAIL02.example.com", None, headers_only=True)
    text = f"""Doručení těmto příjemcům nebo skupinám se nezdařilo:

{r}<mailto:{r}>
Při doručování této zprávy na tuto e-mailovou adresu došlo k potížím. Zkuste zprávu odeslat znovu. Pokud potíže potrvají, obraťte se na technickou podporu.






Diagnostické informace pro správce:

Generující server: {gen}

{r}
Vzdálený server vrátil '550 5.4.316 Message expired, connection refused(Socket error code 10061)'

Původní hlavičky zprávy:

{hdr_block(o)}"""
    add(F, "ex2019-cs-message-expired-5-4-316", exch2013(
        gen=gen, domain="example.com", lang="cs-CZ", subject=ew("Nedoručitelné: " + osubj, "utf-8", "B"),
        date="Wed, 12 Jun 2024 06:01:02 +0000", sender="jan.novak@example.com", text=text,
        dsn=exch2019_dsn(gen, "Mon, 10 Jun 2024 06:00:15 +0000",
                         [(r, "5.4.316", "550 5.4.316 Message expired, connection refused(Socket error code 10061)")]),
        original=o, orig_mid="AM9PR01MB7731A1B2C3D4E5F6@MAIL02.example.com", headers_only=True,
        boundary="c0d1e2f3-a4b5-4c6d-8e7f-901a2b3c4d5e", altb="5e4d3c2b-1a09-4f8e-9d7c-6b5a4e3d2c1b",
        orig_subject=ew(osubj, "utf-8", "B")),
        [E("5.4.316", "550", "expired")], [r],
        "Exchange Server 2019 (cs-CZ): the message sat in the queue for two days because the remote "
        "refused connections, then 550 5.4.316 'Message expired, connection refused'. Final failure after "
        "the queue lifetime -> expired (the last cause, connection refused, does not change that). Czech "
        "wording reconstructed.", "exchange")

    # ---- Exchange 2019, Swedish, size limit
    gen = "EXCH01.ad.example.com"
    r = "ekonomi@example.net"
    osubj = "Årsredovisning 2023 (bilagor)"
    o = xorig("Maria Lund <maria.lund@example.com>", r, osubj, "Thu, 13 Jun 2024 14:22:05 +0200",
              "HE1PR0701MB2231C4D5E6F7A8B9@EXCH01.ad.example.com", None, headers_only=True)
    text = f"""Det gick inte att leverera till följande mottagare eller grupper:

{r}<mailto:{r}>
Meddelandet kunde inte levereras eftersom det är större än vad som tillåts. Försök att minska storleken på meddelandet, till exempel genom att ta bort bifogade filer, och skicka det igen.






Diagnostisk information för administratörer:

Genererande server: {gen}

{r}
Fjärrservern returnerade '550 5.3.4 ROUTING.SizeLimit; message size exceeds fixed maximum size for route'

Ursprungliga meddelanderubriker:

{hdr_block(o)}"""
    add(F, "ex2019-sv-routing-sizelimit", exch2013(
        gen=gen, domain="example.com", lang="sv-SE", subject=ew("Olevererbart: " + osubj, "utf-8", "B"),
        date="Thu, 13 Jun 2024 12:22:09 +0000", sender="maria.lund@example.com", text=text,
        dsn=exch2019_dsn(gen, "Thu, 13 Jun 2024 12:22:07 +0000",
                         [(r, "5.3.4", "550 5.3.4 ROUTING.SizeLimit; message size exceeds fixed maximum size for route")]),
        original=o, orig_mid="HE1PR0701MB2231C4D5E6F7A8B9@EXCH01.ad.example.com", headers_only=True,
        boundary="8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d", altb="1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
        orig_subject=ew(osubj, "utf-8", "B")),
        [E("5.3.4", "550", "mesgtoobig")], [r],
        "Exchange Server 2019 (sv-SE): the transport's size limit for the send connector, "
        "ROUTING.SizeLimit 550 5.3.4. mesgtoobig (5.3.4, not 5.2.3). Swedish wording reconstructed.",
        "exchange")

    # ---- Exchange 2019, Korean, mailbox full (STOREDRV)
    gen = "KRMBX02.example.com"
    r = "jiwoo.park@example.com"
    osubj = "견적서 송부드립니다"
    o = xorig("Hana Choi <hana.choi@example.org>", r, osubj, "Mon, 17 Jun 2024 10:05:31 +0900",
              "SL2P216MB1234ABCD5678EF90@mail.example.org", "박지우님, 견적서 첨부드립니다.\n")
    diag = ("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException."
            "MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception "
            "with message [BeginDiagnosticData]Cannot open mailbox /o=Example/ou=Exchange Administrative "
            "Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jiwoo.park. 16.55847:6F010000, 17.43559:0000000094000000"
            "[EndDiagnosticData]")
    text = f"""다음 받는 사람 또는 그룹에게 배달하지 못했습니다.

{r}<mailto:{r}>
받는 사람의 사서함이 가득 차서 지금은 메시지를 받을 수 없습니다. 나중에 메시지를 다시 보내거나 받는 사람에게 직접 연락하세요.






관리자를 위한 진단 정보:

생성 서버: {gen}

{r}
원격 서버에서 '{diag}'을(를) 반환했습니다.

원래 메시지 헤더:

{hdr_block(o)}"""
    add(F, "ex2019-ko-storedrv-quota", exch2013(
        gen=gen, domain="example.com", lang="ko-KR", subject=ew("배달되지 않음: " + osubj, "utf-8", "B"),
        date="Mon, 17 Jun 2024 01:05:36 +0000", sender="hana.choi@example.org", text=text,
        dsn=exch2019_dsn(gen, "Mon, 17 Jun 2024 01:05:33 +0000", [(r, "5.2.2", diag)], rfm="mx.example.com"),
        original=o, orig_mid="SL2P216MB1234ABCD5678EF90@mail.example.org",
        boundary="e1d2c3b4-a596-4877-8a6b-5c4d3e2f1a0b", altb="0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        orig_subject=ew(osubj, "utf-8", "B")),
        [E("5.2.2", "554", "mailboxfull")], [r],
        "Exchange Server 2019 (ko-KR): the store driver refuses delivery because the mailbox is over its "
        "prohibit-receive quota: 554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException. "
        "mailboxfull. Korean wording reconstructed.", "exchange")

    # ---- Exchange 2007, English, unable to relay (smart host)
    gen = "EXCH07.corp.example.com"
    r = "orders@example.net"
    o = xorig("Paul Stone <paul.stone@corp.example.com>", r, "PO 44817", "Wed, 5 Jun 2024 15:40:12 +0100",
              "1E5F3C2B7A9D4E8F@EXCH07.corp.example.com", "Please find PO 44817 attached.\n")
    text07 = f"""Delivery has failed to these recipients or distribution lists:

{r}<mailto:{r}>
You do not have permission to send to this recipient. For assistance, contact your system administrator.






_____
Sent by Microsoft Exchange Server 2007




Diagnostic information for administrators:

Generating server: {gen}

{r}
smtp.isp.example #550 5.7.1 Unable to relay ##

Original message headers:

{hdr_block(o)}"""
    b, ab = "_000_4A1B2C3D4E5F6071EXCH07corpexamplecom_", "_001_4A1B2C3D4E5F6071EXCH07corpexamplecom_"
    msg = f"""From: postmaster@corp.example.com
To: Paul Stone <paul.stone@corp.example.com>
Date: Wed, 5 Jun 2024 15:40:20 +0100
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-MS-Exchange-Organization-SCL: -1
Content-Language: en-US
Message-ID: <4A1B2C3D4E5F6071@EXCH07.corp.example.com>
In-Reply-To: <1E5F3C2B7A9D4E8F@EXCH07.corp.example.com>
References: <1E5F3C2B7A9D4E8F@EXCH07.corp.example.com>
Thread-Topic: PO 44817
Thread-Index: Aca3HpX1tT9Q2mNwRkGz4K7uPb1c0w==
Subject: Undeliverable: PO 44817
Auto-Submitted: auto-replied

--{b}
Content-Type: multipart/alternative; differences=Content-Type;
\tboundary="{ab}"

--{ab}
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(text07, "us-ascii")}
--{ab}
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(html_of(text07).replace("utf-8", "us-ascii"), "us-ascii")}
--{ab}--

--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns;{gen}
Received-From-MTA: dns;{gen}
Arrival-Date: Wed, 5 Jun 2024 15:40:14 +0100

Final-Recipient: rfc822;{r}
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp;550 5.7.1 Unable to relay
Remote-MTA: dns;smtp.isp.example
X-Display-Name: {r}

--{b}
Content-Type: message/rfc822

{o}
--{b}--
"""
    add(F, "ex2007-en-unable-to-relay", msg, [E("5.7.1", "550", "norelaying")], [r],
        "Exchange Server 2007 NDR (From postmaster, 'Sent by Microsoft Exchange Server 2007', "
        "multipart/alternative QP): the ISP smart host refused to relay, '#550 5.7.1 Unable to relay ##'. "
        "norelaying. Layout from memory of Exchange 2007 NDRs.", "exchange")

    # ---- Exchange 2007, Japanese (ISO-2022-JP base64), RecipNotFound
    gen = "JPEX01.example.jp"
    r = "tanaka.ichiro@example.jp"
    o = xorig("Sato Hanako <sato@example.co.example>", r, ew("まとめの案内", "iso-2022-jp", "B", 60),
              "Thu, 6 Jun 2024 10:30:02 +0900", "3D2C1B0A99887766@mail.example.org",
              "Tanaka-sama,\n\n(shiryo tenpu)\n")
    textja = f"""次の受信者または配布リストへの配信に失敗しました:

{r}<mailto:{r}>
受信者の電子メール システムで電子メール アドレスが見つかりませんでした。Microsoft Exchange はこのメッセージを再配信しません。電子メール アドレスを確認してからメッセージを再送信してください。問題が解決しない場合は、次の診断テキストをシステム管理者に提供してください。






_____
Sent by Microsoft Exchange Server 2007




管理者向けの診断情報:

生成サーバー: {gen}

{r}
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##

元のメッセージ ヘッダー:

{hdr_block(o)}"""
    b, ab = "_000_9F8E7D6C5B4A3921JPEX01examplejp_", "_001_9F8E7D6C5B4A3921JPEX01examplejp_"
    msg = f"""From: postmaster@example.jp
To: <sato@example.co.example>
Date: Thu, 6 Jun 2024 10:30:05 +0900
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-MS-Exchange-Organization-SCL: -1
Content-Language: ja-JP
Message-ID: <9F8E7D6C5B4A3921@JPEX01.example.jp>
In-Reply-To: <3D2C1B0A99887766@mail.example.org>
References: <3D2C1B0A99887766@mail.example.org>
Thread-Topic: {ew("まとめの案内", "iso-2022-jp", "B", 60)}
Thread-Index: AQHXr5kM2f9pq0sBGkSd3zYw1n7Xfg==
Subject: {ew("配信不能: まとめの案内", "iso-2022-jp", "B", 60)}
Auto-Submitted: auto-replied

--{b}
Content-Type: multipart/alternative; differences=Content-Type;
\tboundary="{ab}"

--{ab}
Content-Type: text/plain; charset="iso-2022-jp"
Content-Transfer-Encoding: base64

{b64(textja.replace(chr(10), chr(13) + chr(10)), "iso-2022-jp")}
--{ab}
Content-Type: text/html; charset="iso-2022-jp"
Content-Transfer-Encoding: base64

{b64(html_of(textja).replace("utf-8", "iso-2022-jp").replace(chr(10), chr(13) + chr(10)), "iso-2022-jp")}
--{ab}--

--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns;{gen}
Received-From-MTA: dns;mx.example.jp
Arrival-Date: Thu, 6 Jun 2024 10:30:04 +0900

Final-Recipient: rfc822;{r}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found
X-Display-Name: {r}

--{b}
Content-Type: message/rfc822

{o}
--{b}--
"""
    add(F, "ex2007-ja-iso2022jp-recipnotfound", msg, [E("5.1.1", "550", "userunknown")], [r],
        "Exchange Server 2007 with Japanese NDR texts, text/plain and text/html in ISO-2022-JP base64, "
        "subject 'Haishin funou:' (配信不能) B-encoded: #550 5.1.1 RESOLVER.ADR.RecipNotFound. userunknown. "
        "Japanese wording reconstructed from memory.", "exchange")


def exch2003(*, host, domain, date, sender, sender_name, subject, text, charset, cte, dsn, original,
             boundary, orig_subject, lang_subject=None):
    body = qp(text, charset) if cte == "quoted-printable" else b64(text.replace("\n", "\r\n"), charset)
    return f"""Received: from {host} ([192.0.2.15]) by {host} with Microsoft SMTPSVC(6.0.3790.4675);
\t {date}
Content-class: urn:content-classes:dsn
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/report;
\treport-type=delivery-status;
\tboundary="{boundary}"
X-MimeOLE: Produced By Microsoft Exchange V6.5
Date: {date}
Message-ID: <3E19A0F6B24C4D4F8C7B6A5948372615@{host}>
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
Thread-Topic: {orig_subject}
Thread-Index: AcjB2dT9eXq0AbCdEfGhIjKlMnOpQg==
From: "System Administrator" <postmaster@{domain}>
To: "{sender_name}" <{sender}>

This is a multi-part message in MIME format.

--{boundary}
Content-Type: text/plain;
\tcharset="{charset}"
Content-Transfer-Encoding: {cte}

{body}
--{boundary}
Content-Type: message/delivery-status

{dsn}
--{boundary}
Content-Type: message/rfc822

{original}
--{boundary}--
"""


def gen_exchange2003():
    F = "exchange"
    host, dom = "EXCH03.corp.example.com", "example.com"
    ra, rb = "dana.fox@example.com", "lee.grant@example.com"
    osubj = "Q2 budget review"
    o = xorig("Sam Ortiz <sam.ortiz@example.org>", f"{ra}, {rb}", osubj, "Tue, 18 Jun 2024 09:14:27 +0200",
              "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70@example.org", "Hi both,\n\nfigures attached.\n\nSam\n")
    text = f"""Your message did not reach some or all of the intended recipients.

      Subject:\t{osubj}
      Sent:\t6/18/2024 9:14 AM

The following recipient(s) cannot be reached:

      '{ra}' on 6/18/2024 9:14 AM
            The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.
            <{host} #5.1.1>

      '{rb}' on 6/18/2024 9:14 AM
            The recipient's mailbox is full and can't accept messages now.  Please try resending this message later, or contact the recipient directly.
            <{host} #5.2.2>
"""
    dsn = f"""Reporting-MTA: dns;{host}
Received-From-MTA: dns;mx.example.com
Arrival-Date: Tue, 18 Jun 2024 09:14:33 +0200

Final-Recipient: rfc822;{ra}
Action: failed
Status: 5.1.1
X-Display-Name: Dana Fox

Final-Recipient: rfc822;{rb}
Action: failed
Status: 5.2.2
X-Display-Name: Lee Grant
"""
    add(F, "ex2003-en-2rcpt-unknown-and-full", exch2003(
        host=host, domain=dom, date="Tue, 18 Jun 2024 09:14:35 +0200", sender="sam.ortiz@example.org",
        sender_name="Sam Ortiz", subject="Undeliverable: " + osubj, text=text, charset="iso-8859-1",
        cte="quoted-printable", dsn=dsn, original=o, boundary="----_=_NextPart_001_01DAC14E.7A3B2C10",
        orig_subject=osubj),
        [E("5.1.1", "", "userunknown"), E("5.2.2", "", "mailboxfull")], [ra, rb],
        "Exchange Server 2003 NDR ('System Administrator', 'Your message did not reach some or all of the "
        "intended recipients', X-MimeOLE V6.5) for two local recipients: account does not exist (#5.1.1) "
        "and mailbox full (#5.2.2). Local failures, no SMTP reply code.", "exchange2003")

    # Italian, hop count 5.4.6
    host, dom = "POSTA01.example.com", "example.com"
    r = "info@example.com"
    osubj = "Richiesta preventivo"
    o = xorig("Luca Bianchi <luca.bianchi@example.org>", r, osubj, "Wed, 19 Jun 2024 11:02:40 +0200",
              "20240619090240.3a2b1c@example.org", "Buongiorno,\n\nvorrei un preventivo.\n\nLuca\n")
    text = f"""Il messaggio non ha raggiunto alcuni o tutti i destinatari previsti.

      Oggetto:\t{osubj}
      Inviato:\t19/06/2024 11.02

Impossibile raggiungere i seguenti destinatari:

      '{r}' il 19/06/2024 11.05
            Un errore di configurazione del sistema di posta elettronica ha causato il rimbalzo del messaggio tra due server o la sua suddivisione in un numero eccessivo di segmenti.
            <{host} #5.4.6>
"""
    dsn = f"""Reporting-MTA: dns;{host}
Received-From-MTA: dns;mx.example.com
Arrival-Date: Wed, 19 Jun 2024 11:02:44 +0200

Final-Recipient: rfc822;{r}
Action: failed
Status: 5.4.6
X-Display-Name: info
"""
    add(F, "ex2003-it-hop-count-loop", exch2003(
        host=host, domain=dom, date="Wed, 19 Jun 2024 11:05:12 +0200", sender="luca.bianchi@example.org",
        sender_name="Luca Bianchi", subject="Non recapitabile: " + osubj, text=text, charset="iso-8859-1",
        cte="quoted-printable", dsn=dsn, original=o, boundary="----_=_NextPart_001_01DAC225.0F1E2D3C",
        orig_subject=osubj),
        [E("5.4.6", "", "networkerror")], [r],
        "Exchange Server 2003 with Italian NDR texts: the message bounced between two servers (contact "
        "forwarded to an external address that points back), #5.4.6. A mail loop: networkerror. Italian "
        "wording reconstructed from the English 'A configuration error in the e-mail system caused the "
        "message to bounce between two servers or to be split into too many segments.'", "exchange2003")

    # Traditional Chinese, Big5 base64, account does not exist
    host, dom = "MAIL.example.com", "example.com"
    r = "wang.xiaoming@example.com"
    osubj = "報價單"
    o = xorig("Chen Mei <chen.mei@example.org>", r, osubj, "Wed, 19 Jun 2024 14:10:08 +0800",
              "000001dac23a$5e6f7a80$1b2c3d4e$@example.org", "王先生您好，附件為報價單。\n")
    text = f"""您的郵件無法送達部分或全部預定的收件者。

      主旨:\t{osubj}
      傳送時間:\t2024/6/19 下午 02:10

無法連絡下列收件者:

      '{r}' 於 2024/6/19 下午 02:10
            收件者組織中不存在這個電子郵件帳戶。請檢查電子郵件地址，或直接與收件者聯絡以取得正確的地址。
            <{host} #5.1.1>
"""
    dsn = f"""Reporting-MTA: dns;{host}
Received-From-MTA: dns;mx.example.com
Arrival-Date: Wed, 19 Jun 2024 14:10:12 +0800

Final-Recipient: rfc822;{r}
Action: failed
Status: 5.1.1
X-Display-Name: {r}
"""
    add(F, "ex2003-zhtw-big5-account-not-exist", exch2003(
        host=host, domain=dom, date="Wed, 19 Jun 2024 14:10:13 +0800", sender="chen.mei@example.org",
        sender_name="Chen Mei", subject=ew("無法傳遞: " + osubj, "big5", "B"), text=text, charset="big5",
        cte="base64", dsn=dsn, original=o, boundary="----_=_NextPart_001_01DAC23A.6F7A8B9C",
        orig_subject=ew(osubj, "big5", "B")),
        [E("5.1.1", "", "userunknown")], [r],
        "Exchange Server 2003 with Traditional Chinese NDR texts (Big5, base64, subject B-encoded): the "
        "account does not exist, #5.1.1. userunknown, hard. Chinese wording reconstructed.", "exchange2003")

    # IIS SMTP delay notification (Exchange 2003 front end)
    host = "EXFE01.corp.example.com"
    r = "procurement@example.net"
    o = xorig("Accounts <accounts@corp.example.com>", r, "Remittance advice 20240620", "Thu, 20 Jun 2024 08:01:10 +0200",
              "A1B2C3D4E5F6A7B8C9D0@EXFE01.corp.example.com", None, headers_only=True)
    b = "9B095B5ADSN=_01DAC2D0E8A4B3C200000A1CEXFE01.corp.exa"
    msg = f"""From: postmaster@corp.example.com
To: accounts@corp.example.com
Date: Thu, 20 Jun 2024 20:01:44 +0200
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-DSNContext: 7ce717b1 - 1386 - 00000002 - 00000000
Message-ID: <XnT0Q8rVh00000a1c@EXFE01.corp.example.com>
Subject: Delivery Status Notification (Delay)

This is a MIME-formatted message.
Portions of this message may be unreadable without a MIME-capable mail program.

--{b}
Content-Type: text/plain; charset=unicode-1-1-utf-7

This is an automatically generated Delivery Status Notification.

THIS IS A WARNING MESSAGE ONLY.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

Delivery to the following recipients has been delayed.

       {r}




--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns;{host}
Arrival-Date: Thu, 20 Jun 2024 08:01:12 +0200

Final-Recipient: rfc822;{r}
Action: delayed
Status: 4.4.7
Will-Retry-Until: Sat, 22 Jun 2024 08:01:12 +0200

--{b}
Content-Type: text/rfc822-headers

{o}
--{b}--
"""
    add(F, "ex2003-iis-smtp-delay", msg, [E("4.4.7", "", "expired", action="delayed")], [r],
        "Exchange 2003 / IIS SMTP service delay DSN: 'Delivery Status Notification (Delay)', text part in "
        "charset unicode-1-1-utf-7, X-DSNContext header, Action delayed, Status 4.4.7, no cause given -> "
        "expired.", "exchange2003")


# --------------------------------------------------------------------------- generic MIME

def mp(top, boundary, parts, preamble="This is a multi-part message in MIME format."):
    """top: header block without Content-Type/MIME-Version; parts: list of (header block, body)."""
    out = [top.rstrip("\n"), "", preamble, ""] if preamble else [top.rstrip("\n"), ""]
    for h, body in parts:
        out.append(f"--{boundary}")
        out.append(h.rstrip("\n"))
        out.append("")
        out.append(body.rstrip("\n"))
        out.append("")
    out.append(f"--{boundary}--")
    return "\n".join(out) + "\n"


def dsnpart(reporting, rcpts, extra=()):
    lines = [f"Reporting-MTA: dns; {reporting}"] + list(extra) + [""]
    for r in rcpts:
        lines += list(r) + [""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- other mail servers

def gen_mailservers():
    F = "mailservers"

    # Zimbra: remote Zimbra's "Recipient address rejected: <domain>"
    d = "Mon,  3 Jun 2024 16:44:10 -0300 (-03)"
    r = "ana.souza@example.net"
    o = orig("Carlos Lima <carlos.lima@example.org>", r, "Proposta comercial", "Mon, 3 Jun 2024 16:44:06 -0300",
             "1254387915.88213.1717443846210.JavaMail.zimbra@example.org",
             "Olá Ana,\n\nsegue a proposta.\n\nAbraço,\nCarlos\n", mta="zimbra.example.org",
             rid="4VtCx20Zq9z1gHd", ua="Zimbra 10.0.8_GA_4611 (ZimbraWebClient - FF126 (Linux)/10.0.8_GA_4611)")
    add(F, "zimbra10-pt-template-recipient-rejected-domain", postfix(
        host="zimbra.example.org", qid="4VtCx20Zq9z1gHd", stamp="1717443850",
        sender="carlos.lima@example.org", date=d, arrival="Mon,  3 Jun 2024 16:44:06 -0300 (-03)",
        intro=PF_PT.format(host="zimbra.example.org"), charset="utf-8", cte="quoted-printable",
        subject=ew("Mensagem não entregue devolvida ao remetente", "utf-8", "Q", 50),
        rcpts=[dict(addr=r, status="5.1.1", remote="mail.example.net",
                    text=f"host mail.example.net[198.51.100.66] said: 550 5.1.1 <{r}>: Recipient address rejected: example.net (in reply to RCPT TO command)",
                    diag=f"smtp; 550 5.1.1 <{r}>: Recipient address rejected: example.net")],
        original=o), [E("5.1.1", "550", "userunknown")], [r],
        "Zimbra 10 (its bundled Postfix) with a Brazilian Portuguese bounce template (UTF-8, QP). The "
        "remote is also Zimbra, whose LDAP recipient check answers an unknown user with the odd but real "
        "'550 5.1.1 <addr>: Recipient address rejected: <domain>'. userunknown by the 5.1.1. " + L10N_NOTE,
        "zimbra")

    # Zimbra: own LMTP over quota
    d = "Tue,  4 Jun 2024 10:02:48 +0200 (CEST)"
    r = "m.ferrari@example.com"
    o = orig("Giulia Conti <giulia.conti@example.org>", r, "Verbale riunione", "Tue, 4 Jun 2024 10:02:41 +0200",
             "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d@example.org", "Ciao Marco,\n\nin allegato il verbale.\n",
             mta="smtp.example.org", rid="4VthGm1KcXz5rNb")
    add(F, "zimbra9-lmtp-over-quota", postfix(
        host="zimbra.example.com", qid="4VthGq3bP8z9yTc", stamp="1717488168",
        sender="giulia.conti@example.org", date=d, arrival="Tue,  4 Jun 2024 10:02:45 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.2.2", remote="zimbra.example.com",
                    text="host zimbra.example.com[192.0.2.30] said: 552 5.2.2 Over quota (in reply to end of DATA command)",
                    diag="lmtp; 552 5.2.2 Over quota")],
        original=o), [E("5.2.2", "552", "mailboxfull")], [r],
        "Zimbra 9: the MTA hands the message to mailboxd over LMTP (port 7025), which refuses with '552 "
        "5.2.2 Over quota' (zimbraLmtpPermanentFailureWhenOverQuota TRUE). mailboxfull.", "zimbra")

    # Zimbra-style Postfix template in Portuguese done above; here: remote requires PTR
    d = "Wed,  5 Jun 2024 09:15:02 +0200 (CEST)"
    r = "compras@example.net"
    o = orig("Vendas <vendas@example.org>", r, "Catalogo 2024", "Wed, 5 Jun 2024 09:14:58 +0200",
             "20240605071458.5f4e3d2c@example.org", "Bom dia,\n\nsegue o catalogo.\n", mta="mail.example.org",
             rid="4VvDzb3Ck0z2nXq")
    add(F, "zimbra8-remote-reverse-hostname", postfix(
        host="mail.example.org", qid="4VvDzb3Ck0z2nXq", stamp="1717571702",
        sender="vendas@example.org", date=d, arrival="Wed,  5 Jun 2024 09:14:58 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.1", remote="mx.example.net",
                    text="host mx.example.net[203.0.113.90] said: 550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.19] (in reply to RCPT TO command)",
                    diag="smtp; 550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.19]")],
        original=o, top_extra="X-Zimbra-Bounce: 1\n"), [E("5.7.1", "550", "requireptr")], [r],
        "Zimbra 8.8 (bundled Postfix): the receiving Postfix has reject_unknown_client_hostname with a 550 "
        "code and our outbound IP has no PTR: 'Client host rejected: cannot find your reverse hostname'. "
        "requireptr.", "zimbra")

    # Kerio Connect, French, remote quota (reconstructed)
    r = "cecile.martin@example.net"
    o = orig("Hugo Laurent <hugo.laurent@example.org>", r, "Compte rendu réunion", "Thu, 6 Jun 2024 11:20:30 +0200",
             "c0ffee12-3456-4789-abcd-ef0123456789@example.org", "Bonjour Cécile,\n\nci-joint le compte rendu.\n",
             mta="mail.example.org", rid="4VwKqR0tTbz6lMn")
    text = f"""Ceci est une notification d'état de remise générée automatiquement.

Votre message n'a pas pu être remis aux destinataires suivants :

  {r}
    Le serveur distant (mx.example.net) a répondu :
    552 5.2.2 <{r}>: Mailbox quota exceeded

Aucune nouvelle tentative de remise ne sera effectuée.
"""
    top = f"""Return-Path: <>
Received: from mail.example.org by mail.example.org (Kerio Connect 10.0.4 patch 1);
\tThu, 6 Jun 2024 11:20:36 +0200
From: Mail Delivery System <postmaster@example.org>
To: hugo.laurent@example.org
Subject: {ew("Notification d'état de remise (échec)", "utf-8", "Q", 50)}
Date: Thu, 6 Jun 2024 11:20:36 +0200
Message-ID: <kerio-dsn-20240606092036-7781@mail.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="------------KDSN0A1B2C3D4E5F"
"""
    msg = mp(top, "------------KDSN0A1B2C3D4E5F", [
        ("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable", qp(text, "utf-8")),
        ("Content-Type: message/delivery-status",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: failed", "Status: 5.2.2",
                                      "Remote-MTA: dns; mx.example.net",
                                      f"Diagnostic-Code: smtp; 552 5.2.2 <{r}>: Mailbox quota exceeded"]],
                 ["Arrival-Date: Thu, 6 Jun 2024 11:20:31 +0200"])),
        ("Content-Type: message/rfc822", o)])
    add(F, "kerio-connect10-fr-remote-quota", msg, [E("5.2.2", "552", "mailboxfull")], [r],
        "Kerio Connect 10 with French texts, RFC 3464 DSN, human part UTF-8 QP, subject Q-encoded: the "
        "remote answered 552 5.2.2 Mailbox quota exceeded. mailboxfull. Kerio's layout and French wording "
        "are reconstructed from memory; the DSN part carries the answer on its own.", "kerio")

    # CommuniGate Pro, SMTP module reports (reconstructed)
    r = "d.ivanov@example.net"
    o = orig("Sergey Orlov <s.orlov@example.org>", r, "Re: contract draft", "Fri, 7 Jun 2024 13:01:19 +0300",
             "web-3318420@cgp.example.org", "Dmitry,\n\nplease review the draft.\n", mta="cgp.example.org",
             rid="4VwxRq2yDpz7nQb")
    text = f"""Failed to deliver to '<{r}>'
SMTP module(domain example.net) reports:
 host mx.example.net [203.0.113.4] says:
  550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual alias table
"""
    top = f"""Return-Path: <>
Received: from cgp.example.org by cgp.example.org (CommuniGate Pro SMTP 6.4.1)
  with SMTP id 98124011 for s.orlov@example.org; Fri, 07 Jun 2024 13:01:22 +0300
Date: Fri, 07 Jun 2024 13:01:22 +0300
From: MAILER-DAEMON@cgp.example.org
To: s.orlov@example.org
Subject: Undeliverable mail: Re: contract draft
X-Autogenerated: Reply
Message-ID: <dsn-98124011@cgp.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="_===98124011====cgp.example.org===_"
"""
    msg = mp(top, "_===98124011====cgp.example.org===_", [
        ("Content-Type: text/plain; charset=\"utf-8\"", text),
        ("Content-Type: message/delivery-status",
         dsnpart("cgp.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: failed", "Status: 5.1.1",
                                     f"Diagnostic-Code: smtp; 550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual alias table"]])),
        ("Content-Type: text/rfc822-headers", orig("Sergey Orlov <s.orlov@example.org>", r, "Re: contract draft",
                                                   "Fri, 7 Jun 2024 13:01:19 +0300", "web-3318420@cgp.example.org",
                                                   None, mta="cgp.example.org", rid="4VwxRq2yDpz7nQb"))], preamble="")
    add(F, "communigate64-smtp-module-userunknown", msg, [E("5.1.1", "550", "userunknown")], [r],
        "CommuniGate Pro 6.4: 'Failed to deliver to <addr> / SMTP module(domain ...) reports: host ... "
        "says: 550 5.1.1 ... User unknown in virtual alias table'. userunknown. The CGP phrasing is from "
        "memory (module(...) reports / host ... says), the DSN layout reconstructed.", "communigate")

    # SmarterMail: remote refuses the envelope sender (reconstructed)
    r = "bookings@example.net"
    text = f"""The following recipients could not be delivered to:

{r}
    Reason: 554 5.7.1 <noreply@example.org>: Sender address rejected: Access denied

Delivery of this message will not be retried.
"""
    top = """Return-Path: <>
Received: from mail.example.org (127.0.0.1) by mail.example.org via SmarterMail with ESMTP;
\tSat, 8 Jun 2024 07:15:44 -0500
From: "Mail Delivery System" <postmaster@example.org>
To: noreply@example.org
Subject: Undeliverable: Booking confirmation #AB1290
Date: Sat, 8 Jun 2024 07:15:44 -0500
Message-ID: <5f2a0c7e9b1d4e3f8a6b@mail.example.org>
X-SmarterMail-Bounce: true
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="SM_DSN_20240608121544_4711"
"""
    o = orig("Bookings <noreply@example.org>", r, "Booking confirmation #AB1290", "Sat, 8 Jun 2024 07:15:40 -0500",
             "b1290.20240608@example.org", "Your booking AB1290 is confirmed.\n", mta="mail.example.org",
             rid="SM4711")
    msg = mp(top, "SM_DSN_20240608121544_4711", [
        ("Content-Type: text/plain; charset=utf-8", text),
        ("Content-Type: message/delivery-status",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.7.1",
                                      "Remote-MTA: dns;mx.example.net",
                                      "Diagnostic-Code: smtp;554 5.7.1 <noreply@example.org>: Sender address rejected: Access denied"]])),
        ("Content-Type: message/rfc822", o)])
    add(F, "smartermail-sender-address-rejected", msg, [E("5.7.1", "554", "rejected")], [r],
        "SmarterMail (Windows) relaying to a Postfix that lists the sender in a check_sender_access "
        "REJECT map: '554 5.7.1 <sender>: Sender address rejected: Access denied'. The envelope sender is "
        "refused: rejected. SmarterMail's NDR layout is reconstructed from memory.", "smartermail")

    # IceWarp, Polish (ISO-8859-2 QP), account disabled (reconstructed)
    r = "ewa.kowalska@example.net"
    o = orig("Piotr Zieliński <piotr.zielinski@example.org>", r, "Spotkanie w piątek",
             "Mon, 10 Jun 2024 12:40:02 +0200", "a7c2e9f0.4d1b@example.org", "Cześć Ewa,\n\nspotkanie w piątek o 10.\n",
             mta="mail.example.org", rid="IW0610124002")
    text = f"""To jest automatycznie wygenerowane powiadomienie o stanie doręczenia.

Wiadomości nie można było doręczyć do następujących odbiorców:

{r}
  Serwer mx.example.net odpowiedział:
  550 5.2.1 <{r}>: Recipient address rejected: Account disabled

Wiadomość nie będzie ponownie wysyłana.
"""
    top = f"""Return-Path: <>
Received: from mail.example.org by mail.example.org (IceWarp 13.0.3.6 RHEL8 x64); Mon, 10 Jun 2024 12:40:09 +0200
From: "Mail Delivery Subsystem" <postmaster@example.org>
To: piotr.zielinski@example.org
Subject: {ew("Niedostarczona wiadomość: Spotkanie w piątek", "iso-8859-2", "Q", 50)}
Date: Mon, 10 Jun 2024 12:40:09 +0200
Message-ID: <dsn.20240610124009.0018@mail.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="----=_20240610124009_IW_0018"
"""
    msg = mp(top, "----=_20240610124009_IW_0018", [
        ("Content-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: quoted-printable",
         qp(text, "iso-8859-2")),
        ("Content-Type: message/delivery-status",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.2.1",
                                      "Remote-MTA: dns;mx.example.net",
                                      f"Diagnostic-Code: smtp;550 5.2.1 <{r}>: Recipient address rejected: Account disabled"]])),
        ("Content-Type: text/rfc822-headers", hdr_block(o))])
    add(F, "icewarp13-pl-account-disabled", msg, [E("5.2.1", "550", "suspend")], [r],
        "IceWarp 13 with Polish DSN texts (ISO-8859-2 QP): the remote refuses a disabled account, 550 "
        "5.2.1 'Account disabled' -> suspend (not hard: the mailbox exists). IceWarp layout and the "
        "Polish text are reconstructed.", "icewarp")

    # MailEnable (reconstructed plain text)
    r = "t.nguyen@example.net"
    o = orig("Helpdesk <helpdesk@example.org>", r, "Ticket 20331 updated", "Tue, 11 Jun 2024 08:31:50 +1000",
             "ticket-20331-u4@example.org", None, mta="mail.example.org", rid="ME20331")
    msg = f"""Return-Path: <>
Received: from mail.example.org ([127.0.0.1]) by mail.example.org with MailEnable Postoffice Connector; Tue, 11 Jun 2024 08:32:04 +1000
From: POSTMASTER@example.org
To: helpdesk@example.org
Subject: Message Delivery Failure
Date: Tue, 11 Jun 2024 08:32:04 +1000
Message-ID: <ME-NDR-1F0A2B3C4D5E@mail.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

MailEnable: Message could not be delivered to some recipients.
The following recipient(s) could not be reached:

\tRecipient: [SMTP:{r}]
\tReason: Remote SMTP Server Returned: 550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table

Message headers follow:

{hdr_block(o)}"""
    add(F, "mailenable10-remote-userunknown", msg, [E("5.1.1", "550", "userunknown")], [r],
        "MailEnable 10 NDR, plain text with the original headers inline: 'Recipient: [SMTP:addr] / Reason: "
        "Remote SMTP Server Returned: 550 5.1.1 ...'. userunknown. Layout from memory.", "mailenable")

    # MDaemon, permanent failure with session transcript; EOP Spamhaus
    r = "jmiller@example.net"
    o = orig("Rachel Adams <radams@example.org>", r, "Contract renewal", "Wed, 12 Jun 2024 14:05:10 -0400",
             "MDAEMON-F202406121405.AA0510437@mail.example.org", "Hi John,\n\nthe renewal is attached.\n",
             mta="mail.example.org", rid="md50000441234")
    tr = "\n".join(" Wed 2024-06-12 14:05:12.%03d: %s" % (100 + i * 37, l) for i, l in enumerate([
        "Session 44711; child 3",
        "Parsing message <mail.example.org\\pd50000441234.msg>",
        "*  From: radams@example.org",
        f"*  To: {r}",
        "*  Subject: Contract renewal",
        "*  Size (bytes): 48211",
        "*  Message-ID: <MDAEMON-F202406121405.AA0510437@mail.example.org>",
        "Attempting SMTP connection to [example-net.mail.protection.outlook.com]",
        "Resolving MX records for [example.net] (DNS Server: 192.0.2.53)...",
        "*  P=000 S=000 D=example.net TTL=(60) MX=[example-net.mail.protection.outlook.com]",
        "Attempting SMTP connection to [example-net.mail.protection.outlook.com : 25]",
        "Attempting to send message to [203.0.113.180 : 25] using STARTTLS...",
        "Waiting for socket connection...",
        "*  Connection established (192.0.2.20:50112 -> 203.0.113.180:25)",
        "Waiting for protocol to start...",
        "<-- 220 BN1PEPF00004680.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Wed, 12 Jun 2024 18:05:12 +0000 [08DC8A1B2C3D4E5F]",
        "--> EHLO mail.example.org",
        "<-- 250 BN1PEPF00004680.mail.protection.outlook.com Hello [192.0.2.20]",
        "--> STARTTLS",
        "<-- 220 2.0.0 SMTP server ready",
        "*  TLS negotiation successful; TLS 1.2 using cipher ECDHE-RSA-AES256-GCM-SHA384",
        "--> MAIL From:<radams@example.org> SIZE=48211",
        "<-- 250 2.1.0 Sender OK",
        f"--> RCPT To:<{r}>",
        "<-- 550 5.7.1 Service unavailable, Client host [192.0.2.20] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.20 AS(1450) [BN1PEPF00004680.namprd05.prod.outlook.com 2024-06-12T18:05:12.882Z 08DC8A1B2C3D4E5F]",
        "--> QUIT"]))
    text = f"""The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.  The number and frequency
of delivery attempts are determined by local configuration parameters.

YOU SHOULD NOT RESEND THE MESSAGE UNTIL THE CAUSE OF THE ERROR HAS BEEN RESOLVED!

--- Session Transcript ---
{tr}
--- End Transcript ---
"""
    top = f"""Return-Path: <>
Received: from mail.example.org by mail.example.org (MDaemon 23.5.2)
\twith ESMTP id md50000441240.msg
\tfor <radams@example.org>; Wed, 12 Jun 2024 14:05:13 -0400
From: MDaemon@mail.example.org
To: radams@example.org
Subject: Permanent Delivery Failure
Date: Wed, 12 Jun 2024 14:05:13 -0400
Message-ID: <MDAEMON10001202406121405.AA0513125@mail.example.org>
X-MDDSN-Message: Yes
X-MDaemon-Deliver-To: radams@example.org
X-Return-Path: <>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="0513-MD-4711-0001"
"""
    msg = mp(top, "0513-MD-4711-0001", [
        ("Content-Type: text/plain; charset=US-ASCII\nContent-Transfer-Encoding: 7bit", text),
        ("Content-Type: message/rfc822\nContent-Disposition: attachment", o)])
    add(F, "mdaemon23-permanent-eop-spamhaus", msg, [E("5.7.1", "550", "blocked")], [r],
        "MDaemon 23 'Permanent Delivery Failure' with its session transcript (no DSN part, original "
        "attached). Exchange Online refused at RCPT: '550 5.7.1 Service unavailable, Client host [...] "
        "blocked using Spamhaus'. blocked.", "mdaemon")

    # hMailServer: DNS, no mail servers
    r = "info@nonexistent-shop.example"
    o = orig("Fiona Walsh <fiona@example.org>", r, "Question about delivery", "Thu, 13 Jun 2024 19:22:14 +0100",
             "e3f2a1b0-c9d8-4e7f-a6b5-c4d3e2f1a0b9@example.org", None, mta="mail.example.org", rid="hMS-88213")
    msg = f"""Return-Path: mailer-daemon@example.org
Received: from mail.example.org (mail.example.org [127.0.0.1]) by mail.example.org ; Thu, 13 Jun 2024 19:22:15 +0100
Message-ID: <C7E9A1B2-3D4F-4A5B-8C6D-7E8F9A0B1C2D@mail.example.org>
From: mailer-daemon@example.org
To: fiona@example.org
Subject: Message undeliverable: Question about delivery
Date: Thu, 13 Jun 2024 19:22:15 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Your message did not reach some or all of the intended recipients.

   Sent: Thu, 13 Jun 2024 19:22:14 +0100
   Subject: Question about delivery

The following recipient(s) could not be reached:

{r}
   Error Type: DNS
   No mail servers appear to exists for the recipients address.
   Please check that you have not misspelled the recipients email address.

hMailServer

"""
    add(F, "hmailserver5-dns-no-mailservers", msg, [E("", "", "hostunknown")], [r],
        "hMailServer 5.6 'Message undeliverable' with its (ungrammatical) 'No mail servers appear to "
        "exists for the recipients address' for a domain without MX or A: hostunknown, hard (a final "
        "failure without any code). No status, no reply code.", "hmailserver")

    # hMailServer: remote size
    r = "plans@example.net"
    msg = f"""Return-Path: mailer-daemon@example.org
Received: from mail.example.org (mail.example.org [127.0.0.1]) by mail.example.org ; Fri, 14 Jun 2024 10:41:03 +0100
Message-ID: <0A1B2C3D-4E5F-4061-8273-9A8B7C6D5E4F@mail.example.org>
From: mailer-daemon@example.org
To: arch@example.org
Subject: Message undeliverable: Floor plans rev C
Date: Fri, 14 Jun 2024 10:41:03 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Your message did not reach some or all of the intended recipients.

   Sent: Fri, 14 Jun 2024 10:40:51 +0100
   Subject: Floor plans rev C

The following recipient(s) could not be reached:

{r}
   Error Type: SMTP
   Remote server (203.0.113.141) issued an error.
   hMailServer sent: DATA
   Remote server replied: 552 5.3.4 Message size exceeds fixed limit

hMailServer

"""
    add(F, "hmailserver5-remote-size", msg, [E("5.3.4", "552", "mesgtoobig")], [r],
        "hMailServer 5.6: the remote refused the message size, '552 5.3.4 Message size exceeds fixed "
        "limit'. mesgtoobig.", "hmailserver")

    # Domino 9, routing loop
    r = "info@example.com"
    o = orig("Beatriz Gomes <beatriz@example.org>", r, "Partnership", "Mon, 17 Jun 2024 09:00:05 +0200",
             "20240617070005.1a2b3c@example.org", None, mta="mail.example.org", rid="4W2b0000loop")
    b = "0__=4EBB0809DFB7E4C28f9e8a93df938690918c4EBB0809DFB7E4C2"
    top = """Return-Path: <>
Received: from MAIL01.example.com ([192.0.2.45])
          by MAIL01.example.com (Lotus Domino Release 9.0.1FP10 HF383)
          with ESMTP id 2024061709002811-12345 ;
          Mon, 17 Jun 2024 09:00:28 +0200
Subject: DELIVERY FAILURE: Router: Maximum hop count exceeded. Message probably in a routing loop.
From: Postmaster@example.com
To: beatriz@example.org
Date: Mon, 17 Jun 2024 09:00:28 +0200
Message-ID: <OFA1B2C3D4.E5F60718-ONC1258B21.0026A1B2@example.com>
X-MIMETrack: Itemize by SMTP Server on MAIL01/Example(Release 9.0.1FP10 HF383|June 04, 2018) at
 17.06.2024 09:00:28
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status"; boundary="0__=4EBB0809DFB7E4C28f9e8a93df938690918c4EBB0809DFB7E4C2"
"""
    text = f"""Your message

  Subject: Partnership

was not delivered to:

  {r}

because:

  Router: Maximum hop count exceeded.  Message probably in a routing loop.
"""
    msg = mp(top, b, [
        ("Content-type: text/plain; charset=US-ASCII", text),
        ("Content-type: message/delivery-status",
         dsnpart("MAIL01.example.com", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.0.0",
                                        "Diagnostic-Code: X-Notes; Router: Maximum hop count exceeded.  Message probably in a routing loop."]])),
        ("Content-type: text/rfc822-headers", o)])
    add(F, "domino901-routing-loop", msg, [E("5.0.0", "", "networkerror")], [r],
        "IBM Domino 9.0.1 DSN ('Your message ... was not delivered to: ... because:'): the Router's 'Maximum "
        "hop count exceeded. Message probably in a routing loop.' A loop: networkerror (Sisimai lists "
        "'message probably in a routing loop' there). Domino states only 5.0.0.", "domino")

    # Domino 10, German, user not in directory
    r = "hans.mueller@example.com"
    o = orig("Anke Schulz <anke.schulz@example.org>", r, "Terminabstimmung", "Tue, 18 Jun 2024 15:30:40 +0200",
             "20240618133040.77aa@example.org", None, mta="mail.example.org", rid="4W3dom10de")
    b = "0__=8FBB0E2CDFC4A3D68f9e8a93df938690918c8FBB0E2CDFC4A3D6"
    top = f"""Return-Path: <>
Received: from notes.example.com ([192.0.2.46])
          by notes.example.com (HCL Domino Release 10.0.1FP6)
          with ESMTP id 2024061815304512-4711 ;
          Tue, 18 Jun 2024 15:30:45 +0200
Subject: {ew("Unzustellbar: Benutzer hans.mueller (hans.mueller@example.com) ist nicht im Domino-Verzeichnis aufgeführt", "iso-8859-1", "Q", 45)}
From: Postmaster@example.com
To: anke.schulz@example.org
Date: Tue, 18 Jun 2024 15:30:45 +0200
Message-ID: <OF1A2B3C4D.5E6F7081-ONC1258B22.004A3B2C@example.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status"; boundary="{b}"
"""
    text = f"""Ihre Nachricht

  Betreff: Terminabstimmung

wurde nicht zugestellt an:

  {r}

weil:

  Benutzer hans.mueller ({r}) ist nicht im Domino-Verzeichnis aufgeführt
"""
    msg = mp(top, b, [
        ("Content-type: text/plain; charset=ISO-8859-1\nContent-transfer-encoding: quoted-printable",
         qp(text, "iso-8859-1")),
        ("Content-type: message/delivery-status",
         dsnpart("notes.example.com", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.0.0",
                                       f"Diagnostic-Code: X-Notes; User hans.mueller ({r}) not listed in Domino Directory"]])),
        ("Content-type: text/rfc822-headers", o)])
    add(F, "domino10-de-not-in-directory", msg, [E("5.0.0", "", "userunknown")], [r],
        "HCL Domino 10 with German texts (ISO-8859-1 QP; subject Q-encoded): 'Ihre Nachricht ... wurde nicht "
        "zugestellt an ... weil: Benutzer ... ist nicht im Domino-Verzeichnis aufgeführt'; the DSN's "
        "Diagnostic-Code keeps the English 'not listed in Domino Directory'. userunknown, hard; Domino "
        "states 5.0.0. German wording and subject reconstructed.", "domino")

    # GroupWise 18 GWIA (reconstructed)
    r = "k.schmidt@example.net"
    o = orig("Records Office <records@gw.example.org>", r, "Requested certificates", "Wed, 19 Jun 2024 10:12:00 -0500",
             "6672F0C0020000A10004B3C1@gw.example.org", None, mta="gw.example.org", rid="GW18")
    text = f"""The original message was received at Wed, 19 Jun 2024 10:12:00 -0500
from gw.example.org [192.0.2.88]

----- The following addresses had permanent fatal errors -----
<{r}>

----- Transcript of session follows -----
 Command: RCPT TO:<{r}>
Response: 552 5.2.2 <{r}>: Recipient address rejected: Mailbox is full
"""
    top = """Return-Path: <>
Date: Wed, 19 Jun 2024 10:12:06 -0500
From: Mail Delivery System <postmaster@gw.example.org>
To: records@gw.example.org
Subject: Message status - undeliverable
Message-ID: <6672F0C6.8F2:4711:0@gw.example.org>
X-Mailer: GroupWise Internet Agent 18.5.0
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="=__PartA8F3C2B1.0__="
"""
    msg = mp(top, "=__PartA8F3C2B1.0__=", [
        ("Content-Type: text/plain; charset=US-ASCII", text),
        ("Content-Type: message/delivery-status",
         dsnpart("gw.example.org", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.2.2",
                                    "Remote-MTA: dns;mx.example.net",
                                    f"Diagnostic-Code: smtp;552 5.2.2 <{r}>: Recipient address rejected: Mailbox is full"]])),
        ("Content-Type: text/rfc822-headers", o)])
    add(F, "groupwise18-gwia-mailbox-full", msg, [E("5.2.2", "552", "mailboxfull")], [r],
        "GroupWise 18 GWIA 'Message status - undeliverable' with a Sendmail-like transcript (Command / "
        "Response): remote 552 5.2.2 Mailbox is full (Dovecot quota-status through Postfix). mailboxfull. "
        "GWIA layout reconstructed from memory.", "groupwise")

    # Mercury/32 (reconstructed)
    r = "p.novak@example.net"
    o = orig("Club Secretary <secretary@example.org>", r, "Membership renewal", "Thu, 20 Jun 2024 18:02:33 +0200",
             "6674523F.14736.5D1A2@example.org", "Dear member,\n\nyour membership renewal is due.\n",
             mta="mercury.example.org", rid="MC1")
    msg = f"""Return-path: <>
Received: from spooler by mercury.example.org (Mercury/32 v4.91); 20 Jun 2024 18:02:51 +0200
From: "Mercury 32 Mail Server" <postmaster@example.org>
To: secretary@example.org
Date: Thu, 20 Jun 2024 18:02:51 +0200
Subject: Delivery failure notification
Message-ID: <MC32-6674525B.1F@mercury.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

This is an automatically-generated delivery failure notification
from the Mercury/32 Mail Transport System at mercury.example.org.

The message you sent could not be delivered to one or more of its
recipients, for the reasons given below:

   * {r}:
     MercuryC SMTP client: the remote server rejected the address:
     550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table

A copy of the first part of your message follows.

--- Original message follows ---

{o}"""
    add(F, "mercury32-remote-userunknown", msg, [E("5.1.1", "550", "userunknown")], [r],
        "Mercury/32 4.9 (MercuryC client) delivery failure notification, plain text, original inline. "
        "550 5.1.1 User unknown. Mercury's wording reconstructed from memory.", "mercury")

    # Oracle Communications Messaging Server, 2 recipients
    ra, rb = "l.moreau@example.net", "ex.employee@example.net"
    host = "ms.example.org"
    o = orig("Direction <direction@example.org>", f"{ra}, {rb}", "Circulaire juin", "Fri, 21 Jun 2024 16:40:11 +0200",
             "0SFF00A1B2C3D4@ms.example.org", "Madame, Monsieur,\n\nveuillez trouver la circulaire.\n",
             mta=host, rid="0SFF00A1B2C3D4")
    text = f"""This report relates to a message you sent with the following header fields:

  Message-id: <0SFF00A1B2C3D4@ms.example.org>
  Date: Fri, 21 Jun 2024 16:40:11 +0200
  From: Direction <direction@example.org>
  To: {ra}, {rb}
  Subject: Circulaire juin

Your message cannot be delivered to the following recipients:

  Recipient address: {ra}
  Reason: Remote SMTP server has rejected address
  Diagnostic code: smtp;550 5.1.1 <{ra}>... User unknown
  Remote system: dns;mx.example.net (TCP|192.0.2.91|40122|203.0.113.210|25) (mx.example.net ESMTP Sendmail 8.17.2/8.17.2)

  Recipient address: {rb}
  Reason: Remote SMTP server has rejected address
  Diagnostic code: smtp;550 5.2.1 <{rb}>... Mailbox disabled for this recipient
  Remote system: dns;mx.example.net (TCP|192.0.2.91|40122|203.0.113.210|25) (mx.example.net ESMTP Sendmail 8.17.2/8.17.2)
"""
    dsn = f"""Original-envelope-id: 0SFF00A1B2C3D5@{host}
Reporting-MTA: dns;{host} (tcp_intranet-daemon)

Action: failed
Status: 5.1.1 (Remote SMTP server has rejected address)
Remote-MTA: dns;mx.example.net (TCP|192.0.2.91|40122|203.0.113.210|25)
 (mx.example.net ESMTP Sendmail 8.17.2/8.17.2)
Diagnostic-code: smtp;550 5.1.1 <{ra}>... User unknown
Original-recipient: rfc822;{ra}
Final-recipient: rfc822;{ra}

Action: failed
Status: 5.2.1 (Remote SMTP server has rejected address)
Remote-MTA: dns;mx.example.net (TCP|192.0.2.91|40122|203.0.113.210|25)
 (mx.example.net ESMTP Sendmail 8.17.2/8.17.2)
Diagnostic-code: smtp;550 5.2.1 <{rb}>... Mailbox disabled for this recipient
Original-recipient: rfc822;{rb}
Final-recipient: rfc822;{rb}
"""
    top = f"""Return-path: <>
Received: from {host} by {host} (Oracle Communications Messaging Server 8.1.0.12.20220914 64bit (built Sep 14 2022))
 id <0SFF00A1B2C3E1@{host}>; Fri, 21 Jun 2024 16:40:14 +0200 (CEST)
Date: Fri, 21 Jun 2024 16:40:14 +0200 (CEST)
From: Internet Mail Delivery <postmaster@{host}>
Subject: Delivery Notification: Delivery has failed
To: direction@example.org
Message-id: <0SFF00A1B2C3E1@{host}>
MIME-version: 1.0
Content-type: multipart/report; report-type=delivery-status;
 boundary="Boundary_(ID_q8Xz1b2C3d4E5f6G7h8I9j)"
"""
    msg = mp(top, "Boundary_(ID_q8Xz1b2C3d4E5f6G7h8I9j)", [
        ("Content-type: text/plain; charset=us-ascii\nContent-language: en-US", text),
        ("Content-type: message/DELIVERY-STATUS", dsn),
        ("Content-type: MESSAGE/RFC822", o)])
    add(F, "oracle-messaging-server8-2rcpt", msg,
        [E("5.1.1", "550", "userunknown"), E("5.2.1", "550", "suspend")], [ra, rb],
        "Oracle Communications Messaging Server 8.1 (formerly Sun Java System) 'Delivery Notification: "
        "Delivery has failed' for two recipients at one Sendmail: user unknown, and '550 5.2.1 ... Mailbox "
        "disabled for this recipient' (suspend). Status lines carry Messaging Server's parenthesised comment.",
        "messagingserver")

    # Oracle Messaging Server delay (connection timed out)
    r = "shipping@example.net"
    o = orig("Logistics <logistics@example.org>", r, "Pickup request 7741", "Sat, 22 Jun 2024 08:10:00 +0200",
             "0SFG00B2C3D4E5@ms.example.org", None, mta=host, rid="0SFG00B2C3D4E5")
    text = f"""This report relates to a message you sent with the following header fields:

  Message-id: <0SFG00B2C3D4E5@ms.example.org>
  Date: Sat, 22 Jun 2024 08:10:00 +0200
  From: Logistics <logistics@example.org>
  To: {r}
  Subject: Pickup request 7741

Your message has been enqueued and undeliverable for 1 day to the following recipients:

  Recipient address: {r}
  Reason: unable to deliver this message after 1 day
  Delivery attempt history for your mail:
  Sat, 22 Jun 2024 20:14:03 +0200 (CEST)
  TCP active open: Failed connect()    Error: Connection timed out
  Sun, 23 Jun 2024 08:12:41 +0200 (CEST)
  TCP active open: Failed connect()    Error: Connection timed out

The mail system will continue to try to deliver your message for an additional 2 days.
"""
    dsn = f"""Original-envelope-id: 0SFG00B2C3D4E6@{host}
Reporting-MTA: dns;{host} (tcp_intranet-daemon)

Action: delayed
Status: 4.4.1 (unable to deliver this message after 1 day)
Remote-MTA: dns;mx.example.net
Diagnostic-code: X-Unknown; TCP active open: Failed connect()    Error: Connection timed out
Original-recipient: rfc822;{r}
Final-recipient: rfc822;{r}
"""
    top = f"""Return-path: <>
Received: from {host} by {host} (Oracle Communications Messaging Server 8.1.0.12.20220914 64bit (built Sep 14 2022))
 id <0SFH00C3D4E5F6@{host}>; Sun, 23 Jun 2024 08:12:42 +0200 (CEST)
Date: Sun, 23 Jun 2024 08:12:42 +0200 (CEST)
From: Internet Mail Delivery <postmaster@{host}>
Subject: Delivery Notification: Delivery has been delayed
To: logistics@example.org
Message-id: <0SFH00C3D4E5F6@{host}>
MIME-version: 1.0
Content-type: multipart/report; report-type=delivery-status;
 boundary="Boundary_(ID_r9Ya2c3D4e5F6g7H8i9J0k)"
"""
    msg = mp(top, "Boundary_(ID_r9Ya2c3D4e5F6g7H8i9J0k)", [
        ("Content-type: text/plain; charset=us-ascii\nContent-language: en-US", text),
        ("Content-type: message/DELIVERY-STATUS", dsn),
        ("Content-type: TEXT/RFC822-HEADERS", o)])
    add(F, "oracle-messaging-server8-delayed-timeout", msg,
        [E("4.4.1", "", "networkerror", action="delayed")], [r],
        "Oracle Communications Messaging Server 8.1 'Delivery has been delayed' after one day of "
        "'TCP active open: Failed connect() Error: Connection timed out'. Delay with a stated network cause: "
        "networkerror (expired defensible). Delay text partly reconstructed.", "messagingserver")

    # Apache James 3 (reconstructed)
    r = "n.garcia@example.net"
    o = orig("Library <library@example.org>", r, "Reservation ready", "Mon, 24 Jun 2024 11:11:11 +0200",
             "JavaMail.james.1719220271001.42@example.org", "Your reserved book is ready for pickup.\n",
             mta="james.example.org", rid="Mail1719220271")
    text = f"""Hi. This is the James mail server at james.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.  Below
I include the list of recipients and the reason why I was unable to deliver
your message.

Failed recipient(s):
{r}

Error message:
550 5.1.1 <{r}>... User unknown

"""
    top = """Return-Path: <>
Received: from james.example.org ([127.0.0.1]) by james.example.org (JAMES SMTP Server 3.8.1) with ESMTP ID 1a2b3c4d
          for <library@example.org>; Mon, 24 Jun 2024 11:11:19 +0200 (CEST)
Date: Mon, 24 Jun 2024 11:11:19 +0200 (CEST)
From: mailer-daemon@james.example.org
To: library@example.org
Subject: [FAILURE] Reservation ready
Message-ID: <1459812302.17.1719220279112.JavaMail.james@james.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="----=_Part_16_1201998811.1719220279110"
"""
    msg = mp(top, "----=_Part_16_1201998811.1719220279110", [
        ("Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit", text),
        ("Content-Type: message/delivery-status; charset=us-ascii\nContent-Transfer-Encoding: 7bit",
         dsnpart("james.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: failed", "Status: 5.1.1",
                                       f"Diagnostic-Code: smtp; 550 5.1.1 <{r}>... User unknown",
                                       "Last-Attempt-Date: Mon, 24 Jun 2024 11:11:19 +0200 (CEST)"]],
                 ["Received-From-MTA: dns; james.example.org"])),
        ("Content-Type: message/rfc822", o)], preamble="")
    add(F, "james3-dsnbounce-userunknown", msg, [E("5.1.1", "550", "userunknown")], [r],
        "Apache James 3.8 DSNBounce mailet: 'Hi. This is the James mail server at ...' with 'Failed "
        "recipient(s)' / 'Error message', plus a DSN. 550 5.1.1 User unknown. Subject prefix and exact "
        "layout reconstructed from memory.", "james")

    # Haraka 3: remote 5.2.3 size -> exceedlimit
    r = "scans@example.net"
    o = orig("Copier <copier@example.org>", r, "Scanned document", "Tue, 25 Jun 2024 09:45:00 +0000",
             "copier.20240625094500@example.org", None, mta="haraka.example.org", rid="H1")
    text = f"""Probably you have the wrong email address.

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error.

{r}: 552 5.2.3 Message size exceeds maximum permitted
"""
    top = """Received: (Haraka outbound); Tue, 25 Jun 2024 09:45:07 +0000
From: MAILER-DAEMON@haraka.example.org
To: copier@example.org
Date: Tue, 25 Jun 2024 09:45:07 +0000
Subject: Mail delivery failed: returning message to sender
Message-Id: <A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF.1@haraka.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="boundary_6F1A2B3C4D5E"
"""
    msg = mp(top, "boundary_6F1A2B3C4D5E", [
        ("Content-Type: text/plain; charset=us-ascii", text),
        ("Content-Type: message/delivery-status",
         dsnpart("haraka.example.org", [[f"Final-Recipient: rfc822;{r}", "Action: failed", "Status: 5.2.3",
                                        "Remote-MTA: dns; mx.example.net",
                                        "Diagnostic-Code: smtp; 552 5.2.3 Message size exceeds maximum permitted"]],
                 ["Arrival-Date: Tue, 25 Jun 2024 09:45:01 +0000"])),
        ("Content-Type: text/rfc822-headers", o)], preamble="This is a MIME-encapsulated message.")
    add(F, "haraka3-remote-5-2-3-size", msg, [E("5.2.3", "552", "exceedlimit")], [r],
        "Haraka 3 outbound bounce (Exim-like text under 'Probably you have the wrong email address.'): the "
        "remote refused with 552 5.2.3 'Message size exceeds maximum permitted'. By the vocabulary's split "
        "on the code, 5.2.3 is exceedlimit. Haraka template reconstructed from memory.", "haraka", crlf=False)

    # Stalwart delay: connection refused (reconstructed)
    r = "it@example.net"
    o = orig("Monitoring <monitor@example.org>", r, "[ALERT] disk usage 91% on db02", "Wed, 26 Jun 2024 03:00:01 +0000",
             "alert-db02-20240626030001@example.org", None, mta="mail.example.org", rid="stw1")
    text = f"""There was a temporary problem delivering your message to the following recipients:

    <{r}> (connection to 'mx.example.net' failed: Connection refused (os error 111))

The delivery of this message will be retried for the next 4 days. You do not need to resend it.
"""
    top = """From: "Mail Delivery Subsystem" <MAILER-DAEMON@mail.example.org>
To: monitor@example.org
Subject: Warning: Delay in message delivery
Date: Wed, 26 Jun 2024 06:00:09 +0000
Message-ID: <17bfa2c44d1e2a9f.8e1d2c3b4a596877@mail.example.org>
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status";
\tboundary="stw_18c9d1f2a3b4c5d6_1"
"""
    msg = mp(top, "stw_18c9d1f2a3b4c5d6_1", [
        ("Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 7bit", text),
        ("Content-Type: message/delivery-status\nContent-Transfer-Encoding: 7bit",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822;{r}", "Action: delayed", "Status: 4.4.1",
                                      "Remote-MTA: dns;mx.example.net",
                                      "Will-Retry-Until: Sun, 30 Jun 2024 03:00:02 +0000"]],
                 ["Arrival-Date: Wed, 26 Jun 2024 03:00:02 +0000"])),
        ("Content-Type: text/rfc822-headers\nContent-Transfer-Encoding: 7bit", o)], preamble="")
    add(F, "stalwart-delay-connection-refused", msg, [E("4.4.1", "", "networkerror", action="delayed")], [r],
        "Stalwart Mail Server delay DSN: connection to the MX refused (os error 111), Action delayed, "
        "Status 4.4.1. Stated network cause: networkerror (expired defensible). Stalwart's wording "
        "reconstructed from memory.", "stalwart")

    # Maddy: Yahoo TSS09 permanent block (reconstructed)
    r = "orders@example.net"
    o = orig("Shop <shop@example.org>", r, "Invoice 55120", "Thu, 27 Jun 2024 12:00:00 +0000",
             "maddy.55120@example.org", None, mta="mx.example.org", rid="maddy1")
    diag = ("553 5.7.2 [TSS09] All messages from 192.0.2.140 will be permanently deferred; Retrying will "
            "NOT succeed. See https://senders.yahooinc.com/error-codes")
    text = f"""This is the mail delivery system at mx.example.org.

Unfortunately, your message could not be delivered to one or more
recipients. The usual cause of this problem is invalid
recipient addresses or maintenance at the recipient side.

Contact the postmaster for further assistance, provide the Message-ID of your message.

Delivery to the following recipient(s) failed:

{r}: {diag}
"""
    top = """From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
To: shop@example.org
Subject: Undelivered Mail Returned to Sender
Date: Thu, 27 Jun 2024 12:00:04 +0000
Message-Id: <e3b0c442-98fc-4c14-9afb-f4c8996fb924@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="maddy-dsn-c1d2e3f4a5b6"
"""
    msg = mp(top, "maddy-dsn-c1d2e3f4a5b6", [
        ("Content-Transfer-Encoding: 8bit\nContent-Type: text/plain; charset=utf-8", text),
        ("Content-Transfer-Encoding: 8bit\nContent-Type: message/delivery-status",
         dsnpart("mx.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: failed", "Status: 5.7.2",
                                    "Remote-MTA: dns; mta6.am0.yahoodns.net",
                                    "Diagnostic-Code: smtp; " + diag]],
                 ["X-Maddy-Sender: rfc822; shop@example.org", "Arrival-Date: Thu, 27 Jun 2024 12:00:01 +0000"])),
        ("Content-Transfer-Encoding: 8bit\nContent-Type: text/rfc822-headers", o)], preamble="")
    add(F, "maddy-yahoo-tss09", msg, [E("5.7.2", "553", "blocked")], [r],
        "Maddy Mail Server DSN for a domain hosted at Yahoo: '553 5.7.2 [TSS09] All messages from <ip> will "
        "be permanently deferred; Retrying will NOT succeed'. A permanent block of the sending IP: blocked. "
        "Maddy's layout reconstructed from memory.", "maddy")

    # OpenSMTPD 7: error, mailbox full
    r = "olga@example.net"
    o = orig("Nils Berg <nils@example.org>", r, "Cabin weekend", "Fri, 28 Jun 2024 17:20:00 +0200",
             "20240628152000.GA44812@example.org", None, mta="mail.example.org", rid="a1b2c3d4")
    b = "17195849121.4f3e2d1c.93822"
    text = f"""Hi!

This is the MAILER-DAEMON, please DO NOT REPLY to this email.

An error has occurred while attempting to deliver a message for
the following list of recipients:

{r}: 552 5.2.2 <{r}>: Recipient address rejected: Mailbox is full

Below is a copy of the original message:
"""
    top = f"""Received: from localhost (localhost [local])
\tby mail.example.org (OpenSMTPD) with ESMTPA id 5b8e1f0a
\tfor <nils@example.org>;
\tFri, 28 Jun 2024 17:20:12 +0200 (CEST)
Date: Fri, 28 Jun 2024 17:20:12 +0200 (CEST)
From: Mailer Daemon <MAILER-DAEMON@mail.example.org>
To: nils@example.org
Subject: Delivery status notification: error
Message-ID: <5b8e1f0a7c6d5e4f@mail.example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed;boundary="{b}"
"""
    msg = mp(top, b, [
        ("Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii", text),
        ("Content-Description: Delivery Status\nContent-Type: message/delivery-status",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: failed", "Status: 5.2.2"]],
                 )),
        ("Content-Description: Message headers\nContent-Type: text/rfc822-headers", o)],
        preamble="This is a MIME-encapsulated message.")
    add(F, "opensmtpd7-error-mailbox-full", msg, [E("5.2.2", "552", "mailboxfull")], [r],
        "OpenSMTPD 7.x 'Delivery status notification: error' (multipart/mixed with a delivery-status part "
        "that has only Final-Recipient/Action/Status): remote 552 5.2.2 Mailbox is full. mailboxfull.",
        "opensmtpd", crlf=False)

    # OpenSMTPD 7: delay, too many connections
    r = "press@example.net"
    o = orig("Press Office <press@example.org>", r, "Press release: new site", "Sat, 29 Jun 2024 08:00:00 +0200",
             "20240629060000.GA1010@example.org", None, mta="mail.example.org", rid="b2c3d4e5")
    b = "17196461221.8a7b6c5d.11402"
    text = f"""Hi!

This is the MAILER-DAEMON, please DO NOT REPLY to this email.

An error has occurred while attempting to deliver a message for
the following list of recipients:

{r}: 421 4.7.0 mx.example.net Error: too many connections from 192.0.2.150

Delivery of this message has been delayed. It will be retried
for a few days before being returned to you.

Below is a copy of the original message:
"""
    top = f"""Received: from localhost (localhost [local])
\tby mail.example.org (OpenSMTPD) with ESMTPA id 0e9d8c7b
\tfor <press@example.org>;
\tSat, 29 Jun 2024 12:02:02 +0200 (CEST)
Date: Sat, 29 Jun 2024 12:02:02 +0200 (CEST)
From: Mailer Daemon <MAILER-DAEMON@mail.example.org>
To: press@example.org
Subject: Delivery status notification: delay
Message-ID: <0e9d8c7b6a594837@mail.example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed;boundary="{b}"
"""
    msg = mp(top, b, [
        ("Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii", text),
        ("Content-Description: Delivery Status\nContent-Type: message/delivery-status",
         dsnpart("mail.example.org", [[f"Final-Recipient: rfc822; {r}", "Action: delayed", "Status: 4.7.0"]])),
        ("Content-Description: Message headers\nContent-Type: text/rfc822-headers", o)],
        preamble="This is a MIME-encapsulated message.")
    add(F, "opensmtpd7-delay-too-many-connections", msg, [E("4.7.0", "421", "toomanyconn", action="delayed")], [r],
        "OpenSMTPD 7.x delay notification: the remote Postfix's anvil limit, '421 4.7.0 ... Error: too many "
        "connections from <ip>'. toomanyconn (expired defensible for a delay). The delay wording "
        "('Delivery of this message has been delayed...') is reconstructed.", "opensmtpd", crlf=False)

    # Coremail (Chinese, GB2312 base64), user not found (reconstructed)
    r = "zhang.wei@example.com"
    o = orig("Li Na <li.na@example.org>", r, "合同草案", "Thu, 20 Jun 2024 15:22:10 +0800",
             "2024062015221000.LN0612@example.org", None, mta="mail.example.org", rid="cm1")
    text = f"""抱歉，您的邮件被退回来了……

原邮件信息：
时　间：2024-06-20 15:22:10
主　题：合同草案
收件人：{r}

退信原因：
收件人邮箱地址（{r}）不存在，邮件无法送达。

错误代码：550 User not found: {r}
出错服务器：mx.example.com (203.0.113.160)

建议解决方案：
请检查收件人邮箱地址是否正确，确认无误后再重新发送。
"""
    top = f"""Received: from mail.example.org (unknown [127.0.0.1])
\tby mail.example.org (Coremail) with SMTP id AQAAfwDHcRhx0HNmAbCdAA--.12345S2;
\tThu, 20 Jun 2024 15:22:13 +0800 (CST)
Date: Thu, 20 Jun 2024 15:22:13 +0800 (CST)
From: postmaster@example.org
To: li.na@example.org
Subject: {ew("系统退信", "gb2312", "B")}
Message-ID: <6673d875.0a1b.1902f0a1b2c.Coremail.postmaster@example.org>
X-Coremail-Antispam: 1U5529EdanIXcx71UUUUU7v73VFW2AGmfu7bjvjm3AaLaJ3UbIYCTnIWIevJa73UjIFyTuYvjxU
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_58120_1717171717.1718868133001"
"""
    msg = mp(top, "----=_Part_58120_1717171717.1718868133001", [
        ("Content-Type: text/plain; charset=GB2312\nContent-Transfer-Encoding: base64",
         b64(text.replace("\n", "\r\n"), "gb2312")),
        ("Content-Type: message/rfc822\nContent-Disposition: attachment; filename=\"original.eml\"", o)], preamble="")
    add(F, "coremail-zh-gb2312-user-not-found", msg, [E("", "550", "userunknown")], [r],
        "Coremail (Chinese enterprise server) '系统退信' bounce, GB2312 base64, original attached: the "
        "recipient does not exist, '550 User not found'. No enhanced code stated. userunknown, hard. "
        "Layout and text reconstructed from memory of Coremail/NetEase-style bounces.", "coremail")


# --------------------------------------------------------------------------- gateways

def gen_gateways():
    F = "gateways"

    # Proofpoint IP reputation block (Postfix relay)
    d = "Mon, 24 Jun 2024 10:12:40 -0400 (EDT)"
    r = "ap@example.net"
    o = orig("Billing <billing@example.org>", r, "Invoice INV-88231", "Mon, 24 Jun 2024 10:12:36 -0400",
             "inv-88231.1719238356@example.org", "Please find invoice INV-88231 attached.\n",
             mta="smtp.example.org", rid="4W6q3m0Zp1z4wPr")
    add(F, "proofpoint-ipcheck-blocked", postfix(
        host="smtp.example.org", qid="4W6q3m0Zp1z4wPr", stamp="1719238360",
        sender="billing@example.org", date=d, arrival="Mon, 24 Jun 2024 10:12:36 -0400 (EDT)",
        rcpts=[dict(addr=r, status="5.7.1", remote="mx0b-00123401.pphosted.com",
                    text="host mx0b-00123401.pphosted.com[203.0.113.140] said: 554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.66 (in reply to MAIL FROM command)",
                    diag="smtp; 554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.66")],
        original=o), [E("5.7.1", "554", "blocked")], [r],
        "Postfix 3.x relay to a Proofpoint-protected domain (pphosted.com MX): 'Blocked - see "
        "https://ipcheck.proofpoint.com/?ip=...' refuses the sending IP. blocked. The exact reply code / "
        "enhanced code pairing Proofpoint uses here is quoted from memory.", "proofpoint")

    # Proofpoint DMARC (Exim relay)
    host, eid, d = "mail.example.org", "1sQw0E-004bCd-3T", "Tue, 25 Jun 2024 13:05:22 +0100"
    r = "claims@example.net"
    o = eorig("Alex Turner <alex@example.org>", r, "Claim 55-1200 documents", "Tue, 25 Jun 2024 13:05:20 +0100",
              "CAB4xq9zT1=k2Lm0ZpQ@mail.example.org", "Documents attached.\n", host, "1sQw0D-004bCa-2Q")
    text = EXIM_FAIL + (f"  {r}\n    host mx0a-00654321.pphosted.com [203.0.113.141]\n"
                        "    SMTP error from remote mail server after end of data:\n"
                        "    550 5.7.1 Email rejected per DMARC policy for example.org\n")
    add(F, "proofpoint-dmarc-reject-via-exim", exim(
        host=host, eid=eid, date=d, sender="alex@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0",
                    "Remote-MTA: dns; mx0a-00654321.pphosted.com",
                    "Diagnostic-Code: smtp; 550 5.7.1 Email rejected per DMARC policy for example.org"]],
        original=o, version="4.96", bts="1719317122"),
        [E("5.7.1", "550", "authfailure")], [r],
        "Debian Exim 4.96 to a Proofpoint customer: '550 5.7.1 Email rejected per DMARC policy for "
        "<domain>' after data (the message was sent through a host not covered by SPF and without DKIM). "
        "authfailure; 5.7.1 from the quoted reply (DSN: 5.0.0).", "proofpoint", crlf=False)

    # FortiMail spam reject (Postfix relay, reconstructed wording)
    d = "Wed, 26 Jun 2024 09:31:05 +0200 (CEST)"
    r = "einkauf@example.net"
    o = orig("Promo <promo@example.org>", r, "Nur heute: 50% auf alles", "Wed, 26 Jun 2024 09:31:00 +0200",
             "promo-260624-1182@example.org", "Nur heute 50% Rabatt!\n", mta="mta.example.org", rid="4W7rHb1k9Sz2hGq")
    add(F, "fortimail-spam-rejected", postfix(
        host="mta.example.org", qid="4W7rHb1k9Sz2hGq", stamp="1719387065",
        sender="promo@example.org", date=d, arrival="Wed, 26 Jun 2024 09:31:00 +0200 (CEST)",
        rcpts=[dict(addr=r, status="5.7.1", remote="fortimail.example.net",
                    text="host fortimail.example.net[198.51.100.188] said: 550 5.7.1 This message is classified as SPAM and is rejected. (in reply to end of DATA command)",
                    diag="smtp; 550 5.7.1 This message is classified as SPAM and is rejected.")],
        original=o), [E("5.7.1", "550", "spamdetected")], [r],
        "Postfix relay to a FortiMail gateway whose antispam profile action is 'reject': 550 5.7.1 'This "
        "message is classified as SPAM and is rejected.' spamdetected. FortiMail's reject text is quoted "
        "from memory (administrators can change it).", "fortimail")

    # Sophos Email (Central) malware reject (reconstructed wording), Exchange 2019 English relay
    gen = "EX19.corp.example.com"
    r = "hr@example.net"
    osubj = "CV - application"
    o = xorig("Applicant Desk <jobs@corp.example.com>", r, osubj, "Thu, 27 Jun 2024 11:02:00 +0000",
              "BY5PR11MB4321ABCDEF0123@EX19.corp.example.com", None, headers_only=True)
    diag = "554 5.7.1 Message rejected: malware detected (Troj/DocDl-AKZQ)"
    text = f"""Delivery has failed to these recipients or groups:

{r}<mailto:{r}>
Your message wasn't delivered because the recipient's email provider rejected it.






Diagnostic information for administrators:

Generating server: {gen}

{r}
Remote Server at mx-01-eu-west-1.prod.hydra.sophos.com (203.0.113.150) returned '{diag}'
6/27/2024 11:02:09 AM - Remote Server at mx-01-eu-west-1.prod.hydra.sophos.com (203.0.113.150) returned '{diag}'

Original message headers:

{hdr_block(o)}"""
    add(F, "sophos-email-malware-via-ex2019", exch2013(
        gen=gen, domain="corp.example.com", lang="en-US", subject="Undeliverable: " + osubj,
        date="Thu, 27 Jun 2024 11:02:10 +0000", sender="jobs@corp.example.com", text=text,
        dsn=exch2019_dsn(gen, "Thu, 27 Jun 2024 11:02:02 +0000",
                         [(r, "5.7.1", diag, "mx-01-eu-west-1.prod.hydra.sophos.com")]),
        original=o, orig_mid="BY5PR11MB4321ABCDEF0123@EX19.corp.example.com", headers_only=True,
        boundary="4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0", altb="9c8b7a6d-5e4f-4321-a0b9-c8d7e6f5a4b3",
        orig_subject=osubj),
        [E("5.7.1", "554", "virusdetected")], [r],
        "Exchange Server 2019 English NDR ('Remote Server at ... returned') for a domain behind Sophos "
        "Email (hydra.sophos.com MX), which refused a malicious attachment. virusdetected. Sophos' reject "
        "wording is reconstructed (not quoted from a real bounce).", "sophos")

    # Cisco ESA SBRS poor reputation at connect, Sendmail relay
    host, qid, d = "relay.example.org", "45RC2bXo031200", "Fri, 28 Jun 2024 14:20:33 -0500 (CDT)"
    r = "vendor@example.net"
    o = sorig("Purchasing <purchasing@example.org>", r, "RFQ 2024-117", "Fri, 28 Jun 2024 14:20:30 -0500",
              "202406281920.45RC2bXn031198@example.org", "Please quote the attached RFQ.\n", host,
              "45RC2bXn031198", headers_only=True)
    reply = ("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. "
             "If you believe that this failure is in error, please contact the intended recipient via alternate means.")
    perm = (f"   ----- The following addresses had permanent fatal errors -----\n<{r}>\n"
            f"    (reason: {reply})\n")
    trans = f"... while talking to esa1.example.net.:\n<<< {reply}\n554 5.0.0 Service unavailable\n"
    add(F, "cisco-esa-poor-reputation-via-sendmail", sendmail(
        host=host, qid=qid, date=d, sender="purchasing@example.org",
        fromhost="erp.example.org [192.0.2.71]", arrival="Fri, 28 Jun 2024 14:20:31 -0500 (CDT)",
        perm_text=perm, transcript=trans, version="8.17.1/8.17.1",
        dsn_rcpts=[[f"Final-Recipient: RFC822; {r}", "Action: failed", "Status: 5.0.0",
                    "Remote-MTA: DNS; esa1.example.net", "Diagnostic-Code: SMTP; " + reply]],
        original=o, headers_only=True), [E("5.0.0", "554", "badreputation")], [r],
        "Sendmail 8.17 relay to a Cisco Secure Email (IronPort ESA) whose HAT policy rejects low SenderBase "
        "scores in the greeting with the default 'Your access to this mail system has been rejected due to "
        "the sending MTA's poor reputation'. A reputation refusal: badreputation (blocked would be the "
        "other reading). Only 5.0.0 stated.", "cisco-esa")

    # MessageLabs SPF (Postfix relay), qmail-style (#5.7.1)
    d = "Mon,  1 Jul 2024 08:44:12 +0100 (BST)"
    r = "finance@example.net"
    o = orig("Payroll <payroll@example.org>", r, "Payslips June", "Mon, 1 Jul 2024 08:44:09 +0100",
             "payroll-0701-7731@example.org", "Payslips attached.\n", mta="out.example.org", rid="4W9Mq54JbKz1sXy")
    rep = ("553-SPF (Sender Policy Framework) domain authentication 553-fail. Refer to the Troubleshooting "
           "page at 553-http://www.symanteccloud.com/troubleshooting for more 553 information. (#5.7.1)")
    add(F, "messagelabs-spf-fail", postfix(
        host="out.example.org", qid="4W9Mq54JbKz1sXy", stamp="1719819852",
        sender="payroll@example.org", date=d, arrival="Mon,  1 Jul 2024 08:44:09 +0100 (BST)",
        rcpts=[dict(addr=r, status="5.0.0", remote="cluster8.eu.messagelabs.com",
                    text=f"host cluster8.eu.messagelabs.com[203.0.113.160] said: {rep} (in reply to end of DATA command)",
                    diag="smtp; " + rep)],
        original=o), [E("5.7.1", "553", "authfailure")], [r],
        "Postfix relay to a Symantec Email Security.cloud (MessageLabs) customer: the multi-line 553 'SPF "
        "(Sender Policy Framework) domain authentication fail ... (#5.7.1)' as Postfix flattens it. "
        "Postfix found no enhanced code at the start, so its DSN says 5.0.0; the quoted reply's (#5.7.1) is "
        "the precise one expected. authfailure.", "messagelabs")

    # Barracuda Reputation block (Exim relay)
    host, eid, d = "mx.example.org", "1sRz3A-00000002QrS-1aBc", "Tue, 02 Jul 2024 16:33:10 +0200"
    r = "reception@example.net"
    o = eorig("Dental Clinic <clinic@example.org>", r, "Appointment reminder", "Tue, 02 Jul 2024 16:33:08 +0200",
              "rem-20240702-5512@example.org", "Reminder: your appointment tomorrow 9:00.\n", host,
              "1sRz39-00000002QrO-0xYz", version="4.97")
    rep = ("554 Service unavailable; Client host [192.0.2.66] blocked using Barracuda Reputation; "
           "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.66")
    text = EXIM_FAIL + (f"  {r}\n    host d123456a.ess.barracudanetworks.com [203.0.113.170]\n"
                        f"    SMTP error from remote mail server after RCPT TO:<{r}>:\n    {rep}\n")
    add(F, "barracuda-brbl-via-exim", exim(
        host=host, eid=eid, date=d, sender="clinic@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0",
                    "Remote-MTA: dns; d123456a.ess.barracudanetworks.com", "Diagnostic-Code: smtp; " + rep]],
        original=o, version="4.97", bts="1719930790"),
        [E("5.0.0", "554", "blocked")], [r],
        "Exim 4.97 to a Barracuda Email Security Service customer: 'Client host [...] blocked using "
        "Barracuda Reputation'. blocked; no enhanced code, Exim's 5.0.0.", "barracuda", crlf=False)

    # Barracuda "permanent failure for one or more recipients" (Postfix relay)
    d = "Wed,  3 Jul 2024 12:10:40 -0700 (PDT)"
    r = "r.chavez@example.net"
    o = orig("Team Updates <updates@example.org>", r, "Weekly update", "Wed, 3 Jul 2024 12:10:33 -0700",
             "wk27-update-99@example.org", "This week's update ...\n", mta="mail.example.org", rid="4WBvKc2mTnz8qLd")
    rep = (f"550 permanent failure for one or more recipients ({r}:550 5.1.1 <{r}>: Recipient address "
           "rejected: User unknown in virtual mailbox table)")
    add(F, "barracuda-permanent-failure-inner-5-1-1", postfix(
        host="mail.example.org", qid="4WBvKc2mTnz8qLd", stamp="1720033840",
        sender="updates@example.org", date=d, arrival="Wed,  3 Jul 2024 12:10:34 -0700 (PDT)",
        rcpts=[dict(addr=r, status="5.0.0", remote="d987654b.ess.barracudanetworks.com",
                    text=f"host d987654b.ess.barracudanetworks.com[203.0.113.171] said: {rep} (in reply to end of DATA command)",
                    diag="smtp; " + rep)],
        original=o), [E("5.1.1", "550", "userunknown")], [r],
        "Postfix relay to Barracuda ESS, which accepted the RCPT and relays the customer server's answer "
        "after DATA as '550 permanent failure for one or more recipients (addr:550 5.1.1 ... User unknown "
        "in virtual mailbox table)'. Postfix's DSN says 5.0.0; the quoted inner reply gives 5.1.1, which is "
        "expected. userunknown, hard.", "barracuda")

    # Hornetsecurity outbound NDR, German + English (reconstructed)
    r = "s.wagner@example.net"
    o = orig("Kanzlei Meyer <info@example.org>", r, "Schriftsatz Az. 12/24", "Thu, 4 Jul 2024 10:01:10 +0200",
             "20240704080110.3F2A1B@example.org", None, mta="mail.example.org", rid="hs1")
    text = f"""*** Deutsch ***

Ihre Nachricht konnte nicht zugestellt werden.

Empfänger: {r}
Grund:     Das Postfach des Empfängers ist voll.
Antwort des Empfangsservers: 552 5.2.2 <{r}>: Mailbox full

Es werden keine weiteren Zustellversuche unternommen.

*** English ***

Your message could not be delivered.

Recipient: {r}
Reason:    The recipient's mailbox is full.
Response of the receiving server: 552 5.2.2 <{r}>: Mailbox full

No further delivery attempts will be made.
"""
    top = f"""Return-Path: <>
Received: from mx-gate42-hz2.hornetsecurity.com (mx-gate42-hz2.hornetsecurity.com [203.0.113.180])
\tby mail.example.org (Postfix) with ESMTPS id 4WCm0X1Z7dz9sKq
\tfor <info@example.org>; Thu,  4 Jul 2024 10:01:25 +0200 (CEST)
From: Mail Delivery System <MAILER-DAEMON@hornetsecurity.com>
To: info@example.org
Subject: {ew("Unzustellbar / Undeliverable: Schriftsatz Az. 12/24", "utf-8", "Q", 45)}
Date: Thu, 04 Jul 2024 08:01:24 +0000
Message-ID: <ndr-8b1f2e3d4c5a6978@hornetsecurity.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="hs-ndr-8b1f2e3d4c5a6978"
"""
    msg = mp(top, "hs-ndr-8b1f2e3d4c5a6978", [
        ("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable", qp(text, "utf-8")),
        ("Content-Type: message/delivery-status",
         dsnpart("mx-gate42-hz2.hornetsecurity.com", [[f"Final-Recipient: rfc822; {r}", "Action: failed",
                                                       "Status: 5.2.2", "Remote-MTA: dns; mx.example.net",
                                                       f"Diagnostic-Code: smtp; 552 5.2.2 <{r}>: Mailbox full"]])),
        ("Content-Type: text/rfc822-headers", o)])
    add(F, "hornetsecurity-outbound-de-en-mailbox-full", msg, [E("5.2.2", "552", "mailboxfull")], [r],
        "Hornetsecurity outbound relay returning a failure for a customer, bilingual German/English "
        "human part (UTF-8 QP) plus DSN: remote 552 5.2.2 Mailbox full. mailboxfull. Hornetsecurity's NDR "
        "layout and wording are reconstructed, not quoted.", "hornetsecurity")

    # Retarus: banned attachment (reconstructed wording), Postfix relay
    d = "Fri,  5 Jul 2024 15:50:01 +0200 (CEST)"
    r = "einkauf@example.com"
    o = orig("Tools Vendor <support@example.org>", r, "Update tool", "Fri, 5 Jul 2024 15:49:55 +0200",
             "upd-tool-5512@example.org", None, mta="mail.example.org", rid="4WDR7j6Xw2z3bFt")
    rep = "550 5.7.1 Message rejected: attachment type not allowed by recipient policy (update.exe)"
    add(F, "retarus-banned-attachment", postfix(
        host="mail.example.org", qid="4WDR7j6Xw2z3bFt", stamp="1720187401",
        sender="support@example.org", date=d, arrival="Fri,  5 Jul 2024 15:49:55 +0200 (CEST)", headers_only=True,
        rcpts=[dict(addr=r, status="5.7.1", remote="mx01.retarus.com",
                    text=f"host mx01.retarus.com[203.0.113.190] said: {rep} (in reply to end of DATA command)",
                    diag="smtp; " + rep)],
        original=o), [E("5.7.1", "550", "policyviolation")], [r],
        "Postfix relay to a domain filtered by Retarus Email Security, which refuses an executable "
        "attachment type by the recipient organisation's policy. policyviolation (a banned attachment type "
        "is a policy of the receiving organisation, not spam or a virus). Retarus' wording reconstructed.",
        "retarus")

    # SpamExperts / N-able Mail Assure spam (cPanel Exim relay, reconstructed wording)
    host, eid, d = "server7.example.org", "1sSyT0-0000000Dk2A-3mQp", "Sat, 06 Jul 2024 11:21:40 +0000"
    r = "office@example.net"
    o = eorig("Marketing <marketing@example.org>", r, "Summer sale starts now", "Sat, 06 Jul 2024 11:21:37 +0000",
              "sale-0706-1881@example.org", "Our summer sale ...\n", host, "1sSySz-0000000Dk1Y-2WzQ",
              version="4.97.1")
    rep = "554 5.7.1 Message rejected because it is classified as spam (score 97)."
    text = EXIM_FAIL + (f"  {r}\n    host mx.spamexperts.com [203.0.113.200]\n"
                        f"    SMTP error from remote mail server after end of data:\n    {rep}\n")
    add(F, "spamexperts-spam-via-cpanel-exim", exim(
        host=host, eid=eid, date=d, sender="marketing@example.org", failed=[r], text=text,
        dsn_rcpts=[["Action: failed", f"Final-Recipient: rfc822;{r}", "Status: 5.0.0",
                    "Remote-MTA: dns; mx.spamexperts.com", "Diagnostic-Code: smtp; " + rep]],
        original=o, version="4.97.1", bts="1720264900", user="mailnull"),
        [E("5.7.1", "554", "spamdetected")], [r],
        "cPanel Exim 4.97.1 to a domain filtered by SpamExperts (N-able Mail Assure): refused after data "
        "as spam. spamdetected; 5.7.1 from the reply (DSN 5.0.0). The SpamExperts wording is reconstructed.",
        "spamexperts", crlf=False)

    # Trend Micro Email Reputation (Exchange 2019 English)
    gen = "EXMB02.corp.example.com"
    r = "support@example.net"
    osubj = "Case 00412: logs"
    o = xorig("Ops <ops@corp.example.com>", r, osubj, "Mon, 8 Jul 2024 07:40:00 +0000",
              "SN6PR04MB5555AAAA1111@EXMB02.corp.example.com", None, headers_only=True)
    diag = ("550 5.7.1 Service unavailable; client [192.0.2.99] blocked using Trend Micro Email Reputation "
            "database. Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.99")
    text = f"""Delivery has failed to these recipients or groups:

{r}<mailto:{r}>
Your message wasn't delivered because the recipient's email provider rejected it.






Diagnostic information for administrators:

Generating server: {gen}

{r}
Remote Server at in.hes.trendmicro.eu (203.0.113.210) returned '{diag}'
7/8/2024 7:40:06 AM - Remote Server at in.hes.trendmicro.eu (203.0.113.210) returned '{diag}'

Original message headers:

{hdr_block(o)}"""
    add(F, "trendmicro-ers-via-ex2019", exch2013(
        gen=gen, domain="corp.example.com", lang="en-US", subject="Undeliverable: " + osubj,
        date="Mon, 8 Jul 2024 07:40:07 +0000", sender="ops@corp.example.com", text=text,
        dsn=exch2019_dsn(gen, "Mon, 8 Jul 2024 07:40:02 +0000", [(r, "5.7.1", diag, "in.hes.trendmicro.eu")]),
        original=o, orig_mid="SN6PR04MB5555AAAA1111@EXMB02.corp.example.com", headers_only=True,
        boundary="71c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", altb="2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
        orig_subject=osubj),
        [E("5.7.1", "550", "blocked")], [r],
        "Exchange Server 2019 English NDR for a domain behind Trend Micro Email Security (hosted), whose "
        "Email Reputation Services refuse the sending IP ('blocked using Trend Micro Email Reputation "
        "database'). blocked.", "trendmicro")

    # Mimecast Invalid Recipient (Postfix relay)
    d = "Tue,  9 Jul 2024 09:09:09 +0100 (BST)"
    r = "j.patel@example.net"
    rep = "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [Xk3pQ_r2NsOaBcD1eFgHiJ.uk227]"
    o = orig("Recruitment <jobs@example.org>", r, "Interview invitation", "Tue, 9 Jul 2024 09:09:05 +0100",
             "iv-0709-2231@example.org", "Dear Jay, we would like to invite you ...\n", mta="mail.example.org",
             rid="4WG2bq0LkMz7mTs")
    add(F, "mimecast-invalid-recipient", postfix(
        host="mail.example.org", qid="4WG2bq0LkMz7mTs", stamp="1720512549",
        sender="jobs@example.org", date=d, arrival="Tue,  9 Jul 2024 09:09:05 +0100 (BST)",
        rcpts=[dict(addr=r, status="5.0.0", remote="eu-smtp-inbound-1.mimecast.com",
                    text=f"host eu-smtp-inbound-1.mimecast.com[203.0.113.220] said: {rep} (in reply to RCPT TO command)",
                    diag="smtp; " + rep)],
        original=o), [E("5.0.0", "550", "userunknown")], [r],
        "Postfix relay to a Mimecast customer: '550 Invalid Recipient - https://community.mimecast.com/docs/"
        "DOC-1369#550 [id]' at RCPT. userunknown, hard. No enhanced code: Postfix's 5.0.0 is what the "
        "message states.", "mimecast")


# --------------------------------------------------------------------------- negatives

def gen_negative():
    F = "negative"
    # human reply quoting a bounce
    body = """Hallo Frau Schneider,

Ihre Mail an unseren Vertrieb kam leider zurück, weil die Adresse
vertrieb-alt@example.com seit Mai nicht mehr existiert. Bei mir kam
folgende Meldung an:

> <vertrieb-alt@example.com>: host mx.example.com[192.0.2.10] said: 550
>     5.1.1 <vertrieb-alt@example.com>: Recipient address rejected: User
>     unknown in virtual mailbox table (in reply to RCPT TO command)

Bitte schreiben Sie künftig an vertrieb@example.com – ich habe Ihre
Anfrage bereits weitergeleitet.

Mit freundlichen Grüßen
Thomas Weber
--
Example GmbH · Vertrieb Innendienst
"""
    msg = f"""Return-Path: <t.weber@example.com>
Received: from mail.example.com (mail.example.com [192.0.2.10])
\tby mx.example.org (Postfix) with ESMTPS id 4WHk2P0mQ1z5vRt
\tfor <a.schneider@example.org>; Wed, 10 Jul 2024 11:02:44 +0200 (CEST)
Message-ID: <8e2c1a0b-7f6d-4e5c-9b8a-1d2e3f4a5b6c@example.com>
Date: Wed, 10 Jul 2024 11:02:40 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Thomas Weber <t.weber@example.com>
To: Anja Schneider <a.schneider@example.org>
Subject: =?UTF-8?Q?Re=3A_Ihre_Anfrage_kam_zur=C3=BCck_=28Undelivered_Mail_Returned?=
 =?UTF-8?Q?_to_Sender=29?=
In-Reply-To: <20240710083011.5512@example.org>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: quoted-printable

{qp(body, "utf-8")}"""
    SAMPLES.append((F, "human-reply-quoting-postfix-bounce-de", msg.replace("\n", "\r\n").encode("ascii"),
                    {"module": "unseen2-negative", "kind": "bounce-sample", "expected": [], "recipients": [],
                     "note": "A person (German, UTF-8 QP) replies that an earlier mail bounced and quotes the "
                             "Postfix line with 550 5.1.1; the subject even contains 'Undelivered Mail Returned "
                             "to Sender'. Ordinary human mail: nothing to report."}))

    # Outlook read receipt (MDN)
    b = "_7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8_"
    text = """Your message

To: Lisa Brandt
Subject: Freigabe Budget Q3
Sent: Thursday, July 11, 2024 9:15:02 AM (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna

was read on Thursday, July 11, 2024 9:41:17 AM (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.
"""
    msg = f"""From: Lisa Brandt <l.brandt@example.com>
To: Georg Fuchs <g.fuchs@example.org>
Subject: Read: Freigabe Budget Q3
Date: Thu, 11 Jul 2024 07:41:17 +0000
Message-ID: <AM0PR07MB4456A1B2C3D4E5F6@AM0PR07MB4456.eurprd07.prod.outlook.example>
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
\tboundary="{b}"

--{b}
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(text, "us-ascii")}
--{b}
Content-Type: message/disposition-notification

Final-Recipient: RFC822; l.brandt@example.com
Disposition: automatic-action/MDN-sent-automatically; displayed
X-MSExch-Correlation-Key: 2mQ0sFf1NkS3k0Yb1pX0xQ==
Original-Message-ID: <2f1e0d9c-8b7a-4c6d-5e4f-3a2b1c0d9e8f@example.org>

--{b}--
"""
    SAMPLES.append((F, "outlook-read-receipt-mdn", msg.replace("\n", "\r\n").encode("ascii"),
                    {"module": "unseen2-negative", "kind": "bounce-sample", "expected": [], "recipients": [],
                     "note": "Outlook/Exchange read receipt: multipart/report with report-type=disposition-"
                             "notification ('Read: ...', Disposition displayed). Not a delivery report; "
                             "nothing to report."}))

    # parcel carrier 'delivery failed' notice
    text = """Sendungsverfolgung / Shipment tracking

Sendungsnummer: 00340434161234567890

Status: Zustellung fehlgeschlagen – Empfänger nicht angetroffen
Status: Delivery failed – recipient not available

Wir haben Sie heute um 10:42 Uhr leider nicht angetroffen. Ihre Sendung
liegt ab morgen 14:00 Uhr in der Filiale Hauptstraße 12 zur Abholung
bereit. Wird die Sendung nicht innerhalb von 7 Werktagen abgeholt, geht
sie an den Absender zurück (return to sender).

Undeliverable parcels are returned to the sender after 7 working days.

Ihr Paketdienst
https://tracking.example.com/de/00340434161234567890
"""
    b = "----=_Part_991823_551231.1720684800000"
    msg = f"""Return-Path: <bounce-4471-a.neumann=example.org@mailing.example.com>
Received: from mailing.example.com (mailing.example.com [203.0.113.230])
\tby mx.example.org (Postfix) with ESMTPS id 4WJ4sT2h9Yz8pQm
\tfor <a.neumann@example.org>; Thu, 11 Jul 2024 10:45:02 +0200 (CEST)
From: Paketdienst Sendungsverfolgung <noreply@tracking.example.com>
To: a.neumann@example.org
Subject: =?UTF-8?Q?Zustellung_fehlgeschlagen_=E2=80=93_Sendung_00340434161234567890?=
Date: Thu, 11 Jul 2024 10:45:00 +0200
Message-ID: <trk.00340434161234567890.1720687500@tracking.example.com>
List-Unsubscribe: <https://tracking.example.com/unsub?t=Zx81Qp>
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="{b}"

--{b}
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{qp(text, "utf-8")}
--{b}
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

{b64(html_of(text), "utf-8")}
--{b}--
"""
    SAMPLES.append((F, "parcel-delivery-failed-notice", msg.replace("\n", "\r\n").encode("ascii"),
                    {"module": "unseen2-negative", "kind": "bounce-sample", "expected": [], "recipients": [],
                     "note": "A parcel carrier's tracking notice 'Zustellung fehlgeschlagen / Delivery failed "
                             "... return to sender ... undeliverable', Auto-Submitted, from a no-reply "
                             "address with a VERP-like Return-Path. It is about a parcel, not an e-mail: "
                             "nothing to report."}))

    # DMARC aggregate report (gzip)
    import gzip
    xml = """<?xml version="1.0" encoding="UTF-8" ?>
<feedback>
  <report_metadata>
    <org_name>example.net</org_name>
    <email>dmarc-reports@example.net</email>
    <report_id>8812377120451337</report_id>
    <date_range><begin>1720569600</begin><end>1720655999</end></date_range>
  </report_metadata>
  <policy_published>
    <domain>example.org</domain><adkim>r</adkim><aspf>r</aspf><p>reject</p><sp>reject</sp><pct>100</pct>
  </policy_published>
  <record>
    <row>
      <source_ip>192.0.2.77</source_ip><count>3</count>
      <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated>
    </row>
    <identifiers><header_from>example.org</header_from></identifiers>
    <auth_results>
      <dkim><domain>example.org</domain><result>fail</result></dkim>
      <spf><domain>example.org</domain><result>fail</result></spf>
    </auth_results>
  </record>
</feedback>
"""
    gz = gzip.compress(xml.encode(), mtime=0)
    att = base64.encodebytes(gz).decode()
    b = "000000000000a1b2c3061d0f4e5b"
    msg = f"""Return-Path: <dmarc-reports@example.net>
Received: from mx.example.net (mx.example.net [203.0.113.240])
\tby mx.example.org (Postfix) with ESMTPS id 4WJh0Z3s1Lz2kRp
\tfor <dmarc@example.org>; Thu, 11 Jul 2024 06:12:30 +0200 (CEST)
From: DMARC Aggregate Report <dmarc-reports@example.net>
To: dmarc@example.org
Subject: Report domain: example.org Submitter: example.net Report-ID: <8812377120451337>
Date: Wed, 10 Jul 2024 20:59:59 -0700
Message-ID: <8812377120451337@example.net>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

--{b}
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

This is an aggregate report from example.net.

Report domain: example.org
Submitter: example.net
Report-ID: 8812377120451337

--{b}
Content-Type: application/gzip;
\tname="example.net!example.org!1720569600!1720655999.xml.gz"
Content-Disposition: attachment;
\tfilename="example.net!example.org!1720569600!1720655999.xml.gz"
Content-Transfer-Encoding: base64

{att}
--{b}--
"""
    SAMPLES.append((F, "dmarc-aggregate-report-reject-rows", msg.replace("\n", "\r\n").encode("ascii"),
                    {"module": "unseen2-negative", "kind": "bounce-sample", "expected": [], "recipients": [],
                     "note": "DMARC aggregate (RUA) report, gzip XML attachment, whose rows say "
                             "disposition=reject with SPF/DKIM fail. A report about other mail, not a "
                             "bounce: nothing to report."}))


# --------------------------------------------------------------------------- main

def build():
    SAMPLES.clear()
    gen_postfix()
    gen_exim()
    gen_sendmail_qmail()
    gen_exchange()
    gen_exchange2003()
    gen_mailservers()
    gen_gateways()
    gen_negative()
    names = [(f, n) for f, n, _, _ in SAMPLES]
    assert len(names) == len(set(names)), "duplicate sample names"
    return SAMPLES


def main():
    check = "--check" in sys.argv
    bad = 0
    for folder, name, data, side in build():
        d = os.path.join(ROOT, folder)
        js = (json.dumps(side, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        for path, content in ((os.path.join(d, name + ".eml"), data), (os.path.join(d, name + ".json"), js)):
            if check:
                try:
                    with open(path, "rb") as fh:
                        same = fh.read() == content
                except FileNotFoundError:
                    same = False
                if not same:
                    print("differs:", os.path.relpath(path, ROOT))
                    bad += 1
            else:
                os.makedirs(d, exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(content)
    if check:
        print("ok" if not bad else f"{bad} file(s) differ")
        return 1 if bad else 0
    print(f"wrote {len(SAMPLES)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
