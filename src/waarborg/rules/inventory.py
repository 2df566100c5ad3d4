"""The register's own consistency: what it lists should be used, and what is used should be placed.

An unused category or recipient usually means the register has drifted from practice: either the
data are processed for a purpose nobody wrote down (Art. 5(1)(b)), or the entry is stale.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule


def _related(a: str, b: str) -> bool:
    """True when one category is the other or lies beneath it (user.contact / user.contact.email)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _is_used(category: str, in_use: set[str]) -> bool:
    return any(_related(category, used) for used in in_use)


def _listed_categories(register: Register) -> Iterator[tuple[str, str, wording.Names]]:
    """(path, category, where in nl and en) for every category listed outside the activities."""
    for key, system in register.systems.items():
        name_nl, name_en = wording.quoted_both(system.name, register)
        for i, category in enumerate(system.data_categories):
            where = (f"bij het systeem {name_nl}", f"for the system {name_en}")
            yield f"systems.{key}.data_categories[{i}]", category, where
    for key, recipient in register.recipients.items():
        name_nl, name_en = wording.recipient(register, key)
        for i, category in enumerate(recipient.data_categories):
            where = (f"bij de ontvanger {name_nl}", f"for the recipient {name_en}")
            yield f"recipients.{key}.data_categories[{i}]", category, where
    for category in register.data_categories:
        yield f"data_categories.{category}", category, ("als eigen categorie", "as a custom category")


@rule(
    id="category-unused",
    severity="warning",
    article="Art. 5(1)(b), 5(1)(c), 30(1)(c) AVG/GDPR",
    title_nl="Gegevenscategorie zonder verwerking",
    title_en="Data category no activity uses",
    description_nl=(
        "Een categorie die bij een systeem, een ontvanger of als eigen categorie staat, maar bij geen enkele "
        "verwerking: of er gebeurt iets met die gegevens zonder doel en grondslag, of de vermelding is "
        "verouderd."
    ),
    description_en=(
        "A category listed for a system, a recipient or as a custom category, but used by no activity: "
        "either the data are processed without a purpose and basis, or the entry is out of date."
    ),
)
def category_unused(register: Register) -> Iterator[Issue]:
    """Flag: categories listed by systems, recipients or the register that no activity uses."""
    in_use = register.categories_in_use()
    for path, category, (where_nl, where_en) in _listed_categories(register):
        if not _is_used(category, in_use):
            nl, en = wording.category(register, category)
            yield Issue(
                path,
                f"De gegevenscategorie {nl} staat {where_nl}, maar hoort bij geen enkele verwerking.",
                f"The data category {en} is listed {where_en}, but no activity uses it.",
            )


@rule(
    id="activity-without-system",
    severity="warning",
    article="Art. 5(2), 30(1)(g), 32 AVG/GDPR",
    title_nl="Verwerking zonder systeem",
    title_en="Activity without a system",
    description_nl=(
        "Zonder te weten in welke systemen de gegevens staan, kunt u ze niet beveiligen, niet opschonen "
        "en een verzoek om inzage of verwijdering niet volledig afhandelen."
    ),
    description_en=(
        "Without knowing which systems hold the data you cannot secure them, clean them up, or fully answer "
        "an access or erasure request."
    ),
)
def activity_without_system(register: Register) -> Iterator[Issue]:
    """Flag: activities that name no system holding their data."""
    for key, activity in register.activities.items():
        if not activity.systems:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.systems",
                f"Bij de verwerking {nl} staat niet in welke systemen de gegevens worden bewaard.",
                f"The activity {en} does not say which systems hold its data.",
            )


def _recipients_in_use(register: Register) -> set[str]:
    used = {key for activity in register.activities.values() for key in activity.recipients}
    used |= {system.operated_by for system in register.systems.values() if system.operated_by}
    used |= {cookie.provider for cookie in register.cookies}
    used |= {key for processing in register.processor_activities.values() for key in processing.sub_processors}
    return used


@rule(
    id="recipient-unused",
    severity="warning",
    article="Art. 13(1)(e), 30(1)(d) AVG/GDPR",
    title_nl="Ontvanger zonder verwerking",
    title_en="Recipient linked to nothing",
    description_nl=(
        "Een ontvanger die bij geen verwerking, systeem, cookie of verwerkersactiviteit hoort, verschijnt "
        "niet op de juiste plaats in de privacyverklaring. Koppel de ontvanger of haal hem weg."
    ),
    description_en=(
        "A recipient tied to no activity, system, cookie or processor activity cannot be shown in the right "
        "place of the statement. Link it or remove it."
    ),
)
def recipient_unused(register: Register) -> Iterator[Issue]:
    """Flag: recipients linked to no activity, system, cookie or processor activity."""
    used = _recipients_in_use(register)
    for key in register.recipients:
        if key not in used:
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}",
                f"De ontvanger {name_nl} is aan geen enkele verwerking, systeem of cookie gekoppeld.",
                f"The recipient {name_en} is linked to no activity, system or cookie.",
            )


CHECKS: tuple[Check, ...] = (category_unused, activity_without_system, recipient_unused)
