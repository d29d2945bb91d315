"""The `bounced` command line: serve, inspect and manage.

Exit codes: 0 success, 1 a check found what it looks for (e.g. an address is
suppressed), 2 usage errors (click's own), 69 a service is unavailable, 78 a bad
configuration (EX_CONFIG, so systemd reports it as such).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

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
@click.argument("addresses", nargs=-1)
@click.option(
    "--file",
    "from_file",
    type=click.File("r", encoding="utf-8-sig", errors="replace"),
    help="Also check the addresses in this file, one a line (- for stdin).",
)
@click.option("--list", "list_id", help="Check for a send to this list.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def suppressions_check(
    lazy: _Lazy,
    addresses: tuple[str, ...],
    from_file: TextIO | None,
    list_id: str | None,
    as_json: bool,
) -> None:
    """Exit 1 and print why if an address is suppressed; exit 0 if all may be mailed.

    One ADDRESS is checked on its own (a malformed one is a usage error, 2);
    several, or a --file, are checked in one query like the API's bulk check, and
    only the suppressed ones are printed (malformed ones are reported on stderr).
    """
    from bounced import documents, service

    wanted = list(addresses)
    if from_file is not None:
        wanted.extend(line.strip() for line in from_file if line.strip())
    if not wanted:
        raise click.UsageError("give an ADDRESS or --file")
    engine = _engine(lazy)
    with _service_errors():
        if len(wanted) == 1 and from_file is None and list_id is None:
            rows = service.check(engine, wanted[0])
            invalid: list[str] = []
        else:
            result = service.check_many(engine, wanted, list_id=list_id)
            rows, invalid = result.suppressed, result.invalid
    for text in invalid:
        click.echo(f"Error: not a valid email address: {text[:320]!r}", err=True)
    if as_json:
        click.echo(json.dumps([documents.suppression(row) for row in rows]))
    elif rows:
        for row in rows:
            click.echo(_row_line(row))
    elif len(wanted) == 1 and not invalid:
        click.echo(f"{wanted[0]}: not suppressed")
    else:
        click.echo(f"{len(wanted) - len(invalid)} address(es): none suppressed")
    sys.exit(1 if rows else 0)


def _suppression_filters(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter options of `list` and `export` (the API's query parameters)."""
    for option in reversed(
        (
            click.option("--reason", help="Only this reason (e.g. userunknown)."),
            click.option("--domain", help="Only addresses at this domain."),
            click.option("--list", "list_id", help="Only this list's suppressions."),
            click.option(
                "--source",
                type=click.Choice(
                    ["bounce", "complaint", "manual", "import", "unsubscribe"]
                ),
                help="Only suppressions from this source.",
            ),
            click.option(
                "--since",
                help="Only those suppressed or refreshed since (7d, 12h, 2026-01-31).",
            ),
        )
    ):
        function = option(function)
    return function


