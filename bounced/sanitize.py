"""Text from the network, made safe for the places an operator reads it.

A bounce's addresses, diagnostics and headers, and a client's HELO name, are
written by whoever connects. In a log line a CR or LF would let them forge
entries that look like ours, an escape sequence could rewrite the operator's
terminal, and a lone surrogate (aiosmtpd keeps undecodable bytes that way) would
make the log handler fail. CSV cells are neutralized in `bounced.interchange`,
metric labels only ever take values from a fixed vocabulary (`bounced.metrics`),
and JSON escapes control characters by itself; this module covers the logs.
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
