"""The shapes of phrasing that real statements use (issue 15), as classes, in both languages.

Each case is a short text of the class with the verdict the labelling guide gives it; none is copied from the
real corpus (those are measured by benchmarks/bench_analyze.py and checked in test_core_real_evidence.py).
"""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text
from waarborg.analyze.document import Document

PRESENT = [
    # the organisation as the one that acts, or as the one the statement is about
    ("controller_identity", "nl", "bakkerijdeboer deelt klantgegevens niet met derden.\n"
                                  "bakkerijdeboer bewaart klantgegevens niet langer dan nodig."),
    ("controller_identity", "nl", "De website van het project wordt beheerd door het Instituut voor Bodemkunde."),
    ("controller_identity", "nl", "Wij zijn \"De Groene Buurt\", een vereniging van bewoners."),
    ("controller_identity", "en", "The service is provided by the Institute for Soil Science (Dorpsstraat 1, Ede)."),
    ("controller_identity", "en", "We are the Harbour Alliance, a group of shipping firms."),
    # necessity and its consequences
    ("provision_requirement", "nl", "Om uw pakket te bezorgen hebben wij uw adres nodig."),
    ("provision_requirement", "nl", "Zonder deze gegevens kunnen we je niet inschrijven."),
    ("provision_requirement", "nl", "Voor de inschrijving dienen je naam, adres en telefoonnummer "
                                    "te worden opgegeven."),
    ("provision_requirement", "nl", "De gegevens zijn door jou op vrijwillige basis verstrekt."),
    ("provision_requirement", "en", "We need your address to deliver the parcel."),
    ("provision_requirement", "en", "The certificate can only be issued by using your personal data."),
    # a source other than the person, or only the person
    ("data_source", "nl", "Deze gegevens worden rechtstreeks door u aan ons verstrekt."),
    ("data_source", "nl", "Het medisch formulier wordt naar de ouders gemaild om in te vullen."),
    ("data_source", "nl", "Sommige gegevens heb ik, met uw toestemming, opgevraagd bij een andere zorgverlener."),
    ("data_source", "en", "The following data are obtained from the user's identity provider upon login."),
    # an interest in plain words next to the basis
    ("legitimate_interests", "nl", "Gerechtvaardigd belang - voor klantenservice en administratieve doeleinden."),
    ("legitimate_interests", "nl", "Vanuit ons rechtmatige belang gebruiken we uw gegevens "
                                   "geanonimiseerd voor statistieken."),
    ("legitimate_interests", "en", "The underlying interest of the university is that it wants "
                                   "to keep up with new teaching."),
    # informal legal basis, access, data kept in Europe
    ("legal_basis", "nl", "Je krijgt de nieuwsbrief alleen als je daarvoor zelf toestemming hebt gegeven."),
    ("legal_basis", "en", "By using the website, you are consenting to the collection of your information."),
    ("right_access", "nl", "Vraag ons gerust wat we van je bewaren."),
    ("right_access", "en", "Ask us what we keep about you."),
    ("transfers", "nl", "De ledenadministratie wordt alleen op Europese servers opgeslagen."),
    ("transfers", "en", "All servers and data are located in data centres in the Netherlands."),
    ("right_objection", "nl", "Als je niet wilt dat er foto's van je kind worden "
                              "gepubliceerd, neem dan contact op."),
]

ABSENT = [
    ("provision_requirement", "nl", "We verzamelen alleen gegevens die noodzakelijk zijn "
                                    "voor het uitvoeren van bestellingen."),
    ("provision_requirement", "en", "If you do not accept cookies, you may not be able to "
                                    "use some portions of the site."),
    ("data_source", "nl", "We verzamelen deze gegevens van u."),
    ("data_source", "nl", "Wij bewaren de gegevens die u ons gaf."),
    ("data_source", "nl", "Wij verwerken uw gegevens doordat u gebruik maakt van onze diensten en/of omdat u ze zelf "
                          "aan ons verstrekt."),
    ("data_source", "en", "Data we collect from you\n\nWe collect your name and e-mail address."),
    ("data_source", "en", "We collect email addresses from those who subscribe to the newsletter."),
    ("legitimate_interests", "en", "We may process your data because the processing is in our legitimate interests "
                                   "and it is not overridden by your rights."),
    ("legal_basis", "nl", "Met welk doel en op basis van welke grondslag wij persoonsgegevens verwerken\n\n"
                          "Wij verwerken uw persoonsgegevens voor de volgende doelen:\n"
                          "- het versturen van de nieuwsbrief"),
    ("right_access", "nl", "Wij houden uw gegevens veilig voor inzage door onbevoegden."),
    ("right_access", "en", "Your access to and use of the service is conditioned on your acceptance of this policy."),
    ("purposes", "nl", "Wij gebruiken gegevens alleen voor het doel waarvoor de gegevens zijn opgeslagen."),
    ("controller_identity", "nl", "Google Analytics verzamelt gegevens over het bezoek aan de website."),
]


