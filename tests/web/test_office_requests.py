"""The handler's queue and a request's page: sorted by deadline, filtered, searched by the keyed
hash through a POST, the actions as CSRF-protected forms (pause, extend, refuse, dry run, run),
and a viewer sees none of it."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from web_support import csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.requests import workflow
from waarborg.requests.identity import Identity
from waarborg.workspace import Workspace


def _first_email(workspace: Workspace) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text("SELECT email FROM persons ORDER BY id LIMIT 1")).scalar_one())


def _new_request(workspace: Workspace, clock: MovableClock, kind: str = "access") -> str:
    email = _first_email(workspace)
    return workflow.receive(workspace, kind, Identity("email", email), "test", clock.now())


def _signed_in_again(client: TestClient, base: str) -> str:
    """The clock moved days: the session ended; sign in again and take the new form token."""
    sign_in_as(client, "handler")
    return csrf_of(client.get(base).text)


def test_the_queue_is_sorted_by_deadline_with_the_overdue_one_first(client: TestClient) -> None:
    sign_in_as(client, "handler")
    data = client.get("/office/requests.json").json()
    dues = [r["due_at"] for r in data["requests"]]
    assert len(dues) >= 6 and dues == sorted(dues) and data["requests"][0]["overdue"] and data["overdue"] >= 1
    erase = client.get("/office/requests.json?kind=erase&status=all").json()["requests"]
    assert erase and {r["kind"] for r in erase} == {"erase"}
    assert client.get("/office/requests.json?kind=delete").status_code == 400
    page = client.get("/office/requests").text
    assert 'class="overdue"' in page and "Verzoeken" in page


def test_search_by_identity_matches_the_keyed_hash(client: TestClient, workspace: Workspace,
                                                   clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    sign_in_as(client, "handler")
    token = csrf_of(client.get("/office/requests").text)
    form = {"identity_kind": "email", "identity_value": _first_email(workspace).upper(), "csrf_token": token}
    found = client.post("/office/requests.json", data=form).json()["requests"]
    assert request_id in {r["id"] for r in found}
    nobody = client.post("/office/requests.json", data=form | {"identity_value": "nobody@example.org"}).json()
    assert nobody["requests"] == []
    assert client.post("/office/requests.json", data={k: v for k, v in form.items() if k != "csrf_token"}
                       ).status_code == 403


def test_pause_extend_and_refuse_through_the_forms(client: TestClient, workspace: Workspace,
                                                   clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    sign_in_as(client, "handler")
    page = client.get(f"/office/requests/{request_id}").text
    token = csrf_of(page)
    base = f"/office/requests/{request_id}"
    assert client.post(f"{base}/ask-identity", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get(f"{base}.json").json()["request"]["status"] == "awaiting_identity"
    clock.advance(days=5)
    token = _signed_in_again(client, base)
    client.post(f"{base}/identity-received", data={"csrf_token": token})
    clock.advance(days=33)  # 38 days after receipt: past month one (31 days) plus five of waiting
    token = _signed_in_again(client, base)
    late = client.post(f"{base}/extend", data={"csrf_token": token, "months": "2", "reasons": "complex"})
    assert late.status_code == 400 and "too late to extend" in late.text
    assert client.get(f"{base}.json").json()["extension"] is None
    refused = client.post(f"{base}/refuse", data={"csrf_token": token, "ground": "excessive", "reasons": "x"},
                          follow_redirects=False)
    assert refused.status_code == 303
    view = client.get(f"{base}.json").json()
    assert view["request"]["status"] == "rejected" and view["refusal"]["ground"] == "excessive"
    assert view["complaint_route"]["name_nl"] == "Autoriteit Persoonsgegevens"
    assert [e["action"] for e in view["history"]] == [
        "request.received", "request.identity_asked", "request.mailed", "request.identity_confirmed",
        "request.rejected", "request.mailed"]  # the ask for proof and the refusal went to the requester
    assert client.post(f"{base}/extend", data={"months": "1", "reasons": "late"}).status_code == 403  # no CSRF


def test_an_extension_in_month_one_moves_the_deadline(client: TestClient, workspace: Workspace,
                                                      clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    sign_in_as(client, "privacy_officer")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    client.post(f"/office/requests/{request_id}/extend",
                data={"csrf_token": token, "months": "2", "reasons": "veel systemen"})
    view = client.get(f"/office/requests/{request_id}.json").json()
    assert view["extension"]["months"] == 2 and view["extension"]["reasons"] == "veel systemen"
    assert view["request"]["due_at"].startswith((clock.now() + timedelta(days=90)).strftime("%Y-"))
    assert "veel systemen" in client.get(f"/office/requests/{request_id}").text


def test_a_dry_run_shows_what_would_happen_and_run_completes(client: TestClient, workspace: Workspace,
                                                             clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    sign_in_as(client, "handler")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    dry = client.post(f"/office/requests/{request_id}/dry-run", data={"csrf_token": token})
    assert dry.status_code == 200 and 'id="dry-run"' in dry.text
    assert client.get(f"/office/requests/{request_id}.json").json()["request"]["status"] == "received"
    client.post(f"/office/requests/{request_id}/run", data={"csrf_token": token})
    view = client.get(f"/office/requests/{request_id}.json").json()
    actions = [entry["action"] for entry in view["history"]]
    assert view["request"]["status"] == "completed"
    assert actions[-3:] == ["request.completed", "request.mailed", "request.download_issued"]


def test_the_dry_run_of_an_erasure_lists_what_would_go_and_what_stays(client: TestClient, workspace: Workspace,
                                                                     clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock, "erase")
    sign_in_as(client, "handler")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    page = client.post(f"/office/requests/{request_id}/dry-run", data={"csrf_token": token}).text
    assert "Zou worden verwijderd" in page and "crm.persons" in page
    assert client.get(f"/office/requests/{request_id}.json").json()["request"]["status"] == "received"


def test_a_viewer_sees_nothing_of_the_requests(client: TestClient, workspace: Workspace,
                                               clock: MovableClock) -> None:
    request_id = _new_request(workspace, clock)
    sign_in_as(client, "viewer")
    assert client.get("/office/requests.json").status_code == 403
    assert client.get(f"/office/requests/{request_id}.json").status_code == 403
    assert client.get("/office/requests").status_code == 403
    assert "/office/requests" not in client.get("/office/").text


def test_an_extended_deadline_gets_its_own_reminders(workspace: Workspace, clock: MovableClock) -> None:
    from waarborg.office.jobs import send_reminders
    from waarborg.office.settings import settings_from_env

    settings = settings_from_env(workspace.env)
    received = clock.now() - timedelta(days=25)
    request_id = workflow.receive(workspace, "port", Identity("email", _first_email(workspace)), "test", received)
    send_reminders(workspace, settings, clock.now())  # the old deadline is three days away
    due = workflow.extend(workspace, request_id, "test", 1, "many systems", clock.now())
    assert send_reminders(workspace, settings, clock.now())["reminders"] == 0  # a month away now
    assert len(_reminder_keys(workspace, request_id)) >= 2  # a handler and a privacy officer
    clock.moment = due - timedelta(days=6)
    send_reminders(workspace, settings, clock.now())
    keys = _reminder_keys(workspace, request_id)
    new = [key for key in keys if f":{due:%Y%m%d}:7d:" in key]
    assert len(new) >= 2 and len(keys) == 2 * len(new)  # the same people again, about the new deadline


def _reminder_keys(workspace: Workspace, request_id: str) -> list[str]:
    from sqlalchemy import select

    from waarborg.office.models import OutboxMessage

    with workspace.store.session() as session:
        query = select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.contains(request_id))
        return [str(key) for key in session.execute(query).scalars()]
