"""`bounced events` and `bounced stats`."""

from __future__ import annotations

import json
from typing import Any

import click

from bounced.cli.root import (
    Lazy,
    engine_for,
    main,
    service_errors,
    utc_now,
)

# -- events and stats ----------------------------------------------------------------


@main.command("events")
@click.option("--address", help="Events about this address.")
@click.option("--domain", help="Events at this recipient domain.")
@click.option("--reason", help="Only this reason (e.g. mailboxfull).")
@click.option(
    "--decision", type=click.Choice(["suppress", "retry", "record"]), help="Only this."
)
@click.option("--list", "list_id", help="Only bounces of mail sent to this list.")
@click.option("--since", help="From this long ago (7d, 12h) or this time.")
@click.option("--until", help="Up to this long ago or this time.")
@click.option(
    "--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def events_command(
    lazy: Lazy,
    address: str | None,
    domain: str | None,
    reason: str | None,
    decision: str | None,
    list_id: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List bounce events, newest first."""
    from bounced import documents, service

    engine = engine_for(lazy)
    now = utc_now()
    with service_errors():
        filters = service.event_filters(
            address=address,
            domain=domain,
            reason=reason,
            decision=decision,
            list_id=list_id,
            since=service.parse_since(since, now) if since else None,
            until=service.parse_since(until, now) if until else None,
        )
        shown = 0
        cursor = None
        while shown < limit:
            page = service.page_events(
                engine, filters, limit=min(1000, limit - shown), cursor=cursor
            )
            for row in page.items:
                if as_json:
                    click.echo(json.dumps(documents.event(row)))
                else:
                    click.echo(_event_line(row))
            shown += len(page.items)
            cursor = page.next_cursor
            if cursor is None:
                break


@main.command("stats")
@click.option(
    "--since", default="7d", show_default=True, help="Period start (7d, 2026-01-01)."
)
@click.option("--until", help="Period end (default: now).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def stats_command(lazy: Lazy, since: str, until: str | None, as_json: bool) -> None:
    """Bounce counts by reason, decision and domain for a period."""
    from bounced import documents, service

    engine = engine_for(lazy)
    now = utc_now()
    with service_errors():
        start = service.parse_since(since, now)
        end = service.parse_since(until, now) if until else now
        result = service.stats(engine, since=start, until=end)
    document = documents.stats(result, start, end)
    if as_json:
        click.echo(json.dumps(document))
        return
    click.echo(f"period  {document['since']} .. {document['until']}")
    click.echo(f"events  {result.events}")
    click.echo(
        f"suppressions  added {result.suppressions_added}"
        f"  removed {result.suppressions_removed}"
    )
    for title, counts in (
        ("by reason", result.by_reason),
        ("by decision", result.by_decision),
        ("by domain (busiest)", result.by_domain),
    ):
        click.echo(f"{title}:")
        for key, count in counts.items():
            click.echo(f"  {count:>8}  {key}")


def _event_line(row: Any) -> str:
    code = f" {row.reply_code}" if row.reply_code else ""
    status = f" {row.status}" if row.status else ""
    return (
        f"{row.occurred_at:%Y-%m-%d %H:%M:%S}Z id={row.id} {row.recipient}"
        f" {row.action} reason={row.reason}{status}{code} decision={row.decision}"
    )
