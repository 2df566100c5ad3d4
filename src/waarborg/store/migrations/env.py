"""Alembic environment: migrations run programmatically when a Store opens (see store/db.py).

The caller passes an open connection in ``config.attributes["connection"]``; from the command
line (``alembic -x url=... upgrade head`` with a config naming this directory) a URL works too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import waarborg.office.models  # noqa: F401  (the office's tables join the metadata)
from waarborg.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    """Upgrade through the given connection, or through a URL from `-x url=...`."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    engine = create_engine(str(url))
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()


run_migrations()
