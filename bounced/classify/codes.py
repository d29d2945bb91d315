"""What SMTP codes mean: RFC 3463 enhanced status codes and RFC 5321 reply codes.

Two uses share these tables: the classifier reads a reason from a status code when
the text says nothing more specific, and `bounced explain` prints the meanings. The
meanings are the IANA "SMTP Enhanced Status Codes" registry's own titles (RFC 3463,
updated by RFCs 3886, 4468, 4954, 5248, 6531, 6710, 7293, 7372, 7505, 8689) and the
reply texts of RFC 5321 §4.2.2 / §4.2.3 (plus RFC 7504 for 521/556).

A status code names a *subject* and a *detail*; the class digit (2, 4, 5) only says
whether the failure is final. So the reason tables are keyed by "subject.detail" and
hold for 4.x.x and 5.x.x alike.
"""

from __future__ import annotations

import re

from bounced.reasons import Reason

# At the start of the field; what follows may be a comment, as in PowerMTA's
# "Status: 5.2.1 (mailbox disabled, not accepting messages)".
STATUS_RE = re.compile(r"([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")

# RFC 3463 §3.1
CLASS_MEANINGS: dict[str, str] = {
    "2": "Success: the message was delivered or relayed.",
    "4": "Persistent transient failure: sent again later, it may be delivered.",
    "5": "Permanent failure: sending the same message again will not succeed.",
}

# RFC 3463 §3.2 (and §3.3-§3.9 for the subject titles)
SUBJECT_MEANINGS: dict[str, str] = {
    "0": "Other or undefined status",
    "1": "Addressing status (the address, sender's or recipient's)",
    "2": "Mailbox status (the recipient's mailbox exists but has a problem)",
    "3": "Mail system status (the receiving system has a problem)",
    "4": "Network and routing status",
    "5": "Mail delivery protocol status",
    "6": "Message content or media status",
    "7": "Security or policy status",
}

