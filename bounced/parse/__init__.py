"""Parse a raw message into a Report. Pure, and never raises on bad input.

First cut: RFC 3464 delivery-status reports only. The parser issue replaces this
with the detector registry (standards, then MTA families, then a text scanner).
"""

from __future__ import annotations

import email
import re
from email.message import Message
from email.policy import compat32

from bounced.report import Action, Finding, Report, ReturnedMessage

_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_REPLY = re.compile(r"\b([245]\d\d)\b")


def parse(raw: bytes) -> Report:
    """The parser's whole answer for one message."""
    try:
        message = email.message_from_bytes(raw, policy=compat32)
    except Exception as exc:  # noqa: BLE001 - parse() boundary: never raise
        return Report(unparsed_reason=f"not a MIME message: {type(exc).__name__}")
    try:
        findings, returned = _dsn(message)
    except Exception as exc:  # noqa: BLE001 - per-detector boundary
        return Report(
            unparsed_reason="no bounce found",
            notes=(f"detector dsn failed: {type(exc).__name__}",),
        )
    if not findings:
        return Report(unparsed_reason="no bounce found")
    return Report(findings=tuple(findings), detector="dsn", returned=returned)


def _dsn(message: Message) -> tuple[list[Finding], ReturnedMessage | None]:
    findings: list[Finding] = []
    returned: ReturnedMessage | None = None
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            blocks = part.get_payload()
            if not isinstance(blocks, list) or not blocks:
                continue
            per_message = blocks[0]
            if not isinstance(per_message, Message):
                continue
            reporting = _mta(per_message.get("Reporting-MTA"))
            for block in blocks[1:]:
                if not isinstance(block, Message):
                    continue
                finding = _recipient_block(block, reporting)
                if finding is not None:
                    findings.append(finding)
        elif ctype in ("message/rfc822", "text/rfc822-headers") and returned is None:
            returned = _returned(part)
    return findings, returned


def _recipient_block(block: Message, reporting: str | None) -> Finding | None:
    recipient = _address(
        block.get("Final-Recipient") or block.get("Original-Recipient")
    )
    if not recipient:
        return None
    action_text = str(block.get("Action", "failed")).strip().lower()
    try:
        action = Action(action_text)
    except ValueError:
        action = Action.FAILED
    status_match = _STATUS.search(str(block.get("Status", "")))
    diagnostic = _unfold(block.get("Diagnostic-Code"))
    diagnostic_type = None
    if diagnostic and ";" in diagnostic:
        diagnostic_type, _, diagnostic = diagnostic.partition(";")
        diagnostic_type = diagnostic_type.strip().lower()
        diagnostic = diagnostic.strip()
    reply = _REPLY.search(diagnostic or "")
    return Finding(
        recipient=recipient,
        original_recipient=_address(block.get("Original-Recipient")),
        action=action,
        status=".".join(status_match.groups()) if status_match else None,
        reply_code=int(reply[1]) if reply else None,
        diagnostic=diagnostic or None,
        diagnostic_type=diagnostic_type,
        remote_mta=_mta(block.get("Remote-MTA")),
        reporting_mta=reporting,
    )


def _returned(part: Message) -> ReturnedMessage:
    if part.get_content_type() == "message/rfc822":
        payload = part.get_payload()
        first = payload[0] if isinstance(payload, list) and payload else None
        inner = first if isinstance(first, Message) else part
    else:
        inner = email.message_from_string(str(part.get_payload()), policy=compat32)
    return ReturnedMessage(
        message_id=_unfold(inner.get("Message-ID")),
        subject=_unfold(inner.get("Subject")),
        list_id=_unfold(inner.get("List-Id")),
    )


def _address(value: object) -> str | None:
    text = _unfold(value)
    if not text:
        return None
    _, _, address = text.rpartition(";")
    return address.strip().strip("<>").strip() or None


def _mta(value: object) -> str | None:
    text = _unfold(value)
    if not text:
        return None
    return text.rpartition(";")[2].strip() or None


def _unfold(value: object) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split()) or None
