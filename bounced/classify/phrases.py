"""Multilingual diagnostic phrases, one table per reason.

Each table lists what remote servers say for one kind of failure, in English and in
German, Russian, Chinese (simplified and traditional), Japanese, French, Spanish,
Portuguese, Italian, Dutch and Polish. Comments say where a phrase comes from: an
RFC's own wording, an MTA's source, a provider's published error list, Sisimai's
lib/Sisimai/Reason/*.pm (the field's shared catalogue), or a corpus sample.

Phrases are written as `bounced.classify.scan.normalize` leaves text: lower case,
accents dropped ("boite pleine" also matches "boîte pleine"), one space between
words. A string may hold several phrases separated by " | ". `Rx` marks the few that
need a regular expression; `scan` compiles everything once at import.

A table only says what a phrase suggests; `bounced.classify` decides which of the
suggestions wins (the precedence rule lives there, in one place).
"""

from __future__ import annotations

from dataclasses import dataclass

from bounced.reasons import Reason


@dataclass(frozen=True, slots=True)
class Rx:
    """A phrase that needs a regular expression (a gap, an alternative, a bound).

    `needs` lists plain substrings (" | "-separated) of which the text must hold
    one before the regex is tried at all: a cheap filter that keeps regexes off
    the many diagnostics they cannot match.
    """

    pattern: str
    needs: str


Phrase = str | Rx

# Tags that are not a reason of their own (see bounced.classify for their use).
UNPROVEN = "?unproven-userunknown"  # "user unknown" said at an unknown SMTP stage
DISGUISED = "?disguised-filter"  # au/KDDI's "550 : User unknown", a filter's refusal
DBEB = "?edge-blocked"  # Microsoft's "Recipient address rejected: Access denied"
WEAK = "~"  # prefix: weak evidence, used only when the status code says nothing


def weak(reason: Reason) -> str:
    """The tag of a reason's weak-evidence table."""
    return WEAK + reason.value


# -- strong tables, one per reason ---------------------------------------------------

_MAILBOXFULL: tuple[Phrase, ...] = (
    # RFC 3463 X.2.2, RFC 5321 552, Sisimai Reason/MailboxFull.pm
    "mailbox full | mailbox is full | mailbox is over quota | mailbox over quota",
    "mailbox quota exceeded | mailbox size limit exceeded",
    "mailbox would exceed maximum allowed storage | mailbox has exceeded",
    "mailbox exceeded the local limit",
    "mailfolder is full",  # lhost-x4-01.eml
    "mail folder is full | full mailbox | inbox is full | inbox full",
    "out of storage space",  # Gmail 552 5.2.2 OverQuotaPerm
    "over quota | over the quota | over its quota | over disk quota",
    "over the allowed quota | exceeding its mailbox quota | exceeding their quota",
    "exceeded storage allocation",  # RFC 5321 552 text
    "quota violation | diskspace quota | not enough storage space",
    "does not have enough space | not enough disk space | has not enough diskspace",
    "recipient reached disk quota | user has exceeded quota",
    Rx(
        r"speicherplatz(?: \S+){0,3} (?:ist )?(?:erschopft|voll|aufgebraucht)",
        needs="erschopft | voll | aufgebraucht",
    ),
    "user has too many messages on the server",
    "too much mail data",  # NTT docomo 552
    "number of messages in recipient's mailbox exceeded",  # lhost-biglobe-01.eml
    "exceeded its disk space limit",
    Rx(
        r"(?:disk|mailbox|mail|storage|user|account|inbox|folder) quota "
        r"(?:exceeded|full)",
        needs="quota",
    ),
    "quota exceeded (mailbox",  # Dovecot: "Quota exceeded (mailbox for user is full)"
    # More of Sisimai Reason/MailboxFull.pm; "quota exceeded" alone, except
    # a sending or message quota (rate limits, see _SPEEDING)
    Rx(
        r"(?<!sending )(?<!message )(?<!recipient )quota exceeded",
        needs="quota exceeded",
    ),
    "disc quota exceeded | mailbox quota usage exceeded | userdisk quota",
    "domaindisk quota | space has been used up | for exceeding receiving limits",
    "mail file size exceeds the maximum size allowed for mail delivery",
    Rx(r"mailbox (?:for user )?is full", needs="is full"),
    # German (Postfix/Dovecot translations, GMX, T-Online)
    "postfach voll | postfach ist voll | mailbox voll | mailbox ist voll",
    "postfach ist uberfullt | speicherplatz uberschritten",
    "speicherkontingent uberschritten | quota uberschritten",
    "kontingent uberschritten",
    Rx(r"postfach(?: \S+){0,3} (?:ist )?voll\b", needs="voll"),
    # French (Orange/La Poste "boite du destinataire pleine", Free, SFR)
    "boite aux lettres pleine | boite aux lettres est pleine | boite pleine",
    "boite du destinataire pleine | boite de reception pleine | boite mail pleine",
    "quota depasse | quota atteint | espace disque insuffisant",
    "espace de stockage insuffisant",
    Rx(r"boite(?: \S+){0,4} (?:est )?pleine", needs="pleine"),
    # Spanish
    "buzon lleno | buzon esta lleno | buzon de correo lleno",
    "buzon de correo esta lleno | bandeja de entrada llena | cuota excedida",
    "cuota superada | excede la cuota | excedido su cuota",
    Rx(r"buzon(?: \S+){0,3} (?:esta )?llen[oa]", needs="llen"),
    # Portuguese
    "caixa postal cheia | caixa postal esta cheia | caixa de correio cheia",
    "caixa de correio esta cheia | caixa de entrada cheia | caixa cheia",
    "cota excedida | quota excedida | excedeu a cota | excedeu a quota",
    Rx(r"caixa(?: \S+){0,4} (?:esta )?cheia", needs="cheia"),
    # Italian
    "casella piena | casella di posta piena | casella postale piena",
    "casella e piena | mailbox piena | quota superata | quota esaurita",
    "spazio esaurito",
    Rx(r"casella(?: \S+){0,4} (?:e )?piena", needs="piena"),
    # Dutch
    "mailbox vol | mailbox is vol | postvak vol | postvak is vol | postbus vol",
    "postbus is vol | quotum overschreden | quota overschreden",
    Rx(r"(?:mailbox|postvak|postbus)(?: \S+){0,4} (?:is )?vol\b", needs="vol"),
    # Polish (ł is folded to l, see scan._EXTRA_FOLDS)
    "skrzynka pelna | skrzynka jest pelna | skrzynka odbiorcza jest pelna",
    "skrzynka przepelniona | skrzynka jest przepelniona",
    "przekroczony limit skrzynki | przekroczono limit skrzynki",
    "brak miejsca w skrzynce",
    Rx(
        r"skrzynka(?: \S+){0,3} (?:jest )?(?:pelna|przepelniona)",
        needs="pelna | przepelniona",
    ),
    # Russian (Mail.ru, Yandex)
    "ящик переполнен | почтовыи ящик переполнен | переполнен | превышена квота",
    "квота превышена | превышен размер почтового ящика",
    "недостаточно места в почтовом ящике | нет места в ящике",
    # Chinese, simplified (QQ, 163, Coremail)
    "邮箱已满 | 信箱已满 | 邮箱空间已满 | 邮箱空间不足 | 邮箱容量不足",
    "邮箱容量已满 | 超出邮箱容量 | 超过邮箱容量 | 邮箱超出配额",
    # Chinese, traditional
    "信箱已滿 | 郵箱已滿 | 信箱空間不足 | 信箱容量不足 | 信箱容量已滿",
    "超過信箱容量 | 超出信箱配額",
    # Japanese
    "メールボックスがいっぱい | メールボックスが一杯 | メールボックスが満杯",
    # Korean (Naver, Daum/Kakao)
    "메일함 용량 초과 | 메일함이 가득 | 용량이 초과 | 용량 초과 | 저장 공간이 부족",
    "メールボックスの容量 | 容量オーバー | 容量超過 | 容量を超え",
)

