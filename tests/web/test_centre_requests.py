"""The public centre's request pages on the demo office: a form per kind asking for the identities
the bindings declare, the verification link (a GET changes nothing, the button POSTs), the status
page behind the secret link, the same answer for everyone, and hostile posts refused with a clear
message and nothing stored."""

from __future__ import annotations

import logging
import re

import pytest
from centre_support import ask, latest_mail_to, links_in, path_of, stored_counts
from fastapi.testclient import TestClient
from sqlalchemy import text
from web_support import csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.requests.lifecycle import REQUEST_KINDS
from waarborg.workspace import Workspace

NOBODY = "niemand-bekend@example.org"


def _member(workspace: Workspace) -> tuple[str, str]:
    """(e-mail, member number) of a member in the demo CRM."""
    with workspace.connections().engine("crm").connect() as conn:
        row = conn.execute(text("SELECT p.email, m.member_no FROM persons p JOIN memberships m "
                                "ON m.person_id = p.id ORDER BY p.id LIMIT 1")).one()
    return str(row[0]), str(row[1])


def _without_links(body: str) -> str:
    return re.sub(r"/centre/requests/(verify|status)/[\w-]+", "/LINK", body)


def test_the_landing_page_leads_to_the_requests_and_the_statement_history(client: TestClient,
                                                                          workspace: Workspace) -> None:
    landing = client.get("/").text
    assert 'href="/centre/requests"' in landing and 'href="/privacy/history"' in landing
    history = client.get("/privacy/history").text
    assert workspace.register.statement.version in history and "Geschiedenis van de privacyverklaring" in history
    choose = client.get("/centre/requests").text
    assert all(f'href="/centre/requests/{kind}"' in choose for kind in REQUEST_KINDS)


@pytest.mark.parametrize("kind", REQUEST_KINDS)
def test_each_form_labels_every_field_and_asks_the_bound_identities_but_no_bsn(client: TestClient,
                                                                              kind: str) -> None:
    page = client.get(f"/centre/requests/{kind}").text
    assert 'name="identity_email"' in page and 'name="identity_member_number"' in page
    assert "identity_bsn" not in page
    inputs = re.findall(r"<input (?![^>]*type=\"hidden\")[^>]*>|<textarea[^>]*>", page)
    labelled = re.findall(r"<label>[^<]*(?:<small>[^<]*</small>)?\s*<(?:input|textarea)", page)
    assert len(inputs) == len(labelled) >= 3
    assert "<script" not in page


def test_a_request_is_confirmed_through_the_mailed_link_and_followed_on_its_status_page(
        client: TestClient, workspace: Workspace, clock: MovableClock) -> None:
    email, member_no = _member(workspace)
    status, page = ask(client, "access", email, identity_member_number=member_no)
    assert status == 200 and "Kijk in uw e-mail" in page
    verify_link, status_link = links_in(latest_mail_to(workspace, email).body)
    assert "wacht tot u uw e-mailadres bevestigt" in client.get(path_of(status_link)).text.lower()
    before = stored_counts(workspace)
    shown = client.get(path_of(verify_link))  # a mail scanner's GET: a button, nothing changed
    assert shown.status_code == 200 and stored_counts(workspace) == before
    assert "wacht tot u" in client.get(path_of(status_link)).text.lower()
    confirmed = client.post(path_of(verify_link), data={"csrf_token": csrf_of(shown.text)})
    assert confirmed.status_code == 200 and "Uw verzoek is bevestigd" in confirmed.text
    status_page = client.get(path_of(status_link))
    assert "Ontvangen" in status_page.text and 'id="deadline"' in status_page.text
    assert status_page.headers["cache-control"] == "no-store" and "noindex" in status_page.headers["x-robots-tag"]
    assert email not in status_page.text and member_no not in status_page.text
    again = client.post(path_of(verify_link), data={"csrf_token": csrf_of(shown.text)})
    assert again.status_code == 400 and "al gebruikt" in again.text
    sign_in_as(client, "handler")
    queued = client.get("/office/requests.json?kind=access").json()["requests"]
    assert any(r["status"] == "received" and r["received_at"].startswith(clock.now().date().isoformat())
               for r in queued)


