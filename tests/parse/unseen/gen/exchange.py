# ruff: noqa: RUF001
"""Exchange 2010/2013/2016/2019 on-premises and Office 365 NDRs, in English and
eleven other languages."""

from __future__ import annotations

from common import (
    H,
    Sample,
    b64,
    bounce_addr,
    ew,
    exp,
    h,
    msgid_of,
    multipart,
    original,
    qp,
)

L = {
    "en": dict(subj="Undeliverable:", failed="Delivery has failed to these recipients or groups:",
               diag="Diagnostic information for administrators:", gen="Generating server:",
               recv="Receiving server:", orig="Original message headers:",
               notfound="The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your email admin.",
               notfound2010="The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. If the problem continues, please contact your helpdesk.",
               full="The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.",
               rejected="Your message wasn't delivered because the recipient's email provider rejected it.",
               noperm="You don't have permission to send to this recipient. For assistance, contact your email system administrator.",
               problem="A problem occurred during the delivery of this message. Microsoft Exchange will not try to redeliver this message for you. Please try resending this message later, or provide the following diagnostic text to your system administrator.",
               expired="Delivery to this recipient or group failed because the recipient's email system didn't respond for an extended period. Try sending the message again later. If the problem continues, contact your email admin.",
               lang="en-US"),
    "de": dict(subj="Unzustellbar:", failed="Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
               diag="Diagnoseinformationen für Administratoren:", gen="Generierender Server:",
               recv="Empfangender Server:", orig="Ursprüngliche Nachrichtenkopfzeilen:",
               notfound="Die eingegebene E-Mail-Adresse wurde nicht gefunden. Überprüfen Sie die E-Mail-Adresse des Empfängers, und versuchen Sie dann, die Nachricht erneut zu senden. Wenn das Problem weiterhin besteht, wenden Sie sich an Ihren E-Mail-Administrator.",
               full="Das Postfach des Empfängers ist voll und kann derzeit keine Nachrichten empfangen. Versuchen Sie später, die Nachricht erneut zu senden, oder wenden Sie sich direkt an den Empfänger.",
               rejected="Ihre Nachricht wurde nicht zugestellt, weil der E-Mail-Anbieter des Empfängers sie abgelehnt hat.",
               lang="de-DE"),
    "fr": dict(subj="Non remis :", failed="La remise aux destinataires ou groupes suivants a échoué :",
               diag="Informations de diagnostic pour les administrateurs :", gen="Serveur de génération :",
               recv="Serveur de réception :", orig="En-têtes de message d'origine :",
               notfound="L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse de messagerie du destinataire, puis essayez de renvoyer le message. Si le problème persiste, contactez votre administrateur de messagerie.",
               rejected="Votre message n'a pas été remis, car le fournisseur de messagerie du destinataire l'a rejeté.",
               lang="fr-FR"),
    "es": dict(subj="No se puede entregar:", failed="Error en la entrega a estos destinatarios o grupos:",
               diag="Información de diagnóstico para administradores:", gen="Servidor de generación:",
               recv="Servidor receptor:", orig="Encabezados de mensaje originales:",
               notfound="No se encontró la dirección de correo electrónico que escribió. Compruebe la dirección de correo electrónico del destinatario e intente reenviar el mensaje. Si el problema continúa, póngase en contacto con su administrador de correo electrónico.",
               lang="es-ES"),
    "nl": dict(subj="Onbestelbaar:", failed="Bezorging is mislukt voor deze ontvangers of groepen:",
               diag="Diagnostische gegevens voor beheerders:", gen="Server genereren:",
               recv="Ontvangende server:", orig="Oorspronkelijke berichtkoppen:",
               rejected="Uw bericht is niet bezorgd, omdat de e-mailprovider van de geadresseerde het heeft geweigerd.",
               lang="nl-NL"),
    "pt": dict(subj="Não é possível entregar:", failed="Falha na entrega para estes destinatários ou grupos:",
               diag="Informações de diagnóstico para administradores:", gen="Servidor de geração:",
               recv="Servidor de recebimento:", orig="Cabeçalhos originais da mensagem:",
               notfound="O endereço de email inserido não foi encontrado. Verifique o endereço de email do destinatário e tente reenviar a mensagem. Se o problema persistir, entre em contato com o administrador de email.",
               lang="pt-BR"),
    "it": dict(subj="Impossibile recapitare:", failed="Recapito non riuscito a questi destinatari o gruppi:",
               diag="Informazioni di diagnostica per gli amministratori:", gen="Server di generazione:",
               recv="Server ricevente:", orig="Intestazioni originali del messaggio:",
               full="La cassetta postale del destinatario è piena e al momento non può accettare messaggi. Provare a inviare di nuovo il messaggio più tardi o contattare direttamente il destinatario.",
               lang="it-IT"),
    "pl": dict(subj="Niedostarczalne:", failed="Dostarczenie do tych adresatów lub grup nie powiodło się:",
               diag="Informacje diagnostyczne dla administratorów:", gen="Serwer generujący:",
               recv="Serwer odbierający:", orig="Oryginalne nagłówki wiadomości:",
               notfound="Nie można odnaleźć wprowadzonego adresu e-mail. Sprawdź adres e-mail adresata i spróbuj ponownie wysłać wiadomość. Jeśli problem będzie się powtarzać, skontaktuj się z administratorem poczty e-mail.",
               lang="pl-PL"),
    "ru": dict(subj="Недоставляемое сообщение:", failed="Не удалось доставить сообщение следующим получателям или группам:",
               diag="Диагностические сведения для администраторов:", gen="Сервер создания:",
               recv="Сервер получения:", orig="Исходные заголовки сообщения:",
               notfound="Не удалось найти введенный адрес электронной почты. Проверьте адрес электронной почты получателя и попробуйте отправить сообщение еще раз. Если проблема повторится, обратитесь к администратору электронной почты.",
               lang="ru-RU"),
    "zh-tw": dict(subj="無法傳遞:", failed="傳遞至下列收件者或群組失敗:",
                  diag="系統管理員的診斷資訊:", gen="產生伺服器:", recv="接收伺服器:",
                  orig="原始郵件標頭:",
                  notfound="找不到您輸入的電子郵件地址。請檢查收件者的電子郵件地址，然後嘗試重新傳送郵件。如果問題持續發生，請連絡您的電子郵件管理員。",
                  lang="zh-TW"),
    "zh-cn": dict(subj="无法传递:", failed="未能传递到这些收件人或组:",
                  diag="管理员的诊断信息:", gen="生成服务器:", recv="接收服务器:",
                  orig="原始邮件头:",
                  rejected="由于收件人的电子邮件提供商拒绝了你的邮件，因此该邮件未送达。",
                  lang="zh-CN"),
    "ja": dict(subj="配信不能:", failed="次の受信者またはグループへの配信に失敗しました:",
               diag="管理者向けの診断情報:", gen="生成サーバー:", recv="受信サーバー:",
               orig="元のメッセージ ヘッダー:",
               notfound="入力した電子メール アドレスが見つかりませんでした。受信者の電子メール アドレスを確認して、メッセージを再送信してください。問題が解決しない場合は、電子メール管理者に問い合わせてください。",
               lang="ja-JP"),
}  # fmt: skip

