"""Retention sweeps on the fixture databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from engine_fixture import NOW
from sqlalchemy import func, select, text

from waarborg.audit import verify
from waarborg.datasets.erase import keyed_hash, pseudonym
from waarborg.retention import sweep as sweep_module
from waarborg.retention.sweep import LOCK_NAME, run_sweep
from waarborg.store import locks
from waarborg.store.models import AuditEntry, DataSubjectRequest, ErasureLedgerEntry, Restriction, SweepProgress
from waarborg.store.sealing import seal
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB


def _query(workspace: Workspace, system: str, sql: str) -> list[tuple]:
    with workspace.connections().engine(system).connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def _snapshot(workspace: Workspace) -> dict[str, list[tuple]]:
    tables = {"crm": ["persons", "invoices", "registrations", "candidates", "recordings"],
              "newsletter": ["subscribers"]}
    return {f"{s}.{t}": _query(workspace, s, f"SELECT * FROM {t} ORDER BY id") for s, names in tables.items()
            for t in names}


def _pause(workspace: Workspace, kind: str, value: str, as_request: bool = False) -> None:
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        if as_request:
            session.add(DataSubjectRequest(kind="access", identity_kind=kind, identity_hash=keyed_hash(key, value),
                                           identity_sealed=seal(key, value), due_at=NOW + timedelta(days=30)))
        else:
            session.add(Restriction(identity_kind=kind, identity_hash=keyed_hash(key, value),
                                    identity_sealed=seal(key, value), reason="betwist"))


def test_sweep_erases_exactly_what_has_run_its_course(fresh_workspace: Workspace) -> None:
    report = run_sweep(fresh_workspace, now=NOW)
    key = fresh_workspace.erasure_key()
    persons = _query(fresh_workspace, "crm", "SELECT id, email, member_no, first_name, phone FROM persons ORDER BY id")
    assert persons[0] == (1, "anna@example.nl", "L-0001", "Anna", "0612345678")
    assert persons[2] == (3, "cees@example.nl", "L-0003", "Cees", None)
    assert persons[1] == (2, keyed_hash(key, "bram@example.nl"), pseudonym(key, "L-0002"), "[verwijderd]", None)
    assert [p[3] for p in persons] == ["Anna", "[verwijderd]", "Cees", "[verwijderd]", "[verwijderd]"]
    assert _query(fresh_workspace, "crm", "SELECT id FROM recordings") == [(2,)]  # video gone after 6 months
    assert _query(fresh_workspace, "crm", "SELECT id FROM registrations") == [(3,)]
    assert _query(fresh_workspace, "crm", "SELECT id, billing_name, amount FROM invoices ORDER BY id") == [
        (1, "[verwijderd]", 4500), (2, "Eva Smit", 5000)]  # amount kept; 2021 invoice under the fiscal duty
    assert _query(fresh_workspace, "newsletter", "SELECT id, name FROM subscribers ORDER BY id") == [
        (1, "Anna"), (2, None), (3, None)]
    assert report.rows == 3 + 1 + 2 + 1 + 2


def test_sweep_records_keyed_hashes_of_erased_identities_in_the_ledger(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW)
    key = fresh_workspace.erasure_key()
    with fresh_workspace.store.session() as session:
        entries = session.execute(select(ErasureLedgerEntry)).scalars().all()
    hashes = {(e.system, e.table_name): set(e.hashes()) for e in entries}
    assert hashes[("crm", "persons")] == {keyed_hash(key, f"{n}@example.nl") for n in ("bram", "dirk", "eva")}
    assert hashes[("newsletter", "subscribers")] == {keyed_hash(key, f"{n}@example.nl") for n in ("bram", "fenna")}
    assert all(e.source == "sweep" and e.identity_hash is None for e in entries)
    stored = " ".join(str(e.identity_hashes) + str(e.columns) for e in entries)
    assert "@example.nl" not in stored
    assert all(e.identity_hashes is None and b"@example.nl" not in (e.identity_hashes_packed or b"") for e in entries)


def test_second_sweep_changes_nothing(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW)
    before = _snapshot(fresh_workspace)
    assert run_sweep(fresh_workspace, now=NOW).rows == 0
    assert _snapshot(fresh_workspace) == before


def test_dry_run_counts_per_table_and_activity_and_changes_nothing(fresh_workspace: Workspace) -> None:
    before = _snapshot(fresh_workspace)
    report = run_sweep(fresh_workspace, now=NOW, dry_run=True)
    assert _snapshot(fresh_workspace) == before
    plan = {(t.system, t.table): t for t in report.plan.tables}  # type: ignore[union-attr]
    assert (plan[("crm", "persons")].rows_to_mask, plan[("crm", "persons")].rows_to_delete) == (3, 0)
    assert plan[("crm", "recordings")].rows_to_delete == 1
    assert plan[("crm", "recordings")].by_activity == {"proctoring": 1}
    assert plan[("crm", "candidates")].rows == 0
    assert plan[("crm", "persons")].oldest_due == datetime(2019, 1, 1)  # eva: ended 2017 + 2 years
    assert report.plan.oldest_due == datetime(2019, 1, 1)  # type: ignore[union-attr]


@pytest.mark.parametrize("as_request", [False, True], ids=["restricted", "open-request"])
def test_sweep_skips_paused_persons_in_every_table(fresh_workspace: Workspace, as_request: bool) -> None:
    _pause(fresh_workspace, "email", "eva@example.nl", as_request)
    report = run_sweep(fresh_workspace, now=NOW)
    assert report.skipped_persons == 1
    assert _query(fresh_workspace, "crm", "SELECT first_name FROM persons WHERE id = 5") == [("Eva",)]
    assert _query(fresh_workspace, "crm", "SELECT billing_name FROM invoices WHERE id = 1") == [("Eva Smit",)]
    assert _query(fresh_workspace, "crm", "SELECT first_name FROM persons WHERE id = 4") == [("[verwijderd]",)]


def test_small_batches_give_the_same_result_as_one_batch(fresh_workspace: Workspace) -> None:
    report = run_sweep(fresh_workspace, now=NOW, batch_size=1)
    with fresh_workspace.store.session() as session:
        batches = session.execute(select(func.count()).select_from(SweepProgress)).scalar_one()
        statuses = set(session.execute(select(SweepProgress.status)).scalars())
    assert batches == sum(t.batches for t in report.tables) == 9
    assert statuses == {"done"}


def test_sweep_interrupted_after_commit_resumes_without_duplicating_the_ledger(
    fresh_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply, erasing = sweep_module.apply_batch, []

    def crash_after_third_commit(ctx, conn, lo, hi, batch_no, announce):
        rows = real_apply(ctx, conn, lo, hi, batch_no, announce)
        erasing.extend([rows] if rows else [])
        if len(erasing) == 3:  # committed in the organisation's database, not yet marked done
            raise RuntimeError("killed")
        return rows

    monkeypatch.setattr(sweep_module, "apply_batch", crash_after_third_commit)
    with pytest.raises(RuntimeError):
        run_sweep(fresh_workspace, now=NOW, batch_size=1, connections=1)  # several connections: test_sweep_pipeline.py
    with fresh_workspace.store.session() as session:
        statuses = session.execute(select(SweepProgress.status).order_by(SweepProgress.id)).scalars().all()
    assert statuses == ["done", "done", "applying"]  # done means applied; one batch left to re-apply
    monkeypatch.setattr(sweep_module, "apply_batch", real_apply)
    before = _snapshot(fresh_workspace)
    resumed = run_sweep(fresh_workspace, now=NOW + timedelta(days=3650), batch_size=50)
    assert resumed.resumed and resumed.now == NOW  # a resumed run keeps its own moment
    after = _snapshot(fresh_workspace)
    # It reports the rows it changed itself: the re-applied batch had committed, so it adds none.
    changed = sum(len(set(before[t]) - set(after[t])) for t in before)  # rows (key included) that changed
    assert resumed.rows == changed == 9 - 3
    with fresh_workspace.store.session() as session:
        rows = session.execute(select(func.sum(ErasureLedgerEntry.row_count))).scalar_one()
        statuses = session.execute(select(SweepProgress.status)).scalars().all()
    assert rows == 9
    assert set(statuses) == {"done"}
    assert _query(fresh_workspace, "crm", "SELECT id FROM recordings") == [(2,)]


def test_a_sweep_does_not_start_while_another_holds_the_lock(fresh_workspace: Workspace) -> None:
    locks.acquire(fresh_workspace.store, LOCK_NAME, locks.new_holder())
    with pytest.raises(locks.LockHeld, match="running elsewhere"):
        run_sweep(fresh_workspace, now=NOW)
    assert _query(fresh_workspace, "crm", "SELECT count(*) FROM recordings") == [(2,)]


def test_lock_of_a_dead_process_is_taken_over(fresh_workspace: Workspace) -> None:
    import socket

    locks.acquire(fresh_workspace.store, LOCK_NAME, f"{socket.gethostname()}:999999999:dead")
    assert run_sweep(fresh_workspace, now=NOW).rows == 9


def test_every_sweep_is_in_the_audit_trail(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW, dry_run=True)
    run_sweep(fresh_workspace, now=NOW)
    with fresh_workspace.store.session() as session:
        actions = session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
        assert verify(session).ok
    assert actions == ["sweep.dry_run", "sweep.started", "sweep.completed"]


def test_deleted_rows_leave_the_hashes_of_their_identities_in_the_ledger(fresh_workspace: Workspace) -> None:
    path = fresh_workspace.register_path
    path.write_text(path.read_text().replace("          activities: [exams]\n",
                                             "          activities: [exams]\n          row_erasure: delete\n"))
    run_sweep(fresh_workspace, now=NOW + timedelta(days=20 * 365))
    key = fresh_workspace.erasure_key()
    with fresh_workspace.store.session() as session:
        entry = session.execute(select(ErasureLedgerEntry).where(ErasureLedgerEntry.table_name == "candidates")
                                ).scalar_one()
    assert (entry.action, entry.row_count, entry.identity_kind) == ("delete", 2, "email")
    assert set(entry.hashes()) == {keyed_hash(key, "gijs@example.nl"), keyed_hash(key, "hanna@example.nl")}
    assert _query(fresh_workspace, "crm", "SELECT count(*) FROM candidates") == [(0,)]
