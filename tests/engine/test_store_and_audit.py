"""Waarborg's store opens with its migrations applied, and the audit chain detects tampering."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, inspect, select, update

from waarborg.audit import AuditSettings, append, attach, verify
from waarborg.store import AuditEntry, open_store

EXPECTED_TABLES = {
    "audit_entries", "erasure_ledger", "restrictions", "suppression_list", "requests",
    "sweep_runs", "sweep_progress", "locks", "alembic_version",
}


def test_store_creates_every_table_on_open_and_reopens_idempotently(db_url: str) -> None:
    open_store(db_url).close()
    store = open_store(db_url)
    assert set(inspect(store.engine).get_table_names()) >= EXPECTED_TABLES
    store.close()


def test_store_open_fails_with_a_clear_message_on_a_bad_url(tmp_path) -> None:
    from waarborg.store import StoreError

    with pytest.raises(StoreError, match="cannot open Waarborg's database"):
        open_store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")


def _chain(db_url: str, n: int, tmp_path):
    store = open_store(db_url)
    attach(store, AuditSettings(b"a" * 40, tmp_path / "checkpoint.json"))
    with store.session() as session:
        for i in range(n):
            append(session, "tester", "sweep", {"batch": i, "identity_hash": f"{i:064x}"})
    return store


def test_intact_chain_verifies(db_url: str, tmp_path) -> None:
    store = _chain(db_url, 5, tmp_path)
    with store.session() as session:
        result = verify(session)
    assert (result.ok, result.checked, result.first_bad_seq) == (True, 5, None)


@pytest.mark.parametrize(
    ("tamper", "bad_seq", "problem"),
    [
        (lambda s: s.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(detail={"batch": 99})), 3, "altered"),
        (lambda s: s.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor="mallory")), 2, "altered"),
        (lambda s: s.execute(delete(AuditEntry).where(AuditEntry.seq == 2)), 3, "missing"),
    ],
)
def test_verify_names_the_first_altered_or_removed_entry(
    db_url: str, tamper: Callable[..., object], bad_seq: int, problem: str, tmp_path
) -> None:
    store = _chain(db_url, 4, tmp_path)
    with store.session() as session:
        tamper(session)
    with store.session() as session:
        result = verify(session)
    assert not result.ok
    assert result.first_bad_seq == bad_seq
    assert problem in (result.problem or "")


def test_entry_rehashed_without_the_key_fails_its_own_hmac(db_url: str, tmp_path) -> None:
    from waarborg.audit.chain import entry_hash

    store = _chain(db_url, 3, tmp_path)
    with store.session() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.seq == 2)).scalar_one()
        entry.detail = {"batch": 42}
        entry.hash = entry_hash(entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prev_hash)
    with store.session() as session:
        result = verify(session)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "HMAC" in (result.problem or "")
