"""Sweeps on several connections at once (server engines): batches in flight side by side keep
every guarantee of one connection — atomic batches, a prefix applied, one batch `applying`,
resumable, exact counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from engine_fixture import NOW
from sqlalchemy import func, select, text

from pg_server import ORG_KINDS
from waarborg.retention import pipeline as pipeline_module
from waarborg.retention import sweep as sweep_module
from waarborg.retention.batch import BatchContext
from waarborg.retention.pipeline import connections_for
from waarborg.retention.sweep import run_sweep
from waarborg.store.models import ErasureLedgerEntry, SweepProgress
from waarborg.workspace import Workspace

SERVER_KINDS = [kind for kind in ORG_KINDS if getattr(kind, "values", (kind,))[0] in ("postgres", "mariadb")]
TABLES = {"crm": ["persons", "invoices", "registrations", "candidates", "recordings"], "newsletter": ["subscribers"]}


def _snapshot(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for system, names in TABLES.items():
        with workspace.connections().engine(system).connect() as conn:
            for table in names:
                out[f"{system}.{table}"] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
    return out


def _progress(workspace: Workspace) -> list[tuple[str, int, str]]:
    with workspace.store.session() as session:
        query = select(SweepProgress.table_name, SweepProgress.batch_no, SweepProgress.status)
        return [tuple(r) for r in session.execute(query.order_by(SweepProgress.id))]  # type: ignore[misc]


def test_sqlite_sweeps_on_one_connection_and_servers_on_several_but_mariadb_deletes_on_one() -> None:
    assert connections_for("sqlite", 4) == 1
    assert connections_for("mysql", 4, deletes=True) == connections_for("mariadb", 4, deletes=True) == 1
    assert connections_for("mariadb", 3) == 3 and connections_for("mysql", None) == pipeline_module.SERVER_CONNECTIONS
    assert connections_for("postgresql", None) == pipeline_module.SERVER_CONNECTIONS
    assert connections_for("postgresql", 3) == 3


def test_a_connection_count_below_one_is_refused(fresh_workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="connections must be at least 1"):
        run_sweep(fresh_workspace, now=NOW, connections=0)


@pytest.mark.parametrize("db_kind", SERVER_KINDS)
def test_three_connections_end_where_one_does_with_the_same_counts(
    fresh_workspace: Workspace, db_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_pipeline: dict[str, bool] = {}  # table -> whether it had a DELETE step
    real_pipeline = sweep_module.run_pipeline

    def recording(ctx: BatchContext, *args: Any) -> int:
        in_pipeline[ctx.target.table] = any(step.action == "delete" for step in ctx.target.steps)
        return real_pipeline(ctx, *args)

    monkeypatch.setattr(sweep_module, "run_pipeline", recording)
    report = run_sweep(fresh_workspace, now=NOW, batch_size=1, connections=3)
    assert in_pipeline and not (db_kind == "mariadb" and any(in_pipeline.values()))  # MariaDB deletes on one
    swept = _snapshot(fresh_workspace)
    assert report.rows == 9 and sum(t.batches for t in report.tables) == 9
    assert {status for _t, _n, status in _progress(fresh_workspace)} == {"done"}
    numbers = [n for t, n, _s in _progress(fresh_workspace) if t == "persons"]
    assert numbers == list(range(1, len(numbers) + 1))  # numbered in key order, no gaps
    assert run_sweep(fresh_workspace, now=NOW, batch_size=1, connections=1).rows == 0
    assert _snapshot(fresh_workspace) == swept


@pytest.mark.parametrize("db_kind", SERVER_KINDS)
def test_a_sweep_killed_with_batches_in_flight_resumes_to_the_clean_result(
    fresh_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_settle, settled = pipeline_module.settle, []

    def die_after_announcing_the_third(ctx, work, batch_no):  # announced, not committed; others in flight
        if work.changed and len(settled) == 2:
            pipeline_module.announce_batches(ctx, [(batch_no + 1, work)])
            work.transaction.rollback()  # the kill comes before its commit
            raise RuntimeError("killed")
        settled.extend([work] if work.changed else [])
        return real_settle(ctx, work, batch_no)

    monkeypatch.setattr(pipeline_module, "settle", die_after_announcing_the_third)
    with pytest.raises(RuntimeError, match="killed"):
        run_sweep(fresh_workspace, now=NOW, batch_size=1, connections=3)
    assert [status for _t, _n, status in _progress(fresh_workspace)] == ["done", "done", "applying"]
    monkeypatch.setattr(pipeline_module, "settle", real_settle)
    resumed = run_sweep(fresh_workspace, now=NOW + timedelta(days=3650), batch_size=5, connections=3)
    assert resumed.resumed and resumed.now == NOW
    assert resumed.rows == 9 - 2  # the two committed batches changed a row each; the announced one did not commit
    with fresh_workspace.store.session() as session:
        rows = session.execute(select(func.sum(ErasureLedgerEntry.row_count))).scalar_one()
        hashes = [(e.table_name, h) for e in session.execute(select(ErasureLedgerEntry)).scalars() for h in e.hashes()]
    assert rows == 9 and len(hashes) == len(set(hashes))  # each erasure in the ledger once
    assert {status for _t, _n, status in _progress(fresh_workspace)} == {"done"}
    assert run_sweep(fresh_workspace, now=NOW, batch_size=1).rows == 0
