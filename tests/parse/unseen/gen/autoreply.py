# ruff: noqa: RUF001
"""Out-of-office and other auto-replies: Exchange/Outlook in fourteen languages,
Sieve vacation, the old vacation(1) without RFC 3834 headers, cPanel, Zimbra,
and two ticket systems."""

from __future__ import annotations

from common import Sample, b64, bounce_addr, ew, exp, h, msgid_of, qp

OOF = {
    "en": ("Automatic reply:", "Thank you for your message. I am out of the office until 27 November with no access to email.\nFor urgent matters please contact office@{dom}.\n\nKind regards\n{name}"),
    "de": ("Automatische Antwort:", "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 27.11. nicht im Büro und habe keinen Zugriff auf meine E-Mails.\nIn dringenden Fällen wenden Sie sich bitte an office@{dom}.\n\nMit freundlichen Grüßen\n{name}"),
    "fr": ("Réponse automatique :", "Bonjour,\n\nJe suis absente du bureau jusqu'au 27 novembre inclus. Je traiterai votre message à mon retour.\nEn cas d'urgence, merci de contacter accueil@{dom}.\n\nCordialement,\n{name}"),
    "es": ("Respuesta automática:", "Gracias por su mensaje. Estaré fuera de la oficina hasta el 27 de noviembre, sin acceso al correo electrónico.\nPara asuntos urgentes, escriba a oficina@{dom}.\n\nSaludos cordiales,\n{name}"),
    "it": ("Risposta automatica:", "Grazie per il messaggio. Sarò fuori ufficio fino al 27 novembre.\nPer questioni urgenti scrivere a segreteria@{dom}.\n\nCordiali saluti,\n{name}"),
    "nl": ("Automatisch antwoord:", "Bedankt voor uw bericht. Ik ben tot en met 27 november afwezig en lees mijn e-mail niet.\nVoor dringende zaken kunt u terecht bij info@{dom}.\n\nMet vriendelijke groet,\n{name}"),
    "pt": ("Resposta automática:", "Obrigado pela sua mensagem. Estarei fora do escritório até 27 de novembro, sem acesso ao e-mail.\nPara assuntos urgentes, escreva para contato@{dom}.\n\nAtenciosamente,\n{name}"),
    "pl": ("Odpowiedź automatyczna:", "Dziękuję za wiadomość. Jestem na urlopie do 27 listopada i nie mam dostępu do poczty.\nW pilnych sprawach proszę pisać na biuro@{dom}.\n\nPozdrawiam,\n{name}"),
    "ru": ("Автоматический ответ:", "Спасибо за ваше письмо. Я в отпуске до 27 ноября и не читаю почту.\nПо срочным вопросам пишите на office@{dom}.\n\nС уважением,\n{name}"),
    "ja": ("自動応答:", "メールありがとうございます。\n11月27日まで休暇のため不在にしております。\n急ぎのご用件は office@{dom} までご連絡ください。\n\n{name}"),
    "zh": ("自动回复:", "您好，感谢您的来信。\n本人休假至11月27日，期间无法及时回复邮件。\n如有急事请联系 office@{dom}。\n\n{name}"),
    "ko": ("자동 회신:", "메일 감사합니다.\n11월 27일까지 휴가 중이라 메일 확인이 어렵습니다.\n급한 용무는 office@{dom} 으로 연락 주십시오.\n\n{name}"),
    "sv": ("Autosvar:", "Tack för ditt meddelande. Jag är ledig till och med den 27 november och läser inte min e-post.\nVid brådskande ärenden, kontakta kontor@{dom}.\n\nMed vänliga hälsningar\n{name}"),
    "cs": ("Automatická odpověď:", "Děkuji za zprávu. Do 27. listopadu jsem mimo kancelář a nemám přístup k e-mailu.\nV naléhavých případech pište na kancelar@{dom}.\n\nS pozdravem\n{name}"),
}  # fmt: skip

