"""The `bounced` command line: serve, inspect and manage.

Exit codes: 0 success, 1 a check found what it looks for (e.g. an address is
suppressed), 2 usage errors (click's own), 69 a service is unavailable, 78 a bad
configuration (EX_CONFIG, so systemd reports it as such).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from bounced import __version__, config
from bounced.classify import classify
from bounced.errors import ConfigError, NotMigrated, StoreUnavailable
from bounced.explain import explain
from bounced.parse import parse
from bounced.reasons import Reason
from bounced.report import Classification, Report

EX_UNAVAILABLE = 69
EX_CONFIG = 78


@click.group()
@click.version_option(__version__, package_name="bounced-daemon")
@click.option(
    "-c",
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="BOUNCED_CONFIG",
    help="TOML configuration file (default: built-in defaults; env BOUNCED_CONFIG).",
)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None) -> None:
    """bounced: bounce processing for mailing-list and newsletter senders."""
    ctx.obj = _Lazy(config_file)


class _Lazy:
    """Load the configuration only for commands that need it (parse does not)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._config: config.Config | None = None

    @property
    def config(self) -> config.Config:
        if self._config is None:
            try:
                self._config = config.load(self.path)
            except ConfigError as exc:
                _fail_config(exc)
        return self._config


def _fail_config(exc: ConfigError) -> NoReturn:
    for problem in exc.problems:
        click.echo(f"Error: {problem}", err=True)
    sys.exit(EX_CONFIG)


@contextmanager
def _store_errors() -> Iterator[None]:
    """Turn store failures into one clear line and a sysexits code."""
    try:
        yield
    except NotMigrated as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EX_CONFIG)
    except StoreUnavailable as exc:
        click.echo(f"Error: database unavailable: {exc}", err=True)
        sys.exit(EX_UNAVAILABLE)


# -- parse -------------------------------------------------------------------------


@main.command("parse")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per file, one line each."
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def parse_command(as_json: bool, files: tuple[Path, ...]) -> None:
    """Parse bounce messages from FILES (- for stdin) and print what they say."""
    status = 0
    for path in files:
        try:
            raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        except OSError as exc:
            click.echo(f"Error: {path}: {exc.strerror}", err=True)
            status = 1
            continue
        report = parse(raw)
        classifications = [classify(finding) for finding in report.findings]
        document = report_document(str(path), report, classifications)
        if as_json:
            click.echo(json.dumps(document, ensure_ascii=False))
        else:
            _print_report(document)
    sys.exit(status)


def report_document(
    name: str, report: Report, classifications: list[Classification]
) -> dict[str, Any]:
    """The stable `bounced parse --json` contract (issue 2)."""
    return {
        "file": name,
        "detector": report.detector,
        "unparsed_reason": report.unparsed_reason,
        "findings": [
            {
                "recipient": finding.recipient,
                "original_recipient": finding.original_recipient,
                "action": finding.action.value,
                "status": finding.status,
                "reply_code": finding.reply_code,
                "diagnostic": finding.diagnostic,
                "remote_mta": finding.remote_mta,
                "reason": verdict.reason.value,
                "permanent": verdict.permanent,
                "hard": verdict.hard,
                "feedback_type": finding.feedback_type,
            }
            for finding, verdict in zip(report.findings, classifications, strict=True)
        ],
    }


def _print_report(document: dict[str, Any]) -> None:
    click.echo(f"{document['file']}: detector={document['detector'] or '-'}")
    if not document["findings"]:
        click.echo(f"  no findings ({document['unparsed_reason']})")
    for item in document["findings"]:
        click.echo(
            f"  {item['recipient']}  {item['action']}  status={item['status'] or '-'}"
            f"  reply={item['reply_code'] or '-'}  reason={item['reason']}"
            f"  {'hard' if item['hard'] else 'soft'}"
        )
        if item["diagnostic"]:
            click.echo(f"    {item['diagnostic'][:200]}")


@main.command("explain")
@click.argument("text")
def explain_command(text: str) -> None:
    """Explain a bounce reason (mailboxfull), reply code (550) or status (5.2.2)."""
    answer = explain(text)
    if answer is None:
        raise click.UsageError(
            f"cannot explain {text!r}: give a reason name ("
            + ", ".join(reason.value for reason in Reason)
            + "), an SMTP reply code such as 550, or a status code such as 5.2.2."
        )
    click.echo(answer)


