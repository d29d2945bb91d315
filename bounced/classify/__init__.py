"""Finding -> Classification: why a message bounced, whether for good, whether the
address itself is bad.

The diagnostic is read as `scan.prepare` leaves it: header lines and everything
after a "copy of the original message follows" marker dropped, case and accents
folded. Then the first rule that gives an answer wins:

1. A detector's `reason_hint`: an ARF report, an auto-reply, an MTA module whose
   wording is unambiguous knows better than generic rules. A `userunknown` hint
   (IMail's "Unknown user", PowerMTA's bad-mailbox) is weighed with the text: a
   strong phrase ranked above user unknown still wins (Sisimai re-examines a
   module's userunknown the same way).
2. Not a failure: a Feedback-Type is a complaint (`feedback`); a 2.x.x status is
   `delivered`; an auto-reply (vacation hint) or Action delivered, relayed or
   expanded is `vacation` or `delivered`, unless its text says the mailbox is
   closed, moved or unknown ("This email inbox is no longer in use",
   rfc3834-06.eml): that reply reports a dead address.
3. A provider rule (`providers.py`): Orange's refusal codes, Mimecast's and
   NTT docomo's conventions, keyed on the remote host or the code format.
   Then a strong phrase, in the fixed order of `STRONG_ORDER` (most specific first:
   "mailbox full" beats "blocked"; a DMARC rejection that says "this message has
   been blocked" is `authfailure`). Text beats a status code because servers use
   generic codes (5.0.0, 5.7.1, even 5.1.1) for anything while their words say
   what happened: `550 5.7.1 Mailbox full` is a full mailbox, `550 5.1.1 ... has
   sent to too many recipients this hour` is rate limiting. Where the status is
   the finer witness, it refines the phrase:
   - a sender-address status (x.1.7, x.1.8, x.7.27) turns an address complaint
     into `rejected`: the address refused was ours, not the subscriber's;
   - for size, x.2.3 (the mailbox's limit, `exceedlimit`) and x.3.4 (the
     system's, `mesgtoobig`) say which limit "message too big" hit;
   - "user unknown" and its kin are believed (`userunknown`) only with proof:
     wording that names the mailbox as nonexistent ("no such user", "mailbox does
     not exist"), an address status (x.1.1, x.1.3; x.1.2 and x.1.6 name a finer
     fault and win), or a reply to RCPT TO. Said after DATA or at an unknown stage
     it is `filtered`: Japanese carriers and filtering appliances answer "User
     unknown" to refuse a message after accepting the recipient (Sisimai's rule;
     docomo, au, SoftBank). au/KDDI's "550 : User unknown", with an empty
     address, is always such a refusal;
   - Microsoft's "Recipient address rejected: Access denied" is an unknown user
     (Directory-Based Edge Blocking) only with its status x.4.1;
   - an x-unix diagnostic is a local program's output: its words count only for
     what such a program can report (a full mailbox, a missing user), anything
     else ("Connection refused" from a pipe's script) is `mailererror`.
4. A precise status code (`codes.STATUS_REASONS`; generic x.y.0 codes and the
   invented x.0.9xx are skipped, except 5.1.0, which MessageLabs, Symantec and
   Amazon SES send for an unknown address). A generic status in the finding
   gives way to a precise one quoted in the text ("Status: 5.0.0" with
   "550 5.1.1 ..." is 5.1.1).
5. A weak phrase: the RFC 5321 550 text "mailbox unavailable", "service
   unavailable", qmail's "in the queue too long".
6. Fallbacks: a refusal at connection or HELO is `blocked`, at MAIL FROM
   `rejected`; an x-unix diagnostic is `mailererror`; then the status subject
   (x.6 `contenterror`, x.7 `securityerror`); a narrow reply code (551
   `hasmoved`, 552 `mailboxfull`, 500-504 `syntaxerror`, ...); Action delayed
   `expired`; vacation wording `vacation`. What is left is unexplained: a
   permanent code (5.x.x, 5xx) with no words we know is `undefined` (the bare 550
   or 554 that [policy] suppress_reasons treats as about the address), other
   text is `onhold` (wait and see), and no code or text at all is `undefined`.

Three adjustments follow, on the SMTP stage (the finding's `smtp_command`, else
what the text says: "in reply to RCPT TO command", ">>> DATA", "after MAIL FROM")
and on permanence: a spam verdict before DATA cannot be about content, so it is
`rejected` (`blocked` at connection); an address complaint at MAIL FROM is about
our sender address, so `rejected`; an unknown host reported as temporary (4.x.x,
4xx) is a DNS failure, `networkerror`.

`permanent` is the status class: 5.x.x (or, without a status, a 5xx reply) is
permanent, 4.x.x/4xx is not. With neither code, a failed Action is permanent (the
reporting MTA has given up; that is what a bounce without codes means) and a
delayed one is not. Complaints, auto-replies and deliveries are never permanent.
`hard` is `reasons.is_hard`, Sisimai's rule: the reason condemns the address
(userunknown, hostunknown, hasmoved; notaccept only when permanent), whatever the
class. A 450 4.1.1 "user unknown" is hard and not permanent: the address is bad,
the server only asked to be asked again, and policy retries it.
"""