_MESGTOOBIG: tuple[Phrase, ...] = (
    # RFC 3463 X.3.4, Sisimai Reason/MesgTooBig.pm, Postfix/Exim/Exchange texts
    "message too big | message too large | message is too big | message is too large",
    "message size exceeds | message size exceeded | message size limit",
    "message file too big | too big for system | exceeds the maximum message size",
    "exceeds maximum message size | maximum message size exceeded",
    "max message size exceeded | exceeded maximum inbound message size",
    "size of the message exceeds | mail size exceeds | email size exceeds",
    "message exceeds the maximum size | exceeds the size limit | exceeds size limit",
    "message larger than",
    "line limit exceeded | size limit",  # Sisimai Reason/MesgTooBig.pm
    # GMX "552 Mail rejected, size limit exceeded", NetEase "exceeded mailsize
    # limit"; "mailbox size limit exceeded" (a longer, higher-ranked phrase) stays
    # a full mailbox
    "size limit exceeded | mailsize limit | message size is over",
    # German
    "nachricht zu gross | nachricht ist zu gross | e-mail zu gross",
    "e-mail ist zu gross | maximale nachrichtengrosse",
    "uberschreitet die maximale grosse | nachricht ist zu lang",
    # French
    "message trop volumineux | message trop gros | taille limite du message",
    "taille maximale du message | taille du message depasse",
    "trop volumineux",
    # Spanish
    "mensaje demasiado grande | mensaje es demasiado grande",
    "tamano del mensaje excede | excede el tamano maximo",
    # Portuguese
    "mensagem muito grande | mensagem demasiado grande | tamanho da mensagem excede",
    "excede o tamanho maximo",
    "mensagem e muito grande | mensagem e demasiado grande",
    # Italian
    "messaggio troppo grande | dimensione del messaggio supera",
    "supera la dimensione massima",
    "messaggio e troppo grande",
    # Dutch
    "bericht te groot | bericht is te groot | maximale berichtgrootte",
    # Polish
    "wiadomosc jest zbyt duza | wiadomosc zbyt duza | wiadomosc jest za duza",
    "przekroczono maksymalny rozmiar | rozmiar wiadomosci przekracza",
    # Russian
    "сообщение слишком большое | письмо слишком большое | размер письма превышает",
    "размер сообщения превышает | превышен максимальныи размер",
    # Chinese
    "邮件过大 | 邮件太大 | 邮件大小超过 | 超过邮件大小限制 | 郵件過大 | 郵件太大",
    "郵件大小超過 | 超過郵件大小限制",
    # Japanese
    "メッセージが大きすぎ | メールサイズが大きすぎ | サイズが大きすぎ",
    # Korean (Naver, Daum/Kakao)
    "메일 크기 초과 | 크기가 너무 | 메일 크기가 허용",
    "サイズ制限を超え | サイズ超過",
)

_EXCEEDLIMIT: tuple[Phrase, ...] = (
    # RFC 3463 X.2.3: a per-mailbox limit rather than the system's size limit
    "exceeds administrative limit | message length exceeds",
    "message header size exceeds | header size exceeds",
)

_NOTCOMPLIANTRFC: tuple[Phrase, ...] = (
    # Sisimai Reason/NotCompliantRFC.pm; Gmail "RfcMessageNonCompliant"
    "not rfc 5322 compliant | not rfc5322 compliant | rfc 5322 specifications",
    "messages with multiple addresses in from",  # Gmail 550 5.7.1
    "multiple addresses in from: header | there are multiple subject headers",
    "multiple subject headers",
    "duplicate header",  # Amazon SES "Duplicate header 'DKIM-Signature'"
    "bare lf | bare linefeed | bare line feed | missing message-id",
    "missing date header | missing from header",
    # Gmail 550 5.7.1 "Messages missing a valid address in From: header ...";
    # Yahoo 554 "Headers are not RFC compliant"; Microsoft 5.7.512 "must be RFC
    # 5322 section 3.6.2 compliant" (Sisimai Reason/NotCompliantRFC.pm)
    "missing a valid address in from | not rfc compliant | not rfc-compliant",
    "rfc 5322 section 3.6.2 | not rfc 2822 compliant | not rfc2822 compliant",
)

_AUTHFAILURE: tuple[Phrase, ...] = (
    # RFC 7372 X.7.20-X.7.26 texts, Sisimai Reason/AuthFailure.pm, Gmail/Yahoo/Apple
    Rx(
        r"dmarc (?:policy|verification|check|validation|fail|reject|authentication)"
        r"|(?:fails?|failed|failure|not pass) (?:the )?(?:dmarc|spf|dkim)"
        r"|\bspf (?:check|validation|records?|fail|failure|softfail|hardfail|error)"
        r"|dkim (?:signature|verification|check|fail|failure|validation)",
        needs="dmarc | spf | dkim",
    ),
    "sender policy framework | spf.pobox.com",
    "spf policy | spf-fail",  # Proofpoint "rejected due to SPF policy violation"
    "hard fail policy (-all)",  # Gmail 5.7.26 SPF
    "unauthenticated email",  # Gmail "Unauthenticated email from x is not accepted"
    "authentication information",  # Gmail "does not have authentication information"
    "authentication checks failed",  # RFC 7372 X.7.26 "Multiple authentication ..."
    "fails to pass authentication",
    "sender id (pra)",  # Microsoft Sender ID
    "arc validation | no passing dkim | no valid dkim",
    "spf authentication | dkim authentication | dmarc authentication",
    # Gmail and Yahoo (2024 sender requirements): "This mail has been blocked
    # because the sender is unauthenticated. ... requires all senders to
    # authenticate with either SPF or DKIM", also as a 4.7.26 rate limit
    "sender is unauthenticated | it is unauthenticated | unauthenticated mail",
    "requires all senders to authenticate",
    # Gmail 5.7.32 "... isn't aligned with either the authenticated SPF or DKIM
    # organizational domain"; Outlook.com 5.7.515 (2025) "does not meet the
    # required authentication level ... authentication requirements"
    "authenticated spf or dkim | required authentication level",
    "authentication requirements",
)

_REQUIREPTR: tuple[Phrase, ...] = (
    # RFC 7372 X.7.25, Postfix reject_unknown_(reverse_)client_hostname, Sisimai
    # Reason/RequirePTR.pm, Comcast/Microsoft postmaster texts
    "reverse dns | reverse-dns | rdns | ptr record | ptr-record",
    "ptr resource record | dns ptr | no ptr | reverse hostname | reverse host name",
    "reverse lookup | cannot find your hostname | cannot find your reverse hostname",
    "ip name lookup failed | unresolvable relay host name",
    "forward dns entry does not point",
    "mismatches client ip",  # Outlook.com 550 "domain [x] mismatches client ip"
    "fcrdns",
    # "450 service permits 2 unverifyable sending IPs - a.example is not
    # 192.0.2.1": the name our IP resolves to does not resolve back to it
    # (lhost-exim-38.eml; Sisimai Reason/RequirePTR.pm)
    "unverifyable sending ip | unverifiable sending ip",
)

