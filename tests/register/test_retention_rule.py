"""Retention as a period plus the event it runs from."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from waarborg.register.retention import Period, RetentionRule, add_months


@pytest.mark.parametrize(
    ("compact", "value", "unit", "event"),
    [
        ("6 months from recorded", 6, "months", "recorded"),
        ("7 years after contract_ended", 7, "years", "contract_ended"),
        ("3 jaar na coaching_ended", 3, "years", "coaching_ended"),
        ("50 maanden", 50, "months", "recorded"),
        ("4 weeks", 4, "weeks", "recorded"),
        ("1 dag", 1, "days", "recorded"),
        ("until unsubscribed", 0, "days", "unsubscribed"),
        ("tot membership_ended", 0, "days", "membership_ended"),
    ],
)
def test_compact_retention_is_read(compact: str, value: int, unit: str, event: str) -> None:
    rule = RetentionRule.model_validate(compact)
    assert rule.period == Period(value=value, unit=unit)  # type: ignore[arg-type]
    assert rule.from_event == event
    assert rule.is_bounded


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("6 mnths", "unknown unit 'mnths'"),
        ("six months", "cannot read retention"),
        ("as long as necessary", "cannot read retention"),
        ("6 months from Contract Ended", "cannot read retention"),
    ],
)
def test_unreadable_retention_says_why(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RetentionRule.model_validate(raw)


def test_criterion_only_retention_loads_but_is_unbounded() -> None:
    rule = RetentionRule.model_validate({"criterion": "zo lang als nodig"})
    assert not rule.is_bounded
    with pytest.raises(ValueError, match="no period"):
        rule.due(date(2020, 1, 1))


def test_until_and_period_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="either 'until' or 'period'"):
        RetentionRule.model_validate({"until": "unsubscribed", "period": "1 year"})


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        (datetime(2024, 1, 31), "1 month", datetime(2024, 2, 29)),
        (datetime(2023, 1, 31), "1 month", datetime(2023, 2, 28)),
        (datetime(2020, 2, 29), "1 year", datetime(2021, 2, 28)),
        (datetime(2019, 7, 1), "7 years", datetime(2026, 7, 1)),
        (datetime(2026, 1, 1), "4 weeks", datetime(2026, 1, 29)),
        (datetime(2026, 5, 20), "6 months", datetime(2026, 11, 20)),
    ],
)
def test_due_date_uses_calendar_arithmetic(start: datetime, period: str, due: datetime) -> None:
    assert Period.model_validate(period).add_to(start) == due


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)), st.integers(0, 600))
def test_adding_months_never_goes_backwards_and_stays_in_month(moment: datetime, months: int) -> None:
    result = add_months(moment, months)
    assert result >= moment
    assert (result.year - moment.year) * 12 + result.month - moment.month == months


@given(
    st.integers(0, 500),
    st.sampled_from(["days", "weeks", "months", "years"]),
    st.sampled_from(["recorded", "contract_ended", "unsubscribed"]),
)
def test_retention_round_trips_through_its_compact_form(value: int, unit: str, event: str) -> None:
    rule = RetentionRule.model_validate({"period": {"value": value, "unit": unit}, "from": event})
    assert RetentionRule.model_validate(rule.dump()) == rule