@pytest.mark.parametrize(("element", "language", "text"), PRESENT)
def test_a_real_shape_gives_the_element_with_evidence(element: str, language: str, text: str) -> None:
    result = analyze_text(text, "nl" if language == "nl" else "en").elements[element]
    assert result.present, text
    assert all(text[item.start:item.end] == item.text for item in result.evidence)


@pytest.mark.parametrize(("element", "language", "text"), ABSENT)
def test_a_real_shape_that_informs_nobody_does_not_give_the_element(element: str, language: str, text: str) -> None:
    assert not analyze_text(text, "nl" if language == "nl" else "en").elements[element].present, text


def test_the_acting_organisation_is_quoted_acting_in_each_sentence() -> None:
    text = ("Privacy\n\npraktijkvanos gebruikt patiëntengegevens voor de behandeling.\n"
            "praktijkvanos deelt patiëntengegevens niet met derden.")
    evidence = analyze_text(text, "nl").elements["controller_identity"].evidence
    assert [item.text for item in evidence] == ["praktijkvanos gebruikt patiëntengegevens voor de behandeling.",
                                                "praktijkvanos deelt patiëntengegevens niet met derden."]


def test_a_vendor_acting_twice_is_not_the_controller() -> None:
    text = "Google Analytics verzamelt gegevens over uw bezoek.\nGoogle Analytics bewaart deze gegevens twee jaar."
    assert not analyze_text(text, "nl").elements["controller_identity"].present


def test_front_matter_and_template_directives_are_not_read_but_offsets_hold() -> None:
    text = ("---\ntitle: Privacyverklaring\nlayout: page\n---\n@extends('layouts.app')\n@section('content')\n"
            "Wij bewaren uw gegevens <br>zeven jaar.\n@endsection\n")
    document = Document(text)
    read = [document.sentence_text(index).strip() for index in range(len(document.sentences))]
    assert read == ["Wij bewaren uw gegevens     zeven jaar."]
    period = analyze_text(text, "nl").facts.retention_periods[0]
    assert text[period.evidence.start:period.evidence.end] == period.evidence.text


def test_a_placeholder_is_still_seen_after_the_noise_is_blanked() -> None:
    text = "Wij zijn {{bedrijfsnaam}}, gevestigd te Utrecht.\n@section('content')\nWij verwerken uw naam."
    assert "template-placeholder" in {finding.id for finding in analyze_text(text, "nl").findings}


def test_a_sentence_cut_by_a_hard_line_break_is_read_whole() -> None:
    text = ("Je hebt de mogelijkheid om een klacht in te dienen bij de\n\n"
            "nationale toezichthouder, de Autoriteit Persoonsgegevens.")
    result = analyze_text(text, "nl").elements["right_complaint"]
    assert result.present
    assert result.evidence[0].text == text


