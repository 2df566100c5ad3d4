"""Facts the analyzer extracts: contacts, registration numbers, retention periods, parties, categories."""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text, detect_language
from waarborg.register.taxonomy import data_categories


@pytest.mark.parametrize(("text", "phone"), [
    ("Bel ons op 070-7620764.", "070-7620764"),
    ("Mobiel: 06-12345678", "06-12345678"),
    ("Telefoon (06) 53 43 06 42", "(06) 53 43 06 42"),
    ("Tel. 030 - 231 44 55", "030 - 231 44 55"),
    ("Call +31 20 123 4567 during office hours.", "+31 20 123 4567"),
    ("Bel 09 225 17 80 in Gent.", "09 225 17 80"),
])
def test_dutch_and_belgian_phone_numbers_are_found(text: str, phone: str) -> None:
    assert analyze_text(text, "nl").facts.phones == [phone]


@pytest.mark.parametrize("text", [
    "KvK-nummer 61673811",
    "ondernemingsnummer 0412.345.678",
    "Dit beleid is van 30 mei 2018.",
    "IBAN en het bedrag van uw gift",
])
def test_numbers_that_are_not_phones_are_not_taken_for_phones(text: str) -> None:
    assert analyze_text(text, "nl").facts.phones == []


def test_email_addresses_plain_and_obfuscated_are_found_once() -> None:
    text = "Mail info@kvgo.nl of vck [at] vck [dot] be. Nogmaals: info@kvgo.nl."
    assert analyze_text(text, "nl").facts.emails == ["info@kvgo.nl", "vck@vck.be"]


@pytest.mark.parametrize(("text", "address"), [
    ("KVGO\nBoeing Avenue 209\n1119 PD Schiphol-Rijk\n", "Boeing Avenue 209, 1119 PD Schiphol-Rijk"),
    ("gevestigd aan de Bernagietuin 24, 7813 BV te Emmen.", "Bernagietuin 24, 7813 BV te Emmen"),
    ("per brief (Keizerstraat 20-22, 2000 Antwerpen).", "Keizerstraat 20-22, 2000 Antwerpen"),
    ("Postbus 93374, 2509 AJ Den Haag", "Postbus 93374, 2509 AJ Den Haag"),
])
def test_postal_addresses_with_dutch_and_belgian_postcodes_are_found(text: str, address: str) -> None:
    assert analyze_text(text, "nl").facts.addresses == [address]


def test_a_belgian_postcode_needs_a_street_before_it() -> None:
    assert analyze_text("In 2018 Antwerpen was het druk.", "nl").facts.addresses == []


def test_registration_numbers_are_read_as_kvk_and_kbo() -> None:
    text = "ingeschreven bij de Kamer van Koophandel onder nummer **61673811**; ondernemingsnummer BE 0412 345 678"
    assert analyze_text(text, "nl").facts.registration_numbers == [
        {"kind": "kvk", "number": "61673811"},
        {"kind": "kbo", "number": "0412.345.678"},
    ]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Video-opnames worden 6 maanden bewaard en dan verwijderd.", 6, "months"),
    ("Administratieve gegevens worden 7 jaar na afloop van de overeenkomst bewaard.", 7, "years"),
    ("De bewaarperiode voor Google Analytics is ingesteld op **50 maanden**.", 50, "months"),
    ("Wij bewaren sollicitatiebrieven vier weken na de procedure.", 4, "weeks"),
    ("Camera footage is kept for 4 weeks.", 4, "weeks"),
])
def test_retention_periods_are_read_with_value_and_unit(text: str, value: int, unit: str) -> None:
    language = detect_language(text)
    periods = [fact for fact in analyze_text(text, language).facts.retention_periods if fact.kind == "period"]
    assert [(fact.value, fact.unit) for fact in periods] == [(value, unit)]
    assert text[periods[0].evidence.start:periods[0].evidence.end] == periods[0].evidence.text


def test_retention_period_knows_what_it_applies_to() -> None:
    text = "Het coachingsverslag wordt gedurende 3 jaar na afloop van het traject bewaard."
    (fact,) = analyze_text(text, "nl").facts.retention_periods
    assert fact.applies_to == "Het coachingsverslag"


def test_a_number_of_weeks_outside_a_retention_sentence_is_not_a_period() -> None:
    text = "Wij reageren binnen vier weken op uw verzoek. Ben je jonger dan 16 jaar, vraag dan je ouders."
    assert analyze_text(text, "nl").facts.retention_periods == []


