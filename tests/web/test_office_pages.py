"""The office's pages through an in-process client: sign in, the dashboard and its JSON twin,
the register, downloads, the audit trail, the outbox and the language switch."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import csrf_of, sign_in_as


def test_the_office_asks_to_sign_in_first(client: TestClient) -> None:
    answer = client.get("/office/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/office/login"
    assert client.get("/office/index.json").status_code == 401


def test_dashboard_shows_open_requests_by_deadline_with_the_overdue_one_first(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    data = client.get("/office/index.json").json()
    requests = data["requests"]["requests"]
    assert len(requests) == 6 and data["requests"]["overdue"] == 1
    assert requests[0]["overdue"] and [r["due_at"] for r in requests] == sorted(r["due_at"] for r in requests)
    breaches = data["breaches"]  # the demo's breach, discovered 30 hours before NOW
    assert breaches["overdue"] == 0 and [b["state"] for b in breaches["breaches"]] == ["running"]
    assert breaches["breaches"][0]["clock"]["en"] == "42 h 0 min left"
    assert len(data["retention"]["forecast"]["months"]) == 12
    assert data["statement"]["version"] == "1.0" and data["statement"]["covered"] > 0
    html = client.get("/office/").text
    assert "Open verzoeken op termijn" in html and "<svg" in html and "over de termijn" in html


def test_language_switch_turns_the_office_english(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    page = client.get("/office/").text
    assert "Overzicht" in page
    client.post("/language", data={"lang": "en", "next": "/office/", "csrf_token": csrf_of(page)})
    assert "Retention due in the coming 12 months" in client.get("/office/").text


def test_register_page_and_art30_downloads(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    data = client.get("/office/register.json").json()
    assert {a["key"] for a in data["activities"]} >= {"payroll", "newsletter"}
    assert "Verwerkingsregister" in client.get("/office/register").text
    xlsx = client.get("/office/register/art30.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = client.get("/office/register/art30.csv?lang=en")
    assert csv.status_code == 200 and "Payroll" in csv.text
    assert "<html" in client.get("/office/statement/en.html").text.lower()


def test_audit_trail_page_verifies_the_chain_and_filters(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    data = client.get("/office/audit.json?action=office.user").json()
    assert data["verify"]["ok"] and data["verify"]["checked"] > 0
    assert data["entries"] and all(e["action"].startswith("office.user") for e in data["entries"])
    signed_in = client.get("/office/audit.json?action=office.signed_in&actor=privacy@").json()["entries"]
    assert signed_in and signed_in[0]["detail"]["role"] == "privacy_officer"


def test_security_headers_on_every_page(client: TestClient) -> None:
    for path in ("/", "/office/login"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in \
            csp.split("script-src")[1].split(";")[0]
        assert headers["referrer-policy"] == "same-origin" and headers["x-content-type-options"] == "nosniff"


def test_public_centre_links_the_statement(client: TestClient) -> None:
    page = client.get("/").text
    assert "Vereniging Klantcontact Nederland" in page and "/privacy/nl.html" in page
    assert client.get("/privacy/nl.html").status_code == 200
