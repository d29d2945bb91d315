"""HMAC-SHA256 signatures for what bounced POSTs to other systems.

Signed the way Mailgun and SendGrid sign (INTEGRATIONS.md, "Generic outbound
webhook"): hex HMAC-SHA256 over `timestamp + "." + body`, sent in
`X-Bounced-Signature` with the timestamp in `X-Bounced-Timestamp`. The timestamp
inside the signed text lets a receiver refuse replays older than a few minutes.
Several secrets may verify (rotation); the first one signs.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

TIMESTAMP_HEADER = "X-Bounced-Timestamp"
SIGNATURE_HEADER = "X-Bounced-Signature"
MAX_SKEW_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex signature of `body` sent at `timestamp` (Unix seconds)."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The two headers a signed POST carries."""
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def verify(
    secrets: Sequence[str], timestamp: str, signature: str, body: bytes, now: int
) -> bool:
    """True when any secret produced `signature` and the timestamp is fresh."""
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent) > MAX_SKEW_SECONDS:
        return False
    return any(
        hmac.compare_digest(sign(secret, sent, body), signature.lower())
        for secret in secrets
    )
