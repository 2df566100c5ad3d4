"""The notification form's questions in the AP's order, and an incident's answers as readable text.

`FORM` lists the sections 0-9 of the Autoriteit Persoonsgegevens' online form with every question
in Dutch and English and the incident field that answers it; `answered_form` walks it to give
the structure the PDF and the JSON export share, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from waarborg.register.text import Language

from . import options as O
from .incident import LOCAL_ZONE, Incident, Party, Person

Shape = Literal["text", "moment", "number", "choice", "choices", "person", "parties", "flag", "list"]


@dataclass(frozen=True)
class Question:
    path: str  # section.field of `Incident`
    nl: str
    en: str
    shape: Shape = "text"
    options: str | None = None  # a key of options.OPTION_LISTS


@dataclass(frozen=True)
class FormSection:
    number: int
    key: str
    nl: str
    en: str
    questions: tuple[Question, ...]


Q = Question
FORM: tuple[FormSection, ...] = (
    FormSection(0, "notification", "Soort melding", "Kind of notification", (
        Q("notification.regime", "Onder welk wettelijk kader valt de melding?",
          "Under which legal regime does the notification fall?", "choice", "regime"),
        Q("notification.kind", "Is dit een nieuwe melding, een vervolgmelding of een intrekking?",
          "Is this a new notification, a follow-up or a withdrawal?", "choice", "kind"),
        Q("notification.follows", "Meldnummer van de eerdere melding", "Number of the earlier notification"),
        Q("notification.withdrawal_reason", "Waarom trekt u de melding in?", "Why is the notification withdrawn?"),
    )),
    FormSection(1, "organisation", "Organisatie en contactpersoon", "Organisation and contact person", (
        Q("organisation.organisation", "Naam van de organisatie", "Name of the organisation"),
        Q("organisation.registration", "KvK- of ondernemingsnummer", "Trade-register number"),
        Q("organisation.address", "Adres", "Address"),
        Q("organisation.role", "In welke rol meldt de organisatie?", "In which role does the organisation report?",
          "choice", "role"),
        Q("organisation.reporter", "Wie doet de melding?", "Who makes the notification?", "person"),
        Q("organisation.contact", "Welke persoon kan nadere informatie geven over het datalek?",
          "Who can give further information about the breach?", "person"),
        Q("organisation.parties", "Zijn er andere organisaties betrokken (bijvoorbeeld een verwerker)?",
          "Are other organisations involved (a processor, for instance)?", "parties"),
    )),
    FormSection(2, "timing", "Tijdstippen", "Timing", (
        Q("timing.period", "Wanneer vond de inbreuk plaats?", "When did the breach happen?", "choice", "period"),
        Q("timing.started_at", "Begin (of datum) van de inbreuk", "Start (or date) of the breach", "moment"),
        Q("timing.ended_at", "Einde van de inbreuk", "End of the breach", "moment"),
        Q("timing.discovered_at", "Wanneer heeft u de inbreuk ontdekt?", "When did you discover the breach?",
          "moment"),
        Q("timing.how_discovered", "Hoe is de inbreuk ontdekt?", "How was the breach discovered?"),
        Q("timing.ongoing", "Duurt de inbreuk nog voort?", "Is the breach still going on?", "choice",
          "yes_no_unknown"),
        Q("timing.delay_reason", "Waarom meldt u later dan 72 uur na de ontdekking?",
          "Why is the notification made more than 72 hours after discovery?"),
    )),
    FormSection(3, "what", "Wat is er gebeurd?", "What happened?", (
        Q("what.summary", "Samenvatting van het incident", "Summary of the incident"),
        Q("what.nature", "Wat is de aard van de inbreuk?", "What is the nature of the breach?", "choices", "nature"),
        Q("what.incident_kind", "Wat voor soort incident is er gebeurd?", "What kind of incident happened?",
          "choice", "incident_kind"),
        Q("what.incident_other", "Anders, namelijk", "Other, namely"),
    )),
    FormSection(4, "data", "Persoonsgegevens", "Personal data", (
        Q("data.kinds", "Om welk type persoonsgegevens gaat het?", "Which kinds of personal data are involved?",
          "choices", "data_kind"),
        Q("data.special", "Welke bijzondere of strafrechtelijke persoonsgegevens?",
          "Which special-category or criminal-offence data?", "choices", "special_kind"),
        Q("data.other", "Overige gegevens, namelijk", "Other data, namely"),
        Q("data.records", "Om hoeveel records gaat het (ongeveer)?", "Approximately how many records?", "number"),
    )),
    FormSection(5, "people", "Betrokkenen", "People affected", (
        Q("people.groups", "Om welke groepen mensen gaat het?", "Which groups of people are affected?", "list"),
        Q("people.description", "Omschrijving van de groep", "Description of the group"),
        Q("people.minimum", "Van hoeveel personen minimaal?", "Minimum number of people", "number"),
        Q("people.maximum", "Van hoeveel personen maximaal?", "Maximum number of people", "number"),
        Q("people.characteristics", "Bijzondere kenmerken van de betrokkenen",
          "Special characteristics of the people", "choices", "characteristic"),
    )),
    FormSection(6, "protection", "Versleuteling", "Encryption", (
        Q("protection.unintelligible",
          "Zijn de gegevens versleuteld, gehasht of op een andere manier onbegrijpelijk of ontoegankelijk gemaakt?",
          "Were the data encrypted, hashed or otherwise made unintelligible or inaccessible?", "choice",
          "unintelligible"),
        Q("protection.partly_which", "Deels, namelijk", "Partly, namely"),
        Q("protection.how", "Op welke manier (en welke versleuteling)?", "How (and which encryption)?"),
        Q("protection.key_compromised", "Is de sleutel ook in verkeerde handen gekomen?",
          "Has the key been compromised too?", "flag"),
    )),
    FormSection(7, "consequences", "Gevolgen", "Consequences", (
        Q("consequences.confidentiality", "Gevolgen voor de vertrouwelijkheid", "Consequences for confidentiality",
          "flag"),
        Q("consequences.integrity", "Gevolgen voor de integriteit", "Consequences for integrity", "flag"),
        Q("consequences.availability", "Gevolgen voor de beschikbaarheid", "Consequences for availability", "flag"),
        Q("consequences.harms", "Welke gevolgen kan de inbreuk hebben voor de persoonlijke levenssfeer?",
          "What consequences can the breach have for the people's private lives?", "choices", "harm"),
        Q("consequences.harm_other", "Anders, namelijk", "Other, namely"),
        Q("consequences.consequences", "Toelichting op de gevolgen", "The consequences explained"),
    )),
    FormSection(8, "follow_up", "Vervolgacties", "Follow-up", (
        Q("follow_up.informed", "Heeft u de betrokkenen geïnformeerd?", "Have you informed the people affected?",
          "choice", "informed"),
        Q("follow_up.informed_at", "Wanneer?", "When?", "moment"),
        Q("follow_up.channels", "Hoe?", "How?", "choices", "channel"),
        Q("follow_up.message", "Wat heeft u hen verteld?", "What did you tell them?"),
        Q("follow_up.not_informed_reason", "Waarom niet?", "Why not?", "choice", "not_informed_reason"),
        Q("follow_up.not_informed_explanation", "Toelichting", "Explanation"),
        Q("follow_up.measures", "Welke technische en organisatorische maatregelen heeft u getroffen?",
          "Which technical and organisational measures have you taken?"),
        Q("follow_up.measures_planned", "Welke maatregelen volgen nog?", "Which measures are still to follow?"),
        Q("follow_up.cross_border", "Gaat het om personen in andere EU-landen?",
          "Are people in other EU countries affected?", "choice", "yes_no_unknown"),
        Q("follow_up.countries", "Welke landen?", "Which countries?", "list"),
        Q("follow_up.other_authorities", "Welke andere toezichthouders zijn geïnformeerd?",
          "Which other supervisory authorities have been informed?", "list"),
    )),
    FormSection(9, "other", "Overig", "Other", (
        Q("other.other", "Wilt u nog iets kwijt?", "Anything else?"),
    )),
)

WORDS: dict[str, dict[Language, str]] = {
    "yes": {"nl": "Ja", "en": "Yes"},
    "no": {"nl": "Nee", "en": "No"},
    "name": {"nl": "Naam", "en": "Name"},
    "function": {"nl": "Functie", "en": "Function"},
    "phone": {"nl": "Telefoon", "en": "Telephone"},
    "email": {"nl": "E-mail", "en": "E-mail"},
    "informed": {"nl": "geïnformeerd", "en": "informed"},
}


# Questions the form asks only after a certain answer (a follow-up's number only for a follow-up,
# "partly, namely" only after "partly"); elsewhere they are left out of the document.
APPLIES: dict[str, Callable[[Incident], bool]] = {
    "notification.follows": lambda i: i.notification.kind != "new",
    "notification.withdrawal_reason": lambda i: i.notification.kind == "withdrawal",
    "timing.started_at": lambda i: i.timing.period != "unknown" or i.timing.started_at is not None,
    "timing.ended_at": lambda i: i.timing.period == "between_dates" or i.timing.ended_at is not None,
    "timing.delay_reason": lambda i: bool(i.timing.delay_reason),
    "what.incident_other": lambda i: i.what.incident_kind == "other",
    "data.special": lambda i: bool({"special", "criminal"} & set(i.data.kinds)) or bool(i.data.special),
    "data.other": lambda i: "other" in i.data.kinds,
    "protection.partly_which": lambda i: i.protection.unintelligible == "partly",
    "protection.how": lambda i: i.protection.unintelligible in ("yes", "partly"),
    "protection.key_compromised": lambda i: i.protection.unintelligible in ("yes", "partly"),
    "consequences.harm_other": lambda i: "other" in i.consequences.harms,
    "follow_up.informed_at": lambda i: i.follow_up.informed == "yes",
    "follow_up.channels": lambda i: i.follow_up.informed in ("yes", "not_yet"),
    "follow_up.message": lambda i: i.follow_up.informed in ("yes", "not_yet"),
    "follow_up.not_informed_reason": lambda i: i.follow_up.informed == "no",
    "follow_up.not_informed_explanation": lambda i: i.follow_up.informed == "no",
    "follow_up.countries": lambda i: i.follow_up.cross_border == "yes",
    "follow_up.other_authorities": lambda i: i.follow_up.cross_border == "yes",
}


def applies(incident: Incident, path: str) -> bool:
    """Whether the form asks this question, given the other answers."""
    condition = APPLIES.get(path)
    return condition is None or condition(incident)


def value_at(incident: Incident, path: str) -> Any:
    """The raw answer at `section.field`."""
    section, field = path.split(".")
    return getattr(getattr(incident, section), field)


def local_text(moment: datetime, lang: Language) -> str:
    """A UTC moment as Dutch local time, e.g. '24-10-2026 10:00 (CEST)'."""
    local = moment.astimezone(LOCAL_ZONE)
    pattern = "%d-%m-%Y %H:%M" if lang == "nl" else "%d %b %Y %H:%M"
    return f"{local.strftime(pattern)} ({local.tzname()})"


def answer_text(question: Question, value: Any, lang: Language) -> str | list[str] | None:
    """The answer as a person reads it, None when unanswered."""
    if value is None or value == [] or value == "":
        return None
    shape = question.shape
    if shape == "moment":
        return local_text(value, lang)
    if shape == "number":
        return f"{value:,}".replace(",", ".") if lang == "nl" else f"{value:,}"
    if shape == "flag":
        return WORDS["yes" if value else "no"][lang]
    if shape in ("choice", "choices"):
        table = O.OPTION_LISTS[question.options or ""]
        return O.label(table, value, lang) if shape == "choice" else [O.label(table, item, lang) for item in value]
    if shape == "person":
        return _person_text(value, lang)
    if shape == "parties":
        return [_party_text(party, lang) for party in value]
    if shape == "list":
        return [str(item) for item in value]
    return str(value)


def _person_text(person: Person, lang: Language) -> list[str] | None:
    lines = [f"{WORDS[key][lang]}: {getattr(person, key)}" for key in ("name", "function", "phone", "email")
             if getattr(person, key)]
    return lines or None


def _party_text(party: Party, lang: Language) -> str:
    text = f"{party.name} ({O.label(O.PARTY_ROLE, party.role, lang)}, {party.country})"
    if party.informed_at is not None:
        text += f", {WORDS['informed'][lang]} {local_text(party.informed_at, lang)}"
    return text


def answered_form(incident: Incident, lang: Language, group_label: Any = None) -> list[dict[str, Any]]:
    """Sections with their questions, the raw value and the readable answer (None when unanswered).

    `group_label` turns register subject-group keys into words (the register knows its own groups).
    """
    sections = []
    for section in FORM:
        rows = []
        for question in section.questions:
            if not applies(incident, question.path):
                continue
            value = value_at(incident, question.path)
            if question.path == "people.groups" and group_label is not None:
                value = [group_label(key) for key in value]
            rows.append({
                "field": question.path,
                "question": question.nl if lang == "nl" else question.en,
                "answer": answer_text(question, value, lang),
            })
        sections.append({"number": section.number, "key": section.key,
                         "title": section.nl if lang == "nl" else section.en, "questions": rows})
    return sections
