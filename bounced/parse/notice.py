"""Helpers shared by the detectors that read human-readable notices.

Most non-standard bounces say the same three things in their own words: a
recipient, a block of diagnostic text after it, and maybe the SMTP reply and
status inside that text. These helpers cut the block and pull the codes out,
so each MTA module is mostly its own patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bounced.parse import addresses, codes, patterns, session
from bounced.report import Action, Finding


class Headings:
    """Alternative headings or gate phrases, of which the earliest is wanted.

    Each alternative is its own pattern, written in lower case (lower-casing a
    pattern would turn \\S into \\s) and searched in the lower-cased text by
    `patterns.earliest`: five times faster than one re.I alternation. When
    lower-casing changes the text's length (a few non-ASCII letters do), the
    positions would not fit the text; a case-insensitive search answers then.
    """

    __slots__ = ("_any_case", "_patterns")

    def __init__(self, *headings: str) -> None:
        # Escapes (\S, \W) are not letters of the heading.
        letters = [re.sub(r"\\.", "", heading) for heading in headings]
        if any(text != text.lower() for text in letters):
            raise ValueError("Headings are written in lower case")
        self._patterns = tuple(re.compile(heading) for heading in headings)
        self._any_case = re.compile(
            "|".join(f"(?:{heading})" for heading in headings), re.I
        )

    def span(self, text: str, end: int | None = None) -> tuple[int, int] | None:
        """Where the earliest heading is in `text[:end]` (the first listed on a tie)."""
        text = text if end is None else text[:end]
        lowered = text.lower()
        if len(lowered) != len(text):
            match = self._any_case.search(text)
            return match.span() if match else None
        match = patterns.earliest(self._patterns, lowered)
        return match.span() if match else None


def squeeze(text: str) -> str:
    """Whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(text.split())  # what \s+ -> " " does, in half the time


def finding(
    recipient: str,
    diagnostic: str | None,
    *,
    action: Action | None = None,
    status: str | None = None,
    reply: int | None = None,
    remote_mta: str | None = None,
    reporting_mta: str | None = None,
    command: str | None = None,
    original: str | None = None,
) -> Finding:
    """A Finding whose codes come from `diagnostic` unless given."""
    text = squeeze(diagnostic)[:1000] if diagnostic else None
    found_reply, found_status = codes.find_pair(text)
    status = codes.better_status(status, text) if status else found_status
    reply = reply if reply is not None and 200 <= reply <= 599 else found_reply
    reply = codes.consistent_reply(status, reply)
    if action is None:
        first = status[0] if status else str(reply)[0] if reply else "5"
        action = Action.DELAYED if first == "4" else Action.FAILED
    if command is None:
        command = session.command(text)
    return Finding(
        recipient=recipient,
        original_recipient=original,
        action=action,
        status=status,
        reply_code=reply,
        diagnostic=text or None,
        smtp_command=command,
        remote_mta=remote_mta,
        reporting_mta=reporting_mta,
    )


def cut(text: str, start: re.Pattern[str] | None, end: re.Pattern[str] | None) -> str:
    """The text after the first `start` match and before the next `end` match."""
    if start is not None:
        match = start.search(text)
        if match is None:
            return ""
        text = text[match.end() :]
    if end is not None:
        match = end.search(text)
        if match is not None:
            text = text[: match.start()]
    return text


def blocks(text: str, line: re.Pattern[str]) -> Iterable[tuple[re.Match[str], str]]:
    """Each match of `line` and the text after it up to the next match.

    The block also ends at a blank line followed by a non-indented line, so
    a recipient's diagnostic does not swallow the closing prose.
    """
    matches = list(line.finditer(text))
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : stop]
        end = re.search(r"\n[ \t]*\n(?=\S)", body)
        if end is not None:
            body = body[: end.start()]
        yield match, body


def unique(findings: list[Finding]) -> list[Finding]:
    """Findings with repeated recipients dropped (first mention wins)."""
    seen: set[str] = set()
    out: list[Finding] = []
    for item in findings:
        key = item.recipient.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def address_in(value: str | None) -> str | None:
    """The address inside `value`, when there is one."""
    return addresses.clean(value)


def listed(
    text: str,
    start: re.Pattern[str],
    end: re.Pattern[str] | None,
    *,
    action: Action | None = None,
) -> list[Finding]:
    """One finding per address in the section after `start`.

    For notices that list recipients and then explain (mailru, m-FILTER,
    MailFoundry, Mimecast): each address gets the text from itself to the
    next address, or the whole section when that holds no codes.
    """
    section = cut(text, start, end)
    found = addresses.find_all(section)
    lowered = section.lower()
    findings: list[Finding] = []
    for index, address in enumerate(found):
        at = lowered.find(address.lower())
        stop = (
            lowered.find(found[index + 1].lower(), at + len(address))
            if index + 1 < len(found)
            else len(section)
        )
        own = section[at + len(address) : stop if stop > at else len(section)]
        reply, status = codes.find_pair(own)
        diagnostic = own if (reply or status) else section
        findings.append(finding(address, diagnostic, action=action))
    return unique(findings)
