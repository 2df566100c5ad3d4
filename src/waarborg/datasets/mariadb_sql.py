"""What MariaDB/MySQL need to compute exactly what SQLite, PostgreSQL and Python compute.

Three habits of MariaDB would otherwise make it disagree with the other engines:

- **Comparisons follow the column's collation**, and the usual ones (`utf8mb4_general_ci`, what
  WordPress and most websites use) ignore case and accents: `anna@example.nl` would find the rows
  of `anná@example.nl`, and an erasure would hit the wrong person. So every value Waarborg looks
  a person up by, and every erased value, is compared as UTF-8 bytes (`exact`: not even
  `utf8mb4_bin`, which ignores trailing spaces), with the plain comparison beside it so an index
  on the column still narrows the search.
- **`lower()` folds every letter**, not only A-Z as SQLite and PostgreSQL's C collation do (the
  identity rule, `waarborg.datasets.identities`). Values with non-ASCII characters are folded by
  26 case-sensitive `REPLACE`s instead; ASCII-only values (nearly all) by `lower()`.
- **There is no HMAC, no `||` concatenation (it means OR), and no two-argument `ltrim`.** The
  keyed hash is built from `SHA2(..., 256)` over the UTF-8 bytes, text is joined with `concat()`.

MariaDB cannot index an expression (MySQL 8 can, MariaDB 10.x cannot), so the index on the
normalised e-mail is an index on an INVISIBLE VIRTUAL column computing it (`norm_column`): the
organisation's software never sees that column (`SELECT *` and `INSERT` without a column list
skip invisible columns), and the search compares that column when it exists.
"""

from __future__ import annotations

import string
from typing import Any

from sqlalchemy import LargeBinary, bindparam, case, cast, func, or_, text
from sqlalchemy.dialects import mysql
from sqlalchemy.sql import ColumnElement

DIALECTS = frozenset({"mysql", "mariadb"})
UTF8 = mysql.CHAR(charset="utf8mb4")
EXACT_COLLATION = "utf8mb4_bin"
NORM_PREFIX = "waarborg_"
NORM_SUFFIX = "_norm"
NORM_LENGTH = 768  # the longest utf8mb4 VARCHAR InnoDB can index whole (3072 bytes)


def is_mariadb(dialect: str) -> bool:
    """True for the MariaDB/MySQL dialect names SQLAlchemy uses."""
    return dialect in DIALECTS


