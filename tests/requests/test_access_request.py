"""Access requests (Art. 15) against two real databases: the package and the request record."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from request_fixtures import JAN, NOW, SOLO
from sqlalchemy import select

from waarborg.audit import verify
from waarborg.requests.access import access_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import run_request
from waarborg.store import AuditEntry, DataSubjectRequest
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB


def test_access_package_holds_every_row_of_the_person_across_both_databases(
    workspace: Workspace, tmp_path: Path
) -> None:
    outcome = run_request(workspace, "access", Identity("email", JAN), access_fulfilment(tmp_path / "out"), now=NOW)
    assert outcome.status == "completed"
    assert outcome.result["tables"] == {
        "crm.exam_recordings": 1,
        "crm.invoices": 2,
        "crm.persons": 1,
        "mail.clicks": 2,
        "mail.subscribers": 1,
    }
    package = tmp_path / "out" / outcome.result["package"]
    data = json.loads((package / "data.json").read_text(encoding="utf-8"))
    assert [row["id"] for row in data["data"]["mail.clicks"]] == [200, 201]
    assert Decimal(str(data["data"]["crm.invoices"][0]["amount"])) == Decimal("50.00")
    assert data["data"]["crm.persons"][0]["created_at"].startswith("2020-01-01")
    assert sorted(p.name for p in package.iterdir()) == [
        "crm.exam_recordings.csv",
        "crm.invoices.csv",
        "crm.persons.csv",
        "data.json",
        "letter.html",
        "letter.pdf",
        "mail.clicks.csv",
        "mail.subscribers.csv",
    ]


def test_csv_per_table_has_a_header_and_one_line_per_row(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(workspace, "access", Identity("email", JAN), access_fulfilment(tmp_path, pdf=False), now=NOW)
    text = (tmp_path / outcome.result["package"] / "crm.invoices.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["id"], Decimal(r["amount"]), r["invoice_date"]) for r in rows] == [
        ("10", Decimal("50"), "2023-03-01"),
        ("11", Decimal("45"), "2015-03-01"),
    ]


def test_letter_describes_only_the_activities_holding_a_subscribers_data(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(workspace, "access", Identity("email", SOLO), access_fulfilment(tmp_path, "en"), now=NOW)
    html = (tmp_path / outcome.result["package"] / "letter.html").read_text(encoding="utf-8")
    assert "Newsletter" in html and "Data Privacy Framework" in html
    assert "Membership administration" not in html and "Online exams" not in html
    assert (tmp_path / outcome.result["package"] / "letter.pdf").read_bytes().startswith(b"%PDF")


def test_access_is_recorded_and_audited_without_the_identity(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(workspace, "access", Identity("email", JAN), access_fulfilment(tmp_path, pdf=False), now=NOW)
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, outcome.request_id)
        assert request is not None
        assert (request.kind, request.status, request.attempts) == ("access", "completed", 1)
        assert request.due_at.replace(tzinfo=None) == NOW.replace(month=7)
        assert JAN not in json.dumps(request.result) and JAN not in request.identity_sealed
        actions = [e.action for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]
        assert actions == ["request.received", "request.started", "request.completed"]
        details = json.dumps([e.detail for e in session.execute(select(AuditEntry)).scalars()])
        assert JAN not in details and request.identity_hash in details
        assert verify(session).ok


def test_dry_run_reports_counts_and_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(
        workspace,
        "access",
        Identity("email", JAN),
        access_fulfilment(tmp_path / "out", pdf=False),
        now=NOW,
        dry_run=True,
    )
    assert outcome.request_id is None and outcome.result["rows"] == 7
    assert not (tmp_path / "out").exists()
    with workspace.store.session() as session:
        assert session.execute(select(DataSubjectRequest)).first() is None
        assert session.execute(select(AuditEntry)).first() is None


def test_unknown_person_gets_a_letter_saying_nothing_was_found(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(
        workspace, "access", Identity("email", "nobody@example.nl"), access_fulfilment(tmp_path, pdf=False), now=NOW
    )
    assert outcome.status == "completed" and outcome.result["rows"] == 0
    html = (tmp_path / outcome.result["package"] / "letter.html").read_text(encoding="utf-8")
    assert "geen persoonsgegevens van u gevonden" in html
    assert "kopie" not in html and "Bijlagen" not in html  # no copy promised, no enclosure listed


def test_letter_names_enclosures_by_what_their_data_are_used_for(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(workspace, "access", Identity("email", JAN), access_fulfilment(tmp_path, pdf=False), now=NOW)
    html = (tmp_path / outcome.result["package"] / "letter.html").read_text(encoding="utf-8")
    assert "crm.invoices.csv: gegevens voor Ledenadministratie, Financiële administratie" in html
    assert "gegevens uit invoices" not in html and "<td>persons</td>" not in html