# -- db ------------------------------------------------------------------------------


@main.group("db")
def db_group() -> None:
    """Create and migrate the database."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_obj
def db_upgrade(lazy: _Lazy, revision: str) -> None:
    """Run the Alembic migrations against the configured database."""
    from bounced.store import migrate

    url = lazy.config.database.url
    try:
        migrate.upgrade(url, revision)
    except Exception as exc:  # noqa: BLE001 - CLI boundary: one line, not a traceback
        click.echo(f"Error: migration failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EX_UNAVAILABLE)
    click.echo(
        f"database at {migrate.head_revision() if revision == 'head' else revision}"
    )


@db_group.command("downgrade")
@click.argument("revision")
@click.pass_obj
def db_downgrade(lazy: _Lazy, revision: str) -> None:
    """Migrate the configured database down to REVISION (base for empty)."""
    from bounced.store import migrate

    migrate.downgrade(lazy.config.database.url, revision)
    click.echo(f"database at {revision}")


@db_group.command("current")
@click.pass_obj
def db_current(lazy: _Lazy) -> None:
    """Print the database's revision and the code's head; exit 1 if they differ."""
    from bounced.store import migrate
    from bounced.store.engine import make_engine

    engine = make_engine(lazy.config.database.url, pool_size=1)
    try:
        current = migrate.current_revision(engine)
    finally:
        engine.dispose()
    head = migrate.head_revision()
    click.echo(f"current: {current or '(empty)'}\nhead:    {head}")
    sys.exit(0 if current == head else 1)


# -- serve ---------------------------------------------------------------------------


@main.command("serve")
@click.pass_obj
def serve_command(lazy: _Lazy) -> None:
    """Run the daemon: SMTP listener and processor (until SIGTERM)."""
    import logging

    from bounced import daemon

    cfg = lazy.config
    logging.basicConfig(
        level=cfg.logging.level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # aiosmtpd logs every command line at INFO (peer-supplied text); alembic logs
    # its context on every revision check. Neither is news to an operator.
    for noisy in ("mail.log", "alembic"):
        logging.getLogger(noisy).setLevel(
            max(logging.WARNING, cfg.logging.level_number)
        )
    # APScheduler warns at every tick skipped while a slow one still runs; that
    # is the design (max_instances=1), not news either.
    logging.getLogger("apscheduler").setLevel(
        max(logging.ERROR, cfg.logging.level_number)
    )
    with _store_errors():
        try:
            daemon.run(cfg)
        except OSError as exc:
            click.echo(
                f"Error: cannot listen on {cfg.smtp.host}:{cfg.smtp.port}:"
                f" {exc.strerror}",
                err=True,
            )
            sys.exit(EX_UNAVAILABLE)


def _engine(lazy: _Lazy) -> Any:
    """An engine on a migrated database (disposed when the command ends), or a
    clear error and exit."""
    from bounced.store import migrate
    from bounced.store.engine import make_engine

    engine = make_engine(lazy.config.database.url, pool_size=2)
    click.get_current_context().call_on_close(engine.dispose)
    with _store_errors():
        try:
            migrate.ensure_migrated(engine)
        except NotMigrated:
            raise
        except Exception as exc:  # noqa: BLE001 - CLI boundary
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}") from None
    return engine


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


# -- spool ---------------------------------------------------------------------------


@main.command("status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def status_command(lazy: _Lazy, as_json: bool) -> None:
    """Count spooled messages by state (new, processed, unparsed, ...)."""
    from bounced import service

    counts = service.spool_counts(_engine(lazy))
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    for state in sorted(counts):
        click.echo(f"{state:12} {counts[state]}")


@main.command("reprocess")
@click.argument("ids", nargs=-1, type=int)
@click.pass_obj
def reprocess_command(lazy: _Lazy, ids: tuple[int, ...]) -> None:
    """Queue unparsed messages (all, or the given IDS) to be parsed again.

    A running daemon picks them up within its poll interval; use this after an
    upgrade that reads more bounces.
    """
    from bounced import service

    count = service.reprocess(_engine(lazy), list(ids) if ids else None)
    click.echo(f"{count} message(s) queued for processing")


# -- suppressions --------------------------------------------------------------------


@main.group("suppressions")
def suppressions_group() -> None:
    """Check, list and manage suppressed addresses."""


@suppressions_group.command("check")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def suppressions_check(lazy: _Lazy, address: str, as_json: bool) -> None:
    """Exit 1 and print why if ADDRESS is suppressed; exit 0 if it may be mailed."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        rows = service.check(_engine(lazy), address)
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps([_row_json(row) for row in rows]))
    elif rows:
        for row in rows:
            click.echo(_row_line(row))
    else:
        click.echo(f"{address}: not suppressed")
    sys.exit(1 if rows else 0)


