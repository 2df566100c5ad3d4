"""The database servers of benchmark (a) (`bench_sweep.py`): a throw-away PostgreSQL or MariaDB
server, the base table built once, an identical copy per run, a fingerprint of each end state.

PostgreSQL copies a database from a template; MariaDB has no templates, so a copy is a new
database filled table by table. Neither can join across databases, so the end states of the
sweep and the hand-written UPDATE are compared by a fingerprint of every row.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = "id, coalesce(email, '~'), coalesce(attendee_name, '~'), coalesce(remarks, '~'), event_date"
FINGERPRINT = {
    "postgresql": f"SELECT count(*), sum(hashtextextended(concat_ws('|', {COLUMNS}), 0)::numeric) FROM registrations",
    "mysql": f"SELECT count(*), sum(conv(substr(md5(concat_ws('|', {COLUMNS})), 1, 15), 16, 10)) FROM registrations",
}


# The test server's InnoDB buffer pool (64 MB) and redo log (16 MB) are small so that a test starts
# fast; at 10 million rows they make every large write wait for checkpoints, which measures InnoDB's
# page flushing rather than the statements. The benchmark gives MariaDB its own defaults for the two
# (`mariadbd --verbose --help`: 128 MB, 96 MB); every other test setting stays (no flush at commit,
# no doublewrite, no binary log), as on the PostgreSQL server. `--mariadb-test-sizes` keeps the small ones.
MARIADB_DEFAULT_SIZES = ("--innodb-buffer-pool-size=128M", "--innodb-log-file-size=96M")


@dataclass
class Server:
    """One running server: `copy()` gives the URL of a fresh copy of the base database."""

    kind: str  # postgres | mariadb
    handle: Any
    version: str = ""
    base: str = ""
    _numbers: Iterator[int] = field(default_factory=lambda: count(1))

    def admin(self, statement: str) -> None:
        if self.kind == "mariadb":
            self.handle.execute(statement)
            return
        engine = create_engine(self.handle.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(statement))
        engine.dispose()

    def copy(self, label: str) -> str:
        name = f"{label}_{next(self._numbers)}"
        base = _name(self.base)
        if self.kind == "postgres":
            self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
            return str(self.handle.url(name))
        self.admin(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        self.admin(f"CREATE TABLE `{name}`.registrations LIKE `{base}`.registrations")
        self.admin(f"INSERT INTO `{name}`.registrations SELECT * FROM `{base}`.registrations")
        return str(self.handle.url(name))

    def settle(self, timeout: float = 600.0) -> float:
        """Wait until the server has no background work left from what ran before (the copy just
        made, the previous run's purge and page writes), so every timed run starts alike; returns
        the seconds waited. PostgreSQL: a CHECKPOINT writes every dirty page. InnoDB purges a
        committed transaction's old row versions and writes its dirty pages after the commit has
        returned: the hand-written UPDATE's 5 million undo records were purged while the next run
        (the sweep's) was being timed. Here InnoDB is made to flush everything, and the purge
        backlog (history list length) is awaited."""
        started = time.monotonic()
        if self.kind == "postgres":
            self.admin("CHECKPOINT")
            return time.monotonic() - started
        engine = create_engine(self.base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            saved = conn.execute(text("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")).scalar_one()
            conn.execute(text("SET GLOBAL innodb_max_dirty_pages_pct = 0"))
            try:
                while time.monotonic() - started < timeout and _innodb_busy(conn):
                    time.sleep(0.5)
            finally:
                conn.execute(text(f"SET GLOBAL innodb_max_dirty_pages_pct = {float(saved)}"))
        engine.dispose()
        return time.monotonic() - started

    def drop(self, url: str) -> None:
        quote = '"' if self.kind == "postgres" else "`"
        self.admin(f"DROP DATABASE {quote}{_name(url)}{quote}")


def _innodb_busy(conn: Any) -> bool:
    """Dirty pages not yet written, or old row versions not yet purged (the history list length
    as `waarborg erasure-traces` reads it)."""
    from waarborg.retention.mariadb_traces import history_length

    dirty = conn.execute(text("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")).one()[1]
    return int(dirty) > 0 or (history_length(conn) or 0) > 100


def _name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?", 1)[0]


def fingerprint(url: str) -> tuple[int, str]:
    """(rows, a sum of per-row hashes over every column) of the registrations table."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows, total = conn.execute(text(FINGERPRINT[engine.dialect.name])).one()
    engine.dispose()
    return int(rows), str(total)


@contextmanager
def started(kind: str, test_sizes: bool = False) -> Iterator[Server | None]:
    """A throw-away server of `kind`, or None (and a line saying so) when its binaries are absent.
    MariaDB gets its own default buffer pool and redo log sizes unless `test_sizes`
    (`MARIADB_DEFAULT_SIZES`)."""
    sys.path.insert(0, str(ROOT / "tests"))
    root = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
    if kind == "postgres":
        from pg_server import PgServer, find_pg_bin

        bin_dir = find_pg_bin()
        handle: Any = PgServer(bin_dir=bin_dir, root=root) if bin_dir else None
        create_db = "base"
    else:
        from mariadb_server import MariaDbServer, find_mariadb

        found = find_mariadb()
        extra = () if test_sizes else MARIADB_DEFAULT_SIZES
        handle = MariaDbServer(server_bin=found[0], install_bin=found[1], root=root, extra=extra) if found else None
        create_db = "bench_base"
    if handle is None:
        print(f"{kind}: binaries not found, skipped")
        yield None
        return
    handle.start()
    try:
        server = Server(kind, handle)
        server.base = handle.create_database(create_db)
        server.version = _version(server.base)
        yield server
    finally:
        handle.stop()


def _version(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        query = "SHOW server_version" if engine.dialect.name == "postgresql" else "SELECT version()"
        found = str(conn.execute(text(query)).scalar_one())
    engine.dispose()
    return found
