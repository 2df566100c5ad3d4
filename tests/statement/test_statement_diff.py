"""`describe_changes`: what changed between two registers, in plain Dutch and English sentences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from waarborg.register import Register
from waarborg.statement.diff import describe_changes

Edit = Callable[[dict[str, Any]], None]


def add_activity(data: dict[str, Any]) -> None:
    data["activities"]["photos"] = {
        "name": {"nl": "Foto's van bijeenkomsten", "en": "Event photos"},
        "purposes": [{"nl": "verslag doen van onze bijeenkomsten", "en": "reporting on our events"}],
        "subject_groups": ["event_participant"],
        "data_categories": ["user.content.self_image"],
        "legal_basis": "consent",
        "retention": "2 years",
    }


def add_processor_abroad(data: dict[str, Any]) -> None:
    data["recipients"]["survey"] = {"name": "SurveyCo", "role": "processor", "country": "US",
                                    "service": {"nl": "enquêtes afnemen", "en": "running surveys"},
                                    "transfer": {"mechanism": "scc_2021"}}
    data["activities"]["membership"]["recipients"].append("survey")


def add_cookie(consent: bool) -> Edit:
    return lambda data: data["cookies"].append(
        {"name": "_fbp", "provider": "analytics", "purpose": "advertising", "lifetime": "3 months", "consent": consent})


def activity(key: str, **changes: Any) -> Edit:
    return lambda data: data["activities"][key].update(changes)


# (what changed, Dutch sentence, English sentence)
CHANGES: list[tuple[str, Edit, str, str]] = [
    ("new activity", add_activity,
     "Nieuw: wij verwerken gegevens van deelnemers aan bijeenkomsten voor ‘Foto's van bijeenkomsten’, met als doel: "
     "verslag doen van onze bijeenkomsten. Het gaat om: foto.",
     "New: we process data of event participants for ‘Event photos’, for this purpose: reporting on our events. "
     "This concerns: photograph."),
    ("activity removed", lambda d: d["activities"].pop("youth"),
     "Wij verwerken geen gegevens meer voor ‘Jeugdwedstrijd’.",
     "We no longer process data for ‘Youth competition’."),
    ("purpose added", lambda d: d["activities"]["newsletter"]["purposes"].append(
        {"nl": "u uitnodigen voor bijeenkomsten", "en": "inviting you to events"}),
     "Bij ‘Nieuwsbrief’ gebruiken wij uw gegevens nu ook voor een nieuw doel: u uitnodigen voor bijeenkomsten.",
     "For ‘Newsletter’ we now also use your data for a new purpose: inviting you to events."),
    ("purpose removed", lambda d: d["activities"]["membership"]["purposes"].pop(1),
     "Bij ‘Ledenadministratie’ gebruiken wij uw gegevens niet meer voor: contributie innen.",
     "For ‘Membership administration’ we no longer use your data for: collecting membership fees."),
    ("group added", lambda d: d["activities"]["newsletter"]["subject_groups"].append("customer"),
     "‘Nieuwsbrief’ geldt nu ook voor klanten.", "‘Newsletter’ now also concerns customers."),
    ("categories added", lambda d: d["activities"]["membership"]["data_categories"].extend(
        ["user.contact.phone_number", "user.demographic.date_of_birth"]),
     "Bij ‘Ledenadministratie’ verzamelen wij nu ook: telefoonnummer en geboortedatum.",
     "For ‘Membership administration’ we now also collect: phone number and date of birth."),
    ("category removed", lambda d: d["activities"]["membership"]["data_categories"].remove("user.contact.address"),
     "Bij ‘Ledenadministratie’ verzamelen wij niet langer: adres.",
     "For ‘Membership administration’ we no longer collect: postal address."),
    ("special category added", lambda d: d["activities"]["youth"].update(
        special_categories=[{"category": "user.health_and_medical", "condition": "explicit_consent"}]),
     "Bij ‘Jeugdwedstrijd’ verwerken wij nu ook bijzondere persoonsgegevens: gezondheidsgegevens.",
     "For ‘Youth competition’ we now also process special categories of data: health data."),
    ("basis changed", activity("membership", legal_basis="legitimate_interests", legitimate_interest="ledenbinding"),
     "De grondslag voor ‘Ledenadministratie’ is gewijzigd van overeenkomst naar gerechtvaardigd belang.",
     "The legal basis for ‘Membership administration’ has changed from contract to legitimate interests."),
    ("retention longer", activity("membership", retention="5 years from membership_ended"),
     "Wij bewaren de gegevens voor ‘Ledenadministratie’ langer: 5 jaar na het einde van het lidmaatschap in plaats "
     "van 2 jaar na het einde van het lidmaatschap.",
     "We keep the data for ‘Membership administration’ longer: 5 years after the membership ends instead of "
     "2 years after the membership ends."),
    ("retention shorter", activity("exams", retention="3 months from exam_taken"),
     "Wij bewaren de gegevens voor ‘Online examens’ korter: 3 maanden na het examen in plaats van 6 maanden na het "
     "examen.",
     "We keep the data for ‘Online exams’ for a shorter time: 3 months after the exam instead of 6 months after the "
     "exam."),
    ("retention event changed", activity("newsletter", retention="1 year from last_contact"),
     "De bewaartermijn voor ‘Nieuwsbrief’ is gewijzigd: 1 jaar na het laatste contact (was: tot uw afmelding).",
     "The retention period for ‘Newsletter’ has changed: 1 year after the last contact (was: until you unsubscribe)."),
    ("source changed", activity("membership", source={"kind": "public", "description": "het handelsregister"}),
     "Voor ‘Ledenadministratie’ krijgen wij gegevens nu van: het handelsregister.",
     "For ‘Membership administration’ we now receive data from: het handelsregister."),
    ("automated decision added", activity("membership", automated_decision={
        "description": {"nl": "Een computer beoordeelt uw aanvraag.", "en": "A computer assesses your application."}}),
     "Bij ‘Ledenadministratie’ neemt nu een computer besluiten over u zonder menselijke tussenkomst: "
     "Een computer beoordeelt uw aanvraag.",
     "For ‘Membership administration’ a computer now makes decisions about you without human involvement: "
     "A computer assesses your application."),
    ("automated decision removed", lambda d: d["activities"]["exams"].pop("automated_decision"),
     "Bij ‘Online examens’ nemen wij geen geautomatiseerde besluiten meer.",
     "For ‘Online exams’ we no longer make automated decisions."),
    ("existing recipient for another activity",
     lambda d: d["activities"]["newsletter"]["recipients"].append("crm_host"),
     "Bij ‘Nieuwsbrief’ geven wij gegevens nu ook aan: Ledenbeheer BV.",
     "For ‘Newsletter’ we now also share data with: Ledenbeheer BV."),
    ("recipient removed",
     lambda d: (d["recipients"].pop("tax"), d["activities"]["bookkeeping"]["recipients"].remove("tax")),
     "Belastingdienst ontvangt geen gegevens meer van ons.", "Belastingdienst no longer receives data from us."),
    ("other recipient added", lambda d: d["recipients"].update(bank={
        "name": "Bank NV", "role": "controller",
        "service": {"nl": "incasso van de contributie", "en": "direct debit"}}),
     "Nieuwe ontvanger van uw gegevens: Bank NV (incasso van de contributie).",
     "New recipient of your data: Bank NV (direct debit)."),
    ("transfer safeguard changed", lambda d: d["recipients"]["mailer"].update(transfer={"mechanism": "scc_2021"}),
     "De waarborg voor de doorgifte via Mailchimp (Verenigde Staten) is gewijzigd: nu standaardcontractbepalingen "
     "(2021) (was: EU-US Data Privacy Framework).",
     "The safeguard for the transfer through Mailchimp (United States) has changed: now standard contractual "
     "clauses (2021) (was: EU-US Data Privacy Framework)."),
    ("recipient renamed", lambda d: d["recipients"]["crm_host"].update(name="Ledensoftware NL BV"),
     "Ledenbeheer BV heet nu Ledensoftware NL BV.", "Ledenbeheer BV is now called Ledensoftware NL BV."),
    ("recipient service", lambda d: d["recipients"]["crm_host"].update(
        service={"nl": "hosting en back-ups", "en": "hosting and back-ups"}),
     "Ledenbeheer BV doet nu voor ons: hosting en back-ups (was: hosting van ons ledensysteem).",
     "Ledenbeheer BV now does this for us: hosting and back-ups (was: hosting our membership system)."),
    ("activity renamed", lambda d: d["activities"]["youth"].update(name={"nl": "Jeugdtoernooi", "en": "Youth cup"}),
     "‘Jeugdwedstrijd’ heet nu ‘Jeugdtoernooi’.", "‘Youth competition’ is now called ‘Youth cup’."),
    ("description added", lambda d: d["activities"]["youth"].update(
        description={"nl": "Voor kinderen tot 16 jaar.", "en": "For children under 16."}),
     "Bij ‘Jeugdwedstrijd’ is ook gewijzigd: de beschrijving.", "For ‘Youth competition’ this also changed: "
     "the description."),
    ("security measure added", lambda d: d["security_measures"].append({"nl": "Wij maken dagelijks back-ups.",
                                                                       "en": "We make daily back-ups."}),
     "Ook gewijzigd in de privacyverklaring: beveiliging.", "Also changed in the privacy statement: security."),
    ("cookie needing consent", add_cookie(True),
     "Nieuwe cookie waarvoor wij uw toestemming vragen: _fbp van Google (advertenties, 3 maanden).",
     "New cookie for which we ask your consent: _fbp from Google (advertising, 3 months)."),
    ("cookie without consent", add_cookie(False),
     "Nieuwe cookie zonder toestemming: _fbp van Google (advertenties, 3 maanden).",
     "New cookie placed without consent: _fbp from Google (advertising, 3 months)."),
    ("cookie consent dropped", lambda d: d["cookies"][1].update(consent=False),
     "Voor de cookie _ga vragen wij niet langer uw toestemming.", "We no longer ask your consent for the cookie _ga."),
    ("cookie removed", lambda d: d["cookies"].pop(2),
     "Wij plaatsen de cookie IDE niet meer.", "We no longer place the cookie IDE."),
    ("controller e-mail", lambda d: d["controller"].update(email="avg@drukwerkco.nl"),
     "Ons e-mailadres is gewijzigd in avg@drukwerkco.nl.", "Our e-mail address is now avg@drukwerkco.nl."),
    ("controller address", lambda d: d["controller"].update(
        address={"street": "Dam 1", "postal_code": "1012 JS", "city": "Amsterdam"}),
     "Ons adres is gewijzigd in Dam 1, 1012 JS Amsterdam.", "Our address is now Dam 1, 1012 JS Amsterdam."),
    ("controller name", lambda d: d["controller"].update(name="Drukwerk Nederland"),
     "Onze naam is gewijzigd: wij heten nu Drukwerk Nederland.",
     "Our name has changed: we are now called Drukwerk Nederland."),
    ("dpo changed", lambda d: d["controller"]["dpo"].update(email="fg@nieuw.nl"),
     "Onze functionaris gegevensbescherming is nu bereikbaar via fg@nieuw.nl, 020-5551299.",
     "Our data protection officer can now be reached at fg@nieuw.nl, 020-5551299."),
    ("dpo removed", lambda d: d["controller"].pop("dpo"),
     "Wij hebben geen functionaris gegevensbescherming meer; u kunt ons rechtstreeks benaderen.",
     "We no longer have a data protection officer; you can contact us directly."),
    ("response time", lambda d: d["rights"].update(response_time="2 weeks"),
     "Wij beantwoorden uw verzoeken nu binnen 2 weken (was: 4 weken).",
     "We now answer your requests within 2 weeks (was: 4 weeks)."),
    ("rights contact", lambda d: d["rights"].update(contact={"nl": "Gebruik het formulier op onze website.",
                                                             "en": "Use the form on our website."}),
     "Uw privacyverzoeken kunt u nu zo indienen: Gebruik het formulier op onze website.",
     "You can now make your privacy requests as follows: Use the form on our website."),
]


@pytest.mark.parametrize(("what", "edit", "nl", "en"), CHANGES, ids=[c[0] for c in CHANGES])
def test_each_kind_of_change_is_told_in_both_languages(rich: Register, variant: Any, what: str, edit: Edit,
                                                       nl: str, en: str) -> None:
    new = variant(edit)
    assert describe_changes(rich, new, "nl") == [nl]
    assert describe_changes(rich, new, "en") == [en]


def test_a_transfer_that_ended_tells_where_the_recipient_now_works(rich: Register, variant: Any) -> None:
    new = variant(lambda d: d["recipients"]["mailer"].update(country="IE", transfer=None))
    assert describe_changes(rich, new, "nl") == [
        "Mailchimp verwerkt uw gegevens nu in Ierland (was: Verenigde Staten).",
        "Uw gegevens gaan niet meer via Mailchimp naar een land buiten de EER (Verenigde Staten)."]
    assert describe_changes(rich, new, "en")[1] == (
        "Your data no longer go through Mailchimp to a country outside the EEA (United States).")


def test_new_processor_outside_the_eea_is_told_with_its_country_and_safeguard(rich: Register, variant: Any) -> None:
    assert describe_changes(rich, variant(add_processor_abroad), "nl") == [
        "Nieuwe verwerker: SurveyCo (enquêtes afnemen, Verenigde Staten) verwerkt gegevens in onze opdracht.",
        "Uw gegevens gaan nu ook naar een land buiten de EER: Verenigde Staten (via SurveyCo). "
        "Waarborg: standaardcontractbepalingen (2021).",
    ]


def test_dpo_appointed_gives_the_contact(minimal: Register, variant: Any, minimal_data: dict[str, Any]) -> None:
    new = variant(lambda d: d["controller"].update(dpo={"name": "FG", "email": "fg@klein.example"}), minimal_data)
    assert describe_changes(minimal, new, "en") == [
        "We have appointed a data protection officer, who can be reached at fg@klein.example."]


def test_identical_registers_have_no_changes(rich: Register, variant: Any) -> None:
    assert describe_changes(rich, variant(lambda d: None), "nl") == []


def test_wording_only_changes_that_do_not_concern_people_are_not_reported(rich: Register, variant: Any) -> None:
    def internal(data: dict[str, Any]) -> None:
        data["statement"]["version"] = "3.2"
        data["systems"]["crm"]["name"] = "Nieuw ledensysteem"
    assert describe_changes(rich, variant(internal), "en") == []


def test_changes_come_in_a_fixed_order(rich: Register, variant: Any) -> None:
    def many(data: dict[str, Any]) -> None:
        add_cookie(True)(data)
        data["controller"]["email"] = "avg@drukwerkco.nl"
        activity("exams", retention="3 months from exam_taken")(data)
        add_activity(data)
    new = variant(many)
    lines = describe_changes(rich, new, "en")
    assert [line.split(" ")[0] for line in lines] == ["Our", "New:", "We", "New"]
    assert lines == describe_changes(rich, variant(many), "en")