@suppressions_group.command("list")
@_suppression_filters
@click.option(
    "--limit", type=click.IntRange(1, 1_000_000), default=1000, show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def suppressions_list(
    lazy: _Lazy,
    reason: str | None,
    domain: str | None,
    list_id: str | None,
    source: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List suppressed addresses, ordered by address."""
    from bounced import documents, service

    engine = _engine(lazy)
    with _service_errors():
        filters = service.suppression_filters(
            reason=reason,
            domain=domain,
            list_id=list_id,
            source=source,
            since=service.parse_since(since, _now()) if since else None,
        )
        shown = 0
        cursor = None
        while shown < limit:
            page = service.page_suppressions(
                engine, filters, limit=min(1000, limit - shown), cursor=cursor
            )
            for row in page.items:
                line = json.dumps(documents.suppression(row)) if as_json else None
                click.echo(line or _row_line(row))
            shown += len(page.items)
            cursor = page.next_cursor
            if cursor is None:
                break


@suppressions_group.command("add")
@click.argument("address")
@click.option(
    "--reason",
    default="suppressed",
    show_default=True,
    help="A reason from the taxonomy (e.g. userunknown, feedback).",
)
@click.option("--list", "list_id", help="Suppress for this list only.")
@click.option("--note", help="Why, recorded in the audit trail.")
@click.option(
    "--expires", help="Lift the suppression after this long (30d) or at this time."
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def suppressions_add(
    lazy: _Lazy,
    address: str,
    reason: str,
    list_id: str | None,
    note: str | None,
    expires: str | None,
    as_json: bool,
) -> None:
    """Suppress ADDRESS by hand (recorded); an existing suppression is updated."""
    from bounced import documents, service

    engine = _engine(lazy)
    now = _now()
    with _service_errors():
        expires_at = None
        if expires:
            ahead = service.parse_duration(expires)
            expires_at = now + ahead if ahead else service.parse_since(expires, now)
        change, row = service.add(
            engine,
            address,
            reason=service.reason_or_raise(reason),
            list_id=list_id,
            note=note,
            expires_at=expires_at,
            actor="cli",
            now=now,
        )
    if as_json:
        click.echo(json.dumps(documents.suppression(row)))
    else:
        click.echo(f"{row.address}: {change}")
        click.echo(_row_line(row))


@suppressions_group.command("remove")
@click.argument("address")
@click.option("--list", "list_id", help="Remove only this list's suppression.")
@click.option("--note", help="Why, recorded in the audit trail.")
@click.pass_obj
def suppressions_remove(
    lazy: _Lazy, address: str, list_id: str | None, note: str | None
) -> None:
    """Reactivate ADDRESS: delete its suppressions (recorded); exit 1 if none."""
    from bounced import service

    engine = _engine(lazy)
    with _service_errors():
        count = service.remove(
            engine, address, actor="cli", now=_now(), note=note, list_id=list_id
        )
    click.echo(f"{address}: {count} suppression(s) removed")
    sys.exit(0 if count else 1)


@suppressions_group.command("export")
@_suppression_filters
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "jsonl"]),
    default="csv",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write here instead of stdout.",
)
@click.pass_obj
def suppressions_export(
    lazy: _Lazy,
    reason: str | None,
    domain: str | None,
    list_id: str | None,
    source: str | None,
    since: str | None,
    format_: str,
    output: str,
) -> None:
    """Export suppressions as CSV (the columns bounced and spreadsheets read) or
    JSON lines; a progress bar shows on a terminal."""
    import csv

    from bounced import interchange, service

    engine = _engine(lazy)
    with _service_errors():
        filters = service.suppression_filters(
            reason=reason,
            domain=domain,
            list_id=list_id,
            source=source,
            since=service.parse_since(since, _now()) if since else None,
        )
        total = service.count_suppressions(engine, filters) if _tty() else 0
    with _output(output) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        if format_ == "csv":
            writer.writerow(interchange.EXPORT_COLUMNS)
        with _progress(total, "exporting") as bar:
            for row in service.export_rows(engine, filters):
                if format_ == "csv":
                    writer.writerow(interchange.csv_cells(row))
                else:
                    stream.write(interchange.jsonl_line(row))
                bar.update(1)


@suppressions_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--dialect",
    type=click.Choice(
        [
            "auto",
            "plain",
            "bounced",
            "ses",
            "postmark",
            "sparkpost",
            "mailgun",
            "mailgun-unsubscribes",
            "listmonk",
            "listmonk-subscribers",
            "generic",
        ]
    ),
    default="auto",
    show_default=True,
    help="The export's format; auto recognizes it by its header.",
)
@click.option("--list", "list_id", help="Suppress for this list only.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def suppressions_import(
    lazy: _Lazy, file: str, dialect: str, list_id: str | None, as_json: bool
) -> None:
    """Import suppressions from FILE (- for stdin): an export of bounced, Amazon
    SES, Postmark, SparkPost, Mailgun or listmonk, or one address per line.

    Existing suppressions are kept as they are. Exit 0 when every line was
    imported, 1 when some were rejected (listed on stderr), 2 when the format is
    not recognized.
    """
    import csv
    import io
    import os

    from bounced import service

    engine = _engine(lazy)
    with click.open_file(file, "rb") as raw:
        try:
            size = os.fstat(raw.fileno()).st_size if _tty() else 0
        except (OSError, io.UnsupportedOperation):
            size = 0
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        with _progress(size, "importing") as bar, _service_errors():

            def lines() -> Iterator[str]:
                for line in text:
                    bar.update(len(line.encode("utf-8", "replace")))
                    yield line.replace("\x00", "")

            try:
                result = service.import_suppressions(
                    engine,
                    csv.reader(lines()),
                    dialect=dialect,
                    list_id=list_id,
                    actor="cli",
                    now=_now(),
                )
            except csv.Error as exc:
                click.echo(f"Error: not readable as CSV: {exc}", err=True)
                sys.exit(2)
    for rejection in result.rejections:
        click.echo(f"{file}:{rejection.line}: {rejection.why}", err=True)
    if result.rejected > len(result.rejections):
        more = result.rejected - len(result.rejections)
        click.echo(f"... and {more} more rejected line(s)", err=True)
    summary = {
        "dialect": result.dialect,
        "rows": result.rows,
        "added": result.added,
        "existing": result.existing,
        "rejected": result.rejected,
    }
    if as_json:
        click.echo(json.dumps(summary))
    else:
        click.echo(" ".join(f"{key}={value}" for key, value in summary.items()))
    sys.exit(1 if result.rejected else 0)


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
    from bounced import documents

    return documents.suppression(row)


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
    from bounced import documents

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
    from bounced import documents

    return documents.retry(row)


@contextmanager
def _service_errors() -> Iterator[None]:
    """A refused request is one line on stderr: exit 2 for bad input, 1 for
    something that is not there."""
    from bounced.errors import ApiError

    try:
        yield
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(1 if exc.status in {404, 410} else 2)


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    """A text stream for CSV: stdout for "-", else the file (newline="" as the
    csv module wants)."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def _tty() -> bool:
    """Progress bars only for a person watching stderr."""
    return sys.stderr.isatty()


@contextmanager
def _progress(total: int, label: str) -> Iterator[Any]:
    if total and _tty():
        with click.progressbar(
            length=total, label=label, file=sys.stderr, show_eta=True
        ) as bar:
            yield bar
    else:
        yield _NoProgress()


class _NoProgress:
    def update(self, _steps: int) -> None:
        pass


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
    lazy: _Lazy,
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

    engine = _engine(lazy)
    now = _now()
    with _service_errors():
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
def stats_command(lazy: _Lazy, since: str, until: str | None, as_json: bool) -> None:
    """Bounce counts by reason, decision and domain for a period."""
    from bounced import documents, service

    engine = _engine(lazy)
    now = _now()
    with _service_errors():
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