def as_text(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """The value as UTF-8 text, whatever the column's type and character set."""
    return cast(expr, UTF8)


def hmac_sha256(expr: ColumnElement[Any], inner_pad: bytes, outer_pad: bytes) -> ColumnElement[Any]:
    """HMAC-SHA256 (RFC 2104) of the value's UTF-8 bytes, as 64 lowercase hex digits; NULL stays NULL."""
    message = cast(as_text(expr), LargeBinary)  # bytes beside bytes: a binary pad would be read as text
    inner = func.unhex(func.sha2(func.concat(bindparam(None, inner_pad, type_=LargeBinary), message), 256))
    return func.sha2(func.concat(bindparam(None, outer_pad, type_=LargeBinary), inner), 256)


def concat(*parts: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.concat(*parts)


def _fold_ascii(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    for letter in string.ascii_uppercase:  # REPLACE matches case-sensitively, whatever the collation
        expr = func.replace(expr, letter, letter.lower())
    return expr


def normalised(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """lower(trim(value)) folding A-Z only, compared byte for byte (see the module docstring)."""
    trimmed = func.trim(as_text(expr))
    ascii_only = func.octet_length(trimmed) == func.char_length(trimmed)
    folded = case((ascii_only, func.lower(trimmed)), else_=_fold_ascii(trimmed))
    return folded.collate(EXACT_COLLATION)


def normalised_text(quoted_column: str) -> str:
    """`normalised` as SQL text, for prepared lookups and the virtual column's definition."""
    trimmed = f"trim(cast({quoted_column} as char character set utf8mb4))"
    folded = trimmed
    for letter in string.ascii_uppercase:
        folded = f"replace({folded}, '{letter}', '{letter.lower()}')"
    return (
        f"(case when octet_length({trimmed}) = char_length({trimmed}) then lower({trimmed}) "
        f"else {folded} end) collate {EXACT_COLLATION}"
    )


def exact_text(quoted_column: str) -> str:
    """The column's UTF-8 bytes, compared byte for byte: no case or accent folding, and trailing
    spaces count (utf8mb4_bin, like every PAD SPACE collation, holds 'L-0001 ' = 'L-0001')."""
    return f"cast(cast({quoted_column} as char character set utf8mb4) as binary)"


def exact(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """`exact_text` as an expression."""
    return cast(as_text(expr), LargeBinary)


def differs(expr: ColumnElement[Any], fixed: str) -> ColumnElement[bool]:
    """True unless the value is exactly `fixed`, byte for byte (NULL for a NULL value).

    The column's collation would take '[VERWIJDERD]', '[verwìjderd]' and '[verwijderd] ' for
    '[verwijderd]' (even utf8mb4_bin pads with spaces), so the UTF-8 bytes are compared. The plain
    comparison comes first: it settles every value that differs under the collation too, nearly
    all of them, and the byte comparison runs only for the few the collation calls equal.
    """
    return or_(expr != fixed, exact(expr) != bindparam(None, fixed.encode("utf-8"), type_=LargeBinary))


def lacks_shape(expr: ColumnElement[Any], prefix: str, hex_digits: int) -> ColumnElement[bool]:
    """True unless the value is `prefix` and `hex_digits` lowercase hex digits (see
    `waarborg.datasets.erase`); MariaDB has no two-argument ltrim, so after the length the shape
    is a regular expression, matched byte for byte (a case-insensitive collation would take A-F
    for hex digits)."""
    shape = f"^{prefix}[0-9a-f]{{{hex_digits}}}$"
    matched = as_text(expr).collate(EXACT_COLLATION).regexp_match(shape)  # padding: the length settles it
    return or_(func.octet_length(expr) != len(prefix) + hex_digits, ~matched)


def norm_column(column: str) -> str:
    """The name of the invisible virtual column holding `column`'s normalised e-mail."""
    return f"{NORM_PREFIX}{column}{NORM_SUFFIX}"[:64]


def is_norm_column(name: str) -> bool:
    """True for the virtual columns `waarborg index` adds (never the organisation's data)."""
    return name.startswith(NORM_PREFIX) and name.endswith(NORM_SUFFIX)


def norm_column_statement(quote: Any, table: str, column: str, index: str) -> str:
    """The ALTER TABLE adding the virtual column and its index (both only when missing)."""
    name = quote(norm_column(column))
    definition = (
        f"varchar({NORM_LENGTH}) character set utf8mb4 collate {EXACT_COLLATION} "
        f"as ({normalised_text(quote(column))}) virtual invisible"
    )
    return (
        f"ALTER TABLE {quote(table)} ADD COLUMN IF NOT EXISTS {name} {definition}, "
        f"ADD INDEX IF NOT EXISTS {quote(index)} ({name})"
    )


def has_column(conn: Any, table: str, column: str) -> bool:
    """Whether the table has the column (invisible ones included), read from information_schema."""
    query = text(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = :table AND column_name = :column"
    )
    return bool(conn.execute(query, {"table": table, "column": column}).scalar())


def norm_columns(conn: Any) -> frozenset[tuple[str, str]]:
    """(table, column) of every virtual column `waarborg index` made in this database: asked once
    per database and kept, not once per lookup."""
    query = text(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND column_name LIKE :pattern"
    )
    rows = conn.execute(query, {"pattern": f"{NORM_PREFIX}%{NORM_SUFFIX}"}).all()
    return frozenset((str(table), str(column)) for table, column in rows if is_norm_column(str(column)))
