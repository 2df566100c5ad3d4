"""Rectification input (Art. 16): ``--set persons.phone=0612345678`` checked against the bindings.

Only columns the register binds as personal data can be changed, so a hostile or mistyped name
never reaches SQL as an identifier; the new value always travels as a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from waarborg.register import Register


class CorrectionError(ValueError):
    """A rectification cannot be applied as written; nothing has been changed."""


@dataclass(frozen=True)
class Correction:
    """Set one bound column of the person's rows to a new value."""

    system: str
    table: str
    column: str
    value: str

    @property
    def target(self) -> str:
        return f"{self.system}.{self.table}.{self.column}"

    def __repr__(self) -> str:
        return f"Correction({self.target}=<hidden>)"


def _is_email(value: str) -> bool:
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None


def _is_phone(value: str) -> bool:
    return re.fullmatch(r"\+?[0-9][0-9 ()-]{5,19}", value) is not None


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Plausibility checks per data category (and every category beneath it): a correction must not
# make the data less accurate than it was.
_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "user.contact.email": (_is_email, "an e-mail address such as jan@example.nl"),
    "user.contact.phone_number": (_is_phone, "a phone number such as 0612345678 or +31 20 555 1234"),
    "user.demographic.date_of_birth": (_is_date, "a date written YYYY-MM-DD"),
}


def parse_corrections(raw: Iterable[str], register: Register) -> list[Correction]:
    """Parse every ``[system.]table.column=value``; CorrectionError lists all problems at once."""
    corrections: list[Correction] = []
    problems: list[str] = []
    for item in raw:
        try:
            corrections.append(parse_correction(item, register))
        except CorrectionError as exc:
            problems.append(str(exc))
    if not corrections and not problems:
        problems.append("give at least one --set table.column=value")
    seen = [c.target for c in corrections]
    problems += [f"{target} is set twice" for target in sorted({t for t in seen if seen.count(t) > 1})]
    if problems:
        raise CorrectionError("; ".join(problems))
    return corrections


def parse_correction(item: str, register: Register) -> Correction:
    """One ``[system.]table.column=value`` against the bindings; CorrectionError otherwise."""
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise CorrectionError(f"--set {name.strip() or '?'}: write table.column=value")
    system, table, column = _resolve(name.strip(), register)
    value = value.strip()
    if not value:
        raise CorrectionError(f"--set {name.strip()}: the new value is empty (to remove data, use erase)")
    category = _category(register, system, table, column)
    for prefix, (check, expected) in _CHECKS.items():
        if (category == prefix or category.startswith(prefix + ".")) and not check(value):
            raise CorrectionError(f"--set {system}.{table}.{column}: expected {expected}")
    return Correction(system, table, column, value)


def _resolve(name: str, register: Register) -> tuple[str, str, str]:
    parts = name.split(".")
    if len(parts) == 3:
        return _bound_column(register, parts[0], parts[1], parts[2], name)
    if len(parts) != 2:
        raise CorrectionError(f"--set {name}: name a column as table.column or system.table.column")
    table, column = parts
    systems = [key for key, system in register.systems.items() if system.database and table in system.database.tables]
    if not systems:
        raise CorrectionError(f"--set {name}: no bound table {table!r}")
    if len(systems) > 1:
        raise CorrectionError(f"--set {name}: table {table!r} exists in {', '.join(systems)}; write system.{name}")
    return _bound_column(register, systems[0], table, column, name)


def _bound_column(register: Register, system: str, table: str, column: str, name: str) -> tuple[str, str, str]:
    binding = register.systems.get(system)
    if binding is None or binding.database is None:
        raise CorrectionError(f"--set {name}: no system {system!r} with a database binding")
    table_binding = binding.database.tables.get(table)
    if table_binding is None:
        raise CorrectionError(f"--set {name}: system {system!r} binds no table {table!r}")
    if column not in table_binding.columns:
        known = ", ".join(sorted(table_binding.columns)) or "none"
        raise CorrectionError(f"--set {name}: {column!r} is not a bound personal-data column (bound: {known})")
    return system, table, column


def _category(register: Register, system: str, table: str, column: str) -> str:
    database = register.systems[system].database
    assert database is not None  # _resolve checked it
    return database.tables[table].columns[column].category
