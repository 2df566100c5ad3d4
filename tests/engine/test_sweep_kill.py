"""Kill -9 a sweep at random moments: no batch is ever half applied, and a rerun completes to the
state of an uninterrupted sweep (the full experiment: benchmarks/fault_sweep_kill.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from fault_sweep_kill import run_trials


@pytest.mark.slow
def test_killed_sweeps_never_leave_a_half_batch_and_rerun_to_the_clean_result() -> None:
    trials = run_trials(trials=10, rows=3000, batch_size=200, seed=7, verbose=False)
    problems = [t.problem for t in trials if not t.ok]
    assert problems == []
    assert len(trials) == 10
