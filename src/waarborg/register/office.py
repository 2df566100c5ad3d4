"""The register's say over the privacy office: which data categories a role may see, and
whether the retention sweep runs on its own.

    office:
      retention_sweep: daily          # `waarborg serve` / `waarborg run-due` sweep once a day
      erasure_approval: true          # a second person approves an erasure before it runs
      field_visibility:               # a category here is hidden from every role not named
        user.government_id.national_identification_number: [hr]

A listed category also covers the categories below it (`user.government_id` covers
`user.government_id.national_identification_number`). Categories not listed are visible to every
role that may look up a person at all.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Strict

OfficeRole = Literal["admin", "privacy_officer", "handler", "hr", "viewer"]


class OfficeConfig(Strict):
    retention_sweep: Literal["off", "daily"] = "off"
    # A second person approves every erasure before the engine runs it (the office's four eyes).
    erasure_approval: bool = False
    field_visibility: dict[str, list[OfficeRole]] = Field(default_factory=dict)

    def roles_for(self, category: str) -> frozenset[str] | None:
        """The roles that may see `category`, or None when every role may (nothing restricts it).

        The most specific listed ancestor decides: `user.financial: [hr]` with
        `user.financial.invoice: [hr, handler]` lets handlers see invoices but no other financial data.
        """
        parts = category.split(".")
        for end in range(len(parts), 0, -1):
            roles = self.field_visibility.get(".".join(parts[:end]))
            if roles is not None:
                return frozenset(roles)
        return None

    def may_see(self, role: str, category: str) -> bool:
        """Whether a person with `role` may see data of `category`."""
        roles = self.roles_for(category)
        return roles is None or role in roles
