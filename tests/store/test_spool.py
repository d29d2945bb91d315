"""The spool: what goes in comes back exactly, on both databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from bounced.report import Inbound
from bounced.store.schema import InboundMessage
from bounced.store.spool import Spool


def test_spooled_rows_read_back_exactly_through_the_models(engine):
    """Bytes, envelope and the aware UTC time survive the fast write path."""
    received = datetime(2026, 11, 1, 12, 30, 15, 123456, tzinfo=UTC)
    inbound = Inbound(
        peer="192.0.2.7:41000",
        helo="mx.example.net",
        mail_from="MAILER-DAEMON@mx.example.net",
        rcpt_tos=("b@bounces.example.com", "caf\udce9@bounces.example.com"),
        received_at=received,
        raw=b"Subject: x\r\n\r\n\x00\xff body\r\n",
    )

    async def put() -> list[int]:
        spool = Spool(engine)
        spool.start()
        try:
            return await asyncio.gather(spool.put(inbound), spool.put(inbound))
        finally:
            await spool.close()

    ids = asyncio.run(put())

    with engine.connect() as connection:
        rows = connection.execute(
            select(InboundMessage).order_by(InboundMessage.id)
        ).all()
    assert [row.id for row in rows] == sorted(ids)
    assert len(set(ids)) == 2
    row = rows[0]
    assert row.received_at == received
    assert row.raw == inbound.raw
    assert row.size == len(inbound.raw)
    assert row.rcpt_tos == b"b@bounces.example.com\ncaf\xe9@bounces.example.com"
    assert (row.peer, row.helo, row.mail_from) == (
        "192.0.2.7:41000",
        b"mx.example.net",
        b"MAILER-DAEMON@mx.example.net",
    )
    assert (row.state, row.attempts) == ("new", 0)
