"""Classification: (status, reply code, text, SMTP stage) -> reason, permanent, hard."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounced.classify import STRONG_ORDER, WEAK_ORDER, classify, codes, phrases, scan
from bounced.reasons import HARD_REASONS, Reason
from bounced.report import Action, Finding

R = Reason


@dataclass(frozen=True)
class Case:
    """One row of the table: what a bounce says and what it must classify as."""

    id: str
    text: str | None
    reason: Reason
    permanent: bool
    hard: bool
    status: str | None = None
    reply: int | None = None
    command: str | None = None
    action: Action = Action.FAILED
    language: str = "en"


CASES = [
    # -- a precise status code alone decides --------------------------------------
    Case("5.1.1 alone", None, R.USERUNKNOWN, True, True, status="5.1.1"),
    Case("4.2.2 alone", None, R.MAILBOXFULL, False, False, status="4.2.2"),
    Case("5.1.2 alone", None, R.HOSTUNKNOWN, True, True, status="5.1.2"),
    Case("5.1.6 alone", None, R.HASMOVED, True, True, status="5.1.6"),
    Case("5.1.10 null MX", None, R.NOTACCEPT, True, True, status="5.1.10"),
    Case("4.3.2 not accepting", None, R.NOTACCEPT, False, False, status="4.3.2"),
    Case("5.3.4 too big", None, R.MESGTOOBIG, True, False, status="5.3.4"),
    Case("5.2.3 mailbox limit", None, R.EXCEEDLIMIT, True, False, status="5.2.3"),
    Case("5.7.26 dmarc", None, R.AUTHFAILURE, True, False, status="5.7.26"),
    Case("5.7.25 ptr", None, R.REQUIREPTR, True, False, status="5.7.25"),
    Case("5.7.13 disabled", None, R.SUSPEND, True, False, status="5.7.13"),
    Case("4.4.7 expired", None, R.EXPIRED, False, False, status="4.4.7"),
    Case("5.1.8 sender", None, R.REJECTED, True, False, status="5.1.8"),
    Case("5.6.1 media", None, R.CONTENTERROR, True, False, status="5.6.1"),
    # -- the text knows better than a generic (or wrong) status --------------------
    Case(
        "5.7.1 mailbox full",
        "550 5.7.1 Mailbox full",
        R.MAILBOXFULL,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "5.0.0 user unknown at RCPT",
        "550 5.0.0 <bob@example.org>... User unknown",
        R.USERUNKNOWN,
        True,
        True,
        status="5.0.0",
        reply=550,
        command="RCPT",
    ),
    Case(
        "spamhaus under 5.7.1",
        "550 5.7.1 Service unavailable; client [192.0.2.1] blocked using "
        "zen.spamhaus.org",
        R.BLOCKED,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "postfix reverse hostname",
        "450 4.7.1 Client host rejected: cannot find your reverse hostname, "
        "[192.0.2.1]",
        R.REQUIREPTR,
        False,
        False,
        status="4.7.1",
        reply=450,
    ),
    Case(
        "spf fail",
        "550 5.7.1 SPF check failed: 192.0.2.1 is not allowed to send",
        R.AUTHFAILURE,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "dkim",
        "550 5.7.1 DKIM signature verification failed",
        R.AUTHFAILURE,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "dmarc",
        "550 5.7.1 Email rejected per DMARC policy for example.com",
        R.AUTHFAILURE,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "relay access denied",
        "554 5.7.1 <bob@example.org>: Relay access denied",
        R.NORELAYING,
        True,
        False,
        status="5.7.1",
        reply=554,
    ),
    Case(
        "too many hops",
        "554 5.4.0 Too many hops 26 (25 max)",
        R.NETWORKERROR,
        True,
        False,
        status="5.4.0",
        reply=554,
    ),
    Case(
        "connect timed out",
        "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
        R.EXPIRED,
        False,
        False,
        status="4.4.1",
    ),
    Case(
        "greylisting",
        "450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, "
        "see http://postgrey.schweikert.ch/help/example.org.html",
        R.BLOCKED,
        False,
        False,
        status="4.2.0",
        reply=450,
    ),
    Case(
        "quota",
        "552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full)",
        R.MAILBOXFULL,
        True,
        False,
        status="5.2.2",
        reply=552,
    ),
    Case(
        "over quota under 5.1.1",  # lhost-mailfoundry-02.eml
        "552 sorry, mailbox bob@example.org is over quota temporarily (#5.1.1)",
        R.MAILBOXFULL,
        True,
        False,
        reply=552,
    ),
    Case(
        "account disabled",
        "550-5.2.1 The email account that you tried to reach is disabled.",
        R.SUSPEND,
        True,
        False,
        status="5.2.1",
        reply=550,
    ),
    Case(
        "gmail receiving rate",  # lhost-postfix-59.eml
        "550-5.2.1 The user you are trying to contact is receiving mail at a rate "
        "that 550-5.2.1 prevents additional messages from being delivered.",
        R.SPEEDING,
        True,
        False,
        status="5.2.1",
        reply=550,
    ),
    Case(
        "facebook recipient preferences",  # rhost-facebook-03.eml
        "550 5.1.1 RCP-P2 Refused due to recipient preferences",
        R.FILTERED,
        True,
        False,
        status="5.1.1",
        reply=550,
    ),
    Case(
        "gmail multiple From",  # lhost-postfix-29.eml: a wrapped continuation line
        "550-5.7.1 [192.0.2.2 13] Messages with multiple 550 5.7.1 addresses in "
        "From: header are not accepted.",
        R.NOTCOMPLIANTRFC,
        True,
        False,
        status="5.7.1",
        reply=550,
    ),
    Case(
        "yahoo TSS04",
        "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to "
        "unexpected volume or user complaints",
        R.BADREPUTATION,
        False,
        False,
        status="4.7.0",
        reply=421,
    ),
    Case(
        "status quoted in the text refines a generic one",
        "550 5.1.1 <bob@example.org>... User Unknown",
        R.USERUNKNOWN,
        True,
        True,
        status="5.0.0",
        reply=550,
    ),
    Case(
        "size status refines size text",  # lhost-sendmail-05.eml
        "552 5.2.3 Message size exceeds fixed maximum message size (10485760)",
        R.EXCEEDLIMIT,
        True,
        False,
        status="5.2.3",
        reply=552,
    ),
    # -- the SMTP stage --------------------------------------------------------------
    Case(
        "user unknown after DATA is a filter",
        "550 Unknown user bob@example.jp",
        R.FILTERED,
        True,
        False,
        status="5.0.0",
        reply=550,
        command="DATA",
    ),
    Case(
        "user unknown at an unknown stage is unproven",
        "550 Unknown user bob@example.jp",
        R.FILTERED,
        True,
        False,
        reply=550,
    ),
    Case(
        "stage read from the text",
        "550 <bob@example.org>... User unknown (in reply to RCPT TO command)",
        R.USERUNKNOWN,
        True,
        True,
        reply=550,
    ),
    Case(
        "definite wording needs no stage",
        "550 Requested action not taken: no such user here",
        R.USERUNKNOWN,
        True,
        True,
        reply=550,
        command="DATA",
    ),
    Case(
        "au empty address is a filter even at RCPT",
        "550 : User unknown",
        R.FILTERED,
        True,
        False,
        reply=550,
        command="RCPT",
    ),
    Case(
        "sender domain at MAIL FROM",  # lhost-exim-50.eml
        "SMTP error from remote mail server after MAIL FROM:<list@example.com>: "
        "550 No such domain example.com",
        R.REJECTED,
        True,
        False,
        reply=550,
    ),
    Case(
        "spam verdict before DATA",  # rhost-zoho-03.eml
        "554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam.",
        R.REJECTED,
        True,
        False,
        status="5.7.1",
        reply=554,
        command="RCPT",
    ),
    Case(
        "spam verdict after DATA",
        "554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam.",
        R.SPAMDETECTED,
        True,
        False,
        status="5.7.1",
        reply=554,
        command="DATA",
    ),
    Case(
        "refused at connection",
        "SMTP error from remote mail server after initial connection: 554 go away",
        R.BLOCKED,
        True,
        False,
        reply=554,
    ),
    # -- permanence ------------------------------------------------------------------
    Case(
        # The address is bad though the server asks to be asked again: hard, not
        # permanent (Sisimai's rule, lhost-postfix-05.eml); policy retries it.
        "4xx user unknown is hard but transient",
        "450 4.1.1 <bob@example.org>: Recipient address rejected: User unknown in "
        "virtual alias table",
        R.USERUNKNOWN,
        False,
        True,
        status="4.1.1",
        reply=450,
    ),
    Case(
        "4xx not accepting mail is not hard",  # a passing state of the domain
        "421 4.3.2 System not accepting network messages",
        R.NOTACCEPT,
        False,
        False,
        status="4.3.2",
        reply=421,
    ),
    Case(
        "temporary DNS failure is a network error",
        "DNS Error: DNS type 'mx' lookup of example.org responded with code "
        "NXDOMAIN Domain name not found: example.org",
        R.NETWORKERROR,
        False,
        False,
        status="4.0.0",
    ),
    Case(
        "postfix try again",
        "Name service error for domain example.org: Host not found, try again",
        R.NETWORKERROR,
        True,
        False,
    ),
    Case(
        "null MX in words, temporary",
        "The domain example.org doesn't receive email according to the "
        "administrator: returned Null MX",
        R.NOTACCEPT,
        False,
        False,
        status="4.0.0",
    ),
    Case("no code, failed", "Something went wrong", R.ONHOLD, True, False),
    Case(
        "bare 554 nobody explains",
        "554 5.0.0 Something went wrong",
        R.UNDEFINED,
        True,
        False,
        status="5.0.0",
        reply=554,
    ),
    Case("unexplained 4xx waits", "451 Try later", R.ONHOLD, False, False, reply=451),
    Case(
        "no code, delayed",
        None,
        R.EXPIRED,
        False,
        False,
        action=Action.DELAYED,
    ),
    Case("nothing at all", None, R.UNDEFINED, True, False),
    Case("reply code only", None, R.HASMOVED, True, True, reply=551),
    # -- not failures ----------------------------------------------------------------
    Case("success status", "250 2.1.5 Ok", R.DELIVERED, False, False, status="2.1.5"),
    Case(
        "delivered action",
        None,
        R.DELIVERED,
        False,
        False,
        action=Action.DELIVERED,
    ),
    # -- noise around the diagnostic -------------------------------------------------
    Case(
        "bounce boilerplate around the reply",
        "This is the mail system at host mx.example.com.\n\nI'm sorry to have to "
        "inform you that your message could not be delivered to one or more "
        "recipients.\n\n<bob@example.org>: host mx.example.org[192.0.2.1] said: "
        "552 5.2.2 <bob@example.org>: Recipient address rejected: Mailbox full "
        "(in reply to RCPT TO command)\n\n--- Original message ---\nSubject: "
        "Our June newsletter",
        R.MAILBOXFULL,
        True,
        False,
    ),
]


# Replies as providers publish them (their postmaster pages), none of them from
# the corpus: the general rules must hold on bounces the tables were not tuned on.
PROVIDERS = [
    (
        "gmail 5.1.1",
        "5.1.1",
        "550-5.1.1 The email account that you tried to reach "
        "does not exist. Please try double-checking the recipient's email address",
        R.USERUNKNOWN,
    ),
    (
        "gmail over quota",
        "4.2.2",
        "452-4.2.2 The email account that you tried to "
        "reach is over quota. Please direct the recipient to",
        R.MAILBOXFULL,
    ),
    (
        "gmail unsolicited",
        "5.7.1",
        "550-5.7.1 Our system has detected that this "
        "message is likely unsolicited mail.",
        R.SPAMDETECTED,
    ),
    (
        "gmail low reputation",
        "4.7.0",
        "421-4.7.0 This message is suspicious due to "
        "the very low reputation of the sending IP address.",
        R.BADREPUTATION,
    ),
    (
        "gmail direct to mx",
        "5.7.1",
        "550-5.7.1 The IP you're using to send mail is "
        "not authorized to send email directly to our servers.",
        R.BLOCKED,
    ),
    (
        "gmail rate limited",
        "4.7.28",
        "421-4.7.28 Our system has detected an unusual "
        "rate of unsolicited mail originating from your IP address. To protect our "
        "users from spam, mail sent from your IP address has been temporarily rate "
        "limited.",
        R.SPEEDING,
    ),
    (
        "gmail inactive",
        "5.2.1",
        "550-5.2.1 The email account that you tried to reach is inactive.",
        R.SUSPEND,
    ),
    (
        "gmail risky attachment",
        "5.7.0",
        "552-5.7.0 This message was blocked because its "
        "content presents a potential security issue.",
        R.POLICYVIOLATION,
    ),
    (
        "microsoft dbeb",
        "5.4.1",
        "550 5.4.1 Recipient address rejected: Access "
        "denied. AS(201806281) [DB5EUR03FT032.eop-EUR03.prod.protection.outlook.com]",
        R.USERUNKNOWN,
    ),
    (
        "postfix access map",
        "5.7.1",
        "554 5.7.1 <bob@example.org>: Recipient address rejected: Access denied",
        R.SECURITYERROR,
    ),
    (
        "microsoft block list",
        "5.7.1",
        "550 5.7.1 Unfortunately, messages from "
        "[192.0.2.1] weren't sent. Please contact your Internet service provider since "
        "part of their network is on our block list (S3140).",
        R.BLOCKED,
    ),
    (
        "microsoft banned ip",
        "5.7.606",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1].",
        R.BLOCKED,
    ),
    (
        "microsoft recipient not found",
        "5.1.10",
        "550 5.1.10 RESOLVER.ADR."
        "RecipientNotFound; Recipient not found by SMTP address lookup",
        R.USERUNKNOWN,
    ),
    (
        "yahoo disabled",
        None,
        "554 delivery error: dd Sorry your message to "
        "bob@yahoo.com cannot be delivered. This mailbox is disabled (554.30).",
        R.SUSPEND,
    ),
    (
        "yahoo policy",
        "5.7.9",
        "554 5.7.9 Message not accepted for policy reasons.",
        R.POLICYVIOLATION,
    ),
    (
        "proofpoint",
        "5.7.1",
        "554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
        R.BLOCKED,
    ),
    (
        "courier",
        None,
        "550 User <bob@example.org> unknown (in reply to RCPT TO command)",
        R.USERUNKNOWN,
    ),
    (
        "qmail loop",
        "5.4.6",
        "This message is looping: it already has my Delivered-To line. (#5.4.6)",
        R.NETWORKERROR,
    ),
    (
        "qmail no host",
        "5.1.2",
        "Sorry, I couldn't find any host named example.org. (#5.1.2)",
        R.HOSTUNKNOWN,
    ),
    (
        "yandex spam",
        "5.7.1",
        "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc",
        R.SPAMDETECTED,
    ),
    (
        "orange full",
        "5.5.0",
        "550 5.5.0 Boite du destinataire pleine. Recipient mailbox is full. OFR_417",
        R.MAILBOXFULL,
    ),
    (
        "gmx ptr",
        None,
        "550 Requested action not taken: mailbox unavailable invalid "
        "DNS PTR resource record, IP=192.0.2.1",
        R.REQUIREPTR,
    ),
    (
        "starttls",
        "5.7.0",
        "530 5.7.0 Must issue a STARTTLS command first",
        R.FAILEDSTARTTLS,
    ),
    (
        "ses suppression",
        None,
        "Amazon SES has suppressed sending to this address "
        "because it is on the account-level suppression list.",
        R.SUPPRESSED,
    ),
    (
        "sparkpost suppression",
        "5.7.1",
        "554 5.7.1 recipient address suppressed due to customer policy",
        R.SUPPRESSED,
    ),
    (
        "gmail dmarc alignment",
        "5.7.32",
        "550-5.7.32 Your email has been blocked because the From: header (RFC5322) "
        "in this message isn't aligned with either the authenticated SPF or DKIM "
        "organizational domain.",
        R.AUTHFAILURE,
    ),
    (
        "outlook 5.7.515",
        "5.7.515",
        "550 5.7.515 Access denied, sending domain [EXAMPLE.ORG] does not meet the "
        "required authentication level.",
        R.AUTHFAILURE,
    ),
    (
        "hmailserver no mx",
        None,
        "Error Type: DNS No mail servers appear to exists for the recipients address.",
        R.HOSTUNKNOWN,
    ),
    (
        "gateway attachment type",
        "5.7.1",
        "550 5.7.1 Message rejected: attachment type not allowed by recipient policy",
        R.POLICYVIOLATION,
    ),
]


@pytest.mark.parametrize(
    ("status", "text", "reason"),
    [
        pytest.param(status, text, reason, id=name)
        for name, status, text, reason in PROVIDERS
    ],
)
def test_provider_replies(status, text, reason):
    """Replies worded as the big providers document them classify as they mean."""
    finding = Finding(recipient="bob@example.org", status=status, diagnostic=text)
    assert classify(finding).reason is reason, classify(finding).rule


def test_a_policy_refusal_in_the_greeting_is_a_block_of_our_ip():
    """web.de answers the connection with "554 ... Reject due to policy
    restrictions": nothing but our IP is known then."""
    text = (
        "554-mx.web.example (mxweb112) Nemesis ESMTP Service not available "
        "554-No SMTP service 554 Reject due to policy restrictions."
    )
    greeting = Finding(recipient="b@example.org", diagnostic=text, smtp_command="CONN")
    after_data = Finding(
        recipient="b@example.org", diagnostic=text, smtp_command="DATA"
    )
    assert classify(greeting).reason is R.BLOCKED
    assert classify(after_data).reason is R.POLICYVIOLATION


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_classification_table(case: Case):
    """Each row classifies to its reason, permanence and hardness."""
    finding = Finding(
        recipient="bob@example.org",
        action=case.action,
        status=case.status,
        reply_code=case.reply,
        diagnostic=case.text,
        smtp_command=case.command,
    )
    verdict = classify(finding)
    got = (verdict.reason, verdict.permanent, verdict.hard)
    assert got == (case.reason, case.permanent, case.hard), verdict.rule


