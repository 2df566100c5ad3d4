"""The breach register over the API: the same service as the office, with bearer tokens."""

from __future__ import annotations

from api_support import bearer
from fastapi.testclient import TestClient

from waarborg.office.clock import MovableClock

NEW = {"answers": {"what": {"summary": "Loonstroken naar een verkeerd e-mailadres gestuurd.",
                            "nature": ["read"], "incident_kind": "misdirected"},
                   "timing": {"discovered_at": "2026-03-02T08:00:00+00:00"}},
       "activities": ["payroll"], "count": True}


def _record(client: TestClient, token: str) -> str:
    answer = client.post("/api/v1/breaches", json=NEW, headers=bearer(token))
    assert answer.status_code == 201, answer.text
    return str(answer.json()["breach"]["reference"])


def test_an_officer_records_a_breach_and_sees_its_clock(client: TestClient, tokens: dict[str, str]) -> None:
    answer = client.post("/api/v1/breaches", json=NEW, headers=bearer(tokens["privacy_officer"]))
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["breach"]["status"] == "open" and made["breach"]["clock_state"] == "running"
    assert made["breach"]["deadline_at"].startswith("2026-03-05T08:00")
    listed = client.get("/api/v1/breaches", headers=bearer(tokens["admin"])).json()
    assert made["breach"]["reference"] in [row["reference"] for row in listed]


def test_show_answers_the_form_in_the_asked_language(client: TestClient, tokens: dict[str, str]) -> None:
    reference = _record(client, tokens["privacy_officer"])
    dutch = client.get(f"/api/v1/breaches/{reference}?lang=nl", headers=bearer(tokens["admin"])).json()
    english = client.get(f"/api/v1/breaches/{reference}?lang=en", headers=bearer(tokens["admin"])).json()
    assert dutch["format"] == "waarborg-breach-notification" and dutch["reference"] == reference
    assert dutch["clock"]["text"] != english["clock"]["text"] and english["language"] == "en"
    assert dutch["answers"]["what"]["incident_kind"] == "misdirected"


def test_without_a_token_401_and_without_the_permission_403(client: TestClient, tokens: dict[str, str]) -> None:
    assert client.get("/api/v1/breaches").status_code == 401
    assert client.get("/api/v1/breaches").json()["error"] == "unauthenticated"
    bad = client.get("/api/v1/breaches", headers=bearer("wbt_not-a-real-token"))
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_token"
    refused = client.get("/api/v1/breaches", headers=bearer(tokens["handler"]))
    assert refused.status_code == 403 and "breaches.view" in refused.json()["message"]
    admin_cannot_record = client.post("/api/v1/breaches", json=NEW, headers=bearer(tokens["admin"]))
    assert admin_cannot_record.status_code == 403


def test_an_unknown_breach_is_404(client: TestClient, tokens: dict[str, str]) -> None:
    answer = client.get("/api/v1/breaches/2026-999", headers=bearer(tokens["admin"]))
    assert answer.status_code == 404 and answer.json()["error"] == "not_found"


def test_bad_answers_name_the_field_and_record_nothing(client: TestClient, tokens: dict[str, str]) -> None:
    before = client.get("/api/v1/breaches", headers=bearer(tokens["admin"])).json()
    wrong = {"answers": {"what": {"nature": ["eaten"]}}}
    answer = client.post("/api/v1/breaches", json=wrong, headers=bearer(tokens["privacy_officer"]))
    assert answer.status_code == 400 and "what.nature" in answer.json()["message"]
    schema = client.post("/api/v1/breaches", json={"activities": "payroll"}, headers=bearer(tokens["privacy_officer"]))
    assert schema.status_code == 422 and schema.json()["field"] == "body.activities"
    assert client.get("/api/v1/breaches", headers=bearer(tokens["admin"])).json() == before


