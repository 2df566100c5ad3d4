"""The 72-hour clock: real hours across a daylight-saving change, reminders, late notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from waarborg.breaches.clock import (
    DelayReasonRequired,
    check_timely,
    read_clock,
    reminders_due,
    start_clock,
    time_left,
)

AMS = ZoneInfo("Europe/Amsterdam")


def test_deadline_is_72_real_hours_across_the_end_of_summer_time() -> None:
    # Summer time ends on Sunday 25 October 2026 at 03:00 CEST -> 02:00 CET.
    aware = datetime(2026, 10, 24, 10, 0, tzinfo=AMS)
    clock = start_clock(aware)
    assert clock.deadline - clock.aware_at == timedelta(hours=72)
    local = read_clock(clock, aware).deadline_local
    assert (local.day, local.hour, local.tzname()) == (27, 9, "CET")


def test_deadline_across_the_start_of_summer_time_reads_an_hour_later() -> None:
    # Summer time starts on Sunday 29 March 2026 at 02:00 CET -> 03:00 CEST.
    clock = start_clock(datetime(2026, 3, 28, 10, 0, tzinfo=AMS))
    local = read_clock(clock, clock.aware_at).deadline_local
    assert (local.day, local.hour, local.tzname()) == (31, 11, "CEST")


def test_time_left_and_overdue() -> None:
    clock = start_clock(datetime(2026, 10, 24, 10, 0, tzinfo=AMS))
    assert time_left(clock, clock.aware_at + timedelta(hours=50)) == timedelta(hours=22)
    reading = read_clock(clock, clock.deadline + timedelta(hours=5))
    assert reading.state == "overdue"
    assert reading.text("nl") == "termijn 5 uur 0 min verstreken"
    assert reading.text("en") == "deadline passed 5 h 0 min ago"


def test_running_clock_text_in_both_languages() -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    reading = read_clock(clock, clock.aware_at + timedelta(hours=48, minutes=45))
    assert reading.state == "running"
    assert reading.text("nl") == "nog 23 uur 15 min"
    assert reading.text("en") == "23 h 15 min left"


def test_notified_clock_is_met_or_late_whatever_now_is() -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    later = clock.deadline + timedelta(days=30)
    assert read_clock(clock, later, notified_at=clock.aware_at + timedelta(hours=70)).state == "met"
    assert read_clock(clock, later, notified_at=clock.deadline + timedelta(minutes=1)).state == "late"
    assert read_clock(clock, later, stopped=True).state == "stopped"


@pytest.mark.parametrize(
    ("hours_after", "sent", "due"),
    [
        (47, [], []),
        (48, [], [24]),
        (48, [24], []),
        (60, [24], [12]),
        (71.5, [24], [12, 1]),  # the scheduler was down: one message, both recorded
        (71.5, [24, 12, 1], []),
        (80, [], [24, 12, 1]),
    ],
)
def test_reminders_at_24_12_and_1_hour_left(hours_after: float, sent: list[int], due: list[int]) -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    assert reminders_due(clock, clock.aware_at + timedelta(hours=hours_after), sent) == due


def test_reminder_hours_count_real_hours_across_dst() -> None:
    clock = start_clock(datetime(2026, 10, 24, 10, 0, tzinfo=AMS))
    # 24 hours before the deadline (Tuesday 09:00 CET) is Monday 09:00 CET, not 10:00.
    assert reminders_due(clock, datetime(2026, 10, 26, 8, 59, tzinfo=AMS)) == []
    assert reminders_due(clock, datetime(2026, 10, 26, 9, 0, tzinfo=AMS)) == [24]


def test_late_notification_without_reasons_is_refused() -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    late = clock.deadline + timedelta(hours=3)
    with pytest.raises(DelayReasonRequired, match="3 h 0 min after the deadline"):
        check_timely(clock, late, None)
    with pytest.raises(DelayReasonRequired):
        check_timely(clock, late, "   ")
    assert check_timely(clock, late, "De omvang was pas na forensisch onderzoek duidelijk.") is False
    assert check_timely(clock, clock.deadline, None) is True


def test_notification_before_awareness_is_refused() -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="before the moment of becoming aware"):
        check_timely(clock, clock.aware_at - timedelta(hours=1), None)


def test_processor_clock_runs_to_the_agreed_hours() -> None:
    clock = start_clock(datetime(2026, 10, 24, 8, 0, tzinfo=UTC), role="processor")
    assert clock.span == timedelta(hours=24)
    # the 24-hour reminder would fire at the start: skipped; 12 and 1 remain
    assert reminders_due(clock, clock.aware_at) == []
    assert reminders_due(clock, clock.aware_at + timedelta(hours=23)) == [12, 1]
    assert start_clock(clock.aware_at, role="processor", processor_hours=48).span == timedelta(hours=48)


def test_naive_aware_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        start_clock(datetime(2026, 10, 24, 8, 0))