@suppressions_group.command("list")
@click.option("--reason", help="Only this reason (e.g. userunknown).")
@click.option("--domain", help="Only addresses at this domain.")
@click.option(
    "--limit", type=click.IntRange(1, 1_000_000), default=1000, show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def suppressions_list(
    lazy: _Lazy, reason: str | None, domain: str | None, limit: int, as_json: bool
) -> None:
    """List suppressed addresses, ordered by address."""
    from bounced import service

    rows = service.list_suppressions(
        _engine(lazy),
        reason=reason,
        domain=domain.lower() if domain else None,
        limit=limit,
    )
    for row in rows:
        click.echo(json.dumps(_row_json(row)) if as_json else _row_line(row))


@suppressions_group.command("remove")
@click.argument("address")
@click.option("--note", help="Why, recorded in the audit trail.")
@click.pass_obj
def suppressions_remove(lazy: _Lazy, address: str, note: str | None) -> None:
    """Reactivate ADDRESS: delete its suppressions (recorded); exit 1 if none."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        count = service.remove(
            _engine(lazy), address, actor="cli", now=_now(), note=note
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    click.echo(f"{address}: {count} suppression(s) removed")
    sys.exit(0 if count else 1)


def _row_line(row: Any) -> str:
    code = f" {row.reply_code}" if row.reply_code else ""
    status = f" {row.status}" if row.status else ""
    scope = "" if row.scope == "global" else f" [{row.scope}]"
    return (
        f"{row.address}{scope}: suppressed reason={row.reason}{status}{code}"
        f" since {row.first_seen_at:%Y-%m-%d %H:%M:%S}Z"
        f" last {row.last_seen_at:%Y-%m-%d}"
        f" count={row.count}"
    )


def _row_json(row: Any) -> dict[str, Any]:
    return {
        "address": row.address,
        "scope": row.scope,
        "reason": row.reason,
        "source": row.source,
        "status": row.status,
        "reply_code": row.reply_code,
        "diagnostic": row.diagnostic,
        "first_seen_at": row.first_seen_at.isoformat(),
        "last_seen_at": row.last_seen_at.isoformat(),
        "count": row.count,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "why": json.loads(row.why) if row.why else None,
    }


# -- verp ----------------------------------------------------------------------------


@main.group("verp")
def verp_group() -> None:
    """Make and read signed VERP bounce addresses."""


@verp_group.command("encode")
@click.argument("recipient")
@click.option("--list", "list_id", help="List-Id to carry in the address.")
@click.option("--message-id", help="Message-ID to carry in the address.")
@click.option(
    "--domain", help="Bounce domain (default: the first of smtp.bounce_domains)."
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verp_encode(
    lazy: _Lazy,
    recipient: str,
    list_id: str | None,
    message_id: str | None,
    domain: str | None,
    as_json: bool,
) -> None:
    """Print the signed Return-Path for mail to RECIPIENT.

    Signed with the first of [verp] secrets and valid for [verp] lifetime. Exits
    78 when no secret is configured, 2 when RECIPIENT, --domain, --list or
    --message-id cannot be signed.
    """
    from bounced import service
    from bounced.errors import ApiError

    try:
        cfg = lazy.config
        signed = service.verp_encode(
            cfg.verp,
            cfg.smtp.bounce_domains,
            recipient,
            now=_now(),
            bounce_domain=domain,
            list_id=list_id,
            message_id=message_id,
        )
    except ApiError as exc:
        if exc.code == "verp_not_configured":
            click.echo(
                "Error: verp.secrets: no secret configured; set [verp] secrets"
                " (or BOUNCED_VERP_SECRETS) to sign addresses",
                err=True,
            )
            sys.exit(EX_CONFIG)
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for warning in signed.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(signed.as_json()))
    else:
        click.echo(signed.address)


@verp_group.command("decode")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verp_decode(lazy: _Lazy, address: str, as_json: bool) -> None:
    """Show what a bounce ADDRESS says: recipient, list, message and validity.

    Exits 0 when it is validly signed with one of [verp] secrets, 1 otherwise
    (unsigned, tampered, expired, or not a VERP address at all).
    """
    from bounced import service

    document = service.verp_decode(lazy.config.verp, address, now=_now())
    if as_json:
        click.echo(json.dumps(document))
    else:
        for key in ("form", "recipient", "list_id", "message_id"):
            click.echo(f"{key + ':':12} {document[key] or '-'}")
        validity = (
            "valid" if document["valid"] else f"not valid ({document['problem']})"
        )
        click.echo(f"{'signature:':12} {validity}")
    sys.exit(0 if document["valid"] else 1)


# -- doctor --------------------------------------------------------------------------


@main.command("doctor")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def doctor_command(lazy: _Lazy, as_json: bool) -> None:
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
        checks.extend(doctor.run(cfg, now=_now()))
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
def webhooks_list(lazy: _Lazy, state: str | None, limit: int, as_json: bool) -> None:
    """List queued, delivered and failed notices, newest first."""
    from bounced.store import outbox

    for row in outbox.list_(_engine(lazy), state=state, limit=limit):
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
def webhooks_retry(lazy: _Lazy, ids: tuple[int, ...]) -> None:
    """Queue failed notices (all, or the given IDS) to be sent again.

    Use after fixing a receiver that was down past [webhooks] give_up_after or
    refused the requests; a running daemon sends them within its poll interval.
    """
    from bounced.store import outbox

    count = outbox.requeue(_engine(lazy), now=_now(), ids=list(ids) if ids else None)
    click.echo(f"{count} notice(s) queued to be sent again")


@suppressions_group.command("show")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def suppressions_show(lazy: _Lazy, address: str, as_json: bool) -> None:
    """Explain ADDRESS: its suppressions and why, soft bounces, retries, events."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        found = service.explain(_engine(lazy), address, config=lazy.config, now=_now())
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(_explanation_json(found), sort_keys=True))
        return
    click.echo(
        f"{found.address}: " + ("suppressed" if found.suppressions else "may be mailed")
    )
    for row in found.suppressions:
        click.echo("  " + _row_line(row))
        why = found.why.get(row.scope) or {}
        click.echo(f"    why: {why.get('rule', '-')}")
        for key, value in sorted((why.get("inputs") or {}).items()):
            click.echo(f"      {key} = {value}")
        if row.expires_at:
            click.echo(f"    expires {row.expires_at:%Y-%m-%d %H:%M}Z")
    days = ", ".join(d.day.isoformat() for d in found.soft_days) or "none"
    click.echo(
        f"  soft bounces: {len(found.soft_days)} of {found.soft_threshold}"
        f" within {found.soft_window_days} days ({days})"
    )
    for retry in found.retries:
        click.echo(
            f"  retry {retry.key} {retry.state} attempt={retry.attempt}"
            f" due {retry.due_at:%Y-%m-%d %H:%M}Z {retry.last_result or ''}".rstrip()
        )
    for line in found.events:
        rule = (line.why or {}).get("rule", "")
        click.echo(
            f"  event {line.id} {line.occurred_at:%Y-%m-%d %H:%M}Z {line.action}"
            f" {line.status or '-'} {line.reason} -> {line.decision}: {rule}"
        )
    for change in found.changes:
        click.echo(
            f"  {change.at:%Y-%m-%d %H:%M}Z {change.change} [{change.scope}]"
            f" by {change.actor}" + (f": {change.note}" if change.note else "")
        )


