"""What an erasure may leave behind in the organisation's database engines, per bound table.

SQLite: Waarborg erases with `secure_delete` on and truncates the WAL after each erasure, so the
values are gone from the file (`waarborg.datasets.connect.flush_erased`); only pages freed
before, by the organisation's own software, may still hold older values (VACUUM rewrites them).

PostgreSQL: an UPDATE or DELETE leaves the old row version in the table as a dead tuple until
VACUUM reclaims it (readable to anyone with the data files), and in the WAL until the segment
is recycled; backups and replicas keep their copies. So after erasures Waarborg names the tables
whose dead tuples may still hold erased values: the ledger erased in them, and the statistics
show dead tuples, or no (auto)vacuum since the last erasure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select, text

from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

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
    dead_tuples: int | None = None  # PostgreSQL: row versions VACUUM has not reclaimed yet
    vacuumed: datetime | None = None  # PostgreSQL: the last VACUUM or autovacuum
    free_pages: int | None = None  # SQLite: pages on the free list (VACUUM rewrites the file)

    @property
    def needs_vacuum(self) -> bool:
        """PostgreSQL only: dead tuples, or no vacuum since the last erasure."""
        if self.dialect != "postgresql":
            return False
        return bool(self.dead_tuples) or self.vacuumed is None or self.vacuumed < self.last_erased


def erased_tables(workspace: Workspace) -> dict[tuple[str, str], datetime]:
    """(system, table) -> the latest erasure the ledger records there."""
    query = select(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name, func.max(ErasureLedgerEntry.erased_at))
    with workspace.store.session() as session:
        rows = session.execute(query.group_by(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name)).all()
    return {(system, table): erased for system, table, erased in rows}


def erasure_traces(workspace: Workspace) -> list[TableTraces]:
    """Per table the ledger erased in (and the register still binds): the engine's traces."""
    erased = erased_tables(workspace)
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
        free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0) if dialect == "sqlite" else None
    return [TableTraces(system, table, dialect, moment, free_pages=free) for table, moment in sorted(tables.items())]