# The same six failures in eleven languages (twelve texts: Chinese twice).
LANGUAGES = (
    "en",
    "de",
    "ru",
    "zh-Hans",
    "zh-Hant",
    "ja",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "pl",
)
FAILURES: dict[Reason, tuple[int | None, str | None, tuple[str, ...]]] = {
    # reason: (reply code, SMTP stage, text per language in LANGUAGES order)
    R.USERUNKNOWN: (
        550,
        "RCPT",
        (
            "550 Requested action not taken: user unknown",
            "550 Benutzer unbekannt: bob@example.org",
            "550 Пользователь не найден: bob@example.org",
            "550 收件人不存在: bob@example.org",
            "550 使用者不存在: bob@example.org",
            "550 宛先不明のため送信できませんでした: bob@example.org",
            "550 Utilisateur inconnu : bob@example.org",
            "550 Usuario desconocido: bob@example.org",
            "550 Usuário desconhecido: bob@example.org",
            "550 Utente sconosciuto: bob@example.org",
            "550 Onbekende gebruiker: bob@example.org",
            "550 Nieznany użytkownik: bob@example.org",
        ),
    ),
    R.MAILBOXFULL: (
        552,
        "RCPT",
        (
            "552 Requested mail action aborted: mailbox is full",
            "552 Postfach voll: bob@example.org",
            "552 Почтовый ящик переполнен",
            "552 收件人邮箱已满",
            "552 收件者信箱已滿",
            "552 メールボックスがいっぱいです",
            "552 Boîte aux lettres pleine",
            "552 El buzón está lleno",
            "552 Caixa postal cheia",
            "552 Casella di posta piena",
            "552 Postvak is vol",
            "552 Skrzynka odbiorcza jest pełna",
        ),
    ),
    R.MESGTOOBIG: (
        552,
        "DATA",
        (
            "552 Message size exceeds fixed maximum message size",
            "552 Nachricht zu groß",
            "552 Сообщение слишком большое",
            "552 邮件大小超过限制",
            "552 郵件大小超過限制",
            "552 メッセージが大きすぎます",
            "552 Message trop volumineux",
            "552 Mensaje demasiado grande",
            "552 Mensagem muito grande",
            "552 Messaggio troppo grande",
            "552 Bericht te groot",
            "552 Wiadomość jest zbyt duża",
        ),
    ),
    R.NORELAYING: (
        554,
        "RCPT",
        (
            "554 <bob@example.org>: Relay access denied",
            "554 Relaying nicht erlaubt",
            "554 Ретрансляция запрещена",
            "554 不允许转发",
            "554 不允許轉發",
            "554 リレーは許可されていません",
            "554 Relais refusé",
            "554 Retransmisión denegada",
            "554 Retransmissão negada",
            "554 Relay non consentito",
            "554 Relaying niet toegestaan",
            "554 Przekazywanie zabronione",
        ),
    ),
    R.NETWORKERROR: (
        554,
        "DATA",
        (
            "554 Too many hops",
            "554 Zu viele Hops, Mailschleife",
            "554 Слишком много переходов",
            "554 跳数过多",
            "554 跳數過多",
            "554 ホップ数が多すぎます",
            "554 Trop de sauts",
            "554 Demasiados saltos",
            "554 Saltos em excesso",
            "554 Troppi hop",
            "554 Te veel hops",
            "554 Zbyt wiele przeskoków",
        ),
    ),
    R.EXPIRED: (
        None,
        None,
        (
            "Connection timed out",
            "Zeitüberschreitung der Verbindung",
            "Истекло время ожидания соединения",
            "连接超时",
            "連線逾時",
            "接続がタイムアウトしました",
            "Délai d'attente dépassé",
            "Tiempo de espera agotado",
            "Tempo limite esgotado",
            "Tempo di attesa scaduto",
            "Time-out bij verbinding",
            "Przekroczono limit czasu połączenia",
        ),
    ),
}
MULTILINGUAL = [
    pytest.param(
        reason, reply, command, language, text, id=f"{reason.value}-{language}"
    )
    for reason, (reply, command, texts) in FAILURES.items()
    for language, text in zip(LANGUAGES, texts, strict=True)
]


