"""Consent through the web: subscribe, confirm from the mail, preferences, RFC 8058 one-click
unsubscribe from the header (a POST without login or CSRF token), the address then filtered out
of a mailing; and the office's consent page."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import csrf_of, sign_in_as

from waarborg.consent.filter import filter_mailing
from waarborg.consent.mails import mailing_message
from waarborg.office.models import OutboxMessage
from waarborg.workspace import Workspace

READER = "lezer.nieuwsbrief@example.nl"


def _subscribe(client: TestClient, email: str = READER) -> None:
    token = csrf_of(client.get("/subscribe").text)
    answer = client.post("/subscribe", data={"email": email, "types": ["newsletter"], "csrf_token": token})
    assert answer.status_code == 200 and "Kijk in uw e-mail" in answer.text


def _confirmation_link(workspace: Workspace, email: str = READER) -> str:
    with workspace.store.session() as session:
        mail = session.execute(select(OutboxMessage).where(OutboxMessage.recipient == email)
                               .order_by(OutboxMessage.id.desc())).scalars().first()
    assert mail is not None and "Bevestig uw aanmelding" in mail.subject
    found = re.search(r"https?://\S+(/centre/confirm/\S+)", mail.body)
    assert found is not None
    return found.group(1)


def test_subscribe_confirm_preferences_one_click_unsubscribe_and_filter(client: TestClient, workspace: Workspace,
                                                                        app) -> None:
    _subscribe(client)
    link = _confirmation_link(workspace)
    page = client.get(link)
    assert "Bevestig uw aanmelding" in page.text  # opening the link (or a mail scanner) confirms nothing
    done = client.post(link, data={"csrf_token": csrf_of(page.text)})
    assert done.status_code == 200 and "Uw aanmelding is bevestigd." in done.text

    settings = app.state.office.settings
    mail = mailing_message(workspace.register, workspace.erasure_key(), settings.base_url, "newsletter", READER,
                           settings.mail_from, "Nieuws", "Beste lezer,\n", "nl")
    preferences = re.search(r"(/centre/preferences/\S+)", mail.get_content()).group(1)  # type: ignore[union-attr]
    assert re.search(r'name="types" value="newsletter" checked', client.get(preferences).text)

    one_click = mail["List-Unsubscribe"].split(",")[0].strip("<> ").replace(settings.base_url, "")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    fresh = TestClient(app, base_url="http://127.0.0.1")  # a mail client: no cookies, no CSRF token
    for _ in range(2):  # idempotent
        answer = fresh.post(one_click, data={"List-Unsubscribe": "One-Click"})
        assert (answer.status_code, answer.text) == (200, "unsubscribed")
    assert 'value="newsletter" checked' not in client.get(preferences).text

    out = io.StringIO()
    with workspace.store.session() as session:
        report = filter_mailing(session, workspace.erasure_key(), workspace.register,
                                io.StringIO(f"email\n{READER}\nander@example.nl\n"), out, "newsletter")
    assert report.removed["suppressed"] == 1 and READER not in out.getvalue()


def test_preferences_change_without_suppressing_and_everything_off_suppresses(client: TestClient,
                                                                              workspace: Workspace, app) -> None:
    email = "voorkeur@example.nl"
    _subscribe(client, email)
    link = _confirmation_link(workspace, email)
    client.post(link, data={"csrf_token": csrf_of(client.get(link).text)})
    settings = app.state.office.settings
    mail = mailing_message(workspace.register, workspace.erasure_key(), settings.base_url, "newsletter", email,
                           settings.mail_from, "Nieuws", "x\n", "nl")
    preferences = re.search(r"(/centre/preferences/\S+)", mail.get_content()).group(1)  # type: ignore[union-attr]
    page = client.get(preferences).text
    saved = client.post(preferences, data={"csrf_token": csrf_of(page)})  # nothing ticked: a preference change
    assert "Uw voorkeuren zijn bewaard." in saved.text and "afmeldlijst" not in saved.text
    everything = client.post(preferences, data={"csrf_token": csrf_of(saved.text), "everything": "1"})
    assert "U staat op onze afmeldlijst" in everything.text


def test_public_forms_need_their_csrf_token_and_bad_links_are_refused(client: TestClient) -> None:
    assert client.post("/subscribe", data={"email": READER, "types": ["newsletter"]}).status_code == 403
    page = client.get("/subscribe").text
    bad = client.post("/subscribe", data={"email": "geen-adres", "types": ["newsletter"], "csrf_token": csrf_of(page)})
    assert bad.status_code == 400 and "Dat is geen e-mailadres." in bad.text
    assert client.post("/centre/unsubscribe/forged", data={"List-Unsubscribe": "One-Click"}).status_code == 400
    assert client.get("/centre/preferences/forged").status_code == 400


def test_the_office_consent_page_counts_and_shows_one_persons_consents(client: TestClient,
                                                                        workspace: Workspace) -> None:
    email = "kantoor@example.nl"
    _subscribe(client, email)
    link = _confirmation_link(workspace, email)
    client.post(link, data={"csrf_token": csrf_of(client.get(link).text)})
    sign_in_as(client, "privacy_officer")
    overview = client.get("/office/consent.json").json()
    assert next(t for t in overview["types"] if t["key"] == "newsletter")["subscribed"] >= 1
    token = csrf_of(client.get("/office/consent").text)
    person = client.post("/office/consent/person.json", data={"email": email, "csrf_token": token}).json()
    assert [e["action"] for e in person["events"]] == ["given"] and person["current"] == {"newsletter": "given"}
    pdf = client.post("/office/consent/person", data={"email": email, "csrf_token": token, "pdf": "1"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_viewer_role_may_not_see_consents(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    assert client.get("/office/consent.json").status_code == 403


def test_the_office_filters_an_uploaded_mailing_list_and_sends_counts_not_addresses(client: TestClient,
                                                                                     workspace: Workspace) -> None:
    email = "upload.lezer@example.nl"
    _subscribe(client, email)
    link = _confirmation_link(workspace, email)
    client.post(link, data={"csrf_token": csrf_of(client.get(link).text)})
    sign_in_as(client, "handler")
    page = client.get("/office/consent").text
    assert 'enctype="multipart/form-data"' in page
    listing = f"email,naam\n{email},Lezer\nnooit.aangemeld@example.nl,Nooit\n".encode()
    answer = client.post("/office/mailing/filter", data={"csrf_token": csrf_of(page), "type": "newsletter"},
                         files={"list": ("lijst.csv", listing, "text/csv")})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.text == f"email,naam\n{email},Lezer\n"
    counts = answer.headers["x-waarborg-filter"]
    assert '"kept": 1' in counts and '"no_consent": 1' in counts and "@" not in counts
    bad = client.post("/office/mailing/filter.json", data={"csrf_token": csrf_of(page), "type": "newsletter"},
                      files={"list": ("lijst.csv", b"naam\nLezer\n", "text/csv")})
    assert bad.status_code == 400 and "e-mail" in bad.json()["error"]


def test_the_viewer_may_not_filter_mailing_lists(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    token = csrf_of(client.get("/office/").text)
    answer = client.post("/office/mailing/filter.json", data={"csrf_token": token},
                         files={"list": ("l.csv", b"email\na@b.nl\n", "text/csv")})
    assert answer.status_code == 403