SUBJECTS = {
    "en": "Your weekly update: what's new this week",
    "de": "Ihr Wochenüberblick: Neuigkeiten dieser Woche",
    "fr": "Votre lettre de la semaine : les nouveautés",
    "es": "Su resumen semanal: novedades de esta semana",
    "nl": "Uw weekoverzicht: nieuw deze week",
    "pt": "Seu resumo semanal: novidades desta semana",
    "it": "Il tuo riepilogo settimanale: novità della settimana",
    "pl": "Twój tygodniowy przegląd: nowości tego tygodnia",
    "ru": "Ваш еженедельный обзор: новости недели",
    "zh-tw": "每週電子報：本週新鮮事",
    "zh-cn": "每周通讯：本周新鲜事",
    "ja": "週刊ニュースレター：今週のお知らせ",
}


def ascii_subject(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


def exchange(
    path: str,
    module: str,
    lang: str,
    gen_server: str,
    rcpts: list[dict[str, str]],
    expected: list[dict[str, object]],
    note: str,
    version: str = "2013",
    receiving: str | None = None,
    cte: str = "base64",
    charset: str = "utf-8",
    date: str = "Tue, 14 Nov 2023 01:21:35 +0000",
    i: int = 0,
    html: bool = True,
    from_: str | None = None,
) -> Sample:
    t = L[lang]
    subj_o = SUBJECTS[lang]
    to = bounce_addr(path, i)
    first = rcpts[0]["addr"]
    orig_date = "Tue, 14 Nov 2023 10:21:31 +0900"
    orig = original(
        path,
        first,
        orig_date,
        i=i,
        subject=subj_o if ascii_subject(subj_o) else ew(subj_o),
    )
    orig_headers = original(
        path,
        first,
        orig_date,
        i=i,
        headers_only=True,
        subject=subj_o if ascii_subject(subj_o) else ew(subj_o),
    )
    orig_headers = (
        f"Received: from {('mta1.' + to.split('@')[1])} (192.0.2.{10 + i}) by {gen_server}\n"
        f" (10.1.1.20) with Microsoft SMTP Server (version=TLS1_2,\n"
        f" cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.35; {date.replace('01:21:35', '01:21:33')}\n"
        + orig_headers.split("\n", 1)[1]
    )
    body = t["failed"] + "\n\n"
    for r in rcpts:
        body += (
            r["addr"] + ("" if version == "2010" else f"<mailto:{r['addr']}>") + "\n"
        )
        body += t[r["human"]] + "\n\n"
    body += t["diag"] + "\n\n" + f"{t['gen']} {gen_server}\n"
    if receiving:
        body += f"{t['recv']} {receiving}\n"
    body += "\n"
    for r in rcpts:
        body += r["addr"] + "\n" + r["line"] + "\n\n"
    body += t["orig"] + "\n\n" + orig_headers
    if cte == "base64":
        enc_body = b64(body, charset)
    elif cte == "quoted-printable":
        enc_body = qp(body, charset)
    else:
        enc_body = body.encode(charset).decode("ascii")  # 7bit: ISO-2022-JP or ASCII
    bnd = f"_000_{H(path, 8)}{H(path + 'a', 8)}{H(path + 'b', 16)}_"
    alt = f"_002_{H(path, 8)}{H(path + 'a', 8)}{H(path + 'b', 16)}_"
    textpart = (
        f'Content-Type: text/plain; charset="{charset}"\n'
        f"Content-Transfer-Encoding: {cte}\n\n{enc_body}\n"
    )
    if html:
        hbody = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset='
            + charset
            + '"></head><body>'
        )
        hbody += (
            '<p><b><font color="#000066" size="3" face="Arial">'
            + t["failed"]
            + "</font></b></p>"
        )
        for r in rcpts:
            hbody += f'<font color="#000000" size="2" face="Tahoma"><p><a href="mailto:{r["addr"]}">{r["addr"]}</a><br>'
            hbody += t[r["human"]] + "<br></p></font>"
        hbody += (
            '<font color="#808080" size="2" face="Tahoma"><p><b>'
            + t["diag"]
            + "</b></p>"
        )
        hbody += f"{t['gen']} {gen_server}<br><br>"
        for r in rcpts:
            hbody += (
                r["addr"]
                + "<br>"
                + r["line"].replace("<", "&lt;").replace(">", "&gt;")
                + "<br><br>"
            )
        hbody += "<p><b>" + t["orig"] + '</b></p><p><font face="Courier New" size="2">'
        hbody += (
            orig_headers.replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\n", "<br>\n")
        )
        hbody += "</font></p></font></body></html>\n"
        henc = b64(hbody, charset) if cte == "base64" else qp(hbody, charset)
        htmlpart = (
            f'Content-Type: text/html; charset="{charset}"\n'
            f"Content-Transfer-Encoding: {'base64' if cte == 'base64' else 'quoted-printable'}\n\n{henc}\n"
        )
        first_part = (
            f'Content-Type: multipart/alternative;\n\tboundary="{alt}"\n\n'
            + multipart(alt, [textpart, htmlpart])
        )
    else:
        first_part = textpart
    ds = [
        f"Reporting-MTA: dns;{gen_server}\nReceived-From-MTA: dns;mta1.{to.split('@')[1]}\n"
        f"Arrival-Date: {date.replace('01:21:35', '01:21:33')}"
    ]
    for r in rcpts:
        f = [
            f"Final-Recipient: rfc822;{r['addr']}",
            f"Action: {r.get('action', 'failed')}",
            f"Status: {r['status']}",
        ]
        if r.get("remote"):
            f.append(f"Remote-MTA: dns;{r['remote']}")
        f.append(f"Diagnostic-Code: smtp;{r['diagcode']}")
        if version == "2010" and r.get("display"):
            f.append(f"X-Display-Name: {r['display']}")
        ds.append("\n".join(f))
    parts = [
        first_part,
        "Content-Type: message/delivery-status\n\n" + "\n\n".join(ds) + "\n",
        "Content-Type: message/rfc822\n\n" + orig,
    ]
    subject = f"{t['subj']} {subj_o}"
    scs = "utf-8" if charset == "us-ascii" else charset
    subject_h = subject if ascii_subject(subject) else ew(subject, scs)
    frm = from_ or f"postmaster@{first.split('@')[1]}"
    if version == "2010" and not from_:
        frm = f"Microsoft Exchange <postmaster@{first.split('@')[1]}>"
    elif not from_:
        frm = f"Microsoft Outlook <postmaster@{first.split('@')[1]}>"
    raw = (
        f"Received: from {gen_server} (203.0.113.{int(h(path, 2), 16) % 200 + 20}) by mx.{to.split('@')[1]}\n"
        f" with ESMTPS id {h(path, 10)}; {date}\n"
        f"From: {frm}\n"
        f"To: <{to}>\n"
        f"Date: {date}\n"
        f"Subject: {subject_h}\n"
        f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{bnd}"\n'
        f"Content-Language: {t['lang']}\n"
        f"Message-ID: <{h(path, 8)}-{h(path + 'm', 4)}-{h(path + 'n', 4)}-{h(path + 'o', 4)}-{h(path + 'p', 12)}@{gen_server}>\n"
        f"In-Reply-To: {msgid_of(path, i)}\n"
        f"References: {msgid_of(path, i)}\n"
        f"Thread-Topic: {subj_o if ascii_subject(subj_o) else ew(subj_o)}\n"
        "X-MS-Has-Attach: yes\n"
        "X-MS-Exchange-Organization-SCL: -1\n"
        "X-MS-TNEF-Correlator:\n"
        f"X-MS-Exchange-Organization-AuthSource: {gen_server}\n"
        "X-MS-Exchange-Organization-AuthAs: Internal\n"
        "Auto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\n\n" + multipart(bnd, parts)
    )
    return Sample(
        path=path,
        raw=raw,
        module=module,
        expected=expected,
        recipients=[r["addr"] for r in rcpts],
        note=note,
        crlf=True,
    )


