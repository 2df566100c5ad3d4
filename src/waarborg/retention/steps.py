"""What a sweep does to one table: erase steps and their SQL conditions.

A table gets at most one *delete* step (the row goes when no activity of the table needs any of
it, for `row_erasure: delete` or columns erased by `delete`) and one *mask* step per group of
columns used by the same activities (the group is masked when those activities are done). Every
condition includes "something is still left to erase", so an applied step never matches again:
that is what makes a batch idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import and_, false, or_
from sqlalchemy.sql import ColumnElement, TableClause

from waarborg.datasets.erase import erasable, pending_any, table_clause
from waarborg.register import Register
from waarborg.register.binding import ErasureStrategy, TableBinding

from .keep import ErasePredicate, column_activities, erase_predicate, row_activities
from .predicate_sql import predicate_clause


@dataclass(frozen=True)
class EraseStep:
    action: Literal["delete", "mask"]
    activities: tuple[str, ...]
    predicate: ErasePredicate
    columns: dict[str, ErasureStrategy]  # for masks: what to erase and how
    identity: tuple[str, str] | None  # (kind, column) whose keyed hashes the ledger records


@dataclass(frozen=True)
class TableSteps:
    system: str
    table: str
    binding: TableBinding
    steps: tuple[EraseStep, ...]
    kept_without_deadline: tuple[str, ...] = ()  # activities that keep their data here forever

    def clause(self) -> TableClause:
        columns = [self.binding.primary_key, *self.binding.columns, *self.binding.identities.values()]
        return table_clause(self.table, columns)


def _identity_for(binding: TableBinding, columns: Sequence[str] | None) -> tuple[str, str] | None:
    """The first identity of the table among `columns` (all identities when None)."""
    for kind, column in binding.identities.items():
        if columns is None or column in columns:
            return kind, column
    return None


def table_steps(register: Register, system: str, table: str, binding: TableBinding, now: datetime) -> TableSteps:
    """The erase steps of one bound table at moment `now`."""
    steps: list[EraseStep] = []
    forever: set[str] = set()
    strategies = {name: column.erase for name, column in binding.columns.items()}
    if binding.row_erasure == "delete" or "delete" in strategies.values():
        activities = tuple(row_activities(register, binding))
        predicate = erase_predicate(register, binding, activities, now)
        forever.update(f.activity for f in predicate.forever)
        if not predicate.never:
            steps.append(EraseStep("delete", activities, predicate, {}, _identity_for(binding, None)))
    groups: dict[tuple[str, ...], dict[str, ErasureStrategy]] = {}
    for name, strategy in erasable(strategies).items():
        if strategy != "delete":
            groups.setdefault(tuple(column_activities(register, binding, name)), {})[name] = strategy
    for activities, columns in groups.items():
        predicate = erase_predicate(register, binding, activities, now)
        forever.update(f.activity for f in predicate.forever)
        if not predicate.never:
            steps.append(EraseStep("mask", activities, predicate, columns, _identity_for(binding, list(columns))))
    return TableSteps(system, table, binding, tuple(steps), tuple(sorted(forever)))


def step_where(dialect: str, target: TableClause, step: EraseStep) -> ColumnElement[bool]:
    """Rows this step erases: its activities are done and something is left to erase."""
    due = predicate_clause(step.predicate)
    if step.action == "delete":
        return due
    return and_(due, pending_any(dialect, target, step.columns))


def candidates_where(dialect: str, target: TableClause, steps: Sequence[EraseStep]) -> ColumnElement[bool]:
    """Rows at least one step erases."""
    if not steps:
        return false()
    return or_(*(step_where(dialect, target, step) for step in steps))


def not_excluded(target: TableClause, primary_key: str, excluded: Sequence[Any]) -> list[ColumnElement[bool]]:
    """`pk NOT IN (...)` for the rows of restricted persons and persons with open requests."""
    return [target.c[primary_key].not_in(list(excluded))] if excluded else []