@pytest.mark.parametrize(
    ("reason", "reply", "command", "language", "text"), MULTILINGUAL
)
def test_the_same_failure_classifies_the_same_in_every_language(
    reason, reply, command, language, text
):
    """A failure reads the same in every language: alone, under 5.0.0, in noise."""
    noisy = (
        "Delivery to the following recipient failed permanently:\n\n"
        f"    bob@example.org\n\n{text}\n\n----- Original message -----\n"
        "Subject: Our June newsletter\nFrom: news@example.com\n"
    )
    for status, diagnostic in ((None, text), ("5.0.0", text), (None, noisy)):
        finding = Finding(
            recipient="bob@example.org",
            status=status,
            reply_code=reply,
            diagnostic=diagnostic,
            smtp_command=command,
        )
        verdict = classify(finding)
        assert verdict.reason is reason, (language, status, verdict.rule)


def test_the_returned_message_does_not_decide():
    """Headers and body of the returned original are not read as the diagnosis."""
    diagnostic = (
        "Sorry, we were unable to deliver your message to the following address.\n"
        "\n<bob@example.org>:\n550: 5.2.2 <bob@example.org>... Mailbox full\n\n"
        "--- Below this line is a copy of the message.\n\n"
        "X-Virus-Scanned: clean by amavisd-new\nSubject: Your account is suspended\n"
        "From: news@example.com\n\nWe detected spam from your relay access.\n"
    )
    finding = Finding(recipient="bob@example.org", diagnostic=diagnostic)
    assert classify(finding).reason is R.MAILBOXFULL