_SUSPEND: tuple[Phrase, ...] = (
    # RFC 3463 X.2.1 / RFC 5248 X.7.13, Sisimai Reason/Suspend.pm, Gmail DisabledUser
    Rx(
        r"(?<!your )(?:account|mailbox|inbox|user)(?: \S+){0,5} "
        r"(?:is|has been|was|are) (?:now )?(?:temporarily |permanently |currently )?"
        r"(?:disabled|suspended|deactivated|locked|frozen|blocked|inactive|closed"
        r"|discontinued|archived)",
        needs="disabled | suspended | deactivated | locked | frozen | blocked"
        " | inactive | closed | discontinued | archived",
    ),
    "account disabled | account suspended | account locked | account expired",
    "account inactive | inactive account | inactive user | mailbox disabled",
    "mailbox suspended | mailbox inactive",
    "disabled recipient",  # RFC 5248 X.7.13 as Postfix words it (lhost-dragonfly-27)
    "currently suspended",
    "temporary locked",  # lhost-amazonses-19.eml
    "temporarily locked | no longer in use",
    "no longer active | archived recipient | recipient suspend the service",
    "invalid/inactive user",
    # Sisimai Reason/Suspend.pm; QQ "User suspended", Mail.ru "user is terminated"
    "user suspended | recipient suspended | user is terminated | account terminated",
    "has been terminated | is a deactivated mailbox | mailbox is frozen",
    "mailbox currently suspended | account has been disabled",
    "has been suspended | temporarily inactive",  # Sisimai Reason/Suspend.pm
    "mailbox unavailable or access denied",  # QQ (Sisimai Suspend.pm)
    # German
    "konto deaktiviert | konto gesperrt | postfach gesperrt | postfach deaktiviert",
    # French (Orange: "Le compte du destinataire est bloque", rhost-franceptt-05)
    "compte desactive | compte suspendu | compte bloque",
    "compte du destinataire est bloque | boite du destinataire archivee",
    # Spanish
    "cuenta desactivada | cuenta suspendida | cuenta bloqueada | buzon desactivado",
    # Portuguese
    "conta desativada | conta suspensa | conta bloqueada",
    # Italian
    "account disattivato | account sospeso | account bloccato | casella disattivata",
    "casella sospesa",
    # Dutch
    "account uitgeschakeld | account geblokkeerd | account opgeschort",
    "mailbox uitgeschakeld",
    # Polish
    "konto zablokowane | konto wyłączone | konto zawieszone | skrzynka zablokowana",
    # Russian
    "ящик заблокирован | ящик отключен | учетная запись заблокирована",
    "аккаунт заблокирован | аккаунт отключен",
    # Chinese
    "账户已停用 | 帐户已停用 | 账号已冻结 | 邮箱已停用 | 邮箱已冻结 | 帳戶已停用",
    "帳號已凍結 | 信箱已停用",
    # Japanese
    "アカウントが停止 | アカウントは停止 | アカウントが無効 | 利用停止",
    # Korean (Naver, Daum/Kakao)
    "휴면 계정 | 휴면 상태 | 정지된 계정 | 계정이 정지 | 사용 중지된 | 계정이 비활성화",
    "停止されています | 凍結されています | 無効になっています",
    "メールボックスは無効 | メールボックスが無効",
    # "mailbox/account inactive, deactivated" as short phrases
    "postfach inaktiv | konto inaktiv | boite aux lettres desactivee",
    "boite desactivee | compte inactif | cuenta inactiva | caixa postal desativada",
    "caixa desativada | conta inativa | account inattivo | postvak gedeactiveerd",
    "mailbox gedeactiveerd | account inactief | skrzynka nieaktywna",
    "skrzynka wylaczona | skrzynka zawieszona | konto nieaktywne | аккаунт неактивен",
    "已被冻结 | 已被停用 | 已被禁用 | 已被锁定",
    "已被凍結 | 已被鎖定",
    # "<the recipient's account|mailbox> <is|has been> <disabled>" in German,
    # French, Spanish, Portuguese, Italian, Dutch, Polish and Russian word order,
    # as the English Rx above (Exchange, Zimbra and webmail translations)
    Rx(
        r"(?:konto|postfach|mailbox|benutzerkonto|account)(?: \S+){0,4} "
        r"(?:ist|wurde|wird) (?:\S+ ){0,2}"
        r"(?:deaktiviert|gesperrt|stillgelegt|suspendiert|inaktiv)",
        needs="deaktiviert | gesperrt | stillgelegt | suspendiert | inaktiv",
    ),
    Rx(
        r"(?:compte|boite|adresse)(?: \S+){0,5} (?:est|a ete) (?:\S+ ){0,2}"
        r"(?:desactive|suspendu|bloque|inactif|inactive|ferme)",
        needs="desactive | suspendu | bloque | inactif | inactive | ferme",
    ),
    Rx(
        r"(?:cuenta|buzon)(?: \S+){0,5} (?:esta|ha sido|fue) (?:\S+ ){0,2}"
        r"(?:deshabilitad|desactivad|suspendid|bloquead|inactiv|cerrad)[ao]",
        needs="deshabilitad | desactivad | suspendid | bloquead | inactiv | cerrad",
    ),
    Rx(
        r"(?:conta|caixa)(?: \S+){0,5} (?:esta|foi) (?:\S+ ){0,2}"
        r"(?:desativad|desabilitad|suspens|bloquead|inativ|encerrad)[ao]",
        needs="desativad | desabilitad | suspens | bloquead | inativ | encerrad",
    ),
    Rx(
        r"(?:account|casella)(?: \S+){0,5} (?:e|e stato|e stata|risulta) (?:\S+ ){0,2}"
        r"(?:disabilitat|disattivat|sospes|bloccat|inattiv)[oa]",
        needs="disabilitat | disattivat | sospes | bloccat | inattiv",
    ),
    Rx(
        r"(?:account|postvak|mailbox|postbus)(?: \S+){0,5} (?:is|werd) (?:\S+ ){0,2}"
        r"(?:uitgeschakeld|geblokkeerd|opgeschort|gedeactiveerd|inactief)",
        needs="uitgeschakeld | geblokkeerd | opgeschort | gedeactiveerd | inactief",
    ),
    Rx(
        r"(?:konto|skrzynka)(?: \S+){0,4} (?:zostal[oa]?|jest) (?:\S+ ){0,2}"
        r"(?:zablokowan|zawieszon|wylaczon|dezaktywowan|nieaktywn)[eay]",
        needs="zablokowan | zawieszon | wylaczon | dezaktywowan | nieaktywn",
    ),
    Rx(
        r"(?:ящик|аккаунт|учетная запись)(?: \S+){0,4} "
        r"(?:заблокирован|отключен|деактивирован|неактивен)",
        needs="заблокирован | отключен | деактивирован | неактивен",
    ),
)

_HASMOVED: tuple[Phrase, ...] = (
    # RFC 3463 X.1.6, RFC 5321 551, RFC 7293 X.7.17
    "has moved | destination mailbox has moved",
    "no longer on server",  # Apple iCloud 550 5.1.6 "recipient no longer on server"
    "user not local; please try | has been replaced by | mailbox owner has changed",
    # Exim redirect router ":fail: The address ... has changed; please use ..."
    "has changed; please use | has changed, please use | address has changed",
)

_NORELAYING: tuple[Phrase, ...] = (
    # Postfix "Relay access denied", qmail rcpthosts, Sisimai Reason/NoRelaying.pm,
    # Microsoft 5.7.54 "Unable to relay recipient in non-accepted domain"
    "relay access denied | relaying denied | relay denied | relaying not allowed",
    "relay not allowed | relaying not permitted | relay not permitted",
    "not permitted to relay | not allowed to relay | unable to relay | no relaying",
    "we do not relay | does not relay | not an open relay | insecure mail relay",
    "as a relay | relaying disallowed | rcpthosts | we don't handle mail for",
    "email address is not verified",  # Amazon SES: the sending identity is unverified
    # Sisimai Reason/NoRelaying.pm
    "not permitted to relay through this server | not a gateway | not local host",
    "requires authentication when attempting to send to a non-local",
    "relaying mail to | not configured to relay mail",
    # German
    "relaying nicht erlaubt | relay nicht erlaubt | relay verweigert",
    "relay-zugriff verweigert | weiterleitung verweigert",
    "relaying verweigert | weiterleitung nicht erlaubt",
    # French
    "relais refuse | relais non autorise | acces relais refuse | relayage refuse",
    "relais interdit",
    "relayage interdit",
    # Spanish
    "relay denegado | retransmision denegada | acceso de retransmision denegado",
    "reenvio no permitido",
    "relay no permitido | reenvio denegado",
    # Portuguese
    "relay negado | retransmissao negada | acesso de retransmissao negado",
    "relay nao permitido",
    # Italian
    "relay negato | relay non permesso | relay non consentito | inoltro negato",
    "inoltro non consentito",
    "relaying non consentito | relaying negato",
    # Dutch
    "relay geweigerd | relaying niet toegestaan | relay niet toegestaan",
    "doorsturen geweigerd",
    # Polish
    "przekazywanie zabronione | odmowa przekazywania | relay zabroniony",
    "przekazywanie poczty zabronione",
    # Russian
    "релеи запрещен | пересылка запрещена | ретрансляция запрещена",
    "отказано в ретрансляции",
    # Chinese
    "不允许转发 | 拒绝转发 | 禁止中继 | 不允许中继 | 中继访问被拒绝 | 不允許轉發",
    "拒絕轉發 | 禁止中繼 | 不允許中繼 | 拒絕中繼",
    # Japanese
    "リレーは許可されていません | 中継は許可されていません | 中継を拒否",
    "リレー拒否 | リレーを拒否",
    "中継拒否",
)

