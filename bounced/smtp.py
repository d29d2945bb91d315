"""The SMTP listener: accept bounces for our domains, spool them, answer honestly.

RCPT is refused for every domain that is not a configured bounce domain, so the
daemon never relays and never creates backscatter; postmaster@ each bounce domain
is always accepted (RFC 5321 §4.5.1). DATA is answered 250 only once the message
is committed. Every fault answers 4xx so the sender retries: aiosmtpd would turn
an exception into "500 Error: (Exc) text", a permanent failure with our internals
in it, so the handler never lets one escape.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from bounced import address as addresses
from bounced import metrics, verp
from bounced.errors import StoreUnavailable
from bounced.report import Inbound
from bounced.store.spool import Spool

log = logging.getLogger(__name__)

REPLY_250_OK = "250 2.1.5 OK"
REPLY_250_QUEUED = "250 2.0.0 OK: queued as {id}"
REPLY_451_TRY_LATER = "451 4.3.0 Temporary failure storing the message, try again later"
REPLY_452_TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
REPLY_550_NO_SUCH_RECIPIENT = "550 5.1.1 No such recipient here"
REPLY_553_BAD_ADDRESS = "553 5.1.3 Recipient address is not valid"
REPLY_550_NOT_SIGNED = "550 5.7.1 Bounce address is not validly signed"

# RFC 5321 §4.1.2 Dot-string@Domain, ASCII only: the form nearly every MTA sends.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_PLAIN_PATH = re.compile(
    rf"<(?P<address>{_DOT_ATOM}@{_DOT_ATOM})>[ \t]*(?P<rest>[^(]*)", re.DOTALL
)

MAX_RECIPIENTS = 100  # a bounce goes to one Return-Path; this only bounds abuse

Clock = Callable[[], datetime]
VerpCheck = Callable[[str, datetime], "verp.VerpData | None"]


class BounceHandler:
    """aiosmtpd handler: RCPT policy and durable DATA."""

    def __init__(
        self,
        *,
        domains: Iterable[str],
        spool: Spool,
        clock: Clock,
        verp_check: VerpCheck | None = None,
    ) -> None:
        """With `verp_check`, RCPT needs a validly signed VERP (postmaster aside)."""
        self._domains = frozenset(d.lower().rstrip(".") for d in domains)
        self._spool = spool
        self._clock = clock
        self._verp_check = verp_check

    def accepts(self, recipient: str) -> bool:
        """True for any address at a bounce domain (postmaster included)."""
        normalized = _rcpt_address(recipient)
        if normalized is None:
            return False
        return addresses.domain_of(normalized) in self._domains

    @metrics.counted_reply("RCPT")
    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return REPLY_452_TOO_MANY_RECIPIENTS
        normalized = _rcpt_address(address)
        if normalized is None:
            return REPLY_553_BAD_ADDRESS
        if addresses.domain_of(normalized) not in self._domains:
            return REPLY_550_NO_SUCH_RECIPIENT
        if self._verp_check is not None and not _is_postmaster(address):
            data = self._verp_check(address, self._clock())
            if data is None or not data.valid:
                log.info(
                    "refused unsigned rcpt verp=%s", data.status if data else "none"
                )
                return REPLY_550_NOT_SIGNED
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return REPLY_250_OK

    @metrics.counted_reply("DATA")
    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        try:
            raw = envelope.original_content or b""
            peer = session.peer
            inbound = Inbound(
                peer=_peer_text(peer),
                helo=session.host_name,
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                received_at=self._clock(),
                raw=bytes(raw),
            )
            message_id = await self._spool.put(inbound)
        except StoreUnavailable:
            return REPLY_451_TRY_LATER
        except Exception:
            log.exception("DATA handler failed peer=%s", _peer_text(session.peer))
            return REPLY_451_TRY_LATER
        log.debug("spooled id=%s peer=%s bytes=%d", message_id, inbound.peer, len(raw))
        return REPLY_250_QUEUED.format(id=message_id)


class BounceSMTP(SMTP):
    """aiosmtpd's SMTP with a configurable line-length limit.

    Real bounces carry lines far longer than RFC 5321's 1000 octets (base64 with
    no breaks, long Received headers); aiosmtpd would answer them "500 Line too
    long" and the remote server would give up on the bounce.
    """

    def __init__(self, handler: Any, *, max_line_length: int, **kwargs: Any) -> None:
        self.line_length_limit = max(max_line_length, 1001)
        super().__init__(handler, **kwargs)

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        """Parse a MAIL/RCPT path: plain `<dot-atom@dot-atom>` fast, the rest as before.

        aiosmtpd hands every path to the stdlib's RFC 5322 header parser (and
        defines a Protocol class per call): a fifth of the daemon's CPU under load.
        A plain path parses to itself, so only those skip it; quoted local parts,
        source routes, UTF-8 and anything odd still go to aiosmtpd's parser.
        """
        if arg.startswith("<>"):
            return "<>", arg[2:]  # the null reverse-path of every bounce, as aiosmtpd
        match = _PLAIN_PATH.fullmatch(arg)
        if match is None:
            address: str | None
            rest: str | None
            address, rest = super()._getaddr(arg)
            return address, rest
        address = match["address"]
        local = address.rpartition("@")[0]
        if self.local_part_limit and len(local) > self.local_part_limit:
            return None, None
        return address, match["rest"]


def _rcpt_address(address: str) -> str | None:
    """A RCPT address, normalized; local parts as long as our own VERP needs."""
    return addresses.normalize(address, max_local=addresses.MAX_VERP_LOCAL)


def _is_postmaster(address: str) -> bool:
    """postmaster@ any domain is accepted unsigned (RFC 5321 §4.5.1)."""
    return address.strip("<> ").rpartition("@")[0].lower() == "postmaster"


def _peer_text(peer: Any) -> str:
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)