from __future__ import annotations

import re

from bounced.classify import codes, providers, scan
from bounced.classify.phrases import DBEB, DISGUISED, UNPROVEN, weak
from bounced.reasons import Reason, is_hard
from bounced.report import Action, Classification, Finding

# Strong phrase tables in precedence order. Specific before generic; sender-side
# faults (rejected) before the address faults whose words they reuse ("sender
# address rejected: domain not found" is about our domain).
STRONG_ORDER: tuple[Reason, ...] = (
    Reason.SUPPRESSED,
    Reason.MAILBOXFULL,
    Reason.MESGTOOBIG,
    Reason.EXCEEDLIMIT,
    Reason.NOTCOMPLIANTRFC,
    Reason.AUTHFAILURE,
    Reason.REQUIREPTR,
    Reason.BADREPUTATION,
    Reason.SUSPEND,
    Reason.HASMOVED,
    Reason.NORELAYING,
    Reason.SPEEDING,
    Reason.TOOMANYCONN,
    Reason.VIRUSDETECTED,
    Reason.SPAMDETECTED,
    Reason.POLICYVIOLATION,
    Reason.REJECTED,
    Reason.NOTACCEPT,
    Reason.HOSTUNKNOWN,
    Reason.USERUNKNOWN,  # with UNPROVEN and DISGUISED, see _unknown_user()
    Reason.FILTERED,
    Reason.BLOCKED,
    Reason.FAILEDSTARTTLS,
    Reason.SECURITYERROR,
    Reason.NETWORKERROR,
    Reason.EXPIRED,
    Reason.SYSTEMFULL,
    Reason.SYSTEMERROR,
    Reason.MAILERERROR,
    Reason.CONTENTERROR,
    Reason.SYNTAXERROR,
)

WEAK_ORDER: tuple[Reason, ...] = (
    Reason.USERUNKNOWN,
    Reason.SYSTEMERROR,
    Reason.EXPIRED,
)

# scanner tag -> (rank in STRONG_ORDER, reason); the unknown-user kin share a rank
_RANK: dict[str, tuple[int, Reason]] = {
    **{reason.value: (rank, reason) for rank, reason in enumerate(STRONG_ORDER)},
    UNPROVEN: (STRONG_ORDER.index(Reason.USERUNKNOWN), Reason.USERUNKNOWN),
    DISGUISED: (STRONG_ORDER.index(Reason.USERUNKNOWN), Reason.USERUNKNOWN),
}
_USERUNKNOWN = Reason.USERUNKNOWN.value
_WEAK_TAGS = tuple((reason, weak(reason)) for reason in WEAK_ORDER)
_VACATION = weak(Reason.VACATION)
_ONHOLD = weak(Reason.ONHOLD)

_NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.FEEDBACK, Reason.VACATION})
_NOT_FAILED = frozenset({Action.DELIVERED, Action.RELAYED, Action.EXPANDED})
_SIZE = frozenset({Reason.MESGTOOBIG, Reason.EXCEEDLIMIT})
_ADDRESS = frozenset(
    {Reason.USERUNKNOWN, Reason.HOSTUNKNOWN, Reason.NOTACCEPT, Reason.FILTERED}
)
# An auto-reply that says the mailbox is gone is not a vacation notice.
_GONE = (Reason.SUSPEND, Reason.HASMOVED, Reason.USERUNKNOWN)
_BEFORE_DATA = frozenset({"CONN", "HELO", "MAIL", "RCPT"})
# What a local delivery program (x-unix diagnostic) can truly report by its words.
_LOCAL = frozenset(
    {
        Reason.MAILBOXFULL,
        Reason.EXCEEDLIMIT,
        Reason.MESGTOOBIG,
        Reason.SYSTEMFULL,
        Reason.USERUNKNOWN,
        Reason.SUSPEND,
        Reason.HASMOVED,
        Reason.MAILERERROR,
        Reason.SYSTEMERROR,
        Reason.VIRUSDETECTED,
        Reason.SPAMDETECTED,
    }
)
# Hints weighed with the text rather than taken as the answer (see classify()).
_REEXAMINED = frozenset({Reason.VACATION, Reason.USERUNKNOWN})

