"""The deadline of a request: the calendar month with the end-of-month rule, the register's
shorter promise, extensions only within month one and with reasons, and pauses that add exactly
their length. Examples for the legal cases, Hypothesis properties for the rest."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waarborg.register.retention import Period
from waarborg.requests.deadline import DeadlineError, Extension, Pause, check_extension, deadline, first_month_end

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31))
gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60))
FOUR_WEEKS = Period(value=4, unit="weeks")


@pytest.mark.parametrize(("received", "due"), [
    (datetime(2024, 1, 31, 9), datetime(2024, 2, 29, 9)),   # leap year
    (datetime(2025, 1, 31, 9), datetime(2025, 2, 28, 9)),
    (datetime(2025, 3, 31, 9), datetime(2025, 4, 30, 9)),
    (datetime(2025, 12, 15, 9), datetime(2026, 1, 15, 9)),   # over the year end
])
def test_one_calendar_month_with_the_end_of_month_rule(received: datetime, due: datetime) -> None:
    assert deadline(received) == due


def test_a_shorter_promise_holds_and_a_longer_one_does_not_stretch_the_law() -> None:
    received = datetime(2025, 2, 1, 9)
    assert deadline(received, FOUR_WEEKS) == datetime(2025, 3, 1, 9)  # 28 days: here equal to a month
    received = datetime(2025, 3, 1, 9)
    assert deadline(received, FOUR_WEEKS) == datetime(2025, 3, 29, 9)
    assert deadline(received, Period(value=6, unit="weeks")) == datetime(2025, 4, 1, 9)


def test_an_extension_counts_from_receipt_and_replaces_the_promise() -> None:
    received = datetime(2025, 1, 31, 9)
    two = Extension(2, "many systems, 40 years of records", datetime(2025, 2, 10))
    assert deadline(received, FOUR_WEEKS, extension=two) == datetime(2025, 4, 30, 9)
    one = Extension(1, "complex", datetime(2025, 2, 10))
    assert deadline(received, extension=one) == datetime(2025, 3, 31, 9)


@pytest.mark.parametrize(("extension", "message"), [
    (Extension(3, "complex", datetime(2025, 2, 10)), "1 or 2 further months"),
    (Extension(0, "complex", datetime(2025, 2, 10)), "1 or 2 further months"),
    (Extension(2, "   ", datetime(2025, 2, 10)), "needs its reasons"),
    (Extension(2, "complex", datetime(2025, 3, 1)), "too late to extend"),
    (Extension(2, "complex", datetime(2025, 1, 30)), "before the request was received"),
])
def test_an_extension_is_refused_with_a_clear_reason(extension: Extension, message: str) -> None:
    with pytest.raises(DeadlineError, match=message):
        deadline(datetime(2025, 1, 31, 9), extension=extension)


def test_a_pause_moves_the_end_of_month_one_too() -> None:
    received = datetime(2025, 3, 1, 9)
    pause = Pause(datetime(2025, 3, 5, 9), datetime(2025, 3, 15, 9))
    late = Extension(2, "complex", datetime(2025, 4, 5, 9))
    with pytest.raises(DeadlineError, match="too late"):
        check_extension(received, late)
    check_extension(received, late, [pause])  # ten days of waiting: still inside month one
    assert first_month_end(received, [pause]) == datetime(2025, 4, 11, 9)


def test_an_open_pause_counts_until_now_and_needs_now() -> None:
    received = datetime(2025, 3, 1, 9)
    waiting = [Pause(datetime(2025, 3, 3, 9))]
    assert deadline(received, pauses=waiting, now=datetime(2025, 3, 6, 9)) == datetime(2025, 4, 4, 9)
    with pytest.raises(DeadlineError, match="pass `now`"):
        deadline(received, pauses=waiting)


def test_overlapping_or_early_pauses_are_refused() -> None:
    received = datetime(2025, 3, 1, 9)
    with pytest.raises(DeadlineError, match="before receipt"):
        deadline(received, pauses=[Pause(datetime(2025, 2, 28), datetime(2025, 3, 2))])
    overlapping = [Pause(datetime(2025, 3, 2), datetime(2025, 3, 10)),
                   Pause(datetime(2025, 3, 5), datetime(2025, 3, 6))]
    with pytest.raises(DeadlineError, match="previous pause"):
        deadline(received, pauses=overlapping)


@given(moments)
def test_the_deadline_is_never_before_receipt_and_at_most_a_month_later(received: datetime) -> None:
    due = deadline(received, FOUR_WEEKS)
    assert received < due <= deadline(received)
    assert deadline(received) - received <= timedelta(days=31)


@given(moments, moments)
def test_the_deadline_is_monotone_in_receipt(first: datetime, second: datetime) -> None:
    early, late = sorted((first, second))
    assert deadline(early) <= deadline(late)
    assert deadline(early, FOUR_WEEKS) <= deadline(late, FOUR_WEEKS)


@given(moments)
def test_the_end_of_month_clamp(received: datetime) -> None:
    due = deadline(received)
    assert due.time() == received.time()
    assert (due.year * 12 + due.month) - (received.year * 12 + received.month) == 1
    assert due.day == received.day or (due.day < received.day and (due + timedelta(days=1)).month != due.month)


@given(moments, gaps, gaps)
def test_a_pause_adds_exactly_its_length(received: datetime, wait: timedelta, length: timedelta) -> None:
    pause = Pause(received + wait, received + wait + length)
    assert deadline(received, FOUR_WEEKS, [pause]) - deadline(received, FOUR_WEEKS) == length


@given(moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)), st.integers(1, 2))
def test_an_extension_is_allowed_exactly_inside_month_one(received: datetime, after: timedelta, months: int) -> None:
    extension = Extension(months, "complex", received + after)
    inside = received + after <= first_month_end(received)
    if inside:
        assert deadline(received, extension=extension) > deadline(received)
    else:
        with pytest.raises(DeadlineError, match="too late"):
            deadline(received, extension=extension)