def test_header_lines_inside_a_diagnostic_are_ignored():
    """A pasted header block ("X-Virus-Scanned:") is not a virus verdict."""
    diagnostic = (
        "550 Requested action not taken: mailbox unavailable\n"
        "X-Virus-Scanned: Debian amavisd-new at example.org\n"
        "Received: from mx.example.com\n\tby mx.example.org with ESMTP\n"
    )
    finding = Finding(
        recipient="bob@example.org", status="5.0.0", diagnostic=diagnostic
    )
    assert classify(finding).reason is R.USERUNKNOWN


@pytest.mark.parametrize(
    ("text", "not_reason"),
    [
        ("535 5.7.8 Invalid username or password", R.USERUNKNOWN),
        ("550 5.7.1 Message rated as spam by the content filter", R.SPEEDING),
        ("554 Rejected. This message was scanned by a virus scanner", R.VIRUSDETECTED),
        (
            "Your message to bob was blocked by our Spam & Virus Firewall",
            R.VIRUSDETECTED,
        ),
    ],
)
def test_look_alike_wording_is_not_misread(text, not_reason):
    """Phrases that share words with a reason's wording do not take its reason."""
    finding = Finding(recipient="bob@example.org", diagnostic=text)
    assert classify(finding).reason is not not_reason


