"""Retention due in each of the coming 12 months: how many rows a sweep would erase, month by month.

Counted by the organisation's own databases, set-based: one query per bound table, with a
`SUM(CASE WHEN due-by-boundary ...)` per month boundary over the same erase conditions the sweep
uses (`waarborg.retention.steps`). Rows of persons under a restriction or with an open request are
counted too (the sweep would skip them until then), so the chart is an upper bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import case, func, select

from waarborg.datasets.connect import Connections
from waarborg.register import Register
from waarborg.retention.plan import sweep_targets
from waarborg.retention.steps import candidates_where

MONTHS = 12


@dataclass(frozen=True)
class MonthDue:
    month: str  # YYYY-MM
    rows: int


@dataclass(frozen=True)
class Forecast:
    computed_at: datetime
    due_now: int  # already due (the next sweep erases them)
    months: list[MonthDue]

    def as_json(self) -> dict[str, object]:
        return {"computed_at": self.computed_at.isoformat(), "due_now": self.due_now,
                "months": [{"month": m.month, "rows": m.rows} for m in self.months]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Forecast:
        months = [MonthDue(str(m["month"]), int(m["rows"])) for m in data["months"]]  # type: ignore[attr-defined]
        return cls(datetime.fromisoformat(str(data["computed_at"])), int(data["due_now"]), months)  # type: ignore[call-overload]


def month_boundaries(now: datetime) -> list[datetime]:
    """now, then the first moment of each of the next 12 months (naive UTC, as event columns are)."""
    now = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    bounds, year, month = [now], now.year, now.month
    for _ in range(MONTHS):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        bounds.append(datetime(year, month, 1))
    return bounds


def forecast_retention(register: Register, connections: Connections, now: datetime) -> Forecast:
    """Rows due by each boundary, per table in one query; differences give the rows per month."""
    bounds = month_boundaries(now)
    totals = [0] * len(bounds)
    per_moment = [sweep_targets(register, moment) for moment in bounds]
    for index, target in enumerate(per_moment[0]):
        table = target.clause()
        with connections.engine(target.system).connect() as conn:
            sums = [
                func.coalesce(func.sum(case((candidates_where(conn.dialect.name, table, moment[index].steps), 1),
                                            else_=0)), 0)
                for moment in per_moment
            ]
            row = conn.execute(select(*sums).select_from(table)).one()
        totals = [total + int(value) for total, value in zip(totals, row, strict=True)]
    # Month i holds the rows that become due after boundary i-1 and by boundary i.
    months = [MonthDue(f"{bounds[i - 1]:%Y-%m}", max(0, totals[i] - totals[i - 1])) for i in range(1, len(bounds))]
    return Forecast(now if now.tzinfo else now.replace(tzinfo=UTC), totals[0], months)
