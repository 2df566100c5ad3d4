"""Issue 11 item 4, through the office: when a bound database is down, running a request leaves
it failed and retryable — on the queue with its error, a retry button on its page, nothing
erased, no answer mailed, no package — and a retry once the database is back finishes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from web_support import csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.office.models import OutboxMessage
from waarborg.office.settings import settings_from_env
from waarborg.requests import workflow
from waarborg.requests.identity import Identity
from waarborg.store.models import ErasureLedgerEntry
from waarborg.web.app import create_app
from waarborg.workspace import Workspace


@pytest.fixture
def newsletter_down(workspace: Workspace) -> Iterator[Workspace]:
    """The same workspace with the newsletter database unreachable."""
    env = {**workspace.env, "WAARBORG_NEWSLETTER_URL": "sqlite:////nonexistent-directory/newsletter.sqlite"}
    broken = Workspace(workspace.root, workspace.register_path, env)
    yield broken
    broken.close()


def _person(workspace: Workspace) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text("SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET 9")).scalar_one())


def _count(workspace: Workspace, model: type, **where: str) -> int:
    with workspace.store.session() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.execute(query).scalar_one())


def test_a_database_down_leaves_the_erasure_failed_and_retryable(workspace: Workspace, newsletter_down: Workspace,
                                                                clock: MovableClock) -> None:
    email = _person(workspace)
    request_id = workflow.receive(workspace, "erase", Identity("email", email), "t", clock.now())
    ledger_before = _count(workspace, ErasureLedgerEntry)
    base = f"/office/requests/{request_id}"
    with TestClient(create_app(newsletter_down, settings_from_env(newsletter_down.env), clock),
                    base_url="http://127.0.0.1") as client:
        sign_in_as(client, "handler")
        client.post(f"{base}/run", data={"csrf_token": csrf_of(client.get(base).text)})
        queued = {r["id"]: r for r in client.get("/office/requests.json?status=failed").json()["requests"]}
        assert queued[request_id]["status"] == "failed" and "WAARBORG_NEWSLETTER_URL" in queued[request_id]["error"]
        assert email not in queued[request_id]["error"]
        assert f'action="{base}/run"' in client.get("/office/requests?status=failed").text  # retry on the queue
        page = client.get(base).text
        assert f'action="{base}/run"' in page and "Uitvoering opnieuw proberen" in page
    with workspace.connections().engine("crm").connect() as conn:  # nothing half-done
        assert conn.execute(text("SELECT COUNT(*) FROM persons WHERE email = :e"), {"e": email}).scalar_one() == 1
    assert _count(workspace, ErasureLedgerEntry) == ledger_before
    assert _count(workspace, OutboxMessage, request_id=request_id) == 0  # no answer for a failed run
    with TestClient(create_app(workspace, settings_from_env(workspace.env), clock),
                    base_url="http://127.0.0.1") as client:
        sign_in_as(client, "handler")
        client.post(f"{base}/run", data={"csrf_token": csrf_of(client.get(base).text)})
        view = client.get(f"{base}.json").json()
    assert view["request"]["status"] == "completed" and view["request"]["attempts"] == 2
    assert [m["subject"].split(": ")[1] for m in view["mails"]] == ["wat wij hebben gedaan"]
    actions = [e["action"] for e in view["history"]]
    assert actions.count("request.failed") == 1 and actions[-2:] == ["request.completed", "request.mailed"]
