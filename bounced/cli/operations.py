"""The operator's commands: spool status and reprocess, doctor, webhooks,
soft bounces, domains and retries."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from bounced import config, documents
from bounced.cli.root import (
    Lazy,
    engine_for,
    main,
    utc_now,
)
from bounced.errors import ConfigError

# -- spool ---------------------------------------------------------------------------


@main.command("status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def status_command(lazy: Lazy, as_json: bool) -> None:
    """Count spooled messages by state (new, processed, unparsed, ...)."""
    from bounced import service

    counts = service.spool_counts(engine_for(lazy))
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    for state in sorted(counts):
        click.echo(f"{state:12} {counts[state]}")


@main.command("reprocess")
@click.argument("ids", nargs=-1, type=int)
@click.pass_obj
def reprocess_command(lazy: Lazy, ids: tuple[int, ...]) -> None:
    """Queue unparsed messages (all, or the given IDS) to be parsed again.

    A running daemon picks them up within its poll interval; use this after an
    upgrade that reads more bounces.
    """
    from bounced import service

    count = service.reprocess(engine_for(lazy), list(ids) if ids else None)
    click.echo(f"{count} message(s) queued for processing")


# -- doctor --------------------------------------------------------------------------


@main.command("doctor")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def doctor_command(lazy: Lazy, as_json: bool) -> None:
    """Check the installation: configuration, database, spool, signing, SMTP port,
    DNS of the bounce domains, API token, webhooks.

    Exits 0 when everything is fine, 1 with warnings, 2 with failures.
    """
    from bounced import doctor

    try:
        cfg = config.load(lazy.path)
    except ConfigError as exc:
        checks = [doctor.Check("config", doctor.FAIL, p) for p in exc.problems]
    else:
        source = str(lazy.path) if lazy.path else "built-in defaults"
        checks = [doctor.Check("config", doctor.OK, f"loaded ({source})")]
        checks.extend(doctor.run(cfg, now=utc_now()))
    if as_json:
        document = {
            "status": doctor.overall(checks),
            "checks": [
                {"name": c.name, "status": c.status, "detail": c.detail} for c in checks
            ],
        }
        click.echo(json.dumps(document, indent=2))
    else:
        for check in checks:
            click.echo(f"{check.status:4}  {check.name:16} {check.detail}")
        warnings = sum(c.status == doctor.WARN for c in checks)
        failures = sum(c.status == doctor.FAIL for c in checks)
        click.echo(f"{warnings} warning(s), {failures} failure(s)")
    sys.exit(doctor.exit_code(checks))


# -- webhooks ------------------------------------------------------------------------


@main.group("webhooks")
def webhooks_group() -> None:
    """Inspect the webhook outbox and send failed notices again."""


@webhooks_group.command("list")
@click.option(
    "--state", type=click.Choice(["pending", "delivered", "failed"]), default=None
)
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def webhooks_list(lazy: Lazy, state: str | None, limit: int, as_json: bool) -> None:
    """List queued, delivered and failed notices, newest first."""
    from bounced.store import outbox

    for row in outbox.list_(engine_for(lazy), state=state, limit=limit):
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": row.id,
                        "event_id": row.event_id,
                        "type": row.type,
                        "endpoint": row.endpoint,
                        "state": row.state,
                        "attempts": row.attempts,
                        "created_at": row.created_at.isoformat(),
                        "due_at": row.due_at.isoformat(),
                        "delivered_at": row.delivered_at.isoformat()
                        if row.delivered_at
                        else None,
                        "last_result": row.last_result,
                    }
                )
            )
        else:
            click.echo(
                f"{row.id:>8} {row.state:9} {row.endpoint:16} {row.type:17}"
                f" attempts={row.attempts} {row.last_result or '-'}"
            )


@webhooks_group.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.pass_obj
def webhooks_retry(lazy: Lazy, ids: tuple[int, ...]) -> None:
    """Queue failed notices (all, or the given IDS) to be sent again.

    Use after fixing a receiver that was down past [webhooks] give_up_after or
    refused the requests; a running daemon sends them within its poll interval.
    """
    from bounced.store import outbox

    count = outbox.requeue(
        engine_for(lazy), now=utc_now(), ids=list(ids) if ids else None
    )
    click.echo(f"{count} notice(s) queued to be sent again")


# -- soft bounces --------------------------------------------------------------------


@main.group("soft-bounces")
def soft_bounces_group() -> None:
    """Soft-bounce counts per address."""


@soft_bounces_group.command("reset")
@click.argument("address")
@click.pass_obj
def soft_bounces_reset(lazy: Lazy, address: str) -> None:
    """Forget ADDRESS's soft bounces, as a successful delivery would."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        cleared = service.reset_soft_bounces(engine_for(lazy), address)
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    click.echo(f"{address}: {cleared} soft-bounce day(s) cleared")