SUBJ = "Your weekly update: what's new this week"

PEOPLE = {
    "en": ("Olivia Reed", "olivia.reed@example.com", "us-ascii", "7bit"),
    "de": ("Jürgen Vogel", "j.vogel@firma.example", "iso-8859-1", "quoted-printable"),
    "fr": ("Camille Durand", "c.durand@societe.example", "utf-8", "quoted-printable"),
    "es": ("Lucía Navarro", "l.navarro@empresa.example", "utf-8", "base64"),
    "it": ("Giulia Conti", "g.conti@azienda.example", "iso-8859-1", "quoted-printable"),
    "nl": ("Pieter Bakker", "p.bakker@bedrijf.example", "us-ascii", "7bit"),
    "pt": ("João Ribeiro", "j.ribeiro@empresa-br.example", "utf-8", "quoted-printable"),
    "pl": ("Zofia Lewandowska", "z.lewandowska@firma-pl.example", "iso-8859-2", "quoted-printable"),
    "ru": ("Мария Соколова", "m.sokolova@kompaniya.example", "koi8-r", "base64"),
    "ja": ("佐藤 花子", "h.sato@kaisha.example.jp", "iso-2022-jp", "7bit"),
    "zh": ("刘洋", "liu.yang@gongsi-cn.example", "gb2312", "base64"),
    "ko": ("정하늘", "jung.haneul@hoesa.example", "euc-kr", "base64"),
    "sv": ("Ingrid Holm", "ingrid.holm@foretag.example", "iso-8859-1", "quoted-printable"),
    "cs": ("Tomáš Dvořák", "t.dvorak@firma-cz.example", "utf-8", "base64"),
}  # fmt: skip


def encode_body(text: str, cs: str, cte: str) -> str:
    if cte == "base64":
        return b64(text, cs)
    if cte == "quoted-printable":
        return qp(text, cs)
    return text.encode(cs).decode("ascii")


def outlook_oof(lang: str, i: int) -> Sample:
    prefix, body = OOF[lang]
    name, addr, cs, cte = PEOPLE[lang]
    dom = addr.split("@")[1]
    path = f"autoreply/outlook-oof-{lang}"
    to = bounce_addr(path, i)
    text = body.format(dom=dom, name=name) + "\n"
    subject = f"{prefix} {SUBJ}"
    scs = "utf-8" if cs in ("us-ascii", "koi8-r") else cs
    subj_h = subject if subject.isascii() else ew(subject, scs)
    disp = name if name.isascii() else ew(name, scs)
    srv = f"EX{int(h(path, 2), 16) % 20 + 1:02d}.{dom}"
    raw = (
        f"Received: from {srv} (203.0.113.{int(h(path, 2), 16) % 200 + 20}) by mx.{to.split('@')[1]}\n"
        f" with ESMTPS id {h(path, 10)}; Tue, 14 Nov 2023 01:21:40 +0000\n"
        f"From: {disp} <{addr}>\n"
        f"To: <{to}>\n"
        f"Subject: {subj_h}\n"
        f"Thread-Topic: {SUBJ}\n"
        f"Thread-Index: AQHaFq{h(path, 16)}==\n"
        "Date: Tue, 14 Nov 2023 01:21:39 +0000\n"
        f"Message-ID: <{h(path, 8)}-{h(path + 'a', 4)}-{h(path + 'b', 4)}-{h(path + 'c', 4)}-{h(path + 'd', 12)}@{srv}>\n"
        f"In-Reply-To: {msgid_of(path, i)}\n"
        f"References: {msgid_of(path, i)}\n"
        "X-MS-Has-Attach:\n"
        "X-MS-Exchange-Organization-SCL: -1\n"
        "X-MS-TNEF-Correlator:\n"
        "X-MS-Exchange-Inbox-Rules-Loop: " + addr + "\n"
        "X-Auto-Response-Suppress: All\n"
        "Auto-Submitted: auto-generated\n"
        f"Content-Language: {lang}\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: text/plain; charset="{cs}"\n'
        f"Content-Transfer-Encoding: {cte}\n\n" + encode_body(text, cs, cte) + "\n"
    )
    return Sample(
        path=path,
        raw=raw,
        module="unseen-autoreply",
        expected=[exp("", "", "vacation")],
        recipients=[addr],
        note=f"Exchange/Outlook out-of-office reply in {lang} ('{prefix}'), Auto-Submitted: "
        "auto-generated and X-Auto-Response-Suppress. vacation; the recipient is the person who "
        "is away (the newsletter recipient).",
        crlf=True,
    )


