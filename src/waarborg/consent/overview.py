"""Counts for the office: per mailing type how many are subscribed now and, per week or month,
how many consents were given and withdrawn and how many were subscribed at the period's end; the
suppression list's size and its additions per period.

Set-based, in one pass over the ledger: each event is compared with the same person's previous
event for the purpose (SQL LAG, ordered as `state.current_state` orders: moment, then recording);
a consent given after none or after a withdrawal adds one subscriber, a withdrawal after a consent
removes one. These changes and the events are summed per period in SQL; Python only accumulates
the per-period sums (and the sum of all of them is who is subscribed now). The overview costs one
query over the ledger and two small ones, whatever the ledger's size.
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


@dataclass(frozen=True)
class _Bucket:
    change: int  # subscribers gained minus subscribers lost in the period
    given: int
    withdrawn: int


def _buckets(session: Session, period: Period) -> dict[tuple[str, date], _Bucket]:
    """Per (purpose, period start), over the whole ledger in ONE query: the state changes and the events."""
    before = func.lag(ConsentEvent.action).over(partition_by=(ConsentEvent.identity_hash, ConsentEvent.purpose),
                                                order_by=(ConsentEvent.at, ConsentEvent.id))
    lagged = select(ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.at, before.label("before")).subquery()
    gives, withdraws = lagged.c.action == "given", lagged.c.action == "withdrawn"
    delta = case((gives & (lagged.c.before.is_(None) | (lagged.c.before == "withdrawn")), 1),
                 (withdraws & (lagged.c.before == "given"), -1), else_=0)
    start = bucket(session.get_bind().dialect.name, period, lagged.c.at)
    query = select(lagged.c.purpose, start, func.sum(delta), func.sum(case((gives, 1), else_=0)),
                   func.sum(case((withdraws, 1), else_=0))).group_by(lagged.c.purpose, start)
    return {(purpose, date.fromisoformat(str(label))): _Bucket(int(change or 0), int(given or 0), int(gone or 0))
            for purpose, label, change, given, gone in session.execute(query)}


def subscribed_counts(buckets: dict[tuple[str, date], _Bucket]) -> dict[str, int]:
    """Per purpose, the people whose last event is `given`: every person's changes add up to 1 or 0."""
    counts: dict[str, int] = {}
    for (purpose, _start), counted in buckets.items():
        counts[purpose] = counts.get(purpose, 0) + counted.change
    return counts


def _timeline(purpose: str, starts: list[date], buckets: dict[tuple[str, date], _Bucket]) -> list[PeriodCounts]:
    active = sum(b.change for (p, start), b in buckets.items() if p == purpose and start < starts[0])
    rows = []
    for start in starts:
        counted = buckets.get((purpose, start), _Bucket(0, 0, 0))
        active += counted.change
        rows.append(PeriodCounts(start, counted.given, counted.withdrawn, active))
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
    buckets = _buckets(session, period)
    subscribed = subscribed_counts(buckets)
    types = [MailingTypeCounts(key, kind.name.get("nl", register.language), kind.name.get("en", register.language),
                               kind.needs_consent, subscribed.get(key, 0), _timeline(key, starts, buckets))
             for key, kind in mailing_types(register).items()]
    suppressed = int(session.execute(select(func.count()).select_from(Suppression)).scalar_one())
    pending = int(session.execute(select(func.count()).select_from(PendingConsent)
                                  .where(PendingConsent.used_at.is_(None))).scalar_one())
    return ConsentOverview(period, types, suppressed, _suppression_added(session, period, starts), pending)
