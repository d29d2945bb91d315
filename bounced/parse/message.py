"""MessageView: a bounce decoded once, so that detectors stay short.

Sisimai calls this step "BeforeFact": every detector wants the same few things
(the subject, the sender, the human-readable text of the notice, the
delivery-status fields, the headers of the returned original), and decoding
them once keeps each detector to its own patterns. Building the view may raise
`mime.OverBudget`; `parse()` turns that into an unparsed Report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bounced.parse import mime
from bounced.report import ReturnedMessage

# INTEGRATIONS.md "Headers to harvest from the returned message".
HARVESTED_HEADERS = (
    "list-id",
    "list-unsubscribe",
    "x-listmonk-subscriber",
    "x-listmonk-campaign",
    "x-listmember",
    "x-messageid",
    "x-postal-msgid",
    "x-mailer",
    "x-campaign",
    "x-campaign-id",
    "x-campaignid",
    "x-mailgun-variables",
    "x-ses-configuration-set",
    "x-sg-eid",
    "x-mc-user",
    "x-mandrill-user",
    "feedback-id",
)
# A header block pasted into a text notice (qmail, Exim, Exchange 2003 text-only
# bounces): these names, two of them at least, mark where it starts. Line-start
# patterns here begin with "\n" and are searched in "\n" + text, where a match's
# start is the line's offset in text: a leading "^" under re.M would make the
# regex engine try every position instead of jumping from newline to newline.
_INLINE_HEADER = re.compile(
    r"\n(?:Return-Path|Received|Message-I[Dd]|From|To|Subject|Date|MIME-Version"
    r"|Content-Type|DKIM-Signature|X-[\w-]+|List-[\w-]+)[ \t]*:",
    re.I,
)
# "[^<>]" and not "[^>]": a run of "<" then fails at once instead of scanning
# 2000 characters from each of them.
_TAG = re.compile(r"<[^<>]{0,2000}>")
_HTML_DROPPED = ("style", "script", "head")
_HTML_BREAK = re.compile(r"<(?:br|/p|/div|/tr|/li|/h\d)\b[^>]{0,200}>", re.I)
_ENTITIES = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&amp;": "&"}
_ENTITY = re.compile(r"&(?:nbsp|lt|gt|quot|amp);")
MAX_SUBJECT = 2000  # characters of Subject and From that detectors look at
_DSN_TYPES = ("message/delivery-status", "message/global-delivery-status")
_RETURNED_TYPES = ("message/rfc822", "message/global", "text/rfc822-headers")
_HEADERS_TYPES = ("text/rfc822-headers", "message/global-headers")


@dataclass(slots=True)
class StatusReport:
    """One delivery-status part: the per-message block and per-recipient blocks."""

    per_message: dict[str, str]
    recipients: list[dict[str, str]]


@dataclass(slots=True)
class MessageView:
    """What detectors read. Header names are lower-case; values are unfolded."""

    headers: list[tuple[str, str]]
    subject: str
    from_: str
    content_type: str
    text: str  # the notice's own human-readable text (not the returned message)
    texts: list[str]  # the same, one entry per part
    status_reports: list[StatusReport]
    feedback: list[tuple[str, str]] | None  # RFC 5965 feedback-report fields
    returned_headers: list[tuple[str, str]]
    returned_complete: bool
    parts: list[mime.Part] = field(default_factory=list)
    returned_at: int = -1  # offset in `text` of a pasted-in original, or -1

    @property
    def notice(self) -> str:
        """The notice's text before a pasted-in original message, if any."""
        return self.text[: self.returned_at] if self.returned_at >= 0 else self.text

    def header(self, name: str) -> str | None:
        """The first top-level header called `name` (lower-case)."""
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def returned_header(self, name: str) -> str | None:
        """The first header called `name` in the returned original."""
        for key, value in self.returned_headers:
            if key == name:
                return value
        return None

    def returned(self) -> ReturnedMessage | None:
        """The returned original's identifiers, or None if nothing came back."""
        if not self.returned_headers:
            return None
        get = self.returned_header
        harvested = tuple(
            (key, value) for key, value in self.returned_headers if key in _HARVEST
        )
        return ReturnedMessage(
            message_id=get("message-id"),
            subject=_decoded(get("subject")),
            from_=_decoded(get("from")),
            to=_decoded(get("to")),
            list_id=get("list-id"),
            list_unsubscribe=get("list-unsubscribe"),
            headers=harvested,
            complete=self.returned_complete,
        )


_HARVEST = frozenset(HARVESTED_HEADERS)


