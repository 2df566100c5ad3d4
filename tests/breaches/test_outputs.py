"""The notification as JSON and PDF (same content), the letter to the people, the register as xlsx
and PDF. PDF text is read back with pypdf."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from breach_scenario import KEY, STOLEN_LAPTOP
from openpyxl import load_workbook
from pypdf import PdfReader

from store_support import open_audited_store
from waarborg.breaches.document import notification_document
from waarborg.breaches.incident import Incident
from waarborg.breaches.letter import people_letter, render_letter_html, render_letter_text
from waarborg.breaches.records import BreachView
from waarborg.breaches.register_export import register_pdf, register_xlsx
from waarborg.breaches.render import html_to_pdf, render_notification_html
from waarborg.breaches.service import add_follow_up, decide, list_breaches, notify, open_breach, show_breach
from waarborg.store import Store

AWARE = datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
ORG = "Infogroen Software B.V."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp('store')
    opened = open_audited_store(f"sqlite:///{folder / 'state.sqlite'}", folder)
    with opened.session() as session:
        first = open_breach(session, KEY, Incident.model_validate(STOLEN_LAPTOP), actor="ria", now=AWARE)
        decide(session, KEY, first.reference, "authority_and_people", None, actor="ria", now=AWARE)
        notify(session, KEY, first.reference, notified_at=AWARE + timedelta(hours=20), authority_reference="AP-1",
               delay_reason=None, actor="ria", now=AWARE + timedelta(hours=20))
        add_follow_up(session, KEY, first.reference, {"people": {"maximum": 260}}, actor="ria",
                      now=AWARE + timedelta(days=2))
        open_breach(session, KEY, Incident.model_validate({"what": {"summary": "Verkeerd verstuurde mail"}}),
                    actor="ria", now=AWARE + timedelta(days=5))
    yield opened
    opened.close()


@pytest.fixture
def breach(store: Store) -> BreachView:
    with store.session() as session:
        return show_breach(session, KEY, "2026-001")


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_json_follows_the_form_and_round_trips(breach: BreachView) -> None:
    document = json.loads(json.dumps(notification_document(breach, "nl", now=AWARE + timedelta(hours=30))))
    assert [s["number"] for s in document["sections"]] == list(range(10))
    assert Incident.model_validate(document["answers"]) == breach.incident
    assert document["authority"] == {"key": "AP", "name": "Autoriteit Persoonsgegevens", "verify": False}
    assert document["clock"]["state"] == "met"
    assert document["decision"]["choice"] == "authority_and_people"
    assert document["phases"] == ["2026-001-1"]
    rows = {row["field"]: row["answer"] for s in document["sections"] for row in s["questions"]}
    assert rows["timing.discovered_at"] == "24-10-2026 10:00 (CEST)"
    assert "notification.follows" not in rows  # a new notification is asked no earlier number


def test_belgian_document_adds_the_gba_form_and_asks_about_the_flemish_commission(breach: BreachView) -> None:
    document = notification_document(breach, "en", country="BE", now=AWARE)
    assert document["authority"]["key"] == "GBA" and document["authority"]["verify"] is True
    assert document["gba_form"][0]["title"] == "Type of notification"
    organisation = breach.incident.organisation.model_copy(update={"flemish_public_authority": True})
    flemish = replace(breach, incident=breach.incident.model_copy(update={"organisation": organisation}))
    assert notification_document(flemish, "nl", country="BE", now=AWARE)["authority"]["key"] == "VTC"


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["Melding datalek", "Autoriteit Persoonsgegevens", "2026-001", "Wanneer heeft u de inbreuk ontdekt?",
            "Burgerservicenummers (BSN) of sofinummers", "Hoog risico", "Gemeld"]),
    ("en", ["Personal data breach notification", "2026-001", "When did you discover the breach?",
            "Citizen service numbers (BSN) or tax numbers", "High risk", "Notified"]),
])
def test_notification_pdf_shows_the_answers(breach: BreachView, lang: str, expected: list[str]) -> None:
    document = notification_document(breach, lang, now=AWARE + timedelta(hours=30))  # type: ignore[arg-type]
    text = _pdf_text(html_to_pdf(render_notification_html(document, ORG)))
    for phrase in expected:
        assert phrase in text, phrase


def test_letter_to_the_people_has_the_article_34_contents(breach: BreachView) -> None:
    letter = people_letter(breach, organisation=ORG, country="NL", lang="nl", written=date(2026, 10, 26))
    text = _pdf_text(html_to_pdf(render_letter_html(letter)))
    assert "Ria de Vries" in text and "+31 30 123 4567" in text  # contact point, 33(3)(b)
    assert "Blootstelling aan (identiteits)fraude" in text  # likely consequences, 33(3)(c)
    assert "laptop op afstand gewist" in text  # measures taken, 33(3)(d)
    assert "Controleer uw bankafschriften" in text  # what people can do themselves
    assert "24 oktober 2026" in text


def test_letter_as_email_is_plain_text_in_english(breach: BreachView) -> None:
    letter = people_letter(breach, organisation=ORG, country="NL", lang="en", written=date(2026, 10, 26))
    text = render_letter_text(letter)
    assert text.startswith("Your personal data were involved in a data breach")
    assert "&#" not in text and "<" not in text
    assert "Dutch Data Protection Authority" in text


def test_register_xlsx_lists_every_notification_and_phase(store: Store) -> None:
    with store.session() as session:
        views = list_breaches(session, KEY)
    workbook = load_workbook(io.BytesIO(register_xlsx(views, "nl", ORG, date(2026, 11, 1))))
    sheet = workbook.active
    assert sheet is not None
    references = [sheet.cell(row=r, column=1).value for r in range(5, sheet.max_row + 1)]
    assert references == ["2026-002", "2026-001", "2026-001-1"]
    assert sheet.cell(row=4, column=1).value == "Kenmerk"
    assert sheet.cell(row=6, column=13).value == "180-210"


def test_register_pdf_in_english(store: Store) -> None:
    with store.session() as session:
        views = list_breaches(session, KEY)
    text = _pdf_text(register_pdf(views, "en", ORG, date(2026, 11, 1)))
    assert "Register of personal data breaches" in text
    for reference in ("2026-001", "2026-001-1", "2026-002"):
        assert reference in text


def test_belgian_pdf_follows_the_gba_headings(breach: BreachView) -> None:
    document = notification_document(breach, "nl", country="BE", now=AWARE)
    text = _pdf_text(html_to_pdf(render_notification_html(document, "Vlaams Centrum voor Kwaliteit")))
    assert "Gegevensbeschermingsautoriteit" in text and "bevoegdheid controleren" in text
    assert "Categorieën en aantal betrokkenen" in text
    assert "Soort melding" not in text  # the AP's section 0 title is not used for the GBA