_SPEEDING: tuple[Phrase, ...] = (
    # Gmail 5.2.1 ReceivingRatePerm, GoDaddy IB607, RFC 8689-registry X.7.28
    "receiving mail at a rate | sent to too many recipients",
    "too many recipients this hour",
    # Outlook.com RP-001 "We have limits for how many messages can be sent per hour"
    "can be sent per hour | messages per hour | messages per day",
    Rx(r"(?<!connection )rate limit", needs="rate limit"),
    "rate limited | sending rate | message rate limit | throttled | throttling",
    "sending quota | daily message quota | mail flood",
    # Mail.ru "https://postmaster.mail.ru/ratelimit", QQ/163 "Ip frequency
    # limited", Zoho "Unusual sending activity detected", Microsoft 5.7.193
    # "UserThrottlingThresholdExceeded"
    "ratelimit | frequency limited | unusual sending activity",
    "max emails per hour | emails per hour",  # Sisimai TooManyConn.pm, a rate
    "throttlingthresholdexceeded | exceeded the maximum number of messages",
    # "too many messages (try again later)" and "sending rate too high", in the
    # same ten languages
    "too many messages | too many emails | too many mails",
    "zu viele nachrichten | zu viele e-mails | trop de messages | trop de courriels",
    "demasiados mensajes | demasiados correos | muitas mensagens | mensagens demais",
    "troppi messaggi | te veel berichten | zbyt wiele wiadomosci | za duzo wiadomosci",
    "слишком много сообщении | слишком много писем | 发送频率过高 | 发信频率过高",
    "频率过高 | 發送頻率過高 | 送信数が多すぎ | 送信頻度",
)

_TOOMANYCONN: tuple[Phrase, ...] = (
    # RFC 3463 X.5.3 text, Postfix anvil "Connection rate limit exceeded"
    Rx(
        # "Too many concurrent SMTP connections from this IP address"
        r"too many (?:(?:concurrent|simultaneous|open|smtp|parallel|inbound) ){0,2}"
        r"(?:connections|sessions)",
        needs="too many",
    ),
    "connection rate limit | connection limit | maximum number of connections",
    # "too many connections" in German, French, Spanish, Portuguese, Italian,
    # Dutch, Polish, Russian, Chinese and Japanese
    "zu viele verbindungen | trop de connexions | demasiadas conexiones",
    "muitas conexoes | conexoes demais | troppe connessioni | te veel verbindingen",
    "zbyt wiele polaczen | za duzo polaczen | слишком много соединении",
    "слишком много подключении | 连接数过多 | 连接过多 | 連線數過多 | 接続数が多すぎ",
    "同時接続数",
    "연결이 너무 많",  # Korean
    "server busy",  # Microsoft 451 4.7.500 "Server busy. Please try again later"
    "too many recipients | too many rcpt",
    "too many errors",  # Sisimai Reason/TooManyConn.pm "too many errors from your ip"
)

_BADREPUTATION: tuple[Phrase, ...] = (
    # Yahoo TSS04, Microsoft/Gmail reputation texts, Sisimai Reason/BadReputation.pm
    "unexpected volume or user complaints | poor reputation | bad reputation",
    "low reputation | ip reputation | domain reputation | sender reputation",
    "reputation problems | none/bad reputation",
)

_VIRUSDETECTED: tuple[Phrase, ...] = (
    # Not the bare word: Barracuda signs its notices "Spam & Virus Firewall", and
    # "X-Virus-Scanned" headers are everywhere.
    # "a virus" alone would also match "scanned by a virus scanner"
    "virus detected | virus found | virus infected | virus alert | contains a virus",
    "contained a virus | containing a virus | with a virus",
    "- infected:",  # amavisd-new "Reject, id=... - INFECTED: Eicar-Signature"
    "infected with | infected by | malware | trojan | malicious content",
    "virus gefunden | virus erkannt",  # German
    "virus detecte | contient un virus",  # French
    "virus detectado | contiene un virus",  # Spanish
    "contem um virus",  # Portuguese ("vírus" folds to "virus")
    "virus rilevato",  # Italian
    "virus gevonden",  # Dutch
    "wykryto wirusa | zawiera wirusa",  # Polish
    "обнаружен вирус | содержит вирус",  # Russian
    "病毒 | ウイルス | ウィルス",
    "- virus",  # amavisd-new "Reject, id=... - VIRUS: Eicar-Test-Signature"
    # Sisimai Reason/VirusDetected.pm
    "potentially executable attachment | used by recent viruses | prohibited virus",
    "virus infizierte | infiziert",  # German
)

_SPAMDETECTED: tuple[Phrase, ...] = (
    # Sisimai Reason/SpamDetected.pm, Barracuda "UBE", SpamAssassin, Gmail
    Rx(r"\bube\b", needs="ube"),
    "detected as spam | classified as spam | identified as spam | considered spam",
    "considered as spam | flagged as spam | marked as spam | rejected as spam",
    "looks like spam | appears to be spam | probable spam | suspected spam",
    "likely spam | spam detected | spam message | spam content | spam score",
    "spamassassin | unsolicited | bulk mail | bulk email | message content rejected",
    "junk mail",
    "- spam",  # amavisd-new "Reject, id=... - SPAM"
    "probability of spam | suspicion of spam",  # Yandex "under suspicion of SPAM"
    "dt:spm",  # NetEase (163.com) spam verdict code
    # More of Sisimai Reason/SpamDetected.pm, GMX/web.de "high spam probability",
    # QQ "Mail content denied", Naver "spam filter", Microsoft 5.7.501 "spam abuse"
    "spam probability | high probability of spam | spam filter | spam abuse",
    "mail content denied | blocked by spamassassin | content filter rejection",
    "spam or virus | rejected for spam | spam blocked | spam check | spam email",
    "spam not accepted | spam refused | spam rejection | too much spam | spam-like",
    "seems to be a spam | contain the spam | as bulk mail",
    "antispam checks | anti-spam checks | spam classification",
    "our system has detected that this message is",  # Gmail 550 5.7.1
    "spam policy | spam signature | spam pattern",
    # Spanish, Portuguese, Italian, Polish, Dutch: "considered spam", "as spam"
    "considerado spam | considerada spam | considerado como spam",
    "considerato spam | considerata spam | za spam | uznana za spam",
    "als spam aangemerkt | spamverdacht | spam-verdacht",
    "als spam | spam erkannt | comme spam | spam detecte | como spam",
    "spam detectado | come spam | jako spam | как спам | 垃圾邮件 | 垃圾郵件",
    "迷惑メール | スパム",
    "스팸",  # Korean
    # "unwanted (junk) mail" in German, French, Spanish, Portuguese, Italian,
    # Dutch, Polish, Russian
    "unerwunschte e-mail | unerwunschte nachricht | courrier indesirable",
    "correo no deseado | mensagem indesejada | mensagem nao solicitada",
    "posta indesiderata | ongewenste e-mail | ongewenste mail | niechciana wiadomosc",
    "niechciana poczta | нежелательная почта | нежелательное сообщение | спам",
)

_POLICYVIOLATION: tuple[Phrase, ...] = (
    # Sisimai Reason/PolicyViolation.pm, Yahoo 5.7.9, Zoho 5.7.7, Mimecast docs
    "policy violation | not accepted for policy reasons",
    "rejected for policy reasons | policy reasons | denied by policy | local policy",
    "content policy | violates our policy | protocol violation",
    "host network not allowed",  # Mimecast: a Permitted Senders policy refused us
    "illegal attachment | attachment not allowed | prohibited attachment",
    "forbidden attachment | forbidden extension | blocked attachment",
    # "attachment type not allowed by recipient policy", "attachments are not permitted"
    Rx(
        r"attachments?(?: types?| extensions?)? (?:is |are )?not (?:allowed|permitted)",
        needs="attachment",
    ),
    "policy restrictions | rejected by policy | anti-spoofing",
    "header error",  # Sendmail milters, "554 5.7.9 Header error" (lhost-sendmail-09)
    # Gmail 552 5.7.0: an attachment type Gmail refuses (executables, macros)
    "content presents a potential security issue",
    "dangerous attachment | quarantined | not subscribed to this group",
    "solving a captcha",
    # Sisimai Reason/PolicyViolation.pm
    "email rejected due to security policies | header are not accepted",
    "message bounced due to organizational settings | message given low priority",
    "we do not accept messages containing images or other attachments",
    # Gmail 550 5.7.1 "The user or domain that you are sending to (or from) has a
    # policy that prohibited the mail that you sent"; Sisimai PolicyViolation.pm
    "policy that prohibited | content restrictions | banned attachment",
    "unacceptable attachment | organization policy | recipients policy",
    "by the content scanner | mass mailer | not accepting mail with",
    "policy rejection",  # Yandex "550 5.7.1 Policy rejection on the target address"
    # German, French, Spanish, Portuguese, Italian, Dutch, Polish, Russian,
    # Chinese, Japanese: "rejected because of a policy", "policy violation"
    "aufgrund einer richtlinie | richtlinienverstoss | verstoss gegen die richtlinie",
    "aufgrund von richtlinien | richtlinie abgelehnt",
    "violation de la politique | en raison de la politique | contraire a la politique",
    "violacion de la politica | debido a la politica | por politicas",
    "violacao de politica | violacao da politica | devido a politica",
    "violazione della policy | violazione delle norme | a causa della policy",
    "in strijd met het beleid | beleidsovertreding | vanwege beleid",
    "naruszenie polityki | ze wzgledu na polityke",
    "нарушение политики | политикои безопасности | по соображениям политики",
    "违反策略 | 违反政策 | 策略限制 | 違反政策",
    "ポリシー違反 | ポリシーにより",
    "정책 위반 | 정책에 의해",  # Korean
    "нарушения политики | нарушение правил | нарушения правил",
)

