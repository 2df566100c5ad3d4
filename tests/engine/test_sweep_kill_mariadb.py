"""Kill -9 a sweep at random moments on MariaDB (the SQLite version and the tests of the checks
themselves: test_sweep_kill.py; PostgreSQL: test_sweep_kill_postgres.py). A file of its own, so a
parallel test run gives it its own worker."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from fault_sweep_kill import run_trials


@pytest.mark.slow
@pytest.mark.mariadb
def test_killed_sweeps_on_mariadb_never_leave_a_half_batch_and_rerun_to_the_clean_result(mariadb_server: Any) -> None:
    # The session's MariaDB server; its fixture skips loudly when the binaries are absent.
    found = run_trials(6, 2000, batch_size=200, seed=7, verbose=False, db="mariadb", mariadb_server=mariadb_server)
    assert [t.problem for t in found if not t.ok] == []
    assert len(found) == 6
