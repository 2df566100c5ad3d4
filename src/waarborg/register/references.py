"""Reference integrity of a register: every key names something that exists."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TYPE_CHECKING

from . import taxonomy

if TYPE_CHECKING:
    from .model import Register

Path = tuple[str | int, ...]
Problem = tuple[Path, str]


def _unknown(kind: str, key: str, known: Collection[str]) -> str:
    close = get_close_matches(key, list(known), n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown {kind} {key!r}{hint}"


def _check_keys(path: Path, keys: Iterable[str], known: Collection[str], kind: str) -> list[Problem]:
    return [(path + (i,), _unknown(kind, key, known)) for i, key in enumerate(keys) if key not in known]


class _KnownCategories(Collection[str]):
    """Labelled categories, the register's own, and any other key of the installed fideslang."""

    def __init__(self, custom: Iterable[str]) -> None:
        self._listed = set(taxonomy.data_categories()) | set(custom)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._listed or taxonomy.is_known_category(key))

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._listed))

    def __len__(self) -> int:
        return len(self._listed)


@dataclass(frozen=True)
class _Known:
    """The keys a register may refer to: the vocabulary plus the register's own additions."""

    categories: Collection[str]
    groups: set[str]
    events: set[str]
    recipients: set[str]
    systems: set[str]

    @classmethod
    def of(cls, register: Register) -> _Known:
        return cls(
            categories=_KnownCategories(register.data_categories),
            groups=set(taxonomy.subject_groups()) | set(register.subject_groups),
            events=set(taxonomy.retention_events()) | set(register.events),
            recipients=set(register.recipients),
            systems=set(register.systems),
        )


def find_reference_problems(register: Register) -> list[Problem]:
    """All dangling references, in register order."""
    known = _Known.of(register)
    problems: list[Problem] = [
        (("data_categories", key), f"custom category {key!r} must start with 'user.'")
        for key in register.data_categories
        if not key.startswith("user.")
    ]
    problems += _activity_problems(register, known)
    problems += _party_problems(register, known)
    problems += _cookie_problems(register, known)
    problems += [
        (("office", "field_visibility", key), _unknown("data category", key, known.categories))
        for key in register.office.field_visibility
        if key not in known.categories
    ]
    if not taxonomy.is_known_country(register.controller.country):
        problems.append((("controller", "country"), f"unknown country code {register.controller.country!r}"))
    return problems


def _activity_problems(register: Register, known: _Known) -> list[Problem]:
    problems: list[Problem] = []
    for key, activity in register.activities.items():
        base: Path = ("activities", key)
        problems += _check_keys(base + ("subject_groups",), activity.subject_groups, known.groups, "subject group")
        problems += _check_keys(
            base + ("data_categories",), activity.data_categories, known.categories, "data category"
        )
        for i, use in enumerate(activity.special_categories):
            if use.category not in known.categories:
                path = base + ("special_categories", i, "category")
                problems.append((path, _unknown("data category", use.category, known.categories)))
        problems += _check_keys(base + ("recipients",), activity.recipients, known.recipients, "recipient")
        problems += _check_keys(base + ("systems",), activity.systems, known.systems, "system")
        event = activity.retention.from_event if activity.retention else None
        if event is not None and event not in known.events:
            problems.append((base + ("retention",), _unknown("event", event, known.events)))
    for key, processing in register.processor_activities.items():
        base = ("processor_activities", key)
        problems += _check_keys(
            base + ("data_categories",), processing.data_categories, known.categories, "data category"
        )
        problems += _check_keys(base + ("sub_processors",), processing.sub_processors, known.recipients, "recipient")
    return problems


def _party_problems(register: Register, known: _Known) -> list[Problem]:
    """Recipients and systems: categories, countries, operators and database bindings."""
    problems: list[Problem] = []
    for key, recipient in register.recipients.items():
        path: Path = ("recipients", key, "data_categories")
        problems += _check_keys(path, recipient.data_categories, known.categories, "data category")
        if not taxonomy.is_known_country(recipient.country):
            problems.append((("recipients", key, "country"), f"unknown country code {recipient.country!r}"))
    for key, system in register.systems.items():
        path = ("systems", key, "data_categories")
        problems += _check_keys(path, system.data_categories, known.categories, "data category")
        if system.operated_by is not None and system.operated_by not in known.recipients:
            message = _unknown("recipient", system.operated_by, known.recipients)
            problems.append((("systems", key, "operated_by"), message))
        problems += _binding_problems(register, key, known.categories, known.events)
    return problems


def _cookie_problems(register: Register, known: _Known) -> list[Problem]:
    websites = set(register.statement.websites)
    providers = known.recipients | {"first_party"}
    problems: list[Problem] = []
    for i, cookie in enumerate(register.cookies):
        if cookie.provider not in providers:
            problems.append((("cookies", i, "provider"), _unknown("recipient", cookie.provider, providers)))
        problems += _check_keys(("cookies", i, "websites"), cookie.websites, websites, "website")
    return problems


def _binding_problems(
    register: Register, system_key: str, categories: Collection[str], events: set[str]
) -> list[Problem]:
    """A database binding names activities, categories, events and tables that exist."""
    binding = register.systems[system_key].database
    if binding is None:
        return []
    activities = set(register.activities)
    problems: list[Problem] = []
    for table_key, table in binding.tables.items():
        base: Path = ("systems", system_key, "database", "tables", table_key)
        problems += _check_keys(base + ("activities",), table.activities, activities, "activity")
        for event in table.events:
            if event not in events:
                problems.append((base + ("events", event), _unknown("event", event, events)))
        for column_key, column in table.columns.items():
            path = base + ("columns", column_key)
            if column.category not in categories:
                problems.append((path + ("category",), _unknown("data category", column.category, categories)))
            problems += _check_keys(path + ("activities",), column.activities or [], activities, "activity")
        for column_key, target in table.references.items():
            if not _reference_resolves(register, system_key, target):
                problems.append((base + ("references", column_key), f"reference {target!r} names no bound table"))
    return problems


def _reference_resolves(register: Register, system_key: str, target: str) -> bool:
    parts = target.split(".")
    system_key, table_key = (system_key, parts[0]) if len(parts) == 2 else (parts[0], parts[1])
    system = register.systems.get(system_key)
    return system is not None and system.database is not None and table_key in system.database.tables
