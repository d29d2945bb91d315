"""The fixed reason taxonomy, named as Sisimai names it.

The member values are the strings stored in the database and shown in the API, so
they never change. Explanations and remedies live in `bounced.explain` beside
the classifier; this module only names the reasons and which of them condemn the
address itself.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a message bounced (Sisimai's reason names, lib/Sisimai/Reason/)."""

    USERUNKNOWN = "userunknown"
    HOSTUNKNOWN = "hostunknown"
    HASMOVED = "hasmoved"
    NOTACCEPT = "notaccept"
    MAILBOXFULL = "mailboxfull"
    SUSPEND = "suspend"
    MESGTOOBIG = "mesgtoobig"
    EXCEEDLIMIT = "exceedlimit"
    FILTERED = "filtered"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    REQUIREPTR = "requireptr"
    BADREPUTATION = "badreputation"
    AUTHFAILURE = "authfailure"
    NOTCOMPLIANTRFC = "notcompliantrfc"
    CONTENTERROR = "contenterror"
    SPAMDETECTED = "spamdetected"
    VIRUSDETECTED = "virusdetected"
    POLICYVIOLATION = "policyviolation"
    SECURITYERROR = "securityerror"
    FAILEDSTARTTLS = "failedstarttls"
    NORELAYING = "norelaying"
    SPEEDING = "speeding"
    TOOMANYCONN = "toomanyconn"
    NETWORKERROR = "networkerror"
    EXPIRED = "expired"
    SYSTEMERROR = "systemerror"
    SYSTEMFULL = "systemfull"
    MAILERERROR = "mailererror"
    SYNTAXERROR = "syntaxerror"
    SUPPRESSED = "suppressed"
    ONHOLD = "onhold"
    UNDEFINED = "undefined"
    DELIVERED = "delivered"
    FEEDBACK = "feedback"
    VACATION = "vacation"


# The address itself is bad: no retry or other sender can fix it. NOTACCEPT counts
# only with a permanent status (a 4xx "not accepting" is a passing state).
HARD_REASONS: frozenset[Reason] = frozenset(
    {Reason.USERUNKNOWN, Reason.HOSTUNKNOWN, Reason.HASMOVED, Reason.NOTACCEPT}
)

# The failure blames the sending side (IP, domain, authentication, content), not the
# recipient's address: by default these alert the sender rather than suppress.
SENDER_BLAME_REASONS: frozenset[Reason] = frozenset(
    {
        Reason.BLOCKED,
        Reason.BADREPUTATION,
        Reason.REQUIREPTR,
        Reason.AUTHFAILURE,
        Reason.REJECTED,
        Reason.SPAMDETECTED,
        Reason.NORELAYING,
        Reason.SECURITYERROR,
        Reason.FAILEDSTARTTLS,
    }
)


def is_hard(reason: Reason, permanent: bool) -> bool:
    """True when the address itself is bad (Sisimai's `hardbounce`).

    The reason decides, not the status class: "450 4.1.1 User unknown" says the
    address is bad as plainly as a 550 does, the server only asks to be asked
    again (Postfix's unknown_local_recipient_reject_code = 450 while a directory
    is being checked, lhost-postfix-05.eml). `permanent` still says whether to
    give up now, and policy.decide retries a transient failure whatever its
    reason. Only "not accepting mail" depends on the class: a 4xx is a passing
    state of the domain (Sisimai SMTP/Error.pm soft_or_hard).
    """
    if reason is Reason.NOTACCEPT:
        return permanent
    return reason in HARD_REASONS
