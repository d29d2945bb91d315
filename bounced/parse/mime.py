"""A small, bounded MIME splitter: raw bytes to a flat list of parts.

Why not the stdlib `email` package: it recurses once per nesting level
(RecursionError on deep nesting), spends tens of seconds on 100k parts or
encoded words, and even with `compat32` parsing alone costs most of our
per-message time budget. Bounces need much less: header blocks, the
multipart tree, transfer decoding and charsets. Everything here is iterative
and counts what it does, so a hostile message stops at a budget instead of
running away (`OverBudget` names the budget; `parse()` turns it into an
unparsed Report).
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field

# Budgets. Real bounces have a handful of parts and two or three levels; these
# leave a wide margin (Sisimai's set-of-emails peaks at 14 parts, depth 5).
MAX_PARTS = 256
MAX_DEPTH = 16
MAX_HEADERS = 1000  # per header block; a Received-heavy bounce has ~60
MAX_TEXT = 512 * 1024  # decoded characters kept per part (detectors scan these)
MAX_ENCODED_WORDS = 64  # RFC 2047 words decoded per header value

_BOUNDARY_PARAM = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]*)"|([^\s;]+))', re.I)
_CHARSET_PARAM = re.compile(r'charset\s*=\s*"?([\w.:-]+)', re.I)
_ENCODED_WORD = re.compile(r"=\?([\w.*-]{1,40})\?([bBqQ])\?([^?\s]{0,2000})\?=")
_ENCODED_GAP = re.compile(r"(\?=)[ \t]+(=\?)")
_QP_SOFT = re.compile(rb"=\r?\n")
_PARAM_LINE = re.compile(r"[\w-]+=")
_LOGICAL_LINE = re.compile(r"\n(?![ \t])")


class OverBudget(Exception):
    """The message exceeds one of the parser's budgets (the name says which)."""


@dataclass(slots=True)
class Part:
    """One MIME entity: its headers, its content type and its undecoded body.

    `returned` is true for parts inside a returned message (message/rfc822),
    whose text belongs to the original mail, not to the bounce.
    """

    headers: list[tuple[str, str]]
    ctype: str
    params: str
    body: bytes
    depth: int
    returned: bool
    children: list[Part] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """The first header called `name` (lower-case), unfolded."""
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def text(self) -> str:
        """The body with transfer encoding and charset undone, capped in size."""
        data = decode_transfer(self.body, self.header("content-transfer-encoding"))
        return decode_charset(data[: MAX_TEXT * 2], self.params)[:MAX_TEXT]


def split_head(raw: bytes) -> tuple[bytes, bytes]:
    """Header block and body, split at the first empty line (LF line ends)."""
    if raw.startswith(b"\n"):
        return b"", raw[1:]
    cut = raw.find(b"\n\n")
    if cut < 0:
        return raw, b""
    return raw[:cut], raw[cut + 2 :]


def parse_headers(block: bytes | str) -> list[tuple[str, str]]:
    """(lower-case name, unfolded value) pairs; lines that are not headers end it.

    An mbox "From " line at the top is skipped (Sisimai's samples have them).
    The block is split into logical lines (a line plus its indented
    continuations) by one regex, which keeps this hot path cheap.
    """
    text = block.decode("utf-8", "replace") if isinstance(block, bytes) else block
    if "\r" in text:
        text = text.replace("\r", "")
    headers: list[tuple[str, str]] = []
    append = headers.append
    for chunk in _LOGICAL_LINE.split(text.strip("\n")):
        name, colon, value = chunk.partition(":")
        name = name.strip()
        if not colon or not name or " " in name or "\n" in name:
            if not headers and chunk.startswith("From "):
                continue
            if headers and _PARAM_LINE.match(chunk):
                # An unindented parameter line (lhost-verizon-02.eml:
                # "boundary=..." under Content-Type) continues the header.
                key, previous = headers[-1]
                headers[-1] = (key, f"{previous} {_unfold(chunk)}")
                continue
            break
        append((name.lower(), _unfold(value) if "\n" in value else value.strip()))
        if len(headers) >= MAX_HEADERS:
            raise OverBudget("headers")
    return headers


def _unfold(value: str) -> str:
    """Fold points (whitespace around a newline) become one space.

    Split and strip rather than a `[ \t]*\n[ \t]*` regex: that one backtracks
    quadratically over a long run of blanks with no newline (seconds on 40 KB).
    """
    return " ".join([line.strip(" \t") for line in value.split("\n")]).strip()


def parse_parts(raw: bytes) -> Part:
    """The MIME tree of a message, built without recursion.

    Line ends are made LF once, up front, so every later search is simple.
    """
    data = raw.replace(b"\r\n", b"\n")
    head, body = split_head(data)
    root = _make_part(parse_headers(head), body, 0, False)
    if root.header("content-type") is None:
        _guess_multipart(root)
    count = 1
    stack = [root]
    while stack:
        part = stack.pop()
        if part.depth >= MAX_DEPTH:
            raise OverBudget("depth")
        children: list[Part] = []
        if part.ctype.startswith("multipart/"):
            for chunk in _split_multipart(part.body, part.params):
                sub_head, sub_body = split_head(chunk)
                children.append(
                    _make_part(
                        parse_headers(sub_head),
                        sub_body,
                        part.depth + 1,
                        part.returned,
                        default="message/rfc822"
                        if part.ctype == "multipart/digest"
                        else "text/plain",
                    )
                )
                count += 1
                if count > MAX_PARTS:
                    raise OverBudget("parts")
            if not children:
                # No delimiter in the body (lhost-messagingserver-03.eml): read
                # it as the text it is rather than lose it.
                part.ctype = "text/plain"
        elif part.ctype == "message/rfc822":
            body = decode_transfer(part.body, part.header("content-transfer-encoding"))
            sub_head, sub_body = split_head(body.lstrip(b"\n"))
            children.append(
                _make_part(parse_headers(sub_head), sub_body, part.depth + 1, True)
            )
            count += 1
        part.children = children
        stack.extend(reversed(children))
    return root


