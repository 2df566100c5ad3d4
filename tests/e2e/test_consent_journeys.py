"""The consent journey in Debian's Chromium: subscribe on the public form, confirm from the mail,
see the subscription in the preference centre, unsubscribe with the RFC 8058 one-click POST from
the mail's header (no cookies, no page), and the address is then filtered out of a mailing.
Set WAARBORG_SCREENSHOTS=DIR to keep screenshots of the public pages."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from browser_support import CHROMIUM, CHROMIUM_FLAGS, SKIP_REASON, office_served, shot
from web_support import NOW, build_office

from waarborg.office.clock import MovableClock

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip(SKIP_REASON, allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")
READER = "browser.lezer@example.nl"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    root = tmp_path_factory.mktemp("consent-e2e")
    build_office(root, persons=100)
    with office_served(root, MovableClock(NOW)) as (base, workspace):
        yield base, workspace


def _shot(page: object, name: str) -> None:
    shot(page, f"consent-{name}")


def _latest_mail_body(workspace: object) -> str:
    from sqlalchemy import select

    from waarborg.office.models import OutboxMessage

    with workspace.store.session() as session:  # type: ignore[attr-defined]
        return str(session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == READER)
                                   .order_by(OutboxMessage.id.desc())).scalars().first())


def test_subscribe_confirm_prefer_one_click_unsubscribe_and_filtered(served: tuple[str, object]) -> None:
    from waarborg.consent.filter import filter_mailing
    from waarborg.consent.mails import mailing_message

    base, workspace = served
    with playwright_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_context(locale="nl-NL").new_page()
        page.goto(f"{base}/subscribe")
        page.fill("input[name=email]", READER)
        page.check("input[name=types][value=newsletter]")
        _shot(page, "subscribe")
        with page.expect_navigation():  # read the answer page, not the one it replaces
            page.click("form[action='/subscribe'] button")
        assert "Kijk in uw e-mail" in page.content()

        link = re.search(r"(https?://\S+/centre/confirm/\S+)", _latest_mail_body(workspace))
        assert link is not None
        page.goto(link.group(1))
        with page.expect_navigation():  # read the answer page, not the one it replaces
            page.click("form[action^='/centre/confirm/'] button")
        assert "Uw aanmelding is bevestigd." in page.content()

        register, key = workspace.register, workspace.erasure_key()  # type: ignore[attr-defined]
        mail = mailing_message(register, key, base, "newsletter", READER, "nieuws@example.nl", "Nieuws", "Hallo\n",
                               "nl")
        preferences = re.search(r"(https?://\S+/centre/preferences/\S+)", mail.get_content())
        assert preferences is not None
        page.goto(preferences.group(1))
        assert page.is_checked("input[name=types][value=newsletter]")
        _shot(page, "preferences")

        target = mail["List-Unsubscribe"].split(",")[0].strip("<> ")
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        mail_client = play.request.new_context()  # what a mail client does: POST, no cookies, no page
        answer = mail_client.post(target, form={"List-Unsubscribe": "One-Click"})
        assert (answer.status, answer.text()) == (200, "unsubscribed")
        page.reload()
        assert not page.is_checked("input[name=types][value=newsletter]")
        assert "U staat op onze afmeldlijst" in page.content()
        mail_client.dispose()
        browser.close()

    out = io.StringIO()
    with workspace.store.session() as session:  # type: ignore[attr-defined]
        report = filter_mailing(session, key, register, io.StringIO(f"email\n{READER}\n"), out, "newsletter")
    assert report.removed["suppressed"] == 1 and report.kept == 0
