"""The public request forms, the verification and the status page are rate-limited per client in
the store: the limit holds across two app instances (two processes) on one store, and a refused
submission stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from centre_support import latest_mail_to, links_in, path_of, stored_counts
from fastapi.testclient import TestClient
from sqlalchemy import delete
from web_support import csrf_of

from waarborg.office.clock import MovableClock
from waarborg.office.settings import settings_from_env
from waarborg.requests import intake
from waarborg.store.form_limit_models import FormHit
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace

LIMITS = "requests.intake=2,requests.verify=1,requests.status=2,requests.download=2"


@pytest.fixture
def two_clients(office_root: Path, clock: MovableClock) -> Iterator[tuple[TestClient, TestClient, Workspace]]:
    """Two apps, each with its own workspace handle (own engine) on the same store."""
    handles = [open_workspace(office_root / "waarborg.yaml") for _ in range(2)]
    with handles[0].store.session() as session:
        session.execute(delete(FormHit))
    apps = [create_app(h, settings_from_env({**h.env, "WAARBORG_FORM_LIMITS": LIMITS}), clock) for h in handles]
    try:
        with TestClient(apps[0], base_url="http://127.0.0.1") as one, \
                TestClient(apps[1], base_url="http://127.0.0.1") as two:
            yield one, two, handles[0]
    finally:
        for handle in handles:
            handle.close()


def _ask(client: TestClient, email: str) -> int:
    token = csrf_of(client.get("/centre/requests/access").text)
    return client.post("/centre/requests/access", data={"csrf_token": token, "identity_email": email}).status_code


def test_the_request_form_limit_holds_across_two_app_instances(
        two_clients: tuple[TestClient, TestClient, Workspace], clock: MovableClock) -> None:
    one, two, workspace = two_clients
    assert _ask(one, "een@example.org") == 200 and _ask(two, "twee@example.org") == 200
    before = stored_counts(workspace)
    token = csrf_of(one.get("/centre/requests/access").text)
    refused = one.post("/centre/requests/access", data={"csrf_token": token, "identity_email": "drie@example.org"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "U hebt dit formulier te vaak verstuurd" in refused.text
    assert _ask(two, "vier@example.org") == 429 and stored_counts(workspace) == before
    clock.advance(minutes=61)
    assert _ask(two, "vijf@example.org") == 200


def test_verification_and_status_are_limited_across_instances(
        two_clients: tuple[TestClient, TestClient, Workspace], clock: MovableClock) -> None:
    one, two, workspace = two_clients
    assert _ask(one, "zes@example.org") == 200
    verify_link, status_link = links_in(latest_mail_to(workspace, "zes@example.org").body)
    assert one.get(path_of(status_link)).status_code == 200
    assert two.get(path_of(status_link)).status_code == 200
    assert one.get(path_of(status_link)).status_code == 429
    token = csrf_of(two.get(path_of(verify_link)).text)
    assert two.post("/centre/requests/verify/guessed", data={"csrf_token": token}).status_code == 400
    token = csrf_of(one.get(path_of(verify_link)).text)
    assert one.post(path_of(verify_link), data={"csrf_token": token}).status_code == 429
    status_token = status_link.rsplit("/", 1)[1]
    assert intake.status(workspace, status_token, clock.now()).state == "awaiting_verification"


def test_guessing_download_links_is_limited_across_instances(
        two_clients: tuple[TestClient, TestClient, Workspace], clock: MovableClock) -> None:
    one, two, _workspace = two_clients

    def guess(client: TestClient, token: str) -> int:
        csrf = csrf_of(client.get(f"/centre/download/{token}").text)
        return client.post(f"/centre/download/{token}", data={"csrf_token": csrf}).status_code

    assert guess(one, "guessed-1") == 404 and guess(two, "guessed-2") == 404
    assert guess(one, "guessed-3") == 429 and guess(two, "guessed-4") == 429
    clock.advance(minutes=61)
    assert guess(two, "guessed-5") == 404