# Codes quoted in a diagnostic: a status right after a reply code is the remote
# server's own ("550-'5.7.1 ..." inside Amazon SES's "5.1.0 - Unknown address
# error" wrapper); a bare one comes next ("(#5.1.1)" in qmail texts).
_QUOTED_STATUS = re.compile(
    r"[245](?<![\w.][245])\d\d[ -]['\"(]?([245]\.\d{1,3}\.\d{1,3})(?![\d.])"
)
_BARE_STATUS = re.compile(r"[245](?<![\d.][245])\.\d{1,3}\.\d{1,3}(?![\d.])")
_LEADING_REPLY = re.compile(r"\W*([245]\d\d)(?![\d.])")


def classify(finding: Finding) -> Classification:
    """The reason, permanence and hardness of one finding (pure; never raises)."""
    raw = finding.diagnostic or ""
    status = _status(finding.status, raw)
    permanent = _permanent(finding, status, raw)
    hint = finding.reason_hint
    if hint is not None and hint not in _REEXAMINED:
        return _verdict(hint, permanent and hint not in _NOT_FAILURES, "detector hint")
    if finding.feedback_type:
        return _verdict(
            Reason.FEEDBACK, False, f"feedback-type {finding.feedback_type}"
        )
    if status is not None and status[0] == "2":
        return _verdict(Reason.DELIVERED, False, f"status {'.'.join(status)}")
    if hint is Reason.VACATION or finding.action in _NOT_FAILED:
        reason, rule = _not_failed(finding, raw)
        return _verdict(reason, False, rule)
    text = scan.prepare(raw)
    if finding.status_comment:
        # The reporting MTA's own words on the status count like the remote's
        # ("Status: 5.2.1 (mailbox disabled, ...)", lhost-powermta-01.eml).
        text = f"{text} {scan.normalize(finding.status_comment[:200])}".strip()
    command = _command(finding.smtp_command) or scan.command_in(text)
    known = providers.reason(providers.Facts(finding, text, status, command))
    if known is not None:
        return _verdict(known[0], permanent, known[1])
    found = scan.scan(text)
    if hint is Reason.USERUNKNOWN:
        reason, rule = _hinted_unknown(found)
        return _verdict(reason, permanent, rule)
    reason, rule = _reason(finding, status, found, command, bool(text))
    if reason is Reason.SPAMDETECTED and command in _BEFORE_DATA:
        # Content cannot be judged before it is sent: a "spam" verdict at RCPT is
        # about our IP or domain (rhost-zoho-03.eml), so the refusal is of us.
        reason = Reason.BLOCKED if command in ("CONN", "HELO") else Reason.REJECTED
        rule += f", before DATA ({command})"
    elif reason is Reason.POLICYVIOLATION and command == "CONN":
        # A policy refusal in the greeting, before we named sender or
        # recipient, can only be about the connecting IP.
        reason, rule = Reason.BLOCKED, rule + ", at connection"
    elif reason in _ADDRESS and command == "MAIL":
        reason, rule = Reason.REJECTED, rule + ", at MAIL FROM"
    elif reason is Reason.HOSTUNKNOWN and not permanent:
        reason, rule = Reason.NETWORKERROR, rule + ", reported as temporary"
    return _verdict(reason, permanent, rule)


