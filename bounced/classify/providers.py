"""Provider rules: mailbox providers whose own codes or conventions decide the reason.

Some large providers answer with their own code tables or conventions, the same
for every bounce they send, where generic phrases mislead: Orange says "Service
refuse" for both a block and an overloaded server, and only its numeric code
tells which. One rule per provider, keyed on the remote MTA's host name (the
Remote-MTA field, Sisimai's `rhost`) or on the provider's unmistakable code
format, each table taken from the provider's published error list. Sisimai keeps
the same knowledge in lib/Sisimai/Rhost/*.pm; the corpus samples rhost-*.eml
come from those modules.

`reason()` runs after a detector's hint and before the generic phrases; a rule
that does not know the answer returns None and the generic rules decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bounced.reasons import Reason
from bounced.report import Finding


@dataclass(frozen=True, slots=True)
class Facts:
    """What a provider rule reads: the finding and the classifier's reading of it."""

    finding: Finding
    text: str  # the diagnostic, normalized (bounced.classify.scan.prepare)
    status: tuple[str, str, str] | None  # the status the classifier believes
    command: str | None  # the refused command (RCPT, DATA, ...), if known


Rule = Callable[[Facts], Reason | None]

# -- Orange and La Poste (France Telecom / PTT) ----------------------------------
# Orange (orange.fr, wanadoo.fr) and La Poste (laposte.net) end every refusal with
# a code naming the refusal: "OFR005_505", "LPN007_426", "OFR_999", "OUK_513";
# the last three digits index their table of refusals (Orange's postmaster pages,
# as collected in Sisimai Rhost/FrancePTT.pm). Codes whose text is only "try again
# later" are absent: the generic rules read those.
_ORANGE_CODE = re.compile(r"\b(?:lpnaaa|lpn|ofr|ouk)(?:_|\d{3}[-_])(\d{3})\b")
_ORANGE: dict[str, Reason] = {
    "101": Reason.BLOCKED,  # IP listed by Spamhaus (LPNAAA_101)
    "102": Reason.BLOCKED,  # source IP blocked for spam (OFR006_102)
    "103": Reason.BLOCKED,  # "Service refuse" at connection (OFR006_103)
    "104": Reason.TOOMANYCONN,  # "Trop de connexions" (OFR005_104)
    "305": Reason.SECURITYERROR,  # invalid authentication code (OFR_305)
    "401": Reason.BLOCKED,  # SPF: not allowed to send (LPN004_401)
    "402": Reason.SECURITYERROR,  # authentication required (LPN105_402)
    "403": Reason.REJECTED,  # "Emetteur invalide", invalid sender
    "405": Reason.REJECTED,  # invalid sender (OFR004_405)
    "415": Reason.REJECTED,  # invalid sender (OFR_415)
    "416": Reason.USERUNKNOWN,  # invalid recipient (OFR_416)
    "417": Reason.MAILBOXFULL,  # "Boite du destinataire pleine" (OFR_417)
    "418": Reason.USERUNKNOWN,  # invalid recipient
    "420": Reason.SUSPEND,  # "Boite du destinataire archivee" (LPN007_420)
    "421": Reason.REJECTED,  # "Mail from not owned by user" (LPN105_421)
    "426": Reason.SUSPEND,  # recipient account blocked (LPN007_426)
    "505": Reason.SYSTEMERROR,  # 421 "Service refuse" after DATA: overloaded
    "506": Reason.SPAMDETECTED,  # "Mail rejete" (OFR_506)
    "510": Reason.BLOCKED,  # 550 "Service refuse" after DATA (LPN005_510)
    "514": Reason.MESGTOOBIG,  # "Taille limite du message atteinte"
    "517": Reason.POLICYVIOLATION,  # DMARC verification failed (LPN007_517)
    "630": Reason.POLICYVIOLATION,  # 554 5.7.1 client host rejected (LPN000_630)
    "999": Reason.BLOCKED,  # "Service refuse" (OFR_999)
}