def test_criteria_without_a_number_and_vague_phrases_are_told_apart() -> None:
    text = ("De gegevens van leden worden bewaard zolang het lidmaatschap duurt. "
            "Overige gegevens bewaren wij niet langer dan noodzakelijk.")
    kinds = [(fact.kind, fact.value) for fact in analyze_text(text, "nl").facts.retention_periods]
    assert kinds == [("criterion", None), ("vague", None)]


def test_vendors_are_named_with_role_and_country() -> None:
    text = ("Wij gebruiken Google Analytics en versturen de nieuwsbrief met MailChimp. "
            "Ons CRM is Efficy; betalingen lopen via Mollie.")
    parties = {party.name: (party.role, party.country) for party in analyze_text(text, "nl").facts.third_parties}
    assert parties == {"Google Analytics": ("analytics", "US"), "Mailchimp": ("processor", "US"),
                       "Efficy": ("processor", "BE"), "Mollie": ("payment", "NL")}


def test_common_words_are_not_taken_for_vendors() -> None:
    text = "We keep exact records and zoom in on what matters; the slack in our schedule is small."
    assert analyze_text(text, "en").facts.third_parties == []


def test_data_categories_map_to_taxonomy_keys() -> None:
    text = "Wij verwerken de volgende gegevens:\n- naam\n- e-mailadres\n- geboortedatum\n- IBAN\n"
    keys = analyze_text(text, "nl").facts.data_categories
    assert {"user.name", "user.contact.email", "user.demographic.date_of_birth",
            "user.financial.bank_account"} <= set(keys)
    assert set(keys) <= set(data_categories())


def test_legal_bases_supervisory_authority_cookies_and_websites() -> None:
    text = ("De grondslag is de uitvoering van de overeenkomst of een wettelijke verplichting. "
            "Wij plaatsen analytische cookies (_ga). Klachten: Autoriteit Persoonsgegevens. "
            "Zie ook www.voorbeeld.nl.")
    facts = analyze_text(text, "nl").facts
    assert facts.legal_bases == ["contract", "legal_obligation"]
    assert facts.supervisory_authority == "Autoriteit Persoonsgegevens"
    assert "_ga" in facts.cookies and "analytische cookies" in facts.cookies
    assert facts.websites == ["www.voorbeeld.nl"]


@pytest.mark.parametrize(("text", "name"), [
    ("Kwalipro, gevestigd aan de Bernagietuin 24, is verantwoordelijk.", "Kwalipro"),
    ("Infogroen Software B.V. (hierna: 'Infogroen') verwerkt gegevens.", "Infogroen Software B.V."),
    ("Het Vlaams Centrum voor Kwaliteit (VCK) vindt privacy belangrijk.", "Vlaams Centrum voor Kwaliteit"),
    ("Privacyverklaring Klantenservice Federatie\n\nInleiding", "Klantenservice Federatie"),
])
def test_controller_name_is_found(text: str, name: str) -> None:
    assert analyze_text(text, "nl").facts.controller_name == name


@pytest.mark.parametrize(("text", "language"), [
    ("Wij verwerken uw persoonsgegevens voor de ledenadministratie en bewaren ze niet langer dan nodig.", "nl"),
    ("We process your personal data to run the membership and keep it no longer than needed.", "en"),
    ("Jouw gegevens zijn bij ons in goede handen.", "nl"),
    ("Your data is safe with us.", "en"),
])
def test_language_is_detected(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert analyze_text(text).language == language


@pytest.mark.parametrize(("language", "text", "authority"), [
    ("nl", "Onze nieuwsbrief versturen wij met Mailchimp. U kunt een klacht indienen bij de Autoriteit "
           "Persoonsgegevens.", "Autoriteit Persoonsgegevens"),
    ("nl", "Onze nieuwsbrief versturen wij met Mailchimp. Klachten kunt u richten aan de "
           "Gegevensbeschermingsautoriteit (GBA).", "Gegevensbeschermingsautoriteit"),
    ("en", "Our newsletter is sent with Mailchimp. You can complain to the Dutch Data Protection Authority.",
     "Autoriteit Persoonsgegevens"),
])
def test_the_supervisory_authority_is_named_as_such_not_as_a_third_party(
        language: str, text: str, authority: str) -> None:
    facts = analyze_text(text, "nl" if language == "nl" else "en").facts
    assert facts.supervisory_authority == authority
    assert [party.name for party in facts.third_parties] == ["Mailchimp"]


def test_a_tax_authority_that_receives_data_stays_a_third_party() -> None:
    text = "Facturen geven wij door aan de Belastingdienst. Klachten: Autoriteit Persoonsgegevens."
    parties = analyze_text(text, "nl").facts.third_parties
    assert [(party.name, party.role) for party in parties] == [("Belastingdienst", "authority")]
