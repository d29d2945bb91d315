"""The SMTP listener: accept bounces for our domains, spool them, answer honestly.

RCPT is refused for every domain that is not a configured bounce domain, so the
daemon never relays and never creates backscatter; postmaster@ each bounce domain
is always accepted (RFC 5321 §4.5.1). DATA is answered 250 only once the message
is committed. Every fault answers 4xx so the sender retries: aiosmtpd would turn
an exception into "500 Error: (Exc) text", a permanent failure with our internals
in it, so the handler never lets one escape.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, AnyStr, cast

from aiosmtpd.smtp import SMTP, Envelope, Session

from bounced import address as addresses
from bounced import metrics, verp
from bounced.diskspace import FreeSpace
from bounced.errors import StoreFull, StoreUnavailable
from bounced.gate import ConnectionGate
from bounced.report import Inbound
from bounced.store.spool import Spool

log = logging.getLogger(__name__)

REPLY_250_OK = "250 2.1.5 OK"
REPLY_250_SENDER_OK = "250 2.1.0 OK"
REPLY_250_QUEUED = "250 2.0.0 OK: queued as {id}"
REPLY_451_TRY_LATER = "451 4.3.0 Temporary failure storing the message, try again later"
REPLY_452_TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
REPLY_550_NO_SUCH_RECIPIENT = "550 5.1.1 No such recipient here"
REPLY_553_BAD_ADDRESS = "553 5.1.3 Recipient address is not valid"
REPLY_550_NOT_SIGNED = "550 5.7.1 Bounce address is not validly signed"
REPLY_452_NO_SPACE = "452 4.3.1 Insufficient system storage, try again later"
REPLY_530_TLS_FIRST = "530 5.7.0 Must issue a STARTTLS command first"
REPLY_421_BUSY = "421 4.7.0 {host} Too many connections, try again later"
REPLY_421_TIMEOUT = "421 4.4.2 {host} Timeout, closing connection"
REPLY_421_TOO_LONG = "421 4.4.2 {host} Session too long, closing connection"
REPLY_421_TOO_MANY_COMMANDS = "421 4.7.0 {host} Too many commands, closing connection"

# RFC 5321 §4.1.2 Dot-string@Domain, ASCII only: the form nearly every MTA sends.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_PLAIN_PATH = re.compile(
    rf"<(?P<address>{_DOT_ATOM}@{_DOT_ATOM})>[ \t]*(?P<rest>[^(]*)", re.DOTALL
)

# Control characters a peer sent, echoed back (aiosmtpd's VRFY does): never in a reply.
_REPLY_UNSAFE = re.compile("[\x00-\x1f\x7f]")

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
        free_space: FreeSpace | None = None,
        min_free_space: int = 0,
        require_tls: bool = False,
    ) -> None:
        """With `verp_check`, RCPT needs a validly signed VERP (postmaster aside).

        With `free_space`, MAIL is answered 452 while fewer than `min_free_space`
        bytes are free: the sender keeps the bounce and retries, rather than
        sending us the data only to hear a failure at commit. With `require_tls`,
        MAIL before STARTTLS is answered 530 5.7.0 (RFC 3207 §4). aiosmtpd's own
        `require_starttls` says 530 without an enhanced status, and is not
        counted in our metrics; refusing MAIL is enough, as RCPT and DATA need it.
        """
        self._domains = frozenset(d.lower().rstrip(".") for d in domains)
        self._spool = spool
        self._clock = clock
        self._verp_check = verp_check
        self._free_space = free_space
        self._min_free_space = min_free_space
        self._require_tls = require_tls

    def accepts(self, recipient: str) -> bool:
        """True for any address at a bounce domain (postmaster included)."""
        normalized = _rcpt_address(recipient)
        if normalized is None:
            return False
        return addresses.domain_of(normalized) in self._domains

    @metrics.counted_reply("MAIL")
    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if self._require_tls and session.ssl is None:
            return REPLY_530_TLS_FIRST
        if self._free_space is not None:
            free = await self._free_space.bytes_free()
            if free is not None and free < self._min_free_space:
                log.warning("refused MAIL: %d bytes free, below the minimum", free)
                return REPLY_452_NO_SPACE
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return REPLY_250_SENDER_OK

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
        except StoreFull:
            return REPLY_452_NO_SPACE  # RFC 3463 §3.4: 4.3.1, mail system full
        except StoreUnavailable:
            return REPLY_451_TRY_LATER
        except Exception:
            log.exception("DATA handler failed peer=%s", _peer_text(session.peer))
            return REPLY_451_TRY_LATER
        log.debug("spooled id=%s peer=%s bytes=%d", message_id, inbound.peer, len(raw))
        return REPLY_250_QUEUED.format(id=message_id)


class BounceSMTP(SMTP):
    """aiosmtpd's SMTP, made fit for the open internet.

    - A configurable line-length limit: real bounces carry lines far longer than
      RFC 5321's 1000 octets (base64 with no breaks, long Received headers);
      aiosmtpd would answer them "500 Line too long" and the remote server would
      give up on the bounce.
    - Admission through a `ConnectionGate` (421 before the greeting when over a
      cap), and limits so no client can hold a slot for ever: the idle deadline
      per command (aiosmtpd's `timeout`, which only a valid command resets), a
      deadline for the whole DATA phase (a client trickling a byte a second
      never gets past it), a cap on the session's total length and on the number
      of commands it may send. Each closes with a 421, as RFC 5321 §3.8 asks.
    """

    def __init__(
        self,
        handler: Any,
        *,
        max_line_length: int,
        gate: ConnectionGate | None = None,
        data_timeout: float | None = None,
        max_session_duration: float | None = None,
        max_commands: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.line_length_limit = max(max_line_length, 1001)
        super().__init__(handler, **kwargs)
        self._gate = gate
        self._gate_host: str | None = None
        self._refused = False
        self._data_timeout = data_timeout
        self._max_session_duration = max_session_duration
        self._session_deadline: asyncio.TimerHandle | None = None
        self._replies_left = max_commands
        self._in_data = False  # between DATA's 354 and its final reply

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self._original_transport is None and self.transport is None
        if first and self._gate is not None:
            host = _peer_host(transport.get_extra_info("peername"))
            refusal = self._gate.enter(host)
            if refusal is not None:
                self._refused = True
                metrics.observe_connection_refused(refusal)
                log.info("refused connection from %s: over the %s cap", host, refusal)
                reply = REPLY_421_BUSY.format(host=self.hostname)
                _writable(transport).write(reply.encode("ascii") + b"\r\n")
                transport.close()
                return
            self._gate_host = host
        super().connection_made(transport)
        if first and self._max_session_duration:
            self._session_deadline = self.loop.call_later(
                self._max_session_duration,
                self._close_with,
                REPLY_421_TOO_LONG,
                "duration",
            )

    def connection_lost(self, error: Exception | None) -> None:
        if self._refused:
            return  # never admitted: no session, timer or handler to clean up
        if self._gate is not None and self._gate_host is not None:
            self._gate.leave(self._gate_host)
            self._gate_host = None
        if self._session_deadline is not None:
            self._session_deadline.cancel()
            self._session_deadline = None
        super().connection_lost(error)

    def eof_received(self) -> bool | None:
        if self._refused:
            return False
        result: bool | None = super().eof_received()
        return result

    def _timeout_cb(self) -> None:
        """Idle or DATA deadline passed: say so (421), then close."""
        self._close_with(REPLY_421_TIMEOUT, "data" if self._in_data else "idle")

    def _close_with(self, reply: str, cause: str) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            return
        metrics.observe_session_closed(cause)
        peer = self.session.peer if self.session is not None else None
        log.info("closing session from %s: %s", _peer_text(peer), reply[:13])
        _writable(transport).write(
            reply.format(host=self.hostname).encode("ascii") + b"\r\n"
        )
        transport.close()

    async def push(self, status: AnyStr) -> None:
        """Send a reply; past the command cap, close after it with a 421.

        Every command gets one final reply, so counting those bounds the commands
        (the greeting counts too). Continuation lines ("250-SIZE") and
        intermediate replies (354, 334) are not counted: an EHLO is one command,
        however many extensions it lists, and a DATA is one. The reply that
        reaches the cap is still sent (it may be the 250 for a stored message:
        holding it back would make the sender deliver it twice). Text a
        client sent may be echoed (aiosmtpd's VRFY does): its control characters
        and the undecodable bytes kept as surrogates go out as "?" rather than
        failing the encoding.
        """
        if isinstance(status, str):
            reply = _REPLY_UNSAFE.sub("?", status).encode("utf-8", "replace")
        else:
            reply = status
        await super().push(reply)
        if self._replies_left is not None and _is_final(reply):
            self._replies_left -= 1
            if self._replies_left <= 0:
                self._close_with(REPLY_421_TOO_MANY_COMMANDS, "commands")

    async def handle_exception(self, error: Exception) -> str:
        """A fault is a 4xx, never aiosmtpd's "500 Error: (Exception) text"."""
        peer = self.session.peer if self.session is not None else None
        log.error("SMTP session fault peer=%s", _peer_text(peer), exc_info=error)
        return REPLY_451_TRY_LATER

    async def smtp_DATA(self, arg: str) -> None:
        """The DATA phase gets its own deadline, armed once and never reset."""
        envelope = self.envelope
        if (
            self._data_timeout
            and envelope is not None
            and envelope.rcpt_tos
            and not arg
        ):
            self._reset_timeout(self._data_timeout)
            self._in_data = True
        try:
            await super().smtp_DATA(arg)
        finally:
            if self._in_data:
                self._in_data = False
                if self.transport is not None and not self.transport.is_closing():
                    self._reset_timeout()  # idle again: back to session_timeout

    async def _call_handler_hook(self, command: str, *args: Any) -> Any:
        """Once the final dot is in, DATA's deadline gives way to the idle one.

        What remains is our commit, not the client's slowness: a 421 now would
        close on a message that may still be stored, and the sender would
        deliver it again.
        """
        if command == "DATA" and self._in_data:
            self._in_data = False
            self._reset_timeout()
        return await super()._call_handler_hook(command, *args)

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
            try:
                address, rest = super()._getaddr(arg)
            except Exception:  # noqa: BLE001 - the stdlib parser trips on junk
                # It raises IndexError on "<", AttributeError on "<a@[>", ...:
                # whatever it cannot parse is a malformed path, answered 553.
                return None, None
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


def _writable(transport: asyncio.BaseTransport) -> asyncio.WriteTransport:
    """The session's transport, typed for writing.

    A cast, not an isinstance check: uvloop's TCPTransport (what `bounced serve`
    runs on) derives from none of asyncio's transport classes, so an assert here
    failed in production and left over-cap and timed-out sessions open.
    """
    return cast(asyncio.WriteTransport, transport)


def _is_final(reply: bytes) -> bool:
    """A reply line that ends a command's answer: not "250-..." nor a 3xx."""
    return reply[3:4] != b"-" and reply[:1] != b"3"


def _peer_host(peer: Any) -> str:
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer)


def _peer_text(peer: Any) -> str:
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)
