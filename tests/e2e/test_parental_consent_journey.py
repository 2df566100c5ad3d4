"""Children's consent (Art. 8) in Debian's Chromium, on the public subscribe form:

- a Dutch organisation (age 16): a 14-year-old's subscription waits for a parent; the parent
  confirms through their own link from the outbox, in their own browser, and only then does the
  ledger hold the consent, with the parental evidence;
- a Belgian organisation (age 13): the same 14-year-old confirms for themselves, no parent asked.

Set WAARBORG_SCREENSHOTS=DIR to keep screenshots of the public pages."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from browser_support import CHROMIUM, SKIP_REASON, chromium, free_port, served, shot
from web_support import SESSION_KEY

from waarborg.workspace import Workspace

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip(SKIP_REASON, allow_module_level=True)
pytest.importorskip("playwright.sync_api")

REGISTER = Path(__file__).resolve().parents[1] / "consent" / "consent_register.yaml"
NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
BIRTH_DATE = "2012-03-01"  # 14 years old on NOW: below 16 (NL), not below 13 (BE)
KID, PARENT = "jeugdlid@example.nl", "ouder@example.nl"


@contextmanager
def organisation(root: Path, country: str) -> Iterator[tuple[str, Workspace]]:
    """The consent test register as a workspace in `country`, served on a free port."""
    from waarborg.office.clock import MovableClock
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    root.mkdir()
    (root / "waarborg.yaml").write_text(REGISTER.read_text(encoding="utf-8").replace("country: NL",
                                                                                       f"country: {country}"))
    port = free_port()
    (root / ".env").write_text(f"WAARBORG_SESSION_KEY={SESSION_KEY}\nWAARBORG_BASE_URL=http://127.0.0.1:{port}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        app = create_app(workspace, settings_from_env(workspace.env), MovableClock(NOW))
        with served(app, port) as base:
            yield base, workspace
    finally:
        workspace.close()


def _outbox(workspace: Workspace) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from waarborg.office.models import OutboxMessage

    with workspace.store.session() as session:
        query = select(OutboxMessage.recipient, OutboxMessage.body).order_by(OutboxMessage.id)
        return [(str(recipient), str(body)) for recipient, body in session.execute(query)]


def _link(body: str) -> str:
    found = re.search(r"(https?://\S+/centre/confirm/\S+)", body)
    assert found is not None, "the mail holds no confirmation link"
    return found.group(1)


def _youth_news_events(workspace: Workspace) -> list[Any]:
    from waarborg.consent.ledger import events_of
    from waarborg.datasets.identities import identity_hash

    with workspace.store.session() as session:
        return [e for e in events_of(session, identity_hash(workspace.erasure_key(), "email", KID))
                if e.purpose == "youth_news"]


def _subscribe_as_kid(page: Any, base: str, parent: str | None) -> None:
    page.goto(f"{base}/subscribe")
    page.fill("input[name=email]", KID)
    page.check("input[name=types][value=youth_news]")
    page.fill("input[name=birth_date]", BIRTH_DATE)
    if parent:
        page.fill("input[name=parent_email]", parent)
        shot(page, "parental-consent-form")
    with page.expect_navigation():  # the answer page, loaded before anyone reads it
        page.click("form[action='/subscribe'] button")


def _confirm(browser: Any, link: str, name: str) -> str:
    """Open a mailed link in a browser of its own (the mailbox owner's) and press Confirm."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(link)
    with page.expect_navigation():  # content() mid-navigation is an empty document
        page.click("form[action^='/centre/confirm/'] button")
    shot(page, name)
    text = str(page.content())
    context.close()
    return text


def test_in_nl_a_14_year_old_needs_the_parent_who_confirms_by_their_own_link(tmp_path: Path) -> None:
    from waarborg.datasets.identities import identity_hash

    with organisation(tmp_path / "nl", "NL") as (base, workspace), chromium() as browser:
        page = browser.new_context(locale="nl-NL").new_page()
        _subscribe_as_kid(page, base, parent=None)
        assert "moet een ouder bevestigen" in page.content()  # refused: no parent's address given
        assert _outbox(workspace) == []
        _subscribe_as_kid(page, base, parent=PARENT)
        shot(page, "parental-consent-asked")
        assert "Wij stuurden uw ouder een e-mail" in page.content()
        [(recipient, body)] = _outbox(workspace)
        assert recipient == PARENT and "jonger is dan 16 jaar" in body  # to the parent, never to the child
        assert _youth_news_events(workspace) == []  # nothing consented until the parent confirms
        done = _confirm(browser, _link(body), "parental-consent-confirmed")
    assert "Uw toestemming als ouder is vastgelegd" in done
    [event] = _youth_news_events(workspace)
    assert event.action == "given" and event.evidence["confirmation"]["kind"] == "parental"
    assert event.evidence["age"] == {"birth_year": 2012}
    assert event.evidence["parental_consent"]["parent_identity_hash"] == identity_hash(
        workspace.erasure_key(), "email", PARENT)


def test_in_be_a_14_year_old_confirms_without_a_parent(tmp_path: Path) -> None:
    with organisation(tmp_path / "be", "BE") as (base, workspace), chromium() as browser:
        page = browser.new_context(locale="nl-NL").new_page()
        _subscribe_as_kid(page, base, parent=None)
        assert "Wij stuurden u een e-mail met een link" in page.content()
        [(recipient, body)] = _outbox(workspace)
        assert recipient == KID
        done = _confirm(browser, _link(body), "be-kid-confirmed")
    assert "Uw aanmelding is bevestigd." in done
    [event] = _youth_news_events(workspace)
    assert event.action == "given" and event.evidence["confirmation"]["kind"] == "double_opt_in"
    assert "parental_consent" not in event.evidence
