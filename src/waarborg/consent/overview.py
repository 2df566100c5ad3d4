"""Counts for the office: per mailing type how many are subscribed now and, per week or month,
how many consents were given and withdrawn and how many were subscribed at the period's end; the
suppression list's size and its additions per period.

Set-based: the current subscribers are counted in SQL (the last event per person, by a window
function, exactly the ordering of `state.current_state`); the subscribers over time come from the
ledger's state changes (each event compared with the person's previous one by LAG: a consent
given after none or after a withdrawal adds one, a withdrawal after a consent removes one),
summed per period in SQL and accumulated in Python. The overview costs a handful of queries
whatever the size of the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.store.consent_models import ConsentEvent, PendingConsent
from waarborg.store.models import Suppression, utcnow

from .mailing_types import mailing_types
from .periods import Period, bucket, last_periods


@dataclass(frozen=True)
class PeriodCounts:
    """One week or month of one mailing type; `active`: subscribed at the end of the period."""

    start: date
    given: int
    withdrawn: int
    active: int


@dataclass(frozen=True)
class PeriodAdded:
    start: date
    added: int


@dataclass(frozen=True)
class MailingTypeCounts:
    key: str
    name_nl: str
    name_en: str
    needs_consent: bool
    subscribed: int
    periods: list[PeriodCounts] = field(default_factory=list)


@dataclass(frozen=True)
class ConsentOverview:
    period: Period
    types: list[MailingTypeCounts]
    suppressed: int
    suppressed_added: list[PeriodAdded]
    pending: int


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def subscribed_counts(session: Session) -> dict[str, int]:
    """Per purpose, the people whose last event (latest moment, then latest recorded) is `given`."""
    ranked = select(
        ConsentEvent.purpose, ConsentEvent.action,
        func.row_number().over(partition_by=(ConsentEvent.identity_hash, ConsentEvent.purpose),
                               order_by=(ConsentEvent.at.desc(), ConsentEvent.id.desc())).label("rank"),
    ).subquery()
    query = (select(ranked.c.purpose, func.count()).where(ranked.c.rank == 1, ranked.c.action == "given")
             .group_by(ranked.c.purpose))
    return {purpose: int(count) for purpose, count in session.execute(query)}


def _state_changes(session: Session, period: Period) -> dict[tuple[str, date], int]:
    """Per (purpose, period start): subscribers gained minus subscribers lost, over the whole ledger."""
    before = func.lag(ConsentEvent.action).over(partition_by=(ConsentEvent.identity_hash, ConsentEvent.purpose),
                                                order_by=(ConsentEvent.at, ConsentEvent.id))
    lagged = select(ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.at, before.label("before")).subquery()
    delta = case(((lagged.c.action == "given") & (lagged.c.before.is_(None) | (lagged.c.before == "withdrawn")), 1),
                 ((lagged.c.action == "withdrawn") & (lagged.c.before == "given"), -1), else_=0)
    start = bucket(session.get_bind().dialect.name, period, lagged.c.at)
    query = select(lagged.c.purpose, start, func.sum(delta)).group_by(lagged.c.purpose, start)
    rows = session.execute(query)
    return {(purpose, date.fromisoformat(str(label))): int(total or 0) for purpose, label, total in rows}


def _events_per_period(session: Session, period: Period, first: date) -> dict[tuple[str, str, date], int]:
    """Per (purpose, action, period start) from `first` on: how many events."""
    start = bucket(session.get_bind().dialect.name, period, ConsentEvent.at)
    query = (select(ConsentEvent.purpose, ConsentEvent.action, start, func.count())
             .where(ConsentEvent.at >= _midnight(first))
             .group_by(ConsentEvent.purpose, ConsentEvent.action, start))
    return {(purpose, action, date.fromisoformat(str(label))): int(count)
            for purpose, action, label, count in session.execute(query)}


def _timeline(purpose: str, starts: list[date], changes: dict[tuple[str, date], int],
              events: dict[tuple[str, str, date], int]) -> list[PeriodCounts]:
    active = sum(delta for (p, start), delta in changes.items() if p == purpose and start < starts[0])
    rows = []
    for start in starts:
        active += changes.get((purpose, start), 0)
        rows.append(PeriodCounts(start, events.get((purpose, "given", start), 0),
                                 events.get((purpose, "withdrawn", start), 0), active))
    return rows


def _suppression_added(session: Session, period: Period, starts: Iterable[date]) -> list[PeriodAdded]:
    first = min(starts)
    start = bucket(session.get_bind().dialect.name, period, Suppression.added_at)
    query = (select(start, func.count()).where(Suppression.added_at >= _midnight(first))
             .group_by(start))
    added = {date.fromisoformat(str(label)): int(count) for label, count in session.execute(query)}
    return [PeriodAdded(s, added.get(s, 0)) for s in starts]


def consent_overview(session: Session, register: Register, now: datetime | None = None, period: Period = "month",
                     count: int = 12) -> ConsentOverview:
    """The office's consent page: per mailing type over the last `count` periods, and the suppression list."""
    starts = last_periods(period, (now or utcnow()).date(), count)
    changes, events = _state_changes(session, period), _events_per_period(session, period, starts[0])
    subscribed = subscribed_counts(session)
    types = [MailingTypeCounts(key, kind.name.get("nl", register.language), kind.name.get("en", register.language),
                               kind.needs_consent, subscribed.get(key, 0), _timeline(key, starts, changes, events))
             for key, kind in mailing_types(register).items()]
    suppressed = int(session.execute(select(func.count()).select_from(Suppression)).scalar_one())
    pending = int(session.execute(select(func.count()).select_from(PendingConsent)
                                  .where(PendingConsent.used_at.is_(None))).scalar_one())
    return ConsentOverview(period, types, suppressed, _suppression_added(session, period, starts), pending)
