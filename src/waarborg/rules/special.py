"""Sensitive data: special categories (Art. 9), criminal data (Art. 10), national ID numbers."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import ProcessingActivity, Register, taxonomy

from . import wording
from .rule import Check, Issue, rule

# UAVG art. 46 (NL) and the Belgian law on the national register (8 August 1983, art. 8) allow the
# BSN / rijksregisternummer only where a law prescribes it.
NATIONAL_ID_BASES = frozenset({"legal_obligation", "public_task"})


def _covers(declared: str, used: str) -> bool:
    """A special-category entry for `user.health_and_medical` also covers its sub-categories."""
    return used == declared or used.startswith(declared + ".")


def _has_condition(activity: ProcessingActivity, category: str) -> bool:
    return any(use.condition is not None and _covers(use.category, category) for use in activity.special_categories)


@rule(
    id="special-category-condition-missing",
    severity="error",
    article="Art. 9(1), 9(2) AVG/GDPR; UAVG art. 22-30",
    title_nl="Uitzonderingsgrond voor bijzondere persoonsgegevens ontbreekt",
    title_en="Special-category condition missing",
    description_nl=(
        "Bijzondere persoonsgegevens (zoals gezondheid, religie of biometrie) mogen alleen worden verwerkt "
        "als een uitzondering van artikel 9, lid 2 geldt. Leg per categorie de uitzondering vast in "
        "`special_categories`."
    ),
    description_en=(
        "Special-category data (health, religion, biometrics and the like) may only be processed under a "
        "condition of Art. 9(2). Record the condition for each category in `special_categories`."
    ),
)
def special_category_condition_missing(register: Register) -> Iterator[Issue]:
    """Flag: special-category data used without an Art. 9(2) condition for that category."""
    for key, activity in register.activities.items():
        for category in activity.data_categories:
            if register.is_special_category(category) and not _has_condition(activity, category):
                act_nl, act_en = wording.activity(register, key)
                cat_nl, cat_en = wording.category(register, category)
                yield Issue(
                    f"activities.{key}.special_categories",
                    f"De verwerking {act_nl} gebruikt {cat_nl}, een bijzonder persoonsgegeven, zonder "
                    "uitzonderingsgrond van artikel 9, lid 2.",
                    f"The activity {act_en} uses {cat_en}, special-category data, without an Art. 9(2) condition.",
                )


@rule(
    id="national-id-without-legal-basis",
    severity="error",
    article="Art. 87 AVG/GDPR; UAVG art. 46; BE wet 8 augustus 1983 art. 8",
    title_nl="BSN of rijksregisternummer zonder wettelijke grondslag",
    title_en="National ID number without a statutory basis",
    description_nl=(
        "Het burgerservicenummer (of in België het rijksregisternummer) mag alleen worden gebruikt "
        "als een wet dat voorschrijft. Een verwerking met dat nummer moet dus steunen op een wettelijke "
        "plicht of een publieke taak."
    ),
    description_en=(
        "The citizen service number (BSN; in Belgium the national register number) may only be used where "
        "a law prescribes it, so the activity must rest on a legal obligation or a public task."
    ),
)
def national_id_without_legal_basis(register: Register) -> Iterator[Issue]:
    """Flag: national ID numbers used on a basis other than a legal obligation or public task."""
    for key, activity in register.activities.items():
        if activity.legal_basis in NATIONAL_ID_BASES:
            continue
        for i, category in enumerate(activity.data_categories):
            if taxonomy.is_national_id(category):
                nl, en = wording.activity(register, key)
                yield Issue(
                    f"activities.{key}.data_categories[{i}]",
                    f"De verwerking {nl} gebruikt het BSN of rijksregisternummer, maar steunt niet op een "
                    "wettelijke plicht of publieke taak; dat nummer mag alleen als een wet het voorschrijft.",
                    f"The activity {en} uses a national ID number but rests on neither a legal obligation nor "
                    "a public task; that number may only be used where a law requires it.",
                )


@rule(
    id="criminal-data",
    severity="warning",
    article="Art. 10 AVG/GDPR; UAVG art. 31-33",
    title_nl="Strafrechtelijke gegevens",
    title_en="Criminal-offence data",
    description_nl=(
        "Gegevens over strafbare feiten mag een organisatie alleen verwerken in de gevallen die de UAVG "
        "noemt; vaak volstaat een verklaring omtrent het gedrag (VOG) in plaats van een eigen "
        "registratie. Ga na of zo'n geval hier geldt en leg dat vast."
    ),
    description_en=(
        "Data on criminal convictions and offences may only be processed in the cases the Dutch "
        "implementation act allows, for example by relying on a certificate of conduct (VOG) rather than "
        "keeping records. Check that this applies and document it."
    ),
)
def criminal_data(register: Register) -> Iterator[Issue]:
    """Flag: activities that include criminal-offence data."""
    for key, activity in register.activities.items():
        for i, category in enumerate(activity.data_categories):
            if taxonomy.is_criminal(category):
                nl, en = wording.activity(register, key)
                yield Issue(
                    f"activities.{key}.data_categories[{i}]",
                    f"De verwerking {nl} bevat strafrechtelijke gegevens; dat mag alleen in de gevallen van "
                    "de UAVG (artikel 31-33).",
                    f"The activity {en} includes criminal-offence data, which is allowed only in the cases "
                    "of Art. 10 and the Dutch implementation act (art. 31-33).",
                )


CHECKS: tuple[Check, ...] = (
    special_category_condition_missing,
    national_id_without_legal_basis,
    criminal_data,
)