# The IANA registry's titles, keyed by "subject.detail".
DETAIL_MEANINGS: dict[str, str] = {
    "0.0": "Other undefined status",
    "1.0": "Other address status",
    "1.1": "Bad destination mailbox address",
    "1.2": "Bad destination system address",
    "1.3": "Bad destination mailbox address syntax",
    "1.4": "Destination mailbox address ambiguous",
    "1.5": "Destination address valid",
    "1.6": "Destination mailbox has moved, no forwarding address",
    "1.7": "Bad sender's mailbox address syntax",
    "1.8": "Bad sender's system address",
    "1.9": "Message relayed to non-compliant mailer (RFC 3886)",
    "1.10": "Recipient address has null MX (RFC 7505)",
    "2.0": "Other or undefined mailbox status",
    "2.1": "Mailbox disabled, not accepting messages",
    "2.2": "Mailbox full",
    "2.3": "Message length exceeds administrative limit",
    "2.4": "Mailing list expansion problem",
    "3.0": "Other or undefined mail system status",
    "3.1": "Mail system full",
    "3.2": "System not accepting network messages",
    "3.3": "System not capable of selected features",
    "3.4": "Message too big for system",
    "3.5": "System incorrectly configured",
    "3.6": "Requested priority was changed (RFC 6710)",
    "4.0": "Other or undefined network or routing status",
    "4.1": "No answer from host",
    "4.2": "Bad connection",
    "4.3": "Directory server failure",
    "4.4": "Unable to route",
    "4.5": "Mail system congestion",
    "4.6": "Routing loop detected",
    "4.7": "Delivery time expired",
    "4.8": "Implicit MX is not allowed (RFC 7505)",
    "5.0": "Other or undefined protocol status",
    "5.1": "Invalid command",
    "5.2": "Syntax error",
    "5.3": "Too many recipients",
    "5.4": "Invalid command arguments",
    "5.5": "Wrong protocol version",
    "5.6": "Authentication exchange line is too long (RFC 4954)",
    "6.0": "Other or undefined media error",
    "6.1": "Media not supported",
    "6.2": "Conversion required and prohibited",
    "6.3": "Conversion required but not supported",
    "6.4": "Conversion with loss performed",
    "6.5": "Conversion failed",
    "6.6": "Message content not available (RFC 4468)",
    "6.7": "Non-ASCII addresses not permitted for that sender/recipient (RFC 6531)",
    "6.8": "UTF-8 string reply is required, but not permitted by the client (RFC 6531)",
    "6.9": "UTF-8 header message cannot be transferred (RFC 6531)",
    "6.10": "UTF-8 string reply required, but not permitted by the client (RFC 6531)",
    "7.0": "Other or undefined security status",
    "7.1": "Delivery not authorized, message refused",
    "7.2": "Mailing list expansion prohibited",
    "7.3": "Security conversion required but not possible",
    "7.4": "Security features not supported",
    "7.5": "Cryptographic failure",
    "7.6": "Cryptographic algorithm not supported",
    "7.7": "Message integrity failure",
    "7.8": "Authentication credentials invalid (RFC 4954)",
    "7.9": "Authentication mechanism is too weak (RFC 4954)",
    "7.10": "Encryption needed (RFC 5248)",
    "7.11": "Encryption required for requested authentication mechanism (RFC 4954)",
    "7.12": "A password transition is needed (RFC 4954)",
    "7.13": "User account disabled (RFC 5248)",
    "7.14": "Trust relationship required (RFC 5248)",
    "7.15": "Priority level is too low (RFC 6710)",
    "7.16": "Message is too big for the specified priority (RFC 6710)",
    "7.17": "Mailbox owner has changed (RFC 7293)",
    "7.18": "Domain owner has changed (RFC 7293)",
    "7.19": "RRVS test cannot be completed (RFC 7293)",
    "7.20": "No passing DKIM signature found (RFC 7372)",
    "7.21": "No acceptable DKIM signature found (RFC 7372)",
    "7.22": "No valid author-matched DKIM signature found (RFC 7372)",
    "7.23": "SPF validation failed (RFC 7372)",
    "7.24": "SPF validation error (RFC 7372)",
    "7.25": "Reverse DNS validation failed (RFC 7372)",
    "7.26": "Multiple authentication checks failed (RFC 7372)",
    "7.27": "Sender address has null MX (RFC 7505)",
    "7.28": "Mail flood detected (RFC 8689 registry entry)",
    "7.29": "ARC validation failure (RFC 8617)",
    "7.30": "REQUIRETLS support required (RFC 8689)",
}

