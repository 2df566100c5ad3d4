"""The request lifecycle: due dates (Art. 12(3)) and the allowed state transitions."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waarborg.register.retention import Period
from waarborg.requests.lifecycle import (
    REQUEST_KINDS,
    TRANSITIONS,
    TransitionError,
    check_transition,
    due_at,
    is_open,
    parse_kind,
)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2024, 3, 1, 9, 30), datetime(2024, 4, 1, 9, 30)),
        (datetime(2024, 1, 31), datetime(2024, 2, 29)),  # leap year: clamped to month end
        (datetime(2023, 1, 31), datetime(2023, 2, 28)),
        (datetime(2024, 12, 15), datetime(2025, 1, 15)),  # across the year end
    ],
)
def test_due_date_is_one_calendar_month_after_receipt(received: datetime, due: datetime) -> None:
    assert due_at(received) == due


def test_a_shorter_promise_in_the_register_brings_the_deadline_forward() -> None:
    # KVGO promises an answer within four weeks: that binds them before the legal month does.
    assert due_at(datetime(2024, 3, 1), Period(value=4, unit="weeks")) == datetime(2024, 3, 29)


def test_a_longer_promise_cannot_stretch_the_legal_month() -> None:
    assert due_at(datetime(2024, 3, 1), Period(value=2, unit="months")) == datetime(2024, 4, 1)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)))
def test_due_date_falls_between_28_and_31_days_after_receipt(received: datetime) -> None:
    assert timedelta(days=28) <= due_at(received) - received <= timedelta(days=31)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("received", "in_progress"),
        ("in_progress", "completed"),
        ("in_progress", "failed"),
        ("failed", "in_progress"),  # the retry
        ("received", "rejected"),
        ("failed", "rejected"),
    ],
)
def test_allowed_transitions_pass(current: str, target: str) -> None:
    check_transition(current, target)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("completed", "in_progress"),  # a completed request is final
        ("completed", "failed"),
        ("rejected", "in_progress"),
        ("received", "completed"),  # nothing completes without being worked on
        ("failed", "completed"),  # a failed request only completes through a retry
    ],
)
def test_forbidden_transitions_are_refused_with_the_allowed_ones(current: str, target: str) -> None:
    with pytest.raises(TransitionError, match=f"{current} cannot become {target}"):
        check_transition(current, target)  # type: ignore[arg-type]


def test_open_states_are_exactly_those_with_a_way_out() -> None:
    # An unverified intake has a way out but the office owes nothing yet: it is not open.
    for status, targets in TRANSITIONS.items():
        assert is_open(status) == (bool(targets) and status != "awaiting_verification")


@pytest.mark.parametrize("kind", REQUEST_KINDS)
def test_every_kind_parses(kind: str) -> None:
    assert parse_kind(kind) == kind


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="access, erase, rectify, restrict, object, port"):
        parse_kind("delete")
