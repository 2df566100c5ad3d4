"""Consent through the web with Waarborg's store on PostgreSQL: subscribe, confirm, preferences,
one-click unsubscribe, the public forms' rate limit across two app instances, and the office's
consent pages (counts per month and week, one person's consents and proof). The demo databases
stay SQLite; only the store moves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from web_support import NOW, build_office, csrf_of, sign_in_as

from waarborg.consent import suppression
from waarborg.consent.ledger import state_of
from waarborg.consent.periods import next_start, period_start
from waarborg.datasets.identities import identity_hash
from waarborg.office.clock import MovableClock
from waarborg.office.demo_state import seed_demo_office
from waarborg.office.models import OutboxMessage
from waarborg.office.settings import settings_from_env
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.form_limit_models import FormHit
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.postgres
READER = "pg.lezer@example.nl"


@pytest.fixture(scope="module")
def pg_root(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Path:
    root = tmp_path_factory.mktemp("consent-pg")
    build_office(root, persons=120)
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_DATABASE_URL={pg_url}\nWAARBORG_FORM_LIMITS=consent.subscribe=4\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        assert workspace.store.dialect == "postgresql"
        seed_demo_office(workspace, NOW)  # staff and the demo newsletter's consents, now in PostgreSQL
    finally:
        workspace.close()
    return root


@pytest.fixture
def pg(pg_root: Path) -> Iterator[tuple[TestClient, TestClient, Workspace]]:
    """Two app instances (two processes) on the one PostgreSQL store, and a workspace to look in."""
    handles = [open_workspace(pg_root / "waarborg.yaml") for _ in range(3)]
    with handles[2].store.session() as session:  # each test starts with no form submissions counted
        session.execute(delete(FormHit))
    clock = MovableClock(NOW)
    apps = [create_app(handle, settings_from_env(handle.env), clock) for handle in handles[:2]]
    try:
        with TestClient(apps[0], base_url="http://127.0.0.1") as one, \
                TestClient(apps[1], base_url="http://127.0.0.1") as two:
            yield one, two, handles[2]
    finally:
        for handle in handles:
            handle.close()


def _subscribe(client: TestClient, email: str) -> int:
    token = csrf_of(client.get("/subscribe").text)
    return client.post("/subscribe", data={"email": email, "types": ["newsletter"], "csrf_token": token}).status_code


def _mail_to(workspace: Workspace, email: str) -> str:
    with workspace.store.session() as session:
        body = session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == email)
                               .order_by(OutboxMessage.id.desc())).scalars().first()
    assert body is not None
    return str(body)


def test_subscribe_confirm_preferences_and_one_click_unsubscribe_on_postgresql(
        pg: tuple[TestClient, TestClient, Workspace]) -> None:
    one, two, workspace = pg
    assert _subscribe(one, READER) == 200
    link = re.search(r"https?://\S+(/centre/confirm/\S+)", _mail_to(workspace, READER)).group(1)  # type: ignore[union-attr]
    confirmed = two.post(link, data={"csrf_token": csrf_of(two.get(link).text)})  # the other process confirms
    assert confirmed.status_code == 200 and "Uw aanmelding is bevestigd." in confirmed.text
    key = workspace.erasure_key()
    hashed = identity_hash(key, "email", READER)
    with workspace.store.session() as session:
        assert state_of(session, hashed)["newsletter"].action == "given"

    from waarborg.consent.mails import mailing_message

    mail = mailing_message(workspace.register, key, "http://127.0.0.1", "newsletter", READER, "nieuws@example.nl",
                           "Nieuws", "Hallo\n", "nl")
    preferences = re.search(r"(/centre/preferences/\S+)", mail.get_content()).group(1)  # type: ignore[union-attr]
    page = one.get(preferences)
    assert page.status_code == 200 and 'value="newsletter" checked' in page.text
    target = mail["List-Unsubscribe"].split(",")[0].strip("<> ").removeprefix("http://127.0.0.1")
    answer = two.post(target, data={"List-Unsubscribe": "One-Click"})
    assert (answer.status_code, answer.text) == (200, "unsubscribed")
    with workspace.store.session() as session:
        assert state_of(session, hashed)["newsletter"].action == "withdrawn"
        assert suppression.contains_hash(session, hashed)


def test_the_subscribe_limit_holds_across_two_processes_on_postgresql(
        pg: tuple[TestClient, TestClient, Workspace]) -> None:
    one, two, _workspace = pg
    codes = [_subscribe(client, f"pg.{n}@example.nl") for n, client in enumerate((one, two, one, two, one))]
    assert codes == [200, 200, 200, 200, 429]


def test_the_office_consent_pages_on_postgresql(pg: tuple[TestClient, TestClient, Workspace]) -> None:
    one, _two, workspace = pg
    email = "pg.kantoor@example.nl"
    assert _subscribe(one, email) == 200
    link = re.search(r"https?://\S+(/centre/confirm/\S+)", _mail_to(workspace, email)).group(1)  # type: ignore[union-attr]
    one.post(link, data={"csrf_token": csrf_of(one.get(link).text)})
    sign_in_as(one, "privacy_officer")
    with workspace.store.session() as session:
        rows = list(session.execute(select(ConsentEvent).where(ConsentEvent.purpose == "newsletter")
                                    .order_by(ConsentEvent.at, ConsentEvent.id)).scalars())
    for period in ("month", "week"):
        data = one.get(f"/office/consent.json?per={period}").json()
        newsletter = next(t for t in data["types"] if t["key"] == "newsletter")
        for shown in newsletter["periods"]:
            start = date.fromisoformat(shown["start"])
            end = datetime.combine(next_start(period, start), datetime.min.time(), UTC)  # type: ignore[arg-type]
            last = {e.identity_hash: e.action for e in rows if e.at < end}
            actions = [e.action for e in rows if period_start(period, e.at.date()) == start]  # type: ignore[arg-type]
            assert [shown["given"], shown["withdrawn"], shown["active"]] == [
                actions.count("given"), actions.count("withdrawn"), sum(a == "given" for a in last.values())]
        assert sum(p["given"] for p in newsletter["periods"]) > 0
    assert "<polyline" in one.get("/office/consent?per=week").text
    token = csrf_of(one.get("/office/consent").text)
    person = one.post("/office/consent/person.json", data={"email": email, "csrf_token": token}).json()
    assert [e["action"] for e in person["events"]] == ["given"] and person["current"] == {"newsletter": "given"}
    pdf = one.post("/office/consent/person", data={"email": email, "csrf_token": token, "pdf": "1"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_office_filters_an_uploaded_mailing_list_on_postgresql(
        pg: tuple[TestClient, TestClient, Workspace]) -> None:
    one, _two, workspace = pg
    email = "pg.upload@example.nl"
    assert _subscribe(one, email) == 200
    link = re.search(r"https?://\S+(/centre/confirm/\S+)", _mail_to(workspace, email)).group(1)  # type: ignore[union-attr]
    one.post(link, data={"csrf_token": csrf_of(one.get(link).text)})
    sign_in_as(one, "handler")
    token = csrf_of(one.get("/office/consent").text)
    listing = f"email,naam\n{email},Lezer\nnooit.pg@example.nl,Nooit\n".encode()
    answer = one.post("/office/mailing/filter", data={"csrf_token": token, "type": "newsletter"},
                      files={"list": ("lijst.csv", listing, "text/csv")})
    assert answer.status_code == 200 and answer.text == f"email,naam\n{email},Lezer\n"
    counts = answer.headers["x-waarborg-filter"]
    assert '"kept": 1' in counts and '"no_consent": 1' in counts and "@" not in counts
