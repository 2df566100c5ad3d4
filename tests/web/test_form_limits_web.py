"""The public consent forms answer 429 past the rate limit, in the visitor's language, and the limit
holds across two app instances (two processes) on one store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select
from web_support import csrf_of

from waarborg.consent.ledger import Person
from waarborg.consent.tokens import preference_token
from waarborg.office.clock import MovableClock
from waarborg.office.form_limits import client_key
from waarborg.office.settings import settings_from_env
from waarborg.store.consent_models import PendingConsent
from waarborg.store.form_limit_models import FormHit
from waarborg.web.app import create_app
from waarborg.workspace import open_workspace


@pytest.fixture
def two_clients(office_root: Path, clock: MovableClock) -> Iterator[tuple[TestClient, TestClient]]:
    """Two apps, each with its own workspace handle (own engine) on the same store."""
    handles = [open_workspace(office_root / "waarborg.yaml") for _ in range(2)]
    with handles[0].store.session() as session:  # each test starts with no hits counted
        session.execute(delete(FormHit))
    apps = []
    for handle in handles:
        env = {**handle.env, "WAARBORG_FORM_LIMITS": "consent.subscribe=3,consent.confirm=2,consent.preferences=1"}
        apps.append(create_app(handle, settings_from_env(env), clock))
    try:
        with TestClient(apps[0], base_url="http://127.0.0.1") as one, \
                TestClient(apps[1], base_url="http://127.0.0.1") as two:
            yield one, two
    finally:
        for handle in handles:
            handle.close()


def _subscribe(client: TestClient, number: int) -> httpx.Response:
    token = csrf_of(client.get("/subscribe").text)
    return client.post("/subscribe", data={"email": f"lezer{number}@example.nl", "types": ["newsletter"],
                                           "csrf_token": token})


def _pending(office_root: Path) -> int:
    workspace = open_workspace(office_root / "waarborg.yaml")
    try:
        with workspace.store.session() as session:
            return int(session.execute(select(func.count()).select_from(PendingConsent)).scalar_one())
    finally:
        workspace.close()


def test_the_subscribe_limit_holds_across_two_app_instances(two_clients: tuple[TestClient, TestClient],
                                                            office_root: Path, clock: MovableClock) -> None:
    one, two = two_clients
    pending_before = _pending(office_root)
    assert [_subscribe(client, n).status_code for n, client in enumerate((one, two, one))] == [200, 200, 200]
    refused = _subscribe(two, 3)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "3600"
    assert "U hebt dit formulier te vaak verstuurd. Probeer het over 60 minuten opnieuw." in refused.text
    assert _pending(office_root) == pending_before + 3  # the refused one stored nothing
    clock.advance(minutes=61)
    assert _subscribe(one, 4).status_code == 200


def test_the_refusal_is_in_english_for_english_visitors_and_json_for_json_clients(
        two_clients: tuple[TestClient, TestClient]) -> None:
    one, _two = two_clients
    for number in range(3):
        _subscribe(one, 10 + number)
    one.cookies.set("waarborg_lang", "en")
    english = _subscribe(one, 13)
    assert english.status_code == 429
    assert "You sent this form too often. Please try again in 60 minutes." in english.text
    token = csrf_of(one.get("/subscribe").text)
    as_json = one.post("/subscribe", data={"email": "x@example.nl", "types": ["newsletter"], "csrf_token": token},
                       headers={"Accept": "application/json"})
    assert as_json.status_code == 429
    assert as_json.json() == {"error": "too_many_requests", "form": "consent.subscribe", "retry_after": 3600,
                              "message": "You sent this form too often. Please try again in 60 minutes."}


def test_confirm_and_preferences_posts_are_limited_but_one_click_unsubscribe_is_not(
        two_clients: tuple[TestClient, TestClient], office_root: Path) -> None:
    one, two = two_clients
    codes = [client.post("/centre/confirm/made-up", data={"csrf_token": csrf_of(client.get(
        "/centre/confirm/made-up").text)}).status_code for client in (one, two, one)]
    assert codes == [400, 400, 429]  # an unknown link twice, then the limit (per client address, both apps)
    workspace = open_workspace(office_root / "waarborg.yaml")
    try:
        key = workspace.erasure_key()
        with workspace.store.session() as session:
            keys = set(session.execute(select(FormHit.client_key)).scalars())
    finally:
        workspace.close()
    assert keys == {client_key(settings_from_env(workspace.env), "testclient")}
    link = preference_token(key, "email", Person("email", "lezer0@example.nl").hashed(key))
    form = {"csrf_token": csrf_of(one.get(f"/centre/preferences/{link}").text)}
    assert one.post(f"/centre/preferences/{link}", data=form).status_code == 200
    assert one.post(f"/centre/preferences/{link}", data=form).status_code == 429
    for _ in range(25):  # RFC 8058 POSTs from one mail provider: never limited
        assert one.post("/centre/unsubscribe/forged", data={"List-Unsubscribe": "One-Click"}).status_code == 400
