"""Opening Waarborg's store: an engine, sessions, and migrations applied on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """Waarborg's own database cannot be opened or migrated."""


class Store:
    """Waarborg's own database. `session()` gives a transaction that commits on success."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Copied into every session's `info`: how the layers above reach what belongs to the
        # store as opened (the audit trail's key and checkpoint, see `waarborg.audit.settings`).
        self.info: dict[str, Any] = {}

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back on an exception."""
        with self._sessions() as session:
            session.info.update(self.info)
            with session.begin():
                yield session

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets the web office read while a sweep writes; the busy timeout makes concurrent
    # writers wait instead of failing at once.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str) -> Store:
    """Open (creating and migrating when needed) the store at a SQLAlchemy URL."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) not in ("", ":memory:"):
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(f"cannot open Waarborg's database {_safe(url)}: {exc}") from exc
    return Store(engine)


def _safe(url: str) -> str:
    """The URL without a password, for error messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unreadable URL>"
