"""How many people a breach may concern, counted in the bound databases: a COUNT per table, no
row is read into Waarborg.

Tables that identify people (they carry `identities` in the binding) count people; every affected
table counts records. One person can appear in several identity tables, so the largest single
count is the minimum and their sum the maximum; both are what the AP's form asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, table
from sqlalchemy.exc import SQLAlchemyError

from waarborg.datasets.connect import BindingConnectionError, Connections, driver_message


@dataclass(frozen=True)
class TableCount:
    system: str
    table: str
    rows: int
    identifies_people: bool


@dataclass
class PeopleCount:
    """Counts per table; `minimum`/`maximum` are None when no identity table could be counted."""

    tables: list[TableCount] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "system.table: why it could not be counted"

    @property
    def records(self) -> int | None:
        return sum(t.rows for t in self.tables) if self.tables else None

    @property
    def minimum(self) -> int | None:
        people = [t.rows for t in self.tables if t.identifies_people]
        return max(people) if people else None

    @property
    def maximum(self) -> int | None:
        people = [t.rows for t in self.tables if t.identifies_people]
        return sum(people) if people else None


def count_people(connections: Connections, tables: list[tuple[str, str]]) -> PeopleCount:
    """COUNT(*) of each affected table; a database that cannot be reached is reported, not fatal."""
    result = PeopleCount()
    for system, table_name in tables:
        binding = connections.binding(system).tables[table_name]
        try:
            with connections.engine(system).connect() as connection:
                rows = int(connection.execute(select(func.count()).select_from(table(table_name))).scalar_one())
        except BindingConnectionError as exc:
            result.failures.append(f"{system}.{table_name}: {exc}")
            continue
        except SQLAlchemyError as exc:
            result.failures.append(f"{system}.{table_name}: {driver_message(exc)}")
            continue
        result.tables.append(TableCount(system, table_name, rows, bool(binding.identities)))
    return result
