"""One rule for identity values before they are hashed or compared.

An e-mail address is the same person whatever its capitals or stray spaces: ``Jan@Example.nl ``
typed into the CRM and ``jan@example.nl`` in a request are one person, for finding their rows, for
the keyed hash in the erasure ledger, on the suppression list, in a restriction and in a backup
replay. So e-mail identities are *normalised* everywhere, in Python and in SQL alike:

    normalised e-mail = lower(trim(value))   spaces trimmed from both ends, A-Z lower-cased

Only the ASCII letters are lower-cased and only spaces are trimmed, because that is exactly what
SQLite's ``lower(trim(x))`` computes and what PostgreSQL computes for ``lower(trim(x) COLLATE
"C")``; with any other rule Python and the databases could disagree about a value. Other identity
kinds (member numbers, BSN, ...) are used exactly as given.

A lookup by normalised e-mail cannot use an index on the plain column; a large table wants an
index on the expression (see docs/enforcement.md, "Finding a person").
"""

from __future__ import annotations

import hashlib
import hmac
import string
from typing import Any

from sqlalchemy import String, func
from sqlalchemy.sql import ColumnElement, collate

from . import mariadb_sql

# Identity kind names that hold e-mail addresses (compared lower-cased, without hyphens/underscores).
EMAIL_KINDS = frozenset({"email", "mail", "emailaddress", "emailadres", "mailadres"})

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 hex of a value exactly as given; equals what the SQL expressions compute."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def is_email_kind(kind: str) -> bool:
    """True for identity kinds holding e-mail addresses: `email`, `e-mail`, `e_mail`, `emailadres`, ..."""
    return kind.lower().replace("-", "").replace("_", "") in EMAIL_KINDS


def normalise_identity(kind: str, value: str) -> str:
    """The form of an identity value that is hashed and compared.

    >>> normalise_identity("email", " Jan@Example.NL ")
    'jan@example.nl'
    >>> normalise_identity("member_number", " M-1 ")
    ' M-1 '
    """
    if not is_email_kind(kind):
        return value
    return value.strip(" ").translate(_ASCII_LOWER)


def identity_hash(key: bytes, kind: str, value: str) -> str:
    """The keyed hash under which Waarborg records an identity (ledger, requests, lists)."""
    return keyed_hash(key, normalise_identity(kind, value))


def normalised_sql(dialect: str, kind: str, expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """SQL computing `normalise_identity(kind, expr)`; the expression itself for other kinds."""
    if not is_email_kind(kind):
        return expr
    if mariadb_sql.is_mariadb(dialect):
        return mariadb_sql.normalised(expr)  # folds A-Z only and compares bytes, see there
    trimmed = func.trim(expr, type_=String)
    if dialect == "postgresql":
        # The C collation makes lower() fold A-Z only, whatever the database's locale.
        return func.lower(collate(trimmed, "C"), type_=String)
    return func.lower(trimmed, type_=String)


def normalised_sql_text(dialect: str, kind: str, quoted_column: str) -> str:
    """`normalised_sql` as SQL text for an already quoted column name (for prepared lookups).

    This is also the expression an index must be built on for fast lookups, e.g.
    ``CREATE INDEX ix_persons_email_norm ON persons (lower(trim(email)))`` on SQLite and
    ``... ON persons (lower(trim(email) COLLATE "C"))`` on PostgreSQL.
    """
    if not is_email_kind(kind):
        return quoted_column
    if dialect == "postgresql":
        return f'lower(trim({quoted_column}) COLLATE "C")'
    if mariadb_sql.is_mariadb(dialect):
        return mariadb_sql.normalised_text(quoted_column)
    return f"lower(trim({quoted_column}))"
