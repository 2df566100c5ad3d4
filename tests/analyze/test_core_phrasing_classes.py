"""Classes of phrasing for the elements real statements word most freely, written from the law and the labelling
guide (never from the corpus): informal and formal, "je" and "u", Flemish variants, English.

Each positive case is a statement with a sentence of filler before and after; the analyzer must find the element
AND quote the sentence that gives it first (the quote is the reason). Each near miss uses the element's words for
something else and must not count.
"""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text

_BEFORE = {"nl": "Fijn dat je onze website bezoekt.", "en": "Thank you for visiting our website."}
_AFTER = {"nl": "Deze tekst is voor het laatst bijgewerkt in maart.", "en": "This text was last updated in March."}

# (element, language, the passage that gives the element, the part of it the first quote must overlap)
GIVES: list[tuple[str, str, str, str]] = [
    # right_access: asking what is held, a copy, an overview, "inzage", also as an item under a rights heading
    ("right_access", "nl", "Je kunt opvragen welke gegevens we van je hebben.", "opvragen welke gegevens"),
    ("right_access", "nl", "Wil je weten wat wij van je bewaren? Mail ons.", "wat wij van je bewaren"),
    ("right_access", "nl", "Benieuwd welke gegevens we van jou hebben? Stuur ons een berichtje.", "welke gegevens"),
    ("right_access", "nl", "U mag altijd weten welke persoonsgegevens wij van u verwerken.", "welke persoonsgegevens"),
    ("right_access", "nl", "Vraag gerust een overzicht van je gegevens aan.", "overzicht van je gegevens"),
    ("right_access", "nl", "U kunt bij ons nagaan welke gegevens wij over u hebben.", "nagaan welke gegevens"),
    ("right_access", "nl", "U kunt uw gegevens steeds opvragen bij het secretariaat.", "uw gegevens steeds opvragen"),
    ("right_access", "nl", "Op verzoek krijg je een kopie van alles wat we over je hebben vastgelegd.", "een kopie"),
    ("right_access", "nl", "Jouw rechten\n\n- een kopie van je gegevens opvragen\n- fouten laten verbeteren",
     "een kopie van je gegevens"),
    ("right_access", "nl", "Jouw rechten\n\n- inzage\n- correctie", "inzage"),
    ("right_access", "en", "You can find out what information we hold about you.", "find out what information"),
    ("right_access", "en", "You can ask for a copy of the data we keep.", "a copy of the data"),
    ("right_access", "en", "Want to know what we keep about you? Just email us.", "what we keep about you"),
    ("right_access", "en", "You have the right to know which personal data we process about you.", "which personal"),
    ("right_access", "nl", "Je kan opvragen welke info we over je bijhouden.", "welke info"),
    ("right_access", "nl", "U kunt een afschrift van uw gegevens krijgen.", "afschrift"),
    ("right_access", "nl", "Je kunt altijd bij ons navragen welke gegevens we hebben.", "navragen"),
    ("right_access", "nl", "Je kan een kopie vragen van je gegevens.", "kopie"),
    ("right_access", "nl", "Wij geven u op verzoek inzicht in uw gegevens.", "inzicht"),
    ("right_access", "nl", "Je hebt het recht om te weten of wij gegevens van je verwerken en welke.", "weten"),
    ("right_access", "en", "You may request details of personal information which we hold about you.", "details"),
    ("right_access", "en", "You can obtain confirmation as to whether we process your data.", "confirmation"),
    ("right_access", "en", "You can request the data we hold on you.", "request the data"),
    ("right_access", "nl", "Jouw rechten\n\nJe mag:\n- je gegevens bekijken\n- ze laten aanpassen", "bekijken"),
    ("right_access", "nl", "Je kunt een lijst krijgen van alle gegevens die we over je hebben.", "lijst"),
    ("right_access", "en", "Your rights\n\n- see your data\n- correct it", "see your data"),
    ("right_access", "en", "You can get a copy of everything we hold about you.", "a copy"),
    # right_portability: the data handed over, in a usable format, to the person or another party
    ("right_portability", "nl", "Je kunt je gegevens laten overdragen aan een andere partij.", "overdragen"),
    ("right_portability", "nl", "Je mag je gegevens meenemen naar een andere aanbieder.", "meenemen"),
    ("right_portability", "nl", "Op verzoek sturen we je gegevens in een gangbaar formaat naar jou of een andere "
                                "organisatie.", "gangbaar formaat"),
    ("right_portability", "nl", "U kunt uw gegevens in een machineleesbaar formaat ontvangen.", "machineleesbaar"),
    ("right_portability", "nl", "Stap je over naar een andere club, dan kun je vragen je gegevens digitaal door te "
                                "sturen.", "digitaal"),
    ("right_portability", "nl", "U heeft het recht om uw gegevens over te dragen.", "over te dragen"),
    ("right_portability", "nl", "Jouw rechten\n\n- je gegevens overdragen\n- bezwaar maken", "overdragen"),
    ("right_portability", "en", "You can ask us to transfer your data to another organisation.", "another"),
    ("right_portability", "en", "You can receive your data in a machine-readable format.", "machine-readable"),
    ("right_portability", "en", "You may take your data with you to another provider.", "another provider"),
    ("right_portability", "en", "You can download your data in a commonly used format.", "commonly used format"),
    ("right_portability", "en", "You can have your data sent to another company.", "sent to another"),
    ("right_portability", "nl", "Je kunt je gegevens laten doorsturen naar een ander bedrijf.", "doorsturen"),
    # right_complaint: the supervisory authority as the place to complain, also named with only a link
    ("right_complaint", "nl", "Ben je het niet eens met hoe wij met je gegevens omgaan? Dan kun je een klacht "
                              "indienen bij de Autoriteit Persoonsgegevens.", "klacht"),
    ("right_complaint", "nl", "Je kunt ook terecht bij de toezichthouder.", "toezichthouder"),
    ("right_complaint", "nl", "U kunt klacht neerleggen bij de Gegevensbeschermingsautoriteit.", "klacht"),
    ("right_complaint", "nl", "Een klacht?\n\n- Autoriteit Persoonsgegevens: https://autoriteitpersoonsgegevens.nl",
     "Autoriteit Persoonsgegevens"),
    ("right_complaint", "nl", "Niet tevreden over hoe wij met je gegevens omgaan?\n\n- https://www.gegevensbeschermingsautoriteit.be",
     "gegevensbeschermingsautoriteit.be"),
    ("right_complaint", "en", "If you are unhappy, you can contact the Autoriteit Persoonsgegevens.", "unhappy"),
    ("right_complaint", "en", "You also have the right to lodge a complaint with a supervisory authority.",
     "lodge a complaint"),
    ("right_complaint", "nl", "Komen we er samen niet uit? Dan kun je naar de Autoriteit Persoonsgegevens.",
     "naar de Autoriteit"),
    ("right_complaint", "nl", "U kunt zich ook richten tot de Gegevensbeschermingsautoriteit.", "richten tot"),
    ("right_complaint", "en", "You can report this to the Dutch Data Protection Authority.", "report this"),
    ("right_complaint", "nl", "Je hebt ook het recht om de GBA te contacteren.", "GBA"),
    ("right_complaint", "en", "If you think we handle your data wrongly, you can go to the Dutch Data Protection "
                              "Authority.", "go to"),
    # controller_identity: the organisation owning or running the site, the title, "wij, X, ..."
    ("controller_identity", "nl", "Deze website is van Fietsenmaker Bos.", "Fietsenmaker Bos"),
    ("controller_identity", "nl", "Deze website is eigendom van Stichting Groen Dorp.", "Stichting Groen Dorp"),
    ("controller_identity", "nl", "Wij, Bakkerij Jansen uit Ede, gaan zorgvuldig om met je gegevens.",
     "Bakkerij Jansen"),
    ("controller_identity", "nl", "Tennisclub Smash verwerkt alleen de gegevens die nodig zijn.", "Tennisclub Smash"),
    ("controller_identity", "en", "This website is owned by Greenfield Books.", "Greenfield Books"),
    ("controller_identity", "nl", "Deze privacyverklaring geldt voor Muziekschool Do Re Mi.", "Muziekschool"),
    ("controller_identity", "nl", "De Vereniging van Eigenaren Parkzicht verwerkt alleen de gegevens die nodig zijn.",
     "Parkzicht"),
    ("controller_identity", "nl", "De Utrechtse Hockeyclub verwerkt alleen de gegevens die nodig zijn.", "Hockeyclub"),
    ("controller_identity", "en", "The Riverside Rowing Club collects only the data it needs.", "Rowing Club"),
    ("controller_identity", "en", "# Privacy Policy - Riverside Dental Practice\n\nWe care about your data.",
     "Riverside Dental Practice"),
    # purposes
    ("purposes", "nl", "Je gegevens hebben we nodig om je lidmaatschap te regelen.", "om je lidmaatschap"),
    ("purposes", "nl", "Wij gebruiken je e-mailadres om je de nieuwsbrief te sturen.", "nieuwsbrief"),
    ("purposes", "en", "Your details are used only to process your order.", "process your order"),
    ("purposes", "en", "We only use your data to run the club.", "run the club"),
    ("purposes", "nl", "We vragen je telefoonnummer zodat de trainer je kan bellen als een training niet doorgaat.",
     "zodat"),
    ("purposes", "en", "Your email address is used for sending the newsletter.", "newsletter"),
    ("purposes", "nl", "We gebruiken je adres alleen voor het versturen van het clubblad.", "clubblad"),
    ("purposes", "nl", "Je e-mailadres is nodig zodat we je kunnen laten weten wanneer je bestelling klaar is.",
     "zodat"),
    ("purposes", "en", "We collect your e-mail address so that we can send you the newsletter.", "so that"),
    # recipients: sharing, third parties, processors named by their trade or as a tool
    ("recipients", "nl", "We delen je gegevens niet met anderen.", "delen"),
    ("recipients", "nl", "Onze boekhouder krijgt je factuurgegevens.", "boekhouder"),
    ("recipients", "nl", "Onze boekhouder verwerkt je gegevens voor de belastingaangifte.", "boekhouder"),
    ("recipients", "nl", "Voor de nieuwsbrief gebruiken we Mailchimp.", "Mailchimp"),
    ("recipients", "en", "Our accountant receives your invoice details.", "accountant"),
    ("recipients", "nl", "Niemand buiten de club krijgt je gegevens.", "Niemand buiten"),
    ("recipients", "en", "Nobody outside our club sees your details.", "Nobody outside"),
    ("recipients", "nl", "We geven je naam door aan de zwembond.", "zwembond"),
    ("recipients", "nl", "We sturen je gegevens naar de verzekeraar als je een schade meldt.", "verzekeraar"),
    ("recipients", "en", "We pass your name to the national federation to register you.", "federation"),
    ("recipients", "en", "Your data are only shared with the coaches of your team.", "coaches"),
    ("recipients", "nl", "Wij schakelen andere bedrijven in, zoals een hostingpartij.", "andere bedrijven"),
    ("recipients", "nl", "Wij werken samen met leveranciers die namens ons gegevens verwerken.", "leveranciers"),
    # right_erasure
    ("right_erasure", "nl", "Je kunt je gegevens laten verwijderen.", "verwijderen"),
    ("right_erasure", "nl", "Je hebt het recht om vergeten te worden.", "vergeten"),
    ("right_erasure", "nl", "Wil je dat we je gegevens wissen? Stuur een mail.", "wissen"),
    ("right_erasure", "nl", "U kunt vragen om uw gegevens te laten wissen.", "wissen"),
    ("right_erasure", "en", "You can delete your account at any time.", "delete your account"),
    ("right_erasure", "en", "You can ask us to erase your data.", "erase"),
    ("right_erasure", "en", "You have the right to be forgotten.", "forgotten"),
    ("right_erasure", "nl", "Wil je dat wij je gegevens weggooien? Laat het ons weten.", "weggooien"),
    ("right_erasure", "nl", "Je mag ons vragen je gegevens te schrappen.", "schrappen"),
    ("right_erasure", "nl", "Wil je niet langer in ons bestand staan? Laat het ons weten.", "niet langer"),
    ("right_erasure", "nl", "U kunt vragen om uw gegevens uit ons systeem te halen.", "uit ons systeem"),
    ("right_erasure", "en", "Want us to forget you? Just send us an email.", "forget you"),
    ("right_erasure", "en", "Just tell us if you want your details deleted.", "deleted"),
]

