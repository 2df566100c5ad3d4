"""Consent over the API: subscribe with double opt-in, confirm, preferences through the personal
token, unsubscribe (RFC 8058 one-click semantics), a person's proof, the counts, and the mailing
filter; bad input names the field and stores nothing."""

from __future__ import annotations

import json
import re

from api_support import bearer
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from waarborg.consent.ledger import Person
from waarborg.consent.tokens import preference_token, unsubscribe_token
from waarborg.office.models import OutboxMessage
from waarborg.store.consent_models import PendingConsent
from waarborg.workspace import Workspace

FORM_TEXT = "Ja, stuur mij de nieuwsbrief."


def _subscribe(client: TestClient, email: str, **extra: object) -> Response:
    body = {"email": email, "mailing_types": ["newsletter"], "form_text": FORM_TEXT, **extra}
    return client.post("/api/v1/consent/subscriptions", json=body)


def _confirmation_token(workspace: Workspace, email: str) -> str:
    with workspace.store.session() as session:
        mail = session.execute(select(OutboxMessage).where(OutboxMessage.recipient == email)
                               .order_by(OutboxMessage.id.desc())).scalars().first()
    assert mail is not None
    found = re.search(r"/centre/confirm/(\S+)", mail.body)
    assert found is not None
    return found.group(1)


def _pending(workspace: Workspace) -> int:
    with workspace.store.session() as session:
        return int(session.execute(select(func.count()).select_from(PendingConsent)).scalar_one())


def _person_hash(workspace: Workspace, email: str) -> str:
    return Person("email", email).hashed(workspace.erasure_key())


def test_subscribe_confirm_change_preferences_and_unsubscribe(client: TestClient, workspace: Workspace,
                                                              tokens: dict[str, str]) -> None:
    email = "api.lezer@example.nl"
    answer = _subscribe(client, email, lang="en")
    assert answer.status_code == 202 and answer.json()["confirmation_sent_to"] == "person"
    token = _confirmation_token(workspace, email)
    confirmed = client.post(f"/api/v1/consent/confirmations/{token}")
    assert confirmed.status_code == 200 and confirmed.json() == {"mailing_types": ["newsletter"], "kind": "opt_in",
                                                                 "already": False}
    assert client.post(f"/api/v1/consent/confirmations/{token}").json()["already"] is True

    hashed = _person_hash(workspace, email)
    personal = preference_token(workspace.erasure_key(), "email", hashed)
    shown = client.get(f"/api/v1/consent/preferences/{personal}").json()
    assert shown["subscribed"]["newsletter"] is True and shown["suppressed"] is False
    off = client.put(f"/api/v1/consent/preferences/{personal}", json={"subscribed": {"newsletter": False}}).json()
    assert off == {**off, "suppressed": False} and off["subscribed"]["newsletter"] is False
    client.put(f"/api/v1/consent/preferences/{personal}", json={"subscribed": {"newsletter": True}})

    one_click = unsubscribe_token(workspace.erasure_key(), "email", hashed, "newsletter")
    first = client.post(f"/api/v1/consent/unsubscribe/{one_click}", data={"List-Unsubscribe": "One-Click"})
    assert first.status_code == 200 and first.json() == {"withdrawn": ["newsletter"], "suppressed": True,
                                                         "newly_suppressed": True}
    again = client.post(f"/api/v1/consent/unsubscribe/{one_click}")  # idempotent, no body needed
    assert again.json() == {"withdrawn": [], "suppressed": True, "newly_suppressed": False}

    csv = f"email,name\n{email},Lezer\nander.api@example.nl,Ander\n"
    counted = client.post("/api/v1/mailing/filter/counts", files={"list": ("list.csv", csv, "text/csv")},
                          data={"type": "newsletter"}, headers=bearer(tokens["handler"])).json()
    assert counted["read"] == 2 and counted["removed"]["suppressed"] == 1


def test_bad_subscriptions_name_the_field_and_store_nothing(client: TestClient, workspace: Workspace) -> None:
    before = _pending(workspace)
    wrong_address = _subscribe(client, "not-an-address")
    assert wrong_address.status_code == 400 and wrong_address.json()["field"] == "email"
    assert "not-an-address" not in wrong_address.text
    unknown = client.post("/api/v1/consent/subscriptions", json={"email": "a.b@example.nl", "mailing_types": ["spam"],
                                                                 "form_text": FORM_TEXT})
    assert unknown.status_code == 400 and unknown.json()["field"] == "mailing_types"
    no_text = client.post("/api/v1/consent/subscriptions", json={"email": "a.b@example.nl",
                                                                 "mailing_types": ["newsletter"]})
    assert no_text.status_code == 422 and no_text.json()["field"] == "body.form_text"
    assert _pending(workspace) == before
    broken = client.post("/api/v1/consent/confirmations/made-up")
    assert broken.status_code == 400 and broken.json()["error"] == "invalid_link"
    assert client.get("/api/v1/consent/preferences/made-up").status_code == 400
    assert client.post("/api/v1/consent/unsubscribe/made-up").json()["field"] == "token"


