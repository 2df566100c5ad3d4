"""Counts for the office: per mailing type how many are subscribed now and how many consents were
given and withdrawn per month; the suppression list's size and additions per month.

Set-based: the current subscribers are counted in SQL (the last event per person, by a window
function, exactly the ordering of `state.current_state`), the months are grouped in SQL, so the
overview costs a few queries whatever the size of the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from waarborg.register import Register
from waarborg.store.consent_models import ConsentEvent, PendingConsent
from waarborg.store.models import Suppression, utcnow

from .mailing_types import mailing_types


@dataclass(frozen=True)
class MailingTypeCounts:
    key: str
    name_nl: str
    name_en: str
    needs_consent: bool
    subscribed: int
    given_by_month: dict[str, int] = field(default_factory=dict)
    withdrawn_by_month: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ConsentOverview:
    types: list[MailingTypeCounts]
    suppressed: int
    suppressed_by_month: dict[str, int]
    pending: int


def _month(dialect: str, column: Any) -> ColumnElement[str]:
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


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


def consent_overview(session: Session, register: Register, since: datetime | None = None) -> ConsentOverview:
    """The office's consent page: per mailing type, and the suppression list."""
    dialect = session.get_bind().dialect.name
    start = since or utcnow() - timedelta(days=366)
    month = _month(dialect, ConsentEvent.at)
    monthly: dict[tuple[str, str], dict[str, int]] = {}
    query = (select(ConsentEvent.purpose, ConsentEvent.action, month, func.count())
             .where(ConsentEvent.at >= start).group_by(ConsentEvent.purpose, ConsentEvent.action, month))
    for purpose, action, label, count in session.execute(query):
        monthly.setdefault((purpose, action), {})[str(label)] = int(count)
    subscribed = subscribed_counts(session)
    types = [MailingTypeCounts(key, kind.name.get("nl", register.language), kind.name.get("en", register.language),
                               kind.needs_consent, subscribed.get(key, 0), monthly.get((key, "given"), {}),
                               monthly.get((key, "withdrawn"), {}))
             for key, kind in mailing_types(register).items()]
    added = _month(dialect, Suppression.added_at)
    by_month = {str(label): int(count) for label, count in session.execute(
        select(added, func.count()).where(Suppression.added_at >= start).group_by(added))}
    suppressed = int(session.execute(select(func.count()).select_from(Suppression)).scalar_one())
    pending = int(session.execute(select(func.count()).select_from(PendingConsent)
                                  .where(PendingConsent.used_at.is_(None))).scalar_one())
    return ConsentOverview(types, suppressed, dict(sorted(by_month.items())), pending)
