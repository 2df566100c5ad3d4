"""A request from the public centre (SQLite and PostgreSQL): stored unconfirmed with only hashes
of its links, confirmed once through the mailed link within 48 hours, followed through the secret
status link, and never telling whether the person is in any database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from request_fixtures import JAN
from sqlalchemy import func, select

from waarborg.audit.trail import verify_trail
from waarborg.office.models import OutboxMessage
from waarborg.requests import intake, workflow
from waarborg.requests.queue import QueueFilter, queue
from waarborg.store.intake_models import RequestIntake
from waarborg.store.models import AuditEntry, DataSubjectRequest
from waarborg.workspace import Workspace

NOW = datetime(2025, 1, 31, 10, 0, tzinfo=UTC)
NOBODY = "nobody-here@example.org"


def _submit(workspace: Workspace, email: str = JAN, kind: str = "access", **more: str) -> intake.Submission:
    return intake.submit(workspace, kind, {"email": email, **more}, "", "nl", NOW)


def _mail(workspace: Workspace, request_id: str) -> OutboxMessage:
    with workspace.store.session() as session:
        row = session.get(RequestIntake, request_id)
        assert row is not None and row.receipt_message_id is not None
        message = session.get(OutboxMessage, row.receipt_message_id)
        assert message is not None
        session.expunge(message)
        return message


def _tokens(body: str) -> tuple[str, str]:
    verify = re.search(r"/centre/requests/verify/([\w-]+)", body)
    status = re.search(r"/centre/requests/status/([\w-]+)", body)
    assert verify and status
    return verify.group(1), status.group(1)


def _count(workspace: Workspace, model: type) -> int:
    with workspace.store.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_submit_stores_the_request_unconfirmed_with_only_hashes_and_sealed_values(workspace: Workspace) -> None:
    submission = _submit(workspace, member_number="M-1001")
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, submission.request_id)
        row = session.get(RequestIntake, submission.request_id)
        assert request is not None and row is not None
        assert request.status == "awaiting_verification" and request.identity_kind == "email"
        # the month runs from submission: 31 January -> 28 February (end-of-month rule)
        assert request.received_at == NOW and request.due_at == datetime(2025, 2, 28, 10, 0, tzinfo=UTC)
        stored = " ".join(str(v) for v in (request.identity_sealed, row.identities_sealed, row.identity_hashes,
                                            row.verify_hash, row.status_hash))
        assert JAN not in stored and "M-1001" not in stored and submission.status_token not in stored
        assert set(row.identity_hashes) == {"email", "member_number"}
        assert row.verify_expires_at == NOW + timedelta(hours=48) and row.language == "nl"
    assert intake.submitted_details(workspace, submission.request_id) == (
        {"email": JAN, "member_number": "M-1001"}, "")
    verify_token, status_token = _tokens(_mail(workspace, submission.request_id).body)
    assert status_token == submission.status_token and verify_token != status_token


def test_the_office_sees_the_request_only_after_verification(workspace: Workspace) -> None:
    submission = _submit(workspace)
    everything = QueueFilter(status="all")
    assert submission.request_id not in {r["id"] for r in queue(workspace, NOW, everything)}
    verify_token, _ = _tokens(_mail(workspace, submission.request_id).body)
    verified = intake.verify(workspace, verify_token, NOW + timedelta(hours=3))
    assert verified.request_id == submission.request_id
    listed = {r["id"]: r for r in queue(workspace, NOW + timedelta(hours=3))}
    assert listed[submission.request_id]["status"] == "received"
    with workspace.store.session() as session:
        actions = [(e.action, e.detail.get("request_id")) for e in session.execute(
            select(AuditEntry).order_by(AuditEntry.seq)).scalars()]
    assert ("request.submitted", submission.request_id) in actions
    assert ("request.received", submission.request_id) in actions
    result = verify_trail(workspace.store)
    assert result.ok and not result.unaudited


def test_a_used_link_is_refused_and_changes_nothing(workspace: Workspace) -> None:
    submission = _submit(workspace)
    verify_token, _ = _tokens(_mail(workspace, submission.request_id).body)
    intake.verify(workspace, verify_token, NOW)
    audit_before = _count(workspace, AuditEntry)
    with pytest.raises(intake.LinkError) as refused:
        intake.verify(workspace, verify_token, NOW + timedelta(minutes=1))
    assert refused.value.reason == "used" and _count(workspace, AuditEntry) == audit_before


def test_an_expired_link_is_refused_and_the_request_stays_unconfirmed(workspace: Workspace) -> None:
    submission = _submit(workspace)
    verify_token, _ = _tokens(_mail(workspace, submission.request_id).body)
    with pytest.raises(intake.LinkError) as refused:
        intake.verify(workspace, verify_token, NOW + timedelta(hours=48))
    assert refused.value.reason == "expired" and "expired" in str(refused.value)
    assert intake.status(workspace, submission.status_token, NOW).state == "awaiting_verification"
    assert intake.lapse_unverified(workspace, NOW + timedelta(hours=47)) == 0
    assert intake.lapse_unverified(workspace, NOW + timedelta(hours=48)) == 1
    assert _count(workspace, DataSubjectRequest) == 0 and _count(workspace, RequestIntake) == 0
    with pytest.raises(intake.StatusNotFound):
        intake.status(workspace, submission.status_token, NOW)


@pytest.mark.parametrize("token", ["", "x", "not-a-token-at-all-0123456789abcdefghijklmnopqrstu"])
def test_a_wrong_verification_token_is_unknown(workspace: Workspace, token: str) -> None:
    _submit(workspace)
    with pytest.raises(intake.LinkError) as refused:
        intake.verify(workspace, token, NOW)
    assert refused.value.reason == "unknown"


def test_a_verification_token_is_not_a_status_token_and_the_other_way_round(workspace: Workspace) -> None:
    submission = _submit(workspace)
    verify_token, status_token = _tokens(_mail(workspace, submission.request_id).body)
    with pytest.raises(intake.LinkError):
        intake.verify(workspace, status_token, NOW)
    with pytest.raises(intake.StatusNotFound):
        intake.status(workspace, verify_token, NOW)


def test_status_shows_the_deadline_with_pauses_and_extensions_and_nothing_personal(workspace: Workspace) -> None:
    submission = _submit(workspace)
    verify_token, _ = _tokens(_mail(workspace, submission.request_id).body)
    intake.verify(workspace, verify_token, NOW + timedelta(hours=1))
    shown = intake.status(workspace, submission.status_token, NOW + timedelta(days=1))
    assert (shown.kind, shown.state, shown.received_at) == ("access", "received", NOW)
    assert shown.due_at == datetime(2025, 2, 28, 10, 0, tzinfo=UTC)
    workflow.ask_identity(workspace, submission.request_id, "ans", NOW + timedelta(days=2))
    workflow.identity_confirmed(workspace, submission.request_id, "ans", NOW + timedelta(days=5))
    workflow.extend(workspace, submission.request_id, "ans", 2, "many systems to search", NOW + timedelta(days=6))
    shown = intake.status(workspace, submission.status_token, NOW + timedelta(days=7))
    assert shown.extension_months == 2 and shown.state == "received"
    assert shown.due_at == datetime(2025, 4, 30, 10, 0, tzinfo=UTC) + timedelta(days=3)
    assert JAN not in repr(shown) and "many systems" not in repr(shown)


def test_the_status_link_of_another_request_shows_only_that_request(workspace: Workspace) -> None:
    mine = _submit(workspace, kind="erase")
    theirs = _submit(workspace, email="piet@example.nl", kind="access")
    assert intake.status(workspace, mine.status_token, NOW).kind == "erase"
    assert intake.status(workspace, theirs.status_token, NOW).kind == "access"
    with pytest.raises(intake.StatusNotFound):
        intake.status(workspace, mine.status_token[:-2], NOW)


def test_the_mail_for_an_unknown_person_equals_that_of_a_member(workspace: Workspace) -> None:
    member = _submit(workspace, JAN)
    nobody = _submit(workspace, NOBODY)
    known, unknown = _mail(workspace, member.request_id), _mail(workspace, nobody.request_id)

    def without_links(body: str) -> str:
        return re.sub(r"/centre/requests/(verify|status)/[\w-]+", "/LINK", body)

    assert known.subject == unknown.subject and without_links(known.body) == without_links(unknown.body)
    assert (known.recipient, unknown.recipient) == (JAN, NOBODY)
    assert member.due_at == nobody.due_at


@pytest.mark.parametrize(("kind", "identities", "details", "field"), [
    ("delete", {"email": JAN}, "", "kind"),
    ("access", {}, "", "email"),
    ("access", {"email": "   "}, "", "email"),
    ("access", {"email": "not an address"}, "", "email"),
    ("access", {"email": JAN, "passport": "X"}, "", "identity"),
    ("access", {"email": "a" * 250 + "@x.nl"}, "", "email"),
    ("access", {"email": JAN}, "x" * 4001, "details"),
    ("rectify", {"email": JAN}, "  ", "details"),
])
def test_a_bad_form_is_refused_naming_the_field_and_stores_nothing(
        workspace: Workspace, kind: str, identities: dict[str, str], details: str, field: str) -> None:
    with pytest.raises(intake.IntakeError) as refused:
        intake.submit(workspace, kind, identities, details, "en", NOW)
    assert refused.value.field == field and JAN not in str(refused.value)
    assert _count(workspace, DataSubjectRequest) == 0 and _count(workspace, OutboxMessage) == 0


def test_a_rectification_keeps_its_correction_sealed_and_answers_in_english(workspace: Workspace) -> None:
    submission = intake.submit(workspace, "rectify", {"email": JAN}, "My surname is Janssen, not Jansen.", "en", NOW)
    with workspace.store.session() as session:
        row = session.get(RequestIntake, submission.request_id)
        assert row is not None and "Janssen" not in str(row.details_sealed)
    assert intake.submitted_details(workspace, submission.request_id) == (
        {"email": JAN}, "My surname is Janssen, not Jansen.")
    assert intake.requester_language(workspace, submission.request_id) == "en"
    assert "Confirm your privacy request" in _mail(workspace, submission.request_id).subject


def test_a_flood_of_requests_for_one_address_is_refused(workspace: Workspace) -> None:
    for _ in range(intake.MAX_UNVERIFIED_PER_ADDRESS):
        _submit(workspace, NOBODY)
    with pytest.raises(intake.TooManyIntakes):
        _submit(workspace, NOBODY.upper())
    assert _count(workspace, OutboxMessage) == intake.MAX_UNVERIFIED_PER_ADDRESS
    later = intake.submit(workspace, "access", {"email": NOBODY}, "", "nl", NOW + timedelta(hours=1, minutes=1))
    assert later.request_id
