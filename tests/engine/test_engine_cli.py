"""The sweep, replay-erasures and audit commands, through Typer's runner."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.cli.sweep import database_failure
from waarborg.datasets.erase import keyed_hash
from waarborg.store.models import AuditEntry, ErasureLedgerEntry, Restriction
from waarborg.store.sealing import seal
from waarborg.workspace import Workspace


@pytest.fixture
def run(fresh_workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    for name, value in fresh_workspace.env.items():
        monkeypatch.setenv(name, value)
    register = str(fresh_workspace.register_path)

    def invoke(*args: str):
        return CliRunner().invoke(build_app(), [*args, "--register", register])

    return invoke


def test_sweep_dry_run_prints_counts_and_the_oldest_due_date(run, fresh_workspace: Workspace) -> None:
    result = run("sweep", "--dry-run", "--now", "2026-06-01T12:00")
    assert result.exit_code == 0, result.output
    assert "crm.recordings" in result.output and "proctoring: 1" in result.output
    assert "9 rows to erase, oldest due 2019-01-01" in result.output
    with fresh_workspace.connections().engine("crm").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM recordings")).scalar_one() == 2


def test_sweep_then_audit_verify_reports_an_intact_trail(run) -> None:
    swept = run("sweep", "--now", "2026-06-01", "--batch-size", "2")
    assert swept.exit_code == 0, swept.output
    assert "9 rows erased" in swept.output
    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "audit trail intact: 2 entries" in verified.output


def test_audit_verify_fails_on_a_tampered_trail(run, fresh_workspace: Workspace) -> None:
    run("sweep", "--now", "2026-06-01")
    with fresh_workspace.store.session() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(actor="someone else"))
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert "broken at entry 1" in result.output


def test_replay_erasures_reports_what_it_did(run) -> None:
    run("sweep", "--now", "2026-06-01")
    result = run("replay-erasures", "--since", "2000-01-01")
    assert result.exit_code == 0, result.output
    assert "rows erased again" in result.output
    dry = run("replay-erasures", "--since", "2000-01-01", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "0 rows would be erased again (dry run: nothing changed)" in dry.output  # the replay did it all


@pytest.mark.parametrize(("args", "message"), [
    (("sweep", "--now", "yesterday"), "--now: 'yesterday' is not a date"),
    (("replay-erasures", "--since", "06/01/2026"), "--since"),
])
def test_bad_dates_are_clean_errors(run, args, message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_unset_database_variable_is_a_clean_error(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAARBORG_CRM_URL")
    result = run("sweep", "--dry-run")
    assert result.exit_code == 2
    assert "WAARBORG_CRM_URL" in result.output


@pytest.mark.parametrize("command", [("sweep", "--dry-run"), ("sweep",), ("index",)])
def test_an_unreachable_database_is_a_clean_error(run, monkeypatch: pytest.MonkeyPatch, tmp_path, command) -> None:
    # A folder where the database file should be: there, but SQLite cannot open it. (A file that
    # is not there at all is refused before connecting: test_missing_database_file.py.)
    monkeypatch.setenv("WAARBORG_CRM_URL", f"sqlite:///{tmp_path}")
    result = run(*command)
    assert result.exit_code == 2, result.output
    assert "a database failed: OperationalError: unable to open database file" in result.output
    assert "Traceback" not in result.output and "[SQL:" not in result.output


def test_a_database_failure_message_carries_neither_sql_nor_parameters_nor_detail() -> None:
    driver_error = Exception('duplicate key value violates unique constraint "u"\nDETAIL:  Key (email)=(jan@x.nl)')
    wrapped = DBAPIError("UPDATE persons SET email = %(e)s", {"e": "jan@x.nl"}, driver_error)
    message = database_failure(wrapped)
    assert "duplicate key value violates unique constraint" in message
    assert "jan@x.nl" not in message and "UPDATE" not in message


def test_sweep_output_says_person_batch_and_row_in_the_singular(run, fresh_workspace: Workspace) -> None:
    key = fresh_workspace.erasure_key()
    with fresh_workspace.store.session() as session:  # one restricted person
        session.add(Restriction(identity_kind="email", identity_hash=keyed_hash(key, "eva@example.nl"),
                                identity_sealed=seal(key, "eva@example.nl"), reason="betwist"))
    planned = run("sweep", "--dry-run", "--now", "2026-06-01T12:00")
    assert "1 person skipped" in planned.output and "people" not in planned.output, planned.output
    swept = run("sweep", "--now", "2026-06-01T12:00")
    assert "1 person skipped" in swept.output, swept.output
    assert "crm.recordings: 1 row erased in 1 batch (proctoring: 1)" in swept.output


def test_replay_output_says_entry_and_row_in_the_singular(run, fresh_workspace: Workspace) -> None:
    with fresh_workspace.store.session() as session:  # one sweep entry of a table without identities
        session.add(ErasureLedgerEntry(system="crm", table_name="recordings", columns={"video_path": "null"},
                                       action="mask", source="sweep", row_count=1, erased_at=datetime(2026, 6, 1)))
    result = run("replay-erasures", "--since", "2000-01-01")
    assert result.exit_code == 0, result.output
    assert "1 ledger entry since 2000-01-01: 0 rows erased again" in result.output
    assert "1 sweep entry names no one" in result.output
