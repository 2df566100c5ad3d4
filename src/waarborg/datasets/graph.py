"""Finding a person across tables and databases: identities, then references in both directions.

A search starts in every bound table that carries the identity kind (`email`, `member_number`,
...) and follows references, set-based (one query per table and hop with an IN list), until no
new rows turn up:

- *down* a reference (a child row that points at a found row: the person's invoices) always;
- *up* a reference (the row a found row points at) only into tables that identify people
  themselves. A row every registration points at (an event, a course) is not the person's data,
  and walking back down from it would pull in everyone else who registered.

A reference into another system's database (`newsletter.subscribers.email -> crm.persons.email`)
is followed by value, the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, or_, select, text
from sqlalchemy.sql import TableClause

from waarborg.register import Register
from waarborg.register.binding import TableBinding

from .connect import Connections
from .erase import CHUNK, hash_expr, table_clause

Node = tuple[str, str]  # (system, table)


@dataclass
class PersonRows:
    """The rows of one table that belong to the person, by primary key."""

    system: str
    table: str
    primary_key: str
    keys: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    """`child.column` holds the same value as `parent.target_column`."""

    child: Node
    column: str
    parent: Node
    target_column: str


def bound_tables(register: Register) -> dict[Node, TableBinding]:
    """Every bound table of every system, keyed by (system, table)."""
    return {
        (system_key, table_key): table
        for system_key, system in register.systems.items()
        if system.database is not None
        for table_key, table in system.database.tables.items()
    }


def reference_edges(register: Register) -> list[Edge]:
    """All references of the register as edges between bound tables."""
    edges = []
    for (system, table_key), table in bound_tables(register).items():
        for column, target in table.references.items():
            parts = target.split(".")
            parent = (system, parts[0]) if len(parts) == 2 else (parts[0], parts[1])
            edges.append(Edge((system, table_key), column, parent, parts[-1]))
    return edges


Seed = Callable[[str, TableClause, ColumnElement[Any]], ColumnElement[bool]]


def find_person(register: Register, connections: Connections, identity_kind: str, value: str) -> list[PersonRows]:
    """All rows of the person identified by `identity_kind = value`, across tables and databases."""
    return _search(register, connections, identity_kind, lambda _dialect, _table, col: col == value)


def find_person_by_hash(
    register: Register, connections: Connections, identity_kind: str, identity_hash: str, key: bytes
) -> list[PersonRows]:
    """Like `find_person`, but matching the keyed hash of the identity (computed in SQL): a backup
    replay knows people only by the hash in the erasure ledger."""
    return find_people_by_hashes(register, connections, identity_kind, [identity_hash], key)


def find_people_by_hashes(
    register: Register, connections: Connections, identity_kind: str, hashes: Sequence[str], key: bytes
) -> list[PersonRows]:
    """The rows of everyone whose identity hashes to one of `hashes`.

    A column erased by the `hash` strategy holds the keyed hash itself, so it matches as it is:
    the person stays findable (for a replay) after their e-mail address was replaced by its hash.
    """
    wanted = sorted(set(hashes))

    def seed(dialect: str, _table: TableClause, col: ColumnElement[Any]) -> ColumnElement[bool]:
        return or_(hash_expr(dialect, col, key).in_(wanted), col.in_(wanted))

    return _search(register, connections, identity_kind, seed)


def _search(register: Register, connections: Connections, kind: str, seed: Seed) -> list[PersonRows]:
    tables = bound_tables(register)
    found: dict[Node, set[Any]] = defaultdict(set)
    frontier: dict[Node, set[Any]] = defaultdict(set)
    for node, table in tables.items():
        if kind in table.identities:
            keys = _seed_keys(connections, node, table, kind, seed)
            found[node] |= keys
            frontier[node] |= keys
    edges = reference_edges(register)
    while any(frontier.values()):
        frontier = _hop(connections, tables, edges, frontier, found)
    return [
        PersonRows(system, table_key, tables[(system, table_key)].primary_key, sorted(keys, key=_sort_key))
        for (system, table_key), keys in found.items()
        if keys
    ]


def _sort_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)


def _seed_keys(connections: Connections, node: Node, table: TableBinding, kind: str, seed: Seed) -> set[Any]:
    column = table.identities[kind]
    target = table_clause(node[1], [table.primary_key, column])
    with connections.engine(node[0]).connect() as conn:
        condition = seed(conn.dialect.name, target, target.c[column])
        return set(conn.execute(select(target.c[table.primary_key]).where(condition)).scalars())


def _hop(
    connections: Connections,
    tables: dict[Node, TableBinding],
    edges: list[Edge],
    frontier: dict[Node, set[Any]],
    found: dict[Node, set[Any]],
) -> dict[Node, set[Any]]:
    """One step outward from the newly found rows; returns the rows found for the first time."""
    fresh: dict[Node, set[Any]] = defaultdict(set)
    for edge in edges:
        if frontier.get(edge.parent) and edge.child in tables:
            values = _values(connections, edge.parent, tables[edge.parent], edge.target_column, frontier[edge.parent])
            fresh[edge.child] |= _keys_where(connections, edge.child, tables[edge.child], edge.column, values)
        if frontier.get(edge.child) and edge.parent in tables and tables[edge.parent].identities:
            values = _values(connections, edge.child, tables[edge.child], edge.column, frontier[edge.child])
            fresh[edge.parent] |= _keys_where(connections, edge.parent, tables[edge.parent], edge.target_column, values)
    for node in list(fresh):
        fresh[node] -= found[node]
        found[node] |= fresh[node]
    return fresh


def _values(connections: Connections, node: Node, table: TableBinding, column: str, keys: set[Any]) -> set[Any]:
    """Distinct non-NULL values of `column` in the rows with these keys."""
    target = table_clause(node[1], [table.primary_key, column])
    pk, col = target.c[table.primary_key], target.c[column]
    out: set[Any] = set()
    with connections.engine(node[0]).connect() as conn:
        for chunk in _chunks(keys):
            out |= set(conn.execute(select(col).distinct().where(pk.in_(chunk), col.is_not(None))).scalars())
    return out


def _keys_where(connections: Connections, node: Node, table: TableBinding, column: str, values: set[Any]) -> set[Any]:
    """Primary keys of the rows whose `column` holds one of `values`."""
    if not values:
        return set()
    target = table_clause(node[1], [table.primary_key, column])
    out: set[Any] = set()
    with connections.engine(node[0]).connect() as conn:
        for chunk in _chunks(values):
            out |= set(conn.execute(select(target.c[table.primary_key]).where(target.c[column].in_(chunk))).scalars())
    return out


def _chunks(values: set[Any]) -> list[list[Any]]:
    items = sorted(values, key=_sort_key)
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def fetch_rows(
    register: Register, connections: Connections, person_rows: Sequence[PersonRows]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every column of the person's rows, per (system, table), in primary-key order."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rows in person_rows:
        target = table_clause(rows.table, [rows.primary_key])
        pk = target.c[rows.primary_key]
        fetched: list[dict[str, Any]] = []
        with connections.engine(rows.system).connect() as conn:
            for start in range(0, len(rows.keys), CHUNK):
                query = select(text("*")).select_from(target).where(pk.in_(rows.keys[start : start + CHUNK]))
                fetched += [dict(row._mapping) for row in conn.execute(query.order_by(pk))]
        out[(rows.system, rows.table)] = fetched
    return out
