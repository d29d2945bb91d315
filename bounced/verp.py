"""VERP return paths: encode the recipient into the bounce address, signed.

With VERP the bounce itself says whom it is about, whatever the remote server
writes in its report; with a signature nobody else can make one. Our form:

    <prefix>+<local>=<domain>=<extra>=<expiry>=<tag>@<bounce-domain>

- `local`, `domain`: the recipient, lowercased (as Mailman and ezmlm write it).
- `extra`: empty, or lowercase unpadded base32 of `list-id \\x1f message-id`.
- `expiry`: the last valid day, as days since 1970-01-01 in lowercase base36.
- `tag`: the first 16 hex digits (64 bits) of HMAC-SHA256(secret, the text
  `<local>=<domain>=<extra>=<expiry>`).

Fields are split from the right, so a recipient local part may itself hold `=`
or `+`; domains cannot hold `=`. Everything is lowercase and case-insensitive,
because some MTAs change the case of the address they bounce to. Expiry follows
Exim's BATV `prvs` window: an old address cannot be replayed forever. Several
secrets verify (rotation); the first signs. The README documents this format for
senders writing it in other languages.

Other VERP forms (Mailman/ezmlm `+local=domain`, Sympa, Mautic, BATV `prvs=`)
are decoded too, unsigned, so their recipient can still be used when the
operator allows unsigned bounces.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from bounced import address as addresses

EPOCH = date(1970, 1, 1)
TAG_HEX = 16  # 64-bit tag
SEPARATOR = "\x1f"

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_TAG = re.compile(r"^[0-9a-f]{16}$")
_EXPIRY = re.compile(r"^[0-9a-z]{1,6}$")
_EXTRA = re.compile(r"^[a-z2-7]*$")
# Sympa: bounce+user==a==userdomain==listname@listdomain (sympa.conf, VERP)
_SYMPA = re.compile(r"^(?:[^+]+)\+(?P<user>.+)==a==(?P<domain>[^=]+)==(?P<list>[^=]+)$")
# Mautic: local+bounce_<hash>@domain (MailHelper::generateBounceEmail)
_MAUTIC = re.compile(r"^[^+]+\+bounce_(?P<hash>[0-9a-f]+)$")
# Exim BATV: prvs=<k><ddd><hhhhhh>=local@domain
_BATV = re.compile(r"^prvs=[0-9a-f]{10}=(?P<local>.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class VerpData:
    """What a bounce address says about the message it answers.

    `signed` means it is our form; `valid` that its tag matched a secret and it
    has not expired. `problem` says why a signed address is not valid.
    """

    form: str  # "bounced", "mailman", "sympa", "mautic"
    recipient: str | None = None
    list_id: str | None = None
    message_id: str | None = None
    signed: bool = False
    valid: bool = False
    problem: str | None = None

    @property
    def status(self) -> str:
        """One word for logs and the events table."""
        if self.signed:
            return "valid" if self.valid else (self.problem or "invalid")
        return f"unsigned:{self.form}"


def encode(
    recipient: str,
    *,
    secret: str,
    bounce_domain: str,
    expires: date,
    prefix: str = "b",
    list_id: str | None = None,
    message_id: str | None = None,
) -> str:
    """The signed bounce address for `recipient`. Raises ValueError if invalid."""
    normalized = addresses.normalize(recipient)
    if normalized is None or normalized.startswith('"'):
        raise ValueError(f"cannot encode {recipient!r}: not a plain email address")
    if not prefix or "+" in prefix or "=" in prefix:
        raise ValueError("the VERP prefix must be non-empty, without '+' or '='")
    local, _, domain = normalized.rpartition("@")
    extra = _encode_extra(list_id, message_id)
    expiry = _base36((expires - EPOCH).days)
    body = f"{local}={domain}={extra}={expiry}"
    return f"{prefix}+{body}={_tag(secret, body)}@{bounce_domain.lower()}"


def decode(
    address: str, *, secrets: Sequence[str], prefix: str = "b", today: date
) -> VerpData | None:
    """What `address` encodes, or None if it is a plain address."""
    local = address.strip().strip("<>").rpartition("@")[0].lower()
    if not local:
        return None
    ours = f"{prefix.lower()}+"
    if local.startswith(ours):
        return _decode_ours(local[len(ours) :], secrets, today)
    batv = _BATV.match(local)
    if batv:  # BATV wraps a sender address, not a recipient: look inside it
        local = batv["local"].lower()
    if match := _SYMPA.match(local):
        recipient = addresses.normalize(f"{match['user']}@{match['domain']}")
        return VerpData(form="sympa", recipient=recipient, list_id=match["list"])
    if match := _MAUTIC.match(local):
        return VerpData(form="mautic", message_id=match["hash"])
    plus = local.find("+")
    if plus > 0 and "=" in local[plus + 1 :]:
        user, _, domain = local[plus + 1 :].rpartition("=")
        recipient = addresses.normalize(f"{user}@{domain}")
        if recipient is not None:
            return VerpData(form="mailman", recipient=recipient)
    return None


def _decode_ours(rest: str, secrets: Sequence[str], today: date) -> VerpData:
    parts = rest.rsplit("=", 4)
    if len(parts) != 5:
        return VerpData(form="bounced", signed=True, problem="malformed")
    local, domain, extra, expiry, tag = parts
    recipient = addresses.normalize(f"{local}@{domain}")
    list_id, message_id = _decode_extra(extra)
    bad = (
        recipient is None
        or not _TAG.match(tag)
        or not _EXPIRY.match(expiry)
        or not _EXTRA.match(extra)
        or (extra and list_id is None and message_id is None)
    )
    data = VerpData(
        form="bounced",
        recipient=recipient,
        list_id=list_id,
        message_id=message_id,
        signed=True,
    )
    if bad:
        return replace(data, problem="malformed")
    body = f"{local}={domain}={extra}={expiry}"
    if not any(hmac.compare_digest(_tag(secret, body), tag) for secret in secrets):
        return replace(data, problem="bad signature")
    if EPOCH.toordinal() + int(expiry, 36) < today.toordinal():
        return replace(data, problem="expired")
    return replace(data, valid=True)


@dataclass(frozen=True, slots=True)
class Codec:
    """encode() and decode() bound to the operator's [verp] settings."""

    secrets: tuple[str, ...]
    prefix: str = "b"
    lifetime_days: int = 30

    def encode(
        self,
        recipient: str,
        *,
        bounce_domain: str,
        now: datetime,
        list_id: str | None = None,
        message_id: str | None = None,
    ) -> str:
        """Signed with the first secret; raises ValueError without one."""
        if not self.secrets:
            raise ValueError("no VERP secret configured ([verp] secrets)")
        expires = date.fromordinal(today_utc(now).toordinal() + self.lifetime_days)
        return encode(
            recipient,
            secret=self.secrets[0],
            bounce_domain=bounce_domain,
            expires=expires,
            prefix=self.prefix,
            list_id=list_id,
            message_id=message_id,
        )

    def decode(self, address: str, now: datetime) -> VerpData | None:
        return decode(
            address, secrets=self.secrets, prefix=self.prefix, today=today_utc(now)
        )

    def first(self, rcpt_tos: Sequence[str], now: datetime) -> VerpData | None:
        """The VERP data of a message's envelope: its first decodable recipient."""
        for rcpt in rcpt_tos:
            data = self.decode(rcpt, now)
            if data is not None:
                return data
        return None