# Other wordings of the same six failures, as servers in those languages phrase
# them (second sentence forms: "the recipient's mailbox is full", "X not found").
VARIANTS = [
    # Sisimai Reason/RequirePTR.pm and Blocked.pm (lhost-exim-38, lhost-v5sendmail-05)
    (R.REQUIREPTR, "450 service permits 2 unverifyable sending IPs - a.example is not"),
    (
        R.BLOCKED,
        "554 Remote protocol error: Connection reset by peer during result wait",
    ),
    (R.USERUNKNOWN, "550 Mailbox nicht vorhanden"),
    (R.USERUNKNOWN, "550 Empfänger nicht gefunden"),
    (R.USERUNKNOWN, "550 Cette adresse n'existe pas"),
    (R.USERUNKNOWN, "550 Boîte aux lettres introuvable"),
    (R.USERUNKNOWN, "550 La dirección de correo no existe"),
    (R.USERUNKNOWN, "550 Usuario no encontrado"),
    (R.USERUNKNOWN, "550 Endereço de e-mail não existe"),
    (R.USERUNKNOWN, "550 Utente non trovato"),
    (R.USERUNKNOWN, "550 Het e-mailadres bestaat niet"),
    (R.USERUNKNOWN, "550 Nie ma takiego użytkownika"),
    (R.USERUNKNOWN, "550 Почтовый ящик не найден"),
    (R.USERUNKNOWN, "550 找不到收件人"),
    (R.USERUNKNOWN, "550 該当するユーザーが見つかりません"),
    (R.MAILBOXFULL, "552 Das Postfach des Empfängers ist voll"),
    (R.MAILBOXFULL, "552 La boîte aux lettres du destinataire est pleine"),
    (R.MAILBOXFULL, "552 El buzón del destinatario está lleno"),
    (R.MAILBOXFULL, "552 A caixa postal do destinatário está cheia"),
    (R.MAILBOXFULL, "552 La casella del destinatario è piena"),
    (R.MAILBOXFULL, "552 De mailbox van de ontvanger is vol"),
    (R.MAILBOXFULL, "552 Skrzynka odbiorcy jest pełna"),
    (R.MAILBOXFULL, "552 Почтовый ящик получателя переполнен"),
    (R.MAILBOXFULL, "552 对方邮箱已满"),
    (R.MAILBOXFULL, "552 受信者のメールボックスが一杯です"),
    (R.MESGTOOBIG, "552 Die Nachricht überschreitet die maximale Größe"),
    (R.MESGTOOBIG, "552 Le message est trop volumineux"),
    (R.MESGTOOBIG, "552 A mensagem é muito grande"),
    (R.MESGTOOBIG, "552 Il messaggio è troppo grande"),
    (R.MESGTOOBIG, "552 メールのサイズが大きすぎます"),
    (R.NORELAYING, "554 Relaying verweigert"),
    (R.NORELAYING, "554 Relayage interdit"),
    (R.NORELAYING, "554 Relay no permitido"),
    (R.NORELAYING, "554 Relaying non consentito"),
    (R.NORELAYING, "554 Przekazywanie poczty zabronione"),
    (R.NORELAYING, "554 中継拒否"),
    (R.EXPIRED, "Verbindungs-Timeout"),
    (R.EXPIRED, "Le délai de connexion a expiré"),
    (R.EXPIRED, "Se agotó el tiempo de espera de la conexión"),
    (R.EXPIRED, "Tempo limite de conexão esgotado"),
    (R.EXPIRED, "Timeout della connessione"),
    (R.EXPIRED, "Upłynął limit czasu połączenia"),
    (R.EXPIRED, "Таймаут соединения"),
]