def nf(
    addr: str,
    version: str = "2013",
    code: str = "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
    human: str = "notfound",
) -> dict[str, str]:
    line = f"#{code} ##" if version == "2010" else f"Remote Server returned '{code}'"
    return dict(
        addr=addr, human=human, line=line, status=code.split()[1], diagcode=code
    )


def remote(
    addr: str, server: str, ip: str, code: str, human: str = "rejected"
) -> dict[str, str]:
    return dict(
        addr=addr,
        human=human,
        line=f"Remote Server at {server} ({ip}) returned '{code}'\n"
        f"11/14/2023 1:21:35 AM - Remote Server at {server} ({ip}) returned '{code}'",
        status=code.split()[1],
        diagcode=code,
        remote=server,
    )


def samples() -> list[Sample]:
    S: list[Sample] = []
    # ---- English, on-premises
    S.append(
        exchange(
            "exchange/ex2010-en-recipnotfound",
            "unseen-exchange",
            "en",
            "EX01.corp.example.net",
            [
                nf("p.harris@example.net", "2010")
                | {"human": "notfound2010", "display": "Paul Harris"}
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Exchange 2010 NDR: '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', X-Display-Name in the DSN.",
            version="2010",
            cte="7bit",
            charset="us-ascii",
        )
    )
    S.append(
        exchange(
            "exchange/ex2013-en-remote-userunknown",
            "unseen-exchange",
            "en",
            "EXCH2013.ad.example.org",
            [
                remote(
                    "j.novak@example.com",
                    "mx.example.com",
                    "198.51.100.23",
                    "550 5.1.1 <j.novak@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Exchange 2013 used as the sender's relay; the remote Postfix rejects the recipient: 'Remote Server at "
            "mx.example.com (ip) returned ...'.",
            receiving="mx.example.com (198.51.100.23)",
            cte="quoted-printable",
            charset="us-ascii",
            i=1,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-en-mailbox-full",
            "unseen-exchange",
            "en",
            "EX16-MBX02.corp.example.com",
            [
                dict(
                    addr="r.patel@example.com",
                    human="full",
                    line="Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox /o=ExampleCorp/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=rpatel. 16.55847:E0000000, 17.43559:0000000094000000000000000000000000000000, 20.52176:140F5E8A0F00101000000000'",
                    status="5.2.2",
                    diagcode="554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox /o=ExampleCorp/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=rpatel.",
                )
            ],
            [exp("5.2.2", "554", "mailboxfull")],
            "Exchange 2016 store driver: ShutoffQuotaExceeded. mailboxfull.",
            i=3,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-en-not-authorized",
            "unseen-exchange",
            "en",
            "EX16-MBX01.corp.example.org",
            [
                dict(
                    addr="all-staff@example.org",
                    human="noperm",
                    line="Remote Server returned '550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized'",
                    status="5.7.1",
                    diagcode="550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized",
                )
            ],
            [exp("5.7.1", "550", "filtered")],
            "Distribution group restricted to internal senders: RESOLVER.RST.NotAuthorized. The recipient's own "
            "configuration refuses this sender: filtered, by Sisimai's definition (a recipient-side setting "
            "rejecting the sender); 'rejected' is for a refused envelope sender. Corrected after re-check: the "
            "first version said rejected. Not a bad address.",
            i=1,
        )
    )
    S.append(
        exchange(
            "exchange/ex2019-en-hop-count",
            "unseen-exchange",
            "en",
            "EX19-01.corp.example.net",
            [
                dict(
                    addr="helpdesk@example.net",
                    human="problem",
                    line="Remote Server returned '554 5.4.14 Hop count exceeded - possible mail loop'",
                    status="5.4.14",
                    diagcode="554 5.4.14 Hop count exceeded - possible mail loop",
                )
            ],
            [exp("5.4.14", "554", "networkerror")],
            "A forwarding loop between Exchange and an old relay: 5.4.14 hop count exceeded. networkerror.",
            i=2,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-en-queue-expired",
            "unseen-exchange",
            "en",
            "EDGE01.dmz.example.com",
            [
                dict(
                    addr="b.young@example.org",
                    human="expired",
                    line="Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'\n11/16/2023 1:21:35 AM - Server at mail.example.org (198.51.100.150) returned '451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to SocketError.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was 198.51.100.150:25'",
                    status="4.4.7",
                    diagcode="550 4.4.7 QUEUE.Expired; message expired",
                )
            ],
            [exp("4.4.7", "550", "expired")],
            "Exchange Edge gave up after two days: '550 4.4.7 QUEUE.Expired; message expired'. expired; the reply "
            "code written is 550 although the status class is 4.",
            receiving="mail.example.org (198.51.100.150)",
            date="Thu, 16 Nov 2023 01:21:35 +0000",
            i=3,
        )
    )
    S.append(
        exchange(
            "exchange/ex2013-en-two-recipients",
            "unseen-exchange",
            "en",
            "EXCH2013.ad.example.org",
            [
                nf("m.garcia@example.org"),
                dict(
                    addr="l.kim@example.org",
                    human="full",
                    line="Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.'",
                    status="5.2.2",
                    diagcode="554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.",
                ),
            ],
            [exp("5.1.1", "550", "userunknown"), exp("5.2.2", "554", "mailboxfull")],
            "One Exchange 2013 NDR for two recipients of the organisation: unknown, then mailbox full.",
            i=1,
        )
    )

    # ---- other languages, on-premises
    S.append(
        exchange(
            "exchange/ex2013-de-recipnotfound",
            "unseen-exchange-de",
            "de",
            "EXCH01.firma.example",
            [nf("t.wagner@firma.example")],
            [exp("5.1.1", "550", "userunknown")],
            "German Exchange 2013 NDR ('Unzustellbar:'), quoted-printable ISO-8859-1 text, diagnostic line in "
            "English as Exchange always writes it.",
            cte="quoted-printable",
            charset="iso-8859-1",
            i=3,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-de-mailbox-full",
            "unseen-exchange-de",
            "de",
            "EX16.intern.firma.example",
            [
                dict(
                    addr="s.becker@firma.example",
                    human="full",
                    line="Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.'",
                    status="5.2.2",
                    diagcode="554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.",
                )
            ],
            [exp("5.2.2", "554", "mailboxfull")],
            "German Exchange 2016: recipient's mailbox full (base64 UTF-8 text).",
            i=0,
        )
    )
    S.append(
        exchange(
            "exchange/ex2013-fr-recipnotfound",
            "unseen-exchange-fr",
            "fr",
            "SRV-EXCH.societe.example",
            [nf("c.martin@societe.example")],
            [exp("5.1.1", "550", "userunknown")],
            "French Exchange 2013 NDR ('Non remis :').",
            cte="quoted-printable",
            charset="utf-8",
            i=2,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-fr-remote-spam",
            "unseen-exchange-fr",
            "fr",
            "EXCH16.societe.example",
            [
                remote(
                    "l.bernard@example.fr",
                    "mx1.example.fr",
                    "198.51.100.130",
                    "554 5.7.1 Message rejete : contenu considere comme spam / message rejected as spam",
                )
            ],
            [exp("5.7.1", "554", "spamdetected")],
            "French Exchange 2016 relay; the remote filter rejects the content as spam.",
            receiving="mx1.example.fr (198.51.100.130)",
            i=2,
        )
    )
    S.append(
        exchange(
            "exchange/ex2013-es-recipnotfound",
            "unseen-exchange-es",
            "es",
            "EXCH01.empresa.example",
            [nf("j.lopez@empresa.example")],
            [exp("5.1.1", "550", "userunknown")],
            "Spanish Exchange 2013 NDR ('No se puede entregar:').",
            cte="quoted-printable",
            charset="iso-8859-1",
            i=1,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-nl-remote-blocked",
            "unseen-exchange-nl",
            "nl",
            "EX2016.bedrijf.example",
            [
                remote(
                    "k.devries@example.nl",
                    "mail.example.nl",
                    "198.51.100.61",
                    "554 5.7.1 Service unavailable; Client host [203.0.113.44] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.44",
                )
            ],
            [exp("5.7.1", "554", "blocked")],
            "Dutch Exchange 2016 ('Onbestelbaar:'); the Exchange server's own IP is on Spamhaus at the receiver. "
            "blocked.",
            receiving="mail.example.nl (198.51.100.61)",
            cte="quoted-printable",
            charset="utf-8",
            i=0,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-pt-recipnotfound",
            "unseen-exchange-pt",
            "pt",
            "EXCH.empresa-br.example",
            [nf("r.oliveira@empresa-br.example")],
            [exp("5.1.1", "550", "userunknown")],
            "Brazilian Portuguese Exchange NDR ('Não é possível entregar:').",
            i=2,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-it-mailbox-full",
            "unseen-exchange-it",
            "it",
            "EXCH01.azienda.example",
            [
                dict(
                    addr="g.russo@azienda.example",
                    human="full",
                    line="Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.'",
                    status="5.2.2",
                    diagcode="554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox.",
                )
            ],
            [exp("5.2.2", "554", "mailboxfull")],
            "Italian Exchange NDR ('Impossibile recapitare:'), mailbox full.",
            cte="quoted-printable",
            i=3,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-pl-recipnotfound",
            "unseen-exchange-pl",
            "pl",
            "EXCH-01.firma-pl.example",
            [nf("m.zielinski@firma-pl.example")],
            [exp("5.1.1", "550", "userunknown")],
            "Polish Exchange NDR ('Niedostarczalne:'), ISO-8859-2 quoted-printable.",
            cte="quoted-printable",
            charset="iso-8859-2",
            i=1,
        )
    )
    S.append(
        exchange(
            "exchange/ex2013-ru-recipnotfound",
            "unseen-exchange-ru",
            "ru",
            "EXCH2013.kompaniya.example",
            [nf("a.ivanov@kompaniya.example")],
            [exp("5.1.1", "550", "userunknown")],
            "Russian Exchange NDR ('Недоставляемое сообщение:'), base64 UTF-8.",
            i=0,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-zhtw-recipnotfound",
            "unseen-exchange-zh",
            "zh-tw",
            "EXCH01.gongsi.example",
            [nf("chen.wei@gongsi.example")],
            [exp("5.1.1", "550", "userunknown")],
            "Traditional Chinese Exchange NDR ('無法傳遞:'), base64 UTF-8.",
            i=2,
        )
    )
    S.append(
        exchange(
            "exchange/ex2019-zhcn-remote-userunknown",
            "unseen-exchange-zh",
            "zh-cn",
            "EX19.gongsi-cn.example",
            [
                remote(
                    "wang.fang@example.cn",
                    "mx.example.cn",
                    "198.51.100.240",
                    "550 5.1.1 <wang.fang@example.cn>: Recipient address rejected: User unknown in local recipient table",
                )
            ],
            [exp("5.1.1", "550", "userunknown")],
            "Simplified Chinese Exchange 2019 ('无法传递:') relaying; remote Postfix rejects the recipient.",
            receiving="mx.example.cn (198.51.100.240)",
            charset="gb2312",
            i=1,
        )
    )
    S.append(
        exchange(
            "exchange/ex2016-ja-recipnotfound",
            "unseen-exchange-ja",
            "ja",
            "EXCH01.kaisha.example.jp",
            [nf("y.yamada@kaisha.example.jp")],
            [exp("5.1.1", "550", "userunknown")],
            "Japanese Exchange NDR ('配信不能:'), ISO-2022-JP text part.",
            cte="7bit",
            charset="iso-2022-jp",
            html=False,
            i=3,
        )
    )
    S.append(
        exchange(
            "exchange/ex2019-en-transport-rule",
            "unseen-exchange",
            "en",
            "EX19-02.corp.example.com",
            [
                dict(
                    addr="compliance@example.com",
                    human="rejected",
                    line="Remote Server returned '550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy'",
                    status="5.7.1",
                    diagcode="550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy",
                )
            ],
            [exp("5.7.1", "550", "policyviolation")],
            "An Exchange mail flow (transport) rule of the recipient organisation rejects bulk mail: "
            "TRANSPORT.RULES.RejectMessage. policyviolation.",
            i=0,
        )
    )
    return S
