"""The last resort: find recipients and codes in any bounce-shaped text.

Runs only when no detector recognised the format, and only on messages that
look like a bounce (a mail-system sender, a bounce subject in one of the
languages below, or a report content type), so ordinary mail yields nothing.
Each recipient is an address from the notice's own text that is neither the
bounce's sender or addressee nor the returned message's sender; its codes and
diagnostic come from the lines around it.

Subject words: Sisimai's lib/Sisimai/Lhost/*.pm `$Indicators`/`Subject`
tables, plus the localised subjects of Exchange, mail.ru, Yandex, QQ/163,
Orange, Libero, Terra and UOL (tests/parse/samples/).
"""

from __future__ import annotations

import re

from bounced.parse import addresses, codes
from bounced.report import Action, Finding

from .message import MessageView

BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|not delivered|delivery (?:status|failure|failed|"
    r"notification|report|has failed|problem)|failure notice|returned mail|"
    r"mail delivery|delivery failure|could not be delivered|non[- ]delivery|"
    r"nondeliverable|rejected|bounce|mail system error|permanent error|"
    r"unzustellbar|nicht zugestellt|unzustellbare|zustellung fehlgeschlagen|"  # de
    r"non remis|non distribué|échec de (?:la )?(?:remise|distribution)|"  # fr
    r"no se pudo entregar|no entregado|error de entrega|devuelto|"  # es
    r"não entregue|falha na entrega|não foi possível entregar|"  # pt
    r"non recapitabile|mancato recapito|errore di consegna|"  # it
    r"onbestelbaar|niet afgeleverd|kan niet worden bezorgd|"  # nl
    r"niedostarczon|nie można dostarczyć|zwrot wiadomości|"  # pl
    r"не доставлен|недоставлен|не может быть доставлен|ошибка доставки|"  # ru
    r"退信|未送达|无法投递|投递失败|系统退信|無法傳遞|退件|傳送失敗|"  # zh
    r"配信不能|配送不能|送信エラー|届きませんでした|エラー|"  # ja
    r"전송 실패|발송 실패|배달 실패|반송",  # ko
    re.I,
)
_SYSTEM_FROM = re.compile(
    r"mailer-daemon|postmaster|mail delivery|mail-daemon|maildaemon|"
    r"delivery subsystem|mail administrator|bounce",
    re.I,
)
_CODE_CONTEXT = 600  # characters read around an address for its codes
_MAX_MENTIONS = 8  # mentions of one address looked at for its codes


# "Re: delivery problems to our domain?": a person answering, who may quote a
# bounce but is not one.
_PERSON_REPLY = re.compile(
    r"^\s*(?:re|aw|sv|antw|rif|r|vs|odp|ynt|ha|回复|答复|回覆)\s*(?:\[\d+\])?\s*[:\uff1a]",
    re.I,
)


def looks_like_bounce(msg: MessageView) -> bool:
    """A cheap test that the message is a notice from a mail system."""
    if _SYSTEM_FROM.search(msg.from_) or msg.content_type == "multipart/report":
        return True
    subject = msg.subject
    return bool(BOUNCE_SUBJECT.search(subject)) and not _PERSON_REPLY.match(subject)


def detect(msg: MessageView) -> list[Finding]:
    """Findings for the addresses the notice's text talks about."""
    if not looks_like_bounce(msg) or _is_bulk(msg):
        return []
    text = notice_text(msg)
    if not text.strip():
        return []
    exclude = _excluded(msg)
    candidates = [
        address
        for address in addresses.find_all(text)
        if address.lower() not in exclude and not addresses.is_system(address)
    ]
    if any(not _is_contact(address) for address in candidates):
        # "report details to abuse@corp.mail.ru", "contact hostmaster@...": the
        # notice's own contact addresses are not recipients when others are named.
        candidates = [address for address in candidates if not _is_contact(address)]
    findings: list[Finding] = []
    for address in candidates:
        context, reply, status = _mention(text, address)
        if status is None and reply is None:
            reply, status = codes.find_failure(text)
        findings.append(
            Finding(
                recipient=address,
                action=Action.DELAYED if status and status[0] == "4" else Action.FAILED,
                status=status,
                reply_code=reply,
                diagnostic=_diagnostic(context, address),
            )
        )
        if len(findings) >= 20:
            break
    return findings


# Role mailboxes that notices cite for contact, never as the failed recipient.
_CONTACT_LOCALS = frozenset(
    {"abuse", "hostmaster", "webmaster", "no-reply", "do-not-reply", "donotreply"}
)


def _is_contact(address: str) -> bool:
    return address.partition("@")[0].lower() in _CONTACT_LOCALS


def _mention(text: str, address: str) -> tuple[str, int | None, str | None]:
    """The text after the first mention of `address` that carries failure codes.

    A session transcript names the address in its header lines and again in
    "RCPT To:<a@b>" followed by the refusal (MDaemon, hMailServer): the mention
    with a 4xx/5xx answer after it is the one about the failure. Without one,
    the first mention.
    """
    lowered, wanted = text.lower(), address.lower()
    first = at = lowered.find(wanted)
    for _ in range(_MAX_MENTIONS):
        if at < 0:
            break
        context = text[at : at + _CODE_CONTEXT]
        reply, status = codes.find_failure(context)
        if reply is not None or status is not None:
            return context, reply, status
        at = lowered.find(wanted, at + len(wanted))
    return text[first : first + _CODE_CONTEXT], None, None


def _is_bulk(msg: MessageView) -> bool:
    """List mail (a newsletter saying "delivery failed?") is never a bounce.

    Notices from mail systems carry no List-* headers and no Precedence: bulk
    at their top level; newsletters and list traffic do (RFC 2369, RFC 2919).
    """
    return (
        msg.header("list-id") is not None
        or msg.header("list-unsubscribe") is not None
        or (msg.header("precedence") or "").strip().lower() in ("bulk", "list")
    )


def notice_text(msg: MessageView) -> str:
    """The notice's text up to where a quoted original message starts."""
    text = msg.notice
    for match in _QUOTED_START.finditer(text):
        return text[: match.start()]
    return text


# Lines that introduce the returned message in text-only bounces.
_QUOTED_START = re.compile(
    r"^[ \t]*(?:-{2,}.{0,40}(?:original message|copy of the message|"
    r"returned message|message headers|undelivered message|below this line)"
    r"|Return-Path:|Received: from)",
    re.M | re.I,
)


def _excluded(msg: MessageView) -> set[str]:
    found: set[str] = set()
    for value in (
        msg.from_,
        msg.header("to") or "",
        msg.header("reply-to") or "",
        msg.returned_header("from") or "",
        msg.returned_header("sender") or "",
        msg.returned_header("return-path") or "",
        msg.returned_header("message-id") or "",
        msg.header("message-id") or "",
    ):
        found.update(address.lower() for address in addresses.find_all(value))
    return found


def _diagnostic(context: str, address: str) -> str | None:
    """The lines after the address, through the first one that carries a code."""
    lines = [line.strip() for line in context.splitlines()]
    lines = [line for line in lines if line][:8]
    for index, line in enumerate(lines):
        if codes.find_status(line) or codes.find_reply(line):
            lines = lines[: index + 1]
            break
    else:
        lines = lines[:4]
    text = " ".join(lines).replace(address, "").strip(" :<>()")
    return text[:500] or None
