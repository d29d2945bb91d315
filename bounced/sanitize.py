"""Text from the network, made safe for the places an operator reads it.

A bounce's addresses, diagnostics and headers, and a client's HELO name, are
written by whoever connects. In a log line a CR or LF would let them forge
entries that look like ours, an escape sequence could rewrite the operator's
terminal, and a lone surrogate (aiosmtpd keeps undecodable bytes that way) would
make the log handler fail. CSV cells are neutralized in `bounced.interchange`,
metric labels only ever take values from a fixed vocabulary (`bounced.metrics`).
This module covers the logs, CSV cells (`escape` before the formula guard) and
JSON documents: `json.dumps(..., ensure_ascii=False)`, as Starlette and our
JSONL export call it, escapes only C0 controls, so DEL, the C1 controls (U+009B
is a CSI to some terminals) and U+2028 would reach a `curl` in a terminal raw,
and a lone surrogate would fail the response's UTF-8 encoding.
"""

from __future__ import annotations

import logging
import re

# C0 and C1 controls, DEL, lone surrogates, and the Unicode line/paragraph
# separators some viewers break lines at. Tab stays: it forges nothing.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` on one line, with every control character written as an escape."""
    if text.isprintable():  # the common case, and fast
        return text
    return _UNSAFE.sub(_escape_one, text)


class SafeFormatter(logging.Formatter):
    """Escapes the message line; a traceback, which is ours, keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return escape(super().formatMessage(record))


# What json.dumps(ensure_ascii=False) leaves raw: DEL and C1, the line and
# paragraph separators, lone surrogates. Outside strings a JSON document is
# ASCII punctuation, so each match is inside a string and `\uXXXX` is its escape.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def escape_json(document: str) -> str:
    """A serialized JSON document with no raw control characters; same value."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
