"""Weeks and months for counting over time: the calendar in Python, the same bucket in SQL.

A period is named by its first day as an ISO date (a week starts on Monday, ISO 8601), so SQLite,
PostgreSQL and MariaDB group a moment into the same bucket and a Python test can recompute it.
Moments are UTC, as the store keeps them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import func
from sqlalchemy.sql import ColumnElement

Period = Literal["week", "month"]
PERIODS: tuple[Period, ...] = ("week", "month")


def period_start(period: Period, day: date) -> date:
    """The first day of the week (Monday) or month holding `day`."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_start(period: Period, start: date) -> date:
    """The first day of the period after the one starting on `start`."""
    if period == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def last_periods(period: Period, today: date, count: int) -> list[date]:
    """The first days of the `count` periods ending with the one holding `today`, oldest first."""
    starts = [period_start(period, today)]
    for _ in range(count - 1):
        previous = starts[-1] - timedelta(days=1)
        starts.append(period_start(period, previous))
    return starts[::-1]


def bucket(dialect: str, period: Period, column: Any) -> ColumnElement[str]:
    """SQL for the ISO date (YYYY-MM-DD) of the first day of the period holding `column`."""
    if dialect == "postgresql":
        return func.to_char(func.date_trunc(period, column), "YYYY-MM-DD")
    if dialect in ("mysql", "mariadb"):
        if period == "month":
            return func.date_format(column, "%Y-%m-01")
        return func.date_format(func.subdate(column, func.weekday(column)), "%Y-%m-%d")
    if period == "month":
        return func.strftime("%Y-%m-01", column)
    return func.date(column, "weekday 0", "-6 days")  # the Sunday ending the week, minus six days

