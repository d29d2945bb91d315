"""Helpers for tests: build bounce messages, send them over SMTP, wait for results."""

from __future__ import annotations

import smtplib
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bounced.store.schema import InboundMessage

T = TypeVar("T")


def dsn(
    recipient: str,
    status: str,
    reply_code: int | None,
    text: str = "",
    *,
    action: str = "failed",
    list_id: str | None = None,
    message_id: str = "<original-1@news.example.com>",
) -> bytes:
    """An RFC 3464 delivery-status report for one recipient, as Postfix writes it."""
    diagnostic = f"smtp; {reply_code} {status} {text}".rstrip() if reply_code else ""
    list_header = f"List-Id: <{list_id}>\r\n" if list_id else ""
    body = (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
        "To: bounces@bounces.example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="BND"\r\n'
        "\r\n"
        "--BND\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n"
        "\r\n"
        "--BND\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        + (f"Diagnostic-Code: {diagnostic}\r\n" if diagnostic else "")
        + "\r\n"
        "--BND\r\n"
        "Content-Type: text/rfc822-headers\r\n"
        "\r\n"
        f"Message-ID: {message_id}\r\n"
        f"{list_header}"
        "From: news@news.example.com\r\n"
        f"To: {recipient}\r\n"
        "Subject: Our newsletter\r\n"
        "\r\n"
        "--BND--\r\n"
    )
    return body.encode("ascii")


def send(
    port: int,
    raw: bytes,
    *,
    rcpt: str = "bounces@bounces.example.com",
    mail_from: str = "",
    host: str = "127.0.0.1",
) -> dict[str, tuple[int, bytes]]:
    """Send one message; returns smtplib's refused-recipients dict (empty = all taken)."""
    with smtplib.SMTP(host, port, timeout=30) as client:
        return client.sendmail(mail_from, [rcpt], raw)


def wait_for(
    predicate: Callable[[], T], timeout: float = 30.0, interval: float = 0.05
) -> T:
    """Poll until `predicate` returns something truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)


def spool_settled(engine: Engine, expected: int) -> Callable[[], bool]:
    """A predicate: `expected` messages spooled and none still new."""

    def check() -> bool:
        with engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(InboundMessage))
            pending = connection.scalar(
                select(func.count())
                .select_from(InboundMessage)
                .where(InboundMessage.state == "new")
            )
        return total == expected and pending == 0

    return check


def full_dsn(
    recipient: str,
    status: str,
    reply_code: int | None,
    *,
    message_id: str = "<original-1@news.example.com>",
    list_id: str | None = "weekly.news.example.com",
    body: str = "Hello,\r\nthis week's news.\r\n",
) -> bytes:
    """A DSN that returns the whole original (message/rfc822), as Postfix does
    when the original is under its bounce_size_limit."""
    diagnostic = f"smtp; {reply_code} {status} try again later" if reply_code else ""
    list_header = f"List-Id: <{list_id}>\r\n" if list_id else ""
    text = (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
        "To: bounces@bounces.example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="BND"\r\n'
        "\r\n"
        "--BND\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        "Your message could not be delivered for now.\r\n"
        "\r\n"
        "--BND\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        "Action: failed\r\n"
        f"Status: {status}\r\n"
        + (f"Diagnostic-Code: {diagnostic}\r\n" if diagnostic else "")
        + "\r\n"
        "--BND\r\n"
        "Content-Type: message/rfc822\r\n"
        "\r\n"
        "Return-Path: <old@bounces.example.com>\r\n"
        f"Message-ID: {message_id}\r\n"
        f"{list_header}"
        "From: news@news.example.com\r\n"
        f"To: {recipient}\r\n"
        "Subject: Our newsletter\r\n"
        "\r\n"
        f"{body}"
        "\r\n"
        "--BND--\r\n"
    )
    return text.encode("utf-8")
