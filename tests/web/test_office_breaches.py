"""The breach register in the office: record a breach, see its clock, answer the form, get the
proposal, decide, notify (late refused without reasons), export, follow up; permissions hold."""

from __future__ import annotations

import io
import json

from breach_support import act, record, section
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from web_support import NOW, csrf_of, sign_in_as

from waarborg.office.clock import MovableClock
from waarborg.workspace import Workspace

DEMO_BREACH = f"{NOW.year}-001"  # the breach the demo office is built with


def test_privacy_officer_records_decides_notifies_and_follows_up(client: TestClient, clock: MovableClock) -> None:
    sign_in_as(client, "privacy_officer")
    reference = record(client)
    shown = client.get(f"/office/breaches/{reference}.json").json()
    assert shown["clock"]["state"] == "running" and shown["clock"]["text"] == "nog 72 uur 0 min"
    rows = {r["field"]: r["answer"] for s in shown["sections"] for r in s["questions"]}
    assert rows["people.groups"] == ["medewerkers"]
    assert any("Burgerservicenummers" in kind for kind in rows["data.kinds"])

    section(client, reference, "what", {"nature": ["read"], "incident_kind": "misdirected",
                                         "summary": "Loonstroken naar een verkeerd e-mailadres gestuurd."})
    section(client, reference, "consequences", {"confidentiality": "on", "harms": ["identity_fraud"]})
    shown = client.get(f"/office/breaches/{reference}.json").json()
    assert shown["assessment"]["proposal"] == "authority_and_people"

    assert act(client, reference, step="decide", decision="authority_and_people").status_code == 303
    clock.advance(hours=80)
    sign_in_as(client, "privacy_officer")  # the session ended while the clock ran on
    late = act(client, reference, step="notify", authority_reference="M-1")
    assert late.status_code == 400 and "Art. 33(1) requires the reasons for the delay" in late.text
    done = act(client, reference, step="notify", authority_reference="M-1",
                reasons="De salarisverwerker meldde het pas na drie dagen.")
    assert done.status_code == 303
    shown = client.get(f"/office/breaches/{reference}.json").json()
    assert shown["late"] is True and shown["clock"]["state"] == "late"

    pdf = client.get(f"/office/breaches/{reference}/notification.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Melding datalek" in text and reference in text and "te laat gemeld" in text

    follow = act(client, reference, step="follow_up")
    assert follow.status_code == 303 and follow.headers["location"].endswith(f"{reference}-1")
    section(client, f"{reference}-1", "people", {"minimum": "5", "maximum": "12"})
    phase = client.get(f"/office/breaches/{reference}-1.json").json()
    assert phase["kind"] == "follow_up" and phase["answers"]["people"]["maximum"] == 12

    listing = client.get("/office/breaches.json").json()
    # Newest first; the demo office already holds the breach it was built with.
    assert [b["reference"] for b in listing["breaches"]] == [reference, DEMO_BREACH]
    workbook = load_workbook(io.BytesIO(client.get("/office/breaches/register.xlsx").content))
    assert workbook.active is not None
    assert reference in [workbook.active.cell(row=row, column=1).value for row in range(5, 10)]
    assert json.loads(client.get(f"/office/breaches/{reference}.json").text)["phases"] == [f"{reference}-1"]


def test_dashboard_card_shows_the_open_breach_and_its_clock(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    reference = record(client)
    dashboard = client.get("/office/")
    assert reference in dashboard.text and "72-uursklok" in dashboard.text


def test_english_office_shows_the_questions_in_english(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    reference = record(client)
    page = client.get("/office/breaches")
    client.post("/language", data={"csrf_token": csrf_of(page.text), "lang": "en", "next": "/office/breaches"})
    shown = client.get(f"/office/breaches/{reference}")
    assert "When did you discover the breach?" in shown.text and "72-hour clock" in shown.text


def test_only_privacy_officers_record_breaches(client: TestClient) -> None:
    from waarborg.office.roles import allowed

    assert [role for role in ("admin", "privacy_officer", "handler", "hr", "viewer")
            if allowed(role, "breaches.manage")] == ["privacy_officer"]
    sign_in_as(client, "viewer")
    page = client.get("/office/")
    refused = client.post("/office/breaches", data={"csrf_token": csrf_of(page.text), "summary": "x"},
                          follow_redirects=False)
    assert refused.status_code == 403


def test_a_handler_does_not_see_the_breach_register(client: TestClient) -> None:
    sign_in_as(client, "handler")
    assert client.get("/office/breaches", follow_redirects=False).status_code == 403


def test_unknown_breach_is_a_clean_404(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    assert client.get("/office/breaches/2026-999").status_code == 404


def test_the_scheduler_reminds_privacy_officers_at_24_12_and_1_hour_left(
    client: TestClient, clock: MovableClock, workspace: Workspace
) -> None:
    from waarborg.office.jobs import send_breach_reminders
    from waarborg.office.settings import settings_from_env

    settings = settings_from_env(workspace.env)
    sign_in_as(client, "privacy_officer")
    reference = record(client)
    send_breach_reminders(workspace, settings, clock.now())
    assert _reminded(workspace, reference) == []
    clock.advance(hours=48)
    assert send_breach_reminders(workspace, settings, clock.now())["breach_reminders"] >= 1
    assert send_breach_reminders(workspace, settings, clock.now())["breach_reminders"] == 0  # never twice
    clock.advance(hours=23, minutes=30)  # the scheduler slept past 12 hours left: one message, for 1 hour
    send_breach_reminders(workspace, settings, clock.now())
    assert _reminded(workspace, reference) == [
        f"Datalek {reference}: nog 24 uur om te melden / Breach {reference}: 24 hours left to notify",
        f"Datalek {reference}: nog 1 uur om te melden / Breach {reference}: 1 hour left to notify"]


def _reminded(workspace: Workspace, reference: str) -> list[str]:
    from waarborg.office.models import OutboxMessage

    with workspace.store.session() as session:
        return [m.subject for m in session.query(OutboxMessage).order_by(OutboxMessage.id)
                if m.subject.startswith(f"Datalek {reference}:")]


def _reminded(workspace: Workspace, reference: str) -> list[str]:
    from waarborg.office.models import OutboxMessage

    with workspace.store.session() as session:
        return [m.subject for m in session.query(OutboxMessage).order_by(OutboxMessage.id)
                if m.subject.startswith(f"Datalek {reference}:")]
    with workspace.store.session() as session:
        subjects = [m.subject for m in session.query(OutboxMessage).filter(OutboxMessage.subject.like("Datalek%"))
                    if reference in m.subject]
    assert subjects == [f"Datalek {reference}: nog 24 uur om te melden / Breach {reference}: 24 hours left to notify",
                        f"Datalek {reference}: nog 1 uur om te melden / Breach {reference}: 1 hour left to notify"]
