"""Pre-filling an incident from the register: the affected activities and systems tell which data,
which special categories, which groups of people and which processors are involved.

Pure: reads the register only. The number of people comes from `waarborg.breaches.counting`,
which counts rows in the bound databases. Pre-filling never overwrites an answer the officer gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waarborg.register import Register
from waarborg.register.taxonomy import is_criminal, is_national_id, is_special

from .incident import Incident, Party

# fideslang key prefixes -> the AP form's kinds of data (first match wins, most specific first).
_KIND_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("user.government_id.national_identification_number", "bsn"),
    ("user.government_id.id_copy", "id_copy"),
    ("user.government_id.passport_number", "id_copy"),
    ("user.government_id.drivers_license_number", "id_copy"),
    ("user.contact.email", "email"),
    ("user.contact.phone_number", "phone"),
    ("user.contact.fax_number", "phone"),
    ("user.contact.address", "name_address"),
    ("user.name", "name_address"),
    ("user.account", "access"),
    ("user.authorization", "access"),
    ("user.unique_id", "access"),
    ("user.financial", "financial"),
    ("user.payment", "financial"),
    ("user.demographic.gender", "demographic"),
    ("user.demographic.date_of_birth", "demographic"),
    ("user.demographic.age_range", "demographic"),
)

_SPECIAL_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("user.demographic.race_ethnicity", "race_ethnicity"),
    ("user.demographic.political_opinion", "political"),
    ("user.demographic.religious_belief", "religion"),
    ("user.demographic.trade_union_membership", "union"),
    ("user.demographic.sexual_orientation", "sex_life"),
    ("user.health_and_medical.genetic", "genetic"),
    ("user.health_and_medical", "health"),
    ("user.biometric", "biometric"),
    ("user.authorization.biometric", "biometric"),
    ("user.criminal_history", "criminal"),
)


def _matches(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + ".")


def kind_of(register: Register, key: str) -> str:
    """The AP form's kind of data for a register category, e.g. user.contact.email -> 'email'."""
    if is_criminal(key):
        return "criminal"
    if register.is_special_category(key):
        return "special"
    if is_national_id(key):
        return "bsn"
    return next((kind for prefix, kind in _KIND_BY_PREFIX if _matches(key, prefix)), "other")


def special_kind_of(key: str) -> str | None:
    """The special category (Art. 9/10) a key belongs to, None for ordinary data."""
    if not (is_special(key) or is_criminal(key)):
        return None
    return next((kind for prefix, kind in _SPECIAL_BY_PREFIX if _matches(key, prefix)), None)


@dataclass
class Prefill:
    """What the register says about the chosen activities and systems."""

    activities: list[str]
    systems: list[str]
    categories: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    tables: list[tuple[str, str]] = field(default_factory=list)  # bound (system, table) to count


class UnknownChoice(ValueError):
    """An activity or system key the register does not have."""


def prefill_from_register(register: Register, activities: list[str], systems: list[str]) -> Prefill:
    """Data categories, groups, processors and countable tables of the chosen activities and systems."""
    _check_keys(register, activities, systems)
    chosen = Prefill(list(activities), list(systems))
    categories: dict[str, None] = {}
    groups: dict[str, None] = {}
    recipients: dict[str, None] = {}
    for key in activities:
        activity = register.activities[key]
        categories.update(dict.fromkeys(activity.data_categories))
        categories.update(dict.fromkeys(use.category for use in activity.special_categories))
        groups.update(dict.fromkeys(activity.subject_groups))
        recipients.update(dict.fromkeys(activity.recipients))
    for key in systems:
        system = register.systems[key]
        categories.update(dict.fromkeys(system.data_categories))
        if system.operated_by:
            recipients[system.operated_by] = None
    chosen.categories = list(categories)
    chosen.kinds = _ordered_unique(kind_of(register, key) for key in categories)
    chosen.special = _ordered_unique(s for key in categories if (s := special_kind_of(key)) is not None)
    chosen.groups = list(groups)
    chosen.parties = _processors(register, list(recipients))
    chosen.tables = affected_tables(register, activities, systems)
    return chosen


def _check_keys(register: Register, activities: list[str], systems: list[str]) -> None:
    for key in activities:
        if key not in register.activities:
            raise UnknownChoice(f"activity {key!r} is not in the register (known: {', '.join(register.activities)})")
    for key in systems:
        if key not in register.systems:
            raise UnknownChoice(f"system {key!r} is not in the register (known: {', '.join(register.systems)})")


def _ordered_unique(values: object) -> list[str]:
    return list(dict.fromkeys(values))  # type: ignore[call-overload]


def _processors(register: Register, keys: list[str]) -> list[Party]:
    parties = []
    for key in keys:
        recipient = register.recipients.get(key)
        if recipient is not None and recipient.role in ("processor", "sub_processor", "joint_controller"):
            parties.append(Party(name=recipient.name, role=recipient.role, country=recipient.country))
    return parties


def affected_tables(register: Register, activities: list[str], systems: list[str]) -> list[tuple[str, str]]:
    """Bound tables of the chosen systems, and bound tables anywhere that serve a chosen activity."""
    found: list[tuple[str, str]] = []
    for system_key, system in register.systems.items():
        if system.database is None:
            continue
        for table_key, table in system.database.tables.items():
            if system_key in systems or set(table.activities) & set(activities):
                found.append((system_key, table_key))
    return found


def apply_prefill(incident: Incident, prefill: Prefill) -> Incident:
    """The incident with the register's facts filled in where the officer left the answer open."""
    data = incident.model_copy(deep=True)
    if not data.data.kinds:
        data.data.kinds = prefill.kinds  # type: ignore[assignment]
    if not data.data.special:
        data.data.special = prefill.special  # type: ignore[assignment]
    if not data.data.categories:
        data.data.categories = prefill.categories
    if not data.people.groups:
        data.people.groups = prefill.groups
    known = {party.name for party in data.organisation.parties}
    data.organisation.parties += [party for party in prefill.parties if party.name not in known]
    return Incident.model_validate(data.model_dump())


def apply_counts(incident: Incident, minimum: int | None, maximum: int | None, records: int | None) -> Incident:
    """The incident with counted numbers filled in where the officer left them open."""
    data = incident.model_dump()
    people, found = data["people"], data["data"]
    if people["minimum"] is None and people["maximum"] is None and maximum is not None:
        people["minimum"], people["maximum"] = minimum, maximum
    if found["records"] is None and records is not None:
        found["records"] = records
    return Incident.model_validate(data)
