"""`bounced db` (migrations) and `bounced serve` (the daemon)."""

from __future__ import annotations

import sys

import click

from bounced.cli.root import (
    EX_UNAVAILABLE,
    Lazy,
    main,
    store_errors,
)

# -- db ------------------------------------------------------------------------------


@main.group("db")
def db_group() -> None:
    """Create and migrate the database."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_obj
def db_upgrade(lazy: Lazy, revision: str) -> None:
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
def db_downgrade(lazy: Lazy, revision: str) -> None:
    """Migrate the configured database down to REVISION (base for empty)."""
    from bounced.store import migrate

    migrate.downgrade(lazy.config.database.url, revision)
    click.echo(f"database at {revision}")


@db_group.command("current")
@click.pass_obj
def db_current(lazy: Lazy) -> None:
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
def serve_command(lazy: Lazy) -> None:
    """Run the daemon: SMTP listener and processor (until SIGTERM)."""
    import logging

    from bounced import daemon
    from bounced.sanitize import SafeFormatter

    cfg = lazy.config
    handler = logging.StreamHandler()
    # Log lines carry text from the network: one line per record, always.
    handler.setFormatter(
        SafeFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    logging.basicConfig(level=cfg.logging.level, handlers=[handler])
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
    with store_errors():
        try:
            daemon.run(cfg)
        except OSError as exc:
            where = getattr(exc, "where", None) or f"{cfg.smtp.host}:{cfg.smtp.port}"
            click.echo(f"Error: cannot listen on {where}: {exc.strerror}", err=True)
            sys.exit(EX_UNAVAILABLE)
