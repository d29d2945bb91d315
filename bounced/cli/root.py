"""The root of the `bounced` command line and what its commands share.

Exit codes: 0 success, 1 a check found what it looks for (e.g. an address is
suppressed), 2 usage errors (click's own), 69 a service is unavailable, 78 a bad
configuration (EX_CONFIG, so systemd reports it as such).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from bounced import __version__, config
from bounced.errors import ConfigError, NotMigrated, StoreUnavailable

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
    ctx.obj = Lazy(config_file)


class Lazy:
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
                fail_config(exc)
        return self._config


def fail_config(exc: ConfigError) -> NoReturn:
    for problem in exc.problems:
        click.echo(f"Error: {problem}", err=True)
    sys.exit(EX_CONFIG)


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn store failures into one clear line and a sysexits code."""
    try:
        yield
    except NotMigrated as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EX_CONFIG)
    except StoreUnavailable as exc:
        click.echo(f"Error: database unavailable: {exc}", err=True)
        sys.exit(EX_UNAVAILABLE)


def engine_for(lazy: Lazy) -> Any:
    """An engine on a migrated database (disposed when the command ends), or a
    clear error and exit."""
    from bounced.store import migrate
    from bounced.store.engine import make_engine

    engine = make_engine(lazy.config.database.url, pool_size=2)
    click.get_current_context().call_on_close(engine.dispose)
    with store_errors():
        try:
            migrate.ensure_migrated(engine)
        except NotMigrated:
            raise
        except Exception as exc:  # noqa: BLE001 - CLI boundary
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}") from None
    return engine


def utc_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


@contextmanager
def service_errors() -> Iterator[None]:
    """A refused request is one line on stderr: exit 2 for bad input, 1 for
    something that is not there."""
    from bounced.errors import ApiError

    try:
        yield
    except ApiError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(1 if exc.status in {404, 410} else 2)


@contextmanager
def open_output(path: str) -> Iterator[TextIO]:
    """A text stream for CSV: stdout for "-", else the file (newline="" as the
    csv module wants)."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def is_tty() -> bool:
    """Progress bars only for a person watching stderr."""
    return sys.stderr.isatty()


@contextmanager
def progress(total: int, label: str) -> Iterator[Any]:
    if total and is_tty():
        with click.progressbar(
            length=total, label=label, file=sys.stderr, show_eta=True
        ) as bar:
            yield bar
    else:
        yield NoProgress()


class NoProgress:
    def update(self, _steps: int) -> None:
        pass