# -- domains -------------------------------------------------------------------------


@main.group("domains", invoke_without_command=True)
@click.option(
    "--alerts", is_flag=True, help="Only domains with an active sender alert."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def domains_group(ctx: click.Context, alerts: bool, as_json: bool) -> None:
    """Destination domains: retry pace, waiting retries, sender alerts."""
    if ctx.invoked_subcommand is not None:
        return
    from bounced import service

    lazy: Lazy = ctx.obj
    now = utc_now()
    rows = service.list_domains(
        engine_for(lazy), config=lazy.config, now=now, alerts_only=alerts
    )
    window = lazy.config.policy.alert_window
    for row in rows:
        active = row.alert_active(now, window)
        if as_json:
            click.echo(json.dumps(_domain_json(row, active), sort_keys=True))
            continue
        alert = (
            f"  ALERT {row.alert_reason} x{row.alert_count}"
            f" last {row.alert_last_at:%Y-%m-%d %H:%M}Z: {row.alert_detail or ''}"
            if active and row.alert_last_at
            else ""
        )
        click.echo(
            f"{row.domain:30} batch={row.batch_size} gap={row.gap:g}s"
            f" waiting={row.pending} slowdowns={row.throttles}{alert}".rstrip()
        )


@domains_group.command("clear-alert")
@click.argument("domain")
@click.pass_obj
def domains_clear_alert(lazy: Lazy, domain: str) -> None:
    """Acknowledge DOMAIN's sender alert; exit 1 if it had none."""
    from bounced import service

    cleared = service.clear_alert(engine_for(lazy), domain, now=utc_now())
    click.echo(f"{domain}: alert {'cleared' if cleared else 'not found'}")
    sys.exit(0 if cleared else 1)


def _domain_json(row: Any, active: bool) -> dict[str, Any]:
    return documents.domain(row, active)


# -- retries -------------------------------------------------------------------------


@main.group("retries", invoke_without_command=True)
@click.option(
    "--state", "states", multiple=True, help="pending, ready, dispatched, ..."
)
@click.option("--domain", help="Only retries to this domain.")
@click.option(
    "--limit", type=click.IntRange(1, 100_000), default=100, show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def retries_group(
    ctx: click.Context,
    states: tuple[str, ...],
    domain: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List retries, soonest due first; `pull` and `ack` serve pull consumers."""
    if ctx.invoked_subcommand is not None:
        return
    from bounced import service
    from bounced.errors import ApiError

    lazy: Lazy = ctx.obj
    engine = engine_for(lazy)
    try:
        rows = service.list_retries(
            engine, states=states or None, domain=domain, limit=limit
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for row in rows:
        if as_json:
            click.echo(json.dumps(documents.retry(row), sort_keys=True))
        else:
            click.echo(
                f"{row.key}  {row.recipient}  {row.state}  attempt={row.attempt}"
                f"  due {row.due_at:%Y-%m-%d %H:%M}Z  {row.reason}"
                f" {row.status or ''} {row.last_result or ''}".rstrip()
            )
    if not as_json:
        counts = service.retry_counts(engine)
        click.echo(
            "total: "
            + (", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "0")
        )


@retries_group.command("pull")
@click.option("--consumer", required=True, help="Who takes them (shown as the claim).")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.pass_obj
def retries_pull(lazy: Lazy, consumer: str, limit: int) -> None:
    """Take due retries (dispatcher = "pull"): one JSON retry.due event per line."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        events = service.pull_retries(
            engine_for(lazy),
            consumer=consumer,
            limit=limit,
            config=lazy.config,
            now=utc_now(),
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for item in events:
        click.echo(json.dumps(item, sort_keys=True))


@retries_group.command("ack")
@click.argument("acks", nargs=-1, required=True)
@click.pass_obj
def retries_ack(lazy: Lazy, acks: tuple[str, ...]) -> None:
    """Acknowledge pulled retries: ID (sent) or ID=accepted|throttled|deferred|failed.

    Exits 1 if any ID was not waiting (already acknowledged, or never pulled).
    """
    from bounced import service
    from bounced.errors import ApiError

    wanted = {}
    for text in acks:
        key, _, outcome = text.partition("=")
        wanted[key] = outcome or "accepted"
    try:
        answers = service.ack_retries(
            engine_for(lazy), wanted, config=lazy.config, now=utc_now()
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for key, fate in answers.items():
        click.echo(f"{key} {fate}")
    sys.exit(1 if "unknown" in answers.values() else 0)
