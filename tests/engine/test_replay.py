"""Replaying the erasure ledger on a restored backup erases the same people again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from engine_fixture import ENV_CRM, ENV_NEWSLETTER, NOW, build_crm, build_newsletter
from sqlalchemy import MetaData, select, text

from waarborg.audit import verify
from waarborg.datasets.erase import apply_erasure, keyed_hash, strategy_to_json
from waarborg.datasets.graph import find_person
from waarborg.retention.replay import replay_erasures
from waarborg.retention.sweep import run_sweep
from waarborg.store.models import AuditEntry, ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

SINCE = datetime(2000, 1, 1, tzinfo=UTC)
_LEDGER_COLUMNS = [c.key for c in ErasureLedgerEntry.__table__.columns if c.key != "id"]


def _restore_backup(workspace: Workspace) -> None:
    """Put the databases back as they were before any erasure (the 'backup')."""
    connections = workspace.connections()
    for system, build, env in (("crm", build_crm, ENV_CRM), ("newsletter", build_newsletter, ENV_NEWSLETTER)):
        engine = connections.engine(system)
        metadata = MetaData()
        metadata.reflect(engine)
        metadata.drop_all(engine)
        build(workspace.env[env])


def _erase_like_a_request(workspace: Workspace, email: str) -> None:
    """What an erasure request does: erase every found row, record it in the ledger."""
    register, key = workspace.register, workspace.erasure_key()
    for rows in find_person(register, workspace.connections(), "email", email):
        binding = register.systems[rows.system].database.tables[rows.table]  # type: ignore[union-attr]
        columns = {name: c.erase for name, c in binding.columns.items() if c.erase not in ("keep",)}
        delete_row = binding.row_erasure == "delete"
        with workspace.connections().engine(rows.system).begin() as conn:
            count = apply_erasure(conn, register, rows.system, rows.table, rows.keys, columns, delete_row, key)
        with workspace.store.session() as session:
            session.add(ErasureLedgerEntry(
                identity_kind="email", identity_hash=keyed_hash(key, email), system=rows.system,
                table_name=rows.table, columns={n: strategy_to_json(s) for n, s in columns.items()},
                action="delete" if delete_row else "mask", source="request", row_count=count))


def _rows(workspace: Workspace, system: str, sql: str) -> list[tuple]:
    with workspace.connections().engine(system).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_erased_person_stays_gone_after_a_backup_restore(fresh_workspace: Workspace) -> None:
    _erase_like_a_request(fresh_workspace, "bram@example.nl")
    erased = _rows(fresh_workspace, "crm", "SELECT * FROM persons WHERE id = 2")
    _restore_backup(fresh_workspace)
    assert _rows(fresh_workspace, "crm", "SELECT first_name FROM persons WHERE id = 2") == [("Bram",)]
    report = replay_erasures(fresh_workspace, SINCE)
    assert _rows(fresh_workspace, "crm", "SELECT * FROM persons WHERE id = 2") == erased
    assert _rows(fresh_workspace, "crm", "SELECT id FROM registrations WHERE person_id = 2") == []
    assert _rows(fresh_workspace, "newsletter", "SELECT name FROM subscribers WHERE id = 2") == [(None,)]
    assert _rows(fresh_workspace, "crm", "SELECT first_name FROM persons WHERE id = 1") == [("Anna",)]
    assert report.per_table == {"crm.persons": 1, "crm.registrations": 1, "newsletter.subscribers": 1}


def test_replaying_twice_changes_nothing_the_second_time(fresh_workspace: Workspace) -> None:
    _erase_like_a_request(fresh_workspace, "eva@example.nl")
    _restore_backup(fresh_workspace)
    replay_erasures(fresh_workspace, SINCE)
    assert replay_erasures(fresh_workspace, SINCE).rows == 0


def test_replay_only_takes_entries_since_the_given_date(fresh_workspace: Workspace) -> None:
    _erase_like_a_request(fresh_workspace, "bram@example.nl")
    _restore_backup(fresh_workspace)
    report = replay_erasures(fresh_workspace, datetime.now(UTC).replace(year=2100))
    assert (report.entries, report.rows) == (0, 0)
    assert _rows(fresh_workspace, "crm", "SELECT first_name FROM persons WHERE id = 2") == [("Bram",)]


def test_sweep_erasures_replay_by_identity_and_a_new_sweep_does_the_rest(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW)
    swept = {t: _rows(fresh_workspace, s, f"SELECT * FROM {t} ORDER BY id")
             for s, t in (("crm", "persons"), ("newsletter", "subscribers"), ("crm", "recordings"))}
    _restore_backup(fresh_workspace)
    report = replay_erasures(fresh_workspace, SINCE)
    assert _rows(fresh_workspace, "crm", "SELECT * FROM persons ORDER BY id") == swept["persons"]
    assert _rows(fresh_workspace, "newsletter", "SELECT * FROM subscribers ORDER BY id") == swept["subscribers"]
    assert report.without_identity > 0  # recordings name no one ...
    run_sweep(fresh_workspace, now=NOW)  # ... and the next sweep erases them again
    assert _rows(fresh_workspace, "crm", "SELECT * FROM recordings ORDER BY id") == swept["recordings"]


def test_replay_is_audited(fresh_workspace: Workspace) -> None:
    _erase_like_a_request(fresh_workspace, "bram@example.nl")
    replay_erasures(fresh_workspace, SINCE)
    with fresh_workspace.store.session() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        assert verify(session).ok
    assert last is not None and last.action == "erasures.replayed"
    assert "bram" not in str(last.detail)


def test_a_dry_run_counts_what_a_replay_would_erase_and_changes_nothing(fresh_workspace: Workspace) -> None:
    _erase_like_a_request(fresh_workspace, "bram@example.nl")
    _restore_backup(fresh_workspace)
    restored = {t: _rows(fresh_workspace, s, f"SELECT * FROM {t} ORDER BY id")
                for s, t in (("crm", "persons"), ("crm", "registrations"), ("newsletter", "subscribers"))}
    planned = replay_erasures(fresh_workspace, SINCE, dry_run=True)
    for (system, table), rows in zip((("crm", "persons"), ("crm", "registrations"), ("newsletter", "subscribers")),
                                     restored.values(), strict=True):
        assert _rows(fresh_workspace, system, f"SELECT * FROM {table} ORDER BY id") == rows
    with fresh_workspace.store.session() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
    assert last is not None and last.action == "erasures.replay_dry_run"
    done = replay_erasures(fresh_workspace, SINCE)
    assert (planned.rows, planned.per_table) == (done.rows, done.per_table)
    assert done.rows == 3


def test_a_row_two_entries_erase_counts_once_in_the_replay_and_in_its_dry_run(fresh_workspace: Workspace) -> None:
    # Every ledger entry twice (two erasures of the same rows): the replay erases each row once,
    # the second entry finds nothing left to erase; its dry run must say so.
    _erase_like_a_request(fresh_workspace, "bram@example.nl")
    with fresh_workspace.store.session() as session:
        for entry in session.execute(select(ErasureLedgerEntry)).scalars().all():
            session.add(ErasureLedgerEntry(**{c: getattr(entry, c) for c in _LEDGER_COLUMNS}))
    _restore_backup(fresh_workspace)
    planned = replay_erasures(fresh_workspace, SINCE, dry_run=True)
    done = replay_erasures(fresh_workspace, SINCE)
    assert done.per_table == {"crm.persons": 1, "crm.registrations": 1, "newsletter.subscribers": 1}
    assert (planned.rows, planned.per_table) == (done.rows, done.per_table)


def test_replay_reads_old_json_entries_and_new_packed_entries_in_one_store(fresh_workspace: Workspace) -> None:
    # A store upgraded by migration sweep_1 holds both forms: entries written before it keep their
    # JSON list of hex hashes, newer ones the packed digests. Replay must find the people of both.
    run_sweep(fresh_workspace, now=NOW)
    swept = {t: _rows(fresh_workspace, s, f"SELECT * FROM {t} ORDER BY id")
             for s, t in (("crm", "persons"), ("newsletter", "subscribers"))}
    with fresh_workspace.store.session() as session:
        named = [e for e in session.execute(select(ErasureLedgerEntry)).scalars() if e.identity_hashes_packed]
        assert len(named) >= 2 and all(len(e.identity_hashes_packed or b"") == 32 * len(e.hashes()) for e in named)
        old = next(e for e in named if e.table_name == "persons")
        old.identity_hashes, old.identity_hashes_packed = old.hashes(), None  # as written before sweep_1
    _restore_backup(fresh_workspace)
    replay_erasures(fresh_workspace, SINCE)
    assert _rows(fresh_workspace, "crm", "SELECT * FROM persons ORDER BY id") == swept["persons"]
    assert _rows(fresh_workspace, "newsletter", "SELECT * FROM subscribers ORDER BY id") == swept["subscribers"]
