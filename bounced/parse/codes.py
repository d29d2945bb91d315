"""Find SMTP reply codes (RFC 5321 §4.2) and enhanced status codes (RFC 3463) in text.

Both kinds of number also occur in bounce text that is not a code: IP
addresses (192.0.2.5.1), version numbers (Exim 4.92.3), queue ids, dates,
ports. The patterns therefore demand the shapes servers really write: a reply
code is three digits whose second digit is 0-5, followed by a space, a dash or
the end, and not part of a longer number; an enhanced status is class 2, 4 or
5 and not part of a dotted quad.
"""

from __future__ import annotations

import re

# RFC 3463 §2: class.subject.detail; the subjects are 0-7 (§3.1-3.8) and the
# detail up to three digits. The look-arounds keep "192.5.1.1" and "5.1.1.2"
# from matching, the subject range keeps "Exim 4.92.3" out. In all three
# patterns the look-behind comes after the first character and looks one
# further back ("[245](?<![\d.].)" rather than "(?<![\d.])[245]"): the same
# test, but a pattern that starts with a look-behind cannot skip ahead to its
# first character, and these searches were a tenth of the parser's time.
_STATUS = re.compile(r"([245])(?<![\d.].)\.([0-7])\.(\d{1,3})(?!\.?\d)")
# RFC 5321 §4.2: reply codes are 2yz..5yz with y in 0-5; servers write
# "550 ", "550-", "550:" or "(550)".
_REPLY = re.compile(r"([245](?<![\w.,/+=-].)[0-5]\d)(?=[ \t\-:)\]]|$)", re.M)
# Reply codes that exist: RFC 5321 §4.2.2-4.2.3 and the registered extensions
# (RFC 3207 STARTTLS, RFC 4954 AUTH, RFC 7504 521/556, RFC 1870 SIZE, RFC 5248's
# 525 5.7.13). A three-digit number outside the set in a diagnostic ("426
# connection timed out", "522 5.2.0 Over quota") is a local convention, not a
# reply; the enhanced status carries the meaning there.
REPLY_CODES = frozenset(
    {211, 214, 220, 221, 235, 250, 251, 252, 334, 354}
    # 447: not registered, but throttling MTAs answer it and DESIGN.md's
    # retry policy names it beside 421 and 450.
    | {421, 432, 447, 450, 451, 452, 453, 454, 455, 458, 459}
    | {500, 501, 502, 503, 504, 521, 523, 524, 525, 530, 534, 535, 538}
    | {550, 551, 552, 553, 554, 555, 556, 557}
)
# Numbers right after these words are not replies ("port 25", "code 5.1.1" is
# fine, "line 550" is not): kept short on purpose.
_NOT_REPLY_BEFORE = re.compile(r"(?:port|line|id|size|pid|uid|version|v|#)\s*$", re.I)


# A reply code immediately followed by its enhanced status: "550 5.1.1",
# "550-5.7.1", "550-'5.7.1", "550 #5.1.0" (lhost-amazonses-01.eml, qmail).
_PAIR = re.compile(
    r"([245](?<![\w.,/+-].)[0-5]\d)[ \t-]{1,3}['\"(#]?"
    r"([245])\.([0-7])\.(\d{1,3})(?!\.?\d)"
)


def find_pair(text: str | None) -> tuple[int | None, str | None]:
    """The reply code and status of the server's answer in `text`.

    A reply immediately followed by a status of the same class is the
    strongest evidence ("550 5.1.1 <a@b>: user unknown"); without one, the
    first status and the first reply code found anywhere.
    """
    if not text:
        return None, None
    for match in _PAIR.finditer(text):
        if match[1][0] == match[2] and int(match[1]) in REPLY_CODES:
            return int(match[1]), f"{match[2]}.{int(match[3])}.{int(match[4])}"
    status = find_status(text)
    return consistent_reply(status, find_reply(text)), status


def find_failure(text: str | None) -> tuple[int | None, str | None]:
    """Like `find_pair`, but only a failure's codes (class 4 or 5) count.

    A session transcript quotes every reply ("250 2.1.0 Ok" to MAIL FROM before
    "550 5.1.1 ..." to RCPT TO, MDaemon's and hMailServer's logs): the answer
    that failed is the one a bounce reports.
    """
    if not text:
        return None, None
    for match in _PAIR.finditer(text):
        if match[1][0] == match[2] != "2" and int(match[1]) in REPLY_CODES:
            return int(match[1]), f"{match[2]}.{int(match[3])}.{int(match[4])}"
    status = next((s for s in find_statuses(text) if s[0] != "2"), None)
    return consistent_reply(status, find_reply(text, lowest=400)), status


def find_status(text: str | None) -> str | None:
    """The first RFC 3463 status code in `text`, normalised (leading zeros kept)."""
    if not text:
        return None
    match = _STATUS.search(text)
    if match is None:
        return None
    return f"{match[1]}.{int(match[2])}.{int(match[3])}"


def find_statuses(text: str) -> list[str]:
    """Every RFC 3463 status code in `text`, in order."""
    return [f"{m[1]}.{int(m[2])}.{int(m[3])}" for m in _STATUS.finditer(text)]


def find_reply(text: str | None, lowest: int = 200) -> int | None:
    """The first plausible SMTP reply code in `text`, from `lowest` up."""
    if not text:
        return None
    for match in _REPLY.finditer(text):
        if int(match[1]) < lowest or int(match[1]) not in REPLY_CODES:
            continue
        if _NOT_REPLY_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        return int(match[1])
    return None


def is_status(value: str | None) -> bool:
    """True when `value` is exactly an RFC 3463 status code."""
    return bool(value) and _STATUS.fullmatch(value or "") is not None


def better_status(declared: str | None, text: str | None) -> str | None:
    """The status to report, given a declared one and the diagnostic text.

    MTAs often declare a generic X.0.0 (Postfix maps every SMTP reply it cannot
    place to 5.0.0) while the remote server's reply carries a precise code; the
    precise one of the same class wins. A declared status missing entirely is
    taken from the text.
    """
    found = find_pair(text)[1]
    if declared is None:
        return found
    if found and declared.endswith(".0.0") and found[0] == declared[0]:
        return found
    return declared


def consistent_reply(status: str | None, reply: int | None) -> int | None:
    """Drop a number that is no SMTP reply (RFC 5321 §4.2.1: 2yz to 5yz) or
    whose class contradicts the status (a stray number)."""
    if reply is None or not 200 <= reply <= 599:
        # A detector's own field can hold anything: Zoho's "ERROR_CODE :842"
        # (bench/fuzz_parse.py found it in a mutated lhost-zoho sample).
        return None
    if status is None:
        return reply
    return reply if str(reply)[0] == status[0] else None