def _explanation_json(found: Any) -> dict[str, Any]:
    return {
        "address": found.address,
        "suppressions": [_row_json(row) for row in found.suppressions],
        "soft_bounces": {
            "days": [d.day.isoformat() for d in found.soft_days],
            "threshold": found.soft_threshold,
            "window_days": found.soft_window_days,
        },
        "retries": [_retry_json(r) for r in found.retries],
        "events": [
            {
                "id": e.id,
                "occurred_at": e.occurred_at.isoformat(),
                "action": e.action,
                "status": e.status,
                "reply_code": e.reply_code,
                "reason": e.reason,
                "decision": e.decision,
                "why": e.why,
                "list_id": e.list_id,
            }
            for e in found.events
        ],
        "changes": [
            {
                "at": c.at.isoformat(),
                "scope": c.scope,
                "change": c.change,
                "actor": c.actor,
                "reason": c.reason,
                "note": c.note,
            }
            for c in found.changes
        ],
    }


# -- soft bounces --------------------------------------------------------------------


@main.group("soft-bounces")
def soft_bounces_group() -> None:
    """Soft-bounce counts per address."""


@soft_bounces_group.command("reset")
@click.argument("address")
@click.pass_obj
def soft_bounces_reset(lazy: _Lazy, address: str) -> None:
    """Forget ADDRESS's soft bounces, as a successful delivery would."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        cleared = service.reset_soft_bounces(_engine(lazy), address)
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

    lazy: _Lazy = ctx.obj
    now = _now()
    rows = service.list_domains(
        _engine(lazy), config=lazy.config, now=now, alerts_only=alerts
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
def domains_clear_alert(lazy: _Lazy, domain: str) -> None:
    """Acknowledge DOMAIN's sender alert; exit 1 if it had none."""
    from bounced import service

    cleared = service.clear_alert(_engine(lazy), domain, now=_now())
    click.echo(f"{domain}: alert {'cleared' if cleared else 'not found'}")
    sys.exit(0 if cleared else 1)


