"""Re-send the returned original through an upstream SMTP relay, to its recipient only.

A forged bounce must never turn the daemon into an open relay (DESIGN.md step 7),
so a retry is relayed only when all of these hold:

- it is provably ours: the bounce came to a validly signed VERP address whose
  recipient is the retry's recipient, or the returned original's Message-ID was
  recorded by the sender for that recipient (POST /v1/sent); decided when the
  retry was created, see outcomes.py; the envelope recipient is that address and
  nobody else;
- the bounce returned the whole original: a `message/rfc822` part (RFC 3464 §2:
  `text/rfc822-headers` returns headers only), with 7bit/8bit/binary encoding
  (RFC 2046 §5.2.1 allows no other), inside a report whose closing boundary
  arrived, and, if the original is multipart, with its own closing boundary
  (an MTA that truncates the body cuts those off).

The original goes out as it came back, without a stale Return-Path, with one
header added (`X-Bounced-Retry`, the idempotency key), from a freshly signed VERP
address so that its own bounce comes back to us and is believed.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime

import aiosmtplib

from bounced import pacing
from bounced.config import RetryConfig
from bounced.dispatch import Batch, DispatchResult, Outcome, RetryItem
from bounced.verp import Codec

log = logging.getLogger(__name__)

RETRY_HEADER = b"X-Bounced-Retry"
MAX_RECONNECTS = 3  # per batch: a relay that keeps hanging up is an error
MAX_LOCAL_PART = 64  # RFC 5321 §4.5.3.1.1

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_TYPE = re.compile(rb"(?im)^content-type:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)")
_ENCODING = re.compile(rb"(?im)^content-transfer-encoding:[ \t]*([^\s;]+)")
_BOUNDARY = re.compile(
    rb'(?i)boundary[ \t]*=[ \t]*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))'
)
_RETURN_PATH = re.compile(rb"(?im)^return-path:.*(?:\r?\n[ \t].*)*\r?\n")
_STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")

FetchRaw = Callable[[int], Awaitable[bytes | None]]


def extract_original(raw: bytes) -> bytes | None:
    """The original message a bounce returned whole, byte for byte, else None.

    A linear scan for one boundary, not a MIME parse: hostile input cannot make
    it recurse or backtrack, and what it returns is exactly what came back.
    """
    head, body = _split(raw)
    if head is None or not _content_type(head).startswith(b"multipart/"):
        return None
    boundary = _boundary(head)
    if boundary is None:
        return None
    parts, closed = _parts(body, boundary)
    if not closed:
        return None  # the report itself was cut short
    for part in parts:
        part_head, part_body = _split(part)
        if part_head is None or _content_type(part_head) != b"message/rfc822":
            continue
        encoding = _ENCODING.search(part_head)
        if encoding and encoding[1].lower() not in (b"7bit", b"8bit", b"binary"):
            return None
        return part_body if _is_whole(part_body) else None
    return None


def prepare(original: bytes, key: str) -> bytes:
    """The bytes to re-send: no old Return-Path, the retry key on top."""
    head, body = _split(original)
    assert head is not None  # extract_original checked it
    head = _RETURN_PATH.sub(b"", head + b"\r\n")
    return RETRY_HEADER + b": " + key.encode("ascii") + b"\r\n" + head + b"\r\n" + body


def outcome_of(code: int, text: str) -> Outcome:
    """An SMTP reply to a re-sent message, as a dispatch outcome."""
    if 200 <= code < 300:
        return Outcome.ACCEPTED
    if 400 <= code < 500:
        status = _STATUS.search(text)
        throttle = pacing.is_throttle(code, status[1] if status else None)
        return Outcome.THROTTLED if throttle else Outcome.DEFERRED
    return Outcome.FAILED


class RelayDispatcher:
    """Sends each batch over one connection to the upstream relay."""

    name = "relay"

    def __init__(
        self,
        config: RetryConfig,
        *,
        codec: Codec,
        bounce_domain: str,
        local_hostname: str,
        fetch_raw: FetchRaw,
        clock: Callable[[], datetime],
    ) -> None:
        self._config = config
        self._codec = codec
        self._bounce_domain = bounce_domain
        self._local_hostname = local_hostname
        self._fetch_raw = fetch_raw
        self._clock = clock

    async def send(self, batch: Batch) -> list[DispatchResult]:
        results: list[DispatchResult] = []
        ready: list[tuple[RetryItem, bytes]] = []
        for item in batch.items:
            message, refusal = await self._message(item)
            if message is None:
                results.append(_result(item, Outcome.FAILED, refusal))
            else:
                ready.append((item, message))
        if ready:
            results.extend(await self._deliver(ready))
        return results

    async def close(self) -> None:
        return None

    async def _message(self, item: RetryItem) -> tuple[bytes | None, str]:
        """The bytes to send for `item`, or None and why it must not be relayed."""
        if not item.provably_ours:
            return (
                None,
                "not relayed: not provably ours"
                " (no valid signed VERP, no recorded Message-ID)",
            )
        raw = await self._fetch_raw(item.message_id) if item.message_id else None
        if raw is None:
            return None, "not relayed: the bounce is no longer stored"
        loop = asyncio.get_running_loop()
        original = await loop.run_in_executor(None, extract_original, raw)
        if original is None:
            return None, "not relayed: the bounce did not return the whole original"
        return prepare(original, item.key), ""

    async def _deliver(
        self, ready: list[tuple[RetryItem, bytes]]
    ) -> list[DispatchResult]:
        results: list[DispatchResult] = []
        client: aiosmtplib.SMTP | None = None
        reconnects = 0
        try:
            for item, message in ready:
                if client is None or not client.is_connected:
                    if reconnects > MAX_RECONNECTS:
                        results.append(_result(item, Outcome.ERROR, "relay hung up"))
                        continue
                    reconnects += 1
                    try:
                        client = await self._connect()
                    except (aiosmtplib.SMTPException, OSError) as exc:
                        detail = f"relay unreachable: {_brief(exc)}"
                        results.append(_result(item, Outcome.ERROR, detail))
                        continue
                results.append(await self._send_one(client, item, message))
        finally:
            if client is not None and client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()
        return results

    async def _connect(self) -> aiosmtplib.SMTP:
        config = self._config
        client = aiosmtplib.SMTP(
            hostname=config.relay_host,
            port=config.relay_port,
            timeout=config.relay_timeout,
            start_tls=config.relay_starttls,
            local_hostname=self._local_hostname,
        )
        await client.connect()
        if config.relay_username:
            await client.login(config.relay_username, config.relay_password)
        return client

    def _return_path(self, item: RetryItem) -> str:
        """A freshly signed VERP address for `item`, with its list and message
        when they fit: our listener, like RFC 5321 §4.5.3.1.1, refuses local parts
        over 64 octets, and the re-sent message's bounce must get through."""
        now = self._clock()
        full = self._codec.encode(
            item.recipient,
            bounce_domain=self._bounce_domain,
            now=now,
            list_id=item.list_id,
            message_id=item.orig_message_id,
        )
        if _fits(full):
            return full
        return self._codec.encode(
            item.recipient, bounce_domain=self._bounce_domain, now=now
        )

    async def _send_one(
        self, client: aiosmtplib.SMTP, item: RetryItem, message: bytes
    ) -> DispatchResult:
        sender = self._return_path(item)
        try:
            _, reply = await client.sendmail(sender, [item.recipient], message)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refused = exc.recipients[0]
            outcome = outcome_of(refused.code, refused.message)
            return _result(item, outcome, f"{refused.code} {refused.message}")
        except aiosmtplib.SMTPResponseException as exc:
            return _result(item, outcome_of(exc.code, exc.message), _brief(exc))
        except (aiosmtplib.SMTPException, OSError) as exc:
            return _result(item, Outcome.ERROR, f"relay failed: {_brief(exc)}")
        log.info("relayed key=%s recipient=%s", item.key, item.recipient)
        return _result(item, Outcome.ACCEPTED, f"250 {reply}")


