"""Security in the frame: every route has a permission rule, roles are enforced, CSRF is checked,
sessions rotate on login and end when idle, logins are throttled across processes, and the
register's field visibility hides HR-only data from a handler."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount
from web_support import PASSWORDS, csrf_of, sign_in, sign_in_as

from waarborg.office import roles
from waarborg.office.clock import MovableClock
from waarborg.office.settings import settings_from_env
from waarborg.store.models import AuditEntry
from waarborg.web.app import create_app
from waarborg.workspace import Workspace


def test_every_route_has_a_permission_rule(app: FastAPI) -> None:
    rules = {(page.path, method) for page in app.state.office.pages for method in page.methods}
    known = set(roles.PERMISSIONS) | set(roles.FRAME_RULES)
    assert all(page.permission in known for page in app.state.office.pages)
    for route in app.routes:
        if isinstance(route, Mount):
            # vendored assets, public by design; the REST API checks its own routes (tests/api)
            assert route.path in ("/static", "/api/v1")
            continue
        assert isinstance(route, APIRoute), f"{route.path} is not declared through the route table"
        for method in route.methods:
            assert (route.path, method) in rules, f"{method} {route.path} has no permission rule"


def test_a_viewer_cannot_reach_admin_pages(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    for path in ("/office/users", "/office/audit", "/office/outbox", "/office/persons"):
        assert client.get(path).status_code == 403, path
    assert client.get("/office/users.json").json() == {"error": "forbidden"}


def test_a_post_without_the_csrf_token_is_refused(client: TestClient, office_root: Path) -> None:
    sign_in_as(client, "privacy_officer")
    answer = client.post("/office/persons", data={"kind": "email", "value": "x@example.nl"})
    assert answer.status_code == 403 and "formulier was verlopen" in answer.text
    forged = client.post("/office/persons", data={"kind": "email", "value": "x@example.nl", "csrf_token": "forged"})
    assert forged.status_code == 403
    login = client.post("/office/login", data={"email": "a@b.nl", "password": "x"})
    assert login.status_code == 403


def test_login_starts_a_new_session_token(client: TestClient) -> None:
    client.cookies.set("waarborg_session", "planted-by-an-attacker", domain="127.0.0.1")
    sign_in_as(client, "handler")
    token = client.cookies.get("waarborg_session")
    assert token and token != "planted-by-an-attacker"
    sign_in_as(client, "handler")
    assert client.cookies.get("waarborg_session") != token


def test_an_idle_session_ends_when_the_clock_moves(client: TestClient, clock: MovableClock) -> None:
    sign_in_as(client, "viewer")
    assert client.get("/office/").status_code == 200
    clock.advance(minutes=29)
    assert client.get("/office/").status_code == 200
    clock.advance(minutes=31)
    answer = client.get("/office/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/office/login?expired=1"
    assert "omdat u een tijd niets deed" in client.get(answer.headers["location"]).text


def test_logout_ends_the_session(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    token = client.cookies.get("waarborg_session")
    client.post("/office/logout", data={"csrf_token": csrf_of(client.get("/office/").text)})
    client.cookies.set("waarborg_session", token or "", domain="127.0.0.1")
    assert client.get("/office/", follow_redirects=False).status_code == 303


def _employee_bsn_lookup(client: TestClient, workspace: Workspace) -> dict[str, object]:
    with workspace.connections().engine("crm").connect() as conn:
        from sqlalchemy import text

        email = conn.execute(text("SELECT email FROM employees ORDER BY id LIMIT 1")).scalar_one()
    page = client.get("/office/persons").text
    return client.post("/office/persons.json", data={"kind": "email", "value": email,
                                                     "csrf_token": csrf_of(page)}).json()


def _bsn_cells(data: dict[str, object]) -> tuple[dict[str, object], list[object]]:
    table = next(t for t in data["tables"] if t["table"] == "employees")  # type: ignore[attr-defined,index]
    column = next(c for c in table["columns"] if c["name"] == "bsn")
    return column, [row["bsn"] for row in table["rows"]]


def test_handler_is_refused_the_hr_only_national_id_that_hr_sees(
    app: FastAPI, client: TestClient, workspace: Workspace
) -> None:
    sign_in_as(client, "handler")
    column, values = _bsn_cells(_employee_bsn_lookup(client, workspace))
    assert column["visible"] is False and values == [None]
    with TestClient(app, base_url="http://127.0.0.1") as hr:
        sign_in_as(hr, "hr")
        column, values = _bsn_cells(_employee_bsn_lookup(hr, workspace))
        assert column["visible"] is True and values[0] and len(str(values[0])) == 9
        assert "verborgen voor uw rol" not in hr.post("/office/persons", data={
            "kind": "email", "value": "nobody@example.nl", "csrf_token": csrf_of(hr.get("/office/persons").text)}).text
    with workspace.store.session() as session:
        views = session.query(AuditEntry).filter(AuditEntry.action == "person.viewed").all()
    assert {v.detail["role"] for v in views} >= {"handler", "hr"}
    assert all("@" not in str(v.detail) for v in views)  # who and what, never the data itself


def test_throttling_holds_across_two_processes(office_root: Path, workspace: Workspace) -> None:
    """Five failures from another process lock the account here too (the count is in the store)."""
    email, password = PASSWORDS["viewer"]
    script = textwrap.dedent(f"""
        from pathlib import Path
        from fastapi.testclient import TestClient
        from waarborg.office.settings import settings_from_env
        from waarborg.web.app import create_app
        from waarborg.workspace import open_workspace
        import re
        ws = open_workspace(Path({str(office_root / 'waarborg.yaml')!r}))
        with TestClient(create_app(ws, settings_from_env(ws.env)), base_url="http://127.0.0.1") as c:
            for attempt in range(5):
                token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/office/login").text).group(1)
                r = c.post("/office/login", data={{"email": {email!r}, "password": "wrong", "csrf_token": token}})
                assert r.status_code == 401, r.status_code
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    other = create_app(workspace, settings_from_env(workspace.env))
    with TestClient(other, base_url="http://127.0.0.1") as client:
        token = csrf_of(client.get("/office/login").text)
        answer = client.post("/office/login", data={"email": email, "password": password, "csrf_token": token})
        assert answer.status_code == 429 and "Te veel mislukte pogingen" in answer.text


def test_admin_adds_a_user_with_a_one_time_password(client: TestClient, office_root: Path) -> None:
    admin_password = (office_root / "admin-password").read_text(encoding="utf-8")
    sign_in(client, "beheer@klantcontact-demo.example", admin_password)
    assert client.get("/office/", follow_redirects=False).headers["location"] == "/office/password"
    page = client.get("/office/password").text
    client.post("/office/password", data={"password": "blauwe-regenjas-trompet-91", "repeat":
                                          "blauwe-regenjas-trompet-91", "csrf_token": csrf_of(page)})
    page = client.get("/office/users").text
    answer = client.post("/office/users", data={"name": "Nieuwe Collega", "email": "nieuw@example.nl",
                                                "role": "viewer", "csrf_token": csrf_of(page)})
    assert answer.status_code == 200 and "Eenmalig wachtwoord voor nieuw@example.nl" in answer.text
    weak = client.post("/office/users", data={"name": "X", "email": "nieuw@example.nl", "role": "viewer",
                                              "csrf_token": csrf_of(page)})
    assert weak.status_code == 400 and "Er bestaat al een account" in weak.text
