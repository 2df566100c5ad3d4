"""The dry run of a sweep: what is due, per table and activity, and since when.

Counting is done by the databases (COUNT and MIN per step); nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from waarborg.datasets.connect import Connections
from waarborg.datasets.graph import bound_tables
from waarborg.register import Register
from waarborg.register.retention import RetentionRule

from .exclusions import Exclusions
from .keep import as_moment
from .predicate_sql import event_column
from .steps import EraseStep, TableSteps, candidates_where, not_excluded, step_where, table_steps


@dataclass
class TablePlan:
    """What a sweep would do to one table."""

    system: str
    table: str
    rows_to_delete: int = 0
    rows_to_mask: int = 0
    by_activity: dict[str, int] = field(default_factory=dict)
    oldest_due: datetime | None = None
    kept_without_deadline: list[str] = field(default_factory=list)  # activities that keep forever here

    @property
    def rows(self) -> int:
        return self.rows_to_delete + self.rows_to_mask


@dataclass
class SweepPlan:
    now: datetime
    tables: list[TablePlan]
    skipped_persons: int = 0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def oldest_due(self) -> datetime | None:
        dues = [t.oldest_due for t in self.tables if t.oldest_due is not None]
        return min(dues) if dues else None


def sweep_targets(register: Register, now: datetime) -> list[TableSteps]:
    """The erase steps of every bound table at `now`, in register order."""
    tables = bound_tables(register).items()
    return [table_steps(register, system, table, binding, now) for (system, table), binding in tables]


def plan_sweep(
    register: Register, connections: Connections, now: datetime, exclusions: Exclusions | None = None
) -> SweepPlan:
    """Count what a sweep at `now` would erase, per table and activity, with the oldest due date."""
    skip = exclusions or Exclusions()
    tables = []
    for target in sweep_targets(register, now):
        with connections.engine(target.system).connect() as conn:
            tables.append(_plan_table(register, conn, target, skip.for_table(target.system, target.table)))
    return SweepPlan(now, tables, skip.persons)


def _plan_table(register: Register, conn: Connection, target: TableSteps, excluded: list[Any]) -> TablePlan:
    dialect = conn.dialect.name
    table = target.clause()
    keep = not_excluded(table, target.binding.primary_key, excluded)
    plan = TablePlan(target.system, target.table, kept_without_deadline=list(target.kept_without_deadline))
    count = select(func.count()).select_from(table)
    candidates = conn.execute(count.where(candidates_where(dialect, table, target.steps), *keep)).scalar_one()
    dues: list[datetime] = []
    for step in target.steps:
        where = and_(step_where(dialect, table, step), *keep)
        rows = int(conn.execute(count.where(where)).scalar_one())
        if step.action == "delete":
            plan.rows_to_delete = rows
        if rows:
            dues += _step_due(register, conn, table, step, where)
    for activity in dict.fromkeys(a for step in target.steps for a in step.activities):
        steps = [step for step in target.steps if activity in step.activities]
        where = and_(candidates_where(dialect, table, steps), *keep)
        plan.by_activity[activity] = int(conn.execute(count.where(where)).scalar_one())
    plan.rows_to_mask = int(candidates) - plan.rows_to_delete
    plan.oldest_due = min(dues) if dues else None
    return plan


def _step_due(register: Register, conn: Connection, table: Any, step: EraseStep, where: Any) -> list[datetime]:
    """The earliest due moment among the step's rows: for each condition, the oldest event plus the period."""
    dues = []
    for condition in step.predicate.conditions:
        query = select(func.min(event_column(condition.column))).select_from(table).where(where)
        oldest = as_moment(conn.execute(query).scalar_one())
        rule: RetentionRule | None = register.activities[condition.activity].retention
        if oldest is not None and rule is not None and rule.period is not None:
            dues.append(rule.due(oldest))
    # All conditions must hold, so the step became due at the latest of them (for its oldest rows).
    return [max(dues)] if dues else []