# "subject.detail" -> reason, for the codes that name one failure precisely. The
# generic codes (x.0.0, x.1.0, x.2.0, x.3.0, x.4.0, x.5.0, x.7.0, x.7.1, ...) are
# deliberately absent: senders use them for anything, so the text decides there.
# Sisimai's lib/Sisimai/SMTP/Status.pm is the model; differences are commented.
STATUS_REASONS: dict[str, Reason] = {
    "1.1": Reason.USERUNKNOWN,
    "1.2": Reason.HOSTUNKNOWN,
    "1.3": Reason.USERUNKNOWN,  # a recipient address that cannot be valid
    "1.4": Reason.SYSTEMERROR,
    "1.6": Reason.HASMOVED,
    "1.7": Reason.REJECTED,  # the *sender's* address: we are refused, not them
    "1.8": Reason.REJECTED,
    "1.10": Reason.NOTACCEPT,  # RFC 7505 null MX: the domain takes no mail at all
    "2.1": Reason.SUSPEND,
    "2.2": Reason.MAILBOXFULL,
    "2.3": Reason.EXCEEDLIMIT,
    "2.4": Reason.SYSTEMERROR,
    "3.1": Reason.SYSTEMFULL,
    "3.2": Reason.NOTACCEPT,
    "3.3": Reason.SYSTEMERROR,
    "3.4": Reason.MESGTOOBIG,
    "3.5": Reason.SYSTEMERROR,
    "4.1": Reason.NETWORKERROR,
    "4.2": Reason.NETWORKERROR,
    "4.3": Reason.SYSTEMERROR,
    "4.4": Reason.HOSTUNKNOWN,  # "unable to route": no MX/A for the domain
    "4.5": Reason.TOOMANYCONN,
    "4.6": Reason.NETWORKERROR,  # routing loop
    "4.7": Reason.EXPIRED,
    "4.8": Reason.NOTACCEPT,
    "5.1": Reason.SYNTAXERROR,
    "5.2": Reason.SYNTAXERROR,
    "5.3": Reason.TOOMANYCONN,  # "too many recipients", as Sisimai files it
    "5.4": Reason.SYNTAXERROR,
    "5.5": Reason.SYNTAXERROR,
    "5.6": Reason.SYNTAXERROR,
    "6.1": Reason.CONTENTERROR,
    "6.2": Reason.CONTENTERROR,
    "6.3": Reason.CONTENTERROR,
    "6.4": Reason.CONTENTERROR,
    "6.5": Reason.CONTENTERROR,
    "6.6": Reason.CONTENTERROR,
    "6.7": Reason.CONTENTERROR,
    "6.8": Reason.CONTENTERROR,
    "6.9": Reason.CONTENTERROR,
    "6.10": Reason.CONTENTERROR,
    "7.2": Reason.SECURITYERROR,
    "7.3": Reason.SECURITYERROR,
    "7.4": Reason.SECURITYERROR,
    "7.5": Reason.SECURITYERROR,
    "7.6": Reason.SECURITYERROR,
    "7.7": Reason.SECURITYERROR,
    "7.8": Reason.SECURITYERROR,
    # RFC 4954 "authentication mechanism is too weak". Yahoo sends 5.7.9 with
    # "Message not accepted for policy reasons"; its words make that one a
    # policyviolation, the code alone stays a security error.
    "7.9": Reason.SECURITYERROR,
    "7.10": Reason.FAILEDSTARTTLS,
    "7.11": Reason.FAILEDSTARTTLS,
    "7.12": Reason.SECURITYERROR,
    "7.13": Reason.SUSPEND,
    "7.14": Reason.SECURITYERROR,
    "7.17": Reason.HASMOVED,
    "7.18": Reason.HASMOVED,
    "7.20": Reason.AUTHFAILURE,
    "7.21": Reason.AUTHFAILURE,
    "7.22": Reason.AUTHFAILURE,
    "7.23": Reason.AUTHFAILURE,
    "7.24": Reason.AUTHFAILURE,
    "7.25": Reason.REQUIREPTR,
    "7.26": Reason.AUTHFAILURE,
    "7.27": Reason.REJECTED,  # our MAIL FROM domain publishes a null MX
    "7.28": Reason.SPEEDING,
    "7.29": Reason.AUTHFAILURE,
    "7.30": Reason.FAILEDSTARTTLS,
}

# What the status subject alone suggests when neither a precise code nor the text
# decided (as Sisimai's Reason::anotherone does). A generic x.3.0 says too little:
# "4.3.0 ... recipient error, try again later" (rfc3464-43) is no system fault.
SUBJECT_FALLBACKS: dict[str, Reason] = {
    "6": Reason.CONTENTERROR,
    "7": Reason.SECURITYERROR,
}

