"""Find and clean email addresses as bounces write them.

Bounces wrap recipients in every way: `rfc822; <a@b>`, `"a@b"`, `a@b:`,
`<a@b>...`, `mailto:a@b`, `a@b (expanded from <c@d>)`. The cleaned form keeps
the case as written (the store normalises); it only strips the wrapping.
"""

from __future__ import annotations

import re

# A pragmatic addr-spec: dot-atom or quoted local part, a domain or literal.
# RFC 2047 encoded local parts (sendmail-25.eml) are allowed because real MTAs
# echo them back unchanged.
_ADDRESS = re.compile(
    r"(?:\"[^\"\r\n]{1,64}\"|[\w.!#$%&'*+/=?^`{|}~\-]{1,128})"
    r"@(?:\[[\d.:a-fA-F]{3,45}\]|[\w](?:[\w\-]{0,62}\.)*[\w\-]{1,63})",
)
_ADDRESS_TRAILING = ".-"
_LOCAL_TAIL = re.compile(r"(?:\"[^\"\r\n]{1,64}\"|[\w.!#$%&'*+/=?^`{|}~\-]{1,128})\Z")
_DOMAIN_HEAD = re.compile(r"\[[\d.:a-fA-F]{3,45}\]|[\w](?:[\w\-]{0,62}\.)*[\w\-]{1,63}")
MAX_AT = 2000  # "@" signs examined per text; a bounce has a handful
_SOURCE_ROUTE = re.compile(r"^(?:@[\w.\-\[\]]+,?)+:")
# Addresses of the bounce machinery itself: never the bounced recipient.
_SYSTEM_LOCALS = frozenset(
    {"mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "noreply"}
)


def clean(value: str | None) -> str | None:
    """The address inside a field value such as `rfc822; <a@b>`, or None."""
    if not value:
        return None
    text = value.strip()
    kind, sep, rest = text.partition(";")
    if sep and "@" not in kind:
        text = rest.strip()
    # RFC 5321 §4.1.2 source route "@relay,@relay:user@host": keep the mailbox
    # (lhost-messagingserver-02.eml).
    text = _SOURCE_ROUTE.sub("", text.lstrip("<"))
    match = _ADDRESS.search(text[:2048])
    if match is None:
        return None
    return match[0].rstrip(_ADDRESS_TRAILING)


def find_all(text: str) -> list[str]:
    """Every address in `text`, in order, without repeats (case-insensitive).

    The search is anchored on "@" signs (at most MAX_AT of them) rather than
    on every position of the text: a regex scan from each position is
    O(n x 128) on long runs of word characters, which hostile input has.
    """
    seen: set[str] = set()
    found: list[str] = []
    at = text.find("@")
    budget = MAX_AT
    while at >= 0 and budget > 0:
        budget -= 1
        address = _around(text, at)
        if address is not None:
            key = address.lower()
            if key not in seen and "." in address.rpartition("@")[2]:
                seen.add(key)
                found.append(address)
        at = text.find("@", at + 1)
    return found


def _around(text: str, at: int) -> str | None:
    """The address whose "@" is at offset `at`, if the text around it is one."""
    local = _LOCAL_TAIL.search(text, max(0, at - 130), at)
    domain = _DOMAIN_HEAD.match(text, at + 1, at + 260)
    if local is None or domain is None:
        return None
    return f"{local[0]}@{domain[0]}".rstrip(_ADDRESS_TRAILING)


def is_qualified(address: str) -> bool:
    """True when the domain has a dot or is a literal: deliverable from outside."""
    domain = address.rpartition("@")[2]
    return "." in domain or domain.startswith("[")


def is_system(address: str) -> bool:
    """True for MAILER-DAEMON@, postmaster@ and their kin."""
    return address.partition("@")[0].lower() in _SYSTEM_LOCALS


def has_address(text: str) -> bool:
    """True when `text` contains something address-shaped."""
    return bool(find_all(text[:4096]))
