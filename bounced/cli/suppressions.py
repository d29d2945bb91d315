"""`bounced suppressions`: check, list, show, add, remove, export, import."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import click

from bounced import documents
from bounced.cli.root import (
    Lazy,
    engine_for,
    is_tty,
    main,
    open_output,
    progress,
    service_errors,
    utc_now,
)

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
    lazy: Lazy,
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
    engine = engine_for(lazy)
    key = service.tombstone_key(lazy.config)
    with service_errors():
        if len(wanted) == 1 and from_file is None and list_id is None:
            rows = service.check(engine, wanted[0], tombstone_key=key)
            invalid: list[str] = []
        else:
            result = service.check_many(
                engine, wanted, list_id=list_id, tombstone_key=key
            )
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
    lazy: Lazy,
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

    engine = engine_for(lazy)
    with service_errors():
        filters = service.suppression_filters(
            reason=reason,
            domain=domain,
            list_id=list_id,
            source=source,
            since=service.parse_since(since, utc_now()) if since else None,
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
    lazy: Lazy,
    address: str,
    reason: str,
    list_id: str | None,
    note: str | None,
    expires: str | None,
    as_json: bool,
) -> None:
    """Suppress ADDRESS by hand (recorded); an existing suppression is updated."""
    from bounced import documents, service

    engine = engine_for(lazy)
    now = utc_now()
    with service_errors():
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
    lazy: Lazy, address: str, list_id: str | None, note: str | None
) -> None:
    """Reactivate ADDRESS: delete its suppressions (recorded); exit 1 if none."""
    from bounced import service

    engine = engine_for(lazy)
    with service_errors():
        count = service.remove(
            engine,
            address,
            actor="cli",
            now=utc_now(),
            note=note,
            list_id=list_id,
            tombstone_key=service.tombstone_key(lazy.config),
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
    lazy: Lazy,
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

    engine = engine_for(lazy)
    with service_errors():
        filters = service.suppression_filters(
            reason=reason,
            domain=domain,
            list_id=list_id,
            source=source,
            since=service.parse_since(since, utc_now()) if since else None,
        )
        total = service.count_suppressions(engine, filters) if is_tty() else 0
    with open_output(output) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        if format_ == "csv":
            writer.writerow(interchange.EXPORT_COLUMNS)
        with progress(total, "exporting") as bar:
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
    lazy: Lazy, file: str, dialect: str, list_id: str | None, as_json: bool
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

    engine = engine_for(lazy)
    with click.open_file(file, "rb") as raw:
        try:
            size = os.fstat(raw.fileno()).st_size if is_tty() else 0
        except (OSError, io.UnsupportedOperation):
            size = 0
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        with progress(size, "importing") as bar, service_errors():

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
                    now=utc_now(),
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
        + (
            " (forgotten: kept only as a keyed hash)"
            if row.source == "forgotten"
            else ""
        )
    )


def _row_json(row: Any) -> dict[str, Any]:
    from bounced import documents

    return documents.suppression(row)


@suppressions_group.command("show")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def suppressions_show(lazy: Lazy, address: str, as_json: bool) -> None:
    """Explain ADDRESS: its suppressions and why, soft bounces, retries, events."""
    from bounced import service
    from bounced.errors import ApiError

    try:
        found = service.explain(
            engine_for(lazy), address, config=lazy.config, now=utc_now()
        )
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
        "retries": [documents.retry(r) for r in found.retries],
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
