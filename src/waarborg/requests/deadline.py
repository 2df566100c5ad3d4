"""When a data-subject request must be answered: the law's month, the register's shorter promise,
an extension with reasons, and the time spent waiting for the requester.

Art. 12(3): without undue delay and at the latest one month after receipt, counted as a calendar
month (31 January -> 28/29 February, `add_months`). An organisation that promises less (KVGO:
four weeks, the register's `rights.response_time`) is held to its promise. The month may be
extended by up to two further months, "taking into account the complexity and number of the
requests", and the requester must be told so, with the reasons, *within* the first month: an
extension decided later is refused. An extension counts from receipt (receipt + 1 + n months),
so it replaces the promise; the promise cannot shorten an extension the law allows.

While the office waits for the requester (more proof of identity, Art. 12(6)) the clock stands
still: every pause moves the deadline by exactly its length. An open pause counts until `now`.

Pure: no database, no clock of its own. The store keeps the pauses and the extension; the office
and the jobs call `deadline` with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from waarborg.register.retention import Period, add_months

MAX_EXTENSION_MONTHS: Final = 2


class DeadlineError(ValueError):
    """A pause or extension that the law or the request's own history does not allow."""


@dataclass(frozen=True)
class Pause:
    """Waiting for the requester from `start` until `end` (None: still waiting)."""

    start: datetime
    end: datetime | None = None
    reason: str = "identity"

    def length(self, now: datetime | None) -> timedelta:
        end = self.end if self.end is not None else now
        if end is None:
            raise DeadlineError("the request is still waiting for the requester: pass `now` to count the pause")
        return max(end - self.start, timedelta(0))


@dataclass(frozen=True)
class Extension:
    """An extension by `months` further months, decided at `decided_at` for `reasons`."""

    months: int
    reasons: str
    decided_at: datetime


def first_month_end(received_at: datetime, pauses: Sequence[Pause] = (), now: datetime | None = None) -> datetime:
    """The end of the law's first month (pauses included): the last moment to decide an extension."""
    return add_months(received_at, 1) + paused(received_at, pauses, now)


def paused(received_at: datetime, pauses: Sequence[Pause], now: datetime | None = None) -> timedelta:
    """The total time spent waiting for the requester; pauses must follow receipt and not overlap."""
    total = timedelta(0)
    previous_end = received_at
    for index, pause in enumerate(sorted(pauses, key=lambda p: p.start)):
        if pause.start < previous_end:
            raise DeadlineError(f"pause {index + 1} starts at {pause.start:%Y-%m-%d %H:%M}, before receipt "
                                "or before the previous pause ended")
        if pause.end is not None and pause.end < pause.start:
            raise DeadlineError(f"pause {index + 1} ends before it starts")
        if pause.end is None and index != len(pauses) - 1:
            raise DeadlineError(f"pause {index + 1} is still open but a later pause exists")
        total += pause.length(now)
        previous_end = pause.end if pause.end is not None else pause.start
    return total


def deadline(
    received_at: datetime,
    promised: Period | None = None,
    pauses: Sequence[Pause] = (),
    extension: Extension | None = None,
    now: datetime | None = None,
) -> datetime:
    """The moment the answer is due.

    >>> deadline(datetime(2024, 1, 31, 10, 0))
    datetime.datetime(2024, 2, 29, 10, 0)
    """
    if extension is not None:
        check_extension(received_at, extension, pauses, now)
        base = add_months(received_at, 1 + extension.months)
    else:
        legal = add_months(received_at, 1)
        base = legal if promised is None else min(legal, promised.add_to(received_at))
    return base + paused(received_at, pauses, now)


def check_extension(
    received_at: datetime, extension: Extension, pauses: Sequence[Pause] = (), now: datetime | None = None
) -> None:
    """Raise DeadlineError unless the extension is 1-2 months, has reasons and falls in month one."""
    if not 1 <= extension.months <= MAX_EXTENSION_MONTHS:
        raise DeadlineError(f"an extension is 1 or {MAX_EXTENSION_MONTHS} further months (Art. 12(3)), "
                            f"not {extension.months}")
    if not extension.reasons.strip():
        raise DeadlineError("an extension needs its reasons: the requester must be told why (Art. 12(3))")
    if extension.decided_at < received_at:
        raise DeadlineError("an extension cannot be decided before the request was received")
    limit = first_month_end(received_at, pauses, now)
    if extension.decided_at > limit:
        raise DeadlineError(f"too late to extend: the requester must be told within the first month, which "
                            f"ended on {limit:%Y-%m-%d %H:%M} (Art. 12(3))")
