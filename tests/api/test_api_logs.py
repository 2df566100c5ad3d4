"""No personal data in logs: calls that carry an address, an identity or a breach's contact person
leave none of it in any log record (the server's, the libraries'), nor in the audit trail."""

from __future__ import annotations

import logging

import pytest
from api_support import bearer
from fastapi.testclient import TestClient
from sqlalchemy import select

from waarborg.store.models import AuditEntry
from waarborg.workspace import Workspace

ADDRESS = "geheim.adres.api@example.nl"
CONTACT = "Gerrit Geheimhouder"


def test_personal_data_sent_to_the_api_reaches_no_log(client: TestClient, workspace: Workspace,
                                                      tokens: dict[str, str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    handler, officer = bearer(tokens["handler"]), bearer(tokens["privacy_officer"])
    client.post("/api/v1/consent/subscriptions", json={"email": ADDRESS, "mailing_types": ["newsletter"],
                                                       "form_text": "Ja."})
    client.post("/api/v1/consent/subscriptions", json={"email": ADDRESS, "mailing_types": ["nope"],
                                                       "form_text": "Ja."})
    client.post("/api/v1/consent/person", json={"email": ADDRESS}, headers=handler)
    client.post("/api/v1/requests/search", json={"identity_kind": "email", "identity_value": ADDRESS},
                headers=handler)
    client.post("/api/v1/public/requests", json={"kind": "access", "identities": {"email": ADDRESS}})
    client.post("/api/v1/public/requests", json={"kind": "access", "identities": {"email": ADDRESS + "x@"}})
    client.post("/api/v1/mailing/filter/counts", files={"list": ("l.csv", f"email\n{ADDRESS}\n", "text/csv")},
                headers=handler)
    made = client.post("/api/v1/breaches", headers=officer, json={"answers": {
        "organisation": {"contact": {"name": CONTACT, "email": ADDRESS}}, "what": {"summary": "Verloren USB-stick."}}})
    assert made.status_code == 201
    logged = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    assert ADDRESS not in logged and CONTACT not in logged
    with workspace.store.session() as session:
        trail = " ".join(str(entry.detail) + entry.actor for entry in session.execute(select(AuditEntry)).scalars())
    assert ADDRESS not in trail and CONTACT not in trail
