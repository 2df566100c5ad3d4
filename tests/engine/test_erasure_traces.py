"""Erasure that really erases (issue 10, item 4): after a request erase and after a sweep, the
erased e-mail address is no longer anywhere in the bytes of the SQLite files or their WAL."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_fixture import ENV_CRM, ENV_NEWSLETTER, NOW, REGISTER, build_crm, build_newsletter
from sqlalchemy import create_engine
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import run_request
from waarborg.retention.sweep import run_sweep
from waarborg.retention.traces import erasure_traces
from waarborg.workspace import Workspace, open_workspace

ERASED = b"bram@example.nl"
KEPT = b"anna@example.nl"
DELETED_ROW = b"/video/gijs-2025.mp4"  # the recording past its six months: the sweep deletes the row


def _journal(path: Path, mode: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA journal_mode={mode}")
    engine.dispose()


@pytest.fixture(params=["wal", "delete"])
def sqlite_workspace(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    files = {"crm": tmp_path / "crm.sqlite", "newsletter": tmp_path / "newsletter.sqlite"}
    build_crm(f"sqlite:///{files['crm']}")
    build_newsletter(f"sqlite:///{files['newsletter']}")
    for path in files.values():
        _journal(path, request.param)
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REGISTER, root / "waarborg.yaml")
    env = {ENV_CRM: f"sqlite:///{files['crm']}", ENV_NEWSLETTER: f"sqlite:///{files['newsletter']}",
           "WAARBORG_ERASURE_KEY": "k" * 40}
    workspace = open_workspace(root / "waarborg.yaml", env)
    yield workspace
    workspace.close()


def _bytes_of(folder: Path, name: str) -> bytes:
    """The database file and whatever SQLite keeps beside it (-wal, -shm, -journal)."""
    return b"".join(path.read_bytes() for path in sorted(folder.glob(f"{name}*")) if path.is_file())


def _count_everywhere(workspace: Workspace, value: bytes) -> dict[str, int]:
    folder = workspace.root.parent
    return {name: _bytes_of(folder, name).count(value) for name in ("crm.sqlite", "newsletter.sqlite")}


def test_a_request_erase_leaves_no_trace_of_the_address_in_the_files(sqlite_workspace: Workspace) -> None:
    assert all(_count_everywhere(sqlite_workspace, ERASED).values())
    outcome = run_request(sqlite_workspace, "erase", Identity("email", ERASED.decode()), erase_fulfilment(), now=NOW)
    assert outcome.status == "completed", outcome.error
    assert _count_everywhere(sqlite_workspace, ERASED) == {"crm.sqlite": 0, "newsletter.sqlite": 0}
    assert all(_count_everywhere(sqlite_workspace, KEPT).values())  # the check can find what is there


def test_a_sweep_leaves_no_trace_of_the_address_in_the_files(sqlite_workspace: Workspace) -> None:
    report = run_sweep(sqlite_workspace, now=NOW, batch_size=2)
    assert report.rows > 0
    assert _count_everywhere(sqlite_workspace, ERASED) == {"crm.sqlite": 0, "newsletter.sqlite": 0}
    assert _count_everywhere(sqlite_workspace, DELETED_ROW)["crm.sqlite"] == 0  # a row deleted whole
    assert all(_count_everywhere(sqlite_workspace, KEPT).values())


def _traces_cli(workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    for name, value in workspace.env.items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(build_app(), ["erasure-traces", "--register", str(workspace.register_path)])


def _vacuum(workspace: Workspace, system: str, tables: list[str]) -> None:
    engine = workspace.connections().engine(system)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in tables:
            conn.exec_driver_sql(f"VACUUM {table}")


def _erased_tables(workspace: Workspace) -> list[dict[str, str]]:
    from sqlalchemy import select

    from waarborg.store.models import ErasureLedgerEntry

    with workspace.store.session() as session:
        rows = session.execute(select(ErasureLedgerEntry.system, ErasureLedgerEntry.table_name).distinct())
        return [{"system": system, "table": table} for system, table in rows]


def test_erasure_traces_names_the_tables_to_vacuum_until_they_are(
    fresh_workspace: Workspace, db_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sweep(fresh_workspace, now=NOW)
    found = {f"{t.system}.{t.table}": t for t in erasure_traces(fresh_workspace)}
    assert {"crm.persons", "crm.recordings", "newsletter.subscribers"} <= set(found)
    result = _traces_cli(fresh_workspace, monkeypatch)
    if db_kind == "sqlite":  # secure_delete and the truncated WAL left nothing to vacuum
        assert result.exit_code == 0, result.output
        assert not any(t.needs_vacuum for t in found.values())
        assert "crm.persons: erased with secure_delete, WAL truncated" in result.output
        return
    assert all(t.needs_vacuum for t in found.values())
    assert result.exit_code == 1, result.output
    assert "run VACUUM persons;" in result.output and "run VACUUM subscribers;" in result.output
    # Every table the sweep erased in: a table whose statistics had not arrived yet when `found`
    # was read (invoices, on a loaded machine) must be vacuumed too before the second look.
    # A VACUUM cannot reclaim row versions an older snapshot still sees (a loaded machine keeps
    # one open a moment longer), and statistics reach pg_stat_user_tables a moment later: repeat.
    erased = {(e["system"], e["table"]) for e in _erased_tables(fresh_workspace)}
    deadline = time.monotonic() + 20
    while True:
        for system in ("crm", "newsletter"):
            _vacuum(fresh_workspace, system, sorted({table for s, table in erased if s == system}))
        if not any(t.needs_vacuum for t in erasure_traces(fresh_workspace)) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    after = _traces_cli(fresh_workspace, monkeypatch)
    assert after.exit_code == 0, after.output
    assert "crm.persons: vacuumed since the last erasure" in after.output
