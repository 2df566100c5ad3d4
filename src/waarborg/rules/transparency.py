"""What the statement can tell people (Art. 12-14): specific purposes, sources, requirements."""

from __future__ import annotations

import re
from collections.abc import Iterator

from waarborg.register import LocalText, Register

from . import wording
from .rule import Check, Issue, rule

# Purposes so broad that they say nothing on their own (Art. 5(1)(b): "specified, explicit").
VAGUE_PURPOSES = frozenset(
    {
        "administratie",
        "administratieve doeleinden",
        "bedrijfsvoering",
        "interne doeleinden",
        "commerciële doeleinden",
        "marketing",
        "marketingdoeleinden",
        "verbeteren van onze dienstverlening",
        "verbetering van onze dienstverlening",
        "het verbeteren van onze dienstverlening",
        "overige doeleinden",
        "administration",
        "administrative purposes",
        "business purposes",
        "internal purposes",
        "commercial purposes",
        "marketing purposes",
        "improving our services",
        "to improve our services",
        "service improvement",
        "other purposes",
    }
)

# Art. 13(2)(e) applies where the person provides the data; for these bases the answer is rarely "voluntary".
PROVISION_BASES = frozenset({"contract", "legal_obligation"})


def _normalise(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase.strip().lower()).rstrip(".;:")
    return re.sub(r"^(voor|for) ", "", phrase)


def is_vague(purpose: LocalText) -> bool:
    """True when every wording of the purpose is a stock phrase such as 'administratieve doeleinden'."""
    variants = [v for v in (purpose.nl, purpose.en, purpose.plain) if v]
    return all(_normalise(v) in VAGUE_PURPOSES for v in variants)


@rule(
    id="purpose-vague",
    severity="info",
    article="Art. 5(1)(b), 13(1)(c) AVG/GDPR",
    title_nl="Vaag doel",
    title_en="Vague purpose",
    description_nl=(
        "Een doel als 'administratieve doeleinden' of 'bedrijfsvoering' zegt niet wat u met de gegevens "
        "doet. Beschrijf concreet waarvoor, bijvoorbeeld 'het innen van de contributie'."
    ),
    description_en=(
        "A purpose such as 'administrative purposes' or 'business purposes' does not say what is done with "
        "the data. Describe it concretely, e.g. 'collecting the membership fee'."
    ),
)
def purpose_vague(register: Register) -> Iterator[Issue]:
    """Flag: activities whose every purpose is a stock phrase."""
    for key, activity in register.activities.items():
        if all(is_vague(purpose) for purpose in activity.purposes):
            nl, en = wording.activity(register, key)
            purpose_nl, purpose_en = wording.both(activity.purposes[0], register)
            yield Issue(
                f"activities.{key}.purposes",
                f"Het doel van de verwerking {nl} is vaag ({wording.excerpt(purpose_nl)}); beschrijf het concreet.",
                f"The purpose of the activity {en} is vague ({wording.excerpt(purpose_en)}); describe it concretely.",
            )


@rule(
    id="provision-requirement-missing",
    severity="info",
    article="Art. 13(2)(e) AVG/GDPR",
    title_nl="Niet gezegd of gegevens verplicht zijn",
    title_en="Not stated whether providing data is required",
    description_nl=(
        "Bij een overeenkomst of wettelijke plicht moet de privacyverklaring zeggen of iemand de gegevens "
        "moet verstrekken en wat er gebeurt als hij dat niet doet. Vul `provision` in."
    ),
    description_en=(
        "Under a contract or legal obligation the statement must say whether people must provide the data "
        "and what happens if they do not. Fill in `provision`."
    ),
)
def provision_requirement_missing(register: Register) -> Iterator[Issue]:
    """Flag: contract or legal-obligation activities that do not say whether data must be provided."""
    for key, activity in register.activities.items():
        if (
            activity.legal_basis in PROVISION_BASES
            and activity.source.kind == "data_subject"
            and activity.provision is None
        ):
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.provision",
                f"Bij de verwerking {nl} staat niet of mensen de gegevens moeten verstrekken en wat "
                "er gebeurt als ze dat niet doen.",
                f"The activity {en} does not say whether people must provide the data and what follows if they do not.",
            )


@rule(
    id="third-party-source-undescribed",
    severity="warning",
    article="Art. 14(2)(f), 15(1)(g) AVG/GDPR",
    title_nl="Bron van de gegevens niet beschreven",
    title_en="Source of the data not described",
    description_nl=(
        "Komen gegevens niet van de betrokkene zelf, dan moet u zeggen waar ze vandaan komen, en of dat een "
        "openbare bron is. Vul `source.description` in."
    ),
    description_en=(
        "When data do not come from the person, you must say where they come from and whether the source "
        "is public. Fill in `source.description`."
    ),
)
def third_party_source_undescribed(register: Register) -> Iterator[Issue]:
    """Flag: activities with data from elsewhere that do not describe the source."""
    for key, activity in register.activities.items():
        if activity.source.kind != "data_subject" and activity.source.description is None:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.source.description",
                f"De verwerking {nl} krijgt gegevens van anderen, maar zegt niet van wie.",
                f"The activity {en} obtains data from elsewhere but does not say from where.",
            )


@rule(
    id="statement-change-notice-missing",
    severity="info",
    article="Art. 12(1), 13(3) AVG/GDPR",
    title_nl="Niet gezegd hoe wijzigingen worden gemeld",
    title_en="No word on how changes are announced",
    description_nl=(
        "Vertel in de privacyverklaring hoe u mensen op de hoogte brengt als die verandert, zeker als "
        "gegevens voor een nieuw doel worden gebruikt. Vul `statement.notify_changes` in."
    ),
    description_en=(
        "Tell people how they will hear about changes to the statement, especially before data are used for "
        "a new purpose. Fill in `statement.notify_changes`."
    ),
)
def statement_change_notice_missing(register: Register) -> Iterator[Issue]:
    """Flag: a statement that does not say how changes are announced."""
    if register.statement.notify_changes is None:
        version = register.statement.version
        yield Issue(
            "statement.notify_changes",
            f"De privacyverklaring (versie {version}) zegt niet hoe mensen over wijzigingen horen.",
            f"The privacy statement (version {version}) does not say how people hear about changes.",
        )


CHECKS: tuple[Check, ...] = (
    purpose_vague,
    provision_requirement_missing,
    third_party_source_undescribed,
    statement_change_notice_missing,
)
