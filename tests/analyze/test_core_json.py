"""The JSON report's shape, and properties that hold for any input text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from waarborg.analyze import analyze_text
from waarborg.register.elements import ELEMENT_KEYS

SAMPLE = ("Privacyverklaring Stichting De Brug\n\nWij gebruiken uw naam en e-mailadres om u de nieuwsbrief te "
          "sturen. Dat doen wij met uw toestemming. Wij bewaren uw gegevens 2 jaar. Mail info@debrug.nl.\n")


def test_json_has_all_21_elements_and_the_documented_keys() -> None:
    report = analyze_text(SAMPLE).as_json()
    assert list(report) == ["language", "elements", "uses_legitimate_interest", "uses_consent", "facts", "findings"]
    assert list(report["elements"]) == list(ELEMENT_KEYS)
    assert report["language"] == "nl"
    for element in report["elements"].values():
        assert set(element) == {"present", "required", "evidence", "note", "note_nl", "note_en", "looked_for_nl",
                                "looked_for_en"}
        assert element["looked_for_nl"] and element["looked_for_en"]
        assert all(set(evidence) == {"text", "start", "end"} for evidence in element["evidence"])
    assert report["facts"]["emails"] == ["info@debrug.nl"]
    assert report["facts"]["retention_periods"][0]["value"] == 2
    assert {finding["id"] for finding in report["findings"]} >= {"consent-without-withdrawal", "no-complaint-route"}
    json.dumps(report)  # serialisable as it is


def test_json_of_an_empty_text_still_lists_every_element_as_absent() -> None:
    report = analyze_text("").as_json()
    assert list(report["elements"]) == list(ELEMENT_KEYS)
    assert not any(element["present"] for element in report["elements"].values())


WORDS = st.sampled_from([
    "Wij", "bewaren", "uw", "gegevens", "7 jaar", "toestemming", "intrekken", "klacht", "Autoriteit Persoonsgegevens",
    "[Datum]", "Privacy Shield", "info@x.nl", "06-12345678", "1119 PD Schiphol", "We", "keep", "consent", "\n",
    "\n\n", "- ", "1. ", "# ", "**", ".", ",", ":", "?", "’", "İ", "•", "(", ")", "Wbp", "gerechtvaardigd belang",
])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join)))
def test_analysis_never_crashes_and_every_span_slices_the_input(text: str) -> None:
    result = analyze_text(text)
    spans = [e for element in result.elements.values() for e in element.evidence]
    spans += [e for finding in result.findings for e in finding.evidence]
    spans += [fact.evidence for fact in result.facts.retention_periods]
    spans += [party.evidence for party in result.facts.third_parties]
    assert all(text[e.start:e.end] == e.text and 0 <= e.start <= e.end <= len(text) for e in spans)
    assert list(result.as_json()["elements"]) == list(ELEMENT_KEYS)
