"""Operations shared by the CLI and the HTTP API, one function per verb.

Each takes an engine and plain values and returns plain values, so the two
front ends stay thin and behave the same. Addresses are validated and normalized
here, once, for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from bounced import address as addresses
from bounced import verp as verps
from bounced.config import VerpConfig
from bounced.errors import ApiError
from bounced.store import outcomes, suppressions
from bounced.store.suppressions import SuppressionRow


def normalize_or_raise(text: str) -> str:
    """The normalized address, or an ApiError(422) that names the problem."""
    normalized = addresses.normalize(text)
    if normalized is None:
        raise ApiError(
            422, "invalid_address", f"not a valid email address: {text[:320]!r}"
        )
    return normalized


# -- VERP: what a sender (or `bounced verp`) asks before it sends ----------------

# RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. Postfix and Exim accept
# longer ones, but a strict remote server may refuse to bounce to them, so the
# caller is told (a list id or message id in the address makes it long).
MAX_LOCAL_PART = 64
_MAX_VERP_FIELD = 255


@dataclass(frozen=True, slots=True, kw_only=True)
class SignedAddress:
    """A signed Return-Path and what it says."""

    address: str
    recipient: str
    bounce_domain: str
    list_id: str | None
    message_id: str | None
    expires: date  # the last day a bounce to it is trusted
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        document = asdict(self)
        document["expires"] = self.expires.isoformat()
        document["warnings"] = list(self.warnings)
        return document


def verp_encode(
    verp: VerpConfig,
    bounce_domains: Sequence[str],
    recipient: str,
    *,
    now: datetime,
    bounce_domain: str | None = None,
    list_id: str | None = None,
    message_id: str | None = None,
) -> SignedAddress:
    """The signed Return-Path for one recipient of one message.

    Raises ApiError: 503 verp_not_configured without a secret, 422 for an
    address, domain, list id or message id that cannot be signed.
    """
    if not verp.secrets:
        raise ApiError(
            503, "verp_not_configured", "no VERP secret configured ([verp] secrets)"
        )
    normalized = normalize_or_raise(recipient)
    if normalized.startswith('"'):
        raise ApiError(
            422,
            "invalid_address",
            "a quoted local part cannot be put in a VERP address",
        )
    domain = (bounce_domain or bounce_domains[0]).lower().rstrip(".")
    if domain not in {d.lower().rstrip(".") for d in bounce_domains}:
        raise ApiError(
            422,
            "unknown_bounce_domain",
            f"{domain[:255]!r} is not one of smtp.bounce_domains",
        )
    for name, value in (("list_id", list_id), ("message_id", message_id)):
        if value is not None and (
            len(value) > _MAX_VERP_FIELD or any(ord(c) < 32 for c in value)
        ):
            raise ApiError(
                422,
                f"invalid_{name}",
                f"{name} must be at most {_MAX_VERP_FIELD} characters,"
                " without control characters",
            )
    lifetime = int(verp.lifetime // 86400)
    codec = verps.Codec(verp.secrets, verp.prefix, lifetime)
    address = codec.encode(
        normalized,
        bounce_domain=domain,
        now=now,
        list_id=list_id or None,
        message_id=message_id or None,
    )
    local = address.rpartition("@")[0]
    warnings = []
    if len(local) > MAX_LOCAL_PART:
        warnings.append(
            f"the local part is {len(local)} characters, over RFC 5321's"
            f" {MAX_LOCAL_PART}; a strict server may refuse to bounce to it"
        )
    return SignedAddress(
        address=address,
        recipient=normalized,
        bounce_domain=domain,
        list_id=list_id or None,
        message_id=message_id or None,
        expires=verps.today_utc(now) + timedelta(days=lifetime),
        warnings=tuple(warnings),
    )


def verp_decode(verp: VerpConfig, address: str, *, now: datetime) -> dict[str, Any]:
    """What a bounce address says: form, recipient, list, message, validity."""
    codec = verps.Codec(verp.secrets, verp.prefix, int(verp.lifetime // 86400))
    data = codec.decode(address, now)
    if data is None:
        return {
            "address": address,
            "form": None,
            "recipient": None,
            "list_id": None,
            "message_id": None,
            "signed": False,
            "valid": False,
            "problem": "not a VERP address",
        }
    return {
        "address": address,
        "form": data.form,
        "recipient": data.recipient,
        "list_id": data.list_id,
        "message_id": data.message_id,
        "signed": data.signed,
        "valid": data.valid,
        "problem": data.problem
        or (None if data.signed else "unsigned: anyone can write this form"),
    }


def check(engine: Engine, address: str) -> list[SuppressionRow]:
    """The suppressions of one address (empty when it may be mailed)."""
    normalized = normalize_or_raise(address)
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.find(connection, normalized)


def list_suppressions(
    engine: Engine,
    *,
    reason: str | None = None,
    domain: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[SuppressionRow]:
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.list_(
            connection, reason=reason, domain=domain, limit=limit, after=after
        )


def remove(
    engine: Engine, address: str, *, actor: str, now: datetime, note: str | None = None
) -> int:
    """Reactivate an address: delete its suppressions, recording who did it."""
    normalized = normalize_or_raise(address)
    with engine.begin() as connection:
        return suppressions.remove(
            connection, normalized, scopes=None, actor=actor, now=now, note=note
        )


def spool_counts(engine: Engine) -> dict[str, int]:
    return outcomes.spool_counts(engine)


def reprocess(engine: Engine, ids: list[int] | None = None) -> int:
    """Queue unparsed, failed and quarantined messages to be parsed again."""
    return outcomes.reset_unparsed(engine, ids=ids)
