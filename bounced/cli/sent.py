"""`bounced sent record`: the Message-IDs of a send, for relaying without VERP."""

from __future__ import annotations

import csv
import io
import sys

import click

from bounced.cli.root import Lazy, engine_for, main, service_errors, utc_now

BATCH = 10_000


@main.group("sent")
def sent_group() -> None:
    """Message-IDs the sender used, per recipient (see POST /v1/sent)."""


@sent_group.command("record")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.pass_obj
def record_command(lazy: Lazy, source: io.TextIOBase) -> None:
    """Record SOURCE's "message_id,recipient" lines (CSV; a header line is skipped).

    A bounce that returns an original with a recorded Message-ID for its
    recipient is provably ours: the relay dispatcher may re-send it without
    signed VERP. Exit status 65 when some lines could not be read (they are
    listed on standard error; the others are recorded).
    """
    from bounced import service

    engine = engine_for(lazy)
    recorded = already = 0
    invalid: list[str] = []
    batch: list[tuple[str, str]] = []
    lines: list[int] = []

    def flush() -> None:
        nonlocal recorded, already
        with service_errors():
            result = service.record_sent(engine, batch, utc_now())
        recorded += result.recorded
        already += result.already
        wrong = {
            (i["message_id"], i["recipient"]): i["invalid"] for i in result.invalid
        }
        for line, pair in zip(lines, batch, strict=True):
            if pair in wrong:
                invalid.append(f"line {line}: invalid {wrong[pair]}")
        batch.clear()
        lines.clear()

    for number, row in enumerate(csv.reader(source), start=1):
        if not row or (number == 1 and row[0].strip().lower() == "message_id"):
            continue
        if len(row) != 2:
            invalid.append(f"line {number}: expected message_id,recipient")
            continue
        batch.append((row[0], row[1]))
        lines.append(number)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    click.echo(
        f"recorded {recorded}, already recorded {already}, invalid {len(invalid)}"
    )
    for problem in invalid[:100]:
        click.echo(problem, err=True)
    if invalid:
        sys.exit(65)
