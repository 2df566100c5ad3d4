"""The harness of the exact-count tests: demo workspaces, snapshots of every bound table, and the
rows that really changed between two snapshots.

Every count Waarborg reports or audits is compared with what a snapshot before and after shows,
so a count that adds up statement row counts, counts planned rows, or counts a row twice fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import TableClause

from waarborg.datasets.erase import table_clause
from waarborg.datasets.graph import bound_tables
from waarborg.demo import build_demo
from waarborg.store.models import AuditEntry
from waarborg.workspace import Workspace, open_workspace

AS_OF = date(2025, 6, 1)
KEY = "c" * 40
Node = tuple[str, str]
Snapshot = dict[Node, dict[Any, dict[str, Any]]]


def demo_workspace(root: Path, db_kind: str, db_urls: Callable[[str], str], persons: int, seed: int) -> Workspace:
    """A demo of `persons` people built with `seed`, on SQLite, PostgreSQL or MariaDB, its store of
    the same kind (SQLite beside MariaDB: Waarborg's store runs on SQLite and PostgreSQL only)."""
    server = db_urls("org") if db_kind != "sqlite" else None
    demo = build_demo(root, persons=persons, seed=seed, as_of=AS_OF, postgres_url=server)
    state = f"sqlite:///{root.parent / 'state.sqlite'}" if db_kind == "mariadb" else db_urls("state")
    env = {**demo.env, "WAARBORG_ERASURE_KEY": KEY, "WAARBORG_DATABASE_URL": state}
    return open_workspace(demo.register_path, env)


def _table(workspace: Workspace, system: str, table: str) -> TableClause:
    columns = inspect(workspace.connections().engine(system)).get_columns(table)
    names = [c["name"] for c in columns if "computed" not in c]  # MariaDB's indexed virtual columns: derived
    return table_clause(table, names)


def snapshot(workspace: Workspace) -> Snapshot:
    """Every row of every bound table, by primary key."""
    out: Snapshot = {}
    for (system, name), binding in bound_tables(workspace.register).items():
        table = _table(workspace, system, name)
        with workspace.connections().engine(system).connect() as conn:
            rows = [dict(row._mapping) for row in conn.execute(select(table))]
        out[(system, name)] = {row[binding.primary_key]: row for row in rows}
    return out


def restore(workspace: Workspace, saved: Snapshot) -> None:
    """Put every bound table back as it was in `saved` (a backup restore)."""
    for (system, name), rows in saved.items():
        table = _table(workspace, system, name)
        with workspace.connections().engine(system).begin() as conn:
            conn.execute(delete(table))
            if rows:
                conn.execute(insert(table), list(rows.values()))


@dataclass
class TableChange:
    """What really happened to one table: rows deleted, and per changed row the columns that changed."""

    deleted: set[Any] = field(default_factory=set)
    changed: dict[Any, set[str]] = field(default_factory=dict)
    inserted: set[Any] = field(default_factory=set)

    @property
    def rows(self) -> int:
        return len(self.deleted) + len(self.changed)

    def rows_touching(self, columns: set[str], deleted: bool) -> int:
        """Rows whose change involves one of `columns` (plus the deleted rows, when `deleted`)."""
        touched = sum(1 for changed in self.changed.values() if changed & columns)
        return touched + (len(self.deleted) if deleted else 0)


def changes(before: Snapshot, after: Snapshot) -> dict[Node, TableChange]:
    """Per table, what differs between two snapshots (tables without a difference are left out)."""
    out: dict[Node, TableChange] = {}
    for node, old in before.items():
        new = after[node]
        change = TableChange(set(old) - set(new), inserted=set(new) - set(old))
        for key in set(old) & set(new):
            columns = {name for name, value in old[key].items() if new[key][name] != value}
            if columns:
                change.changed[key] = columns
        if change.rows or change.inserted:
            out[node] = change
    return out


def rows_per_table(found: dict[Node, TableChange]) -> dict[str, int]:
    """`{"crm.persons": 3, ...}` for the tables where rows changed."""
    return {f"{s}.{t}": change.rows for (s, t), change in found.items() if change.rows}


def last_audit(session: Session, action: str) -> dict[str, Any]:
    """The detail of the newest audit entry with this action."""
    query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc()).limit(1)
    entry = session.execute(query).scalar_one()
    return dict(entry.detail)
