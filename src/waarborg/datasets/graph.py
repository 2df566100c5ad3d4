"""Finding a person across tables and databases: identities, then references in both directions.

A search starts in every bound table that carries the identity kind (`email`, `member_number`,
...; e-mail addresses compared by the identity rule of `waarborg.datasets.identities`, so
``Jan@Example.nl `` is found by ``jan@example.nl``) and follows references, set-based (one query
per table and hop, all values at once), until no new rows turn up:

- *down* a reference (a child row that points at a found row: the person's invoices) always;
- *up* a reference (the row a found row points at) only into tables that identify people
  themselves. A row every registration points at (an event, a course) is not the person's data,
  and walking back down from it would pull in everyone else who registered.

A reference into another system's database (`newsletter.subscribers.email -> crm.persons.email`)
is followed by value, the same way.

Every query reads whole rows (`waarborg.datasets.lookup`), so a reference is followed from the
values already read, and a value whose rows are all known already (the person a child row points
back at, an address the search started from) is not asked for again. A typical person of the
demo costs about ten queries over one connection per database; `fetch_rows` then costs none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from waarborg.register import Register
from waarborg.register.binding import TableBinding

from .connect import Connections
from .lookup import Lookups, Row

Node = tuple[str, str]  # (system, table)


@dataclass
class PersonRows:
    """The rows of one table that belong to the person, by primary key.

    `rows` holds the rows as the search read them (in key order), which `fetch_rows` hands out
    without asking the database again; None when they were not read.
    """

    system: str
    table: str
    primary_key: str
    keys: list[Any] = field(default_factory=list)
    rows: list[Row] | None = field(default=None, repr=False, compare=False)


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


Seed = Callable[[Lookups, Node, TableBinding], list[Row]]


def find_person(register: Register, connections: Connections, identity_kind: str, value: str) -> list[PersonRows]:
    """All rows of the person identified by `identity_kind = value`, across tables and databases."""

    def seed(lookups: Lookups, node: Node, table: TableBinding) -> list[Row]:
        column = table.identities[identity_kind]
        return lookups.rows_with_identity(node[0], node[1], column, identity_kind, value)

    return _search(register, connections, identity_kind, seed)


def find_person_by_hash(
    register: Register, connections: Connections, identity_kind: str, identity_hash: str, key: bytes
) -> list[PersonRows]:
    """Like `find_person`, but matching the keyed hash of the identity (computed in SQL): a backup
    replay knows people only by the hash in the erasure ledger."""
    return find_people_by_hashes(register, connections, identity_kind, [identity_hash], key)


def find_people_by_hashes(
    register: Register, connections: Connections, identity_kind: str, hashes: Sequence[str], key: bytes,
    held: Callable[[str], Connection] | None = None,
) -> list[PersonRows]:
    """The rows of everyone whose identity hashes to one of `hashes` (`identities.identity_hash`).

    A column erased by the `hash` strategy holds the identity hash itself, so it matches as it is:
    the person stays findable (for a replay) after their e-mail address was replaced by its hash.
    """
    wanted = sorted(set(hashes))

    def seed(lookups: Lookups, node: Node, table: TableBinding) -> list[Row]:
        column = table.identities[identity_kind]
        return lookups.rows_with_identity_hash(node[0], node[1], column, identity_kind, wanted, key)

    return _search(register, connections, identity_kind, seed, held)


class _Found:
    """The rows found so far, and per (table, column) the values whose rows are all known."""

    def __init__(self, tables: dict[Node, TableBinding]):
        self.tables = tables
        self.rows: dict[Node, dict[Any, Row]] = defaultdict(dict)
        self._covered: dict[tuple[Node, str], set[Any]] = defaultdict(set)

    def covered(self, node: Node, column: str) -> set[Any]:
        """Values of `column` every row of which has been found (a primary key names one row)."""
        if column == self.tables[node].primary_key:
            return set(self.rows[node])
        return self._covered[(node, column)]

    def add(self, node: Node, rows: list[Row], column: str, asked: set[Any] | None = None) -> list[Row]:
        """Record rows read by asking `column` for `asked` (None: the values the rows hold); return the new ones."""
        self._covered[(node, column)] |= asked if asked is not None else {row[column] for row in rows}
        known, pk = self.rows[node], self.tables[node].primary_key
        fresh = [row for row in rows if row[pk] not in known]
        known.update((row[pk], row) for row in fresh)
        return fresh

    def person_rows(self) -> list[PersonRows]:
        out = []
        for (system, table), rows in self.rows.items():
            if rows:
                keys = sorted(rows, key=_sort_key)
                pk = self.tables[(system, table)].primary_key
                out.append(PersonRows(system, table, pk, keys, [rows[k] for k in keys]))
        return out


def _search(
    register: Register, connections: Connections, kind: str, seed: Seed, held: Callable[[str], Connection] | None = None
) -> list[PersonRows]:
    found = _Found(bound_tables(register))
    edges = reference_edges(register)
    with Lookups(connections, held) as lookups:
        frontier: dict[Node, list[Row]] = {}
        for node, table in found.tables.items():
            if kind in table.identities:
                # Every row holding one of the found raw values matches the seed as well.
                frontier[node] = found.add(node, seed(lookups, node, table), table.identities[kind])
        while any(frontier.values()):
            frontier = _hop(lookups, found, edges, frontier)
    return found.person_rows()


def _hop(lookups: Lookups, found: _Found, edges: list[Edge], frontier: dict[Node, list[Row]]) -> dict[Node, list[Row]]:
    """One step outward from the newly found rows; returns the rows found for the first time."""
    asks: list[tuple[Node, str, set[Any]]] = []
    for edge in edges:
        if frontier.get(edge.parent) and edge.child in found.tables:
            asks.append((edge.child, edge.column, _values(frontier[edge.parent], edge.target_column)))
        if frontier.get(edge.child) and edge.parent in found.tables and found.tables[edge.parent].identities:
            asks.append((edge.parent, edge.target_column, _values(frontier[edge.child], edge.column)))
    fresh: dict[Node, list[Row]] = defaultdict(list)
    for node, column, values in asks:
        new = values - found.covered(node, column)
        if new:
            fresh[node] += found.add(node, lookups.rows_where(node[0], node[1], column, new), column, new)
    return fresh


def _values(rows: list[Row], column: str) -> set[Any]:
    """Distinct non-NULL values of `column` in these rows."""
    return {row[column] for row in rows if row[column] is not None}


def _sort_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)


def fetch_rows(
    register: Register, connections: Connections, person_rows: Sequence[PersonRows]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every column of the person's rows, per (system, table), in primary-key order.

    Rows the search already read are handed out as they are; others are read now.
    """
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with Lookups(connections) as lookups:
        for rows in person_rows:
            if rows.rows is None:
                by_key = {
                    r[rows.primary_key]: r
                    for r in lookups.rows_where(rows.system, rows.table, rows.primary_key, rows.keys)
                }
                fetched = [by_key[k] for k in sorted(by_key, key=_sort_key)]
            else:
                fetched = [dict(row) for row in rows.rows]
            out[(rows.system, rows.table)] = fetched
    return out
