"""A request spanning two databases where one fails ends failed and retryable, never completed;
a retry finishes it (Issue 3, item 8)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from request_fixtures import JAN, NOW, read_table
from sqlalchemy import RootTransaction, select
from sqlalchemy.exc import OperationalError

from waarborg.requests.access import access_fulfilment
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import RequestOutcome, run_request
from waarborg.store import AuditEntry, DataSubjectRequest, ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB


def with_env(workspace: Workspace, **changes: str | None) -> Workspace:
    """The same workspace (register, store) seen with a changed environment."""
    env = {k: v for k, v in {**workspace.env, **changes}.items() if v is not None}
    return Workspace(workspace.root, workspace.register_path, env)


def read_only(url: str) -> str:
    """The URL of the same database, opened so that every write fails."""
    if url.startswith("sqlite:///"):
        return f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    return url + "?options=-c%20default_transaction_read_only%3Don"


def broken(url: str) -> str:
    if url.startswith("sqlite:///"):
        return "sqlite:////nonexistent-directory/mail.sqlite"
    return url.rsplit("/", 1)[0] + "/no_such_database"


def erase(workspace: Workspace) -> RequestOutcome:
    return run_request(workspace, "erase", Identity("email", JAN), erase_fulfilment(), now=NOW)


def request_row(workspace: Workspace, request_id: str | None) -> DataSubjectRequest:
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        assert request is not None
        return request


def test_unreachable_second_database_fails_the_erasure_and_changes_nothing(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    before = read_table(database_urls["crm"], "persons")
    failing = with_env(workspace, WB_TEST_MAIL_URL=broken(database_urls["mail"]))
    outcome = erase(failing)
    failing.close()
    assert (outcome.status, outcome.attempts) == ("failed", 1)
    assert outcome.error and JAN not in outcome.error
    assert read_table(database_urls["crm"], "persons") == before
    assert request_row(workspace, outcome.request_id).status == "failed"


def test_retry_after_the_database_is_back_completes_the_same_request(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    failing = with_env(workspace, WB_TEST_MAIL_URL=broken(database_urls["mail"]))
    first = erase(failing)
    failing.close()
    second = erase(workspace)
    assert second.request_id == first.request_id
    assert (second.status, second.attempts) == ("completed", 2)
    assert [r["id"] for r in read_table(database_urls["mail"], "subscribers")] == [101, 102]


def test_unset_environment_variable_fails_with_its_name(workspace: Workspace) -> None:
    failing = with_env(workspace, WB_TEST_MAIL_URL=None)
    outcome = erase(failing)
    failing.close()
    assert outcome.status == "failed"
    assert outcome.error is not None and "WB_TEST_MAIL_URL" in outcome.error


def _ledger_tables(workspace: Workspace) -> list[str]:
    with workspace.store.session() as session:
        return [e.table_name for e in session.execute(select(ErasureLedgerEntry)).scalars()]


def test_a_database_failing_during_the_erasure_leaves_every_database_and_the_ledger_untouched(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    crm_before = read_table(database_urls["crm"], "persons")
    mail_before = read_table(database_urls["mail"], "subscribers")
    failing = with_env(workspace, WB_TEST_CRM_URL=read_only(database_urls["crm"]))
    first = erase(failing)
    failing.close()
    assert first.status == "failed"
    # The mail database's transaction was still open when the CRM failed: both rolled back.
    assert read_table(database_urls["mail"], "subscribers") == mail_before
    assert read_table(database_urls["crm"], "persons") == crm_before
    assert _ledger_tables(workspace) == []
    second = erase(workspace)
    assert (second.status, second.attempts) == ("completed", 2)
    assert read_table(database_urls["crm"], "persons")[0]["first_name"] == "[verwijderd]"
    tables = _ledger_tables(workspace)
    assert (tables.count("subscribers"), tables.count("clicks"), tables.count("persons")) == (1, 1, 1)


def test_a_commit_failing_after_the_first_database_committed_is_finished_by_a_retry(
    workspace: Workspace, database_urls: Mapping[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    crm_before = read_table(database_urls["crm"], "persons")
    crm_url = str(workspace.connections().engine("crm").url)
    commit = RootTransaction.commit

    def crm_commit_fails(self: RootTransaction) -> None:
        if str(self.connection.engine.url) == crm_url:
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))
        commit(self)

    monkeypatch.setattr(RootTransaction, "commit", crm_commit_fails)
    first = erase(workspace)
    monkeypatch.undo()
    assert first.status == "failed"
    assert [r["id"] for r in read_table(database_urls["mail"], "subscribers")] == [101, 102]  # mail went first
    assert read_table(database_urls["crm"], "persons") == crm_before  # the CRM rolled back whole
    # Write-ahead: the ledger already knew both databases' erasures before either committed.
    assert sorted(set(_ledger_tables(workspace))) == ["clicks", "exam_recordings", "invoices", "persons", "subscribers"]
    second = erase(workspace)
    assert (second.status, second.attempts) == ("completed", 2)
    assert read_table(database_urls["crm"], "persons")[0]["first_name"] == "[verwijderd]"
    tables = _ledger_tables(workspace)
    # mail has nothing left to erase on the retry; the CRM's entry of the failed attempt is one too many
    assert (tables.count("subscribers"), tables.count("clicks"), tables.count("persons")) == (1, 1, 2)


def test_failed_access_writes_no_package(
    workspace: Workspace, database_urls: Mapping[str, str], tmp_path: Path
) -> None:
    failing = with_env(workspace, WB_TEST_MAIL_URL=broken(database_urls["mail"]))
    outcome = run_request(failing, "access", Identity("email", JAN), access_fulfilment(tmp_path / "out"), now=NOW)
    failing.close()
    assert outcome.status == "failed"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_failure_is_audited_without_personal_data(workspace: Workspace, database_urls: Mapping[str, str]) -> None:
    failing = with_env(workspace, WB_TEST_MAIL_URL=broken(database_urls["mail"]))
    erase(failing)
    failing.close()
    with workspace.store.session() as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
        assert [e.action for e in entries] == ["request.received", "request.started", "request.failed"]
        assert JAN not in json.dumps([e.detail for e in entries])