_NOTACCEPT: tuple[Phrase, ...] = (
    # RFC 7505 null MX, RFC 7504 521/556, RFC 3463 X.3.2, qmail-remote,
    # Postfix dns_lookup errors, Exim "an MX or SRV record indicated no SMTP service"
    "null mx | nullmx | does not accept mail | doesn't accept mail",
    "no route for current request",  # Sisimai Reason/NotAccept.pm
    "does not receive email | doesn't receive email | does not accept e-mail",
    "accepts no mail | no mx record | has no mx | couldn't find a mail exchanger",
    "could not find a mail exchanger | mail receiving disabled",
    "malformed or unexpected name server reply | indicated no smtp service",
    "system not accepting network messages",
)

_HOSTUNKNOWN: tuple[Phrase, ...] = (
    # RFC 3463 X.1.2, Sendmail "Host unknown", Postfix "Host or domain name not
    # found", Exim "Unrouteable address", Sisimai Reason/HostUnknown.pm
    "host unknown | unknown host | host not found | host or domain name not found",
    "domain not found | domain name not found | no such domain | unknown domain",
    "domain unknown | domain does not exist | domain doesn't exist",
    "non-existent domain | nonexistent domain | nxdomain | no such host",
    "unrouteable address | unroutable address | unrouteable mail domain",
    "recipient domain must exist | mail domain mentioned in email address is unknown",
    "the account or domain may not exist",  # lhost-exim-31.eml
    "domain is not reachable | domain must exist",  # Sisimai Reason/HostUnknown.pm
    "name or service not known | bad destination system address",
    "couldn't find any host named | could not find any host named",  # qmail-remote
    # hMailServer "No mail servers appear to exists for the recipients address"
    "no mail servers appear to exist",
    # Exim "all relevant MX records point to non-existent hosts"; Yahoo 553
    # 5.1.2 "Invalid recipient domain" (longer than "invalid recipient", so it
    # is the phrase read at that position)
    "non-existent host | nonexistent host | invalid recipient domain",
    "recipient domain is invalid",
    # "<host.name> does not exist" (Exim relaying a 553, lhost-exim-37.eml)
    Rx(
        r"(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+ does not exist",
        needs="does not exist",
    ),
    # German
    "domain existiert nicht | unbekannte domain | host unbekannt",
    "domane existiert nicht | domane ist unbekannt | domane nicht gefunden",
    # French
    "domaine inexistant | domaine inconnu | hote inconnu | domaine n'existe pas",
    # Spanish
    "dominio no existe | dominio inexistente | dominio desconocido",
    "host desconocido",
    # Portuguese
    "dominio nao existe | dominio desconhecido",
    # Italian
    "dominio sconosciuto | dominio inesistente | host sconosciuto",
    # Dutch
    "domein bestaat niet | onbekend domein | onbekende host",
    # Polish
    "domena nie istnieje | nieznana domena | nieznany host",
    # Russian
    "домен не существует | домен не наиден | неизвестныи домен",
    # Chinese
    "域名不存在 | 未知域名 | 主机未知 | 網域不存在 | 網域名稱不存在 | 主機不明",
    # Japanese
    "ドメインが存在しません | ドメインが見つかりません | 存在しないドメイン",
    # Korean (Naver, Daum/Kakao)
    "존재하지 않는 도메인 | 도메인을 찾을 수 없",
    # "domain not found" in German, French, Spanish, Portuguese, Italian, Dutch,
    # Polish and Chinese
    "domain nicht gefunden | domaine introuvable | dominio no encontrado",
    "dominio nao encontrado | dominio non trovato | domein niet gevonden",
    "nie znaleziono domeny | 找不到域名 | 找不到網域",
    "ホストが見つかりません",
)

# Wording that names the mailbox as nonexistent outright: believed at any SMTP stage.
_USERUNKNOWN: tuple[Phrase, ...] = (
    # RFC 3463 X.1.1 text, Sendmail/qmail/Exchange/Gmail/Yahoo/Microsoft texts,
    # Sisimai Reason/UserUnknown.pm
    "no such user | no such mailbox | no such recipient | no such account",
    "no such address | no such person",
    # qmail's bouncesaying for a departed user: closed for good, not suspended
    "address no longer accepts mail",
    # "no such mailbox/user" in German, French, Polish, Chinese, Japanese
    "kein solches postfach | kein solcher empfanger | aucune boite aux lettres",
    "aucun utilisateur | nie ma takiej | 没有这个用户 | 没有该用户",
    "そのようなユーザー | 該当するユーザーがいません",
    "no mailbox here by that name",  # qmail-local
    "bad destination mailbox address",
    Rx(
        r"(?:user|mailbox|recipient|address|account|addressee)(?: \S+){0,6} "
        r"(?:does not|doesn't|did not|no longer) exists?",
        needs="exist",
    ),
    "address couldn't be found",  # Gmail "Address not found"
    # A deleted account is a nonexistent one, not a suspended one
    Rx(
        r"(?:user|mailbox|account|address)(?: \S+){0,4} "
        r"(?:has been|was|is|have been) (?:permanently )?(?:deleted|removed)",
        needs="deleted | removed",
    ),
    "address could not be found | invalid recipient | invalid mailbox",
    # not "Invalid username or password": an AUTH failure of our relay
    Rx(r"invalid user\b(?! ?name| or password)", needs="invalid user"),
    "invalid final delivery userid",  # Ipswitch IMail
    # More of Sisimai Reason/UserUnknown.pm: wording that names the mailbox
    # or user as nonexistent
    "no account by that name | no mail box available for this user",
    "no mailbox by that name | no mailbox found | non-existent user",
    "nonexistent user | not a valid user | is not a known user",
    "there is no one at this address | email name is not found",
    "mailbox not present | spectator does not exist | badrcptto | validrcptto",
    "badrecipientto | recipient not exist | nessun utente simile",
    "is not an active address at this host | invalid mailbox path",
    "email address is wrong or no longer valid | destination addresses were unknown",
    "mailbox invalid | invalid-recipient",
    "recipient name is not recognized",  # Exchange 2003
    "recipnotfound",  # Exchange RESOLVER.ADR.RecipNotFound
    "recipientnotfound | not a valid recipient | not a valid mailbox",
    "mailbox not found | mailbox is not found | mailbox unknown | unknown mailbox",
    "not listed in domino directory | not listed in public name & address book",
    "unknown local part | unknown or illegal alias",
    # Yahoo "554 delivery error: dd This user doesn't have a yahoo.com account"
    Rx(r"(?:doesn't|does not) have an? \S+ account", needs="account"),
    # au/KDDI "550 <addr>: User unknown" (Sisimai Rhost/KDDI.pm)
    Rx(r">: user unknown", needs="user unknown"),
    # German
    "existiert nicht | kein solcher benutzer | keine solche mailbox",
    "mailbox nicht vorhanden | postfach nicht vorhanden | postfach nicht gefunden",
    # French
    "n'existe pas | boite aux lettres inexistante | adresse inexistante",
    "utilisateur inexistant | destinataire inexistant | compte inexistant",
    "boite aux lettres introuvable | adresse introuvable",
    # Spanish
    "no existe | usuario inexistente | direccion inexistente | buzon inexistente",
    "buzon no encontrado",
    # Portuguese
    "nao existe | usuario inexistente | endereco inexistente",
    "caixa postal inexistente",
    "caixa postal nao encontrada",
    # Italian
    "non esiste | utente inesistente | indirizzo inesistente | casella inesistente",
    "casella non trovata",
    # Dutch
    "bestaat niet",
    "mailbox niet gevonden | postvak niet gevonden",
    # Polish
    "nie istnieje | nie ma takiego",
    "nie znaleziono skrzynki",
    # Russian
    "не существует | нет такого",
    "почтовыи ящик не наиден | ящик не наиден",
    # Chinese ("已注销": the account was deregistered, the address is gone)
    "不存在 | 無此用戶 | 无此用户 | 已注销 | 已被注销 | 已註銷",
    "邮箱未找到 | 信箱未找到",
    # Japanese
    "存在しません | 存在しない",
    # Korean (Naver, Daum/Kakao)
    "존재하지 않는 사용자 | 존재하지 않는 계정 | 존재하지 않는 메일",
    "존재하지 않습니다",
    "없는 사용자 | 사용자를 찾을 수 없",
)