def test_the_answer_and_the_mail_are_the_same_for_someone_in_no_database(client: TestClient,
                                                                         workspace: Workspace) -> None:
    email, _ = _member(workspace)
    known_status, known_page = ask(client, "erase", email)
    unknown_status, unknown_page = ask(client, "erase", NOBODY)
    assert known_status == unknown_status == 200 and known_page == unknown_page
    known, unknown = latest_mail_to(workspace, email), latest_mail_to(workspace, NOBODY)
    assert known.subject == unknown.subject and _without_links(known.body) == _without_links(unknown.body)


def test_the_english_form_writes_an_english_mail(client: TestClient, workspace: Workspace) -> None:
    client.post("/language", data={"lang": "en", "csrf_token": csrf_of(client.get("/").text), "next": "/"})
    status, page = ask(client, "port", "english-visitor@example.org")
    assert status == 200 and "Check your e-mail" in page
    assert latest_mail_to(workspace, "english-visitor@example.org").subject.startswith("Confirm your privacy request")


@pytest.mark.parametrize(("path", "fields", "status", "says"), [
    ("/centre/requests/delete", {"identity_email": NOBODY}, 404, "Dit verzoek bestaat niet"),
    ("/centre/requests/access", {"identity_email": ""}, 400, "Vul uw e-mailadres in"),
    ("/centre/requests/access", {"identity_email": "geen adres"}, 400, "geen e-mailadres"),
    ("/centre/requests/access", {"identity_email": NOBODY, "identity_member_number": "9" * 300}, 400,
     "Die waarde is te lang"),
    ("/centre/requests/access", {"identity_email": NOBODY, "details": "x" * 5000}, 400, "Uw tekst is te lang"),
    ("/centre/requests/access", {"identity_email": NOBODY, "identity_bsn": "123456782"}, 400,
     "Daar vraagt dit formulier niet om"),
    ("/centre/requests/rectify", {"identity_email": NOBODY, "details": ""}, 400, "Zeg welke gegevens onjuist"),
])
def test_a_hostile_or_wrong_post_gets_a_clear_answer_and_stores_nothing(
        client: TestClient, workspace: Workspace, path: str, fields: dict[str, str], status: int, says: str) -> None:
    token = csrf_of(client.get("/centre/requests/access").text)
    before = stored_counts(workspace)
    answer = client.post(path, data={"csrf_token": token, **fields})
    assert answer.status_code == status and says in answer.text
    assert stored_counts(workspace) == before


def test_a_post_without_the_form_token_is_refused(client: TestClient, workspace: Workspace) -> None:
    client.get("/centre/requests/access")
    before = stored_counts(workspace)
    answer = client.post("/centre/requests/access", data={"identity_email": NOBODY})
    assert answer.status_code == 403 and stored_counts(workspace) == before
    forged = client.post("/centre/requests/access", data={"identity_email": NOBODY, "csrf_token": "f" * 64})
    assert forged.status_code == 403 and stored_counts(workspace) == before


def test_an_expired_link_and_an_unknown_status_link_are_refused(client: TestClient, workspace: Workspace,
                                                                clock: MovableClock) -> None:
    ask(client, "object", "late@example.org")
    verify_link, _ = links_in(latest_mail_to(workspace, "late@example.org").body)
    clock.advance(hours=49)
    token = csrf_of(client.get(path_of(verify_link)).text)
    expired = client.post(path_of(verify_link), data={"csrf_token": token})
    assert expired.status_code == 400 and "verlopen" in expired.text
    unknown = client.get("/centre/requests/status/" + "A" * 43)
    assert unknown.status_code == 404 and "onbekend of beschadigd" in unknown.text


def test_a_whole_intake_writes_no_personal_data_to_any_log(client: TestClient, workspace: Workspace,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    email, member_no = _member(workspace)
    caplog.set_level(logging.DEBUG)
    ask(client, "rectify", email, identity_member_number=member_no, details="Mijn achternaam is verkeerd")
    verify_link, status_link = links_in(latest_mail_to(workspace, email).body)
    token = csrf_of(client.get(path_of(verify_link)).text)
    client.post(path_of(verify_link), data={"csrf_token": token})
    client.get(path_of(status_link))
    ask(client, "access", "x" * 300 + "@example.org")  # a refused form logs nothing of it either
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    assert caplog.records, "nothing was captured: the check would prove nothing"
    assert email not in logged and member_no not in logged and "achternaam" not in logged
