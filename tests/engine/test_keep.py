"""The lawful-keep rule: one pure decision, and an SQL predicate that never disagrees with it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from engine_fixture import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, create_engine, delete, insert, select

from waarborg.register import Register, parse_register
from waarborg.register.retention import Period
from waarborg.retention.keep import (
    column_activities,
    decide_column,
    decide_row,
    erase_predicate,
    may_erase,
    retention_cutoff,
    row_activities,
)
from waarborg.retention.predicate_sql import predicate_clause


def _table(register: Register, system: str, table: str):
    return register.systems[system].database.tables[table]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("period", "now", "cutoff"),
    [
        ("6 months", datetime(2026, 6, 1, 12), datetime(2025, 12, 1, 12)),
        ("7 years", datetime(2026, 6, 1), datetime(2019, 6, 1)),
        ("1 month", datetime(2026, 3, 31), datetime(2026, 2, 28)),
        ("2 weeks", datetime(2026, 6, 15), datetime(2026, 6, 1)),
        ("0 days", datetime(2026, 6, 15, 8), datetime(2026, 6, 15, 8)),
    ],
)
def test_retention_cutoff_counts_back_calendar_periods(period: str, now: datetime, cutoff: datetime) -> None:
    assert retention_cutoff(Period.model_validate(period), now) == cutoff


@pytest.mark.parametrize(
    ("column", "activities"),
    [
        ("email", ["membership"]),
        ("first_name", ["membership"]),  # user.name.first lies below the activity's user.name
        ("member_no", ["membership"]),
    ],
)
def test_column_activities_follow_related_categories(fixture_register: Register, column: str, activities) -> None:
    assert column_activities(fixture_register, _table(fixture_register, "crm", "persons"), column) == activities


@pytest.mark.parametrize(
    ("ended", "keep"),
    [(None, True), (datetime(2025, 10, 1), True), (datetime(2024, 6, 1, 12), False), (datetime(2019, 5, 1), False)],
)
def test_membership_data_is_kept_until_two_years_after_the_membership_ends(
    fixture_register: Register, ended: datetime | None, keep: bool
) -> None:
    row = {"membership_ended_at": ended}
    decision = decide_column(fixture_register, _table(fixture_register, "crm", "persons"), "email", row, NOW)
    assert decision.keep is keep
    assert [r.activity for r in decision.reasons] == (["membership"] if keep else [])


def test_erasure_keeps_invoice_amount_under_fiscal_hold(fixture_register: Register) -> None:
    invoices = _table(fixture_register, "crm", "invoices")
    row = {"invoice_date": "2021-06-30 00:00:00.000000"}
    decision = decide_column(fixture_register, invoices, "amount", row, NOW, erasure_request=True)
    assert decision.keep
    (reason,) = decision.reasons
    assert (reason.activity, reason.basis, reason.ground) == ("financial_administration", "legal_obligation",
                                                              "legal_obligation")
    assert reason.kept_until == datetime(2028, 6, 30)


def test_erasure_request_ends_a_contract_reason_before_its_retention(fixture_register: Register) -> None:
    persons = _table(fixture_register, "crm", "persons")
    decision = decide_column(fixture_register, persons, "email", {"membership_ended_at": None}, NOW,
                             erasure_request=True)
    assert not decision.keep


def test_invoice_past_seven_years_may_go_even_without_a_request(fixture_register: Register) -> None:
    invoices = _table(fixture_register, "crm", "invoices")
    assert not decide_row(fixture_register, invoices, {"invoice_date": datetime(2018, 3, 15)}, NOW).keep


def test_unbounded_retention_keeps_forever_with_a_reason() -> None:
    register = parse_register(_REGISTER.replace("retention: 1 year from contract_ended", "retention:\n"
                                                "      criterion: zolang nodig"))
    table = _table(register, "db", "things")
    decision = decide_column(register, table, "z", {"c_at": datetime(1990, 1, 1)}, NOW)
    assert decision.keep and "no bounded retention" in decision.reasons[0].why


_REGISTER = """
waarborg: 1
controller: {name: Proef, email: p@proef.example}
statement: {version: "1", date: 2026-01-01}
systems:
  db:
    name: DB
    database:
      url_env: DB_URL
      tables:
        things:
          primary_key: id
          activities: [alpha, beta, gamma]
          events: {recorded: a_at, last_contact: b_at, contract_ended: c_at}
          columns:
            x: {category: user.name, activities: [alpha]}
            y: {category: user.name, activities: [alpha, beta]}
            z: {category: user.name, activities: [gamma]}
