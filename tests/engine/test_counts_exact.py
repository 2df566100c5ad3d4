"""Every count Waarborg reports or audits equals the rows that really changed (issue 9).

For sweeps, replays and each kind of request, on SQLite and PostgreSQL, on demo workspaces of
several sizes and seeds: every bound table is read before and after, and the dry run's counts,
the report's, the audit trail's and the erasure ledger's are compared with the difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from counts_harness import (
    AS_OF,
    Node,
    TableChange,
    changes,
    demo_workspace,
    last_audit,
    restore,
    rows_per_table,
    snapshot,
)
from sqlalchemy import func, select

from waarborg.requests.access import access_fulfilment
from waarborg.requests.corrections import parse_corrections
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.objection import object_fulfilment
from waarborg.requests.port import port_fulfilment
from waarborg.requests.rectify import rectify_fulfilment
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import run_request
from waarborg.retention.plan import sweep_targets
from waarborg.retention.replay import replay_erasures
from waarborg.retention.steps import TableSteps
from waarborg.retention.sweep import run_sweep
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

# (persons, seed): two small demos of different sizes and seeds, so the module stays fast.
DEMOS = [(40, 3), (25, 7)]
# The demo's own day, and eight years on: every employment that ended is then past both the
# personnel file (two years) and payroll (seven), so three mask steps meet in one employee row.
SINCE = datetime(2000, 1, 1)
MOMENTS = [datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12), datetime(AS_OF.year + 8, AS_OF.month, AS_OF.day, 12)]


@pytest.fixture(params=DEMOS, ids=[f"{p}p-seed{s}" for p, s in DEMOS])
def demo(
    request: pytest.FixtureRequest, tmp_path: Path, db_kind: str, db_urls: Callable[[str], str]
) -> Iterator[Workspace]:
    persons, seed = request.param
    workspace = demo_workspace(tmp_path / "demo", db_kind, db_urls, persons, seed)
    yield workspace
    workspace.close()


def _expected_by_activity(target: TableSteps, change: TableChange | None) -> dict[str, int]:
    """Per activity of the table's steps, the rows whose change involves that activity's columns."""
    out: dict[str, int] = {}
    for activity in dict.fromkeys(a for step in target.steps for a in step.activities):
        steps = [step for step in target.steps if activity in step.activities]
        columns = {name for step in steps if step.action == "mask" for name in step.columns}
        deletes = any(step.action == "delete" for step in steps)
        out[activity] = change.rows_touching(columns, deletes) if change else 0
    return out


def _ledger_rows(workspace: Workspace, source: str) -> dict[str, int]:
    query = (select(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name, func.sum(ErasureLedgerEntry.row_count))
             .where(ErasureLedgerEntry.source == source)
             .group_by(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name))
    with workspace.store.session() as session:
        return {f"{s}.{t}": int(n) for s, t, n in session.execute(query)}


def _ledger_rows_per_step(workspace: Workspace) -> dict[tuple[str, str, tuple[str, ...]], int]:
    with workspace.store.session() as session:
        entries = session.execute(select(ErasureLedgerEntry)).scalars().all()
        out: dict[tuple[str, str, tuple[str, ...]], int] = {}
        for e in entries:
            label = (f"{e.system}.{e.table_name}", e.action, tuple(sorted(e.columns)))
            out[label] = out.get(label, 0) + e.row_count
        return out


@pytest.mark.parametrize("now", MOMENTS, ids=["as-of", "eight-years-on"])
def test_sweep_dry_run_report_audit_and_ledger_count_the_rows_that_changed(demo: Workspace, now: datetime) -> None:
    before = snapshot(demo)
    plan = run_sweep(demo, now=now, dry_run=True).plan
    assert plan is not None
    report = run_sweep(demo, now=now, batch_size=37)  # many batches, so batches are summed too
    found = changes(before, snapshot(demo))
    targets: dict[Node, TableSteps] = {(t.system, t.table): t for t in sweep_targets(demo.register, now)}
    assert all(not change.inserted for change in found.values())
    for table in plan.tables:
        change = found.get((table.system, table.table))
        assert (table.rows_to_delete, table.rows_to_mask) == (
            (len(change.deleted), len(change.changed)) if change else (0, 0)), table.table
        expected = _expected_by_activity(targets[(table.system, table.table)], change)
        assert table.by_activity == expected, table.table
    reported = {f"{t.system}.{t.table}": t for t in report.tables}
    assert {label: r.rows for label, r in reported.items() if r.rows} == rows_per_table(found)
    assert report.rows == plan.rows == sum(c.rows for c in found.values())
    for label, result in reported.items():
        node = tuple(label.split(".", 1))
        expected = _expected_by_activity(targets[node], found.get(node))  # type: ignore[arg-type]
        assert result.by_activity == {a: n for a, n in expected.items() if a in result.by_activity}, label
        assert all(n == 0 for a, n in expected.items() if a not in result.by_activity), label
    with demo.store.session() as session:
        audited = last_audit(session, "sweep.completed")
    assert {label: n for label, n in audited["tables"].items() if n} == rows_per_table(found)
    assert audited["rows"] == report.rows
    assert audited["activities"] == {label: r.by_activity for label, r in reported.items()}
    # The ledger records each step (a group of columns) with the rows whose columns it erased.
    for (label, action, columns), rows in _ledger_rows_per_step(demo).items():
        change = found[tuple(label.split(".", 1))]  # type: ignore[index]
        assert rows == (len(change.deleted) if action == "delete" else change.rows_touching(set(columns), False))


def _people_with_invoices(demo: Workspace, count: int) -> list[str]:
    """E-mail addresses of the first people who have invoices (their erasure meets the fiscal hold)."""
    rows = snapshot(demo)
    payers = {row["person_id"] for row in rows[("crm", "invoices")].values()}
    persons = rows[("crm", "persons")]
    return [persons[key]["email"] for key in sorted(payers) if persons.get(key, {}).get("email")][:count]


def test_replay_and_its_dry_run_count_the_rows_the_replay_changes(demo: Workspace) -> None:
    now = MOMENTS[1]  # requests and a sweep far on: overlapping entries in most tables
    backup = snapshot(demo)
    for email in _people_with_invoices(demo, 3):
        outcome = run_request(demo, "erase", Identity("email", email), erase_fulfilment(), now=now)
        assert outcome.status == "completed"
    run_sweep(demo, now=now)
    restore(demo, backup)
    planned = replay_erasures(demo, SINCE, dry_run=True)
    assert snapshot(demo) == backup  # the dry run changed nothing
    done = replay_erasures(demo, SINCE)
    found = changes(backup, snapshot(demo))
    assert done.per_table == planned.per_table
    assert {label: n for label, n in done.per_table.items() if n} == rows_per_table(found)
    assert done.rows == planned.rows == sum(c.rows for c in found.values())
    with demo.store.session() as session:
        audited, audited_plan = last_audit(session, "erasures.replayed"), last_audit(session, "erasures.replay_dry_run")
    assert audited["tables"] == audited_plan["tables"] == done.per_table
    assert audited["rows"] == audited_plan["rows"] == done.rows


def _erased_per_table(result: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in result["erased"]:
        out[item["table"]] = out.get(item["table"], 0) + item["rows"]
    return out


def _request_ledger(demo: Workspace, request_id: str | None) -> dict[str, int]:
    query = (select(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name, func.sum(ErasureLedgerEntry.row_count))
             .where(ErasureLedgerEntry.request_id == request_id)
             .group_by(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name))
    with demo.store.session() as session:
        return {f"{s}.{t}": int(n) for s, t, n in session.execute(query)}


def test_erase_request_reports_and_records_the_rows_it_changed(demo: Workspace) -> None:
    now = MOMENTS[1]
    run_sweep(demo, now=now)  # some of the person's rows are masked already: they do not change
    for email in _people_with_invoices(demo, 2):
        for attempt in ("first", "again"):  # erased again, nothing is left to change
            before, who = snapshot(demo), Identity("email", email)
            preview = run_request(demo, "erase", who, erase_fulfilment(), now=now, dry_run=True)
            outcome = run_request(demo, "erase", who, erase_fulfilment(), now=now)
            found = rows_per_table(changes(before, snapshot(demo)))
            assert _erased_per_table(preview.result) == _erased_per_table(outcome.result) == found, attempt
            assert _request_ledger(demo, outcome.request_id) == found, attempt
            with demo.store.session() as session:
                audited = last_audit(session, "request.completed")
            assert _erased_per_table(audited["result"]) == found, attempt
            if attempt == "again":
                assert found == {}


def test_rectify_counts_the_rows_whose_value_changed(demo: Workspace) -> None:
    (email,) = _people_with_invoices(demo, 1)
    corrections = parse_corrections(["persons.phone=0612345678", "persons.city=Utrecht"], demo.register)
    for attempt in ("first", "again"):  # the same correction again changes nothing
        before = snapshot(demo)
        fulfil = rectify_fulfilment(corrections)
        preview = run_request(demo, "rectify", Identity("email", email), fulfil, now=MOMENTS[0], dry_run=True)
        outcome = run_request(demo, "rectify", Identity("email", email), fulfil, now=MOMENTS[0])
        found = changes(before, snapshot(demo))
        persons = found.get(("crm", "persons"))
        expected = {f"crm.persons.{column}": persons.rows_touching({column}, False) if persons else 0
                    for column in ("phone", "city")}
        assert preview.result["updated"] == outcome.result["updated"] == expected, attempt
        assert set(found) <= {("crm", "persons")}
        if attempt == "again":
            assert found == {}


def test_requests_that_change_nothing_change_nothing_and_count_what_they_hand_over(
    demo: Workspace, tmp_path: Path
) -> None:
    (email,) = _people_with_invoices(demo, 1)
    fulfilments = {
        "access": access_fulfilment(tmp_path, pdf=False),
        "port": port_fulfilment(tmp_path),
        "restrict": restrict_fulfilment(),
        "object": object_fulfilment(demo.register),
    }
    for kind, fulfil in fulfilments.items():
        before = snapshot(demo)
        outcome = run_request(demo, kind, Identity("email", email), fulfil, now=MOMENTS[0])  # type: ignore[arg-type]
        assert changes(before, snapshot(demo)) == {}, kind
        if kind in ("access", "port"):
            handed = json.loads((tmp_path / outcome.result["package"] / "data.json").read_text(encoding="utf-8"))
            assert outcome.result["tables"] == {table: len(rows) for table, rows in handed["data"].items()}
            assert outcome.result["tables"] and outcome.result["found_rows"] > 0  # the person was found


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_without_returning_the_keys_are_read_first_and_counts_stay_exact(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite before 3.35 has no RETURNING: overlapping steps and replays read the keys first.
    for system in demo.connections().bound_systems():
        dialect = demo.connections().engine(system).dialect
        monkeypatch.setattr(dialect, "update_returning", False)
        monkeypatch.setattr(dialect, "delete_returning", False)
    now = MOMENTS[1]
    backup = snapshot(demo)
    report = run_sweep(demo, now=now)
    assert {label: n for label, n in ((f"{t.system}.{t.table}", t.rows) for t in report.tables) if n} == (
        rows_per_table(changes(backup, snapshot(demo))))
    restore(demo, backup)
    done = replay_erasures(demo, SINCE)
    assert {label: n for label, n in done.per_table.items() if n} == rows_per_table(changes(backup, snapshot(demo)))
