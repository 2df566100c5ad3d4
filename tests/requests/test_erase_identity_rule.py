"""An address stored with capitals and spaces is one person with the plain address, end to end:
erasure request, erasure ledger, suppression list, and the replay after a backup restore."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pytest
from request_fixtures import CRM_ROWS, ERASURE_KEY, MAIL_ROWS, NOW, crm_schema, fill, mail_schema, read_table
from sqlalchemy import MetaData, create_engine, select, text

from waarborg.consent import suppression
from waarborg.datasets.erase import keyed_hash
from waarborg.datasets.identities import identity_hash
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import run_request
from waarborg.retention.replay import replay_erasures
from waarborg.store import DataSubjectRequest, ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = ERASURE_KEY.encode()
STORED_CRM, STORED_MAIL = "Jan@Example.nl ", "JAN@example.NL"  # how the two tools happen to hold Jan's address
JAN_HASH = keyed_hash(KEY, "jan@example.nl")


def _restore_mixed_case_backup(urls: Mapping[str, str]) -> None:
    """(Re)create both databases as they were before the erasure, with Jan's address as stored."""
    for url, schema, rows in ((urls["crm"], crm_schema, CRM_ROWS), (urls["mail"], mail_schema, MAIL_ROWS)):
        engine = create_engine(url)
        existing = MetaData()
        existing.reflect(engine)
        existing.drop_all(engine)
        engine.dispose()
        fill(url, schema(), rows)
    for url, table, stored in ((urls["crm"], "persons", STORED_CRM), (urls["mail"], "subscribers", STORED_MAIL)):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {table} SET email = :stored WHERE id IN (1, 100)"), {"stored": stored})
        engine.dispose()


def test_erasure_by_the_plain_address_reaches_the_person_stored_with_capitals(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    _restore_mixed_case_backup(database_urls)
    outcome = run_request(workspace, "erase", Identity("email", "jan@example.nl"), erase_fulfilment(), now=NOW)
    assert outcome.status == "completed"
    jan = next(row for row in read_table(database_urls["crm"], "persons") if row["id"] == 1)
    assert (jan["email"], jan["first_name"]) == (JAN_HASH, "[verwijderd]")  # the hash of the normalised address
    assert [row["id"] for row in read_table(database_urls["mail"], "subscribers")] == [101, 102]
    with workspace.store.session() as session:
        ledger = session.execute(select(ErasureLedgerEntry)).scalars().all()
        request = session.execute(select(DataSubjectRequest)).scalar_one()
        assert {entry.identity_hash for entry in ledger} == {JAN_HASH} == {request.identity_hash}
        assert {entry.table_name for entry in ledger} >= {"persons", "subscribers", "clicks"}
        for spelling in (STORED_CRM, STORED_MAIL, "jan@example.nl"):
            assert suppression.contains(session, KEY, "email", spelling)


def test_the_same_request_in_other_capitals_is_the_same_request(workspace: Workspace) -> None:
    first = run_request(workspace, "erase", Identity("email", "Jan@Example.NL"), erase_fulfilment(), now=NOW)
    again = run_request(workspace, "erase", Identity("email", "jan@example.nl"), erase_fulfilment(), now=NOW)
    assert first.status == again.status == "completed"
    with workspace.store.session() as session:
        hashes = {r.identity_hash for r in session.execute(select(DataSubjectRequest)).scalars()}
    assert hashes == {identity_hash(KEY, "email", "JAN@EXAMPLE.NL")} == {JAN_HASH}


def test_replay_after_a_restore_erases_the_person_stored_with_capitals_again(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    _restore_mixed_case_backup(database_urls)
    run_request(workspace, "erase", Identity("email", "jan@example.nl"), erase_fulfilment(), now=NOW)
    erased = {t: read_table(database_urls["crm"], t) for t in ("persons", "invoices", "exam_recordings")}
    _restore_mixed_case_backup(database_urls)
    assert next(r for r in read_table(database_urls["crm"], "persons") if r["id"] == 1)["email"] == STORED_CRM
    report = replay_erasures(workspace, datetime(2000, 1, 1, tzinfo=UTC))
    assert {t: read_table(database_urls["crm"], t) for t in erased} == erased
    assert [row["id"] for row in read_table(database_urls["mail"], "subscribers")] == [101, 102]
    assert [row["id"] for row in read_table(database_urls["mail"], "clicks")] == [202]
    assert report.per_table["mail.subscribers"] == 1 and report.per_table["crm.persons"] == 1


def test_replay_keeps_the_invoice_the_fiscal_hold_kept_at_the_request(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    run_request(workspace, "erase", Identity("email", "jan@example.nl"), erase_fulfilment(), now=NOW)
    _restore_mixed_case_backup(database_urls)
    replay_erasures(workspace, datetime(2000, 1, 1, tzinfo=UTC))
    invoices = {row["id"]: row for row in read_table(database_urls["crm"], "invoices")}
    # Invoice 11's amount went (its hold had ended); invoice 10's stays under the 7-year duty,
    # although both belong to the person the ledger entry names.
    assert invoices[10]["amount"] is not None and invoices[10]["billing_email"] is None
    assert (invoices[11]["amount"], invoices[11]["invoice_date"]) == (None, None)
