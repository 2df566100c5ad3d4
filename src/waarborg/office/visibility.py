"""Field visibility by role: the ONE decision of whether a role sees a column of personal data.

The register says which data categories are restricted to which roles (`office.field_visibility`);
every page, download and export of a person's data passes its rows through `redact_rows`, so a
hidden value never reaches a template or a JSON answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from waarborg.register import Register
from waarborg.register.binding import TableBinding

HIDDEN = None  # what a hidden value becomes (the page shows "hidden for your role")


def field_visible(register: Register, role: str, category: str | None) -> bool:
    """Whether `role` may see a value of `category` (columns without a category are not personal data
    of a restricted kind: keys and event dates)."""
    return category is None or register.office.may_see(role, category)


@dataclass(frozen=True)
class Column:
    name: str
    category: str | None
    visible: bool


def columns_for(register: Register, role: str, binding: TableBinding, names: Iterable[str]) -> list[Column]:
    """The table's columns in row order, each with its category and whether `role` sees it."""
    out = []
    for name in names:
        bound = binding.columns.get(name)
        category = bound.category if bound is not None else None
        out.append(Column(name, category, field_visible(register, role, category)))
    return out


def redact_rows(columns: list[Column], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with every value of a hidden column replaced by HIDDEN."""
    hidden = [c.name for c in columns if not c.visible]
    return [{**row, **dict.fromkeys(hidden, HIDDEN)} for row in rows]