def walk(root: Part) -> list[Part]:
    """Every part in document order (depth first), root included."""
    out: list[Part] = []
    stack = [root]
    while stack:
        part = stack.pop()
        out.append(part)
        stack.extend(reversed(part.children))
    return out


def decode_transfer(body: bytes, encoding: str | None) -> bytes:
    """Undo base64 or quoted-printable; anything else is returned as is."""
    if not encoding:
        return body
    encoding = encoding.strip().lower()
    try:
        if encoding == "base64":
            return binascii.a2b_base64(re.sub(rb"[^A-Za-z0-9+/=]", b"", body))
        if encoding == "quoted-printable":
            return binascii.a2b_qp(_QP_SOFT.sub(b"", body))
    except (binascii.Error, ValueError):
        return body
    return body


def decode_charset(data: bytes, params: str) -> str:
    """Bytes to text by the Content-Type charset; UTF-8 with replacement otherwise."""
    match = _CHARSET_PARAM.search(params)
    charset = match[1].lower() if match else "utf-8"
    if charset in ("us-ascii", "ascii", "utf-8", "utf8"):
        return data.decode("utf-8", "replace")
    try:
        codecs.lookup(charset)
        return data.decode(charset, "replace")
    except (LookupError, ValueError):
        return data.decode("utf-8", "replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded, at most MAX_ENCODED_WORDS of them.

    The stdlib `decode_header` is quadratic on long runs of words; this is one
    regex pass. Adjacent words separated only by blanks are joined (RFC 2047 §6.2).
    """
    if "=?" not in value:
        return value
    value = _ENCODED_GAP.sub(r"\1\2", value[:16384])
    budget = [MAX_ENCODED_WORDS]

    def one(match: re.Match[str]) -> str:
        if budget[0] <= 0:
            return match[0]
        budget[0] -= 1
        charset, kind, payload = match[1].split("*")[0], match[2], match[3]
        try:
            if kind in "bB":
                raw = binascii.a2b_base64(payload + "=" * (-len(payload) % 4))
            else:
                raw = binascii.a2b_qp(payload.replace("_", " ").encode("ascii"))
            return decode_charset(raw, f"charset={charset}")
        except (binascii.Error, ValueError, UnicodeEncodeError):
            return match[0]

    return _ENCODED_WORD.sub(one, value)


def _make_part(
    headers: list[tuple[str, str]],
    body: bytes,
    depth: int,
    returned: bool,
    default: str = "text/plain",
) -> Part:
    ctype_value = ""
    for key, value in headers:
        if key == "content-type":
            ctype_value = value
            break
    ctype, _, params = ctype_value.partition(";")
    ctype, _, extra = ctype.strip().partition(" ")
    # "text/plain\n   charset=..." without the semicolon (lhost-x1-02.eml).
    params = f"{extra};{params}" if extra else params
    ctype = ctype.lower() or default
    if "/" not in ctype:
        ctype = default
    return Part(headers, ctype, params, body, depth, returned)


_GUESSED_BOUNDARY = re.compile(rb"^--([\x21-\x7e]{8,70})[ \t]*$", re.M)


def _guess_multipart(root: Part) -> None:
    """A multipart body whose Content-Type header was lost (lhost-sendmail-54.eml).

    Some relays and mailbox exporters drop the top-level MIME headers; when the
    body still has a boundary line that recurs before a Content-Type line, it
    is split as multipart/mixed.
    """
    match = _GUESSED_BOUNDARY.search(root.body, 0, 512)
    if match is None:
        return
    delimiter = b"\n--" + match[1] + b"\n"
    following = root.body.find(delimiter, match.end())
    if following < 0 or b"content-type:" not in root.body[following:].lower()[:400]:
        return
    root.ctype = "multipart/mixed"
    root.params = f'boundary="{match[1].decode("ascii")}"'


def _find_delimiter(text: bytes, delimiter: bytes, start: int) -> int:
    """The next delimiter line, not a longer boundary that starts the same way.

    RFC 2046 §5.1.1 forbids a boundary that prefixes another, but nested
    parts named "b1", "b10", "b100" exist in the wild.
    """
    at = text.find(delimiter, start)
    while at >= 0:
        after = text[at + len(delimiter) : at + len(delimiter) + 2]
        if after[:1] in (b"", b"\n", b" ", b"\t", b"\r") or after == b"--":
            return at
        at = text.find(delimiter, at + 1)
    return -1


def _split_multipart(body: bytes, params: str) -> list[bytes]:
    """The chunks between boundary lines; the preamble and epilogue are dropped."""
    match = _BOUNDARY_PARAM.search(params.encode("utf-8", "replace"))
    if match is None:
        return []
    boundary = (match[1] if match[1] is not None else match[2]).strip()
    if not boundary:
        return []
    delimiter = b"\n--" + boundary
    text = b"\n" + body
    chunks: list[bytes] = []
    start = _find_delimiter(text, delimiter, 0)
    while start >= 0:
        line_end = text.find(b"\n", start + 1)
        if line_end < 0:
            break
        if text[start + len(delimiter) : start + len(delimiter) + 2] == b"--":
            break  # the close delimiter
        nxt = _find_delimiter(text, delimiter, line_end)
        chunks.append(text[line_end + 1 : nxt if nxt >= 0 else len(text)])
        if len(chunks) > MAX_PARTS:
            raise OverBudget("parts")
        start = nxt
    return chunks
