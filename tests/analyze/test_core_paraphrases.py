"""The weak elements in the many ways real statements phrase them, and the near misses that share their words.

Each element shows an idea rather than a fixed sentence: a DPO with a way to reach them (or none at
all), what happens when someone does not give data, a decision a machine takes, where data come
from, data handed over as a file to another party, consent taken back. The near misses use the same
words for something else (a privacy officer without contact details, a copy of one's data, an
unsubscribe link where consent is not the basis) and must not count.
"""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text

# (element, language, text that gives the element)
GIVES: list[tuple[str, str, str]] = [
    ("controller_identity", "nl", "Bakkerij Jansen is verantwoordelijk voor de verwerking van uw persoonsgegevens."),
    ("controller_identity", "nl", "De Stichting Buurtzorg Oost is verantwoordelijk voor uw gegevens."),
    ("controller_identity", "nl", "Deze privacyverklaring is van toepassing op alle diensten van Fietsenmaker Bos."),
    ("controller_identity", "nl", "Verantwoordelijke: Vereniging Dorpsbelang, Kerkstraat 1, 9999 AA Oosterend."),
    ("controller_identity", "nl", "Wij, Camping De Heide in Ermelo, vinden uw privacy belangrijk."),
    ("controller_identity", "nl", "Fietsenmaker Bos bepaalt waarom en hoe uw gegevens worden verwerkt."),
    ("controller_identity", "en", "Bakery Jansen is responsible for processing your personal data."),
    ("controller_identity", "en", "This statement explains how Greenfield Books ('we') handles your personal data."),
    ("controller_identity", "en", "This privacy notice applies to Riverside Dental Practice."),
    ("controller_identity", "en", "Riverside Dental Practice decides why and how your personal data are processed."),
    ("legal_basis", "nl", "Wij doen dit omdat de wet dat van ons vraagt."),
    ("legal_basis", "nl", "Dit mag omdat u ons daarvoor toestemming heeft gegeven."),
    ("legal_basis", "nl", "Wij mogen dit doen omdat wij daar een gerechtvaardigd belang bij hebben."),
    ("legal_basis", "nl", "Dit is nodig om de overeenkomst met u uit te voeren."),
    ("legal_basis", "nl", "Wij zijn wettelijk verplicht uw facturen te bewaren."),
    ("legal_basis", "en", "We need this information to fulfil our contract with you."),
    ("legal_basis", "en", "We are legally obliged to keep invoices for seven years."),
    ("legal_basis", "en", "We process this data because you asked us to, and with your permission."),
    ("dpo_contact", "nl", "Wij hebben een functionaris gegevensbescherming (FG) aangesteld. Deze is bereikbaar via "
                          "privacy@zorggroep.example."),
    ("dpo_contact", "nl", "Wij zijn niet verplicht een functionaris gegevensbescherming aan te stellen en hebben dat "
                          "ook niet gedaan."),
    ("dpo_contact", "nl", "Voor vragen kunt u terecht bij onze privacy officer via privacy@bedrijf.example."),
    ("dpo_contact", "nl", "De DPO van onze scholengroep is te bereiken op dpo@scholengroep.example."),
    ("dpo_contact", "nl", "Een FG is voor een vereniging als de onze niet nodig."),
    ("dpo_contact", "en", "We have appointed a Data Protection Officer. You can contact them at dpo@example.org."),
    ("dpo_contact", "en", "We have not appointed a DPO, as the law does not require one for us."),
    ("dpo_contact", "en", "Our privacy officer can be reached at privacy@example.com."),
    ("provision_requirement", "nl", "Als u ons uw adres niet geeft, kunnen wij de bestelling niet bezorgen."),
    ("provision_requirement", "nl", "Vult u het formulier niet volledig in, dan kunnen wij uw aanvraag niet in "
                                    "behandeling nemen."),
    ("provision_requirement", "nl", "De velden met een * zijn verplicht."),
    ("provision_requirement", "nl", "Het opgeven van uw geboortedatum is vrijwillig."),
    ("provision_requirement", "nl", "Zonder uw e-mailadres kunnen we u geen bevestiging sturen."),
    ("provision_requirement", "nl", "Het verstrekken van uw BSN is een wettelijke verplichting."),
    ("provision_requirement", "nl", "Uw telefoonnummer is optioneel."),
    ("provision_requirement", "en", "If you do not provide this information, we will not be able to process your "
                                    "application."),
    ("provision_requirement", "en", "Fields marked with an asterisk are mandatory."),
    ("provision_requirement", "en", "You need to give us your name and address so that we can deliver your order."),
    ("provision_requirement", "en", "Without your address we cannot deliver your order."),
    ("provision_requirement", "en", "Your phone number is optional."),
    ("automated_decisions", "nl", "Wij maken geen gebruik van computerprogramma's die automatisch besluiten over u "
                                  "nemen."),
    ("automated_decisions", "nl", "Wij gebruiken geen algoritmes om beslissingen over u te nemen."),
    ("automated_decisions", "nl", "Wij maken geen klantprofielen."),
    ("automated_decisions", "nl", "Er wordt van u geen profiel opgesteld."),
    ("automated_decisions", "en", "No decisions are made about you by automated means."),
    ("automated_decisions", "en", "We use an algorithm to decide which offers to show you."),
    ("automated_decisions", "en", "We don't use your data to build profiles of you."),
    ("automated_decisions", "en", "Such processing has no legal effects for you."),
    ("data_source", "nl", "Soms ontvangen wij uw gegevens van uw werkgever."),
    ("data_source", "nl", "Wij krijgen uw gegevens via de gemeente."),
    ("data_source", "nl", "Deze gegevens zijn door uw werkgever aan ons doorgegeven."),
    ("data_source", "nl", "Via uw werkgever ontvangen wij uw naam en functie."),
    ("data_source", "nl", "Het adres van uw bedrijf zoeken wij op in het Handelsregister."),
    ("data_source", "en", "We may receive your details from your employer."),
    ("data_source", "en", "Sometimes we obtain information about you from credit reference agencies."),
    ("data_source", "en", "Your details were passed to us by your school."),
    ("data_source", "en", "Some of this information comes from other members of your household."),
    ("right_portability", "nl", "Op uw verzoek sturen wij uw gegevens digitaal door naar een andere zorgaanbieder."),
    ("right_portability", "nl", "U kunt uw gegevens exporteren en meenemen naar een andere aanbieder."),
    ("right_portability", "nl", "U kunt ons vragen uw gegevens in een gangbaar bestandsformaat aan u of aan een "
                                "andere partij te sturen."),
    ("right_portability", "nl", "U kunt de gegevens die u ons gaf als bestand opvragen om ze bij een nieuwe "
                                "leverancier te gebruiken."),
    ("right_portability", "en", "You can export your data as a CSV file to use with another service."),
    ("right_portability", "en", "You can ask us to send your data to you or directly to another company."),
    ("right_withdraw_consent", "nl", "Voor de nieuwsbrief vragen wij uw toestemming. U kunt zich op elk moment "
                                     "afmelden via de link in de nieuwsbrief."),
    ("right_withdraw_consent", "nl", "Heeft u ons toestemming gegeven, dan kunt u die op ieder moment terugtrekken."),
    ("right_withdraw_consent", "nl", "Foto's plaatsen wij alleen met uw toestemming. Bedenkt u zich, dan halen wij "
                                     "de foto weg."),
    ("right_withdraw_consent", "en", "We only send our newsletter with your consent. You can unsubscribe at any time "
                                     "using the link in each e-mail."),
    ("right_withdraw_consent", "en", "Where you have given consent, you can take it back whenever you like by "
                                     "e-mailing us."),
    ("right_withdraw_consent", "en", "We use your location only with your consent; you can switch it off at any "
                                     "time in the app."),
]

