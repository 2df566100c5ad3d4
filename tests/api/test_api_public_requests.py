"""The public side of requests over the API: intake (the same answer whoever it names), the
verification link, the status through the requester's own secret link, the single-use download;
another requester's links (IDOR), wrong, used and expired links, and the rate limit."""

from __future__ import annotations

import io
import re
import zipfile

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from waarborg.datasets.identities import identity_hash
from waarborg.office.clock import MovableClock
from waarborg.office.models import OutboxMessage
from waarborg.requests import workflow
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

VERIFY = re.compile(r"/centre/requests/verify/([\w-]+)")
STATUS = re.compile(r"/centre/requests/status/([\w-]+)")
DOWNLOAD = re.compile(r"/centre/download/([\w-]+)")


def _member_email(workspace: Workspace, offset: int = 0) -> str:
    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text("SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET :o"),
                                {"o": offset}).scalar_one())


def _latest_mail(workspace: Workspace, recipient: str) -> str:
    with workspace.store.session() as session:
        return str(session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == recipient)
                                   .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one())


def _counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.store.session() as session:
        return (int(session.execute(select(func.count()).select_from(DataSubjectRequest)).scalar_one()),
                int(session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()))


def _ask(client: TestClient, workspace: Workspace, email: str, kind: str = "access") -> tuple[str, str]:
    """Make a request through the API; (verification token, status token) from the receipt mail."""
    answer = client.post("/api/v1/public/requests", json={"kind": kind, "identities": {"email": email}})
    assert answer.status_code == 202, answer.text
    body = _latest_mail(workspace, email)
    verify, status = VERIFY.search(body), STATUS.search(body)
    assert verify and status
    return verify.group(1), status.group(1)


def test_intake_verify_and_status(client: TestClient, workspace: Workspace) -> None:
    email = _member_email(workspace)
    verify_token, status_token = _ask(client, workspace, email)
    waiting = client.get(f"/api/v1/public/requests/status/{status_token}")
    assert waiting.status_code == 200 and waiting.json()["state"] == "awaiting_verification"
    assert waiting.headers["cache-control"] == "no-store" and "noindex" in waiting.headers["x-robots-tag"]
    verified = client.post(f"/api/v1/public/requests/verify/{verify_token}")
    assert verified.status_code == 200 and verified.json()["kind"] == "access"
    shown = client.get(f"/api/v1/public/requests/status/{status_token}").json()
    assert shown["state"] == "received" and email not in str(shown)
    used = client.post(f"/api/v1/public/requests/verify/{verify_token}")
    assert used.status_code == 400 and used.json()["error"] == "link_used"


def test_the_answer_is_the_same_for_a_stranger_and_a_member(client: TestClient, workspace: Workspace) -> None:
    member = client.post("/api/v1/public/requests", json={"kind": "erase",
                                                          "identities": {"email": _member_email(workspace, 3)}})
    stranger = client.post("/api/v1/public/requests", json={"kind": "erase",
                                                            "identities": {"email": "niemand.hier@example.org"}})
    assert member.status_code == stranger.status_code == 202
    assert member.json() == stranger.json()


def test_a_bad_request_names_the_field_and_stores_nothing(client: TestClient, workspace: Workspace) -> None:
    before = _counts(workspace)
    no_address = client.post("/api/v1/public/requests", json={"kind": "access", "identities": {"email": "nope"}})
    assert no_address.status_code == 400 and no_address.json()["field"] == "email"
    assert "nope" not in no_address.json()["message"]
    rectify = client.post("/api/v1/public/requests", json={"kind": "rectify",
                                                           "identities": {"email": "a.b@example.nl"}})
    assert rectify.status_code == 400 and rectify.json()["field"] == "details"
    kind = client.post("/api/v1/public/requests", json={"kind": "delete", "identities": {"email": "a.b@example.nl"}})
    assert kind.status_code == 422 and kind.json()["field"] == "body.kind"
    assert _counts(workspace) == before


def test_another_requester_s_status_and_download_links_show_only_their_own(client: TestClient,
                                                                         workspace: Workspace) -> None:
    mine_verify, mine_status = _ask(client, workspace, _member_email(workspace, 5), "access")
    theirs_verify, theirs_status = _ask(client, workspace, _member_email(workspace, 6), "erase")
    client.post(f"/api/v1/public/requests/verify/{mine_verify}")
    assert client.get(f"/api/v1/public/requests/status/{mine_status}").json()["kind"] == "access"
    assert client.get(f"/api/v1/public/requests/status/{theirs_status}").json()["kind"] == "erase"
    for guess in (mine_verify, mine_status[:-2] + "xx", "0" * 43):
        refused = client.get(f"/api/v1/public/requests/status/{guess}")
        assert refused.status_code == 404 and refused.json()["message"] == "no request has this link"
    assert client.post(f"/api/v1/public/downloads/{mine_status}").status_code == 404  # a status link opens nothing
    assert theirs_verify != mine_verify


def test_the_package_downloads_once_and_never_with_another_token(client: TestClient, workspace: Workspace,
                                                                 clock: MovableClock) -> None:
    email = _member_email(workspace, 8)
    verify_token, _status = _ask(client, workspace, email)
    assert client.post(f"/api/v1/public/requests/verify/{verify_token}").status_code == 200
    request_id = _request_id(workspace, email)
    workflow.fulfil(workspace, request_id, "office:test", clock.now())
    link = DOWNLOAD.search(_latest_mail(workspace, email))
    assert link is not None
    wrong = client.post(f"/api/v1/public/downloads/{link.group(1)[:-3]}abc")
    assert wrong.status_code == 404
    got = client.post(f"/api/v1/public/downloads/{link.group(1)}")
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(got.content)).namelist()
    again = client.post(f"/api/v1/public/downloads/{link.group(1)}")
    assert again.status_code == 404 and again.json()["message"] == wrong.json()["message"]


def _request_id(workspace: Workspace, email: str) -> str:
    hashed = identity_hash(workspace.erasure_key(), "email", email)
    with workspace.store.session() as session:
        return str(session.execute(select(DataSubjectRequest.id).where(DataSubjectRequest.identity_hash == hashed,
                                                                       DataSubjectRequest.status == "received")
                                   ).scalar_one())


def test_an_expired_verification_link_is_refused(client: TestClient, workspace: Workspace,
                                                 clock: MovableClock) -> None:
    verify_token, status_token = _ask(client, workspace, _member_email(workspace, 9))
    clock.advance(hours=49)
    expired = client.post(f"/api/v1/public/requests/verify/{verify_token}")
    assert expired.status_code == 400 and expired.json()["error"] == "link_expired"
    assert client.get(f"/api/v1/public/requests/status/{status_token}").json()["state"] == "awaiting_verification"


def test_the_public_endpoints_are_rate_limited_per_address(client: TestClient, clock: MovableClock) -> None:
    clock.advance(hours=100)  # past every call the other tests made (one moved the clock 49 hours)
    answers = [client.get(f"/api/v1/public/requests/status/guess{n}").status_code for n in range(21)]
    assert answers[:20] == [404] * 20 and answers[20] == 429
    limited = client.get("/api/v1/public/requests/status/guess-more")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert limited.json()["error"] == "too_many_requests" and limited.json()["message"]