# RFC 5321 §4.2.2-§4.2.3, RFC 7504 (521, 556) and RFC 4954 (530, 534, 535, 538).
REPLY_MEANINGS: dict[int, str] = {
    211: "System status, or system help reply",
    214: "Help message",
    220: "Service ready",
    221: "Service closing transmission channel",
    235: "Authentication succeeded (RFC 4954)",
    250: "Requested mail action okay, completed",
    251: "User not local; will forward",
    252: "Cannot VRFY user, but will accept message and attempt delivery",
    334: "Server challenge (RFC 4954)",
    354: "Start mail input; end with <CRLF>.<CRLF>",
    421: "Service not available, closing transmission channel",
    432: "A password transition is needed (RFC 4954)",
    450: "Requested mail action not taken: mailbox unavailable (busy or blocked)",
    451: "Requested action aborted: local error in processing",
    452: "Requested action not taken: insufficient system storage",
    454: "Temporary authentication failure (RFC 4954)",
    455: "Server unable to accommodate parameters",
    500: "Syntax error, command unrecognized",
    501: "Syntax error in parameters or arguments",
    502: "Command not implemented",
    503: "Bad sequence of commands",
    504: "Command parameter not implemented",
    521: "Host does not accept mail (RFC 7504)",
    530: "Authentication required (RFC 4954)",
    534: "Authentication mechanism is too weak (RFC 4954)",
    535: "Authentication credentials invalid (RFC 4954)",
    538: "Encryption required for requested authentication mechanism (RFC 4954)",
    550: (
        "Requested action not taken: mailbox unavailable "
        "(not found, no access, or refused for policy reasons)"
    ),
    551: "User not local; please try <forward-path>",
    552: "Requested mail action aborted: exceeded storage allocation",
    553: "Requested action not taken: mailbox name not allowed",
    554: "Transaction failed (or, at connection time, no SMTP service here)",
    555: "MAIL FROM/RCPT TO parameters not recognized or not implemented",
    556: "Domain does not accept mail (RFC 7504)",
}

# A reply code alone says little; these are the replies whose RFC meaning is
# narrow enough to name a reason when nothing else does.
REPLY_REASONS: dict[int, Reason] = {
    452: Reason.SYSTEMFULL,
    500: Reason.SYNTAXERROR,
    501: Reason.SYNTAXERROR,
    502: Reason.SYNTAXERROR,
    503: Reason.SYNTAXERROR,
    504: Reason.SYNTAXERROR,
    521: Reason.NOTACCEPT,
    530: Reason.SECURITYERROR,
    534: Reason.SECURITYERROR,
    535: Reason.SECURITYERROR,
    538: Reason.FAILEDSTARTTLS,
    551: Reason.HASMOVED,
    552: Reason.MAILBOXFULL,
    555: Reason.SYNTAXERROR,
    556: Reason.NOTACCEPT,
}

# The reasons a bare reply code most often stands for in real bounces, most likely
# first; only `bounced explain` uses this, to tell a person what to suspect.
REPLY_SUSPECTS: dict[int, tuple[Reason, ...]] = {
    421: (Reason.TOOMANYCONN, Reason.BLOCKED, Reason.SYSTEMERROR),
    450: (Reason.MAILBOXFULL, Reason.BLOCKED, Reason.ONHOLD),
    451: (Reason.SYSTEMERROR, Reason.BLOCKED),
    452: (Reason.SYSTEMFULL, Reason.MAILBOXFULL, Reason.TOOMANYCONN),
    550: (Reason.USERUNKNOWN, Reason.BLOCKED, Reason.FILTERED, Reason.REJECTED),
    551: (Reason.HASMOVED,),
    552: (Reason.MAILBOXFULL, Reason.MESGTOOBIG, Reason.EXCEEDLIMIT),
    553: (Reason.USERUNKNOWN, Reason.REJECTED, Reason.NORELAYING),
    554: (Reason.BLOCKED, Reason.SPAMDETECTED, Reason.POLICYVIOLATION),
}


def split_status(status: str | None) -> tuple[str, str, str] | None:
    """The (class, subject, detail) of a well-formed RFC 3463 code, else None."""
    if not status:
        return None
    match = STATUS_RE.match(status.strip())
    if match is None:
        return None
    klass, subject, detail = match.groups()
    # Leading zeros would make "5.01.001" and "5.1.1" different keys.
    return klass, str(int(subject)), str(int(detail))


def is_generic(subject: str, detail: str) -> bool:
    """True for codes that carry no specific meaning: x.y.0 and invented x.0.9xx.

    Sisimai invents 5.0.9xx / 4.0.9xx when a bounce has no status (see the corpus
    README); no real server sends subject 0 with a non-zero detail, so treat those
    as generic wherever they come from.
    """
    return detail == "0" or subject == "0"
