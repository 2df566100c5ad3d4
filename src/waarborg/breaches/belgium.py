"""A Belgian controller notifies the Gegevensbeschermingsautoriteit (GBA), or the Vlaamse
Toezichtcommissie (VTC) when it is a Flemish public authority; the same answers, mapped.

The GBA's form asks what the AP's asks, grouped differently. `GBA_FORM` maps each GBA heading
onto the fields of `Incident`. Both the headings and the competence rule are marked *verify* in
docs/breaches.md: they follow the GBA's published form and the Flemish decree of 8 June 2018 as
understood when this was written, and must be checked against the current texts before use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from waarborg.register.text import Language

from .incident import Incident
from .questions import FORM, Question, answer_text, applies, value_at

Authority = Literal["AP", "GBA", "VTC"]

AUTHORITY_NAMES: dict[Authority, dict[Language, str]] = {
    "AP": {"nl": "Autoriteit Persoonsgegevens", "en": "Dutch Data Protection Authority (AP)"},
    "GBA": {"nl": "Gegevensbeschermingsautoriteit", "en": "Belgian Data Protection Authority (GBA)"},
    "VTC": {"nl": "Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens",
            "en": "Flemish Supervisory Commission for the processing of personal data (VTC)"},
}


class CompetenceUnknown(ValueError):
    """A Belgian incident that does not say whether the controller is a Flemish public authority."""


def competent_authority(country: str, flemish_public_authority: bool | None) -> Authority:
    """Which authority takes the notification (verify the VTC's competence per case).

    >>> competent_authority("NL", None)
    'AP'
    >>> competent_authority("BE", True)
    'VTC'
    """
    if country == "NL":
        return "AP"
    if country != "BE":
        raise ValueError(f"no supervisory authority known for country {country!r} (Waarborg knows NL and BE)")
    if flemish_public_authority is None:
        raise CompetenceUnknown(
            "organisation.flemish_public_authority: say whether the organisation is a Flemish public authority "
            "(then the Vlaamse Toezichtcommissie is competent, otherwise the GBA)"
        )
    return "VTC" if flemish_public_authority else "GBA"


@dataclass(frozen=True)
class GbaHeading:
    nl: str
    en: str
    fields: tuple[str, ...]  # Incident paths that answer it
    verify: bool = True


GBA_FORM: tuple[GbaHeading, ...] = (
    GbaHeading("Type melding", "Type of notification", ("notification.kind", "notification.follows",
                                                       "notification.withdrawal_reason")),
    GbaHeading("Identificatie van de verwerkingsverantwoordelijke", "Identification of the controller",
               ("organisation.organisation", "organisation.registration", "organisation.address",
                "organisation.role")),
    GbaHeading("Contactpersoon (of functionaris voor gegevensbescherming)", "Contact person (or DPO)",
               ("organisation.contact", "organisation.reporter")),
    GbaHeading("Betrokken verwerkers en andere organisaties", "Processors and other organisations involved",
               ("organisation.parties",)),
    GbaHeading("Datum en tijdstip", "Date and time", ("timing.period", "timing.started_at", "timing.ended_at",
                                                        "timing.discovered_at", "timing.ongoing")),
    GbaHeading("Redenen voor laattijdige melding", "Reasons for a late notification", ("timing.delay_reason",)),
    GbaHeading("Omstandigheden van het gegevenslek", "Circumstances of the breach",
               ("what.summary", "what.incident_kind", "what.incident_other", "timing.how_discovered")),
    GbaHeading("Aard van het gegevenslek (vertrouwelijkheid, integriteit, beschikbaarheid)",
               "Nature of the breach (confidentiality, integrity, availability)",
               ("what.nature", "consequences.confidentiality", "consequences.integrity",
                "consequences.availability")),
    GbaHeading("Categorieën en aantal persoonsgegevens", "Categories and number of personal data records",
               ("data.kinds", "data.special", "data.other", "data.records")),
    GbaHeading("Categorieën en aantal betrokkenen", "Categories and number of people affected",
               ("people.groups", "people.description", "people.minimum", "people.maximum",
                "people.characteristics")),
    GbaHeading("Technische beschermingsmaatregelen (versleuteling)", "Technical protection (encryption)",
               ("protection.unintelligible", "protection.partly_which", "protection.how",
                "protection.key_compromised")),
    GbaHeading("Mogelijke gevolgen voor de betrokkenen", "Possible consequences for the people affected",
               ("consequences.harms", "consequences.harm_other", "consequences.consequences")),
    GbaHeading("Genomen en voorgestelde maatregelen", "Measures taken and proposed",
               ("follow_up.measures", "follow_up.measures_planned")),
    GbaHeading("Mededeling aan de betrokkenen", "Communication to the people affected",
               ("follow_up.informed", "follow_up.informed_at", "follow_up.channels", "follow_up.message",
                "follow_up.not_informed_reason", "follow_up.not_informed_explanation")),
    GbaHeading("Grensoverschrijdende aspecten", "Cross-border aspects",
               ("follow_up.cross_border", "follow_up.countries", "follow_up.other_authorities")),
    GbaHeading("Overige informatie", "Other information", ("other.other",)),
)

_QUESTIONS: dict[str, Question] = {q.path: q for section in FORM for q in section.questions}


def gba_form(incident: Incident, lang: Language,
             group_label: Callable[[str], str] | None = None) -> list[dict[str, Any]]:
    """The incident's answers under the GBA's headings, each heading marked `verify`."""
    headings = []
    for heading in GBA_FORM:
        rows = []
        for path in heading.fields:
            if not applies(incident, path):
                continue
            question = _QUESTIONS[path]
            value = value_at(incident, path)
            if path == "people.groups" and group_label is not None:
                value = [group_label(key) for key in value]
            rows.append({"field": path, "question": question.nl if lang == "nl" else question.en,
                         "answer": answer_text(question, value, lang)})
        headings.append({"title": heading.nl if lang == "nl" else heading.en, "verify": heading.verify,
                         "questions": rows})
    return headings


def unmapped_fields() -> list[str]:
    """Fields of the AP form no GBA heading carries (the test keeps this empty)."""
    mapped = {path for heading in GBA_FORM for path in heading.fields}
    return [path for path in _QUESTIONS if path not in mapped and path != "notification.regime"]
