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
    """`column <= cutoff`: the rule's "column IS NOT NULL AND column <= cutoff" as a filter.

    For a NULL column (the event has not happened) the comparison is NULL, which WHERE treats
    as false, so the IS NOT NULL test would only cost an extra step per row.
    """
    return event_column(condition.column) <= bindparam(None, condition.cutoff, type_=DateTime)


def predicate_clause(predicate: ErasePredicate) -> ColumnElement[bool]:
    """True for rows whose data the predicate allows to erase (a filter, for WHERE only: false or
    NULL otherwise, never to be negated)."""
    if predicate.never:
        return false()
    if not predicate.conditions:
        return true()
    return and_(*(condition_clause(c) for c in predicate.conditions))
