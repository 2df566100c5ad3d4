"""A withdrawal of consent made in the public centre, run by the office (SQLite and PostgreSQL):
every consent still given is withdrawn in the ledger and the person goes on the do-not-contact
list; someone without any consent gets a completed request that changed nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from request_fixtures import JAN

from waarborg.consent import suppression
from waarborg.consent.ledger import ConsentChange, Person, record, state_of
from waarborg.office.models import OutboxMessage
from waarborg.requests import intake, workflow
from waarborg.store.intake_models import RequestIntake
from waarborg.workspace import Workspace

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _confirmed_withdrawal(workspace: Workspace, email: str) -> str:
    sent = intake.submit(workspace, "withdraw", {"email": email}, "the newsletter", "nl", NOW)
    with workspace.store.session() as session:
        row = session.get(RequestIntake, sent.request_id)
        assert row is not None
        mail = session.get(OutboxMessage, row.receipt_message_id)
        assert mail is not None
        token = re.search(r"/centre/requests/verify/([\w-]+)", mail.body)
    assert token
    intake.verify(workspace, token.group(1), NOW + timedelta(minutes=5))
    return sent.request_id


def test_a_withdrawal_withdraws_every_consent_given_and_suppresses_marketing(workspace: Workspace) -> None:
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        record(session, key, workspace.register, Person("email", JAN),
               ConsentChange("newsletter", "given", "web_form", {"form": "test"}, NOW - timedelta(days=90)))
    request_id = _confirmed_withdrawal(workspace, JAN)
    dry = workflow.fulfil(workspace, request_id, "ans", NOW + timedelta(hours=1), dry_run=True)
    assert dry.result == {"withdrawn": ["newsletter"], "suppressed": True}
    with workspace.store.session() as session:
        assert state_of(session, Person("email", JAN).hashed(key))["newsletter"].action == "given"
    outcome = workflow.fulfil(workspace, request_id, "ans", NOW + timedelta(hours=1))
    assert outcome.status == "completed" and outcome.result["withdrawn"] == ["newsletter"]
    with workspace.store.session() as session:
        assert state_of(session, Person("email", JAN).hashed(key))["newsletter"].action == "withdrawn"
        assert suppression.contains(session, key, "email", JAN)


def test_a_withdrawal_by_someone_without_consent_completes_and_changes_nothing(workspace: Workspace) -> None:
    request_id = _confirmed_withdrawal(workspace, "nobody-here@example.org")
    outcome = workflow.fulfil(workspace, request_id, "ans", NOW + timedelta(hours=1))
    assert outcome.status == "completed" and outcome.result == {"withdrawn": [], "suppressed": False}
    with workspace.store.session() as session:
        assert not suppression.contains(session, workspace.erasure_key(), "email", "nobody-here@example.org")