def _reason(
    finding: Finding,
    status: tuple[str, str, str] | None,
    found: dict[str, str],
    command: str | None,
    has_text: bool,
) -> tuple[Reason, str]:
    by_status = _status_reason(status)
    code = ".".join(status) if status else ""
    if DBEB in found and status is not None and status[1:] == ("4", "1"):
        # Microsoft's x.4.1 "Recipient address rejected: Access denied" (DBEB)
        found = {**found, _USERUNKNOWN: found[DBEB]}
    ranked = [_RANK[tag] for tag in found if tag in _RANK]
    if ranked:
        strong = min(ranked)[1]
        rule = f"phrase {_quoted(found, strong)}"
        if by_status is Reason.REJECTED and strong in _ADDRESS:
            return Reason.REJECTED, f"status {code} (sender) over {rule}"
        if strong in _SIZE and by_status in _SIZE:
            assert by_status is not None
            return by_status, f"status {code} refines {rule}"
        if (finding.diagnostic_type or "").lower() == "x-unix" and strong not in _LOCAL:
            # A local program's own error output ("ConnectionRefusedError" from
            # a pipe's script) is not a remote server refusing: the mailer failed.
            return Reason.MAILERERROR, f"diagnostic type x-unix over {rule}"
        if strong is Reason.USERUNKNOWN:
            return _unknown_user(found, status, command, rule)
        return strong, rule
    if by_status is not None:
        return by_status, f"status {code}"
    for reason, tag in _WEAK_TAGS:
        if (phrase := found.get(tag)) is not None:
            return reason, f"weak phrase {phrase!r}"
    return _fallback(finding, status, found, command, has_text)


def _hinted_unknown(found: dict[str, str]) -> tuple[Reason, str]:
    """A detector's "unknown user", unless the text names a failure that outranks it.

    The detector read its MTA's own words or category (IMail's "Unknown user",
    PowerMTA's bad-mailbox), which proves the address bad; but a reason ranked
    above user unknown still wins: "550 5.2.1 User Unknown" under "Status: 5.2.1
    (mailbox disabled, ...)" is a disabled mailbox (lhost-powermta-01.eml).
    Sisimai re-examines a module's userunknown the same way (Reason.pm GetRetried).
    """
    ranked = [_RANK[tag] for tag in found if tag in _RANK]
    if ranked and (best := min(ranked))[0] < _RANK[_USERUNKNOWN][0]:
        return best[1], f"phrase {_quoted(found, best[1])} over the detector's hint"
    return Reason.USERUNKNOWN, "detector hint"


def _unknown_user(
    found: dict[str, str],
    status: tuple[str, str, str] | None,
    command: str | None,
    rule: str,
) -> tuple[Reason, str]:
    """`userunknown` when the bounce proves it, else `filtered` (see the docstring)."""
    if DISGUISED in found:
        return Reason.FILTERED, f"phrase {found[DISGUISED]!r} (empty address: a filter)"
    if _USERUNKNOWN in found:
        return Reason.USERUNKNOWN, rule
    if status is not None and status[1] == "1":
        # x.1.1, x.1.3 say the mailbox is bad; x.1.2 (host) and x.1.6 (moved)
        # name a finer address fault than the words do.
        by_status = _status_reason(status)
        if by_status in (Reason.HOSTUNKNOWN, Reason.HASMOVED, Reason.NOTACCEPT):
            assert by_status is not None
            return by_status, f"status {'.'.join(status)} over {rule}"
        return Reason.USERUNKNOWN, f"{rule} with status {'.'.join(status)}"
    if command == "RCPT":
        return Reason.USERUNKNOWN, f"{rule} in reply to RCPT"
    stage = f"after {command}" if command else "at an unknown stage"
    return Reason.FILTERED, f"{rule} {stage}"


def _fallback(
    finding: Finding,
    status: tuple[str, str, str] | None,
    found: dict[str, str],
    command: str | None,
    has_text: bool,
) -> tuple[Reason, str]:
    if command in ("CONN", "HELO"):
        return Reason.BLOCKED, f"refused at {command}"
    if command == "MAIL":
        return Reason.REJECTED, "refused at MAIL FROM"
    if (finding.diagnostic_type or "").lower() == "x-unix":
        return Reason.MAILERERROR, "diagnostic type x-unix"
    if status is not None and (by_subject := codes.SUBJECT_FALLBACKS.get(status[1])):
        return by_subject, f"status subject {status[0]}.{status[1]}.x"
    reply = finding.reply_code
    if reply is not None and (by_reply := codes.REPLY_REASONS.get(reply)):
        return by_reply, f"reply {reply}"
    if finding.action is Action.DELAYED:
        return Reason.EXPIRED, "action delayed"
    for reason, tag in ((Reason.VACATION, _VACATION), (Reason.ONHOLD, _ONHOLD)):
        if (phrase := found.get(tag)) is not None:
            return reason, f"weak phrase {phrase!r}"
    if status[0] == "5" if status is not None else (reply or 0) >= 500:
        # A bare 550/554 that no words explain: refused for good, reason unknown.
        return Reason.UNDEFINED, "permanent code, no known phrase"
    if has_text:
        return Reason.ONHOLD, "text without a known phrase"
    return Reason.UNDEFINED, "no code or text to go on"


