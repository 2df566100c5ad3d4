"""The 72-hour clock of Art. 33(1): from the moment of becoming aware to the notification.

Pure, and time is a parameter: every function takes `now`, so tests move time instead of waiting.
Moments are UTC; the deadline is shown in Dutch local time. Because the clock counts real hours
(UTC), a deadline across the end of summer time reads one wall-clock hour earlier than the start
(aware Saturday 10:00 CEST -> deadline Tuesday 09:00 CET), which is exactly 72 hours.

A processor does not notify the authority: it tells its controllers without undue delay
(Art. 33(2)). The GDPR sets no hours for that; the processor agreement usually does, so the
processor's clock runs to `processor_hours` (24 by default, configurable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from waarborg.register.text import Language

from .incident import LOCAL_ZONE
from .options import Role

NOTIFY_WITHIN = timedelta(hours=72)
PROCESSOR_HOURS = 24
REMINDER_HOURS: tuple[int, ...] = (24, 12, 1)  # reminders to the privacy officer at these hours left

State = Literal["running", "overdue", "met", "late", "stopped"]


class DelayReasonRequired(ValueError):
    """A notification after the deadline without the reasons for the delay (Art. 33(1))."""


@dataclass(frozen=True)
class Clock:
    """When the organisation became aware, and by when it must have notified."""

    aware_at: datetime
    deadline: datetime
    role: Role = "controller"

    @property
    def span(self) -> timedelta:
        return self.deadline - self.aware_at


def start_clock(aware_at: datetime, role: Role = "controller", processor_hours: int = PROCESSOR_HOURS) -> Clock:
    """The clock of a breach; a naive `aware_at` is refused (a moment without a zone is ambiguous)."""
    if aware_at.tzinfo is None:
        raise ValueError("aware_at must carry a time zone")
    aware = aware_at.astimezone(UTC)
    span = NOTIFY_WITHIN if role == "controller" else timedelta(hours=processor_hours)
    return Clock(aware, aware + span, role)


def time_left(clock: Clock, now: datetime) -> timedelta:
    """Time until the deadline; negative once it has passed."""
    return clock.deadline - now.astimezone(UTC)


@dataclass(frozen=True)
class ClockReading:
    """The clock at one moment: what the office shows next to the incident."""

    state: State
    left: timedelta  # negative when overdue or late
    deadline_local: datetime

    def text(self, lang: Language) -> str:
        """'nog 23 uur 15 min' / '23 h 15 min left', 'termijn 5 uur 0 min verstreken' / ..."""
        span = _span_text(abs(self.left), lang)
        words = _STATE_WORDS[self.state][lang]
        return words.format(span=span)


_STATE_WORDS: dict[State, dict[Language, str]] = {
    "running": {"nl": "nog {span}", "en": "{span} left"},
    "overdue": {"nl": "termijn {span} verstreken", "en": "deadline passed {span} ago"},
    "met": {"nl": "op tijd gemeld ({span} voor de termijn)", "en": "notified in time ({span} before the deadline)"},
    "late": {"nl": "te laat gemeld ({span} na de termijn)", "en": "notified late ({span} after the deadline)"},
    "stopped": {"nl": "geen melding nodig", "en": "no notification needed"},
}


def _span_text(span: timedelta, lang: Language) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} uur {minutes} min" if lang == "nl" else f"{hours} h {minutes} min"


def read_clock(clock: Clock, now: datetime, notified_at: datetime | None = None, stopped: bool = False) -> ClockReading:
    """The state at `now`: running or overdue, or met/late once notified, or stopped (no notification)."""
    local = clock.deadline.astimezone(LOCAL_ZONE)
    if notified_at is not None:
        left = time_left(clock, notified_at)
        return ClockReading("met" if left >= timedelta(0) else "late", left, local)
    if stopped:
        return ClockReading("stopped", timedelta(0), local)
    left = time_left(clock, now)
    return ClockReading("running" if left >= timedelta(0) else "overdue", left, local)


def reminders_due(clock: Clock, now: datetime, sent: list[int] | tuple[int, ...] = ()) -> list[int]:
    """Reminder thresholds (hours left) that `now` has reached and that were not sent yet, tightest last.

    The scheduler sends one message naming the last and records all of them as sent, so a
    scheduler that was down does not send three messages at once. Thresholds longer than the
    clock's span (24 hours on a 24-hour processor clock) are skipped.
    """
    left = time_left(clock, now)
    due = [hours for hours in REMINDER_HOURS
           if timedelta(hours=hours) < clock.span and left <= timedelta(hours=hours) and hours not in sent]
    return sorted(due, reverse=True)


def check_timely(clock: Clock, notified_at: datetime, delay_reason: str | None) -> bool:
    """True when on time; False when late with reasons; DelayReasonRequired when late without them."""
    if notified_at.astimezone(UTC) < clock.aware_at:
        raise ValueError("the notification cannot come before the moment of becoming aware")
    if time_left(clock, notified_at) >= timedelta(0):
        return True
    if not (delay_reason and delay_reason.strip()):
        late = _span_text(-time_left(clock, notified_at), "en")
        raise DelayReasonRequired(
            f"timing.delay_reason: the notification comes {late} after the deadline; "
            "Art. 33(1) requires the reasons for the delay"
        )
    return False