# (element, language, text that uses the element's words for something else)
NEAR_MISSES: list[tuple[str, str, str]] = [
    ("right_access", "nl", "Alleen onze penningmeester heeft toegang tot de ledenlijst."),
    ("right_access", "nl", "Wij maken een kopie van uw identiteitsbewijs."),
    ("right_access", "nl", "Wil je weten hoe we met cookies omgaan? Lees dan onze cookieverklaring."),
    ("right_access", "nl", "In dit overzicht lees je welke gegevens we verzamelen."),
    ("right_access", "en", "You can find out more about cookies on our cookie page."),
    ("right_access", "en", "Our staff can see your data only when this is needed."),
    ("right_portability", "nl", "Het secretariaat zal de ledenadministratie overdragen aan het nieuwe bestuur."),
    ("right_portability", "nl", "Wij geven je gegevens nooit door aan een andere partij."),
    ("right_portability", "en", "We transfer your data to our payment provider."),
    ("right_complaint", "nl", "Klachten over onze dienstverlening kunt u melden bij onze klantenservice."),
    ("right_complaint", "nl", "Wij volgen de richtlijnen van de Autoriteit Persoonsgegevens."),
    ("right_complaint", "nl", "Jouw rechten\n\nMeer informatie vind je op de website van de Autoriteit "
                              "Persoonsgegevens."),
    ("right_complaint", "en", "We follow the guidance of the Autoriteit Persoonsgegevens."),
    ("controller_identity", "nl", "Deze website maakt gebruik van Google Analytics."),
    ("controller_identity", "nl", "Deze website is van mij."),
    ("controller_identity", "nl", "De vereniging verwerkt de gegevens van haar leden. De vereniging deelt geen "
                                  "gegevens met derden."),
    ("controller_identity", "nl", "De Stichting verwerkt uw gegevens. De Stichting deelt niets."),
    ("controller_identity", "en", "The club collects only the data it needs. The club shares nothing with others."),
    ("controller_identity", "nl", "De Belastingdienst verwerkt uw gegevens volgens de wet."),
    ("recipients", "nl", "Je ontvangt van ons de nieuwsbrief."),
    ("recipients", "nl", "U krijgt uw gegevens binnen een maand van ons toegestuurd."),
    ("recipients", "en", "You will receive our newsletter once a month."),
    ("right_erasure", "nl", "Na twee jaar verwijderen we je gegevens."),
    ("right_erasure", "nl", "Je kunt cookies verwijderen in je browser."),
    ("right_erasure", "en", "We may remove comments that break the house rules."),
    ("right_erasure", "en", "After two years we delete your data."),
    ("right_complaint", "nl", "Een datalek melden wij binnen 72 uur bij de Autoriteit Persoonsgegevens."),
    ("right_complaint", "en", "We report data breaches to the Dutch Data Protection Authority within 72 hours."),
    ("right_access", "en", "We will delete the information we hold about you on request."),
    ("right_access", "nl", "Wij vragen welke gegevens er bij de inschrijving nodig zijn."),
    ("right_access", "en", "The information we hold about you is kept secure."),
    ("right_portability", "en", "If we merge with another company, your data may be transferred to that company."),
    ("right_complaint", "nl", "Meer informatie over je rechten vind je op www.autoriteitpersoonsgegevens.nl."),
    ("right_erasure", "en", "Please go to the website and remove the items from your basket."),
    ("right_access", "nl", "Hieronder staat een lijst van gegevens die we van je hebben."),
    ("right_access", "en", "We list below all the information we hold about you."),
    ("right_erasure", "en", "Let us know if you move, and we will remove your old address."),
    ("recipients", "nl", "We sturen je een bevestiging per e-mail."),
    ("recipients", "en", "We send you a reminder before the season starts."),
    ("purposes", "nl", "De gegevens worden bewaard zodat we vervolgvragen kunnen beantwoorden."),
]


def _statement(language: str, passage: str) -> str:
    return f"{_BEFORE[language]}\n\n{passage}\n\n{_AFTER[language]}"


@pytest.mark.parametrize(("element", "language", "passage", "reason"), GIVES)
def test_the_phrasing_gives_the_element_and_its_sentence_is_the_first_quote(
        element: str, language: str, passage: str, reason: str) -> None:
    text = _statement(language, passage)
    result = analyze_text(text, "nl" if language == "nl" else "en").elements[element]
    assert result.present, passage
    first = result.evidence[0]
    start = text.index(reason)
    assert first.start < start + len(reason) and start < first.end, first.text


@pytest.mark.parametrize(("element", "language", "text"), NEAR_MISSES)
def test_the_same_words_for_something_else_do_not_give_the_element(element: str, language: str, text: str) -> None:
    result = analyze_text(_statement(language, text), "nl" if language == "nl" else "en").elements[element]
    assert not result.present, [item.text for item in result.evidence]
