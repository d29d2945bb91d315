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