def _not_failed(finding: Finding, raw: str) -> tuple[Reason, str]:
    """An auto-reply or a delivery notice: delivered, or a vacation notice.

    Unless its text says the mailbox is closed, moved or unknown: "This email inbox
    is no longer in use" (rfc3834-06.eml) is an auto-reply that reports a dead
    address. Vacation wording names an auto-reply that no detector marked.
    """
    found = scan.scan(scan.prepare(raw)) if raw else {}
    for reason in _GONE:
        if (phrase := found.get(reason.value)) is not None:
            return reason, f"phrase {phrase!r} in a reply that is not a bounce"
    if finding.reason_hint is Reason.VACATION:
        return Reason.VACATION, "detector hint"
    if (phrase := found.get(_VACATION)) is not None:
        return Reason.VACATION, f"weak phrase {phrase!r}"
    return Reason.DELIVERED, f"action {finding.action.value}"


def _quoted(found: dict[str, str], reason: Reason) -> str:
    for tag in (reason.value, UNPROVEN, DISGUISED):
        if tag in found:
            return repr(found[tag])
    return "''"  # pragma: no cover - only called for a reason that was found


def _status_reason(status: tuple[str, str, str] | None) -> Reason | None:
    if status is not None and status[:3] == ("5", "1", "0"):
        # "Other address status", failed for good on a recipient's own report:
        # MessageLabs' and Symantec's "550 #5.1.0 Address rejected", Amazon SES's
        # "5.1.0 Unknown address". Sisimai files it under userunknown too.
        return Reason.USERUNKNOWN
    if status is None or codes.is_generic(status[1], status[2]):
        return None
    return codes.STATUS_REASONS.get(f"{status[1]}.{status[2]}")


def _status(given: str | None, raw: str) -> tuple[str, str, str] | None:
    """The finding's status, or a more precise one quoted in its text."""
    own = codes.split_status(given)
    if own is not None and not codes.is_generic(own[1], own[2]):
        return own
    quoted = _quoted_status(raw)
    if quoted is None:
        return own
    if own is None or not codes.is_generic(quoted[1], quoted[2]) or own[1] == "0":
        # Keep the finding's class: "Status: 5.0.0" with "450 4.2.2" in the text
        # is a final failure whose cause was a full mailbox.
        return (own[0] if own else quoted[0], quoted[1], quoted[2])
    return own


def _quoted_status(raw: str) -> tuple[str, str, str] | None:
    """A failure status quoted in the text; a 2.x.x there is never the verdict."""
    if not raw:
        return None
    quoted = _QUOTED_STATUS.search(raw)
    code = (
        quoted[1] if quoted else (bare[0] if (bare := _BARE_STATUS.search(raw)) else "")
    )
    return None if code.startswith("2") else codes.split_status(code)


def _permanent(finding: Finding, status: tuple[str, str, str] | None, raw: str) -> bool:
    if status is not None:
        return status[0] == "5"
    reply = finding.reply_code
    if reply is None and (match := _LEADING_REPLY.match(raw)) is not None:
        reply = int(match[1])
    if reply is not None:
        return reply >= 500
    return finding.action is Action.FAILED


def _command(given: str | None) -> str | None:
    """The parser's smtp_command in the scanner's vocabulary (MAIL, RCPT, DATA, ...)."""
    if not given:
        return None
    word = given.strip().upper()
    for prefix, command in (
        ("RCPT", "RCPT"),
        ("MAIL", "MAIL"),
        ("DATA", "DATA"),
        ("BDAT", "DATA"),
        ("END", "DATA"),
        ("EHLO", "HELO"),
        ("HELO", "HELO"),
        ("LHLO", "HELO"),
        ("CONN", "CONN"),
        ("STARTTLS", "STARTTLS"),
        ("AUTH", "AUTH"),
    ):
        if word.startswith(prefix):
            return command
    return None


def _verdict(reason: Reason, permanent: bool, rule: str) -> Classification:
    return Classification(
        reason=reason, permanent=permanent, hard=is_hard(reason, permanent), rule=rule
    )