# (element, language, text that uses the element's words but does not give it)
NEAR_MISSES: list[tuple[str, str, str]] = [
    ("controller_identity", "nl", "Wij zijn niet verantwoordelijk voor de inhoud van andere websites."),
    ("controller_identity", "nl", "De gebruiker is verantwoordelijk voor de juistheid van de gegevens die hij invult."),
    ("controller_identity", "nl", "Wij, als kleine organisatie, doen ons best."),
    ("controller_identity", "en", "We are not responsible for the content of other websites."),
    ("controller_identity", "en", "You are responsible for the accuracy of the information you give us."),
    ("legal_basis", "nl", "Wij houden ons aan de wet."),
    ("legal_basis", "en", "We comply with the law."),
    ("dpo_contact", "nl", "Onze privacy officer beoordeelt elk datalek en beslist of al dan geen melding nodig is."),
    ("dpo_contact", "nl", "De FG van de gemeente houdt toezicht op de naleving van de AVG."),
    ("dpo_contact", "nl", "Neem contact met ons op via info@bedrijf.example."),
    ("dpo_contact", "en", "Our data protection officer monitors compliance with the GDPR."),
    ("provision_requirement", "nl", "Wij kunnen niet garanderen dat e-mail volledig veilig is."),
    ("provision_requirement", "nl", "Wij zijn wettelijk verplicht facturen zeven jaar te bewaren."),
    ("provision_requirement", "nl", "Analytische cookies zijn optioneel."),
    ("provision_requirement", "nl", "Zonder uw toestemming kunnen wij geen foto's van u plaatsen."),
    ("provision_requirement", "en", "We cannot guarantee that e-mail is completely secure."),
    ("provision_requirement", "en", "Analytics cookies are optional."),
    ("automated_decisions", "nl", "Het bestuur besluit jaarlijks over de hoogte van de contributie."),
    ("automated_decisions", "nl", "Wij gebruiken software van Microsoft voor onze administratie."),
    ("automated_decisions", "nl", "U kunt een profiel maken om sneller te bestellen."),
    ("automated_decisions", "nl", "U kunt zelf beslissen of uw browser cookies automatisch accepteert."),
    ("automated_decisions", "en", "You can create a profile and update it at any time."),
    ("automated_decisions", "en", "Our software automatically deletes old log files."),
    ("data_source", "nl", "U ontvangt van ons een bevestiging per e-mail."),
    ("data_source", "nl", "Derden ontvangen uw gegevens alleen als dat nodig is."),
    ("data_source", "nl", "Wij zijn ingeschreven bij de Kamer van Koophandel onder nummer 12345678."),
    ("data_source", "nl", "U mag altijd een overzicht krijgen van wat wij over u hebben vastgelegd."),
    ("data_source", "en", "You will receive a confirmation e-mail from us."),
    ("right_portability", "nl", "U kunt een kopie van uw gegevens als pdf-bestand opvragen."),
    ("right_portability", "nl", "Back-upbestanden worden naar een andere locatie gekopieerd."),
    ("right_portability", "nl", "Wij geven uw gegevens nooit aan een andere partij."),
    ("right_portability", "en", "You can download our brochure as a PDF file."),
    ("right_portability", "en", "We never pass your data on to other companies."),
    ("right_withdraw_consent", "nl", "Klanten sturen wij de nieuwsbrief op grond van ons gerechtvaardigd belang. U "
                                     "kunt zich altijd afmelden via de link onderaan."),
    ("right_withdraw_consent", "nl", "Wij vragen uw toestemming voordat wij foto's plaatsen."),
    ("right_withdraw_consent", "en", "As a customer you receive our newsletter because of our legitimate interest "
                                     "in keeping you informed. You can unsubscribe at any time."),
]


