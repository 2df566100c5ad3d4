"""A real MariaDB server for the test suite, started and stopped by the tests themselves.

Many small organisations keep their people in MariaDB/MySQL behind a website, so the enforcement
tests also run against a live MariaDB. The pattern is the PostgreSQL one (tests/pg_server.py):

- ``mariadb_server`` (session): one throw-away server per pytest process, its data directory in a
  temp dir and its TCP port a free loopback one (each xdist worker gets its own, so
  ``-n 2 --dist loadfile`` needs no coordination; the unix socket lives in the same temp dir, so it
  never clashes with a system MariaDB);
- ``mariadb_url`` (module): a SQLAlchemy URL to a fresh, empty database for the test module;
- ``fresh_mariadb_url`` (function): a fresh, empty database for one test.

The server runs with durability switched off (no binary log, no flush at commit, no doublewrite):
a test server is thrown away, its speed matters (``mariadb_binlog_server``, session, is a second one
with the binary log on, for what the binary log keeps of an erasure). ``root`` logs in over TCP
without a password, a user ``mariadb-install-db`` creates for this data directory only. As root
(CI) the server runs with ``--user=root``, which mariadbd otherwise refuses.

When the binaries are missing the MariaDB tests are skipped with a loud reason (CI installs them).
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

_SERVER = ("mariadbd", "/usr/sbin/mariadbd")
_INSTALL = ("mariadb-install-db", "/usr/bin/mariadb-install-db")
# Speed over durability; utf8mb4 as every current MariaDB/MySQL install (and WordPress) uses.
_FAST = (
    "--innodb-flush-log-at-trx-commit=0",
    "--innodb-doublewrite=0",
    "--innodb-buffer-pool-size=64M",
    "--innodb-log-file-size=16M",
    "--skip-log-bin",
    "--skip-name-resolve",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_general_ci",
    "--max-connections=80",
    "--skip-host-cache",
)
_START_TIMEOUT = 60.0


def _find(names: tuple[str, ...]) -> Path | None:
    on_path = shutil.which(names[0])
    if on_path:
        return Path(on_path)
    return next((Path(name) for name in names[1:] if Path(name).exists()), None)


def find_mariadb() -> tuple[Path, Path] | None:
    """mariadbd and mariadb-install-db: PATH first, then Debian's /usr/sbin and /usr/bin."""
    server, install = _find(_SERVER), _find(_INSTALL)
    return (server, install) if server and install else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _user_option() -> list[str]:
    # mariadbd refuses to run as root unless told to; otherwise it runs as whoever starts it.
    return ["--user=root"] if os.geteuid() == 0 else []


@dataclass
class MariaDbServer:
    """A running throw-away MariaDB server."""

    server_bin: Path
    install_bin: Path
    root: Path
    port: int = 0
    user: str = "root"
    process: subprocess.Popen[bytes] | None = None
    extra: tuple[str, ...] = ()  # options after the fast ones (they win): e.g. the binary log on
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str) -> str:
        """SQLAlchemy URL for one database of this server (PyMySQL, the product's driver)."""
        return f"mysql+pymysql://{self.user}@127.0.0.1:{self.port}/{database}?charset=utf8mb4"

    def create_database(self, prefix: str = "t") -> str:
        """Create a fresh empty database and return its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        self.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        return self.url(name)

    def execute(self, statement: str) -> None:
        """Run one administrative statement as root (autocommit)."""
        import pymysql

        conn = pymysql.connect(host="127.0.0.1", port=self.port, user=self.user, autocommit=True)
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement)
        finally:
            conn.close()

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._install()
        for _attempt in range(5):  # another worker may grab the port between probe and bind
            self.port = _free_port()
            if self._try_start():
                return
        raise RuntimeError(f"MariaDB did not start; see {self.log_path}")

    def _options(self) -> list[str]:
        return ["--no-defaults", f"--datadir={self.data_dir}", *_user_option()]

    def _install(self) -> None:
        command = [
            str(self.install_bin),
            *self._options(),
            "--auth-root-authentication-method=normal",  # root without password, this data dir only
            "--skip-test-db",
            "--innodb-log-file-size=16M",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"mariadb-install-db failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    def _try_start(self) -> bool:
        command = [
            str(self.server_bin),
            *self._options(),
            f"--port={self.port}",
            "--bind-address=127.0.0.1",
            f"--socket={self.root / 'mariadb.sock'}",
            f"--pid-file={self.root / 'mariadb.pid'}",
            f"--log-error={self.log_path}",
            *_FAST,
            *self.extra,
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # exited: most likely the port was taken
            if self._answers():
                return True
            time.sleep(0.1)
        self._kill()
        return False

    def _answers(self) -> bool:
        import pymysql

        try:
            pymysql.connect(host="127.0.0.1", port=self.port, user=self.user, connect_timeout=1).close()
        except pymysql.err.OperationalError:
            return False
        return True

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)  # nothing to keep: the data dir is removed next
            self.process.wait(timeout=30)

    def stop(self) -> None:
        self._kill()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDbServer]:
    """One MariaDB server for this pytest process, removed afterwards."""
    found = find_mariadb()
    if found is None:
        pytest.skip(
            "MariaDB binaries not found: no mariadbd/mariadb-install-db on PATH or in /usr/sbin, /usr/bin; "
            "install mariadb-server (CI does: .ci/run) to run the MariaDB tests"
        )
    server = MariaDbServer(server_bin=found[0], install_bin=found[1], root=Path(tempfile.mkdtemp(prefix="wb-mdb-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def binlog_options(root: Path, expire_seconds: int) -> tuple[str, ...]:
    """The binary log on, in ROW format, in the server's temp dir, files kept `expire_seconds`."""
    return (f"--log-bin={root / 'binlog'}", "--server-id=1", "--binlog-format=ROW",
            f"--binlog-expire-logs-seconds={expire_seconds}")


BINLOG_EXPIRE_SECONDS = 3 * 86400


@pytest.fixture(scope="session")
def mariadb_binlog_server() -> Iterator[MariaDbServer]:
    """A second MariaDB server for this pytest process with the binary log ON (ROW format, files
    kept three days), as replication or point-in-time recovery would have it."""
    found = find_mariadb()
    if found is None:
        pytest.skip("MariaDB binaries not found: install mariadb-server (CI does: .ci/run)")
    root = Path(tempfile.mkdtemp(prefix="wb-mdb-binlog-"))
    server = MariaDbServer(server_bin=found[0], install_bin=found[1], root=root,
                           extra=binlog_options(root, BINLOG_EXPIRE_SECONDS))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def mariadb_url(mariadb_server: MariaDbServer) -> str:
    """A fresh, empty MariaDB database for the test module."""
    return mariadb_server.create_database("mod")


@pytest.fixture
def fresh_mariadb_url(mariadb_server: MariaDbServer) -> str:
    """A fresh, empty MariaDB database for one test."""
    return mariadb_server.create_database("fn")