@pytest.mark.parametrize(("reason", "text"), VARIANTS, ids=[t for _, t in VARIANTS])
def test_other_wordings_of_the_same_failures(reason, text):
    """Second phrasings in the same languages classify as the first ones do."""
    finding = Finding(recipient="bob@example.org", diagnostic=text, smtp_command="RCPT")
    assert classify(finding).reason is reason, classify(finding).rule


def test_a_detector_hint_wins():
    """A detector that knows the reason (ARF, auto-reply, MTA module) decides it."""
    finding = Finding(
        recipient="bob@example.org",
        status="5.1.1",
        diagnostic="550 5.1.1 user unknown",
        reason_hint=Reason.FILTERED,
    )
    verdict = classify(finding)
    assert (verdict.reason, verdict.hard, verdict.rule) == (
        R.FILTERED,
        False,
        "detector hint",
    )


def test_an_auto_reply_saying_the_mailbox_is_gone_is_not_a_vacation():
    """rfc3834-06.eml: "This email inbox is no longer in use" is a closed mailbox."""
    finding = Finding(
        recipient="bob@example.org",
        action=Action.DELIVERED,
        diagnostic="This email inbox bob@example.org is no longer in use.",
        reason_hint=Reason.VACATION,
    )
    assert classify(finding).reason is R.SUSPEND