@pytest.mark.parametrize(("element", "language", "text"), GIVES)
def test_a_paraphrase_gives_the_element_with_evidence_from_the_text(element: str, language: str, text: str) -> None:
    result = analyze_text(text, "nl" if language == "nl" else "en").elements[element]
    assert result.present, text
    assert result.evidence and all(text[item.start:item.end] == item.text for item in result.evidence)


@pytest.mark.parametrize(("element", "language", "text"), NEAR_MISSES)
def test_a_near_miss_does_not_give_the_element(element: str, language: str, text: str) -> None:
    result = analyze_text(text, "nl" if language == "nl" else "en").elements[element]
    assert not result.present, [item.text for item in result.evidence]


def test_a_dpo_named_in_one_sentence_and_reached_in_the_next_is_quoted_as_both() -> None:
    text = "Wij hebben een functionaris gegevensbescherming aangesteld. U bereikt hem via fg@stichting.example."
    evidence = analyze_text(text, "nl").elements["dpo_contact"].evidence
    assert [item.text for item in evidence] == [text]


def test_a_contact_in_the_next_paragraph_does_not_make_a_dpo_contact() -> None:
    text = "Wij werken samen met een externe functionaris gegevensbescherming.\n\nMail ons via info@stichting.example."
    assert not analyze_text(text, "nl").elements["dpo_contact"].present


@pytest.mark.parametrize(("language", "text"), [
    ("nl", "Wij versturen de nieuwsbrief op basis van uw toestemming. Afmelden kan altijd via de link onderaan."),
    ("en", "We send the newsletter based on your consent. You can unsubscribe at any time."),
])
def test_unsubscribing_is_withdrawal_exactly_when_consent_is_the_basis(language: str, text: str) -> None:
    with_consent = analyze_text(text, "nl" if language == "nl" else "en")
    without = analyze_text(text.split(". ", 1)[1], "nl" if language == "nl" else "en")
    assert with_consent.uses_consent and with_consent.elements["right_withdraw_consent"].present
    assert not without.uses_consent and not without.elements["right_withdraw_consent"].present
