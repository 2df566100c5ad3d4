"""Every finding with a text that deserves it and a near miss that does not."""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text
from waarborg.analyze.findings import MESSAGES

COMPLAINT = "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens."

# (finding id, text that deserves it, similar text that does not)
CASES: list[tuple[str, str, str]] = [
    ("privacy-shield",
     f"Mailchimp valt onder het EU-VS Privacy Shield, uw gegevens zijn dus veilig. {COMPLAINT}",
     f"Het Privacy Shield is sinds 2020 ongeldig; wij gebruiken standaardcontractbepalingen. {COMPLAINT}"),
    ("retention-vague",
     f"Wij bewaren uw gegevens niet langer dan noodzakelijk. {COMPLAINT}",
     f"Wij bewaren uw gegevens niet langer dan noodzakelijk, en facturen zeven jaar. {COMPLAINT}"),
    ("no-complaint-route",
     "Heeft u een klacht? Mail ons, dan zoeken wij samen een oplossing.",
     f"Heeft u een klacht? Mail ons. {COMPLAINT}"),
    ("analytics-without-conditions",
     f"Wij gebruiken Google Analytics om het websitebezoek te meten. {COMPLAINT}",
     f"Wij gebruiken Google Analytics, privacyvriendelijk ingesteld volgens de handleiding van de "
     f"Autoriteit Persoonsgegevens. {COMPLAINT}"),
    ("consent-without-withdrawal",
     f"Met uw toestemming plaatsen wij foto's van wedstrijden op de website. {COMPLAINT}",
     f"Met uw toestemming plaatsen wij foto's op de website; u kunt uw toestemming altijd intrekken. {COMPLAINT}"),
    ("template-placeholder",
     f"Deze verklaring is vastgesteld op [Datum] door (naam invullen). {COMPLAINT}",
     f"Mail ons op info [at] club [dot] nl of lees [het privacybeleid van Google](https://policies.google.com). "
     f"{COMPLAINT}"),
    ("pre-gdpr-law",
     f"Wij houden ons aan de Wet bescherming persoonsgegevens (Wbp). {COMPLAINT}",
     f"De Autoriteit Persoonsgegevens (voorheen CBP) houdt toezicht op de AVG. {COMPLAINT}"),
]


def test_every_finding_has_a_message_in_both_languages_and_a_case() -> None:
    assert sorted(MESSAGES) == sorted(case[0] for case in CASES)
    assert all(nl and en and severity in {"error", "warning", "info"} for severity, nl, en in MESSAGES.values())


@pytest.mark.parametrize(("finding_id", "text"), [(case[0], case[1]) for case in CASES])
def test_text_gets_the_finding_with_evidence_from_it(finding_id: str, text: str) -> None:
    findings = {finding.id: finding for finding in analyze_text(text, "nl").findings}
    assert finding_id in findings
    for evidence in findings[finding_id].evidence:
        assert text[evidence.start:evidence.end] == evidence.text


@pytest.mark.parametrize(("finding_id", "text"), [(case[0], case[2]) for case in CASES])
def test_near_miss_does_not_get_the_finding(finding_id: str, text: str) -> None:
    assert finding_id not in {finding.id for finding in analyze_text(text, "nl").findings}


def test_english_privacy_shield_reliance_is_found() -> None:
    text = "Mailchimp is certified under the EU-US Privacy Shield, so your data is safe in the United States."
    assert "privacy-shield" in {finding.id for finding in analyze_text(text, "en").findings}


def test_english_template_placeholder_is_found() -> None:
    text = "Privacy policy of [company name], registered under number XXX."
    found = [finding for finding in analyze_text(text, "en").findings if finding.id == "template-placeholder"]
    assert [evidence.text for evidence in found[0].evidence] == ["[company name]", "XXX"]


def test_analytics_that_wait_for_consent_get_no_finding() -> None:
    text = "Hotjar and Google Analytics run only after you accept analytics cookies."
    assert "analytics-without-conditions" not in {finding.id for finding in analyze_text(text, "en").findings}


def test_saying_that_visiting_the_site_is_agreement_is_not_consent_for_analytics() -> None:
    text = "Wij gebruiken Google Analytics. U gaat hiermee akkoord wanneer u onze website gebruikt."
    assert "analytics-without-conditions" in {finding.id for finding in analyze_text(text, "nl").findings}
