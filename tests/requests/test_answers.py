"""The answers to a requester (SQLite and PostgreSQL): an erasure says what was erased and what
was kept under which hold until when, in the requester's language; the ask for proof, the
extension with its reasons and the refusal with the complaint route go out as they happen; every
mail is kept with its request; a requester known only by a member number gets no e-mail, but the
office keeps the text to send another way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from request_fixtures import JAN
from sqlalchemy import select

from waarborg.office.models import OutboxMessage
from waarborg.requests import answers, workflow
from waarborg.requests.corrections import parse_corrections
from waarborg.requests.identity import Identity
from waarborg.requests.objection import object_fulfilment
from waarborg.requests.rectify import rectify_fulfilment
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import run_request
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PERSON = Identity("email", JAN)


def _mails(workspace: Workspace, request_id: str) -> list[OutboxMessage]:
    with workspace.store.session() as session:
        query = select(OutboxMessage).where(OutboxMessage.request_id == request_id).order_by(OutboxMessage.id)
        return list(session.execute(query).scalars())


def _stored(workspace: Workspace, request_id: str) -> DataSubjectRequest:
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        assert request is not None
        session.expunge(request)
        return request


def test_the_erasure_answer_says_what_went_and_what_the_fiscal_hold_keeps(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "erase", PERSON, "ans", NOW)
    workflow.fulfil(workspace, request_id, "ans", NOW)
    [mail] = _mails(workspace, request_id)
    assert mail.recipient == JAN and mail.subject == f"Uw verzoek {request_id[:8]}: wat wij hebben gedaan"
    body = mail.body
    assert "Wij hebben uw gegevens gewist:" in body and "verwijderd" in body
    assert "telefoonnummer (Ledenadministratie" in body and "gegevens voor Online examens" in body
    kept = next(line for line in body.splitlines() if "voor Financiële administratie, op grond van" in line)
    assert "een wettelijke plicht (art. 6 lid 1 onder c AVG)" in kept and "(een wettelijke bewaarplicht)" in kept
    assert ", tot 1 maart 2030" in kept  # invoice of 1 March 2023 + the 7-year fiscal duty
    assert "niet-mailen-lijst" in body  # a newsletter subscriber: kept only as a keyed hash
    assert "Jansen" not in body and "M-1001" not in body  # what was kept is named, never its values
    english = answers.outcome_letter(workspace.register, _stored(workspace, request_id), "en")
    assert english is not None and "Some data we must still keep" in english.body
    assert "for Financial records, on the basis of a legal obligation (Art. 6(1)(c) GDPR)" in english.body
    assert "invoice data (amount and date)" in english.body or "Financial records)" in english.body
    assert "until 1 March 2030" in english.body


def test_ask_for_identity_extension_and_refusal_mail_the_requester(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", PERSON, "ans", NOW)
    workflow.ask_identity(workspace, request_id, "ans", NOW + timedelta(days=1))
    workflow.identity_confirmed(workspace, request_id, "ans", NOW + timedelta(days=3))
    due = workflow.extend(workspace, request_id, "ans", 2, "uw gegevens staan in twaalf systemen",
                          NOW + timedelta(days=4))
    workflow.refuse(workspace, request_id, "ans", "excessive", "het vijfde verzoek deze maand",
                    NOW + timedelta(days=5))
    identity, extension, refusal = _mails(workspace, request_id)
    assert "bewijs van uw identiteit" in identity.subject and "staat de termijn stil" in identity.body
    assert "verlengen met 2 maand(en), om deze reden: uw gegevens staan in twaalf systemen" in extension.body
    assert due.date().isoformat() == "2025-06-03"  # receipt + 1 + 2 months + the 2 days waited
    assert "uiterlijk op 3 juni 2025" in extension.body
    assert "buitensporig" in refusal.body and "Toelichting: het vijfde verzoek deze maand" in refusal.body
    assert "Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag" in refusal.body
    assert "naar de rechter" in refusal.body
    mailed = [e for e in workflow.history(workspace, request_id) if e["action"] == "request.mailed"]
    assert [e["detail"]["mail"] for e in mailed] == ["identity", "extension", "refusal"]
    assert all("twaalf" not in str(e["detail"]) for e in mailed)  # the text is not in the audit trail


def test_a_refused_extension_mails_nothing(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", PERSON, "ans", NOW)
    with pytest.raises(workflow.WorkflowError, match="too late"):
        workflow.extend(workspace, request_id, "ans", 2, "te laat", NOW + timedelta(days=40))
    assert _mails(workspace, request_id) == []


def test_restriction_objection_and_rectification_answers(workspace: Workspace) -> None:
    register = workspace.register
    restricted = run_request(workspace, "restrict", PERSON, restrict_fulfilment(), now=NOW)
    objected = run_request(workspace, "object", PERSON, object_fulfilment(register, ["newsletter"]), now=NOW)
    corrections = parse_corrections(["persons.phone=0611112222"], register)
    rectified = run_request(workspace, "rectify", PERSON, rectify_fulfilment(corrections), now=NOW)
    texts = {}
    for outcome in (restricted, objected, rectified):
        assert outcome.request_id is not None
        answers.mail_about(workspace, outcome.request_id, "outcome", "ans", NOW)
        texts[outcome.kind] = _mails(workspace, outcome.request_id)[-1].body
    assert "art. 18 lid 3 AVG" in texts["restrict"] and "beperkt" in texts["restrict"]
    assert "niet meer voor direct marketing" in texts["object"]
    assert "Wij hebben uw gegevens verbeterd:" in texts["rectify"] and "0611112222" not in texts["rectify"]
    assert "- telefoonnummer (Ledenadministratie, " in texts["rectify"] and "): 1 vastlegging(en)" in texts["rectify"]


def test_a_requester_without_an_address_gets_the_text_kept_for_the_office(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", Identity("member_number", "M-1001"), "ans", NOW)
    workflow.ask_identity(workspace, request_id, "ans", NOW)
    [mail] = _mails(workspace, request_id)
    assert mail.recipient == "" and mail.status == "no_address" and "bewijs" in mail.body


def test_a_request_from_the_centre_is_answered_at_its_address_in_its_language(workspace: Workspace) -> None:
    import re

    from waarborg.requests import intake

    submission = intake.submit(workspace, "erase", {"email": JAN, "member_number": "M-1001"}, "", "en", NOW)
    with workspace.store.session() as session:
        receipt = session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == JAN)
                                  .order_by(OutboxMessage.id.desc())).scalars().first()
    assert receipt is not None
    found = re.search(r"/centre/requests/verify/([\w-]+)", receipt)
    assert found
    intake.verify(workspace, found.group(1), NOW + timedelta(minutes=5))
    workflow.fulfil(workspace, submission.request_id, "ans", NOW + timedelta(hours=1))
    [answer] = _mails(workspace, submission.request_id)
    assert answer.recipient == JAN and answer.subject.endswith(": what we have done")
    assert "We have erased your data:" in answer.body and "until 1 March 2030" in answer.body
