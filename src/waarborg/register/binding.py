"""Bindings: how a system of the register maps onto the organisation's own SQL tables.

A binding says, per table, how a person is identified, how rows hang together, which column
holds which data category, which activities use the table, the column each retention period
runs from, and how each column is erased. Example::

    systems:
      crm:
        name: Ledenadministratie
        database:
          url_env: WAARBORG_CRM_URL          # the SQLAlchemy URL comes from the environment
          tables:
            persons:
              primary_key: id
              identities: {email: email, member_number: member_no}
              activities: [membership, newsletter]
              events: {recorded: created_at, membership_ended: membership_ended_at}
              columns:
                email: {category: user.contact.email, erase: hash}
                first_name: {category: user.name.first, erase: {fixed: "[verwijderd]"}}
            invoices:
              primary_key: id
              references: {person_id: persons.id}
              activities: [financial_administration]
              events: {financial_year_ended: invoice_date}
              columns:
                amount: {category: user.financial.invoice, erase: keep}

This module is pure: it describes the binding. `waarborg.datasets` reads live schemas and plans
queries from it.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Strict

_IDENTIFIER = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")  # \Z: "$" would let a trailing newline through


def _sql_identifier(value: str, what: str) -> str:
    # Identifiers end up in SQL; only plain names are allowed, so nothing can be injected.
    if not _IDENTIFIER.match(value):
        raise ValueError(f"{what} {value!r} must be a plain SQL identifier (letters, digits, _)")
    return value


class FixedText(Strict):
    fixed: str


ErasureStrategy = Literal["delete", "null", "hash", "pseudonym", "keep"] | FixedText
"""How a column is erased.

- ``delete``: the whole row goes (only when no other column of the row must be kept);
- ``null``: set to NULL; ``{fixed: "..."}``: overwrite with fixed text;
- ``hash``: replace by a keyed hash (HMAC-SHA256 with the erasure key), so a suppression list
  or a replay can still recognise the value without holding it;
- ``pseudonym``: replace by a random stable token per person;
- ``keep``: never erased by Waarborg (e.g. a primary key or a non-personal amount).
"""


class ColumnBinding(Strict):
    """One column holding personal data."""

    category: str
    erase: ErasureStrategy = "null"

    @field_validator("erase", mode="before")
    @classmethod
    def _bare_null(cls, value: Any) -> Any:
        # `erase: null` unquoted is YAML's null, but the writer meant the strategy "null".
        return "null" if value is None else value
    # Activities that need this column. Default: the table's activities whose data categories
    # include this column's category (or a parent of it). Name them to tie a legal hold to
    # exactly the columns it needs (invoice amount and date under the fiscal duty).
    activities: list[str] | None = None


class TableBinding(Strict):
    """A table of the organisation's database and what it holds."""

    primary_key: str
    identities: dict[str, str] = Field(default_factory=dict)  # identity kind -> column
    references: dict[str, str] = Field(default_factory=dict)  # column -> "table.column" or "system.table.column"
    activities: list[str] = Field(min_length=1)
    events: dict[str, str] = Field(default_factory=dict)  # retention event -> timestamp column
    columns: dict[str, ColumnBinding] = Field(default_factory=dict)
    row_erasure: Literal["delete", "mask"] = "mask"  # what erasing a whole person's row means here

    @field_validator("primary_key")
    @classmethod
    def _pk_identifier(cls, value: str) -> str:
        return _sql_identifier(value, "column")

    @field_validator("identities", "events")
    @classmethod
    def _column_values(cls, value: dict[str, str]) -> dict[str, str]:
        for column in value.values():
            _sql_identifier(column, "column")
        return value

    @field_validator("columns")
    @classmethod
    def _column_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        for column in value:
            _sql_identifier(column, "column")
        return value

    @field_validator("references")
    @classmethod
    def _reference_shape(cls, value: dict[str, str]) -> dict[str, str]:
        for column, target in value.items():
            _sql_identifier(column, "column")
            parts = target.split(".")
            if len(parts) not in (2, 3):
                raise ValueError(f"reference {target!r} must be 'table.column' or 'system.table.column'")
            for part in parts:
                _sql_identifier(part, "name")
        return value


class DatabaseBinding(Strict):
    """A system's SQL database. The URL is never written in the register: it comes from `url_env`."""

    url_env: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    tables: dict[str, TableBinding] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _no_inline_secret(cls, value: Any) -> Any:
        if isinstance(value, dict) and "url" in value:
            raise ValueError("put the database URL in an environment variable and name it in url_env")
        return value

    @field_validator("tables")
    @classmethod
    def _table_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        for table in value:
            _sql_identifier(table, "table")
        return value
