"""`bounced parse` and `bounced explain`: no configuration, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from bounced.classify import classify
from bounced.cli.root import (
    main,
)
from bounced.explain import explain
from bounced.parse import parse
from bounced.reasons import Reason
from bounced.report import Classification, Report

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
