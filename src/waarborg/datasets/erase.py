"""Erasure strategies as SQL: keyed hash, pseudonym, NULL, fixed text, row deletion.

Every strategy is idempotent in SQL: `pending(column)` is true only for values that are not yet
erased (a hash or pseudonym has a recognisable shape, NULL and the fixed text are themselves), and
updates touch only pending values. Re-running an erasure that already happened changes nothing,
which is what makes sweeps and backup replays safe to repeat (see docs/enforcement.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    LargeBinary,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.sql import ColumnElement, TableClause

from waarborg.register import Register
from waarborg.register.binding import ErasureStrategy, FixedText, TableBinding

from . import mariadb_sql
from .identities import keyed_hash, normalised_sql

PSEUDONYM_PREFIX = "psn-"
PSEUDONYM_DIGITS = 16
CHUNK = 5000  # keys per IN list: well under SQLite's and PostgreSQL's parameter limits
LEDGER_HMAC = "waarborg_hmac_ledger"  # SQLite: the keyed hash whose results a sweep collects


__all__ = ["keyed_hash"]  # re-exported: callers hash values here since the first release


def pseudonym(key: bytes, value: str) -> str:
    """A stable token for a value: the same person gets the same pseudonym, nobody can reverse it."""
    return PSEUDONYM_PREFIX + keyed_hash(key, "pseudonym:" + value)[:PSEUDONYM_DIGITS]


def strategy_to_json(strategy: ErasureStrategy) -> Any:
    """The strategy as stored in the ledger: a word or {"fixed": text}."""
    return {"fixed": strategy.fixed} if isinstance(strategy, FixedText) else strategy


def strategy_from_json(raw: Any) -> ErasureStrategy:
    """Inverse of `strategy_to_json`."""
    if isinstance(raw, dict):
        return FixedText(fixed=str(raw["fixed"]))
    if raw not in ("delete", "null", "hash", "pseudonym", "keep"):
        raise ValueError(f"unknown erasure strategy {raw!r}")
    return raw  # type: ignore[no-any-return]


def _hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    # RFC 2104: keys longer than the block are hashed, then padded to the 64-byte block.
    block = hashlib.sha256(key).digest() if len(key) > 64 else key
    block = block.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def hash_expr(dialect: str, expr: ColumnElement[Any], key: bytes, captured: bool = False) -> ColumnElement[Any]:
    """SQL computing keyed_hash(key, expr as text): a UDF on SQLite, HMAC built from sha256() on PostgreSQL.

    `captured` (SQLite) calls `LEDGER_HMAC(expr)` instead, the same hash under a key fixed per
    statement, which a sweep registers on its connection to collect every hash it computes
    (`waarborg.retention.capture.ledger_capture`).
    """
    if dialect == "sqlite":
        if captured:
            captured_hash: ColumnElement[Any] = getattr(func, LEDGER_HMAC)(expr)
            return captured_hash
        return func.waarborg_hmac(bindparam(None, key, type_=LargeBinary), expr)
    if dialect == "postgresql":
        inner_pad, outer_pad = _hmac_pads(key)
        message = func.convert_to(cast(expr, String), "UTF8")
        inner = func.sha256(bindparam(None, inner_pad, type_=LargeBinary).op("||")(message))
        outer = func.sha256(bindparam(None, outer_pad, type_=LargeBinary).op("||")(inner))
        return func.encode(outer, "hex")
    if mariadb_sql.is_mariadb(dialect):
        return mariadb_sql.hmac_sha256(expr, *_hmac_pads(key))
    raise NotImplementedError(f"keyed hashes in SQL are implemented for SQLite, PostgreSQL and MariaDB, not {dialect}")


def identity_hash_expr(
    dialect: str, kind: str, expr: ColumnElement[Any], key: bytes, captured: bool = False
) -> ColumnElement[Any]:
    """SQL computing `identities.identity_hash`: the keyed hash of the normalised identity value."""
    return hash_expr(dialect, normalised_sql(dialect, kind, expr), key, captured)


def _pseudonym_expr(dialect: str, expr: ColumnElement[Any], key: bytes) -> ColumnElement[Any]:
    if mariadb_sql.is_mariadb(dialect):  # `||` is OR there
        salted = mariadb_sql.concat(literal("pseudonym:", String), mariadb_sql.as_text(expr))
        digits = func.substr(hash_expr(dialect, salted, key), 1, PSEUDONYM_DIGITS)
        return mariadb_sql.concat(literal(PSEUDONYM_PREFIX, String), digits)
    salted = literal("pseudonym:", String).op("||")(cast(expr, String))
    return literal(PSEUDONYM_PREFIX, String).op("||")(func.substr(hash_expr(dialect, salted, key), 1, PSEUDONYM_DIGITS))


def _lacks_shape(dialect: str, expr: ColumnElement[Any], prefix: str, hex_digits: int) -> ColumnElement[bool]:
    """True unless the value is `prefix` followed by exactly `hex_digits` lowercase hex digits
    (NULL for a NULL value).

    Built from length/substr/ltrim, which both engines evaluate cheaply (a regular expression
    per row cost PostgreSQL a fifth of a sweep); the length test comes first and settles
    nearly every un-erased value. PostgreSQL measures the length in bytes: `octet_length` reads
    the value's header, where `length` counts UTF-8 characters (a third of the idempotency
    conditions' cost); the shape is ASCII, so both agree on every value that has it.
    """
    if mariadb_sql.is_mariadb(dialect):
        return mariadb_sql.lacks_shape(expr, prefix, hex_digits)
    text = cast(expr, String) if dialect == "postgresql" else expr
    digits = func.substr(text, len(prefix) + 1) if prefix else text
    length = func.octet_length(text) if dialect == "postgresql" else func.length(text)
    checks = [length != len(prefix) + hex_digits]
    if prefix:
        checks.append(func.substr(text, 1, len(prefix)) != prefix)
    checks.append(func.ltrim(digits, "0123456789abcdef") != "")
    return or_(*checks)



def pending(dialect: str, expr: ColumnElement[Any], strategy: ErasureStrategy) -> ColumnElement[bool]:
    """True when the value still holds data this strategy would erase.

    A filter, for WHERE and CASE WHEN only: where the answer is no it is false or, for a NULL
    value, NULL (which both treat as false), so it needs no IS NOT NULL test of its own. Do not
    negate it: NOT NULL is NULL.
    """
    if isinstance(strategy, FixedText):
        if mariadb_sql.is_mariadb(dialect):  # its collations ignore case, accents and trailing spaces
            return mariadb_sql.differs(expr, strategy.fixed)
        return expr != strategy.fixed
    if strategy in ("null", "delete"):
        return expr.is_not(None)
    if strategy == "hash":
        return _lacks_shape(dialect, expr, "", 64)
    if strategy == "pseudonym":
        return _lacks_shape(dialect, expr, PSEUDONYM_PREFIX, PSEUDONYM_DIGITS)
    return false()  # keep


def holds_data(value: Any, strategy: ErasureStrategy) -> bool:
    """Python's `pending`: True when the value still holds data this strategy would erase, so an
    erasure would change it (a request reports only rows it changes)."""
    if value is None or strategy == "keep":
        return False
    if isinstance(strategy, FixedText):
        return bool(value != strategy.fixed)
    if strategy == "hash":
        return not _has_shape(value, "", 64)
    if strategy == "pseudonym":
        return not _has_shape(value, PSEUDONYM_PREFIX, PSEUDONYM_DIGITS)
    return True  # null, delete


def _has_shape(value: Any, prefix: str, hex_digits: int) -> bool:
    text = value if isinstance(value, str) else str(value)
    digits = text[len(prefix) :]
    return len(text) == len(prefix) + hex_digits and text.startswith(prefix) and not digits.strip("0123456789abcdef")


def _test_cost(strategy: ErasureStrategy) -> int:
    if strategy in ("null", "delete"):
        return 0  # IS NOT NULL
    return 1 if isinstance(strategy, FixedText) else 2  # a comparison; a shape test


def pending_any(dialect: str, table: TableClause, columns: Mapping[str, ErasureStrategy]) -> ColumnElement[bool]:
    """True when any of the columns still holds data its strategy would erase.

    The cheapest tests come first: a row that still holds data is nearly always settled by its
    first test, so the shape test of a hash or pseudonym column is rarely evaluated.
    """
    ordered = sorted(erasable(columns).items(), key=lambda item: _test_cost(item[1]))
    return or_(*(pending(dialect, table.c[name], strategy) for name, strategy in ordered))


def erased_value(
    dialect: str,
    expr: ColumnElement[Any],
    strategy: ErasureStrategy,
    key: bytes,
    captured: bool = False,
    kind: str | None = None,
) -> ColumnElement[Any]:
    """The SET expression for one column; hashes and pseudonyms apply only to pending values.

    `kind`: the identity kind the column holds, if any; `hash` then stores the identity hash (of
    the normalised value, `waarborg.datasets.identities`), so ledger, suppression list and replay
    recognise the erased value as it is.
    """
    if isinstance(strategy, FixedText):
        return literal(strategy.fixed, String)
    if strategy in ("null", "delete"):
        return literal(None)
    hashed = strategy == "hash"
    if hashed and kind is not None:
        computed = identity_hash_expr(dialect, kind, expr, key, captured)
    else:
        computed = hash_expr(dialect, expr, key, captured) if hashed else _pseudonym_expr(dialect, expr, key)
    return case((pending(dialect, expr, strategy), computed), else_=expr)


def erasable(columns: Mapping[str, ErasureStrategy]) -> dict[str, ErasureStrategy]:
    """The columns a mask actually changes (everything but `keep`)."""
    return {name: strategy for name, strategy in columns.items() if strategy != "keep"}


def table_clause(name: str, columns: Sequence[str]) -> TableClause:
    """A lightweight table construct (no reflection) with the named columns."""
    return sql_table(name, *(sql_column(c) for c in dict.fromkeys(columns)))


def mask_statement(
    dialect: str,
    table: TableClause,
    columns: Mapping[str, ErasureStrategy],
    key: bytes,
    captured: str | None = None,
    kinds: Mapping[str, str] | None = None,
) -> tuple[dict[str, ColumnElement[Any]], ColumnElement[bool]]:
    """The SET values and the 'something left to erase' condition of a masking UPDATE
    (`captured`: the column whose new hashes the caller collects, on SQLite; `kinds`: identity
    column -> kind, see `identity_kinds`)."""
    cols = erasable(columns)
    kinds = kinds or {}
    values = {
        name: erased_value(dialect, table.c[name], strategy, key, captured=name == captured, kind=kinds.get(name))
        for name, strategy in cols.items()
    }
    return values, pending_any(dialect, table, cols)


def identity_kinds(binding: TableBinding) -> dict[str, str]:
    """Identity column -> identity kind of a table (the first kind when a column has several)."""
    out: dict[str, str] = {}
    for kind, column in binding.identities.items():
        out.setdefault(column, kind)
    return out


def apply_erasure(
    conn: Connection,
    register: Register,
    system: str,
    table: str,
    keys: Sequence[Any],
    columns: Mapping[str, ErasureStrategy],
    delete_row: bool,
    key: bytes,
) -> int:
    """Erase the given rows of one table: delete them, or mask `columns` by their strategies.

    Runs in the caller's transaction; returns the number of rows changed. Idempotent.
    """
    return len(erase_keys(conn, register, system, table, keys, columns, delete_row, key))


def erase_keys(
    conn: Connection,
    register: Register,
    system: str,
    table: str,
    keys: Sequence[Any],
    columns: Mapping[str, ErasureStrategy],
    delete_row: bool,
    key: bytes,
) -> set[Any]:
    """`apply_erasure`, returning the keys of the rows it changed: a caller erasing a row for
    several reasons (a replay of several ledger entries) counts it once."""
    binding = _table_binding(register, system, table)
    dialect = conn.dialect.name
    target = table_clause(table, [binding.primary_key, *columns])
    pk = target.c[binding.primary_key]
    changed: set[Any] = set()
    if not delete_row and not erasable(columns):
        return changed
    for start in range(0, len(keys), CHUNK):
        match = pk.in_(list(keys[start : start + CHUNK]))
        if delete_row:
            changed |= _changed_keys(conn, delete(target).where(match), pk, match)
            continue
        values, condition = mask_statement(dialect, target, columns, key, kinds=identity_kinds(binding))
        where = and_(match, condition)
        changed |= _changed_keys(conn, target.update().where(where).values(values), pk, where)
    return changed


def _changed_keys(conn: Connection, statement: Any, pk: ColumnElement[Any], where: ColumnElement[bool]) -> set[Any]:
    """Run a DELETE or UPDATE and return the keys of the rows it changed: RETURNING where the
    database has it, else the keys read just before, in the same transaction."""
    if conn.dialect.update_returning and conn.dialect.delete_returning:
        return set(conn.execute(statement.returning(pk)).scalars())
    keys = set(conn.execute(select(pk).where(where)).scalars())
    conn.execute(statement)
    return keys


def _table_binding(register: Register, system: str, table: str) -> TableBinding:
    found = register.systems.get(system)
    if found is None or found.database is None or table not in found.database.tables:
        raise KeyError(f"{system}.{table} is not a bound table")
    return found.database.tables[table]
