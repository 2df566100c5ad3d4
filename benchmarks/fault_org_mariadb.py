"""The organisation's database on MariaDB for the kill -9 fault test (benchmarks/fault_sweep_kill.py).

MariaDB has no template databases, so each trial's copy is made table by table (`CREATE TABLE ...
LIKE` and `INSERT ... SELECT` from the base). After a kill, the server may still be running the
killed client's statement or rolling back its transaction: `settle` waits until no connection of
the trial's database is left in the process list before anything is read.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import create_engine, text

# ids 1..rows from MariaDB's SEQUENCE engine; the same rows and dates as on SQLite and PostgreSQL.
FILL = (
    """INSERT INTO registrations SELECT seq, concat('p', seq, '@example.nl'), concat('Naam ', seq),
           CASE WHEN seq % 2 = 0 THEN 'opmerking' END,
           timestamp '2024-06-02 00:00:00' + interval ((seq * 7919) % 730) day
       FROM seq_1_to_{rows}""",
    """INSERT INTO recordings SELECT seq, concat('/video/', seq, '.mp4'),
           timestamp '2025-06-02 00:00:00' + interval ((seq * 104729) % 365) day
       FROM seq_1_to_{rows}""",
)
TABLES = ("registrations", "recordings")


def create_statement(statement: str) -> str:
    """A CREATE TABLE of the fault test for MariaDB: DATETIME(6) rather than TIMESTAMP, which
    MariaDB may give an automatic ON UPDATE CURRENT_TIMESTAMP (an erasure would move the event)."""
    return statement.replace("TIMESTAMP", "DATETIME(6)")


@dataclass
class MariaDbOrg:
    server: Any  # tests/mariadb_server.MariaDbServer
    kind: str = "mariadb"
    base_url: str = ""
    settle_timeout: float = 60.0
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.base_url = self.server.create_database("fault_base")

    def describe(self) -> str:
        version = self._admin("SELECT version()")
        return f"MariaDB {version} (no flush at commit, no binary log, as the test server)"

    def copy(self, folder: Any) -> str:
        name = f"fault_trial_{os.getpid()}_{next(self._numbers)}"
        base = _database_name(self.base_url)
        self._admin(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        for table in TABLES:
            self._admin(f"CREATE TABLE `{name}`.{table} LIKE `{base}`.{table}")
            self._admin(f"INSERT INTO `{name}`.{table} SELECT * FROM `{base}`.{table}")
        return str(self.server.url(name))

    def settle(self, url: str) -> float:
        """Wait until no connection uses the database: a killed client's statement may still run,
        or its transaction roll back. Returns the seconds waited once one was seen."""
        query = "SELECT count(*) FROM information_schema.processlist WHERE db = :name AND id <> connection_id()"
        return wait_while_used(self.server.url("mysql"), query, url, self.settle_timeout)

    def drop(self, url: str) -> None:
        self.settle(url)
        self._admin(f"DROP DATABASE `{_database_name(url)}`")

    def _admin(self, statement: str) -> Any:
        engine = create_engine(self.server.url("mysql"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                result = conn.execute(text(statement))
                return result.scalar() if result.returns_rows else None
        finally:
            engine.dispose()


def wait_while_used(admin_url: str, query: str, url: str, timeout: float) -> float:
    """Poll `query` (a count of the server's connections to the database of `url`) until it is 0.
    Returns the seconds waited once one was seen (0.0 when none was left); shared by the
    PostgreSQL and MariaDB fault tests, which differ only in how the server lists its connections."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")  # a fresh snapshot per query
    seen: float | None = None
    try:
        with engine.connect() as conn:
            while conn.execute(text(query), {"name": _database_name(url)}).scalar_one():
                seen = time.monotonic() if seen is None else seen
                if time.monotonic() - seen > timeout:
                    raise RuntimeError(f"a connection still uses {url} after {timeout} s")
                time.sleep(0.005)
    finally:
        engine.dispose()
    return 0.0 if seen is None else time.monotonic() - seen


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?", 1)[0]


@dataclass
class StartedServer:
    """A throw-away MariaDB server for a run of the script outside pytest."""

    server: Any

    @classmethod
    def start(cls, tests_dir: Any) -> StartedServer:
        import sys
        import tempfile
        from pathlib import Path

        sys.path.insert(0, str(tests_dir))
        from mariadb_server import MariaDbServer, find_mariadb

        found = find_mariadb()
        if found is None:
            raise SystemExit("MariaDB binaries not found: no mariadbd/mariadb-install-db on PATH or in /usr/sbin, "
                             "/usr/bin; install mariadb-server to run the experiment on it")
        root = Path(tempfile.mkdtemp(prefix="fault-mdb-"))
        server = MariaDbServer(server_bin=found[0], install_bin=found[1], root=root)
        server.start()
        return cls(server)

    def stop(self) -> None:
        self.server.stop()
