"""People a sweep must skip: restricted persons (Art. 18) and persons with an open request
(their data must stay as it is while the request is handled, Art. 12(3)).

Their identities are kept sealed in the store; the sweep unseals them, finds their rows with
`find_person`, and excludes those primary keys (`pk NOT IN (...)`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.datasets.connect import Connections
from waarborg.datasets.graph import find_person
from waarborg.register import Register
from waarborg.requests import lifecycle
from waarborg.store.models import DataSubjectRequest, Restriction
from waarborg.store.sealing import unseal

OPEN_STATUSES = sorted(lifecycle.OPEN_STATUSES)  # failed requests are retried, so still open


@dataclass
class Exclusions:
    """Primary keys to skip per (system, table), and how many people they belong to."""

    keys: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    persons: int = 0

    def for_table(self, system: str, table: str) -> list[Any]:
        return self.keys.get((system, table), [])


def paused_identities(session: Session, key: bytes) -> set[tuple[str, str]]:
    """(kind, value) of every person under restriction or with an open request."""
    sealed: set[tuple[str, str]] = set()
    for restriction in session.execute(select(Restriction).where(Restriction.lifted_at.is_(None))).scalars():
        sealed.add((restriction.identity_kind, restriction.identity_sealed))
    query = select(DataSubjectRequest).where(DataSubjectRequest.status.in_(OPEN_STATUSES))
    for request in session.execute(query).scalars():
        sealed.add((request.identity_kind, request.identity_sealed))
    return {(kind, unseal(key, token)) for kind, token in sealed}


def find_exclusions(register: Register, connections: Connections, identities: set[tuple[str, str]]) -> Exclusions:
    """The rows of these people, found across all bound databases."""
    keys: dict[tuple[str, str], set[Any]] = defaultdict(set)
    for kind, value in sorted(identities):
        for rows in find_person(register, connections, kind, value):
            keys[(rows.system, rows.table)].update(rows.keys)
    return Exclusions({node: sorted(found, key=repr) for node, found in keys.items()}, len(identities))
