"""The report a privacy officer reads says per element why it counts (the quote) or what was looked for and not
found, in the statement's language (issue 15)."""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text
from waarborg.analyze.explain import looked_for
from waarborg.analyze.report_html import render_html_report
from waarborg.analyze.report_text import render_text_report
from waarborg.register.elements import ELEMENT_KEYS

NL = "Stichting De Brug verwerkt uw gegevens om u de nieuwsbrief te sturen. U kunt uw gegevens altijd inzien."
EN = "Harbour Club processes your data to send you the newsletter. You can ask to see your data at any time."


@pytest.mark.parametrize("key", ELEMENT_KEYS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_element_says_what_counts_in_both_languages(key: str, lang: str) -> None:
    text = looked_for(key, "nl" if lang == "nl" else "en")
    assert len(text) > 20


def test_dutch_text_report_quotes_the_reason_and_names_what_was_looked_for() -> None:
    analysis = analyze_text(NL)
    report = render_text_report(analysis, analysis.language, width=200)
    assert "waarom aanwezig: “U kunt uw gegevens altijd inzien.”" in report
    assert f"gezocht naar: {looked_for('right_complaint', 'nl')} — niet gevonden in de tekst" in report
    assert "looked for" not in report


def test_english_text_report_quotes_the_reason_and_names_what_was_looked_for() -> None:
    analysis = analyze_text(EN)
    report = render_text_report(analysis, analysis.language, width=200)
    assert "why present: “You can ask to see your data at any time.”" in report
    assert f"looked for: {looked_for('right_complaint', 'en')} — not found in the text" in report
    assert "gezocht naar" not in report


def test_html_report_explains_each_row_in_the_report_language() -> None:
    analysis = analyze_text(NL)
    html = render_html_report(analysis, NL, "nl")
    assert html.count('<span class="why">waarom aanwezig:</span>') == sum(
        result.present for result in analysis.elements.values())
    assert html.count('<span class="looked-for">gezocht naar:') == sum(
        not result.present for result in analysis.elements.values())


def test_json_gives_what_was_looked_for_in_both_languages() -> None:
    element = analyze_text(NL).as_json()["elements"]["right_complaint"]
    assert not element["present"]
    assert element["looked_for_nl"] == looked_for("right_complaint", "nl")
    assert element["looked_for_en"] == looked_for("right_complaint", "en")
