"""Helpers for the office's breach tests: record a breach, answer a section, press a step."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import csrf_of


def record(client: TestClient, **extra: str) -> str:
    page = client.get("/office/breaches")
    form = {"csrf_token": csrf_of(page.text), "summary": "Loonstroken naar een verkeerd e-mailadres gestuurd.",
            "discovered_at": "2026-03-02T10:00", "activity": "payroll", **extra}
    answer = client.post("/office/breaches", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:500]
    return answer.headers["location"].rsplit("/", 1)[1]


def section(client: TestClient, reference: str, key: str, data: dict[str, object]) -> None:
    page = client.get(f"/office/breaches/{reference}/section/{key}")
    assert page.status_code == 200
    answer = client.post(f"/office/breaches/{reference}/section/{key}",
                         data={"csrf_token": csrf_of(page.text), **data}, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:800]


def act(client: TestClient, reference: str, **data: str) -> object:
    page = client.get(f"/office/breaches/{reference}")
    return client.post(f"/office/breaches/{reference}/act", data={"csrf_token": csrf_of(page.text), **data},
                       follow_redirects=False)
