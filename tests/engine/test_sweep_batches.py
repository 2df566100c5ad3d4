"""How a sweep cuts a table into batches, and how it collects the ledger's hashes on SQLite."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, insert, select, text

from waarborg.datasets.connect import sqlite_hmac
from waarborg.datasets.identities import identity_hash
from waarborg.retention.capture import ledger_hmac
from waarborg.retention.sweep import run_sweep
from waarborg.store.models import ErasureLedgerEntry, SweepProgress
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

NOW = datetime(2026, 6, 1)
KEY = "s" * 40
REGISTER = """
waarborg: 1
controller: {name: Proef, email: privacy@proef.example}
statement: {version: "1", date: 2026-01-01}
systems:
  events:
    name: Bijeenkomsten
    database:
      url_env: BATCH_DB_URL
      tables:
        registrations:
          primary_key: code
          identities: {email: email}
          activities: [events]
          events: {event_held: held_at}
          columns:
            email: {category: user.contact.email, erase: hash}
            name: {category: user.name, erase: {fixed: "[verwijderd]"}}
activities:
  events:
    name: Bijeenkomsten
    purposes: [bijeenkomsten organiseren]
    subject_groups: [event_participant]
    data_categories: [user.name, user.contact.email]
    legal_basis: contract
    retention: 1 year from event_held
"""
DUE, NOT_DUE = datetime(2024, 3, 1), datetime(2026, 3, 1)


def _workspace(tmp_path: Path, url: str, state_url: str, keys: list[object], key_type: type) -> Workspace:
    table = Table("registrations", MetaData(), Column("code", key_type, primary_key=True),
                  Column("email", String(200)), Column("name", String(200)), Column("held_at", DateTime))
    engine = create_engine(url)
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [  # every third row is not due yet
            {"code": k, "email": f" Deelnemer{i}@Example.nl", "name": f"Deelnemer {i}",
             "held_at": DUE if i % 3 else NOT_DUE}
            for i, k in enumerate(keys)
        ])
    engine.dispose()
    (tmp_path / "waarborg.yaml").write_text(REGISTER)
    env = {"BATCH_DB_URL": url, "WAARBORG_ERASURE_KEY": KEY, "WAARBORG_DATABASE_URL": state_url}
    return open_workspace(tmp_path / "waarborg.yaml", env)


@pytest.fixture
def make_workspace(
    tmp_path: Path, db_urls: Callable[[str], str], state_url: str
) -> Iterator[Callable[[list[object], type], Workspace]]:
    """A workspace over one table with the given primary keys, on SQLite, PostgreSQL and MariaDB."""
    opened: list[Workspace] = []

    def make(keys: list[object], key_type: type) -> Workspace:
        opened.append(_workspace(tmp_path, db_urls("org"), state_url, keys, key_type))
        return opened[-1]

    yield make
    for workspace in opened:
        workspace.close()


def _batches(workspace: Workspace) -> list[tuple[object, object, int]]:
    with workspace.store.session() as session:
        rows = session.execute(select(SweepProgress).order_by(SweepProgress.batch_no)).scalars().all()
        return [(p.first_key[0], p.last_key[0], p.rows) for p in rows]


def _erased(workspace: Workspace) -> dict[object, str]:
    with workspace.connections().engine("events").connect() as conn:
        return dict(conn.execute(text("SELECT code, name FROM registrations")).all())


def test_integer_keys_are_batched_by_key_value_skipping_stretches_without_keys(make_workspace) -> None:
    keys: list[object] = [1, 2, 4, 5, 1000, 1001, 5_000_000, 5_000_001]
    workspace = make_workspace(keys, Integer)
    report = run_sweep(workspace, now=NOW, batch_size=2)
    # Every third row is not due (keys 1, 5, 5000000); each batch starts at the next existing key.
    assert _batches(workspace) == [(None, 2, 1), (2, 5, 1), (5, 1001, 2), (1001, 5_000_001, 1)]
    assert report.rows == 5
    assert {k for k, name in _erased(workspace).items() if name == "[verwijderd]"} == {2, 4, 1000, 1001, 5_000_001}


def test_text_keys_are_walked_in_batches_of_batch_size_rows(make_workspace) -> None:
    keys: list[object] = [f"r{n:03}" for n in range(10)]
    workspace = make_workspace(keys, String(10))
    run_sweep(workspace, now=NOW, batch_size=4)
    assert _batches(workspace) == [(None, "r003", 2), ("r003", "r007", 3), ("r007", "r009", 1)]
    assert sum(1 for name in _erased(workspace).values() if name == "[verwijderd]") == 6


def test_ledger_holds_exactly_the_identity_hashes_the_sweep_wrote(make_workspace) -> None:
    workspace = make_workspace(list(range(1, 31)), Integer)
    run_sweep(workspace, now=NOW, batch_size=7)
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        recorded = [h for e in session.execute(select(ErasureLedgerEntry)).scalars() for h in e.hashes()]
    with workspace.connections().engine("events").connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT email FROM registrations WHERE name = '[verwijderd]'"))]
    expected = {identity_hash(key, "email", f"deelnemer{i}@example.nl") for i in range(30) if i % 3}
    assert sorted(recorded) == sorted(stored) and set(stored) == expected and len(recorded) == 20


@pytest.mark.parametrize("value", ["jan@example.nl", " Jan@Example.NL ", "é@ü.nl", "", 42, 4.5, b"bytes", None])
@pytest.mark.parametrize("key", [b"k" * 32, "sleutel", b"l" * 100])  # 100: longer than the block
def test_the_ledger_hash_function_computes_exactly_the_sqlite_hash(value: object, key: object) -> None:
    collected: list[str] = []
    function = ledger_hmac(key.encode() if isinstance(key, str) else key, collected.append)
    conn = sqlite3.connect(":memory:")
    conn.create_function("ledger", 1, function)
    conn.create_function("plain", 2, sqlite_hmac)
    ours, theirs = conn.execute("SELECT ledger(?), plain(?, ?)", (value, key, value)).fetchone()
    assert ours == theirs
    assert collected == ([] if ours is None else [ours])
