"""The breach register in Debian's Chromium: a privacy officer records a breach, sees the 72-hour
clock, answers the questions, gets the proposal, decides, is refused a late notification without
reasons, notifies with them, downloads the PDF (its text checked) and the JSON, and adds a
follow-up. Set WAARBORG_SCREENSHOTS=DIR to keep screenshots of the pages."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from browser_support import CHROMIUM, SKIP_REASON, chromium, free_port, served, shot
from browser_support import sign_in as sign_in_with
from web_support import NOW, PASSWORDS, build_office

from waarborg.office.clock import MovableClock

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip(SKIP_REASON, allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, MovableClock]]:
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    root = tmp_path_factory.mktemp("breach-e2e")
    build_office(root, persons=200)
    workspace = open_workspace(root / "waarborg.yaml")
    clock = MovableClock(NOW)
    try:
        with served(create_app(workspace, settings_from_env(workspace.env), clock), free_port()) as base:
            yield base, clock
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _sign_in(page: object, base: str) -> None:
    sign_in_with(page, base, *PASSWORDS["privacy_officer"])


def _answer(page: object, base: str, reference: str, section: str) -> None:
    page.goto(f"{base}/office/breaches/{reference}/section/{section}")  # type: ignore[attr-defined]


def test_record_answer_decide_notify_export_and_follow_up(server: tuple[str, MovableClock], browser: object) -> None:
    from pypdf import PdfReader

    base, clock = server
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",  # type: ignore[attr-defined]
                                  accept_downloads=True)
    page = context.new_page()
    _sign_in(page, base)
    page.goto(base + "/office/breaches")
    page.fill("textarea[name=summary]", "Loonstroken van december zijn naar een verkeerd e-mailadres gestuurd.")
    page.fill("input[name=discovered_at]", "2026-03-02T10:00")
    page.check("input[name=activity][value=payroll]")
    shot(page, "breach-new")
    with page.expect_navigation():  # read the answer page, not the one it replaces
        page.click("form[action='/office/breaches'] button[type=submit]")
    reference = page.url.rsplit("/", 1)[1]
    assert page.locator(".clock").first.inner_text() == "nog 72 uur 0 min"

    _answer(page, base, reference, "what")
    page.check("input[name=nature][value=read]")
    page.select_option("select[name=incident_kind]", "misdirected")
    with page.expect_navigation():
        page.click("button[type=submit]")
    _answer(page, base, reference, "consequences")
    page.check("input[name=confidentiality]")
    page.check("input[name=harms][value=identity_fraud]")
    with page.expect_navigation():
        page.click("button[type=submit]")
    _answer(page, base, reference, "organisation")
    page.fill("input[name='contact.name']", "Petra Visser")
    page.fill("input[name='contact.function']", "Privacyfunctionaris")
    page.fill("input[name='contact.phone']", "030-7001234")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Hoog risico" in page.locator("#proposal").inner_text()
    shot(page, "breach-show")

    with page.expect_navigation():
        page.click("#decide button[name=step][value=decide]")
    assert "Besluit" in page.locator("#proposal").inner_text()
    page.goto(base + "/office/")
    assert reference in page.locator("#card-breaches").inner_text()
    shot(page, "breach-dashboard")

    clock.advance(hours=75)
    _sign_in(page, base)  # the idle session ended while the clock ran on
    page.goto(f"{base}/office/breaches/{reference}")
    assert page.locator(".clock.overdue").count() >= 1
    page.fill("#notify input[name=authority_reference]", "M-2026-001")
    with page.expect_navigation():
        page.click("#notify button[name=step][value=notify]")
    assert "Art. 33(1) requires the reasons for the delay" in page.locator("p.error").inner_text()
    page.fill("#notify textarea[name=reasons]", "De salarisverwerker meldde het lek pas na drie dagen.")
    page.fill("#notify input[name=authority_reference]", "M-2026-001")
    with page.expect_navigation():
        page.click("#notify button[name=step][value=notify]")
    assert "te laat gemeld" in page.locator(".clock").first.inner_text()

    with page.expect_download() as download:
        page.click("text=Melding als pdf")
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Melding datalek" in text and reference in text and "Loonstroken van december" in text
    data = json.loads(page.request.get(f"{base}/office/breaches/{reference}.json").text())
    assert data["late"] is True and data["answers"]["what"]["incident_kind"] == "misdirected"

    with page.expect_navigation():
        page.click("button[name=step][value=follow_up]")
    assert page.url.endswith(f"{reference}-1")
    _answer(page, base, f"{reference}-1", "people")
    page.fill("input[name=maximum]", "12")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Vervolgmelding datalek" in page.locator("h1").inner_text()
    shot(page, "breach-follow-up")
