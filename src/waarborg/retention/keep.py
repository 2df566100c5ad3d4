"""The lawful-keep rule: one decision for retention sweeps and erasure requests.

A field of a row may be kept while some activity that uses it still has a lawful reason and its
retention has not ended (Art. 5(1)(e)). For an erasure request only activities that keep their
data despite the request count (Art. 17(3): a legal obligation such as the 7-year fiscal duty).

An activity's retention has ended for a row when the row's event column (the moment its
`from` event happened) is set and lies on or before ``now - period``. A NULL event column means the
event has not happened yet, so the period has not started: keep. An activity without a bounded
retention, or whose event the table does not map to a column, keeps its data: Waarborg never
guesses a deadline (the rules flag such registers).

The decision comes in two equivalent forms: `decide` for one row in Python (with reasons for a
letter or a report) and `erase_predicate`, which a sweep turns into SQL. Both are built from the
same `activity_condition`, and a property test checks that they agree on random rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from waarborg.register import ProcessingActivity, Register
from waarborg.register.binding import TableBinding
from waarborg.register.retention import Period, RetentionRule, add_months


@dataclass(frozen=True)
class EventEnded:
    """SQL-shaped condition: `column IS NOT NULL AND column <= cutoff`."""

    activity: str
    column: str
    cutoff: datetime


@dataclass(frozen=True)
class KeepForever:
    """The activity gives a reason to keep that no event column can end (no bounded retention)."""

    activity: str
    why: str


ActivityCondition = EventEnded | KeepForever | None  # None: the activity is no reason to keep


@dataclass(frozen=True)
class ErasePredicate:
    """A field may be erased when every condition holds (and none of its activities keeps forever)."""

    conditions: tuple[EventEnded, ...]
    forever: tuple[KeepForever, ...] = ()

    @property
    def never(self) -> bool:
        return bool(self.forever)


@dataclass(frozen=True)
class KeepReason:
    """Why a field is kept: the activity, its legal basis, and until when (None: no end known yet)."""

    activity: str
    basis: str | None
    ground: str | None  # the Art. 17(3) ground when it outlives an erasure request
    kept_until: datetime | None
    why: str


@dataclass(frozen=True)
class KeepDecision:
    keep: bool
    reasons: tuple[KeepReason, ...]


def as_moment(value: Any) -> datetime | None:
    """A database value as a naive UTC datetime (SQLite hands back ISO text)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return as_moment(datetime.fromisoformat(value.strip()))
    raise TypeError(f"cannot read {value!r} as a moment")


def retention_cutoff(period: Period, now: datetime) -> datetime:
    """`now` minus the period: an event on or before this moment has run its course.

    Example: 6 months before 2026-06-01 12:00 is 2025-12-01 12:00.
    """
    if period.unit in ("days", "weeks"):
        return now - (period.add_to(now) - now)
    months = period.value * (12 if period.unit == "years" else 1)
    return add_months(now, -months)