# "User unknown" and its kin, believed only at RCPT (see bounced.classify).
_UNPROVEN: tuple[Phrase, ...] = (
    Rx(r"\buser <?[^\s<>]+@[^\s<>]+>? (?:is )?unknown", needs="user"),  # Courier
    "user unknown | unknown user | recipient unknown | unknown recipient",
    "recipient not found | user not found | addressee unknown",
    # Sisimai Reason/UserUnknown.pm, believed at RCPT or with an address status
    "can't accept user | destination server rejected recipients",
    "no valid recipients | not a local address | recipient is not local",
    "recipient not ok | recipient refuses to accept your mail",
    "envelope recipient has been denied | account unavailable",
    "invalid address",  # also Zoho's prefix to any refusal (lhost-zoho-02.eml)
    # German
    "benutzer unbekannt | unbekannter benutzer | empfanger unbekannt",
    "unbekannter empfanger",
    "benutzer nicht gefunden | empfanger nicht gefunden",
    # French
    "utilisateur inconnu | destinataire inconnu | adresse inconnue",
    "utilisateur introuvable | destinataire introuvable",
    # Spanish
    "usuario desconocido | destinatario desconocido",
    "usuario no encontrado | destinatario no encontrado",
    # Portuguese
    "usuario desconhecido | utilizador desconhecido | destinatario desconhecido",
    "usuario nao encontrado | destinatario nao encontrado",
    # Italian
    "utente sconosciuto | destinatario sconosciuto",
    "utente non trovato | destinatario non trovato",
    # Dutch
    "gebruiker onbekend | onbekende gebruiker | ontvanger onbekend",
    "onbekende ontvanger",
    "gebruiker niet gevonden | ontvanger niet gevonden",
    # Polish
    "nieznany uzytkownik | uzytkownik nieznany | nieznany adresat",
    "nieznany odbiorca",
    "nie znaleziono uzytkownika | nie znaleziono odbiorcy",
    # Russian
    "неизвестныи пользователь | пользователь неизвестен | пользователь не наиден",
    "неизвестныи получатель | получатель не наиден | адресат не наиден",
    # Chinese
    "用户未知 | 未知用户 | 收件人未知 | 用戶未知 | 使用者不明 | 收件者不明",
    "找不到收件人 | 找不到收件者 | 找不到用户 | 找不到使用者",
    # Japanese
    "宛先不明 | ユーザ不明 | ユーザー不明",
    "수신자 불명 | 알 수 없는 사용자",  # Korean
    "ユーザーが見つかりません | ユーザが見つかりません | 宛先が見つかりません",
    # "<the recipient> <is> unknown" with words between, as translations write it:
    # "Der Empfänger ist unbekannt", "le destinataire est inconnu", ...
    Rx(
        r"(?:empfanger|benutzer|adressat)(?: \S+){0,3} (?:ist|war) unbekannt"
        r"|(?:utilisateur|destinataire)(?: \S+){0,3} (?:est )?inconnue?"
        r"|(?:usuario|destinatario)(?: \S+){0,3} (?:es|esta) desconocid[oa]"
        r"|(?:usuario|utilizador|destinatario)(?: \S+){0,3} (?:e|esta) desconhecid[oa]"
        r"|(?:utente|destinatario)(?: \S+){0,3} (?:e|risulta) sconosciut[oa]"
        r"|(?:gebruiker|ontvanger)(?: \S+){0,3} is onbekend"
        r"|(?:uzytkownik|odbiorca|adresat)(?: \S+){0,3} jest nieznan[ya]",
        needs="unbekannt | inconnu | desconocid | desconhecid | sconosciut"
        " | onbekend | nieznan",
    ),
)

_DISGUISED: tuple[Phrase, ...] = (
    # au/KDDI refuse filtered mail with an *empty* address: "550 : User unknown"
    # (Sisimai Rhost/KDDI.pm); "550: : User unknown" is Yahoo relaying it.
    Rx(r"550:? : user unknown", needs=": user unknown"),
)

_DBEB: tuple[Phrase, ...] = (
    # Microsoft Directory-Based Edge Blocking answers 550 5.4.1 "Recipient address
    # rejected: Access denied" for an address not in the tenant; with any other
    # status (Postfix check_recipient_access) the same words are a policy refusal.
    "recipient address rejected: access denied",
)

_FILTERED: tuple[Phrase, ...] = (
    # Sisimai Reason/Filtered.pm, Facebook RCP-P2, Microsoft RESOLVER.RST.NotAuthorized
    "refused due to recipient preferences | recipient preferences | message filtered",
    "blocked by the recipient | user refuses to receive",
    "message rejected due to user rules | has restricted sms e-mail",
    "this account is protected by",
    # The recipient's own block list: English and nine translations
    "recipient has blocked | blocked by recipient",  # not "by the recipient domain"
    # Sisimai Reason/Filtered.pm
    "new mail is not currently being accepted for this mailbox",
    "is not accepting any mail | not found recipient account | user reject",
    "refuse to receive mail",
    "vom empfanger blockiert | vom empfanger abgelehnt | bloque par le destinataire",
    "refuse par le destinataire | bloqueado por el destinatario",
    "rechazado por el destinatario | bloqueado pelo destinatario",
    "rejeitado pelo destinatario | bloccato dal destinatario",
    "rifiutato dal destinatario | geblokkeerd door de ontvanger",
    "geweigerd door de ontvanger | zablokowane przez odbiorce",
    "zablokowany przez odbiorce | odrzucone przez odbiorce",
    "заблокировано получателем | отклонено получателем | 被收件人拒收 | 收件人拒收",
    "被收件人拒绝 | 受信者により",
    "only accepting mail from specific email addresses | resolver.rst.notauthorized",
    "not authorized to send to this recipient",
    "受信拒否",  # Japanese carriers: the recipient's filter refused it
    "수신 거부",  # Korean: the recipient refuses it
    "拒收",
)

_REJECTED: tuple[Phrase, ...] = (
    # The *sender* is refused: Postfix reject_unknown_sender_domain, qmail-remote,
    # Exim sender verification, list servers, Sisimai Reason/Rejected.pm
    "sender address rejected | sender rejected",
    "sender was rejected",  # qmail-remote "Connected to x but sender was rejected"
    "domain of sender address | sender domain must exist | sender domain is empty",
    "sender verify failed | sender verification failed | could not verify sender",
    "unable to verify sender | unroutable sender | unrouteable sender",
    "invalid sender | null sender is not allowed",
    "empty envelope senders not allowed | mail from not owned by user",
    "not a member of this list | not a member of this mailing list",
    "not a member of the list | not allowed to post | members-only list",
    "closed mailing list",
    "from: domain is invalid",  # GoDaddy IB506 (lhost-exim-45.eml)
    "please provide a valid from | batv | returned mail not accepted here",
    "sender not pre-approved | your email address has been blacklisted",
    # Microsoft "5.1.0 Sender denied", "5.1.8 Access denied, bad outbound sender";
    # Sisimai Reason/Rejected.pm
    "sender denied | bad outbound sender | sender is spammer",
    # Sisimai Reason/Rejected.pm: the sender or its domain is refused
    "administrative prohibition | backscatter protection | bogus mail from",
    "denied [bouncedeny] | secumail valid-address-filter | senderfilterconfig",
    "envelope blocked | no third-party dsns | fully qualified email address required",
    "is not a registered gateway user | sender email address rejected",
    "this server does not accept mail from | sender blacklisted",
    "sender address has been blacklisted | sender is in my black list",
    "delivery not authorized, message refused",
    "isn't on the recipient's list of senders to accept mail from",
    "your access to submit messages to this e-mail system has been rejected",
    "can't determine purported responsible address | unsigned dsn",
    "emetteur invalide",  # French
    "expediteur refuse",
    "absender abgelehnt",  # German
    "remitente rechazado",  # Spanish
)

