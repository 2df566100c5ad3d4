"""The office's tables: the migration builds exactly what the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from waarborg.store import Base, open_store
from waarborg.store.db import MIGRATIONS

OFFICE_TABLES = {"office_users", "office_sessions", "office_login_attempts", "office_outbox", "office_job_runs"}


def test_migrations_from_empty_to_head_create_the_office_tables(db_url: str) -> None:
    store = open_store(db_url)
    try:
        assert set(inspect(store.engine).get_table_names()) >= OFFICE_TABLES
        with store.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        office = [d for d in differences if any(name in repr(d) for name in OFFICE_TABLES)]
        assert office == []
    finally:
        store.close()


def test_opening_a_migrated_store_again_changes_nothing(db_url: str) -> None:
    open_store(db_url).close()
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        assert current == ScriptDirectory.from_config(config).get_current_head()
    finally:
        store.close()