def _domain_json(row: Any, active: bool) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "domain": row.domain,
        "batch_size": row.batch_size,
        "gap_seconds": row.gap,
        "next_batch_at": iso(row.next_batch_at),
        "last_batch_at": iso(row.last_batch_at),
        "throttled_at": iso(row.throttled_at),
        "slowdowns": row.throttles,
        "last_result": row.last_result,
        "waiting": row.pending,
        "alert": {
            "active": active,
            "reason": row.alert_reason,
            "count": row.alert_count,
            "first_at": iso(row.alert_first_at),
            "last_at": iso(row.alert_last_at),
            "detail": row.alert_detail,
        }
        if row.alert_reason
        else None,
    }


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

    lazy: _Lazy = ctx.obj
    engine = _engine(lazy)
    try:
        rows = service.list_retries(
            engine, states=states or None, domain=domain, limit=limit
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for row in rows:
        if as_json:
            click.echo(json.dumps(_retry_json(row), sort_keys=True))
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
def retries_pull(lazy: _Lazy, consumer: str, limit: int) -> None:
    """Take due retries (dispatcher = "pull"): one JSON retry.due event per line."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        events = service.pull_retries(
            _engine(lazy),
            consumer=consumer,
            limit=limit,
            config=lazy.config,
            now=_now(),
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for item in events:
        click.echo(json.dumps(item, sort_keys=True))


@retries_group.command("ack")
@click.argument("acks", nargs=-1, required=True)
@click.pass_obj
def retries_ack(lazy: _Lazy, acks: tuple[str, ...]) -> None:
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
            _engine(lazy), wanted, config=lazy.config, now=_now()
        )
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    for key, fate in answers.items():
        click.echo(f"{key} {fate}")
    sys.exit(1 if "unknown" in answers.values() else 0)


def _retry_json(row: Any) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "key": row.key,
        "recipient": row.recipient,
        "domain": row.domain,
        "state": row.state,
        "attempt": row.attempt,
        "reason": row.reason,
        "status": row.status,
        "reply_code": row.reply_code,
        "list_id": row.list_id,
        "message_id": row.orig_message_id,
        "created_at": iso(row.created_at),
        "due_at": iso(row.due_at),
        "give_up_at": iso(row.give_up_at),
        "dispatched_at": iso(row.dispatched_at),
        "finished_at": iso(row.finished_at),
        "last_result": row.last_result,
    }