def build(raw: bytes) -> MessageView:
    """Decode `raw` into a MessageView (may raise mime.OverBudget)."""
    root = mime.parse_parts(raw)
    parts = mime.walk(root)
    plain: list[str] = []
    html: list[str] = []
    reports: list[StatusReport] = []
    feedback: list[tuple[str, str]] | None = None
    returned: list[tuple[str, str]] = []
    complete = False
    for part in parts:
        ctype = part.ctype
        if part.returned:
            continue
        if ctype in _DSN_TYPES:
            reports.append(_status_report(part.text()))
        elif ctype == "message/feedback-report" and feedback is None:
            feedback = mime.parse_headers(part.text().lstrip())
        elif ctype in _RETURNED_TYPES and not returned:
            if ctype in _HEADERS_TYPES:
                returned = mime.parse_headers(part.text().lstrip())
            elif part.children:
                inner = part.children[0]
                returned = inner.headers
                complete = bool(inner.body.strip())
        elif ctype == "text/plain":
            plain.append(part.text())
        elif ctype == "text/html":
            html.append(part.text())
    texts = plain or [_strip_html(text) for text in html]
    text = "\n".join(texts)
    if not reports:
        reports = _inline_status_reports(text)
    returned_at = -1
    if not returned:
        returned, complete, returned_at = _inline_returned(text)
    return MessageView(
        headers=root.headers,
        subject=(_decoded(root.header("subject")) or "")[:MAX_SUBJECT],
        from_=(_decoded(root.header("from")) or "")[:MAX_SUBJECT],
        content_type=root.ctype,
        text=text,
        texts=texts,
        status_reports=reports,
        feedback=feedback,
        returned_headers=returned,
        returned_complete=complete,
        parts=parts,
        returned_at=returned_at,
    )


def _status_report(text: str) -> StatusReport:
    """RFC 3464 §2.1: blocks of fields separated by blank lines."""
    blocks = [
        dict(mime.parse_headers(block))
        for block in re.split(r"\n[ \t]*\n", text.replace("\r", "").strip())
        if block.strip()
    ]
    blocks = [block for block in blocks if block]
    if not blocks:
        return StatusReport({}, [])
    first, rest = blocks[0], blocks[1:]
    if _is_recipient_block(first):
        # Some MTAs omit the per-message block (or its blank line): the first
        # block then also names a recipient.
        return StatusReport(first, [first, *rest])
    return StatusReport(first, [block for block in rest if _is_recipient_block(block)])


_INLINE_DSN = re.compile(r"\n(?:Reporting-MTA|Final-Recipient)[ \t]*:", re.I)


def _inline_status_reports(text: str) -> list[StatusReport]:
    """Delivery-status fields pasted into a text part (lhost-amazonworkmail-02.eml).

    Some gateways flatten the report into the notice's text. A run of fields
    starting at Reporting-MTA or Final-Recipient is read as one status part
    when it names a recipient.
    """
    match = _INLINE_DSN.search("\n" + text)  # see _INLINE_HEADER
    if match is None:
        return []
    report = _status_report(text[match.start() : match.start() + 16384])
    return [report] if report.recipients else []


def _is_recipient_block(block: dict[str, str]) -> bool:
    return (
        "final-recipient" in block
        or "original-recipient" in block
        or "x-actual-recipient" in block
    )


def _inline_returned(text: str) -> tuple[list[tuple[str, str]], bool, int]:
    """A header block pasted into the notice's text, if there is one.

    Text-only bounces (qmail, Exim, Exchange 2003) quote the original below a
    marker line; two or more header lines in a row, with a Message-ID or a
    From, are taken as its header block.
    """
    skip_until = 0
    for match in _INLINE_HEADER.finditer("\n" + text):
        start = match.start()  # the line's offset in text
        if start < skip_until:
            continue
        tail = text[start : start + 65536]
        head, _, body = tail.partition("\n\n")
        skip_until = start + len(head)  # each line is read once: no quadratic rescans
        try:
            headers = mime.parse_headers(head)
        except mime.OverBudget:
            return [], False, -1
        names = {key for key, _ in headers}
        if len(headers) >= 2 and ("message-id" in names or "from" in names):
            return headers, bool(body.strip()), start
    return [], False, -1


def _strip_html(text: str) -> str:
    """Visible text of an HTML part, in linear time on any input."""
    text = _drop_elements(text)
    text = _HTML_BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    return _ENTITY.sub(lambda m: _ENTITIES[m[0]], text)


def _drop_elements(text: str) -> str:
    """<style>, <script> and <head> elements removed with plain finds.

    A regex with a lazy ".*?" up to the closing tag rescans the rest of the
    text from every unclosed opening tag: quadratic on hostile HTML.
    """
    lowered = text.lower()
    out: list[str] = []
    position = 0
    while True:
        starts = [(lowered.find(f"<{name}", position), name) for name in _HTML_DROPPED]
        found = [(at, name) for at, name in starts if at >= 0]
        if not found:
            out.append(text[position:])
            return "".join(out)
        at, name = min(found)
        out.append(text[position:at])
        end = lowered.find(f"</{name}", at)
        if end < 0:
            return "".join(out)
        close = lowered.find(">", end)
        position = close + 1 if close >= 0 else len(text)


def _decoded(value: str | None) -> str | None:
    if value is None:
        return None
    return mime.decode_words(value)
