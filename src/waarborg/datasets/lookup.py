"""Reading whole rows of bound tables by column values: the queries a person search is made of.

A search asks a dozen small questions of each database, so their fixed cost decides its speed:

- one connection per database for the whole search (not a pool checkout per query), on
  PostgreSQL in autocommit mode, which saves the BEGIN and ROLLBACK round trips of a read;
- each statement's SQL text is built once per table and column and kept on the `Connections`
  (`Connections.statement`), so nothing is rebuilt or recompiled per query;
- on PostgreSQL a list of values travels as ONE array parameter (`column = ANY(:values)`): the
  statement text never changes with the number of values, so the server can keep it prepared.
  Other databases get an expanding IN list; on MariaDB compared byte for byte as well, since its
  usual collations would match other people's values that differ in case or accents.

Rows come back whole (`SELECT *`), so the search can follow references from the values it has
already read, and fetching the person's data afterwards costs no further query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, or_, select, text

from . import mariadb_sql
from .connect import Connections
from .erase import CHUNK, identity_hash_expr, table_clause
from .identities import is_email_kind, normalise_identity, normalised_sql_text

Row = dict[str, Any]


class Lookups:
    """The row lookups of one search; use as a context manager (it holds one connection per database).

    `held`: gives the connection the caller holds open for a system, used as it is (in its own
    transaction): a replay's dry run reads through it, so it sees its own uncommitted erasures.
    """

    def __init__(self, connections: Connections, held: Callable[[str], Connection] | None = None):
        self.connections = connections
        self.held = held
        self._open: dict[str, Connection] = {}
        self._stack = ExitStack()

    def __enter__(self) -> Lookups:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stack.close()
        self._open.clear()

    def connection(self, system: str) -> Connection:
        """The search's connection to a system's database, opened on first use."""
        if system not in self._open and self.held is not None:
            self._open[system] = self.held(system)
        if system not in self._open:
            conn = self._stack.enter_context(self.connections.engine(system).connect())
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # reads only: no BEGIN/ROLLBACK
            self._open[system] = conn
        return self._open[system]

    def rows_where(self, system: str, table: str, column: str, values: Iterable[Any]) -> list[Row]:
        """Every row of `table` whose `column` holds one of `values` (NULLs never match)."""
        wanted = [v for v in dict.fromkeys(values) if v is not None]
        if not wanted:
            return []
        conn = self.connection(system)
        statement = self._in_statement(conn, system, table, column)
        out: list[Row] = []
        for start in range(0, len(wanted), CHUNK):
            out += _rows(conn, statement, {"values": wanted[start : start + CHUNK]})
        return out

    def rows_with_identity(self, system: str, table: str, column: str, kind: str, value: str) -> list[Row]:
        """The rows whose identity column matches `value` by the identity rule (e-mail: normalised)."""
        conn = self.connection(system)
        dialect = conn.dialect.name

        def build() -> TextClause:
            compared = f"{normalised_sql_text(dialect, kind, _quote(conn, column))} = :value"
            if mariadb_sql.is_mariadb(dialect) and is_email_kind(kind):  # the indexed virtual column, if made
                made = self.connections.statement((system, "norm-columns"), lambda: mariadb_sql.norm_columns(conn))
                virtual = mariadb_sql.norm_column(column)
                compared = f"{_quote(conn, virtual)} = :value" if (table, virtual) in made else compared
            elif mariadb_sql.is_mariadb(dialect):  # the index narrows, the bytes decide
                compared += f" AND {mariadb_sql.exact_text(_quote(conn, column))} = :value"
            return text(f"SELECT * FROM {_quote(conn, table)} WHERE {compared}")

        statement = self.connections.statement((system, table, column, "identity", kind), build)
        return _rows(conn, statement, {"value": normalise_identity(kind, value)})

    def rows_with_identity_hash(
        self, system: str, table: str, column: str, kind: str, hashes: Sequence[str], key: bytes
    ) -> list[Row]:
        """The rows whose identity hashes to one of `hashes` (computed in SQL), or already holds one
        of them (a column erased by `hash`)."""
        conn = self.connection(system)
        target = table_clause(table, [column])
        col = target.c[column]
        out: list[Row] = []
        for start in range(0, len(hashes), CHUNK):
            chunk = list(hashes[start : start + CHUNK])
            matches = or_(identity_hash_expr(conn.dialect.name, kind, col, key).in_(chunk), col.in_(chunk))
            out += [dict(row._mapping) for row in conn.execute(select(text("*")).select_from(target).where(matches))]
        return out

    def _in_statement(self, conn: Connection, system: str, table: str, column: str) -> TextClause:
        def build() -> TextClause:
            head = f"SELECT * FROM {_quote(conn, table)} WHERE {_quote(conn, column)}"
            if conn.dialect.name == "postgresql":
                return text(f"{head} = ANY(:values)")
            if mariadb_sql.is_mariadb(conn.dialect.name):  # the index narrows, the bytes decide
                exact = mariadb_sql.exact_text(_quote(conn, column))
                return text(f"{head} IN :values AND {exact} IN :values").bindparams(bindparam("values", expanding=True))
            return text(f"{head} IN :values").bindparams(bindparam("values", expanding=True))

        return self.connections.statement((system, table, column, "in"), build)


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def _rows(conn: Connection, statement: TextClause, params: dict[str, Any]) -> list[Row]:
    result = conn.execute(statement, params)
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result]