def related_categories(a: str, b: str) -> bool:
    """True when one category is the other or lies below it (user.name ~ user.name.first)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def column_activities(register: Register, table: TableBinding, column: str) -> list[str]:
    """The activities that use a column: named explicitly, else the table's activities whose
    categories relate to the column's; if none relate, all the table's activities (never less)."""
    binding = table.columns[column]
    if binding.activities is not None:
        return list(binding.activities)
    matching = [
        key for key in table.activities
        if key in register.activities
        and any(related_categories(binding.category, c) for c in register.activities[key].data_categories)
    ]
    return matching or list(table.activities)


def row_activities(register: Register, table: TableBinding) -> list[str]:
    """Every activity using the table or one of its columns: all must be done before a row goes."""
    keys = dict.fromkeys(table.activities)
    for column in table.columns:
        keys.update(dict.fromkeys(column_activities(register, table, column)))
    return list(keys)


def activity_condition(
    register: Register, table: TableBinding, activity_key: str, now: datetime, erasure_request: bool
) -> ActivityCondition:
    """What must hold for this activity to no longer need the data."""
    activity = register.activities.get(activity_key)
    if activity is None:
        return KeepForever(activity_key, "the activity is not in the register")
    if erasure_request and activity.keeps_after_erasure is None:
        return None  # Art. 17(1): without an Art. 17(3) ground the request ends this reason
    rule = activity.retention
    if rule is None or not rule.is_bounded or rule.period is None or rule.from_event is None:
        return KeepForever(activity_key, "the register gives no bounded retention")
    column = table.events.get(rule.from_event)
    if column is None:
        return KeepForever(activity_key, f"the table maps no column to the event {rule.from_event!r}")
    return EventEnded(activity_key, column, retention_cutoff(rule.period, now))


def erase_predicate(
    register: Register, table: TableBinding, activities: Iterable[str], now: datetime, erasure_request: bool = False
) -> ErasePredicate:
    """The condition under which the data these activities use may be erased."""
    conditions: list[EventEnded] = []
    forever: list[KeepForever] = []
    for key in dict.fromkeys(activities):
        found = activity_condition(register, table, key, now, erasure_request)
        if isinstance(found, EventEnded):
            conditions.append(found)
        elif isinstance(found, KeepForever):
            forever.append(found)
    return ErasePredicate(tuple(conditions), tuple(forever))


def condition_holds(condition: EventEnded, row: Mapping[str, Any]) -> bool:
    """Python form of `column IS NOT NULL AND column <= cutoff`."""
    moment = as_moment(row.get(condition.column))
    return moment is not None and moment <= condition.cutoff


def may_erase(predicate: ErasePredicate, row: Mapping[str, Any]) -> bool:
    """Evaluate the predicate on one row, exactly as the SQL form does."""
    return not predicate.never and all(condition_holds(c, row) for c in predicate.conditions)


def decide(
    register: Register,
    table: TableBinding,
    activities: Sequence[str],
    row: Mapping[str, Any],
    now: datetime,
    erasure_request: bool = False,
) -> KeepDecision:
    """Keep or erase the data these activities use in this row, with the reasons to keep."""
    predicate = erase_predicate(register, table, activities, now, erasure_request)
    reasons = [_reason(register, f.activity, None, f.why) for f in predicate.forever]
    for condition in predicate.conditions:
        if not condition_holds(condition, row):
            reasons.append(_pending_reason(register, condition, row))
    return KeepDecision(keep=bool(reasons), reasons=tuple(reasons))


def decide_column(
    register: Register, table: TableBinding, column: str, row: Mapping[str, Any], now: datetime,
    erasure_request: bool = False,
) -> KeepDecision:
    """The lawful-keep decision for one field of one row."""
    return decide(register, table, column_activities(register, table, column), row, now, erasure_request)


def decide_row(
    register: Register, table: TableBinding, row: Mapping[str, Any], now: datetime, erasure_request: bool = False
) -> KeepDecision:
    """The decision for a whole row: it may go only when no activity of the table needs any of it."""
    return decide(register, table, row_activities(register, table), row, now, erasure_request)


def _activity(register: Register, key: str) -> ProcessingActivity | None:
    return register.activities.get(key)


def _reason(register: Register, key: str, until: datetime | None, why: str) -> KeepReason:
    activity = _activity(register, key)
    basis = activity.legal_basis if activity else None
    ground = activity.keeps_after_erasure if activity else None
    return KeepReason(key, basis, ground, until, why)


def _pending_reason(register: Register, condition: EventEnded, row: Mapping[str, Any]) -> KeepReason:
    moment = as_moment(row.get(condition.column))
    activity = _activity(register, condition.activity)
    rule: RetentionRule | None = activity.retention if activity else None
    if moment is None or rule is None:
        why = f"{condition.column} is not set yet: the period has not started"
        return _reason(register, condition.activity, None, why)
    return _reason(register, condition.activity, rule.due(moment), f"retention runs from {condition.column}")
