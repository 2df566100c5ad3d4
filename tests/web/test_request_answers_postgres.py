"""The answer's office and centre pages with Waarborg's store on PostgreSQL (the demo databases
stay SQLite; only the store moves): run an access request, its mail on the request's page, the
requester's single-use download; an erasure answered with what was kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from web_support import NOW, build_office, csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.office.demo_state import seed_demo_office
from waarborg.office.models import OutboxMessage
from waarborg.office.settings import settings_from_env
from waarborg.requests import delivery, workflow
from waarborg.requests.identity import Identity
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_root(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Path:
    root = tmp_path_factory.mktemp("answers-pg")
    build_office(root, persons=120)
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_DATABASE_URL={pg_url}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        seed_demo_office(workspace, NOW)  # the staff again, now in the PostgreSQL store
    finally:
        workspace.close()
    return root


@pytest.fixture
def pg_office(pg_root: Path) -> Iterator[tuple[TestClient, Workspace, MovableClock]]:
    workspace = open_workspace(pg_root / "waarborg.yaml")
    assert workspace.store.dialect == "postgresql"
    clock = MovableClock(NOW)
    with TestClient(create_app(workspace, settings_from_env(workspace.env), clock),
                    base_url="http://127.0.0.1") as client:
        yield client, workspace, clock
    workspace.close()


def _email(workspace: Workspace, sql: str) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text(sql)).scalar_one())


def _run(client: TestClient, workspace: Workspace, clock: MovableClock, kind: str, email: str) -> dict:  # type: ignore[type-arg]
    request_id = workflow.receive(workspace, kind, Identity("email", email), "t", clock.now())
    sign_in_as(client, "handler")
    base = f"/office/requests/{request_id}"
    client.post(f"{base}/run", data={"csrf_token": csrf_of(client.get(base).text)})
    return dict(client.get(f"{base}.json").json())


def test_access_answer_and_single_use_download_on_postgresql(
        pg_office: tuple[TestClient, Workspace, MovableClock]) -> None:
    client, workspace, clock = pg_office
    view = _run(client, workspace, clock, "access",
                _email(workspace, "SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET 2"))
    assert view["request"]["status"] == "completed" and len(view["mails"]) == 1
    with workspace.store.session() as session:
        body = session.execute(select(OutboxMessage.body).where(OutboxMessage.request_id == view["request"]["id"])
                               ).scalar_one()
    link = delivery.DOWNLOAD_PATH + body.split(delivery.DOWNLOAD_PATH, 1)[1].split()[0]
    client.cookies.clear()
    token = csrf_of(client.get(link).text)
    assert client.post(link, data={"csrf_token": token}).content[:2] == b"PK"
    assert client.post(link, data={"csrf_token": token}).status_code == 404


def test_erasure_answer_names_the_fiscal_hold_on_postgresql(
        pg_office: tuple[TestClient, Workspace, MovableClock]) -> None:
    client, workspace, clock = pg_office
    email = _email(workspace, "SELECT p.email FROM persons p JOIN invoices i ON i.person_id = p.id "
                              "WHERE i.invoice_date > '2023-01-01' ORDER BY p.id LIMIT 1")
    view = _run(client, workspace, clock, "erase", email)
    [mail] = view["mails"]
    assert view["request"]["status"] == "completed" and "Sommige gegevens moeten wij nog bewaren" in mail["body"]
    assert "op grond van een wettelijke plicht" in mail["body"]
