"""A data subject asks for access in the public centre (Debian's Chromium): the form, the receipt
mail with its verification link from the outbox, the confirmation, the status page with the
deadline; then a handler signs in and finds the request on the queue. Keyboard-only too: the form
is reached and sent with Tab and Enter. Set WAARBORG_SCREENSHOTS=DIR to keep screenshots."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from browser_support import CHROMIUM, SKIP_REASON, chromium, office_served, shot
from browser_support import sign_in as sign_in_with
from centre_journey import ask_in_centre, confirm_request, find_on_queue, open_status, receipt_links
from web_support import NOW, PASSWORDS, build_office

from waarborg.office.clock import MovableClock
from waarborg.requests.deadline import deadline
from waarborg.web.i18n import short_date

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip(SKIP_REASON, allow_module_level=True)
pytest.importorskip("playwright.sync_api")
SUBJECT = "browser.verzoeker@example.nl"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    root = tmp_path_factory.mktemp("intake-e2e")
    build_office(root, persons=100)
    with office_served(root, MovableClock(NOW)) as (base, workspace):
        yield base, workspace


def test_a_subject_asks_for_access_confirms_and_follows_it_and_a_handler_sees_it(
        served: tuple[str, object]) -> None:
    base, workspace = served
    with chromium() as browser:
        page = browser.new_context(locale="nl-NL").new_page()
        ask_in_centre(page, base, "access", SUBJECT)
        assert "Kijk in uw e-mail" in page.content()
        shot(page, "centre-request-sent")
        verify_link, status_link = receipt_links(workspace, SUBJECT)
        open_status(page, status_link)
        assert "Wacht tot u uw e-mailadres bevestigt" in page.inner_text("#state")
        confirm_request(page, verify_link)
        assert "Uw verzoek is bevestigd" in page.content()
        open_status(page, status_link)
        assert "Ontvangen" in page.inner_text("#state")
        # the register's promise (four weeks) or the law's calendar month, from the day it was sent
        due = short_date(deadline(NOW, workspace.register.rights.response_time), "nl")  # type: ignore[attr-defined]
        assert due == "30 mrt 2026" and page.inner_text("#deadline").strip() == due
        shot(page, "centre-request-status")

        office = browser.new_context(locale="nl-NL").new_page()
        sign_in_with(office, base, *PASSWORDS["handler"])
        rows = find_on_queue(office, base, SUBJECT)
        assert rows.count() == 1
        assert "inzage" in rows.first.inner_text() and due in rows.first.inner_text()
        shot(office, "centre-request-on-the-queue")


def test_the_form_works_with_the_keyboard_alone_and_shows_where_the_focus_is(
        served: tuple[str, object]) -> None:
    base, _ = served
    with chromium() as browser:
        page = browser.new_context(locale="nl-NL").new_page()
        page.goto(f"{base}/centre/requests/erase")
        page.locator("input[name=identity_email]").focus()
        page.keyboard.type("keyboard.user@example.org")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"  # the focus is visible
        order = []
        for _ in range(3):
            page.keyboard.press("Tab")
            order.append(page.evaluate("document.activeElement.name || document.activeElement.tagName"))
        assert order == ["identity_member_number", "details", "BUTTON"]
        shot(page, "centre-request-form")  # the focus ring on the button
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Kijk in uw e-mail" in page.content()