def test_an_auto_reply_without_a_hint_is_still_a_vacation_notice():
    """`bounced parse --json` carries no hint: out-of-office wording says it."""
    finding = Finding(
        recipient="bob@example.org",
        action=Action.DELIVERED,
        diagnostic="Ich bin bis 5. Mai nicht im Büro und lese keine E-Mails.",
    )
    assert classify(finding).reason is R.VACATION


def test_a_complaint_is_feedback_and_never_permanent():
    """An ARF report (Feedback-Type) is feedback, not a failure of the address."""
    finding = Finding(
        recipient="bob@example.org", feedback_type="abuse", status="5.0.0"
    )
    verdict = classify(finding)
    assert (verdict.reason, verdict.permanent, verdict.hard) == (
        R.FEEDBACK,
        False,
        False,
    )


def test_an_x_unix_diagnostic_is_a_mailer_error():
    """A local delivery program's exit code (Diagnostic-Code: X-Unix; 255)."""
    finding = Finding(
        recipient="bob@example.org",
        status="5.3.0",
        diagnostic="255",
        diagnostic_type="X-Unix",
    )
    assert classify(finding).reason is R.MAILERERROR


def test_the_rule_names_what_decided():
    """The verdict says why, so a person can be told (phrase, status, stage)."""
    finding = Finding(
        recipient="bob@example.org",
        status="5.0.0",
        diagnostic="550 Unknown user bob@example.jp",
        smtp_command="DATA",
    )
    assert classify(finding).rule == "phrase 'unknown user' after DATA"