def _fits(address: str) -> bool:
    return len(address.rpartition("@")[0]) <= MAX_LOCAL_PART


def _result(item: RetryItem, outcome: Outcome, detail: str) -> DispatchResult:
    return DispatchResult(key=item.key, outcome=outcome, detail=detail[:500])


def _brief(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    text = str(getattr(exc, "message", "") or exc).splitlines()
    first = text[0][:200] if text else ""
    return f"{code} {first}" if code else f"{type(exc).__name__}: {first}"


def _split(message: bytes) -> tuple[bytes | None, bytes]:
    """Header block and body, or (None, b"") when there is no blank line."""
    match = _HEADER_END.search(message)
    if match is None:
        return None, b""
    return message[: match.start()], message[match.end() :]


def _content_type(head: bytes) -> bytes:
    match = _CONTENT_TYPE.search(head)
    if match is None:
        return b"text/plain"  # RFC 2045 §5.2 default
    return match[1].split(b";")[0].strip().lower()


def _boundary(head: bytes) -> bytes | None:
    match = _CONTENT_TYPE.search(head)
    found = _BOUNDARY.search(match[1]) if match else None
    if found is None:
        return None
    return found[1] or found[2]


def _parts(body: bytes, boundary: bytes) -> tuple[list[bytes], bool]:
    """The body parts between delimiter lines (RFC 2046 §5.1.1), and whether the
    closing delimiter was seen."""
    delimiter = b"--" + boundary
    parts: list[bytes] = []
    current: list[bytes] | None = None
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip(b"\r\n").rstrip(b" \t")
        if stripped == delimiter + b"--":
            if current is not None:
                parts.append(_join(current))
            return parts, True
        if stripped == delimiter:
            if current is not None:
                parts.append(_join(current))
            current = []
        elif current is not None:
            current.append(line)
    return parts, False


def _join(lines: list[bytes]) -> bytes:
    """A part's bytes; the line break before the next delimiter belongs to it."""
    text = b"".join(lines)
    if text.endswith(b"\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(b"\n") else text


def _is_whole(original: bytes) -> bool:
    """A header block, a body, and a multipart body's closing delimiter."""
    head, body = _split(original)
    if head is None or not head.strip() or not body.strip():
        return False
    if _content_type(head).startswith(b"multipart/"):
        boundary = _boundary(head)
        return boundary is not None and _parts(body, boundary)[1]
    return True