def test_decide_notify_follow_up_and_withdraw(client: TestClient, tokens: dict[str, str]) -> None:
    officer = bearer(tokens["privacy_officer"])
    reference = _record(client, tokens["privacy_officer"])
    changed = client.patch(f"/api/v1/breaches/{reference}", json={"changes": {"people": {"minimum": 3, "maximum": 40}}},
                           headers=officer)
    assert changed.status_code == 200 and changed.json()["version"] == 2
    proposal = changed.json()["proposal"]
    assert proposal not in (None, "none")
    decided = client.post(f"/api/v1/breaches/{reference}/decision", json={"decision": proposal}, headers=officer)
    assert decided.status_code == 200 and decided.json()["decision"] == proposal
    notified = client.post(f"/api/v1/breaches/{reference}/notification", json={"authority_reference": "AP-1"},
                           headers=officer)
    assert notified.status_code == 200 and notified.json()["status"] == "notified" and not notified.json()["late"]
    rewrite = client.patch(f"/api/v1/breaches/{reference}", json={"changes": {"what": {"summary": "x"}}},
                           headers=officer)
    assert rewrite.status_code == 400 and "follow-up" in rewrite.json()["message"]
    follow = client.post(f"/api/v1/breaches/{reference}/follow-ups", json={"changes": {"people": {"maximum": 41}}},
                         headers=officer)
    assert follow.status_code == 201 and follow.json()["reference"] == f"{reference}-1"
    assert client.post(f"/api/v1/breaches/{reference}-1/notification", json={}, headers=officer).status_code == 200
    gone = client.post(f"/api/v1/breaches/{reference}/withdrawal", json={"reason": "geen datalek"}, headers=officer)
    assert gone.status_code == 201 and gone.json()["kind"] == "withdrawal"


def test_a_late_notification_without_reasons_is_refused(client: TestClient, tokens: dict[str, str],
                                                        clock: MovableClock) -> None:
    officer = bearer(tokens["privacy_officer"])
    reference = _record(client, tokens["privacy_officer"])
    client.post(f"/api/v1/breaches/{reference}/decision", json={"decision": "authority", "reasons": "zeker is zeker"},
                headers=officer)
    clock.advance(hours=80)  # aware at 08:00 on 2 March: the 72 hours have passed
    late = client.post(f"/api/v1/breaches/{reference}/notification", json={}, headers=officer)
    assert late.status_code == 400 and "reason" in late.json()["message"]
    shown = client.get(f"/api/v1/breaches/{reference}", headers=officer).json()
    assert shown["status"] == "open" and shown["notified"] is None
    with_reasons = client.post(f"/api/v1/breaches/{reference}/notification",
                               json={"delay_reason": "De omvang werd pas na drie dagen duidelijk."}, headers=officer)
    assert with_reasons.status_code == 200 and with_reasons.json()["late"] is True


def test_exports_json_pdf_and_register(client: TestClient, tokens: dict[str, str]) -> None:
    reference = _record(client, tokens["privacy_officer"])
    viewer = bearer(tokens["admin"])
    exported = client.get(f"/api/v1/breaches/{reference}/notification.json", headers=viewer)
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    assert exported.json()["sections"][0]["questions"]
    pdf = client.get(f"/api/v1/breaches/{reference}/notification.pdf?lang=en", headers=viewer)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get("/api/v1/breaches/register.xlsx", headers=viewer)
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get("/api/v1/breaches/register.doc", headers=viewer).status_code == 422


def test_refused_steps_name_why_and_change_nothing(client: TestClient, tokens: dict[str, str]) -> None:
    officer = bearer(tokens["privacy_officer"])
    reference = _record(client, tokens["privacy_officer"])
    before = client.get(f"/api/v1/breaches/{reference}", headers=officer).json()
    silent = client.post(f"/api/v1/breaches/{reference}/decision", json={"decision": "none"}, headers=officer)
    assert silent.status_code == 400 and "reasons" in silent.json()["message"]
    unknown = client.post(f"/api/v1/breaches/{reference}/decision", json={"decision": "maybe"}, headers=officer)
    assert unknown.status_code == 422 and unknown.json()["field"] == "body.decision"
    early = client.post(f"/api/v1/breaches/{reference}/follow-ups", json={"changes": {}}, headers=officer)
    assert early.status_code == 400 and "not been notified" in early.json()["message"]
    withdrawn = client.post(f"/api/v1/breaches/{reference}/withdrawal", json={"reason": "x"}, headers=officer)
    assert withdrawn.status_code == 400
    empty = client.post(f"/api/v1/breaches/{reference}/withdrawal", json={"reason": ""}, headers=officer)
    assert empty.status_code == 422 and empty.json()["field"] == "body.reason"
    undecided = client.post(f"/api/v1/breaches/{reference}/notification", json={}, headers=officer)
    assert undecided.status_code == 400 and "decide" in undecided.json()["message"]
    future = client.patch(f"/api/v1/breaches/{reference}", headers=officer,
                          json={"changes": {"timing": {"discovered_at": "2027-01-01T00:00:00+00:00"}}})
    assert future.status_code == 400 and future.json()["field"] == "timing.discovered_at"
    after = client.get(f"/api/v1/breaches/{reference}", headers=officer).json()
    assert (after["status"], after["decision"], after["answers"]) == (before["status"], before["decision"],
                                                                       before["answers"])
    listed = {row["reference"]: row for row in client.get("/api/v1/breaches", headers=officer).json()}
    assert listed[reference]["version"] == 1
