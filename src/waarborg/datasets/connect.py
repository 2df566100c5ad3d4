"""Connections to the organisation's databases, one lazily created engine per bound system.

The URL of each database comes from the environment variable its binding names (`url_env`),
never from the register. SQLite connections get the `waarborg_hmac` function so keyed hashes
can be computed inside the database (PostgreSQL builds the same HMAC from `sha256()`).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from waarborg.register import Register
from waarborg.register.binding import DatabaseBinding

T = TypeVar("T")


class BindingConnectionError(Exception):
    """A bound database cannot be reached or its URL is missing."""


@functools.lru_cache(maxsize=16)
def _keyed(key: bytes) -> Any:
    # An HMAC object with the key already absorbed: copying it per value skips the key padding,
    # which is most of the cost for short values (the UDF runs once per erased row).
    return hmac.new(key, digestmod=hashlib.sha256)


def sqlite_hmac(key: bytes | str | None, value: Any) -> str | None:
    """The SQLite UDF: HMAC-SHA256 hex of `value` as text; NULL stays NULL."""
    if value is None or key is None:
        return None
    mac = _keyed(key.encode("utf-8") if isinstance(key, str) else bytes(key)).copy()
    if not isinstance(value, str):
        value = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    mac.update(value.encode("utf-8"))
    return str(mac.hexdigest())


def driver_message(exc: BaseException) -> str:
    """What the database driver said, first line only: without the SQL and bound parameters
    SQLAlchemy adds to its errors (they can hold personal data), the DETAIL line PostgreSQL puts
    below (it can quote a row's values) or a URL with a password. The error's type name when the
    driver said nothing."""
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def driver_error_name(exc: BaseException) -> str:
    """The driver's own error class (`OperationalError`, `UniqueViolation`, ...), else the error's."""
    return type(getattr(exc, "orig", None) or exc).__name__


def _register_udf(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function("waarborg_hmac", 2, sqlite_hmac, deterministic=True)
    # Wait for a concurrent writer instead of failing at once.
    dbapi_connection.execute("PRAGMA busy_timeout=30000")
    # Waarborg writes to the organisation's databases only to erase (or correct): the space of
    # every deleted or overwritten value is zeroed, not left readable in the file (issue 10).
    dbapi_connection.execute("PRAGMA secure_delete=ON")


def flush_erased(engine: Engine) -> bool:
    """After committing an erasure: on SQLite, copy the WAL into the database file and truncate
    it, so the erased values' old pages are gone from the `-wal` file too. False when a reader
    kept the checkpoint from completing (the WAL is truncated by the next checkpoint); True
    otherwise, and on other databases, which keep no WAL beside the file (see erasure-traces)."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
    return not busy


def create_org_engine(url: str) -> Engine:
    """An engine for one of the organisation's databases, with the keyed-hash UDF on SQLite."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _register_udf)
    return engine


class Connections:
    """Engines per bound system, created on first use."""

    def __init__(self, register: Register, env: Mapping[str, str]):
        self.register = register
        self.env = env
        self._engines: dict[str, Engine] = {}
        self._statements: dict[Hashable, Any] = {}

    def binding(self, system: str) -> DatabaseBinding:
        """The database binding of a system; KeyError naming the system when it has none."""
        found = self.register.systems.get(system)
        if found is None or found.database is None:
            raise KeyError(f"system {system!r} has no database binding")
        return found.database

    def bound_systems(self) -> list[str]:
        """Systems of the register that carry a database binding, in register order."""
        return [key for key, system in self.register.systems.items() if system.database is not None]

    def engine(self, system: str) -> Engine:
        """The engine of a bound system; a clear error naming the environment variable when unset."""
        if system not in self._engines:
            binding = self.binding(system)
            url = self.env.get(binding.url_env)
            if not url:
                raise BindingConnectionError(
                    f"system {system!r}: set the environment variable {binding.url_env} to the database URL"
                )
            try:
                make_url(url)
                self._engines[system] = create_org_engine(url)
            except ArgumentError as exc:
                message = f"system {system!r}: {binding.url_env} is not a database URL ({exc})"
                raise BindingConnectionError(message) from exc
        return self._engines[system]

    def dialect(self, system: str) -> str:
        return self.engine(system).dialect.name

    def statement(self, key: Hashable, build: Callable[[], T]) -> T:
        """A statement built once per key (system, table, column, form) and reused by every search:
        building SQL anew for each of a search's queries cost more than running them."""
        if key not in self._statements:
            self._statements[key] = build()
        return self._statements[key]  # type: ignore[no-any-return]

    def close(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        self._statements.clear()


def connect(register: Register, env: Mapping[str, str] | None = None) -> Connections:
    """Connections for every bound system of the register (engines are made on first use)."""
    return Connections(register, os.environ if env is None else env)
