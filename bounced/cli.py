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
from bounced.parse import parse
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
    with _store_errors():
        try:
            daemon.run(cfg)
        except OSError as exc:
            where = getattr(exc, "where", None) or f"{cfg.smtp.host}:{cfg.smtp.port}"
            click.echo(f"Error: cannot listen on {where}: {exc.strerror}", err=True)
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
