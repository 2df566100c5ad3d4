"""What an erasure may leave behind in the organisation's database engines, per bound table.

SQLite: Waarborg erases with `secure_delete` on and truncates the WAL after each erasure, so the
values are gone from the file (`waarborg.datasets.connect.flush_erased`); only pages freed
before, by the organisation's own software, may still hold older values (VACUUM rewrites them).

PostgreSQL: an UPDATE or DELETE leaves the old row version in the table as a dead tuple until
VACUUM reclaims it (readable to anyone with the data files), and in the WAL until the segment
is recycled; backups and replicas keep their copies. So after erasures Waarborg names the tables
whose dead tuples may still hold erased values: the ledger erased in them and no (auto)vacuum
has run since. The statistics' dead-tuple count is shown but does not decide: a backend reports
its counts up to seconds later, so they can arrive after the VACUUM that removed the tuples.

MariaDB/MySQL: the binary log and system-versioned tables decide, the undo log's backlog is
information (`waarborg.retention.mariadb_traces`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, func, select, text

from waarborg.datasets import mariadb_sql
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

from .mariadb_traces import ServerTraces, read_server_traces, versioned_history
from .sweep import naive_utc  # the store gives naive UTC on SQLite, aware on PostgreSQL

PG_STATS = text(
    "SELECT relname, n_dead_tup, greatest(last_vacuum, last_autovacuum) AS vacuumed "
    "FROM pg_stat_user_tables WHERE schemaname = current_schema()"
)


@dataclass(frozen=True)
class TableTraces:
    """A bound table the ledger erased in, and what its engine may still hold."""

    system: str
    table: str
    dialect: str
    last_erased: datetime
    dead_tuples: int | None = None  # PostgreSQL: dead row versions by the statistics (they lag)
    vacuumed: datetime | None = None  # PostgreSQL: the last VACUUM or autovacuum
    free_pages: int | None = None  # SQLite: pages on the free list (VACUUM rewrites the file)
    history_rows: int | None = None  # MariaDB: a system-versioned table's history rows (None: not versioned)

    @property
    def needs_vacuum(self) -> bool:
        """PostgreSQL only: no VACUUM or autovacuum since the last erasure."""
        if self.dialect != "postgresql":
            return False
        return self.vacuumed is None or self.vacuumed < self.last_erased

    @property
    def keeps_history(self) -> bool:
        """MariaDB only: a system-versioned table still has history rows (old row versions)."""
        return bool(self.history_rows)


@dataclass(frozen=True)
class TracesReport:
    """The tables' traces and, per MariaDB/MySQL system, its server's (`mariadb_traces`)."""

    now: datetime
    tables: list[TableTraces]
    servers: list[ServerTraces] = field(default_factory=list)

    @property
    def to_vacuum(self) -> list[TableTraces]:
        return [item for item in self.tables if item.needs_vacuum]

    @property
    def with_history(self) -> list[TableTraces]:
        return [item for item in self.tables if item.keeps_history]

    @property
    def in_binlog(self) -> list[ServerTraces]:
        return [server for server in self.servers if server.binlog_holds_erasures(self.now)]

    @property
    def clear(self) -> bool:
        """Nothing left that decides: exit status 0."""
        return not (self.to_vacuum or self.with_history or self.in_binlog)


def erased_tables(workspace: Workspace) -> dict[tuple[str, str], datetime]:
    """(system, table) -> the latest erasure the ledger records there."""
    query = select(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name, func.max(ErasureLedgerEntry.erased_at))
    with workspace.store.session() as session:
        rows = session.execute(query.group_by(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name)).all()
    return {(system, table): erased for system, table, erased in rows}


def erasure_report(workspace: Workspace, now: datetime) -> TracesReport:
    """The tables' traces, and what each MariaDB/MySQL server keeps of its last erasure."""
    erased = erased_tables(workspace)
    connections = workspace.connections()
    servers: list[ServerTraces] = []
    for system in connections.bound_systems():
        moments = [naive_utc(moment) for (s, _), moment in erased.items() if s == system]
        engine = connections.engine(system)
        if moments and mariadb_sql.is_mariadb(engine.dialect.name):
            with engine.connect() as conn:
                servers.append(read_server_traces(conn, system, max(moments)))
    return TracesReport(naive_utc(now), erasure_traces(workspace, erased), servers)


def erasure_traces(
    workspace: Workspace, erased: dict[tuple[str, str], datetime] | None = None
) -> list[TableTraces]:
    """Per table the ledger erased in (and the register still binds): the engine's traces
    (`erased`: `erased_tables`, when the caller read it already)."""
    erased = erased_tables(workspace) if erased is None else erased
    connections = workspace.connections()
    found: list[TableTraces] = []
    for system in connections.bound_systems():
        tables = {table: moment for (s, table), moment in erased.items() if s == system}
        if tables:
            found += _system_traces(connections.engine(system), system, tables)
    return found


def _system_traces(engine: Engine, system: str, tables: dict[str, datetime]) -> list[TableTraces]:
    dialect = engine.dialect.name
    with engine.connect() as conn:
        if dialect == "postgresql":
            stats = {row.relname: (row.n_dead_tup, row.vacuumed) for row in conn.execute(PG_STATS)}
            return [TableTraces(system, table, dialect, moment, *stats.get(table, (None, None)))
                    for table, moment in sorted(tables.items())]
        if mariadb_sql.is_mariadb(dialect):
            history = versioned_history(conn, list(tables))
            return [TableTraces(system, table, dialect, moment, history_rows=history.get(table))
                    for table, moment in sorted(tables.items())]
        free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0) if dialect == "sqlite" else None
    return [TableTraces(system, table, dialect, moment, free_pages=free) for table, moment in sorted(tables.items())]