def test_subscribing_one_address_again_and_again_is_limited(client: TestClient) -> None:
    answers = [_subscribe(client, "veel.aanmeldingen@example.nl").status_code for _ in range(4)]
    assert answers == [202, 202, 202, 429]


def test_a_person_s_consent_and_proof(client: TestClient, workspace: Workspace, tokens: dict[str, str]) -> None:
    email = "bewijs.api@example.nl"
    _subscribe(client, email)
    client.post(f"/api/v1/consent/confirmations/{_confirmation_token(workspace, email)}")
    handler = bearer(tokens["handler"])
    proof = client.post("/api/v1/consent/person", json={"email": email, "lang": "en"}, headers=handler)
    assert proof.status_code == 200 and proof.json()["current"] == {"newsletter": "given"}
    event = proof.json()["events"][0]
    assert event["method"] == "api" and event["evidence"]["form_text"] == FORM_TEXT
    pdf = client.post("/api/v1/consent/person/proof.pdf", json={"email": email}, headers=handler)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.post("/api/v1/consent/person", json={"email": email}).status_code == 401
    assert client.post("/api/v1/consent/person", json={"email": email},
                       headers=bearer(tokens["hr"])).status_code == 403
    wrong = client.post("/api/v1/consent/person", json={"email": "nope"}, headers=handler)
    assert wrong.status_code == 400 and wrong.json()["field"] == "email"


def test_the_counts_per_mailing_type(client: TestClient, tokens: dict[str, str]) -> None:
    counts = client.get("/api/v1/consent/overview", headers=bearer(tokens["privacy_officer"])).json()
    newsletter = next(t for t in counts["types"] if t["key"] == "newsletter")
    assert newsletter["subscribed"] > 0 and counts["suppressed"] >= 0
    # Twelve months, and the last one ends with as many subscribed as there are now.
    assert counts["period"] == "month" and len(newsletter["periods"]) == 12
    assert newsletter["periods"][-1]["active"] == newsletter["subscribed"]
    weekly = client.get("/api/v1/consent/overview?per=week", headers=bearer(tokens["privacy_officer"])).json()
    assert weekly["period"] == "week" and len(weekly["suppressed_added"]) == 12
    assert client.get("/api/v1/consent/overview?per=day", headers=bearer(tokens["privacy_officer"])).status_code == 422
    assert client.get("/api/v1/consent/overview", headers=bearer(tokens["viewer"])).status_code == 403


def test_the_mailing_filter_answers_the_kept_rows_and_the_counts(client: TestClient, tokens: dict[str, str]) -> None:
    csv = "email,name\nfilter.een@example.nl,Een\n,Leeg\n"
    handler = bearer(tokens["handler"])
    answer = client.post("/api/v1/mailing/filter", files={"list": ("list.csv", csv, "text/csv")},
                         data={"type": "newsletter"}, headers=handler)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    counts = json.loads(answer.headers["x-waarborg-filter"])
    assert counts["read"] == 2 and counts["kept"] + sum(counts["removed"].values()) == 2
    assert counts["removed"]["no_address"] == 1
    assert answer.text.splitlines()[0] == "email,name" and len(answer.text.splitlines()) == 1 + counts["kept"]
    no_column = client.post("/api/v1/mailing/filter", files={"list": ("list.csv", "naam\nx\n", "text/csv")},
                            headers=handler)
    assert no_column.status_code == 400 and no_column.json()["field"] == "list"
    unknown = client.post("/api/v1/mailing/filter/counts", files={"list": ("l.csv", csv, "text/csv")},
                          data={"type": "spam"}, headers=handler)
    assert unknown.status_code == 400 and unknown.json()["field"] == "type"
    assert client.post("/api/v1/mailing/filter", files={"list": ("l.csv", csv, "text/csv")}).status_code == 401
    assert client.post("/api/v1/mailing/filter", files={"list": ("l.csv", csv, "text/csv")},
                       headers=bearer(tokens["viewer"])).status_code == 403
    missing = client.post("/api/v1/mailing/filter", data={"type": "newsletter"}, headers=handler)
    assert missing.status_code == 422 and missing.json()["field"] == "body.list"