activities:
  alpha:
    name: A
    purposes: [a]
    subject_groups: [member]
    data_categories: [user.name]
    legal_basis: contract
    retention: 3 months
  beta:
    name: B
    purposes: [b]
    subject_groups: [member]
    data_categories: [user.name]
    legal_basis: legal_obligation
    retention: 10 days from last_contact
  gamma:
    name: C
    purposes: [c]
    subject_groups: [member]
    data_categories: [user.name]
    legal_basis: contract
    retention: 1 year from contract_ended
"""
_PROPERTY_REGISTER = parse_register(_REGISTER)
_BASE = datetime(2026, 1, 1)
# Moments near each other and near the cutoffs, so that equality at the edge is exercised often.
moments = st.one_of(
    st.none(),
    st.integers(min_value=-800, max_value=50).map(lambda d: _BASE + timedelta(days=d)),
    st.integers(min_value=-10**6, max_value=10**6).map(lambda s: _BASE + timedelta(seconds=s)),
)
rows = st.lists(st.tuples(moments, moments, moments), min_size=1, max_size=25)
nows = st.one_of(
    st.just(_BASE),
    st.integers(min_value=-400, max_value=400).map(lambda d: _BASE + timedelta(days=d)),
    st.integers(min_value=0, max_value=10**7).map(lambda s: _BASE + timedelta(seconds=s, microseconds=s % 7)),
)


@pytest.fixture
def things(db_url: str):
    metadata = MetaData()
    table = Table("things", metadata, Column("id", Integer, primary_key=True),
                  *(Column(name, DateTime) for name in ("a_at", "b_at", "c_at")))
    engine = create_engine(db_url)
    metadata.create_all(engine)
    yield engine, table
    engine.dispose()


@pytest.mark.org_engines
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows, now=nows, column=st.sampled_from(["x", "y", "z", None]), erasure=st.booleans())
def test_python_decision_equals_sql_predicate_on_random_rows(things, data, now, column, erasure) -> None:
    engine, table = things
    binding = _table(_PROPERTY_REGISTER, "db", "things")
    activities = (row_activities(_PROPERTY_REGISTER, binding) if column is None
                  else column_activities(_PROPERTY_REGISTER, binding, column))
    predicate = erase_predicate(_PROPERTY_REGISTER, binding, activities, now, erasure)
    # Keys from 1: MariaDB/MySQL read an explicit 0 in an AUTO_INCREMENT key as "the next number".
    records = [{"id": i, "a_at": a, "b_at": b, "c_at": c} for i, (a, b, c) in enumerate(data, start=1)]
    with engine.begin() as conn:
        conn.execute(delete(table))
        conn.execute(insert(table), records)
        in_sql = set(conn.execute(select(table.c.id).where(predicate_clause(predicate))).scalars())
        stored = [dict(r._mapping) for r in conn.execute(select(table))]
    in_python = {r["id"] for r in stored if may_erase(predicate, r)}
    assert in_sql == in_python
    for record in stored:
        decision = (decide_row(_PROPERTY_REGISTER, binding, record, now, erasure) if column is None
                    else decide_column(_PROPERTY_REGISTER, binding, column, record, now, erasure))
        assert decision.keep is (record["id"] not in in_sql)
