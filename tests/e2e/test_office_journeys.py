"""Journeys through the office in Debian's Chromium (Playwright for Python, never `playwright
install`): sign in, the dashboard, the language switch, the idle session ending, the HR-only field,
and a viewer refused the admin pages. The server is uvicorn in a thread on a free loopback port,
with a clock the test moves. Set WAARBORG_SCREENSHOTS=DIR to keep screenshots of the main pages."""

from __future__ import annotations

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
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, MovableClock, str]]:
    from sqlalchemy import text

    from waarborg.office.jobs import send_reminders
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    root = tmp_path_factory.mktemp("office-e2e")
    build_office(root, persons=300)
    workspace = open_workspace(root / "waarborg.yaml")
    settings = settings_from_env(workspace.env)
    send_reminders(workspace, settings, NOW)  # the outbox holds what a served office would have sent
    clock = MovableClock(NOW)
    with workspace.connections().engine("crm").connect() as conn:
        employee = str(conn.execute(text("SELECT email FROM employees ORDER BY id LIMIT 1")).scalar_one())
    try:
        with served(create_app(workspace, settings, clock), free_port()) as base:
            yield base, clock, employee
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _page(browser: object, width: int = 1280) -> object:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")  # type: ignore[attr-defined]
    return context.new_page()


def _sign_in(page: object, base: str, role: str) -> None:
    sign_in_with(page, base, *PASSWORDS[role])


def test_sign_in_see_the_dashboard_and_switch_language(server: tuple[str, MovableClock, str], browser: object) -> None:
    base, _clock, _ = server
    page = _page(browser)
    _sign_in(page, base, "privacy_officer")
    assert page.locator("h1").inner_text() == "Overzicht"  # type: ignore[attr-defined]
    assert page.locator("#card-retention svg rect.bar").count() == 12  # type: ignore[attr-defined]
    assert page.locator("#card-requests tr.overdue").count() == 1  # type: ignore[attr-defined]
    shot(page, "office-dashboard")
    for path, name in (("/office/register", "office-register"), ("/office/audit", "office-audit"),
                       ("/office/outbox", "office-outbox")):
        page.goto(base + path)  # type: ignore[attr-defined]
        shot(page, name)
    page.goto(base + "/office/")  # type: ignore[attr-defined]
    page.click("button[name=lang][value=en]")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Dashboard"  # type: ignore[attr-defined]
    assert "Open requests by deadline" in page.content()  # type: ignore[attr-defined]


def test_the_idle_session_ends(server: tuple[str, MovableClock, str], browser: object) -> None:
    base, clock, _ = server
    page = _page(browser)
    _sign_in(page, base, "viewer")
    assert page.url.endswith("/office/")  # type: ignore[attr-defined]
    clock.advance(minutes=31)
    page.goto(base + "/office/register")  # type: ignore[attr-defined]
    assert "/office/login?expired=1" in page.url  # type: ignore[attr-defined]
    assert "omdat u een tijd niets deed" in page.content()  # type: ignore[attr-defined]


def test_handler_sees_hidden_national_id_that_hr_sees(server: tuple[str, MovableClock, str], browser: object) -> None:
    base, _clock, employee = server
    seen = {}
    for role in ("handler", "hr"):
        page = _page(browser, width=1100)
        _sign_in(page, base, role)
        page.goto(base + "/office/persons")  # type: ignore[attr-defined]
        page.fill("input[name=value]", employee)  # type: ignore[attr-defined]
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        seen[role] = page.locator("td.hidden-field[data-field=bsn]").count()  # type: ignore[attr-defined]
        if role == "handler":
            shot(page, "office-person-handler")
    assert seen == {"handler": 1, "hr": 0}


def test_viewer_cannot_reach_admin_pages(server: tuple[str, MovableClock, str], browser: object) -> None:
    base, _clock, _ = server
    page = _page(browser, width=390)  # a phone
    _sign_in(page, base, "viewer")
    assert page.locator("nav a[href='/office/users']").count() == 0  # type: ignore[attr-defined]
    answer = page.goto(base + "/office/users")  # type: ignore[attr-defined]
    assert answer.status == 403 and "Geen toegang" in page.content()  # type: ignore[attr-defined]
    page.goto(base + "/office/")  # type: ignore[attr-defined]
    shot(page, "office-dashboard-phone")