def today_utc(now: datetime) -> date:
    return now.astimezone(UTC).date()


def _tag(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), body.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:TAG_HEX]


def _encode_extra(list_id: str | None, message_id: str | None) -> str:
    if not list_id and not message_id:
        return ""
    raw = f"{list_id or ''}{SEPARATOR}{message_id or ''}".encode()
    return base64.b32encode(raw).decode("ascii").rstrip("=").lower()


def _decode_extra(extra: str) -> tuple[str | None, str | None]:
    if not extra:
        return None, None
    padded = extra.upper() + "=" * (-len(extra) % 8)
    try:
        text = base64.b32decode(padded).decode("utf-8")
    except (binascii.Error, ValueError):
        return None, None
    list_id, _, message_id = text.partition(SEPARATOR)
    return list_id or None, message_id or None


def _base36(number: int) -> str:
    if number <= 0:
        return "0"
    digits = []
    while number:
        number, remainder = divmod(number, 36)
        digits.append(_BASE36[remainder])
    return "".join(reversed(digits))


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Whom a finding's decision may touch, and whether it may touch anyone."""

    subject: str | None  # the address a suppression or retry would apply to
    trusted: bool
    note: str


def attribute(
    reported: str | None, verp: VerpData | None, *, require_signed: bool
) -> Attribution:
    """Decide which address a bounce may act on.

    With a valid signature the bounce can only ever concern the address we signed,
    whatever its body claims: a forger holding a valid address of their own can
    only suppress themselves. With signing required, anything else is recorded and
    acts on nobody. Without it, the body's recipient is believed (and forgeable:
    `bounced doctor` says so).
    """
    if verp is not None and verp.signed:
        if verp.valid:
            return Attribution(subject=verp.recipient, trusted=True, note="signed VERP")
        return Attribution(
            subject=None, trusted=False, note=f"VERP signature {verp.problem}"
        )
    if require_signed:
        return Attribution(subject=None, trusted=False, note="unsigned bounce address")
    subject = reported or (verp.recipient if verp is not None else None)
    if subject is None:
        return Attribution(subject=None, trusted=False, note="no valid recipient")
    return Attribution(subject=subject, trusted=True, note="unsigned")
