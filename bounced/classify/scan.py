"""The phrase scanner: normalize a diagnostic, find every table that matches it.

Plain phrases from `bounced.classify.phrases` are compiled into one trie-shaped
regular expression, scanned once at every position (overlapping matches included)
behind a left word boundary; at one position the longest phrase wins. A trie keeps
the branches tried at each position few, so the scan costs microseconds however
many phrases there are (one flat alternation of ~1,000 phrases costs ~300 µs per
diagnostic; the parse+classify path must do 3,000 messages a second). The few `Rx`
phrases get one small regex per tag. Nothing is compiled per call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TypeAlias

from bounced.classify.phrases import TABLES, Rx

_Trie: TypeAlias = dict[str, "_Trie"]

MAX_DIAGNOSTIC = 8192  # characters of a diagnostic that are read (see prepare)

# Where a reply came from in the SMTP dialogue, as bounce texts say it. Each group
# names the command: Postfix "(in reply to RCPT TO command)", Exim "SMTP error
# from remote mail server after MAIL FROM:", Sendmail ">>> DATA", dma "did not like
# our RCPT TO", Yahoo "[RCPT_TO]", qmail-remote's fixed sentences, and others.
_COMMAND_RE = re.compile(
    r"(?=[ia><d\[semrg])"  # first letters of the alternatives: a cheap pre-test
    r"(?:in reply to (?:the )?(?P<a>rcpt to|mail from|end of data|data|helo|ehlo|lhlo"
    r"|starttls|auth|bdat|initial greeting)"
    r"|after (?:pipelined )?(?P<b>rcpt to|mail from|end of data|data|initial connection"
    r"|helo|ehlo|rcpt command|mail command|starttls)"
    r"|(?:>>>|<<<) ?(?P<c>rcpt to|mail from|data|helo|ehlo)"
    r"|did not like our (?P<d>rcpt to|mail from|final data|data|helo|ehlo)"
    r"|\[(?P<e>rcpt_to|mail_from|data)\]"
    r"|smtp:(?P<f>rcpt|mail|data)"
    r"|error following (?P<g>rcpt|mail|data) command"
    r"|smtp command:? (?P<h>rcpt|mail|data)"
    r"|(?P<i>does not like recipient|sender was rejected|my name was rejected"
    r"|refused to talk to me|greeting failed))"
)

_COMMAND_WORDS: tuple[tuple[str, str], ...] = (
    # (prefix of what matched, command); first prefix that fits wins
    ("rcpt", "RCPT"),
    ("does not like recipient", "RCPT"),
    ("mail", "MAIL"),
    ("sender was rejected", "MAIL"),
    ("end of data", "DATA"),
    ("final data", "DATA"),
    ("data", "DATA"),
    ("bdat", "DATA"),
    ("helo", "HELO"),
    ("ehlo", "HELO"),
    ("lhlo", "HELO"),
    ("my name was rejected", "HELO"),
    ("initial", "CONN"),
    ("refused to talk", "CONN"),
    ("greeting", "CONN"),
    ("starttls", "STARTTLS"),
    ("auth", "AUTH"),
)

# Multi-line replies repeat their code on each line ("550-5.7.1 ", and "550 5.7.1 "
# on the last); drop the codes so the sentence they interrupt can be matched:
# Gmail's "Messages with multiple 550 5.7.1 addresses in From:" (lhost-postfix-29).
_CONTINUATION_RE = re.compile(
    # starts with a class so the engine can skip ahead; the look-behind then
    # demands a space (or the start) before the code
    r"[245](?<!\S[245])\d\d"
    r"(?:-(?:[245]\.\d{1,3}\.\d{1,3}\s?)?| [245]\.\d{1,3}\.\d{1,3}\s)"
)

# Header fields of a returned message (RFC 5322, RFC 2045, list and trace fields,
# any X- field), with their continuation lines. DSN fields (Status, Action,
# Diagnostic-Code) are not among them.
_HEADER_LINES_RE = re.compile(
    r"^(?:X-[\w-]+|Received(?:-SPF)?|DKIM-Signature|DomainKey-Signature|ARC-[\w-]+"
    r"|Authentication-Results|Return-Path|Message-I[Dd]|Subject|From|To|Cc|Date"
    r"|Reply-To|Sender|MIME-Version|Content-[\w-]+|References|In-Reply-To"
    r"|List-[\w-]+|Precedence|Delivered-To|Thread-[\w-]+|User-Agent)"
    r"[ \t]*:[^\n]*(?:\n[ \t]+[^\n]*)*",
    re.IGNORECASE | re.MULTILINE,
)

# Where bounce texts start quoting the message they return (normalized form).
_RETURNED_MARKERS = (
    "below this line is a copy of the message",  # qmail, Yahoo
    "this is a copy of the message",  # Exim
    "this is a copy of your message",
    "original message follows",  # IMail, x2
    "----- original message -----",  # Gmail
    "message headers follow",  # DragonFly
    "below is a copy of the original message",  # OpenSMTPD
    "the header of the original message is following",  # GMX
    "included is a copy of the message header",  # MXLogic
    "unsent message follows",  # Sendmail V5
    "enclosed is a copy of the message",  # qmail
    "------- returned message",  # Lotus Notes
)
_RETURNED_RE = re.compile(
    # a class of first letters first: most positions fail on one cheap test
    "(?=[" + "".join(sorted({re.escape(m[0]) for m in _RETURNED_MARKERS})) + "])"
    "(?:" + "|".join(re.escape(marker) for marker in _RETURNED_MARKERS) + ")"
)

# Letters that NFKD does not decompose but people drop the accent from anyway.
# l with stroke, d with stroke, o with stroke, dotless i
_EXTRA_FOLDS = str.maketrans(
    {"\u0142": "l", "\u0111": "d", "\u00f8": "o", "\u0131": "i"}
)
_EXTRA_FOLD_RE = re.compile("[\u0142\u0111\u00f8\u0131]")
# Combining diacritics (Latin, Cyrillic) and kana voicing marks, as NFKD leaves
# them. A regex strips them several times faster than str.translate with a table.
_COMBINING_RE = re.compile("[\u0300-\u036f\u3099\u309a]+")


def prepare(diagnostic: str) -> str:
    """A diagnostic as the classifier reads it: without the returned message.

    Parsers sometimes hand over a whole human-readable part, returned headers
    included; "X-Virus-Scanned: clean" or the original Subject must not decide the
    reason. Header lines go first (they need the line breaks), then everything from
    a "copy of the original message follows" marker on. Only the first
    `MAX_DIAGNOSTIC` characters are read: a server says why it refused in its first
    lines, and a hostile megabyte must not cost more than a normal bounce.
    """
    diagnostic = diagnostic[:MAX_DIAGNOSTIC]
    if "\n" in diagnostic and ":" in diagnostic:
        diagnostic = _HEADER_LINES_RE.sub(" ", diagnostic)
    text = normalize(diagnostic)
    marker = _RETURNED_RE.search(text)
    return text[: marker.start()].rstrip() if marker else text


def normalize(text: str) -> str:
    """The form phrases are matched against (see the module docstring)."""
    text = text.lower() if text.isascii() else _fold(text)
    text = _CONTINUATION_RE.sub("", text)
    return " ".join(text.split())


def command_in(text: str) -> str | None:
    """The SMTP command a normalized bounce text says the reply answered, if any."""
    match = _COMMAND_RE.search(text)
    if match is None:
        return None
    said = next(group for group in match.groups() if group is not None)
    for prefix, command in _COMMAND_WORDS:
        if said.startswith(prefix):
            return command
    return None  # pragma: no cover - every alternative of _COMMAND_RE has a prefix


def scan(text: str) -> dict[str, str]:
    """Each table with a phrase in the normalized `text`, with the first such phrase."""
    found: dict[str, str] = {}
    if not text:
        return found
    candidates: set[int] = set()
    for phrase in _TRIE_RE.findall(text):
        tags, patterns = _LITERALS[phrase]
        for tag in tags:
            found.setdefault(tag, phrase)
        candidates.update(patterns)
    for index in sorted(candidates):  # an Rx runs only if its `needs` was seen
        tag, regex = _PATTERNS[index]
        if tag not in found and (match := regex.search(text)) is not None:
            found[tag] = match.group(0)
    return found


def _fold(text: str) -> str:
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text).casefold())
    return text.translate(_EXTRA_FOLDS) if _EXTRA_FOLD_RE.search(text) else text


def _fold_pattern(pattern: str) -> str:
    # Fold only the non-ASCII characters: lower-casing "\S" would change its meaning.
    return "".join(_fold(char) if ord(char) > 127 else char for char in pattern)


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation shaped as a trie: each position tries few branches."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def build(node: _Trie) -> str:
        branches = [
            re.escape(char) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        ends_here = "" in node
        if len(branches) == 1 and not ends_here:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends_here else body  # greedy: the longest phrase wins

    return build(trie)


# literal -> (tags it stands for, indexes of the Rx patterns it lets run)
_Literals: TypeAlias = dict[str, tuple[tuple[str, ...], tuple[int, ...]]]


def _compile() -> tuple[
    _Literals, re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]
]:
    tags: dict[str, set[str]] = {}
    needs: dict[str, set[int]] = {}
    owner: dict[str, str] = {}
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for tag, phrases in TABLES:
        for phrase in phrases:
            if isinstance(phrase, Rx):
                for need in phrase.needs.split(" | "):
                    needs.setdefault(normalize(need), set()).add(len(patterns))
                patterns.append((tag, re.compile(_fold_pattern(phrase.pattern))))
                continue
            for alternative in phrase.split(" | "):
                key = normalize(alternative)
                if owner.setdefault(key, tag) != tag:
                    raise ValueError(f"phrase {alternative!r} is in two tables")
                tags.setdefault(key, set()).add(tag)
    words = set(tags) | set(needs)
    literals: _Literals = {}
    for word in words:
        # At one position the trie reports the longest phrase: it is the more
        # specific ("host not found, try again" is not "host not found"). An Rx
        # filter that is a prefix of it was seen all the same.
        prefixes = [word[:n] for n in range(1, len(word) + 1) if word[:n] in needs]
        literals[word] = (
            tuple(sorted(tags.get(word, ()))),
            tuple(sorted({index for p in prefixes for index in needs[p]})),
        )
    # Left word boundary only (Latin and Cyrillic letters): "virus" must not match
    # inside "antivirus", but a phrase may end mid-word ("over quota" in "over quotas").
    # The leading class of first letters rejects most positions with one test
    # (non-Latin text would otherwise try every branch of the trie's root).
    first = "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"
    boundary = r"(?<![a-z0-9\u0430-\u044f])"
    trie = re.compile(f"(?={first}){boundary}(?=({_trie_pattern(words)}))")
    return literals, trie, tuple(patterns)


_LITERALS, _TRIE_RE, _PATTERNS = _compile()
