"""`bounced verp`: make and read signed VERP bounce addresses."""

from __future__ import annotations

import json
import sys

import click

from bounced.cli.root import (
    EX_CONFIG,
    Lazy,
    main,
    utc_now,
)

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
    lazy: Lazy,
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
            now=utc_now(),
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
def verp_decode(lazy: Lazy, address: str, as_json: bool) -> None:
    """Show what a bounce ADDRESS says: recipient, list, message and validity.

    Exits 0 when it is validly signed with one of [verp] secrets, 1 otherwise
    (unsigned, tampered, expired, or not a VERP address at all).
    """
    from bounced import service

    document = service.verp_decode(lazy.config.verp, address, now=utc_now())
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