def _orange(facts: Facts) -> Reason | None:
    text = facts.text
    if "lpn" not in text and "ofr" not in text and "ouk" not in text:
        return None  # three substring tests instead of a regex that tries everywhere
    match = _ORANGE_CODE.search(text)
    return _ORANGE.get(match[1]) if match else None


# -- Mimecast ---------------------------------------------------------------------
# Mimecast's published "SMTP error codes" list: (reply code, the text it starts
# with). Only entries whose generic reading would differ are kept.
_MIMECAST: tuple[tuple[int, str, Reason], ...] = (
    # "A signature was detected that could either be a virus, or a spam score
    # over the maximum threshold" (MCSpamSignature): anti-virus, not bypassable
    (554, "email rejected due to security policies", Reason.VIRUSDETECTED),
    (550, "local ct ip reputation", Reason.BADREPUTATION),
    (550, "envelope blocked", Reason.REJECTED),  # Blocked Senders policy
    (550, "administrative prohibition envelope blocked", Reason.REJECTED),
    (550, "invalid recipient", Reason.USERUNKNOWN),  # recipient validation failed
    (503, "user unknown", Reason.USERUNKNOWN),
    (501, "invalid address", Reason.USERUNKNOWN),
    (451, "account inbounds disabled", Reason.NOTACCEPT),
    (550, "journal message past expiration", Reason.ONHOLD),
    (550, "exceeding outbound thread limit", Reason.TOOMANYCONN),
)


def _mimecast(facts: Facts) -> Reason | None:
    reply = facts.finding.reply_code
    for code, words, reason in _MIMECAST:
        if reply == code and words in facts.text:
            return reason
    return None


# -- NTT docomo -------------------------------------------------------------------
# docomo's MTA (mfsmax.docomo.ne.jp) answers "550 Unknown user" both for a mailbox
# that does not exist (at RCPT TO, or with 5.1.1) and for mail the subscriber's
# own reception settings refuse (after DATA, declared 5.0.0 by the sender's MTA;
# 5.2.0 when the relay says the mailbox refused it). Sisimai Rhost/NTTDOCOMO.pm
# documents the convention from docomo's sending guidelines. docomo's other
# answers ("552 Too many recipients", "504 Command parameter not implemented")
# mean what they say: the generic rules read them.
def _docomo(facts: Facts) -> Reason | None:
    if "unknown user" not in facts.text:
        return None
    code = ".".join(facts.status) if facts.status else ""
    if code == "5.1.1":
        return Reason.USERUNKNOWN
    if code == "5.2.0":
        return Reason.FILTERED
    if code == "5.0.0" and facts.command == "RCPT":
        return Reason.USERUNKNOWN
    if code == "5.0.0" and facts.command == "DATA":
        return Reason.REJECTED  # the subscriber refuses mail from our domain
    return None


@dataclass(frozen=True, slots=True)
class Provider:
    """A provider rule and the remote hosts it applies to."""

    name: str
    hosts: re.Pattern[str] | None  # None: the rule's own code format is the key
    rule: Rule


PROVIDERS: tuple[Provider, ...] = (
    Provider("orange", None, _orange),
    Provider("mimecast", re.compile(r"\.mimecast\.com$"), _mimecast),
    Provider("docomo", re.compile(r"(?:^|\.)docomo\.ne\.jp$"), _docomo),
)


def reason(facts: Facts) -> tuple[Reason, str] | None:
    """The provider's answer and the rule's name, or None to use the generic rules."""
    host = (facts.finding.remote_mta or "").split(" ", 1)[0].lower().rstrip(".")
    for provider in PROVIDERS:
        if provider.hosts is not None and not provider.hosts.search(host):
            continue
        found = provider.rule(facts)
        if found is not None:
            return found, f"provider {provider.name}"
    return None
