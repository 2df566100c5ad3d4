"""API tokens: made and revoked by an admin (office and CLI), only hashed at rest, acting with the
user's role, refused when expired, revoked or the user is disabled; the office cookie is no credential."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from api_support import EMAILS, NOW, bearer, sign_in_as_admin
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner
from web_support import csrf_of, sign_in_as

from waarborg.cli.app import build_app
from waarborg.office import api_tokens
from waarborg.office.clock import MovableClock
from waarborg.office.users import AccountError, require_user, set_disabled
from waarborg.store.api_models import ApiToken
from waarborg.store.models import AuditEntry
from waarborg.workspace import Workspace


def _make(workspace: Workspace, role: str = "privacy_officer", days: int | None = None) -> api_tokens.NewToken:
    with workspace.store.session() as session:
        return api_tokens.create_token(session, "office:beheer", EMAILS[role], "integration",
                                       NOW, NOW + timedelta(days=days) if days else None)


def test_only_the_hash_of_a_token_is_stored(workspace: Workspace) -> None:
    made = _make(workspace)
    with workspace.store.session() as session:
        row = session.get(ApiToken, made.id)
        assert row is not None
        stored = [str(value) for value in row.__dict__.values()]
        entries = [str(e.detail) for e in session.execute(select(AuditEntry)).scalars()]
    assert row.token_hash == api_tokens.secret_hash(made.secret) and made.secret not in stored
    assert not any(made.secret in entry or row.token_hash in entry for entry in entries)
    assert made.secret.startswith("wbt_") and row.prefix == made.secret[:12]


def test_making_and_revoking_are_audited(workspace: Workspace) -> None:
    made = _make(workspace)
    with workspace.store.session() as session:
        assert api_tokens.revoke_token(session, "office:beheer", made.id, NOW) is True
        assert api_tokens.revoke_token(session, "office:beheer", made.id, NOW) is False
        actions = [(e.action, e.detail.get("token_id")) for e in session.execute(select(AuditEntry)).scalars()]
    assert ("api.token_created", made.id) in actions and ("api.token_revoked", made.id) in actions
    assert actions.count(("api.token_revoked", made.id)) == 1


def test_a_token_works_until_it_expires(client: TestClient, workspace: Workspace, clock: MovableClock) -> None:
    made = _make(workspace, days=1)
    assert client.get("/api/v1/breaches", headers=bearer(made.secret)).status_code == 200
    clock.advance(hours=25)
    expired = client.get("/api/v1/breaches", headers=bearer(made.secret))
    assert expired.status_code == 401 and expired.json()["error"] == "invalid_token"
    assert expired.headers["www-authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_at_once(client: TestClient, workspace: Workspace) -> None:
    made = _make(workspace)
    assert client.get("/api/v1/breaches", headers=bearer(made.secret)).status_code == 200
    with workspace.store.session() as session:
        api_tokens.revoke_token(session, "office:beheer", made.id, NOW)
    assert client.get("/api/v1/breaches", headers=bearer(made.secret)).status_code == 401


def test_a_disabled_user_s_token_is_refused(client: TestClient, workspace: Workspace) -> None:
    made = _make(workspace, role="viewer")
    with workspace.store.session() as session:
        set_disabled(session, "test", require_user(session, EMAILS["viewer"]), True)
    try:
        assert client.get("/api/v1/breaches", headers=bearer(made.secret)).status_code == 401
    finally:
        with workspace.store.session() as session:
            set_disabled(session, "test", require_user(session, EMAILS["viewer"]), False)


def test_the_last_use_is_recorded(client: TestClient, workspace: Workspace, clock: MovableClock) -> None:
    made = _make(workspace)
    clock.advance(minutes=7)
    client.get("/api/v1/breaches", headers=bearer(made.secret))
    with workspace.store.session() as session:
        row = session.get(ApiToken, made.id)
        assert row is not None and row.last_used_at == NOW + timedelta(minutes=7)


def test_bad_token_requests_change_nothing(workspace: Workspace) -> None:
    with workspace.store.session() as session:
        before = len(api_tokens.list_tokens(session))
        for email, name, expires in ((EMAILS["viewer"], "  ", None), ("nobody@example.nl", "x", None),
                                     (EMAILS["viewer"], "x", NOW - timedelta(days=1))):
            try:
                api_tokens.create_token(session, "test", email, name, NOW, expires)
            except AccountError:
                continue
            raise AssertionError(f"{email!r}, {name!r}, {expires} was accepted")
        assert len(api_tokens.list_tokens(session)) == before


def test_the_office_session_cookie_is_no_credential(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    assert client.get("/office/breaches.json").status_code == 200  # signed in to the office
    answer = client.get("/api/v1/breaches")
    assert answer.status_code == 401 and "set-cookie" not in answer.headers


def test_an_admin_makes_and_revokes_a_token_in_the_office(client: TestClient, workspace: Workspace) -> None:
    sign_in_as_admin(client)
    form = client.get("/office/api-tokens")
    assert form.status_code == 200 and "API-tokens" in form.text
    made = client.post("/office/api-tokens", data={"csrf_token": csrf_of(form.text), "name": "website",
                                                   "email": EMAILS["handler"], "days": "30"})
    secret = re.search(r'<strong class="mono">(wbt_[^<]+)</strong>', made.text)
    assert made.status_code == 200 and secret
    assert client.get("/api/v1/requests", headers=bearer(secret.group(1))).status_code == 200  # a handler's role
    listed = client.get("/office/api-tokens.json").json()["tokens"]
    token = next(t for t in listed if t["name"] == "website")
    assert token["user"] == EMAILS["handler"] and token["state"] == "active" and secret.group(1) not in str(listed)
    assert client.get("/office/api-tokens").text.count(secret.group(1)) == 0  # shown once only
    page = client.get("/office/api-tokens")
    revoked = client.post(f"/office/api-tokens/{token['id']}/revoke", data={"csrf_token": csrf_of(page.text)},
                          follow_redirects=False)
    assert revoked.status_code == 303
    assert client.get("/api/v1/breaches", headers=bearer(secret.group(1))).status_code == 401


def test_only_an_admin_manages_tokens_in_the_office(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    assert client.get("/office/api-tokens").status_code == 403


def test_the_cli_makes_lists_and_revokes_tokens(api_office: tuple[Path, dict[str, str]]) -> None:
    register = str(api_office[0] / "waarborg.yaml")
    runner = CliRunner()
    made = runner.invoke(build_app(), ["api-token", "create", EMAILS["viewer"], "--name", "export job",
                                       "--days", "10", "--register", register])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[-1]
    assert secret.startswith("wbt_")
    listed = runner.invoke(build_app(), ["api-token", "list", "--format", "json", "--register", register])
    rows = [row for row in __import__("json").loads(listed.stdout) if row["name"] == "export job"]
    assert rows and rows[0]["state"] == "active" and secret not in listed.stdout
    revoked = runner.invoke(build_app(), ["api-token", "revoke", str(rows[0]["id"]), "--register", register])
    assert revoked.exit_code == 0 and "revoked" in revoked.stdout
    wrong = runner.invoke(build_app(), ["api-token", "create", "nobody@example.nl", "--name", "x",
                                        "--register", register])
    assert wrong.exit_code == 2
