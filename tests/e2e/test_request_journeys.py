"""Journeys of a data-subject request in Debian's Chromium (Playwright for Python, never
`playwright install`), from the public centre's form to the requester's download:

- a subject asks for access in the centre, confirms from the receipt mail in the outbox, a handler
  fulfils the request, and the subject downloads the package from the link in the answer mail;
- an erasure of a person with an invoice under the fiscal hold: the answer reports it as kept;
- an extension with reasons, and a refusal with the complaint route, both mailed.

Set WAARBORG_SCREENSHOTS=DIR to keep the screenshots the handler's guide shows
(docs/handling-requests.md)."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from browser_support import CHROMIUM, SHOTS, SKIP_REASON, chromium, free_port, served
from browser_support import shot as full_shot
from browser_support import sign_in as sign_in_with
from centre_support import latest_mail_to, links_in, path_of
from web_support import NOW, PASSWORDS, build_office

from waarborg.office.clock import MovableClock
from waarborg.requests.delivery import DOWNLOAD_PATH
from waarborg.workspace import Workspace

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip(SKIP_REASON, allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Workspace, MovableClock]]:
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    root = tmp_path_factory.mktemp("requests-e2e")
    build_office(root, persons=150)
    workspace = open_workspace(root / "waarborg.yaml")
    clock = MovableClock(NOW)
    try:
        with served(create_app(workspace, settings_from_env(workspace.env), clock), free_port()) as base:
            yield base, workspace, clock
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def shot(page: Any, name: str) -> None:
    """A screenshot for the guide, reduced to 64 colours so the PNG stays small (about a third)."""
    full_shot(page, name)
    if SHOTS:
        from PIL import Image

        path = Path(SHOTS) / f"{name}.png"
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(colors=64)
        small.save(path, optimize=True)


def _page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="nl-NL", accept_downloads=True)
    return context.new_page()


def _person(workspace: Workspace, sql: str) -> str:
    from sqlalchemy import text

    with workspace.connections().engine("crm").connect() as conn:
        return str(conn.execute(text(sql)).scalar_one())


def _handler_opens(browser: Any, base: str, request_id: str) -> Any:
    page = _page(browser)
    sign_in_with(page, base, *PASSWORDS["handler"])
    page.goto(f"{base}/office/requests")
    with page.expect_navigation():
        page.click(f"a[href='/office/requests/{request_id}']")
    return page


def _received(workspace: Workspace, kind: str, email: str, clock: MovableClock) -> str:
    """A verified request, created through the service as the centre would after verification."""
    from waarborg.requests import workflow
    from waarborg.requests.identity import Identity

    return workflow.receive(workspace, kind, Identity("email", email), "centre", clock.now())


def _mail_texts(page: Any) -> str:
    return str(page.locator("#mails").inner_text())


def test_the_subject_asks_confirms_and_downloads_what_the_handler_fulfilled(
        office: tuple[str, Workspace, MovableClock], browser: Any) -> None:
    base, workspace, _clock = office
    email = _person(workspace, "SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET 20")
    subject = _page(browser)
    subject.goto(f"{base}/centre/requests/access")
    subject.fill("input[name=identity_email]", email)
    shot(subject, "centre-request-form")
    with subject.expect_navigation():
        subject.click("form[action='/centre/requests/access'] button")
    verify_link, _status_link = links_in(latest_mail_to(workspace, email).body)
    subject.goto(base + path_of(verify_link))
    with subject.expect_navigation():
        subject.click(f"form[action='{path_of(verify_link)}'] button")
    request_id = _request_of(workspace, email)
    handler = _handler_opens(browser, base, request_id)
    shot(handler, "office-request-received")
    with handler.expect_navigation():
        handler.click(f"form[action='/office/requests/{request_id}/run'] button")
    assert "uw gegevens staan klaar" in _mail_texts(handler)
    assert DOWNLOAD_PATH + "…" in handler.locator("#mails").inner_html()  # the office cannot use the link
    handler.click("#mails summary")
    shot(handler, "office-request-answered")
    answer = latest_mail_to(workspace, email).body
    link = next(word for word in answer.split() if DOWNLOAD_PATH in word)
    subject.goto(base + path_of(link))
    shot(subject, "centre-download")
    with subject.expect_download() as download:
        subject.click(f"form[action='{path_of(link)}'] button")
    content = Path(download.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        data = archive.read(next(n for n in names if n.endswith("/data.json")))
    assert any(n.endswith("/letter.html") for n in names) and email.encode() in data
    subject.goto(base + path_of(link))
    with subject.expect_navigation():
        subject.click(f"form[action='{path_of(link)}'] button")  # the link works once
    assert subject.locator("h1").inner_text() == "Deze link werkt niet"
    handler.reload()
    assert "request.downloaded" in handler.locator("table").last.inner_text()


def _request_of(workspace: Workspace, email: str) -> str:
    from sqlalchemy import select

    from waarborg.datasets.identities import identity_hash
    from waarborg.store.models import DataSubjectRequest

    hashed = identity_hash(workspace.erasure_key(), "email", email)
    with workspace.store.session() as session:
        query = select(DataSubjectRequest.id).where(DataSubjectRequest.identity_hash == hashed)
        return str(session.execute(query.order_by(DataSubjectRequest.received_at.desc())).scalars().first())


def test_an_erasure_reports_the_invoice_kept_under_the_fiscal_hold(
        office: tuple[str, Workspace, MovableClock], browser: Any) -> None:
    base, workspace, clock = office
    email = _person(workspace, "SELECT p.email FROM persons p JOIN invoices i ON i.person_id = p.id "
                               "WHERE i.invoice_date > '2023-01-01' ORDER BY p.id LIMIT 1")
    request_id = _received(workspace, "erase", email, clock)
    page = _handler_opens(browser, base, request_id)
    with page.expect_navigation():
        page.click(f"form[action='/office/requests/{request_id}/dry-run'] button")
    assert "Zou worden bewaard, en waarom" in page.locator("#dry-run").inner_text()
    shot(page, "office-request-dry-run")
    with page.expect_navigation():
        page.click(f"form[action='/office/requests/{request_id}/run'] button")
    mails = _mail_texts(page)
    assert "wat wij hebben gedaan" in mails
    page.click("#mails summary")
    body = page.locator("#mails pre").inner_text()
    assert "Wij hebben uw gegevens gewist:" in body and "Sommige gegevens moeten wij nog bewaren" in body
    kept = next(line for line in body.splitlines() if "op grond van een wettelijke plicht" in line)
    assert "factuur" in kept.lower() and ", tot " in kept


def test_an_extension_with_reasons_and_a_refusal_with_the_complaint_route_are_mailed(
        office: tuple[str, Workspace, MovableClock], browser: Any) -> None:
    base, workspace, clock = office
    email = _person(workspace, "SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET 30")
    extended = _received(workspace, "access", email, clock)
    page = _handler_opens(browser, base, extended)
    form = f"form[action='/office/requests/{extended}/extend']"
    page.select_option(f"{form} select[name=months]", "2")
    page.fill(f"{form} input[name=reasons]", "uw gegevens staan in vier systemen die wij apart moeten doorzoeken")
    shot(page, "office-request-extend")
    with page.expect_navigation():
        page.click(f"{form} button")
    page.click("#mails summary")
    body = page.locator("#mails pre").inner_text()
    assert "verlengen met 2 maand(en), om deze reden: uw gegevens staan in vier systemen" in body
    refused = _received(workspace, "erase", email, clock)
    page.goto(f"{base}/office/requests/{refused}")
    form = f"form[action='/office/requests/{refused}/refuse']"
    page.select_option(f"{form} select[name=ground]", "excessive")
    page.fill(f"{form} input[name=reasons]", "dit is uw zesde verzoek deze maand")
    with page.expect_navigation():
        page.click(f"{form} button")
    page.click("#mails summary")
    body = page.locator("#mails pre").inner_text()
    assert "buitensporig" in body and "Autoriteit Persoonsgegevens" in body and "naar de rechter" in body
    shot(page, "office-request-refused")