_BLOCKED: tuple[Phrase, ...] = (
    # DNSBLs, Postfix smtpd_client_restrictions, qmail, Orange/La Poste "Service
    # refuse", Sisimai Reason/Blocked.pm
    "blocked using | blacklisted | blocklisted | blacklist | blocklist | block list",
    "black list | spamhaus | spamcop | sorbs | barracudacentral | abuseat | dnsbl",
    Rx(r"\brbl\b", needs="rbl"),
    "realtime blackhole | client host rejected | client host blocked",
    "ip blocked | ip address blocked | ip is blocked | ip address is blocked",
    "ip has been blocked | ip address has been blocked | ip banned | ip not allowed",
    "banned sending ip | bad sender ip",
    "invalid ip for sending mail",  # Yahoo 554 (lhost-yahoo-14.eml)
    "not allowed to send mail from | connections not accepted from",
    "not currently accepting mail from your ip | from your ip",
    "you are not allowed to connect | dynamic ip | dial-up | dialup | residential ip",
    "not accepting connections",  # Apple "ESMTP not accepting connections"
    "not authorized to send email directly",  # Gmail 550 5.7.1, use your ISP's relay
    "traffic not accepted",  # Microsoft 5.7.708 "traffic not accepted from this IP"
    "blocked - see",  # Proofpoint, Apple "554 5.7.1 Blocked - see https://..."
    "permanently deferred",  # Yahoo TSS09
    "banned sender",  # Microsoft 5.7.511
    "block for spam",  # Comcast "Comcast block for spam"
    "service refuse",  # Orange: "Service refuse. Veuillez essayer plus tard"
    "my name was rejected",  # qmail-remote: HELO refused
    "helo command rejected | invalid helo | refused to talk to me | greylist",
    "graylist | sender ip address rejected | currently sending spam",
    # The remote hung up on us mid-session (Sisimai Reason/Blocked.pm;
    # lhost-v5sendmail-05.eml, "Connection reset by peer during result wait")
    "connection reset by peer | connection was dropped by remote host",
    # "your IP is on a blacklist", "IP address blocked" in German, French,
    # Spanish, Portuguese, Italian, Dutch, Polish, Russian, Chinese, Japanese
    "schwarzen liste | schwarze liste | liste noire | lista negra | lista nera",
    "zwarte lijst | blokkeerlijst | czarnej liscie | czarna lista | черном списке",
    "черныи список | 黑名单 | 黑名單 | ブラックリスト | 拒否リスト | 被封禁",
    Rx(
        r"\bip\b(?:[- ]\S+){0,4} (?:\S+ ){0,2}(?:blockiert|gesperrt|bloquee"
        r"|bloqueada|bloqueado|bloccato|geblokkeerd|zablokowany|заблокирован)",
        needs="blockiert | gesperrt | bloquee | bloqueada | bloqueado | bloccato"
        " | geblokkeerd | zablokowany | заблокирован",
    ),
    "ipアドレスがブロック | ipがブロック",
    "블랙리스트 | 차단된 ip | ip가 차단 | ip 주소가 차단",  # Korean
)

_SECURITYERROR: tuple[Phrase, ...] = (
    # RFC 4954 530/535/X.7.8, Exchange RESOLVER.RST.AuthRequired, Sisimai
    "authentication required | authentication is required | must authenticate",
    "unauthenticated senders not allowed",  # SendGrid (lhost-postfix-65.eml)
    "unauthenticated sender | authentication credentials invalid",
    "authentication mechanism is too weak | account not subscribed to ses",
    # Sisimai Reason/SecurityError.pm
    "authentication failure | authentication failed | is a dead domain",
    "authentication turned on in your email client",
    "executable files are not allowed in compressed files",
    # "authentication required" in nine languages
    "authentifizierung erforderlich | authentifizierung notwendig",
    "authentification requise | authentification obligatoire",
    "autenticacion requerida | autenticacion obligatoria | autenticacao necessaria",
    "autenticacao obrigatoria | autenticazione richiesta | authenticatie vereist",
    "wymagane uwierzytelnienie | требуется аутентификация | требуется авторизация",
    "需要身份验证 | 需要认证 | 需要驗證 | 認証が必要",
)

_FAILEDSTARTTLS: tuple[Phrase, ...] = (
    # RFC 3207, RFC 8689 REQUIRETLS, Postfix "Must issue a STARTTLS command first"
    "must issue a starttls | starttls is required | starttls required | tls required",
    "tls is required | requiretls | encryption required | encryption needed",
    "tls negotiation failed | starttls failed | tls handshake | ssl handshake",
)

_NETWORKERROR: tuple[Phrase, ...] = (
    # Routing loops (RFC 5321 §6.3), DNS failures reported as temporary, qmail-remote
    "too many hops | hop count exceeded | maximum hop count | routing loop",
    "mail loop | forwarding loop | loop detected | loops back to myself",
    "too many received headers",
    "host not found, try again",  # Postfix: DNS TRY_AGAIN
    "host name lookup failure",  # Sendmail (lhost-sendmail-11.eml)
    "name service error | dns error | dns failure",
    "lost connection",
    "wasn't able to establish an smtp connection",  # qmail-remote
    "message is looping",  # qmail-send "This message is looping: it already has..."
    # Sisimai Reason/NetworkError.pm
    "could not connect and send the mail to | message looping",
    "dns records for the destination computer could not be found",
    "unable to resolve route",
    # German
    "zu viele hops | zu viele weiterleitungen | mailschleife | schleife erkannt",
    # French
    "trop de sauts | trop de relais | boucle de messagerie | boucle detectee",
    # Spanish, Portuguese
    "demasiados saltos | bucle de correo | bucle detectado | saltos em excesso",
    "muitos saltos | loop de e-mail | loop detectado",
    # Italian
    "troppi salti | troppi hop | loop di posta | loop rilevato",
    # Dutch
    "te veel hops | te veel doorsturingen | mailloop | lus gedetecteerd",
    # Polish
    "zbyt wiele przeskokow | za duzo przeskokow | petla pocztowa | wykryto petle",
    # Russian
    "слишком много переходов | слишком много пересылок | почтовая петля",
    "обнаружена петля",
    # Chinese
    "跳数过多 | 转发次数过多 | 邮件循环 | 检测到循环 | 跳數過多 | 轉發次數過多",
    "郵件迴圈 | 偵測到迴圈",
    # Japanese
    "ホップ数が多すぎ | ホップ数超過 | メールループ | ループを検出",
)

_EXPIRED: tuple[Phrase, ...] = (
    # A bounce that reports a connection-level failure is final only because the
    # queue lifetime ran out: RFC 3463 X.4.7, Exim retry texts, Gmail 7720, Sisimai
    "timed out | time out | timeout | message expired | delivery expired",
    "delivery time expired | retry timeout exceeded | retry time not reached",
    "failing for a long time",
    # Sisimai Reason/Expired.pm
    "could not find a gateway for | failed to deliver to domain | has been delayed",
    "it has not been collected after | server did not respond",
    "not reachable within the allowed queue period",
    "message could not be delivered for more than",
    Rx(
        r"could not be delivered for (?:more than )?\d+ (?:hours?|days?)"
        r"|unable to deliver (?:message )?in \d+ minutes",
        needs="could not be delivered for | unable to deliver",
    ),
    "did not accept our requests to connect | connection refused | no route to host",
    "network is unreachable | host unreachable | host is unreachable",
    "host not reachable | could not connect | unable to connect | failed to connect",
    # German
    "zeituberschreitung | zeitlimit uberschritten | verbindung abgelaufen",
    # French
    "delai d'attente depasse | delai depasse | delai expire | expiration du delai",
    Rx(r"delai(?: \S+){0,3} (?:a )?expire", needs="expire"),
    # Spanish
    "tiempo de espera agotado | tiempo de espera excedido | se agoto el tiempo",
    # Portuguese
    "tempo esgotado | tempo limite esgotado | tempo de espera esgotado",
    "excedeu o tempo limite",
    Rx(r"tempo limite(?: \S+){0,3} esgotado", needs="esgotado"),
    # Italian
    "tempo scaduto | tempo di attesa scaduto | connessione scaduta",
    # Dutch
    "time-out | tijdslimiet overschreden | verbinding verlopen",
    # Polish
    "przekroczono limit czasu | uplynal limit czasu | przekroczenie czasu",
    # Russian
    "время ожидания истекло | истекло время ожидания | превышено время ожидания",
    "таимаут | таим-аут",
    # Chinese
    "连接超时 | 超时 | 連線逾時 | 逾時 | 超時",
    # Japanese
    "タイムアウト | 時間切れ",
    "시간 초과",  # Korean
)

