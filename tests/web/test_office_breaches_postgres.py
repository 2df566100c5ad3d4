"""The office's breach register with Waarborg's store on PostgreSQL: the same journey, in Dutch
and in English (the demo databases stay SQLite; only the store moves)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from breach_support import act, record, section
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import NOW, build_office, csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.office.demo_state import seed_demo_office
from waarborg.office.settings import settings_from_env
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_root(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Path:
    root = tmp_path_factory.mktemp("office-pg")
    build_office(root, persons=120)
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_DATABASE_URL={pg_url}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        assert workspace.store.dialect == "postgresql"
        seed_demo_office(workspace, NOW)
    finally:
        workspace.close()
    return root


@pytest.fixture
def pg_client(pg_root: Path) -> Iterator[tuple[TestClient, MovableClock]]:
    workspace: Workspace = open_workspace(pg_root / "waarborg.yaml")
    clock = MovableClock(NOW)
    app: FastAPI = create_app(workspace, settings_from_env(workspace.env), clock)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client, clock
    workspace.close()


def test_breach_journey_on_postgresql_in_dutch_and_english(pg_client: tuple[TestClient, MovableClock]) -> None:
    client, clock = pg_client
    sign_in_as(client, "privacy_officer")
    reference = record(client)
    section(client, reference, "what", {"nature": ["read"], "incident_kind": "misdirected",
                                        "summary": "Loonstroken naar een verkeerd e-mailadres gestuurd."})
    shown = client.get(f"/office/breaches/{reference}.json").json()
    assert shown["clock"]["text"] == "nog 72 uur 0 min" and shown["assessment"]["proposal"] != "none"
    assert act(client, reference, step="decide", decision=shown["assessment"]["proposal"]).status_code == 303
    clock.advance(hours=73)
    sign_in_as(client, "privacy_officer")
    refused = act(client, reference, step="notify")
    assert refused.status_code == 400 and "Art. 33(1) requires the reasons for the delay" in refused.text
    assert act(client, reference, step="notify", reasons="Pas na een dag onderzoek bleek het een datalek.",
               authority_reference="M-7").status_code == 303
    assert act(client, reference, step="follow_up").status_code == 303
    page = client.get(f"/office/breaches/{reference}")
    client.post("/language", data={"csrf_token": csrf_of(page.text), "lang": "en",
                                   "next": f"/office/breaches/{reference}"})
    english = client.get(f"/office/breaches/{reference}.json").json()
    assert english["title"] == "Personal data breach notification" and english["late"] is True
    assert english["clock"]["text"].startswith("notified late") and english["phases"] == [f"{reference}-1"]
    assert "When did you discover the breach?" in client.get(f"/office/breaches/{reference}").text
