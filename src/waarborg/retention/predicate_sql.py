"""The SQL form of the lawful-keep predicate (see `waarborg.retention.keep`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime, and_, bindparam, false, true
from sqlalchemy import column as sql_column
from sqlalchemy.sql import ColumnElement

from .keep import ErasePredicate, EventEnded


def event_column(name: str) -> ColumnElement[Any]:
    # Typed as DateTime so the cutoff is bound the way SQLAlchemy writes timestamps (on SQLite
    # the comparison is textual: event columns must hold ISO text, 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]').
    return sql_column(name, DateTime)


def condition_clause(condition: EventEnded) -> ColumnElement[bool]:
    """`column IS NOT NULL AND column <= cutoff`."""
    col = event_column(condition.column)
    return and_(col.is_not(None), col <= bindparam(None, condition.cutoff, type_=DateTime))


def predicate_clause(predicate: ErasePredicate) -> ColumnElement[bool]:
    """True for rows whose data the predicate allows to erase."""
    if predicate.never:
        return false()
    if not predicate.conditions:
        return true()
    return and_(*(condition_clause(c) for c in predicate.conditions))
