"""Indexes a person search needs, and whether the organisation's databases have them.

A data-subject request finds a person by a handful of lookups (`waarborg.datasets.graph`): the
identity columns (e-mail compared by the identity rule, so on its normalised form) and the
columns references are followed by. On a table of a million rows, a lookup the database can
only answer by reading the whole table turns a request of a few milliseconds into seconds.

Whether a lookup is served by an index is asked of the database's own query planner, not
guessed from reflected index definitions: an index under any name, a primary key, a unique
constraint or an expression index all count exactly when the planner would use them. On
PostgreSQL sequential scans are disabled for the question (`SET LOCAL enable_seqscan = off`),
so a small table does not hide a missing index behind a cheap scan; MariaDB's `EXPLAIN` names
the indexes it could use (`possible_keys`) whatever it then picks for a small table. MariaDB
cannot index an expression, so the normalised e-mail is indexed through an invisible virtual
column (`waarborg.datasets.mariadb_sql`), which the search then compares.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, text

from waarborg.register import Register

from . import mariadb_sql
from .connect import Connections
from .graph import bound_tables, reference_edges
from .identities import is_email_kind, normalise_identity, normalised_sql_text

MAX_NAME = 63  # PostgreSQL truncates identifiers longer than this


@dataclass(frozen=True)
class SearchLookup:
    """One lookup a person search makes: rows of `system.table` by `column` — on the identity
    rule's normalised form when `kind` is an e-mail kind, else on the plain value."""

    system: str
    table: str
    column: str
    kind: str | None = None

    @property
    def normalised(self) -> bool:
        return self.kind is not None and is_email_kind(self.kind)

    @property
    def label(self) -> str:
        form = f"{self.kind} identity (normalised)" if self.normalised else "value"
        return f"{self.system}.{self.table}.{self.column} ({form})"

    def expression(self, dialect: str, quoted_column: str) -> str:
        """The indexed expression: what the search compares."""
        return normalised_sql_text(dialect, self.kind or "", quoted_column)  # the plain column unless e-mail

    def index_name(self) -> str:
        suffix = "_norm" if self.normalised else ""
        return f"ix_{self.table}_{self.column}{suffix}"[:MAX_NAME]


def search_lookups(register: Register) -> list[SearchLookup]:
    """Every lookup a person search can make, in register order, each once."""
    tables = bound_tables(register)
    found: dict[SearchLookup, None] = {}
    for (system, table), binding in tables.items():
        for kind, column in binding.identities.items():
            found[SearchLookup(system, table, column, kind if is_email_kind(kind) else None)] = None
    for edge in reference_edges(register):
        if edge.child in tables:
            found[SearchLookup(*edge.child, edge.column)] = None  # down: the person's child rows
        if edge.parent in tables and tables[edge.parent].identities:
            found[SearchLookup(*edge.parent, edge.target_column)] = None  # up, into a table of people
    return list(found)


def compared_expression(conn: Connection, lookup: SearchLookup) -> str:
    """What the search compares for the lookup on this database: `lookup.expression`, or on
    MariaDB the virtual column holding the normalised e-mail once `waarborg index` made it."""
    quote = conn.dialect.identifier_preparer.quote
    if lookup.normalised and mariadb_sql.is_mariadb(conn.dialect.name):
        virtual = mariadb_sql.norm_column(lookup.column)
        if mariadb_sql.has_column(conn, lookup.table, virtual):
            return str(quote(virtual))
    return lookup.expression(conn.dialect.name, quote(lookup.column))


def uses_index(conn: Connection, lookup: SearchLookup) -> bool | None:
    """Whether the database answers the lookup through an index; None when it cannot be told
    (PostgreSQL and MariaDB need a value of the column's type and the column holds none)."""
    quote = conn.dialect.identifier_preparer.quote
    where = f"{compared_expression(conn, lookup)} = :value"
    query = f"SELECT * FROM {quote(lookup.table)} WHERE {where}"
    if conn.dialect.name == "sqlite":
        plan = conn.execute(text(f"EXPLAIN QUERY PLAN {query}"), {"value": "x"}).all()
        return any(str(row[-1]).startswith("SEARCH") for row in plan)
    value = _sample_value(conn, lookup, quote)
    if value is None:
        return None
    if mariadb_sql.is_mariadb(conn.dialect.name):
        rows = conn.execute(text(f"EXPLAIN {query}"), {"value": value}).mappings().all()
        return any(row["possible_keys"] for row in rows)
    question = conn.begin_nested() if conn.in_transaction() else conn.begin()
    try:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = conn.execute(text(f"EXPLAIN {query}"), {"value": value}).scalars().all()
    finally:
        question.rollback()  # also undoes the SET LOCAL
    return not any("Seq Scan" in line for line in plan)


def _sample_value(conn: Connection, lookup: SearchLookup, quote: Any) -> Any:
    if lookup.normalised:
        return normalise_identity(lookup.kind or "", "x@example.org")
    column, table = quote(lookup.column), quote(lookup.table)
    return conn.execute(text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL LIMIT 1")).scalar()


def index_statement(dialect: str, quote: Any, lookup: SearchLookup) -> str:
    """The CREATE INDEX that serves the lookup (on MariaDB, for the normalised e-mail, the ALTER
    TABLE adding the virtual column and its index)."""
    if lookup.normalised and mariadb_sql.is_mariadb(dialect):
        return mariadb_sql.norm_column_statement(quote, lookup.table, lookup.column, lookup.index_name())
    expression = lookup.expression(dialect, quote(lookup.column))
    return f"CREATE INDEX IF NOT EXISTS {quote(lookup.index_name())} ON {quote(lookup.table)} ({expression})"


@dataclass(frozen=True)
class MissingIndex:
    lookup: SearchLookup
    statement: str
    rows: int  # rows in the table now: what each such lookup reads


def missing_search_indexes(
    register: Register, connections: Connections, system: str | None = None
) -> Iterator[MissingIndex]:
    """The lookups of a person search (in one system, or all) the databases can only answer by
    reading the whole table. Tables and columns that do not exist are skipped (`waarborg check`
    reports them on their own)."""
    lookups = search_lookups(register)
    for system_key in [system] if system is not None else connections.bound_systems():
        engine = connections.engine(system_key)
        with engine.connect() as conn:
            schema = inspect(conn)
            tables = set(schema.get_table_names())
            existing = {(t, c["name"]) for t in {x.table for x in lookups} & tables for c in schema.get_columns(t)}
            quote = conn.dialect.identifier_preparer.quote
            rows: dict[str, int] = {}  # counted once per table: a count reads the whole table
            for lookup in lookups:
                here = lookup.system == system_key and (lookup.table, lookup.column) in existing
                if here and uses_index(conn, lookup) is False:
                    if lookup.table not in rows:
                        count = conn.execute(text(f"SELECT count(*) FROM {quote(lookup.table)}")).scalar_one()
                        rows[lookup.table] = int(count)
                    statement = index_statement(conn.dialect.name, quote, lookup)
                    yield MissingIndex(lookup, statement, rows[lookup.table])


def create_search_indexes(register: Register, connections: Connections, dry_run: bool = False) -> list[MissingIndex]:
    """Create the indexes `missing_search_indexes` finds (with `dry_run`, only name them)."""
    missing = list(missing_search_indexes(register, connections))
    if not dry_run:
        for item in missing:
            with connections.engine(item.lookup.system).begin() as conn:
                conn.exec_driver_sql(item.statement)
    return missing
