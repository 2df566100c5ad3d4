"""Helpers for the web tests: a demo office in a folder, and signing in with TestClient."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from waarborg.demo import build_demo
from waarborg.office.demo_state import DEMO_STAFF, seed_demo_office
from waarborg.office.jobs import refresh_forecast
from waarborg.store.models import utcnow
from waarborg.workspace import open_workspace

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORDS = {role: (email, password) for email, _name, role, password in DEMO_STAFF}
SESSION_KEY = "s" * 48


def build_office(root: Path, persons: int = 150) -> str:
    """A demo workspace with its office seeded; returns the one-time admin password."""
    build_demo(root, persons=persons, seed=3, as_of=NOW.date())
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_SESSION_KEY={SESSION_KEY}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        office = seed_demo_office(workspace, NOW)
        with workspace.store.session() as session:
            from waarborg.office.models import JobRun

            session.add(JobRun(job="retention_forecast", started_at=utcnow(), status="done",
                               summary=refresh_forecast(workspace, NOW), finished_at=utcnow()))
        return office.admin_password
    finally:
        workspace.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str) -> None:
    token = csrf_of(client.get("/office/login").text)
    answer = client.post("/office/login", data={"email": email, "password": password, "csrf_token": token},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text[:300]


def sign_in_as(client: TestClient, role: str) -> None:
    email, password = PASSWORDS[role]
    sign_in(client, email, password)
