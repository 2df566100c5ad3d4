"""The controller and how people reach it (Art. 12, 13(1)(a)-(b), 13(2)(d))."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register
from waarborg.register.retention import Period

from . import wording
from .rule import Check, Issue, rule

ONE_MONTH_DAYS = 31  # Art. 12(3): "within one month of receipt"; the longest month bounds it


def _days_at_most(period: Period) -> int:
    """The longest a period can last in days: a month up to 31 days, a year up to 366."""
    per_unit = {"days": 1, "weeks": 7, "months": 31, "years": 366}[period.unit]
    return period.value * per_unit


@rule(
    id="contact-missing",
    severity="error",
    article="Art. 13(1)(a), 14(1)(a) AVG/GDPR",
    title_nl="Contactgegevens van de organisatie ontbreken",
    title_en="Controller contact details missing",
    description_nl=(
        "De privacyverklaring moet zeggen hoe mensen de organisatie bereiken. Geef minstens een "
        "e-mailadres of telefoonnummer."
    ),
    description_en=(
        "The statement must say how to reach the controller: give at least an e-mail address or phone number."
    ),
)
def contact_missing(register: Register) -> Iterator[Issue]:
    """Flag: a controller without e-mail address and phone number."""
    controller = register.controller
    if not (controller.email or controller.phone):
        name = wording.quoted(controller.name)
        yield Issue(
            "controller.email",
            f"Voor {name} is geen e-mailadres of telefoonnummer vastgelegd.",
            f"No e-mail address or phone number is recorded for {name}.",
        )


@rule(
    id="dpo-contact-incomplete",
    severity="warning",
    article="Art. 13(1)(b), 37(7) AVG/GDPR",
    title_nl="Functionaris gegevensbescherming niet bereikbaar",
    title_en="Data protection officer cannot be reached",
    description_nl=(
        "Als er een functionaris gegevensbescherming is, moeten mensen die rechtstreeks kunnen bereiken: "
        "geef een e-mailadres, telefoonnummer of postadres."
    ),
    description_en=(
        "Where there is a data protection officer, people must be able to reach them directly: give an "
        "e-mail address, phone number or postal address."
    ),
)
def dpo_contact_incomplete(register: Register) -> Iterator[Issue]:
    """Flag: a DPO recorded without any way to reach them."""
    dpo = register.controller.dpo
    if dpo is not None and not (dpo.email or dpo.phone or dpo.address):
        named = f" {wording.quoted(dpo.name)}" if dpo.name else ""
        yield Issue(
            "controller.dpo",
            f"Voor de functionaris gegevensbescherming{named} is geen e-mail, telefoon of adres vastgelegd.",
            f"No e-mail, phone or address is recorded for the data protection officer{named}.",
        )


@rule(
    id="supervisory-authority-unknown",
    severity="info",
    article="Art. 13(2)(d), 77 AVG/GDPR",
    title_nl="Toezichthouder onbekend",
    title_en="Supervisory authority unknown",
    description_nl=(
        "Waarborg kent de toezichthouder alleen voor Nederland en België. Voor een ander land noemt de "
        "privacyverklaring geen toezichthouder bij het klachtrecht; vul dat zelf aan."
    ),
    description_en=(
        "Waarborg knows the supervisory authority for the Netherlands and Belgium only. For another country "
        "the statement names no authority for complaints; add it yourself."
    ),
)
def supervisory_authority_unknown(register: Register) -> Iterator[Issue]:
    """Flag: a controller country whose supervisory authority Waarborg does not know."""
    if register.authority() is None:
        country_nl, country_en = wording.country(register.controller.country)
        yield Issue(
            "controller.country",
            f"Waarborg kent de toezichthouder van het land van de organisatie ({country_nl}) niet; "
            "de privacyverklaring noemt er dus geen.",
            f"Waarborg does not know the supervisory authority of the controller's country ({country_en}), "
            "so the statement names none.",
        )


@rule(
    id="response-time-exceeds-month",
    severity="error",
    article="Art. 12(3) AVG/GDPR",
    title_nl="Reactietermijn langer dan een maand",
    title_en="Response time longer than one month",
    description_nl=(
        "Een verzoek van een betrokkene moet binnen een maand worden beantwoord. Alleen bij complexe of "
        "veel verzoeken mag dat met twee maanden worden verlengd, en dan per geval met uitleg."
    ),
    description_en=(
        "A data subject's request must be answered within one month. Only for complex or numerous requests "
        "may that be extended by two months, case by case and with reasons."
    ),
)
def response_time_exceeds_month(register: Register) -> Iterator[Issue]:
    """Flag: a response time for requests that can exceed one month."""
    period = register.rights.response_time
    if _days_at_most(period) > ONE_MONTH_DAYS:
        yield Issue(
            "rights.response_time",
            f"De reactietermijn op verzoeken is {wording.period_nl(period)}; de wet geeft een maand.",
            f"The response time for requests is {period}; the law allows one month.",
        )


CHECKS: tuple[Check, ...] = (
    contact_missing,
    dpo_contact_incomplete,
    supervisory_authority_unknown,
    response_time_exceeds_month,
)
