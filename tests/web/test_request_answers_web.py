"""The answer in the office and the public centre: the request's page lists every mail sent for
it, a refused action changes nothing, and the requester downloads the package through a page
whose GET never spends the link (mail scanners open links); refused tokens all look alike."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select, text
from web_support import csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.office.models import OutboxMessage
from waarborg.requests import delivery, workflow
from waarborg.requests.identity import Identity
from waarborg.workspace import Workspace


def _email(workspace: Workspace, offset: int) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        query = text("SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET :o")
        return str(conn.execute(query, {"o": offset}).scalar_one())


def _run_access(client: TestClient, workspace: Workspace, clock: MovableClock, offset: int = 3) -> str:
    request_id = workflow.receive(workspace, "access", Identity("email", _email(workspace, offset)), "t", clock.now())
    sign_in_as(client, "handler")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    client.post(f"/office/requests/{request_id}/run", data={"csrf_token": token})
    return request_id


def _link(workspace: Workspace, request_id: str) -> str:
    with workspace.store.session() as session:
        query = select(OutboxMessage.body).where(OutboxMessage.request_id == request_id)
        body = list(session.execute(query).scalars())[-1]
    return "/centre/download/" + body.split(delivery.DOWNLOAD_PATH, 1)[1].split()[0]


def test_the_request_page_lists_its_mails_without_the_usable_link(client: TestClient, workspace: Workspace,
                                                                  clock: MovableClock) -> None:
    request_id = _run_access(client, workspace, clock)
    view = client.get(f"/office/requests/{request_id}.json").json()
    assert [m["subject"].split(": ")[1] for m in view["mails"]] == ["uw gegevens staan klaar"]
    link = _link(workspace, request_id)
    page = client.get(f"/office/requests/{request_id}").text
    assert "Mails aan de verzoeker" in page and "/centre/download/…" in page and link not in page


def test_the_requester_downloads_once_through_the_page(client: TestClient, workspace: Workspace,
                                                      clock: MovableClock) -> None:
    request_id = _run_access(client, workspace, clock, offset=4)
    link = _link(workspace, request_id)
    client.cookies.clear()  # the requester is not signed in
    for _ in range(2):  # a mail scanner's GET spends nothing
        page = client.get(link)
        assert page.status_code == 200 and "Pakket downloaden" in page.text
    token = csrf_of(page.text)
    assert client.post(link, data={}).status_code == 403  # CSRF
    got = client.post(link, data={"csrf_token": token})
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    assert got.content[:2] == b"PK" and "attachment" in got.headers["content-disposition"]
    again = client.post(link, data={"csrf_token": token})
    unknown = client.post("/centre/download/" + "A" * 43, data={"csrf_token": token})
    clock.advance(days=8)
    assert again.status_code == unknown.status_code == 404
    assert again.text.replace(link, "") == unknown.text.replace("/centre/download/" + "A" * 43, "")  # alike
    sign_in_as(client, "handler")
    history = client.get(f"/office/requests/{request_id}.json").json()["history"]
    assert "request.downloaded" in [entry["action"] for entry in history]


def test_an_expired_link_is_refused_and_a_new_link_can_be_sent(client: TestClient, workspace: Workspace,
                                                               clock: MovableClock) -> None:
    request_id = _run_access(client, workspace, clock, offset=5)
    old = _link(workspace, request_id)
    clock.advance(days=7, minutes=1)
    sign_in_as(client, "handler")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    client.post(f"/office/requests/{request_id}/send-link", data={"csrf_token": token})
    new = _link(workspace, request_id)
    assert new != old
    client.cookies.clear()
    visitor = csrf_of(client.get(new).text)
    assert client.post(old, data={"csrf_token": visitor}).status_code == 404
    assert client.post(new, data={"csrf_token": visitor}).status_code == 200


def test_a_link_for_a_request_without_a_package_is_refused_on_the_page(client: TestClient, workspace: Workspace,
                                                                      clock: MovableClock) -> None:
    request_id = workflow.receive(workspace, "erase", Identity("email", _email(workspace, 6)), "t", clock.now())
    sign_in_as(client, "handler")
    token = csrf_of(client.get(f"/office/requests/{request_id}").text)
    answer = client.post(f"/office/requests/{request_id}/send-link", data={"csrf_token": token})
    assert answer.status_code == 400 and "no package" in answer.text
    assert client.get(f"/office/requests/{request_id}.json").json()["mails"] == []


def test_a_restriction_run_from_the_cli_is_answered_from_its_page(client: TestClient, workspace: Workspace,
                                                                 clock: MovableClock) -> None:
    from waarborg.requests.restrict import restrict_fulfilment
    from waarborg.requests.runner import run_request

    outcome = run_request(workspace, "restrict", Identity("email", _email(workspace, 7)), restrict_fulfilment(),
                          now=clock.now())
    base = f"/office/requests/{outcome.request_id}"
    sign_in_as(client, "handler")
    page = client.get(base).text
    assert f'action="{base}/send-answer"' in page
    client.post(f"{base}/send-answer", data={"csrf_token": csrf_of(page)})
    [mail] = client.get(f"{base}.json").json()["mails"]
    assert "beperkt" in mail["body"] and "art. 18 lid 3 AVG" in mail["body"]
    erase = workflow.receive(workspace, "erase", Identity("email", _email(workspace, 8)), "t", clock.now())
    refused = client.post(f"/office/requests/{erase}/send-answer", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 400 and "has no outcome to answer with here" in refused.text
