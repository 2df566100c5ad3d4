"""The intake's table and the wider request state: the migration builds what the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from waarborg.store import Base, open_store


def test_the_migration_builds_the_intake_table_and_the_wider_status_column(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        ours = [d for d in differences if "request_intakes" in repr(d) or "status" in repr(d)]
        assert ours == []
    finally:
        store.close()
