"""What a MariaDB/MySQL server may keep of erased values, read from the live server.

After an erasure the value's bytes may survive in (MariaDB's own `mariadbd --verbose --help`
and man pages say why):

- **the binary log** (replication, point-in-time recovery): every change is written to it, the
  old row image too in `ROW` format (`binlog_row_image=FULL` logs every column of the before
  image), and the organisation's own INSERTs of the person in any format. A file goes when it is
  older than `binlog_expire_logs_seconds` / `expire_logs_days` ("possible purges happen at startup
  and at binary log rotation"; 0 keeps it for ever), or by `PURGE BINARY LOGS`. This decides: the
  last erasure's values are in the binary log until its files expire.
- **system-versioned tables** (`WITH SYSTEM VERSIONING`) keep every old row version as a history
  row until `DELETE HISTORY`: decided per table (`waarborg.retention.traces`).
- **InnoDB's undo log**: old row versions wait there for the purge thread; the history list
  length (`trx_rseg_history_len`) is shown as information: it lags, like PostgreSQL's statistics.
- **freed space in a page**: without `innodb_immediate_scrub_data_uncompressed` ("Enable
  scrubbing of data") a deleted record keeps its bytes until InnoDB reuses the space.
- **the general and slow query logs** record statements as text, values included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

VARIABLES = (
    "log_bin", "binlog_format", "binlog_row_image", "binlog_expire_logs_seconds", "expire_logs_days",
    "innodb_immediate_scrub_data_uncompressed", "general_log", "slow_query_log",
)
STATEMENT_LOGS = ("general_log", "slow_query_log")


@dataclass(frozen=True)
class BinaryLog:
    """The server's binary log settings: on or off, its format, and how long files are kept."""

    on: bool
    format: str | None
    row_image: str | None
    expire_seconds: int  # 0: the server never removes a file itself


@dataclass(frozen=True)
class ServerTraces:
    """What one MariaDB/MySQL server of a bound system may keep of its last erasure."""

    system: str
    last_erased: datetime  # the ledger's latest erasure in this system, UTC
    binary_log: BinaryLog
    history_length: int | None  # InnoDB undo records not yet purged; None: not exposed to this user
    scrubbing: bool | None  # None: the server has no such setting (MySQL)
    statement_logs: tuple[str, ...]  # general_log / slow_query_log where on

    @property
    def binlog_expires(self) -> datetime | None:
        """When the server may remove the last erasure's binlog files (None: log off, or never)."""
        if not self.binary_log.on or self.binary_log.expire_seconds == 0:
            return None
        return self.last_erased + timedelta(seconds=self.binary_log.expire_seconds)

    def binlog_holds_erasures(self, now: datetime) -> bool:
        """True while the binary log is on and the last erasure's files have not expired."""
        if not self.binary_log.on:
            return False
        expires = self.binlog_expires
        return expires is None or expires > now


def read_server_traces(conn: Connection, system: str, last_erased: datetime) -> ServerTraces:
    """Read the settings and counters above from the server behind `conn`."""
    values = server_variables(conn)
    logs = tuple(name for name in STATEMENT_LOGS if _on(values.get(name)))
    scrub = values.get("innodb_immediate_scrub_data_uncompressed")
    return ServerTraces(system, last_erased, binary_log(values), history_length(conn),
                        None if scrub is None else _on(scrub), logs)


def server_variables(conn: Connection) -> dict[str, str]:
    """The global variables Waarborg reads (absent where the server has no such variable)."""
    names = ", ".join(f"'{name}'" for name in VARIABLES)
    rows = conn.exec_driver_sql(f"SHOW GLOBAL VARIABLES WHERE Variable_name IN ({names})").all()
    return {str(name).lower(): str(value) for name, value in rows}


def binary_log(values: dict[str, str]) -> BinaryLog:
    """The binary log from the variables; seconds win over days where both are set (as in MySQL 8)."""
    seconds = int(values.get("binlog_expire_logs_seconds") or 0)
    if seconds == 0:
        seconds = round(float(values.get("expire_logs_days") or 0) * 86400)
    return BinaryLog(_on(values.get("log_bin")), values.get("binlog_format"), values.get("binlog_row_image"), seconds)


def history_length(conn: Connection) -> int | None:
    """InnoDB's history list length, where INNODB_METRICS exposes it (it needs PROCESS)."""
    query = text("SELECT * FROM information_schema.INNODB_METRICS WHERE NAME = 'trx_rseg_history_len'")
    try:
        row = conn.execute(query).mappings().first()
    except DBAPIError:
        return None
    if row is None:
        return None
    metric = {str(key).lower(): value for key, value in row.items()}
    if not _enabled(metric):
        return None  # a disabled counter reads 0: that would be a figure the server did not give
    return int(metric["count"])


def _enabled(metric: dict[str, Any]) -> bool:
    if "enabled" in metric:  # MariaDB: 1/0
        return bool(metric["enabled"])
    return str(metric.get("status", "enabled")).lower() == "enabled"  # MySQL


def versioned_history(conn: Connection, tables: list[str]) -> dict[str, int]:
    """History rows per system-versioned table among `tables` (other tables are left out)."""
    query = text(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_type = 'SYSTEM VERSIONED'"
    )
    versioned = {str(name) for name in conn.execute(query).scalars()} & set(tables)
    quote = conn.dialect.identifier_preparer.quote
    out: dict[str, int] = {}
    for table in sorted(versioned):
        name = quote(table)
        count = f"SELECT (SELECT count(*) FROM {name} FOR SYSTEM_TIME ALL) - (SELECT count(*) FROM {name})"
        out[table] = int(conn.exec_driver_sql(count).scalar() or 0)
    return out


def _on(value: str | None) -> bool:
    return str(value).upper() in ("ON", "1", "YES", "TRUE")