def plain(
    path: str,
    headers: str,
    body: str,
    rcpt: str,
    note: str,
    crlf: bool = True,
    kind: str = "bounce-sample",
) -> Sample:
    return Sample(
        path=path,
        raw=headers + "\n" + body,
        module="unseen-autoreply",
        expected=[exp("", "", "vacation")],
        recipients=[rcpt],
        note=note,
        crlf=crlf,
        kind=kind,
    )


def samples() -> list[Sample]:
    S: list[Sample] = [outlook_oof(lang, n % 4) for n, lang in enumerate(OOF)]

    # Sieve vacation (Dovecot Pigeonhole), German text
    path = "autoreply/sieve-vacation-de"
    to = bounce_addr(path, 3)
    S.append(
        plain(
            path,
            "Return-Path: <>\n"
            "Received: from mail.example.de by mail.example.de with LMTP id 4Kx7MQ/dUmVhHQAA\n\t; Tue, 14 Nov 2023 02:21:40 +0100\n"
            "Date: Tue, 14 Nov 2023 02:21:40 +0100\n"
            f"Message-ID: <dovecot-sieve-1699924900-{int(h(path, 5), 16)}-0@mail.example.de>\n"
            "From: <f.schulze@example.de>\n"
            f"To: <{to}>\n"
            f"Subject: Auto: {SUBJ}\n"
            f"In-Reply-To: {msgid_of(path, 3)}\n"
            f"References: {msgid_of(path, 3)}\n"
            "Auto-Submitted: auto-replied (vacation)\n"
            "Precedence: bulk\n"
            "X-Sieve: Pigeonhole Sieve 0.5.21\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n",
            "Guten Tag,\n\nich bin bis zum 24.11.2023 im Urlaub. Ihre E-Mail wird nicht weitergeleitet.\n\nFrank Schulze\n",
            "f.schulze@example.de",
            "Dovecot Pigeonhole vacation: 'Auto: <subject>', Auto-Submitted: auto-replied (vacation), 8bit "
            "UTF-8. LF line endings.",
            crlf=False,
        )
    )

    # old vacation(1), no RFC 3834 headers
    path = "autoreply/unix-vacation-no-rfc3834"
    to = bounce_addr(path, 1)
    S.append(
        plain(
            path,
            "Return-Path: <m.clark@example.edu>\n"
            "Received: (from mclark@localhost)\n\tby shell.example.edu (8.14.7/8.14.7/Submit) id 3AE1Lf2x019283;\n\tMon, 13 Nov 2023 20:21:41 -0500\n"
            "Date: Mon, 13 Nov 2023 20:21:41 -0500\n"
            "From: Matthew Clark <m.clark@example.edu>\n"
            f"To: {to}\n"
            "Subject: away from my mail\n"
            f"Message-Id: <202311140121.3AE1Lf2x019283@shell.example.edu>\n"
            "Precedence: junk\n"
            "X-Mailer: vacation 1.2.7.1\n",
            "I am away on sabbatical until January and will read your mail when I\nreturn. For department business contact the secretary.\n\n-- Matthew\n",
            "m.clark@example.edu",
            "Classic vacation(1) without Auto-Submitted or any RFC 3834 header: only 'Precedence: junk', "
            "'X-Mailer: vacation' and the subject 'away from my mail' say it is an auto-reply. vacation.",
            crlf=False,
        )
    )

    # cPanel autoresponder
    path = "autoreply/cpanel-autoresponder"
    to = bounce_addr(path, 2)
    S.append(
        plain(
            path,
            "Return-path: <>\n"
            "Received: from [127.0.0.1] (port=51022 helo=server88.webhost.example)\n\tby server88.webhost.example with esmtpa (Exim 4.96.2)\n"
            f"\tid 1r2Xy7-0006Ab-2Q\n\tfor {to};\n\tTue, 14 Nov 2023 01:21:42 +0000\n"
            "From: sales@example-shop.example\n"
            f"To: {to}\n"
            f"Subject: Re: {SUBJ}\n"
            "Date: Tue, 14 Nov 2023 01:21:42 +0000\n"
            "Message-Id: <E1r2Xy7-0006Ab-2Q@server88.webhost.example>\n"
            "X-Autorespond: " + SUBJ + "\n"
            "Precedence: auto_reply\n"
            "X-Precedence: auto_reply\n"
            "Auto-Submitted: auto-replied\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n",
            "Thanks for contacting Example Shop! We answer all messages within two business days.\n",
            "sales@example-shop.example",
            "cPanel autoresponder (X-Autorespond, Precedence: auto_reply, Auto-Submitted). An auto-reply, not "
            "an absence notice, but the vocabulary files every automatic reply under vacation.",
        )
    )

    # Zimbra out of office
    path = "autoreply/zimbra-out-of-office"
    to = bounce_addr(path, 0)
    S.append(
        plain(
            path,
            "Return-Path: <>\n"
            "Date: Tue, 14 Nov 2023 02:21:43 +0100 (CET)\n"
            "From: Bruno Marchetti <b.marchetti@example.it>\n"
            f"To: {to}\n"
            f"Message-ID: <{int(h(path, 6), 16)}.{int(h(path + 'z', 5), 16)}.1699924903210.JavaMail.zimbra@example.it>\n"
            f"In-Reply-To: {msgid_of(path, 0)}\n"
            "Subject: Fuori ufficio / Out of office\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "Auto-Submitted: auto-replied (zimbra; vacation)\n"
            "Precedence: bulk\n"
            "X-Mailer: Zimbra 9.0.0_GA_4546 (zclient/9.0.0_GA_4546)\n",
            qp(
                "Sarò assente fino al 20 novembre. / I am away until 20 November.\n\nBruno Marchetti\n"
            ),
            "b.marchetti@example.it",
            "Zimbra out-of-office (Auto-Submitted: auto-replied (zimbra; vacation)), Italian/English.",
        )
    )

    # Gmail vacation responder
    path = "autoreply/gmail-vacation-responder"
    to = bounce_addr(path, 1)
    S.append(
        plain(
            path,
            "Received: by mail-sor-f41.google.com with SMTP id 6a1803df08f44-6d3a1f2b3c4so91234566d6.1\n"
            f"        for <{to}>; Mon, 13 Nov 2023 17:21:44 -0800 (PST)\n"
            "From: Priya Raman <priya.raman@example.com>\n"
            f"To: {to}\n"
            f"Subject: Re: {SUBJ}\n"
            f"In-Reply-To: {msgid_of(path, 1)}\n"
            f"References: {msgid_of(path, 1)}\n"
            "Date: Mon, 13 Nov 2023 17:21:44 -0800\n"
            f"Message-ID: <CAG{h(path, 30)}@mail.gmail.com>\n"
            "Auto-Submitted: auto-replied\n"
            "X-Autoreply: yes\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/alternative; boundary="000000000000{h(path, 12)}"\n',
            f'--000000000000{h(path, 12)}\nContent-Type: text/plain; charset="UTF-8"\n\n'
            "Hi, I'm on parental leave until March. Your email will not be forwarded.\nPriya\n\n"
            f'--000000000000{h(path, 12)}\nContent-Type: text/html; charset="UTF-8"\n\n'
            '<div dir="ltr">Hi, I\'m on parental leave until March. Your email will not be forwarded.<br>Priya</div>\n\n'
            f"--000000000000{h(path, 12)}--\n",
            "priya.raman@example.com",
            "Gmail vacation responder: subject 'Re: <subject>', Auto-Submitted: auto-replied, multipart/alternative.",
        )
    )

    # RT ticket system
    path = "autoreply/rt-ticket-autoreply"
    to = bounce_addr(path, 2)
    S.append(
        plain(
            path,
            "Return-Path: <support@example.org>\n"
            "Date: Tue, 14 Nov 2023 01:21:45 +0000\n"
            f"Subject: [example.org #48213] AutoReply: {SUBJ}\n"
            'From: "Example Support via RT" <support@example.org>\n'
            "Reply-To: support@example.org\n"
            f"In-Reply-To: {msgid_of(path, 2)}\n"
            f"References: <RT-Ticket-48213@example.org> {msgid_of(path, 2)}\n"
            f"Message-ID: <rt-5.0.5-{int(h(path, 5), 16)}-1699924905-1234.48213-3-0@example.org>\n"
            f"To: {to}\n"
            "Precedence: bulk\n"
            "Auto-Submitted: auto-generated\n"
            "X-RT-Loop-Prevention: example.org\n"
            "RT-Ticket: example.org #48213\n"
            "RT-Originator: " + to + "\n"
            "MIME-Version: 1.0\n"
            'Content-Type: text/plain; charset="utf-8"\n'
            "Content-Transfer-Encoding: 8bit\n",
            f'Greetings,\n\nThis message has been automatically generated in response to the\ncreation of a trouble ticket regarding:\n\t"{SUBJ}",\n'
            "a summary of which appears below.\n\nThere is no need to reply to this message right now.  Your ticket has been\n"
            "assigned an ID of [example.org #48213].\n\nPlease include the string:\n\n         [example.org #48213]\n\n"
            "in the subject line of all future correspondence about this issue. To do so,\nyou may reply to this message.\n\n"
            "                        Thank you,\n                        support@example.org\n",
            "support@example.org",
            "Request Tracker's AutoReply after the newsletter (sent to a support@ list member) opened a ticket. "
            "Auto-Submitted: auto-generated. The brief files ticket auto-replies with auto-replies: vacation. "
            "Debatable: it says nothing about the recipient being away, and 'no finding' would also be "
            "harmless; what matters is that it is never a bounce.",
            crlf=False,
        )
    )

    # Zendesk
    path = "autoreply/zendesk-request-received"
    to = bounce_addr(path, 0)
    S.append(
        plain(
            path,
            "Date: Tue, 14 Nov 2023 01:21:46 +0000\n"
            "From: Example Helpdesk <help@example.net>\n"
            "Reply-To: Example Helpdesk <help+id9482731@example.net>\n"
            f"To: {to}\n"
            f"Message-ID: <{h(path, 13).upper()}_6553ab4a_{h(path + 'q', 6)}@example.zendesk.com>\n"
            f"In-Reply-To: {msgid_of(path, 0)}\n"
            f"Subject: [Example Helpdesk] Re: {SUBJ}\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "X-Mailer: Zendesk Mailer\n"
            "X-Zendesk-From-Account-Id: 5f1a2b3\n"
            "Auto-Submitted: auto-generated\n"
            "X-Auto-Response-Suppress: All\n",
            qp(
                "##- Please type your reply above this line -##\n\nYour request (9482731) has been received and is being reviewed by our support staff.\n\n"
                "To add additional comments, reply to this email.\n"
            ),
            "help@example.net",
            "Zendesk 'request received' auto-reply (Auto-Submitted: auto-generated). vacation by the brief's "
            "grouping; same caveat as the RT sample.",
        )
    )
    return S
