"""The API with Waarborg's store on PostgreSQL: tokens (hash, expiry, revocation), a breach from
record to notification, the queue and an action, consent from subscribe to one-click unsubscribe,
and the public intake to its status (the demo databases stay SQLite; only the store moves)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import NOW, bearer, make_tokens
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import build_office

from waarborg.consent.ledger import Person
from waarborg.consent.tokens import unsubscribe_token
from waarborg.office.clock import MovableClock
from waarborg.office.demo_state import seed_demo_office
from waarborg.office.models import OutboxMessage
from waarborg.office.settings import settings_from_env
from waarborg.store.api_models import ApiToken
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_office(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("api-pg")
    build_office(root, persons=80)
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_DATABASE_URL={pg_url}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        assert workspace.store.dialect == "postgresql"
        seed_demo_office(workspace, NOW)
    finally:
        workspace.close()
    return root, make_tokens(root)


@pytest.fixture
def pg(pg_office: tuple[Path, dict[str, str]]) -> Iterator[tuple[TestClient, Workspace, MovableClock]]:
    workspace = open_workspace(pg_office[0] / "waarborg.yaml")
    clock = MovableClock(NOW)
    app = create_app(workspace, settings_from_env(workspace.env), clock)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client, workspace, clock
    workspace.close()


def _mail(workspace: Workspace, recipient: str) -> str:
    with workspace.store.session() as session:
        return str(session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == recipient)
                                   .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one())


def test_tokens_on_postgresql(pg: tuple[TestClient, Workspace, MovableClock],
                              pg_office: tuple[Path, dict[str, str]]) -> None:
    client, workspace, _clock = pg
    secret = pg_office[1]["privacy_officer"]
    assert client.get("/api/v1/breaches", headers=bearer(secret)).status_code == 200
    with workspace.store.session() as session:
        stored = [row.token_hash for row in session.execute(select(ApiToken)).scalars()]
        last_used = [row.last_used_at for row in session.execute(select(ApiToken)).scalars()]
    assert secret not in str(stored) and NOW in last_used
    assert client.get("/api/v1/breaches", headers=bearer(pg_office[1]["handler"])).status_code == 403
    assert client.get("/api/v1/breaches").status_code == 401


def test_a_breach_from_record_to_notification_on_postgresql(pg: tuple[TestClient, Workspace, MovableClock],
                                                            pg_office: tuple[Path, dict[str, str]]) -> None:
    client, _workspace, clock = pg
    officer = bearer(pg_office[1]["privacy_officer"])
    made = client.post("/api/v1/breaches", headers=officer, json={
        "answers": {"what": {"summary": "Een laptop met loonstroken is gestolen.", "nature": ["stolen"]}},
        "activities": ["payroll"]})
    assert made.status_code == 201, made.text
    reference = made.json()["breach"]["reference"]
    proposal = made.json()["breach"]["proposal"]
    decided = client.post(f"/api/v1/breaches/{reference}/decision", headers=officer,
                          json={"decision": "authority", "reasons": "zekerheidshalve"})
    assert decided.status_code == 200 and proposal
    clock.advance(hours=80)
    late = client.post(f"/api/v1/breaches/{reference}/notification", headers=officer, json={})
    assert late.status_code == 400 and late.json()["field"] == "timing.delay_reason"
    done = client.post(f"/api/v1/breaches/{reference}/notification", headers=officer,
                       json={"delay_reason": "De diefstal werd pas na het weekend gemeld."})
    assert done.status_code == 200 and done.json()["late"] is True


def test_the_queue_and_an_action_on_postgresql(pg: tuple[TestClient, Workspace, MovableClock],
                                               pg_office: tuple[Path, dict[str, str]]) -> None:
    client, _workspace, _clock = pg
    handler = bearer(pg_office[1]["handler"])
    queue = client.get("/api/v1/requests", headers=handler).json()["requests"]
    assert queue and [r["due_at"] for r in queue] == sorted(r["due_at"] for r in queue)
    target = next(r["id"] for r in queue if r["status"] == "received")
    paused = client.post(f"/api/v1/requests/{target}/ask-identity", headers=handler).json()
    assert paused["request"]["status"] == "awaiting_identity"
    assert "request.identity_asked" in [entry["action"] for entry in paused["history"]]


def test_consent_from_subscribe_to_one_click_unsubscribe_on_postgresql(
        pg: tuple[TestClient, Workspace, MovableClock]) -> None:
    client, workspace, _clock = pg
    email = "pg.lezer@example.nl"
    subscribed = client.post("/api/v1/consent/subscriptions", json={
        "email": email, "mailing_types": ["newsletter"], "form_text": "Ja, graag."})
    assert subscribed.status_code == 202
    token = re.search(r"/centre/confirm/(\S+)", _mail(workspace, email))
    assert token is not None
    assert client.post(f"/api/v1/consent/confirmations/{token.group(1)}").json()["already"] is False
    hashed = Person("email", email).hashed(workspace.erasure_key())
    one_click = unsubscribe_token(workspace.erasure_key(), "email", hashed, "newsletter")
    gone = client.post(f"/api/v1/consent/unsubscribe/{one_click}", data={"List-Unsubscribe": "One-Click"})
    assert gone.json()["withdrawn"] == ["newsletter"] and gone.json()["suppressed"] is True


def test_public_intake_to_status_on_postgresql(pg: tuple[TestClient, Workspace, MovableClock]) -> None:
    client, workspace, _clock = pg
    email = "pg.verzoeker@example.nl"
    assert client.post("/api/v1/public/requests", json={"kind": "access", "identities": {"email": email}}
                       ).status_code == 202
    body = _mail(workspace, email)
    verify = re.search(r"/centre/requests/verify/([\w-]+)", body)
    status = re.search(r"/centre/requests/status/([\w-]+)", body)
    assert verify and status
    assert client.post(f"/api/v1/public/requests/verify/{verify.group(1)}").status_code == 200
    assert client.get(f"/api/v1/public/requests/status/{status.group(1)}").json()["state"] == "received"
    assert client.get(f"/api/v1/public/requests/status/{verify.group(1)}").status_code == 404
