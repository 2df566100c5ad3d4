"""Each Art. 13/14 element: a Dutch and an English sentence that give it, and a near miss that does not."""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text
from waarborg.register.elements import ELEMENT_KEYS

# (element, Dutch sentence that gives it, English sentence that gives it, near miss)
CASES: list[tuple[str, str, str, str]] = [
    ("controller_identity",
     "Stichting De Brug is de verwerkingsverantwoordelijke voor uw gegevens.",
     "Acme Tools Ltd is the controller of your personal data.",
     "wij vinden privacy erg belangrijk en gaan zorgvuldig met gegevens om."),
    ("controller_contact",
     "Vragen? Mail naar privacy@debrug.nl of bel 020-6241234.",
     "Write to us at Keizersgracht 10, 1015 CN Amsterdam.",
     "Neem gerust contact met ons op als u vragen heeft."),
    ("dpo_contact",
     "Onze functionaris gegevensbescherming is bereikbaar via fg@debrug.nl.",
     "Our data protection officer can be reached at dpo@acme.example.",
     "Onze privacy officer beoordeelt elk datalek."),
    ("purposes",
     "Wij gebruiken uw gegevens om de contributie te innen.",
     "We use your details to send you the club magazine.",
     "Privacy staat bij ons hoog in het vaandel."),
    ("legal_basis",
     "De grondslag voor deze verwerking is de uitvoering van de overeenkomst.",
     "The legal basis for this processing is your consent.",
     "Wij houden ons aan de wet."),
    ("legitimate_interests",
     "Dit doen wij op grond van ons gerechtvaardigd belang om fraude te voorkomen.",
     "We rely on our legitimate interest in keeping the building safe.",
     "Wij verwerken deze gegevens op grond van ons gerechtvaardigd belang."),
    ("recipients",
     "Wij delen uw gegevens met onze administrateur, die als verwerker optreedt.",
     "We share your data with our payment provider.",
     "Wij zijn niet verantwoordelijk voor het privacybeleid van andere websites."),
    ("transfers",
     "Uw gegevens worden niet doorgegeven aan landen buiten de Europese Economische Ruimte.",
     "We do not transfer personal data outside the EEA.",
     "Wij werken samen met partijen uit de regio."),
    ("retention",
     "Wij bewaren uw gegevens tot twee jaar na het einde van uw lidmaatschap.",
     "We keep your data for 6 months after your last visit.",
     "Wij reageren binnen vier weken op uw verzoek."),
    ("right_access",
     "U heeft het recht om uw persoonsgegevens in te zien.",
     "You have the right to access your personal data.",
     "Op deze pagina kunt u de wijzigingen direct inzien."),
    ("right_rectification",
     "U kunt ons vragen onjuiste gegevens te corrigeren.",
     "You may ask us to rectify inaccurate data.",
     "Wij werken voortdurend aan het verbeteren van onze diensten."),
    ("right_erasure",
     "U heeft het recht ons te verzoeken uw gegevens te verwijderen.",
     "You have the right to request deletion of your data.",
     "Video-opnames worden na zes maanden automatisch verwijderd."),
    ("right_restriction",
     "U kunt ons vragen de verwerking van uw gegevens te beperken.",
     "You can ask us to restrict the processing of your data.",
     "De laatste drie cijfers van uw IP-adres zijn afgeschermd."),
    ("right_objection",
     "U kunt bezwaar maken tegen het gebruik van uw gegevens voor de nieuwsbrief.",
     "You have the right to object to direct marketing.",
     "Heeft u vragen, laat het ons weten."),
    ("right_portability",
     "U heeft recht op overdraagbaarheid van uw gegevens.",
     "You can receive your data in a machine-readable format.",
     "Wij dragen zorg voor een goede beveiliging."),
    ("right_withdraw_consent",
     "U kunt uw toestemming altijd weer intrekken.",
     "You can withdraw your consent at any time.",
     "Wij vragen uw toestemming voordat wij foto's plaatsen."),
    ("right_complaint",
     "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.",
     "You can lodge a complaint with the supervisory authority.",
     "Heeft u een klacht? Neem dan contact met ons op."),
    ("provision_requirement",
     "Zonder deze gegevens kunnen wij u niet inschrijven.",
     "You are not obliged to provide your phone number.",
     "De politie kan ons verplichten gegevens te verstrekken."),
    ("automated_decisions",
     "Wij nemen geen besluiten op basis van geautomatiseerde besluitvorming.",
     "We do not use profiling.",
     "Onze website werkt automatisch met de nieuwste browser."),
    ("data_categories",
     "Wij verwerken de volgende persoonsgegevens: naam, adres en e-mailadres.",
     "We collect the following data: your name, e-mail address and phone number.",
     "Wij verwerken gegevens zorgvuldig."),
    ("data_source",
     "Als wij gegevens niet rechtstreeks van u hebben ontvangen, noemen wij de bron.",
     "We receive your name from your employer.",
     "U kunt ons via de website bereiken."),
]


def test_every_element_has_cases() -> None:
    assert sorted(case[0] for case in CASES) == sorted(ELEMENT_KEYS)


@pytest.mark.parametrize(("element", "sentence"), [(case[0], case[1]) for case in CASES])
def test_dutch_sentence_gives_the_element(element: str, sentence: str) -> None:
    result = analyze_text(sentence, "nl").elements[element]
    assert result.present, sentence
    assert result.evidence and all(sentence[e.start:e.end] == e.text for e in result.evidence)


@pytest.mark.parametrize(("element", "sentence"), [(case[0], case[2]) for case in CASES])
def test_english_sentence_gives_the_element(element: str, sentence: str) -> None:
    result = analyze_text(sentence, "en").elements[element]
    assert result.present, sentence
    assert result.evidence


