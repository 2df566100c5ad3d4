"""Proof of consent for one person (Art. 7(1)) as JSON and as a PDF in Dutch and English."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from consent_support import KEY
from pypdf import PdfReader

from waarborg.consent.ledger import ConsentChange, Person, record
from waarborg.consent.proof import build_proof, render_proof_pdf

JAN = Person("email", "jan@example.nl")
PIET = Person("email", "piet@example.nl")


@pytest.fixture
def ledger(sqlite_store, register):
    with sqlite_store.session() as session:
        record(session, KEY, register, JAN, ConsentChange(
            "newsletter", "given", "web_form", {"form_text": "Stuur mij de nieuwsbrief"},
            datetime(2026, 3, 1, 10, tzinfo=UTC), "3.0"), contact=True)
        record(session, KEY, register, PIET, ConsentChange("newsletter", "given", "paper", {}))
        record(session, KEY, register, JAN, ConsentChange(
            "newsletter", "withdrawn", "web_form", {"via": "one_click"}, datetime(2026, 5, 1, tzinfo=UTC)))
        record(session, KEY, register, JAN, ConsentChange(
            "youth_news", "given", "paper", {"form_text": "Ja"}, datetime(2026, 4, 1, tzinfo=UTC)))
    return sqlite_store


def test_the_json_proof_lists_only_this_persons_events_with_version_method_and_evidence(ledger, register) -> None:
    with ledger.session() as session:
        proof = build_proof(session, KEY, register, Person("email", "Jan@Example.nl"), "en")
    data = json.loads(proof.to_json())
    assert [(e["purpose"], e["action"], e["statement_version"], e["method"]) for e in data["events"]] == [
        ("newsletter", "given", "3.0", "web_form"),
        ("youth_news", "given", "3.1", "paper"),
        ("newsletter", "withdrawn", "3.1", "web_form"),
    ]
    assert data["events"][0]["evidence"] == {"form_text": "Stuur mij de nieuwsbrief"}
    assert data["current"] == {"newsletter": "withdrawn", "youth_news": "given"}
    assert data["events"][1]["activity"] == "Youth news"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", ["Bewijs van toestemming", "Nieuwsbrief", "ingetrokken", "webformulier"]),
     ("en", ["Proof of consent", "Newsletter", "withdrawn", "web form"])],
)
def test_the_pdf_proof_reads_in_the_chosen_language(ledger, register, lang, words) -> None:
    with ledger.session() as session:
        proof = build_proof(session, KEY, register, JAN, lang)
    pdf = render_proof_pdf(proof, lang)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF")
    for word in [*words, "jan@example.nl", "Stuur mij de nieuwsbrief"]:
        assert word in text


def test_a_person_without_events_gets_a_proof_that_says_so(ledger, register) -> None:
    with ledger.session() as session:
        proof = build_proof(session, KEY, register, Person("email", "nobody@example.nl"), "nl")
    assert proof.events == [] and proof.current == {}
    text = PdfReader(io.BytesIO(render_proof_pdf(proof, "nl"))).pages[0].extract_text()
    assert "Er is geen toestemming vastgelegd." in text