# A second set of paraphrases of the shapes, written for this test (not taken from any statement of
# the real corpus, and written before the corpus's errors were looked at): each with the part of the text that
# is the reason, which the element's first quote must contain.
REASONED = [
    ("controller_identity", "nl", "Privacyverklaring Tennisvereniging De Lobbers\n\nWij vinden uw privacy belangrijk.",
     "Privacyverklaring Tennisvereniging De Lobbers"),
    ("controller_identity", "nl", "Stichting Zonnebloemveld plaatst geen tracking cookies op deze website.",
     "Stichting Zonnebloemveld plaatst"),
    ("controller_identity", "nl", "Privacy\n\nZwemclub De Dolfijn beschermt uw gegevens zo goed mogelijk.",
     "Zwemclub De Dolfijn beschermt"),
    ("controller_identity", "en", "Harbour Bikes collects only the data it needs to repair your bike.",
     "Harbour Bikes collects"),
    ("controller_identity", "nl", "Deze privacyverklaring is van toepassing op de verwerking van persoonsgegevens door "
                                  "Fanfare Sint-Cecilia.", "Fanfare Sint-Cecilia"),
    ("controller_identity", "en", "This privacy notice explains how Lakeside Rowing Club handles your personal data.",
     "Lakeside Rowing Club"),
    ("provision_requirement", "nl", "Wij vinden privacy belangrijk.\nOm lid te worden moet je je naam en geboortedatum "
                                    "opgeven.", "moet je je naam"),
    ("provision_requirement", "nl", "Uw adres is noodzakelijk om de bestelling te kunnen leveren.",
     "Uw adres is noodzakelijk"),
    ("provision_requirement", "en", "To register you must provide your name and date of birth.", "you must provide"),
    ("provision_requirement", "en", "Your e-mail address is needed to send you the tickets.",
     "Your e-mail address is needed"),
    ("data_source", "nl", "Wij verwerken uw naam.\nAlle gegevens krijgen wij uitsluitend van uzelf.",
     "uitsluitend van uzelf"),
    ("data_source", "en", "We only use data that you provide to us yourself.", "provide to us yourself"),
    ("legal_basis", "nl", "We gebruiken je e-mailadres alleen als je ons daar toestemming voor geeft.",
     "toestemming voor geeft"),
    ("legal_basis", "en", "We only send the newsletter if you have agreed to receive it.", "if you have agreed"),
    ("right_access", "nl", "Je mag je gegevens altijd bekijken.", "je gegevens altijd bekijken"),
    ("right_access", "en", "Want to know what we store about you? Just send us an email.", "what we store about you"),
    ("data_categories", "nl", "Wij noteren alleen uw naam en e-mailadres.", "uw naam en e-mailadres"),
    ("legitimate_interests", "en", "Legal basis: legitimate interest (keeping our building secure).",
     "keeping our building secure"),
    ("purposes", "en", "We use your address to deliver your order.", "to deliver your order"),
    ("recipients", "en", "We never pass your details on to anyone else.", "pass your details on to anyone"),
    ("retention", "en", "We delete your application two months after the vacancy has been filled.", "two months"),
    ("transfers", "en", "Your data never leave the European Economic Area.", "never leave"),
    ("dpo_contact", "nl", "Functionaris gegevensbescherming\n\nU kunt haar bereiken via privacy@voorbeeld.nl.",
     "privacy@voorbeeld.nl"),
    ("dpo_contact", "en", "Data Protection Officer\n\nYou can email our officer at privacy@example.org.",
     "privacy@example.org"),
    ("data_categories", "nl", "Wij verwerken gezondheidsgegevens om u te kunnen behandelen.", "gezondheidsgegevens"),
    ("data_categories", "en", "We process health data to treat you.", "health data"),
    ("right_access", "nl", "Je kunt bij ons navragen welke persoonsgegevens we over je hebben.", "navragen"),
    ("right_access", "nl", "U mag altijd bij ons langskomen om uw dossier door te nemen.", "uw dossier door te nemen"),
    ("right_access", "nl", "Leden kunnen hun eigen gegevens raadplegen in de ledenportal.", "hun eigen gegevens"),
    ("right_access", "en", "On request we will send you a copy of your file.", "copy of your file"),
    ("right_access", "en", "Members can view their own details in the member portal.", "view their own details"),
    ("right_complaint", "nl", "Heb je een klacht over hoe wij met je gegevens omgaan? Dan kun je die indienen bij de "
                              "Autoriteit Persoonsgegevens.", "indienen bij de"),
]

NOT_THE_REASON = [
    # sharing on consent is about recipients, not the ground for processing
    ("legal_basis", "nl", "Wij delen uw gegevens alleen met een derde indien u daar toestemming voor hebt gegeven."),
    ("right_access", "en", "Only authorised staff have access to your data."),
    ("right_access", "nl", "Alleen bevoegde medewerkers hebben toegang tot uw gegevens."),
    ("data_source", "nl", "Wij ontvangen uw gegevens wanneer u het contactformulier invult."),
    ("provision_requirement", "nl", "Deze cookies zijn noodzakelijk om de website te laten werken."),
    ("controller_identity", "nl", "Wij gebruiken Mailchimp om de nieuwsbrief te versturen."),
    ("controller_identity", "nl", "penningmeester verwerkt de contributie."),
    ("controller_identity", "nl", "Vimeo verzamelt gegevens over het afspelen van video's."),
    ("legitimate_interests", "en", "We process data on the basis of our legitimate interests."),
    ("legitimate_interests", "en", "Legal basis: legitimate interest (Article 6(1)(f) GDPR)."),
    ("retention", "en", "You can ask us to delete your data."),
    ("transfers", "en", "We keep your data safe."),
    ("dpo_contact", "en", "Contact\n\nYou can email us at info@example.org."),
    ("data_categories", "nl", "Wij delen nooit medische gegevens."),
    ("right_access", "nl", "Alleen de secretaris kan uw gegevens inzien."),
    ("right_access", "nl", "Wat we precies van je weten en wat we ermee doen, vind je op deze pagina."),
    ("right_access", "en", "Our staff can view your records when needed for your treatment."),
    ("right_portability", "nl", "Wij dragen uw gegevens over aan de bond."),
    ("right_complaint", "nl", "Klachten over onze dienstverlening kunt u indienen bij de secretaris."),
]


@pytest.mark.parametrize(("element", "language", "text", "reason"), REASONED)
def test_a_paraphrased_shape_gives_the_element_quoting_its_reason(element: str, language: str, text: str,
                                                                   reason: str) -> None:
    result = analyze_text(text, "nl" if language == "nl" else "en").elements[element]
    assert result.present, text
    assert reason in result.evidence[0].text
    assert all(text[item.start:item.end] == item.text for item in result.evidence)


@pytest.mark.parametrize(("element", "language", "text"), NOT_THE_REASON)
def test_a_paraphrase_that_is_not_the_element_does_not_give_it(element: str, language: str, text: str) -> None:
    assert not analyze_text(text, "nl" if language == "nl" else "en").elements[element].present, text