@pytest.mark.parametrize(("element", "sentence"), [(case[0], case[3]) for case in CASES])
def test_near_miss_does_not_give_the_element(element: str, sentence: str) -> None:
    result = analyze_text(sentence, "nl").elements[element]
    assert not result.present, [e.text for e in result.evidence]
    assert result.evidence == []


def test_heading_gives_context_to_the_sentences_below_it() -> None:
    text = "Bewaartermijn\n\nNa afloop van het abonnement nog zes maanden.\n"
    assert analyze_text(text, "nl").elements["retention"].present
    assert not analyze_text("Na afloop van het abonnement nog zes maanden.\n", "nl").elements["retention"].present


def test_legitimate_interest_is_required_only_when_that_basis_is_used() -> None:
    used = analyze_text("Wij verwerken uw gegevens op grond van ons gerechtvaardigd belang.", "nl")
    unused = analyze_text("Wij verwerken uw gegevens om de overeenkomst uit te voeren.", "nl")
    assert used.uses_legitimate_interest and used.elements["legitimate_interests"].required
    assert not used.elements["legitimate_interests"].present
    assert "legitimate_interests" in used.missing()
    assert not unused.uses_legitimate_interest and not unused.elements["legitimate_interests"].required
    assert "legitimate_interests" not in unused.missing()


def test_withdrawal_is_required_only_when_consent_is_used() -> None:
    used = analyze_text("Met uw toestemming plaatsen wij foto's op de website.", "nl")
    unused = analyze_text("Wij verwerken uw gegevens om de overeenkomst uit te voeren.", "nl")
    assert used.uses_consent and used.elements["right_withdraw_consent"].required
    assert not unused.uses_consent and not unused.elements["right_withdraw_consent"].required
    assert unused.elements["right_withdraw_consent"].note


def test_consent_named_only_in_the_withdrawal_sentence_is_not_consent_in_use() -> None:
    analysis = analyze_text("U heeft het recht uw toestemming in te trekken.", "nl")
    assert not analysis.uses_consent
    assert analysis.elements["right_withdraw_consent"].present


def test_a_missing_dpo_is_informational_not_missing() -> None:
    analysis = analyze_text("Wij verwerken uw naam en e-mailadres om u de nieuwsbrief te sturen.", "nl")
    dpo = analysis.elements["dpo_contact"]
    assert not dpo.present and not dpo.required
    assert "dpo_contact" not in analysis.missing()


def test_a_statement_that_there_is_no_dpo_counts_as_giving_the_element() -> None:
    text = "Wij hebben geen functionaris gegevensbescherming aangesteld; dat is voor ons niet verplicht."
    assert analyze_text(text, "nl").elements["dpo_contact"].present


def test_a_complaint_to_the_organisation_alone_is_not_the_complaint_right() -> None:
    text = "Heeft u een klacht over hoe wij met uw gegevens omgaan? Dan lossen wij het samen op."
    assert not analyze_text(text, "nl").elements["right_complaint"].present


# Statements often copy the law's own words (AVG/GDPR Art. 13 and 14); those must always be recognised.
LAW_WORDING: list[tuple[str, str, str]] = [
    ("nl", "right_erasure",
     "U heeft het recht ons te verzoeken om inzage van en rectificatie of wissing van uw gegevens."),
    ("nl", "provision_requirement",
     "De verstrekking van persoonsgegevens is een contractuele verplichting; de gevolgen zijn dat wij u niet "
     "kunnen helpen wanneer deze gegevens niet worden verstrekt."),
    ("nl", "data_source", "Wij vermelden de bron waar de persoonsgegevens vandaan komen."),
    ("nl", "transfers", "Wij geven geen gegevens door aan een derde land of een internationale organisatie."),
    ("en", "right_access",
     "You have the right to request from the controller access to and rectification of your data."),
    ("en", "retention", "The period for which the personal data will be stored is two years."),
    ("en", "provision_requirement", "We explain the possible consequences of failure to provide such data."),
    ("en", "data_source", "We tell you from which source the personal data originate."),
]


@pytest.mark.parametrize(("language", "element", "sentence"), LAW_WORDING)
def test_the_laws_own_wording_gives_the_element(language: str, element: str, sentence: str) -> None:
    assert analyze_text(sentence, "nl" if language == "nl" else "en").elements[element].present


@pytest.mark.parametrize(("language", "text", "words"), [
    ("nl", "Wij verwerken uw gegevens om de overeenkomst uit te voeren.", "niet vereist"),
    ("en", "We process your data to perform our contract with you.", "not required"),
])
def test_the_note_on_an_element_that_is_not_required_is_in_the_statements_language(
        language: str, text: str, words: str) -> None:
    analysis = analyze_text(text, "nl" if language == "nl" else "en")
    withdrawal, dpo = analysis.elements["right_withdraw_consent"], analysis.elements["dpo_contact"]
    assert withdrawal.note.startswith(words)
    assert "toestemming" in withdrawal.note_in("nl") and "consent" in withdrawal.note_in("en")
    assert "functionaris gegevensbescherming" in dpo.note_in("nl") and "DPO" in dpo.note_in("en")
    assert analysis.as_json()["elements"]["right_withdraw_consent"]["note_nl"] == withdrawal.note_in("nl")


def test_an_element_that_is_present_or_required_has_no_note() -> None:
    analysis = analyze_text("U kunt uw toestemming altijd weer intrekken. Met uw toestemming mailen wij u.", "nl")
    assert analysis.elements["right_withdraw_consent"].present
    assert [key for key, result in analysis.elements.items() if result.note_in("en")] == [
        "dpo_contact", "legitimate_interests"]
