"""The office's side of data-subject requests over the API: the queue, the identity search by keyed
hash, a request with its history, and the actions (with refusals that change nothing)."""

from __future__ import annotations

from api_support import bearer
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from waarborg.office.clock import MovableClock
from waarborg.requests import workflow
from waarborg.requests.identity import Identity
from waarborg.store.models import AuditEntry, DataSubjectRequest
from waarborg.workspace import Workspace


def _first_email(workspace: Workspace) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text("SELECT email FROM persons ORDER BY id LIMIT 1")).scalar_one())


def _new_request(workspace: Workspace, clock: MovableClock, kind: str = "access") -> str:
    return workflow.receive(workspace, kind, Identity("email", _first_email(workspace)), "test", clock.now())


def test_the_queue_is_sorted_by_deadline_and_filtered(client: TestClient, tokens: dict[str, str]) -> None:
    handler = bearer(tokens["handler"])
    data = client.get("/api/v1/requests", headers=handler).json()
    dues = [r["due_at"] for r in data["requests"]]
    assert len(dues) >= 6 and dues == sorted(dues) and data["requests"][0]["overdue"] and data["overdue"] >= 1
    erase = client.get("/api/v1/requests?kind=erase&status=all", headers=handler).json()["requests"]
    assert erase and {r["kind"] for r in erase} == {"erase"}
    wrong = client.get("/api/v1/requests?kind=delete", headers=handler)
    assert wrong.status_code == 400 and wrong.json()["field"] == "kind" and "delete" in wrong.json()["message"]


def test_without_a_token_401_and_a_viewer_403(client: TestClient, tokens: dict[str, str],
                                              workspace: Workspace, clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    assert client.get("/api/v1/requests").status_code == 401
    assert client.post(f"/api/v1/requests/{request_id}/ask-identity").status_code == 401
    viewer = bearer(tokens["viewer"])
    assert client.get("/api/v1/requests", headers=viewer).status_code == 403
    assert client.post(f"/api/v1/requests/{request_id}/ask-identity", headers=viewer).status_code == 403
    assert client.get(f"/api/v1/requests/{request_id}", headers=bearer(tokens["handler"])).json()[
        "request"]["status"] == "received"


def test_search_by_identity_matches_the_keyed_hash(client: TestClient, tokens: dict[str, str],
                                                   workspace: Workspace, clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    handler = bearer(tokens["handler"])
    body = {"identity_kind": "email", "identity_value": _first_email(workspace).upper()}
    found = client.post("/api/v1/requests/search", json=body, headers=handler).json()["requests"]
    assert request_id in {r["id"] for r in found}
    nobody = client.post("/api/v1/requests/search", json=body | {"identity_value": "nobody@example.org"},
                         headers=handler).json()
    assert nobody["requests"] == []
    with workspace.store.session() as session:
        entries = [e.detail for e in session.execute(select(AuditEntry).where(
            AuditEntry.action == "api.personal_data_viewed")).scalars()]
    assert {"route": "POST /requests/search", "role": "handler"} in entries
    assert _first_email(workspace) not in str(entries)


def test_an_unknown_request_is_404(client: TestClient, tokens: dict[str, str]) -> None:
    handler = bearer(tokens["handler"])
    assert client.get("/api/v1/requests/nope", headers=handler).status_code == 404
    assert client.post("/api/v1/requests/nope/approve", headers=handler).json()["error"] == "not_found"


def test_pause_resume_a_late_extension_refused_and_a_refusal(client: TestClient, tokens: dict[str, str],
                                                             workspace: Workspace, clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    handler, base = bearer(tokens["handler"]), f"/api/v1/requests/{request_id}"
    paused = client.post(f"{base}/ask-identity", headers=handler)
    assert paused.status_code == 200 and paused.json()["request"]["status"] == "awaiting_identity"
    clock.advance(days=5)
    resumed = client.post(f"{base}/identity-confirmed", headers=handler).json()
    assert resumed["request"]["status"] == "received" and resumed["pauses"][0]["end"]
    clock.advance(days=33)
    late = client.post(f"{base}/extend", json={"months": 2, "reasons": "complex"}, headers=handler)
    assert late.status_code == 400 and "too late to extend" in late.json()["message"]
    assert client.get(base, headers=handler).json()["extension"] is None
    three = client.post(f"{base}/extend", json={"months": 3, "reasons": "x"}, headers=handler)
    assert three.status_code == 422 and three.json()["field"] == "body.months"
    no_reasons = client.post(f"{base}/refuse", json={"ground": "excessive", "reasons": ""}, headers=handler)
    assert no_reasons.status_code == 422 and no_reasons.json()["field"] == "body.reasons"
    refused = client.post(f"{base}/refuse", json={"ground": "excessive", "reasons": "tien keer gevraagd"},
                          headers=handler).json()
    assert refused["request"]["status"] == "rejected" and refused["refusal"]["ground"] == "excessive"
    assert [e["action"] for e in refused["history"] if e["action"] != "request.mailed"] == [
        "request.received", "request.identity_asked", "request.identity_confirmed", "request.rejected"]


def test_an_extension_in_month_one_moves_the_deadline(client: TestClient, tokens: dict[str, str],
                                                      workspace: Workspace, clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    view = client.post(f"/api/v1/requests/{request_id}/extend", json={"months": 2, "reasons": "veel systemen"},
                       headers=bearer(tokens["privacy_officer"])).json()
    assert view["extension"]["months"] == 2 and view["extension"]["reasons"] == "veel systemen"


def test_dry_run_changes_nothing_then_fulfil_completes(client: TestClient, tokens: dict[str, str],
                                                       workspace: Workspace, clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    handler, base = bearer(tokens["handler"]), f"/api/v1/requests/{request_id}"
    dry = client.post(f"{base}/fulfil", json={"dry_run": True}, headers=handler)
    assert dry.status_code == 200 and dry.json()["status"] is None and dry.json()["result"]
    assert client.get(base, headers=handler).json()["request"]["status"] == "received"
    again = client.post(f"{base}/retry", headers=handler)
    assert again.status_code == 400 and "only a failed request" in again.json()["message"]
    done = client.post(f"{base}/fulfil", json={}, headers=handler)
    assert done.status_code == 200 and done.json()["status"] == "completed"
    view = client.get(base, headers=handler).json()
    assert view["request"]["status"] == "completed" and "request.completed" in [e["action"] for e in view["history"]]


def test_a_failed_request_is_retried(client: TestClient, tokens: dict[str, str], workspace: Workspace,
                                     clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    with workspace.store.session() as session:
        row = session.get(DataSubjectRequest, request_id)
        assert row is not None
        row.status, row.error = "failed", "database down"
    answer = client.post(f"/api/v1/requests/{request_id}/retry", headers=bearer(tokens["handler"]))
    assert answer.status_code == 200 and answer.json()["status"] == "completed"
