"""A real PostgreSQL server for the test suite, started and stopped by the tests themselves.

Fixtures (imported into tests/conftest.py):

- ``pg_server`` (session): one throw-away cluster per pytest process (each xdist worker gets its own,
  on its own free port, so ``-n 2 --dist loadfile`` needs no coordination);
- ``pg_url`` (module): a SQLAlchemy URL to a fresh, empty database for the test module;
- ``fresh_pg_url`` (function): a fresh, empty database for one test;
- ``db_kind`` / ``db_urls`` / ``db_url``: run one test on SQLite and on PostgreSQL. ``db_urls(name)``
  returns the URL of a new empty database of the current kind (call it twice for two databases, e.g.
  a CRM and a newsletter database), ``db_url`` is the first of them.

When the binaries are missing the PostgreSQL tests are skipped with a loud reason (CI installs them).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

_BINARIES = ("initdb", "pg_ctl")
_SERVER_SETTINGS = (
    # Durability is worthless for a throw-away test cluster; speed is not.
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    "max_connections = 60",
    "shared_buffers = 64MB",
)


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all((Path(candidate) / name).exists() for name in _BINARIES):
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    # initdb refuses to run as root; as root we run the server as the `postgres` user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class PgServer:
    """A running throw-away PostgreSQL cluster."""

    bin_dir: Path
    root: Path
    port: int = 0
    user: str = "postgres"
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL for one database of this server."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """Create a fresh empty database and return its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={database}"

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            [
                str(self.bin_dir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                self.user,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n".join((*_SERVER_SETTINGS, f"unix_socket_directories = '{self.root}'", "")))
        for _attempt in range(5):  # another worker may grab the port between probe and bind
            self.port = _free_port()
            if self._try_start():
                return
        raise RuntimeError(f"PostgreSQL did not start; see {self.root / 'server.log'}")

    def _try_start(self) -> bool:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root}"
        command = [
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        ]
        return subprocess.run(_as_server_user(command), capture_output=True, check=False).returncode == 0

    def stop(self) -> None:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_server_user(command), capture_output=True, check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL cluster for this pytest process, removed afterwards."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL binaries not found: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin; "
            "install postgresql (CI does: .ci/run) to run the PostgreSQL tests"
        )
    server = PgServer(bin_dir=bin_dir, root=Path(tempfile.mkdtemp(prefix="waarborg-pg-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty PostgreSQL database for the test module."""
    return pg_server.create_database("mod")


@pytest.fixture
def fresh_pg_url(pg_server: PgServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_server.create_database("fn")


DB_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
# The organisation's databases may also be MariaDB (tests/mariadb_server.py); Waarborg's own store
# may not. Tests of enforcement on the organisation's databases opt in with
# `@pytest.mark.parametrize("db_kind", ORG_KINDS, indirect=True)` and take the store from `state_url`.
ORG_KINDS = [*DB_KINDS, pytest.param("mariadb", marks=pytest.mark.mariadb)]


@pytest.fixture(params=DB_KINDS)
def db_kind(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def db_urls(db_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """A factory: ``db_urls("crm")`` gives the URL of a new empty database of the current kind."""
    if db_kind == "sqlite":
        return lambda name: f"sqlite:///{tmp_path / name}.sqlite"
    if db_kind == "mariadb":
        return lambda name: request.getfixturevalue("mariadb_server").create_database(name)
    server: PgServer = request.getfixturevalue("pg_server")
    return lambda name: server.create_database(name)


@pytest.fixture
def state_url(db_kind: str, db_urls: Callable[[str], str], tmp_path: Path) -> str:
    """A new empty database for Waarborg's own store: of the current kind, but SQLite where the
    organisation's databases are MariaDB (the store runs on SQLite and PostgreSQL only)."""
    return f"sqlite:///{tmp_path / 'state'}.sqlite" if db_kind == "mariadb" else db_urls("state")


@pytest.fixture
def db_url(db_urls: Callable[[str], str]) -> str:
    """One new empty database, on SQLite and on PostgreSQL."""
    return db_urls("main")
