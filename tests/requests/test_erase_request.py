"""Erasure requests (Art. 17) on two real databases, decided by the lawful-keep function."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from request_fixtures import ERASURE_KEY, JAN, NOW, PIET, read_table
from sqlalchemy import select

from waarborg.consent import suppression
from waarborg.datasets.erase import keyed_hash
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import RequestOutcome, run_request
from waarborg.store import ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = ERASURE_KEY.encode()


def erase(workspace: Workspace, value: str = JAN, dry_run: bool = False) -> RequestOutcome:
    return run_request(workspace, "erase", Identity("email", value), erase_fulfilment(), now=NOW, dry_run=dry_run)


def by_id(rows: list[dict]) -> dict:  # type: ignore[type-arg]
    return {row["id"]: row for row in rows}


def test_erasure_masks_the_person_and_keeps_the_name_with_a_note(workspace: Workspace, database_urls) -> None:  # type: ignore[no-untyped-def]
    assert erase(workspace).status == "completed"
    jan = by_id(read_table(database_urls["crm"], "persons"))[1]
    assert jan["email"] == keyed_hash(KEY, JAN)  # hashed, so a replay can still recognise it
    assert jan["first_name"] == "[verwijderd]"
    assert (jan["phone"], jan["employer"]) == (None, None)
    assert jan["last_name"] == "Jansen"  # the VCK promise: the name stays with a note of the request
    assert jan["member_no"] == "M-1001"  # bound with erase: keep


def test_erasure_keeps_invoice_amount_under_fiscal_hold(workspace: Workspace, database_urls) -> None:  # type: ignore[no-untyped-def]
    erase(workspace)
    invoices = by_id(read_table(database_urls["crm"], "invoices"))
    assert Decimal(str(invoices[10]["amount"])) == Decimal("50") and str(invoices[10]["invoice_date"]) == "2023-03-01"
    assert invoices[10]["billing_email"] is None  # everything else about the person goes
    assert (invoices[11]["amount"], invoices[11]["invoice_date"]) == (None, None)  # the hold has ended


def test_erasure_deletes_rows_nothing_holds_in_both_databases(workspace: Workspace, database_urls) -> None:  # type: ignore[no-untyped-def]
    erase(workspace)
    assert sorted(by_id(read_table(database_urls["crm"], "exam_recordings"))) == [21]
    assert sorted(by_id(read_table(database_urls["mail"], "subscribers"))) == [101, 102]
    assert sorted(by_id(read_table(database_urls["mail"], "clicks"))) == [202]


def test_erasure_never_touches_anyone_else(workspace: Workspace, database_urls) -> None:  # type: ignore[no-untyped-def]
    before = {t: by_id(read_table(database_urls["crm"], t)) for t in ("persons", "invoices", "exam_recordings")}
    erase(workspace)
    assert by_id(read_table(database_urls["crm"], "persons"))[2] == before["persons"][2]
    assert by_id(read_table(database_urls["crm"], "invoices"))[12] == before["invoices"][12]
    assert by_id(read_table(database_urls["mail"], "subscribers"))[101]["email"] == PIET


def test_report_says_what_was_kept_and_why(workspace: Workspace) -> None:
    kept = {(k["table"], k["activity"]): k for k in erase(workspace).result["kept"]}
    fiscal = kept[("crm.invoices", "bookkeeping")]
    assert fiscal["columns"] == ["amount", "invoice_date"] and fiscal["rows"] == 1
    assert (fiscal["basis"], fiscal["ground"], fiscal["until"]) == (
        "legal_obligation",
        "legal_obligation",
        "2030-03-01",
    )
    note = kept[("crm.persons", "erasure_notes")]
    assert (note["columns"], note["ground"], note["until"]) == (["last_name"], "legal_claims", "2025-01-01")
    assert kept[("crm.persons", "binding")]["columns"] == ["member_no"]


def test_report_says_what_was_erased_per_table(workspace: Workspace) -> None:
    erased = {(e["table"], e["action"]): e for e in erase(workspace).result["erased"]}
    assert erased[("mail.subscribers", "delete")]["rows"] == 1
    assert erased[("mail.clicks", "delete")]["rows"] == 2
    assert erased[("crm.exam_recordings", "delete")]["rows"] == 1
    assert erased[("crm.persons", "mask")]["columns"] == ["email", "employer", "first_name", "phone"]
    # mail is erased before the CRM it follows by e-mail address (see test_request_failures.py)
    systems = [e["table"].split(".")[0] for e in erase(workspace, PIET).result["erased"]]
    assert systems == sorted(systems, key=lambda s: s != "mail")


def test_every_erasure_is_in_the_ledger_under_the_keyed_hash_only(workspace: Workspace) -> None:
    outcome = erase(workspace)
    with workspace.store.session() as session:
        entries = session.execute(select(ErasureLedgerEntry)).scalars().all()
        assert {(e.system, e.table_name, e.action) for e in entries} == {
            ("mail", "subscribers", "delete"),
            ("mail", "clicks", "delete"),
            ("crm", "exam_recordings", "delete"),
            ("crm", "persons", "mask"),
            ("crm", "invoices", "mask"),
        }
        assert {e.identity_hash for e in entries} == {keyed_hash(KEY, JAN)}
        assert {e.request_id for e in entries} == {outcome.request_id}
        assert JAN not in json.dumps([e.columns for e in entries])


def test_erased_newsletter_subscriber_is_put_on_the_suppression_list(workspace: Workspace) -> None:
    assert erase(workspace).result["suppressed"] is True
    with workspace.store.session() as session:
        assert suppression.contains(session, KEY, "email", JAN)
        assert not suppression.contains(session, KEY, "email", PIET)


def test_dry_run_reports_the_same_and_changes_nothing(workspace: Workspace, database_urls) -> None:  # type: ignore[no-untyped-def]
    before = {t: read_table(database_urls["crm"], t) for t in ("persons", "invoices", "exam_recordings")}
    preview = erase(workspace, dry_run=True)
    assert {t: read_table(database_urls["crm"], t) for t in before} == before
    assert len(read_table(database_urls["mail"], "clicks")) == 3
    with workspace.store.session() as session:
        assert session.execute(select(ErasureLedgerEntry)).first() is None
        assert not suppression.contains(session, KEY, "email", JAN)
    assert preview.result == erase(workspace).result


def test_erasing_again_finds_nothing_left_to_erase(workspace: Workspace) -> None:
    erase(workspace)
    again = erase(workspace)
    assert again.status == "completed"
    assert again.result["erased"] == []
