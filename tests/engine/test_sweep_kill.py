"""Kill -9 a sweep at random moments, on SQLite and on PostgreSQL: no batch is ever half applied,
and a rerun completes to the state of an uninterrupted sweep (the full experiment:
benchmarks/fault_sweep_kill.py). The checks the experiment relies on are tested first, on rows
made by hand, so a broken check cannot pass a broken sweep."""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from fault_sweep_kill import PostgresOrg, Rows, batch_states, is_due, is_prefix, run_trials, store_agrees

DUE, NOT_DUE = "2025-01-01 00:00:00.000", "2025-12-01 00:00:00.000"  # registrations' cutoff: 2025-06-01
HASH = "0123456789abcdef" * 4
MASKED = {"email": HASH, "attendee_name": "[verwijderd]", "remarks": None}


def registration(key: int, event_date: str) -> dict[str, Any]:
    return {"id": key, "email": f"p{key}@example.nl", "attendee_name": f"Naam {key}", "remarks": "opmerking",
            "event_date": event_date}


# Two batches of two: ids 1 (due), 2 (not due) | 3 (due), 4 (due).
BASE: Rows = {key: registration(key, NOT_DUE if key == 2 else DUE) for key in (1, 2, 3, 4)}


def after(changes: dict[int, dict[str, Any]]) -> Rows:
    return {key: row | changes.get(key, {}) for key, row in BASE.items()}


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, ["none", "none"]),
    ({1: MASKED}, ["all", "none"]),
    ({1: MASKED, 3: MASKED, 4: MASKED}, ["all", "all"]),
    ({3: MASKED}, ["none", "HALF"]),
    ({1: MASKED, 2: MASKED}, ["TOUCHED", "none"]),
    ({3: MASKED, 4: MASKED | {"email": "p4@example.nl"}}, ["none", "DAMAGED"]),  # e-mail address left
    ({1: MASKED | {"event_date": NOT_DUE}}, ["DAMAGED", "none"]),
])
def test_batch_states_tell_applied_unapplied_half_and_touched_batches_apart(
    changes: dict[int, dict[str, Any]], expected: list[str]
) -> None:
    assert batch_states("registrations", BASE, after(changes), batch_size=2) == expected


# Recordings are deleted when due (cutoff 2025-12-01): one batch of a due and a kept recording.
RECORDINGS: Rows = {1: {"id": 1, "video_path": "/video/1.mp4", "recorded_at": datetime(2025, 7, 1)},
                    2: {"id": 2, "video_path": "/video/2.mp4", "recorded_at": datetime(2025, 12, 2)}}


@pytest.mark.parametrize(("kept", "expected"), [
    ([1, 2], ["none"]),
    ([2], ["all"]),
    ([1], ["TOUCHED"]),
    ([], ["TOUCHED"]),
])
def test_a_deleted_recording_counts_as_erased_only_when_it_was_due(
    kept: list[int], expected: list[str]
) -> None:
    rows = {key: dict(RECORDINGS[key]) for key in kept}
    assert batch_states("recordings", RECORDINGS, rows, batch_size=2) == expected


@pytest.mark.parametrize(("event_date", "due"), [
    ("2025-06-01 00:00:00.000", True),  # SQLite hands the value over as text
    (datetime(2025, 6, 1), True),  # PostgreSQL as a timestamp
    ("2025-06-01 00:00:00.001", False),
    (datetime(2025, 6, 1, 0, 0, 1), False),
])
def test_a_registration_is_due_on_or_before_the_cutoff_in_either_form(event_date: object, due: bool) -> None:
    assert is_due("registrations", {"event_date": event_date}) is due


@pytest.mark.parametrize(("states", "prefix"), [
    (["all", "all", "none"], True),
    (["all", "empty", "all", "none", "none"], True),
    (["none", "all"], False),
    (["all", "none", "empty", "all"], False),
])
def test_applied_batches_must_come_before_unapplied_ones(states: list[str], prefix: bool) -> None:
    assert is_prefix(states) is prefix


@pytest.mark.parametrize(("progress", "changes", "agrees"), [
    ([("registrations", None, 2, "done"), ("registrations", 2, 4, "applying")], {1: MASKED}, True),
    ([("registrations", None, 2, "done"), ("registrations", 2, 4, "done")], {1: MASKED}, False),
    ([("registrations", None, 2, "applying"), ("registrations", 2, 4, "applying")], {}, False),
    ([], {}, True),
])
def test_the_store_agrees_only_when_done_batches_are_applied_and_one_batch_is_applying(
    progress: list[tuple[str, Any, Any, str]], changes: dict[int, dict[str, Any]], agrees: bool
) -> None:
    assert store_agrees(progress, {"registrations": BASE}, {"registrations": after(changes)}) is agrees


@pytest.mark.parametrize(("progress", "agrees"), [
    ([("registrations", None, 2, "applying"), ("registrations", 2, 4, "done")], False),  # applying below done
    ([("registrations", None, 2, "done"), ("registrations", 2, 4, "applying")], True),
])
def test_the_applying_batch_must_lie_above_every_done_one(
    progress: list[tuple[str, Any, Any, str]], agrees: bool
) -> None:
    assert store_agrees(progress, {"registrations": BASE}, {"registrations": after({1: MASKED})}) is agrees


@pytest.mark.postgres
def test_a_trial_waits_until_the_killed_sweeps_backend_has_left_its_database(
    pg_server: Any, tmp_path: Path
) -> None:
    org = PostgresOrg(pg_server)
    url = org.copy(tmp_path)
    lingering = create_engine(url, poolclass=NullPool).connect()  # as a killed client's backend, still busy
    closed: list[float] = []

    def leave() -> None:
        lingering.close()
        closed.append(time.monotonic())

    threading.Timer(0.3, leave).start()
    assert org.settle(url) > 0.0  # it waited ...
    assert closed and time.monotonic() >= closed[0]  # ... until the backend had left (no wall-clock bound)
    assert org.settle(url) == 0.0
    org.drop(url)


@pytest.mark.postgres
def test_a_backend_that_never_leaves_stops_the_trial_with_a_clear_error(
    pg_server: Any, tmp_path: Path
) -> None:
    org = PostgresOrg(pg_server, settle_timeout=0.1)
    url = org.copy(tmp_path)
    with create_engine(url, poolclass=NullPool).connect(), pytest.raises(RuntimeError, match="still uses"):
        org.settle(url)
    org.settle_timeout = 60.0
    org.drop(url)


@pytest.mark.slow
def test_killed_sweeps_on_sqlite_never_leave_a_half_batch_and_rerun_to_the_clean_result() -> None:
    found = run_trials(10, 3000, batch_size=200, seed=7, verbose=False, db="sqlite")
    assert [t.problem for t in found if not t.ok] == []
    assert len(found) == 10
