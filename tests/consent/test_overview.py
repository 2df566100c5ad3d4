"""The office's consent counts: subscribed now per mailing type; per week or month the consents
given and withdrawn and the subscribers at the period's end; the suppression list. The SQL counts
are checked against the ledger's rows read back and counted in Python."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from consent_support import KEY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from store_support import open_audited_store
from waarborg.consent import suppression
from waarborg.consent.ledger import ConsentChange, Person, record
from waarborg.consent.overview import consent_overview
from waarborg.consent.periods import Period, last_periods, next_start, period_start
from waarborg.register import Register
from waarborg.store import Store
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.models import Suppression

JAN = datetime(2026, 1, 15, tzinfo=UTC)
FEB = datetime(2026, 2, 10, tzinfo=UTC)
NOW = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)


def _record(store: Store, register: Register, rows: list[tuple[str, str, str, datetime]]) -> None:
    with store.session() as session:
        for who, purpose, action, at in rows:
            record(session, KEY, register, Person("email", f"{who}@example.nl"),
                   ConsentChange(purpose, action, "api", {}, at))  # type: ignore[arg-type]


def test_the_overview_counts_current_subscribers_months_and_the_suppression_list(store, register) -> None:
    _record(store, register, [
        ("a", "newsletter", "given", JAN), ("b", "newsletter", "given", JAN), ("c", "newsletter", "given", FEB),
        ("b", "newsletter", "withdrawn", FEB), ("a", "customer_mailings", "withdrawn", FEB),
        ("c", "newsletter", "withdrawn", JAN),  # recorded later, but earlier in time: c stays subscribed
        ("a", "newsletter", "given", FEB),  # a second consent of someone subscribed changes nobody's state
    ])
    with store.session() as session:
        suppression.add(session, KEY, "email", "b@example.nl", "unsubscribe")
        session.execute(Suppression.__table__.update().values(added_at=FEB.replace(tzinfo=None)))
        overview = consent_overview(session, register, NOW, "month", count=3)
    newsletter = next(t for t in overview.types if t.key == "newsletter")
    customers = next(t for t in overview.types if t.key == "customer_mailings")
    assert (newsletter.subscribed, newsletter.name_en, newsletter.needs_consent) == (2, "Newsletter", True)
    assert [(p.start, p.given, p.withdrawn, p.active) for p in newsletter.periods] == [
        (date(2025, 12, 1), 0, 0, 0), (date(2026, 1, 1), 2, 1, 2), (date(2026, 2, 1), 2, 1, 2)]
    assert [(p.withdrawn, p.active) for p in customers.periods] == [(0, 0), (0, 0), (1, 0)]
    assert [t.key for t in overview.types] == ["newsletter", "youth_news", "customer_mailings"]
    assert overview.suppressed == 1 and overview.pending == 0
    assert [(p.start, p.added) for p in overview.suppressed_added] == [
        (date(2025, 12, 1), 0), (date(2026, 1, 1), 0), (date(2026, 2, 1), 1)]


def test_weeks_start_on_monday_on_every_engine(store, register) -> None:
    sunday, monday = datetime(2026, 2, 15, 23, 59, tzinfo=UTC), datetime(2026, 2, 16, 0, 0, tzinfo=UTC)
    _record(store, register, [("a", "newsletter", "given", sunday), ("b", "newsletter", "given", monday),
                              ("a", "newsletter", "withdrawn", monday)])
    with store.session() as session:
        overview = consent_overview(session, register, NOW, "week", count=2)
    newsletter = next(t for t in overview.types if t.key == "newsletter")
    assert [(p.start, p.given, p.withdrawn, p.active) for p in newsletter.periods] == [
        (date(2026, 2, 9), 1, 0, 1), (date(2026, 2, 16), 1, 1, 1)]


def test_subscribers_before_the_first_period_are_carried_in(store, register) -> None:
    long_ago = datetime(2024, 5, 1, tzinfo=UTC)
    _record(store, register, [("a", "youth_news", "given", long_ago), ("b", "youth_news", "given", long_ago)])
    with store.session() as session:
        youth = next(t for t in consent_overview(session, register, NOW, "month", count=2).types
                     if t.key == "youth_news")
    assert [(p.given, p.active) for p in youth.periods] == [(0, 2), (0, 2)]


def test_the_calendar_of_periods() -> None:
    assert last_periods("month", date(2026, 1, 31), 3) == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert last_periods("week", date(2026, 3, 1), 2) == [date(2026, 2, 16), date(2026, 2, 23)]
    assert next_start("month", date(2025, 12, 1)) == date(2026, 1, 1)


def _expected(events: list[ConsentEvent], purpose: str, period: Period, starts: list[date]) -> list[tuple]:
    """From the ledger's rows: per period the events, and who was subscribed at its end."""
    rows = sorted((e for e in events if e.purpose == purpose), key=lambda e: (e.at, e.id))
    counted = Counter((e.action, period_start(period, e.at.date())) for e in rows)
    result = []
    for start in starts:
        end = datetime.combine(next_start(period, start), datetime.min.time(), UTC)
        last: dict[str, str] = {}
        for event in rows:
            if event.at < end:
                last[event.identity_hash] = event.action
        result.append((start, counted[("given", start)], counted[("withdrawn", start)],
                       sum(action == "given" for action in last.values())))
    return result


EVENTS = st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(["newsletter", "youth_news"]),
                            st.sampled_from(["given", "withdrawn"]), st.integers(0, 24 * 150)), max_size=30)


@pytest.fixture
def hypothesis_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("overview-property")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS, period=st.sampled_from(["week", "month"]))
def test_the_counts_equal_the_ledger_for_any_sequence_of_events(hypothesis_root: Path, register, events,
                                                                 period) -> None:
    folder = hypothesis_root / f"case{len(list(hypothesis_root.iterdir()))}"
    folder.mkdir()
    store = open_audited_store(f"sqlite:///{folder / 'state.sqlite'}", folder)
    start = datetime(2025, 12, 1, tzinfo=UTC)
    try:
        _record(store, register, [(who, purpose, action, start + timedelta(hours=hours))
                                  for who, purpose, action, hours in events])
        with store.session() as session:
            overview = consent_overview(session, register, NOW + timedelta(days=90), period, count=8)
            ledger = list(session.execute(select(ConsentEvent)).scalars())
    finally:
        store.close()
    starts = last_periods(period, (NOW + timedelta(days=90)).date(), 8)
    for kind in overview.types:
        counted = [(p.start, p.given, p.withdrawn, p.active) for p in kind.periods]
        assert counted == _expected(ledger, kind.key, period, starts)
