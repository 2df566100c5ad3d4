"""The office's workflow on a stored request (SQLite and PostgreSQL): a pause for proof of
identity moves the deadline by exactly its length, an extension needs reasons and month one, a
refusal names its ground and keeps its note sealed, an erasure waits for a second person when
the register asks, and the history comes from the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from request_fixtures import JAN
from sqlalchemy import text

from waarborg.audit.trail import verify_trail
from waarborg.requests import workflow
from waarborg.requests.identity import Identity
from waarborg.requests.runner import RequestWaiting, run_request
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PERSON = Identity("email", JAN)


def _stored(workspace: Workspace, request_id: str) -> DataSubjectRequest:
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        assert request is not None
        session.expunge(request)
        return request


def test_a_pause_for_identity_moves_the_deadline_by_its_length(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", PERSON, "ans", NOW)
    before = _stored(workspace, request_id).due_at
    workflow.ask_identity(workspace, request_id, "ans", NOW + timedelta(days=2))
    assert _stored(workspace, request_id).status == "awaiting_identity"
    workflow.identity_confirmed(workspace, request_id, "ans", NOW + timedelta(days=12, hours=3))
    after = _stored(workspace, request_id)
    assert after.status == "received" and after.due_at - before == timedelta(days=10, hours=3)
    assert after.pauses and after.pauses[0]["end"] is not None
    actions = [entry["action"] for entry in workflow.history(workspace, request_id)]
    assert actions == ["request.received", "request.identity_asked", "request.mailed", "request.identity_confirmed"]


def test_an_extension_needs_reasons_and_month_one(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", PERSON, "ans", NOW)
    with pytest.raises(workflow.WorkflowError, match="too late to extend"):
        workflow.extend(workspace, request_id, "ans", 2, "complex", NOW + timedelta(days=32))
    with pytest.raises(workflow.WorkflowError, match="needs its reasons"):
        workflow.extend(workspace, request_id, "ans", 2, "  ", NOW + timedelta(days=3))
    assert _stored(workspace, request_id).extension_months is None  # refused: nothing changed
    due = workflow.extend(workspace, request_id, "ans", 2, "forty years of records", NOW + timedelta(days=3))
    assert due == datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    with pytest.raises(workflow.WorkflowError, match="extended already"):
        workflow.extend(workspace, request_id, "ans", 1, "more", NOW + timedelta(days=4))
    stored = _stored(workspace, request_id)
    assert stored.due_at == due and "forty" not in (stored.extension_reasons_sealed or "")


def test_a_refusal_names_its_ground_and_keeps_the_note_sealed(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "erase", PERSON, "ans", NOW)
    with pytest.raises(workflow.WorkflowError, match="unknown refusal ground"):
        workflow.refuse(workspace, request_id, "ans", "annoying", "note", NOW)
    workflow.refuse(workspace, request_id, "ans", "manifestly_unfounded", "Jan asked 40 times", NOW)
    stored = _stored(workspace, request_id)
    assert stored.status == "rejected" and stored.refusal_ground == "manifestly_unfounded"
    assert "Jan" not in (stored.refusal_note_sealed or "")
    assert (workflow.complaint_route(workspace) or {})["name_nl"] == "Autoriteit Persoonsgegevens"
    with pytest.raises(workflow.WorkflowError, match="rejected cannot become awaiting_identity"):
        workflow.ask_identity(workspace, request_id, "ans", NOW)
    result = verify_trail(workspace.store)
    assert result.ok and not result.unaudited


def test_an_erasure_waits_for_a_second_person_when_the_register_asks(workspace: Workspace) -> None:
    with workspace.register_path.open("a", encoding="utf-8") as register:
        register.write("office:\n  erasure_approval: true\n")
    request_id = workflow.receive(workspace, "erase", PERSON, "ans", NOW)
    asked = workflow.fulfil(workspace, request_id, "ans", NOW)
    assert asked.status == "awaiting_approval"
    with pytest.raises(RequestWaiting, match="awaiting approval"):  # the CLI cannot go around it
        run_request(workspace, "erase", PERSON, workflow.office_fulfilment(workspace, "erase"), now=NOW)
    with pytest.raises(workflow.WorkflowError, match="second person"):
        workflow.approve(workspace, request_id, "ans", NOW)
    workflow.approve(workspace, request_id, "bert", NOW)
    done = workflow.fulfil(workspace, request_id, "bert", NOW)
    assert done.status == "completed" and done.request_id == request_id
    with workspace.connections().engine("crm").connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM persons WHERE email = :e"), {"e": JAN}).scalar() == 0
    actions = [entry["action"] for entry in workflow.history(workspace, request_id)]
    assert actions[:3] == ["request.received", "request.approval_asked", "request.approved"]
    assert actions[-2:] == ["request.completed", "request.mailed"]  # and the answer went to the requester


def test_a_dry_run_changes_nothing_and_says_what_would_be_kept(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "erase", PERSON, "ans", NOW)
    outcome = workflow.fulfil(workspace, request_id, "ans", NOW, dry_run=True)
    assert outcome.status is None and outcome.result
    assert _stored(workspace, request_id).status == "received"
    with workspace.connections().engine("crm").connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM persons WHERE email = :e"), {"e": JAN}).scalar() == 1
