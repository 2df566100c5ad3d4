"""Benchmark: the office's consent page over time (`consent_overview`, per month and per week) on a
large ledger, side by side with the obvious alternative measured in the same run: read every
event of the mailing type into Python and replay it (one pass, person by person state).

    python benchmarks/bench_consent_overview.py                       # 100,000 people, SQLite
    python benchmarks/bench_consent_overview.py --people 20000 --url postgresql+psycopg://...

Setup (not timed): a store with consent events for the demo register's `newsletter` spread over
two years (every person gives consent; every third withdraws later; every tenth of those gives it
again) and a suppression list of one in ten people. Both ways must give the same figures; the run
stops when they differ. Wall and CPU time of this process are printed (CPU excludes a PostgreSQL
server's work), then each way runs again under tracemalloc for the peak of the Python memory it
allocates (the database engine's own memory is not in it), and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psutil
from sqlalchemy import insert, select

from waarborg.consent.overview import consent_overview
from waarborg.consent.periods import Period, last_periods, next_start
from waarborg.register import load_register
from waarborg.store import Suppression, open_store
from waarborg.store.consent_models import ConsentEvent

DEMO_REGISTER = Path(__file__).resolve().parents[1] / "src" / "waarborg" / "demo" / "register.yaml"
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=730)


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.platform()}; {os.cpu_count()} CPUs; {mem:.1f} GiB RAM; Python {platform.python_version()}; "
            f"load average {load} (the machine is shared)")


def _event(person: int, action: str, at: datetime) -> dict[str, object]:
    return {"identity_kind": "email", "identity_hash": f"{person:064x}", "identity_sealed": None,
            "purpose": "newsletter", "action": action, "statement_version": "1.0", "at": at, "method": "import",
            "evidence": {}, "recorded_at": NOW}


def _events_of(person: int) -> list[dict[str, object]]:
    given = START + timedelta(minutes=(person * 7919) % (730 * 24 * 60))
    rows = [_event(person, "given", given)]
    if person % 3 == 0:
        withdrawn = given + timedelta(days=1 + person % 200)
        rows.append(_event(person, "withdrawn", withdrawn))
        if person % 30 == 0:
            rows.append(_event(person, "given", withdrawn + timedelta(days=3)))
    return rows


def build(url: str, people: int) -> int:
    store = open_store(url)
    count = 0
    try:
        for first in range(0, people, 10_000):
            rows = [row for person in range(first, min(first + 10_000, people)) for row in _events_of(person)]
            suppressed = [{"identity_hash": f"{p:064x}", "kind": "email", "reason": "unsubscribe",
                           "added_at": START + timedelta(days=p % 700)} for p in range(first, first + 10_000, 10)
                          if p < people]
            with store.session() as session:
                session.execute(insert(ConsentEvent), rows)
                session.execute(insert(Suppression), suppressed)
            count += len(rows)
    finally:
        store.close()
    return count


def replay(session, period: Period, starts: list[date]) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """The obvious way: every event of the type into Python, replayed in order, counted per period."""
    query = (select(ConsentEvent.identity_hash, ConsentEvent.action, ConsentEvent.at)
             .where(ConsentEvent.purpose == "newsletter").order_by(ConsentEvent.at, ConsentEvent.id))
    ends = [datetime.combine(next_start(period, s), datetime.min.time(), UTC) for s in starts]
    first = datetime.combine(starts[0], datetime.min.time(), UTC)
    state: dict[str, str] = {}
    given: dict[int, int] = defaultdict(int)
    withdrawn: dict[int, int] = defaultdict(int)
    active: list[int] = []
    subscribed, index = 0, 0
    for hashed, action, at in session.execute(query):
        while index < len(ends) and at >= ends[index]:
            active.append(subscribed)
            index += 1
        if index == len(ends):
            break
        before = state.get(hashed)
        subscribed += (action == "given" and before != "given") - (action == "withdrawn" and before == "given")
        state[hashed] = action
        if at >= first:  # inside the periods shown (the periods follow each other without gaps)
            (given if action == "given" else withdrawn)[index] += 1
    active.extend([subscribed] * (len(ends) - len(active)))
    return [(given[i], withdrawn[i], active[i]) for i in range(len(ends))]


def timed(label: str, work):  # type: ignore[no-untyped-def]
    """Run `work` timed, then once more under tracemalloc for the peak of Python memory it allocates."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"{label:<44} {wall:7.2f} s wall, {cpu:7.2f} s CPU, Python memory peak {peak:7.1f} MB")
    return result, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--url", help="a store URL (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-consent-overview-"))
    url = args.url or f"sqlite:///{folder / 'state.sqlite'}"
    print(f"machine: {machine()}")
    began = time.perf_counter()
    events = build(url, args.people)
    register = load_register(DEMO_REGISTER)
    store = open_store(url)
    print(f"data: {args.people:,} people, {events:,} consent events, {args.people // 10:,} suppressed, "
          f"{store.dialect} store; setup {time.perf_counter() - began:.1f} s (not timed below)")
    same = True
    try:
        for period in ("month", "week"):
            starts = last_periods(period, NOW.date(), 12)
            with store.session() as session:
                shown, wall, cpu = timed(f"consent_overview per {period} (set-based SQL)",
                                         lambda p=period: consent_overview(session, register, NOW, p))
                expected, r_wall, r_cpu = timed(f"replay every event in Python per {period}",
                                                lambda p=period, s=starts: replay(session, p, s))
            newsletter = next(t for t in shown.types if t.key == "newsletter")
            figures = [(p.given, p.withdrawn, p.active) for p in newsletter.periods]
            same = same and figures == expected
            print(f"  per {period}: overview / replay {wall / r_wall:.2f}x wall, {cpu / r_cpu:.2f}x CPU; "
                  f"subscribed at the end {figures[-1][2]:,}; identical figures: {figures == expected}")
    finally:
        store.close()
    if not same:
        sys.exit("the overview and the replay differ")


if __name__ == "__main__":
    main()