def test_malformed_codes_are_ignored_not_fatal():
    """A status or reply that is not a code is ignored; classify never raises."""
    finding = Finding(
        recipient="bob@example.org",
        status="5.1",
        diagnostic="\x00\udcff mailbox full 5.999999.1",
    )
    assert classify(finding).reason is R.MAILBOXFULL


@settings(max_examples=300, deadline=None)
@given(
    status=st.one_of(
        st.none(), st.text(max_size=20), st.from_regex(r"[245]\.\d{1,3}\.\d{1,3}")
    ),
    reply=st.one_of(st.none(), st.integers(min_value=-1000, max_value=1000)),
    text=st.one_of(st.none(), st.text(max_size=300)),
    command=st.one_of(st.none(), st.text(max_size=12)),
    action=st.sampled_from(list(Action)),
    hint=st.one_of(st.none(), st.sampled_from(list(Reason))),
)
def test_classify_never_raises(status, reply, text, command, action, hint):
    """Any finding, however odd, gets a reason from the taxonomy."""
    finding = Finding(
        recipient="bob@example.org",
        status=status,
        reply_code=reply,
        diagnostic=text,
        smtp_command=command,
        action=action,
        reason_hint=hint,
    )
    verdict = classify(finding)
    assert verdict.reason in Reason
    assert verdict.hard == (
        verdict.reason in HARD_REASONS
        and (verdict.permanent or verdict.reason is not Reason.NOTACCEPT)
    )


def test_a_huge_diagnostic_is_read_from_its_start_only():
    """Past MAX_DIAGNOSTIC characters nothing counts, so hostile input stays cheap."""
    head = "552 Mailbox full " + "x " * scan.MAX_DIAGNOSTIC
    tail = "on the suppression list " * 9999  # would outrank mailboxfull if read
    finding = Finding(recipient="bob@example.org", diagnostic=head + tail)
    assert classify(finding).reason is R.MAILBOXFULL


def test_a_status_with_a_comment_still_counts():
    """PowerMTA writes "Status: 5.2.1 (mailbox disabled, not accepting messages)"."""
    finding = Finding(recipient="bob@example.org", status="5.2.1 (mailbox disabled)")
    assert classify(finding).reason is R.SUSPEND


def test_every_phrase_table_is_ranked():
    """Each reason with a strong table has a place in STRONG_ORDER, and back."""
    tables = {tag for tag, _ in phrases.TABLES}
    strong = {tag for tag in tables if tag in Reason._value2member_map_}
    assert strong == {reason.value for reason in STRONG_ORDER}
    weak = {tag for tag in tables if tag.startswith(phrases.WEAK)}
    assert weak == {phrases.weak(r) for r in (*WEAK_ORDER, R.VACATION, R.ONHOLD)}
    assert tables - strong - weak == {phrases.UNPROVEN, phrases.DISGUISED, phrases.DBEB}


def test_every_phrase_is_reachable_by_the_scanner():
    """Each plain phrase, as written in its table, is found by scan() as its table."""
    for tag, table in phrases.TABLES:
        for phrase in table:
            if isinstance(phrase, phrases.Rx):
                continue
            for alternative in phrase.split(" | "):
                found = scan.scan(scan.normalize(f"x {alternative} x"))
                assert tag in found, (tag, alternative)


def test_status_tables_only_hold_defined_codes():
    """Every status with a reason also has its IANA title (explain prints it)."""
    assert set(codes.STATUS_REASONS) <= set(codes.DETAIL_MEANINGS)
    assert all(not codes.is_generic(*key.split(".")) for key in codes.STATUS_REASONS)


def test_a_detectors_unknown_user_yields_to_a_reason_that_outranks_it():
    """An MTA's 'unknown user' hint stands unless the text names, say, a disabled box."""
    hinted = Finding(
        recipient="bob@example.org",
        status="5.2.1",
        status_comment="mailbox disabled, not accepting messages",
        diagnostic="550 5.2.1 <bob@example.org>... User Unknown",
        reason_hint=Reason.USERUNKNOWN,
    )
    assert classify(hinted).reason is R.SUSPEND
    plain = Finding(
        recipient="bob@example.org",
        diagnostic="Unknown user",
        reason_hint=Reason.USERUNKNOWN,
    )
    assert (classify(plain).reason, classify(plain).rule) == (
        R.USERUNKNOWN,
        "detector hint",
    )
