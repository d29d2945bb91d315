"""Personal data: the keyed hash that outlives an erased address, and redaction.

Pure functions; the database side is `bounced.store.privacy`.

An erased address must stay suppressed (mailing someone who asked to be
forgotten is the worst outcome), yet must not be stored in clear. A plain hash
would not do: addresses are guessable, so anyone with the database could hash a
list of candidates and find them. An HMAC with a key kept out of the database
can only be matched by the daemon itself, when the same address is checked.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import re
from collections.abc import Iterable

REDACTED = "[forgotten]"


def tombstone(key: str, address: str) -> str:
    """The keyed hash of a normalized address (64 hex digits)."""
    return hmac.new(key.encode(), address.encode(), hashlib.sha256).hexdigest()


def redact(text: str | None, address: str) -> str | None:
    """`text` with every occurrence of `address` (any case) replaced."""
    if not text:
        return text
    return _pattern(address).sub(REDACTED, text)


def redact_bytes(data: bytes, address: str) -> bytes:
    """The same for bytes (a raw message or an envelope)."""
    pattern = re.compile(re.escape(address.encode("utf-8", "replace")), re.IGNORECASE)
    return pattern.sub(REDACTED.encode(), data)


def verp_forms(address: str) -> tuple[str, ...]:
    """How the address appears inside our own VERP return paths (local=domain)."""
    local, _, domain = address.rpartition("@")
    return (f"{local}={domain}",) if local and domain else ()


def mentions(data: bytes | None, needles: Iterable[str]) -> bool:
    """Whether `data` (a raw message or an envelope) names any of `needles`.

    Case is ignored, and a message whose parts are base64 or quoted-printable
    is searched decoded too: a returned original or a human-readable notice is
    often encoded, and an address hidden that way is still the person's.
    """
    if not data:
        return False
    wanted = [needle.lower().encode("utf-8", "replace") for needle in needles]
    lowered = data.lower()
    if any(needle in lowered for needle in wanted):
        return True
    if b"base64" not in lowered and b"quoted-printable" not in lowered:
        return False
    return any(
        needle in part.lower() for part in _decoded_parts(data) for needle in wanted
    )


def _decoded_parts(data: bytes) -> Iterable[bytes]:
    """The transfer-decoded payload of every leaf part of a message."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            yield payload


def _pattern(address: str) -> re.Pattern[str]:
    return re.compile(re.escape(address), re.IGNORECASE)
