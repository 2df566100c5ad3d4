"""The naive baseline of benchmark (c): Waarborg's erasure done the way an ORM invites.

It must end in the SAME state as `waarborg request erase` for the person — the same rows deleted,
the same columns masked with the same strategies, the same values kept under holds, the other
database handled too, ledger rows and the suppression entry written — but done naively:

- SQLAlchemy automap classes reflected from the live databases;
- the person found by following references one object at a time (a query per object and
  reference: N+1), under the same rules as `find_person` (e-mail identities normalised; up a
  reference only into tables that identify people);
- every row decided in Python by the same lawful-keep function, every erased value computed in
  Python (keyed hash, pseudonym, fixed text, NULL) and set on the object, one flush per row;
- one ledger row per erased row (row count 1) in Waarborg's store, committed before the
  organisation's databases, like Waarborg's write-ahead.

`bench_requests.py` runs it on a copy of the database and asserts that both copies end equal.
"""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Any

from sqlalchemy.ext.automap import automap_base
from sqlalchemy.orm import Session

from waarborg.consent import suppression
from waarborg.datasets.erase import holds_data, identity_kinds, keyed_hash, pseudonym, strategy_to_json
from waarborg.datasets.graph import Edge, bound_tables, reference_edges
from waarborg.datasets.identities import identity_hash, normalise_identity, normalised_sql
from waarborg.register.binding import ErasureStrategy, FixedText, TableBinding
from waarborg.retention.keep import decide_column, decide_row
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

Node = tuple[str, str]


class NaiveOrm:
    """Row-by-row erasure through ORM classes reflected from the live databases."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.register = workspace.register
        self.connections = workspace.connections()
        self.tables = bound_tables(self.register)
        self.edges = reference_edges(self.register)
        self.classes: dict[Node, Any] = {}
        for system in {system for system, _ in self.tables}:
            base = automap_base()
            only = [table for owner, table in self.tables if owner == system]
            with warnings.catch_warnings():  # the indexes on normalised e-mail are expressions automap skips
                warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
                base.prepare(autoload_with=self.connections.engine(system), reflection_options={"only": only})
            for table in only:
                self.classes[(system, table)] = getattr(base.classes, table)

    def erase(self, kind: str, value: str, now: datetime) -> list[tuple[str, str, tuple[str, ...]]]:
        """Find and erase the person one row at a time; returns the ledger rows as (table, action, columns)."""
        key = self.workspace.erasure_key()
        sessions = {system: Session(self.connections.engine(system)) for system in {s for s, _ in self.tables}}
        try:
            found = self._find(sessions, kind, value)
            ledger: list[ErasureLedgerEntry] = []
            for node, objects in found.items():
                for obj in objects:
                    ledger += self._erase_row(sessions[node[0]], node, obj, now, key, kind, value)
            with self.workspace.store.session() as store:  # write-ahead: the ledger first
                store.add_all(ledger)
                if any(self._marketing(node) for node in found):
                    suppression.add(store, key, kind, value, "erased")
            for session in sessions.values():
                session.commit()
            return [(e.table_name, e.action, tuple(sorted(e.columns))) for e in ledger]
        finally:
            for session in sessions.values():
                session.close()

    def _find(self, sessions: dict[str, Session], kind: str, value: str) -> dict[Node, list[Any]]:
        found: dict[Node, dict[Any, Any]] = {}
        frontier: list[tuple[Node, Any]] = []
        for node, binding in self.tables.items():
            if kind in binding.identities:
                cls, session = self.classes[node], sessions[node[0]]
                column = normalised_sql(session.bind.dialect.name, kind, getattr(cls, binding.identities[kind]))
                frontier += [
                    (node, obj) for obj in session.query(cls).filter(column == normalise_identity(kind, value))
                ]
        while frontier:
            node, obj = frontier.pop()
            pk = getattr(obj, self.tables[node].primary_key)
            if pk in found.setdefault(node, {}):
                continue
            found[node][pk] = obj
            for edge in self.edges:
                frontier += self._neighbours(sessions, edge, node, obj)
        return {node: list(objects.values()) for node, objects in found.items()}

    def _neighbours(self, sessions: dict[str, Session], edge: Edge, node: Node, obj: Any) -> list[tuple[Node, Any]]:
        """One query per object and reference: children pointing at it, or the person it points at."""
        if edge.parent == node and getattr(obj, edge.target_column) is not None:
            cls = self.classes[edge.child]
            query = (
                sessions[edge.child[0]].query(cls).filter(getattr(cls, edge.column) == getattr(obj, edge.target_column))
            )
            return [(edge.child, child) for child in query]
        if edge.child == node and self.tables[edge.parent].identities and getattr(obj, edge.column) is not None:
            cls = self.classes[edge.parent]
            query = (
                sessions[edge.parent[0]]
                .query(cls)
                .filter(getattr(cls, edge.target_column) == getattr(obj, edge.column))
            )
            return [(edge.parent, parent) for parent in query]
        return []

    def _erase_row(
        self, session: Session, node: Node, obj: Any, now: datetime, key: bytes, kind: str, value: str
    ) -> list[ErasureLedgerEntry]:
        """Decide one row in Python and erase it with its own flush; its ledger row, if it changed."""
        binding = self.tables[node]
        row = {column.key: getattr(obj, column.key) for column in obj.__table__.columns}
        strategies = {name: column.erase for name, column in binding.columns.items()}
        deletes = binding.row_erasure == "delete" or "delete" in strategies.values()
        if deletes and not decide_row(self.register, binding, row, now, erasure_request=True).keep:
            session.delete(obj)
            session.flush()
            return [self._entry(node, {}, "delete", key, kind, value)]  # as Waarborg: a deletion names no columns
        erased: dict[str, ErasureStrategy] = {}
        for name, strategy in strategies.items():
            if strategy == "keep" or decide_column(self.register, binding, name, row, now, erasure_request=True).keep:
                continue
            erased[name] = strategy
            if holds_data(row[name], strategy):
                setattr(obj, name, _erased_value(binding, name, strategy, row[name], key))
        session.flush()
        changed = any(holds_data(row[name], strategy) for name, strategy in erased.items())
        return [self._entry(node, erased, "mask", key, kind, value)] if changed else []

    def _entry(
        self, node: Node, columns: dict[str, ErasureStrategy], action: str, key: bytes, kind: str, value: str
    ) -> ErasureLedgerEntry:
        return ErasureLedgerEntry(
            identity_kind=kind, identity_hash=identity_hash(key, kind, value), system=node[0], table_name=node[1],
            columns={name: strategy_to_json(s) for name, s in columns.items()}, action=action, source="request",
            row_count=1,
        )  # fmt: skip

    def _marketing(self, node: Node) -> bool:
        activities = self.tables[node].activities
        return any(self.register.activities[a].direct_marketing is not None for a in activities)


def _erased_value(binding: TableBinding, column: str, strategy: ErasureStrategy, value: Any, key: bytes) -> Any:
    if isinstance(strategy, FixedText):
        return strategy.fixed
    if strategy == "hash":
        kind = identity_kinds(binding).get(column)
        return identity_hash(key, kind, str(value)) if kind else keyed_hash(key, str(value))
    if strategy == "pseudonym":
        return pseudonym(key, str(value))
    return None
