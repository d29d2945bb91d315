"""`bounced forget` and `bounced purge`: personal data on request and by schedule."""

from __future__ import annotations

import json

import click

from bounced.cli.root import Lazy, engine_for, main, service_errors, utc_now


@main.command("forget")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def forget_command(lazy: Lazy, address: str, as_json: bool) -> None:
    """Erase ADDRESS from events, retries, webhooks and raw messages.

    Only a keyed hash of it is kept, so it stays suppressed: a later check of the
    same address still answers suppressed (source "forgotten"), and nobody reading
    the database can tell which address it was. `suppressions remove` lifts it.
    """
    from bounced import service

    engine = engine_for(lazy)
    with service_errors():
        erased = service.forget(
            engine, address, key=service.tombstone_key(lazy.config), now=utc_now()
        )
    if as_json:
        click.echo(json.dumps(erased))
        return
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in erased.items())
    click.echo(f"forgotten; kept suppressed as a keyed hash ({counts})")


@main.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count what would be purged.")
@click.pass_obj
def purge_command(lazy: Lazy, dry_run: bool) -> None:
    """Drop raw bounces older than [privacy] raw_retention (events stay).

    The daemon does this every [privacy] purge_interval; this runs it now.
    """
    from bounced import service

    retention = lazy.config.privacy.raw_retention
    if retention <= 0:
        click.echo("privacy.raw_retention is 0: raw messages are kept for ever")
        return
    engine = engine_for(lazy)
    with service_errors():
        count = service.purge_raw(
            engine, retention=retention, now=utc_now(), dry_run=dry_run
        )
    verb = "would purge" if dry_run else "purged"
    click.echo(f"{verb} {count} raw message(s) older than {retention / 86400:g} days")
