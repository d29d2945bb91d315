"""Run the Alembic migrations shipped with the package, and check the revision.

The migration scripts live in the top-level `migrations/` directory, installed as
the `bounced.migrations` package so `pip install .` carries them too.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from bounced.errors import NotMigrated
from bounced.store.engine import normalize_url, sqlite_path


def alembic_config(url: str, connection: Connection | None = None) -> AlembicConfig:
    """An Alembic config for `url`; with `connection`, migrations run on it."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(files("bounced.migrations")))
    cfg.set_main_option(
        "file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s"
    )
    # ConfigParser interpolation: a password with % must be escaped.
    rendered = normalize_url(url).render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision`, creating a SQLite file's folder."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None, "migrations/versions is empty"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_migrated(engine: Engine) -> None:
    """Raise NotMigrated unless the database is exactly at the code's head."""
    path = sqlite_path(str(engine.url))
    if path is not None and not Path(path).exists():
        raise NotMigrated(
            f"database file {path} does not exist; run `bounced db upgrade`"
        )
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        found = current or "an empty database"
        raise NotMigrated(
            f"database is at {found}, the code needs {head}; run `bounced db upgrade`"
        )