_SYSTEMFULL: tuple[Phrase, ...] = (
    # RFC 3463 X.3.1, RFC 5321 452
    "mail system full | insufficient system storage | no space left on device",
)

_SYSTEMERROR: tuple[Phrase, ...] = (
    # Sisimai Reason/SystemError.pm, RFC 5321 451 text
    "internal error | internal server error | internal system error | system error",
    # "internal (server) error", "system error" in nine languages
    "interner fehler | interner serverfehler | systemfehler | erreur interne",
    "erreur systeme | error interno | error del sistema | erro interno",
    "erro do sistema | errore interno | errore di sistema | interne fout",
    "interne serverfout | systeemfout | wewnetrzny blad | blad wewnetrzny",
    "blad systemu | внутренняя ошибка | системная ошибка | 内部错误 | 內部錯誤",
    "系统错误 | 系統錯誤 | 内部エラー | システムエラー",
    "내부 오류 | 시스템 오류",  # Korean
    "configuration error | config error | local error in processing",
    "temporary local problem | can't create user output file",
    "interrupted system call | unable to contact ldap server",
    "queue file write error",  # Postfix cleanup (lhost-postfix-75.eml)
    "temporary lookup failure",  # Postfix: a lookup table (LDAP, SQL) failed
    "upstream error",  # Cloudflare Email Routing 421 4.3.0
    "directory server failure",
    "temporary system problem | system problem",  # Gmail 421 4.3.0
    # Sisimai Reason/SystemError.pm
    "could not load drd for domain | encountered an error while being processed",
    "remote server is misconfigured",
)

_MAILERERROR: tuple[Phrase, ...] = (
    # Exim pipe transport, Postfix/Sendmail local delivery agents
    "pipe to |",
    "mailer error | command died with status | command output:",
    "unknown mailer error",
)

_CONTENTERROR: tuple[Phrase, ...] = (
    # Sisimai Reason/ContentError.pm, Sendmail 5.6.x
    "improper use of 8-bit data | invalid mime | mime complexity",
    "unnecessary base64 | improperly-formatted binary content",
    "recipient list, exceeds policy limit",  # Sisimai Reason/ContentError.pm
)

_SYNTAXERROR: tuple[Phrase, ...] = (
    # RFC 5321 500-504 texts
    "syntax error | command unrecognized | command not recognized",
    "unrecognized command | command not implemented",
    "command parameter not implemented | bad sequence of commands",
    "malformed address",  # Exim (lhost-exim-52.eml)
)

_SUPPRESSED: tuple[Phrase, ...] = (
    # Amazon SES account-level suppression list
    "suppression list | has suppressed sending",
    # SparkPost "554 5.7.1 recipient address suppressed due to customer policy"
    Rx(
        r"(?:address|recipient) (?:(?:was|is|has been) )?suppressed", needs="suppressed"
    ),
)

# -- weak tables: used only when no precise status code decided ----------------------

_WEAK_USERUNKNOWN: tuple[Phrase, ...] = (
    "mailbox unavailable",  # RFC 5321 550 text, Microsoft's unknown-user reply
    "mailbox not available",
    "mailbox is unavailable",
    "address is possibly incorrect",  # Mimecast
    "check if address is correct",  # Trend Micro InterScan
)

_WEAK_SYSTEMERROR: tuple[Phrase, ...] = (
    "service unavailable",  # RFC 5321 421/554 wording as Sendmail uses it
    "service currently unavailable",
    "service is currently unavailable | service temporarily unavailable",
    "service is unavailable | service is temporarily unavailable",
    "transaction failed",  # RFC 5321 554 text (Sisimai Reason/SystemError.pm)
)

_WEAK_EXPIRED: tuple[Phrase, ...] = (
    "queue too long",  # qmail-send "has been in the queue too long"
    "giving up on",  # qmail-send "Giving up on 192.0.2.1." (Sisimai Expired.pm)
    "after multiple retries",  # Yahoo "Unable to deliver message after multiple ..."
    "delivery attempts will continue | will be retried",
)

_WEAK_ONHOLD: tuple[Phrase, ...] = (
    "on hold",  # "Recipient address rejected: On hold" (lhost-dragonfly-17.eml)
)

_WEAK_VACATION: tuple[Phrase, ...] = (
    # RFC 3834 auto-replies that reached the classifier without a detector's hint
    "out of the office | out of office | out-of-office | on vacation | on holiday",
    "on annual leave | away from the office | away from my desk | currently away",
    "i am away | i'm away | automatic reply | auto-reply | autoreply | abwesend",
    "abwesenheit | nicht im buro | je suis absent | absent du bureau",
    "fuera de la oficina | estoy de vacaciones | fora do escritorio",
    "estou de ferias | fuori ufficio | sono in ferie | afwezig | niet op kantoor",
    "poza biurem | jestem na urlopie | в отпуске | отсутствую | 休假 | 不在办公室",
    "休暇",
    "부재중 | 자동 응답",  # Korean
    "不在にして",
)

# Every table, with the tag the scanner reports for it.
TABLES: tuple[tuple[str, tuple[Phrase, ...]], ...] = (
    (Reason.MAILBOXFULL.value, _MAILBOXFULL),
    (Reason.MESGTOOBIG.value, _MESGTOOBIG),
    (Reason.EXCEEDLIMIT.value, _EXCEEDLIMIT),
    (Reason.NOTCOMPLIANTRFC.value, _NOTCOMPLIANTRFC),
    (Reason.AUTHFAILURE.value, _AUTHFAILURE),
    (Reason.REQUIREPTR.value, _REQUIREPTR),
    (Reason.SUSPEND.value, _SUSPEND),
    (Reason.HASMOVED.value, _HASMOVED),
    (Reason.NORELAYING.value, _NORELAYING),
    (Reason.SPEEDING.value, _SPEEDING),
    (Reason.TOOMANYCONN.value, _TOOMANYCONN),
    (Reason.BADREPUTATION.value, _BADREPUTATION),
    (Reason.VIRUSDETECTED.value, _VIRUSDETECTED),
    (Reason.SPAMDETECTED.value, _SPAMDETECTED),
    (Reason.POLICYVIOLATION.value, _POLICYVIOLATION),
    (Reason.NOTACCEPT.value, _NOTACCEPT),
    (Reason.HOSTUNKNOWN.value, _HOSTUNKNOWN),
    (Reason.USERUNKNOWN.value, _USERUNKNOWN),
    (UNPROVEN, _UNPROVEN),
    (DISGUISED, _DISGUISED),
    (DBEB, _DBEB),
    (Reason.FILTERED.value, _FILTERED),
    (Reason.REJECTED.value, _REJECTED),
    (Reason.BLOCKED.value, _BLOCKED),
    (Reason.SECURITYERROR.value, _SECURITYERROR),
    (Reason.FAILEDSTARTTLS.value, _FAILEDSTARTTLS),
    (Reason.NETWORKERROR.value, _NETWORKERROR),
    (Reason.EXPIRED.value, _EXPIRED),
    (Reason.SYSTEMFULL.value, _SYSTEMFULL),
    (Reason.SYSTEMERROR.value, _SYSTEMERROR),
    (Reason.MAILERERROR.value, _MAILERERROR),
    (Reason.CONTENTERROR.value, _CONTENTERROR),
    (Reason.SYNTAXERROR.value, _SYNTAXERROR),
    (Reason.SUPPRESSED.value, _SUPPRESSED),
    (weak(Reason.USERUNKNOWN), _WEAK_USERUNKNOWN),
    (weak(Reason.SYSTEMERROR), _WEAK_SYSTEMERROR),
    (weak(Reason.EXPIRED), _WEAK_EXPIRED),
    (weak(Reason.VACATION), _WEAK_VACATION),
    (weak(Reason.ONHOLD), _WEAK_ONHOLD),
)
