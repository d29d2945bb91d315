"""Migrations: one script set builds SQLite and PostgreSQL, up and down, no drift."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect

from bounced.errors import NotMigrated
from bounced.store import migrate
from bounced.store.engine import make_engine
from bounced.store.schema import Base
from tests.conftest import PG_URL_TEMPLATE, create_pg_database, drop_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """An empty database (no tables at all)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    request.getfixturevalue("pg_available")
    name = create_pg_database()
    try:
        yield PG_URL_TEMPLATE.format(name=name)
    finally:
        drop_pg_database(name)


def _tables(url):
    engine = make_engine(url, pool_size=1)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_base_head_base_head_round_trip(empty_url):
    """upgrade → downgrade → upgrade leaves the models' tables, and base leaves none."""
    migrate.upgrade(empty_url)
    assert _tables(empty_url) == set(Base.metadata.tables)

    migrate.downgrade(empty_url, "base")
    assert _tables(empty_url) == set()

    migrate.upgrade(empty_url)
    assert _tables(empty_url) == set(Base.metadata.tables)


def test_models_and_migrations_do_not_drift(empty_url):
    """`alembic check`: autogenerate finds nothing the migrations lack."""
    migrate.upgrade(empty_url)

    command.check(migrate.alembic_config(empty_url))


def test_ensure_migrated_names_the_command_to_run(empty_url):
    """An unmigrated database is refused with a message that says what to do."""
    engine = make_engine(empty_url, pool_size=1)
    try:
        with pytest.raises(NotMigrated, match="run `bounced db upgrade`"):
            migrate.ensure_migrated(engine)
    finally:
        engine.dispose()
