"""The consent ledger: every consent given or withdrawn, appended, never changed (Art. 7(1)).

Giving and withdrawing are one call with a different `action` (Art. 7(3): withdrawing is as easy
as giving). The statement version shown at that moment comes from the register
(`statement.version`) unless the caller knows an older one (an import of past consents).
The current state is derived from the events by `waarborg.consent.state.current_state`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.datasets.identities import identity_hash, normalise_identity
from waarborg.register import Register
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.models import utcnow
from waarborg.store.sealing import seal

from .state import ACTIONS, Action, ConsentFact, current_state

Method = Literal["web_form", "import", "paper", "api"]
METHODS: tuple[Method, ...] = ("web_form", "import", "paper", "api")


class ConsentError(ValueError):
    """A consent event that cannot be recorded (unknown purpose, action or method); nothing was written."""


@dataclass(frozen=True)
class Person:
    """Whose consent: the identity as the person gave it. Only its hash (and, where the organisation
    must write to the person, its sealed form) reaches the store."""

    kind: str
    value: str

    def __repr__(self) -> str:
        return f"Person(kind={self.kind!r}, value=<hidden>)"

    def hashed(self, key: bytes) -> str:
        return identity_hash(key, self.kind, self.value)

    def sealed(self, key: bytes) -> str:
        return seal(key, normalise_identity(self.kind, self.value))


@dataclass(frozen=True)
class ConsentChange:
    """One consent given or withdrawn, before it is recorded."""

    purpose: str
    action: Action
    method: Method
    evidence: Mapping[str, Any] = field(default_factory=dict)
    at: datetime | None = None
    statement_version: str | None = None


def check_change(register: Register, change: ConsentChange) -> None:
    """ConsentError naming what is wrong with a change; nothing is recorded for a wrong one."""
    if change.purpose not in register.activities:
        raise ConsentError(f"unknown purpose {change.purpose!r}: name an activity of the register")
    if change.action not in ACTIONS:
        raise ConsentError(f"unknown action {change.action!r}: given or withdrawn")
    if change.method not in METHODS:
        raise ConsentError(f"unknown method {change.method!r}: one of {', '.join(METHODS)}")


def build_event(
    key: bytes, register: Register, person: Person, change: ConsentChange, *, contact: bool = False
) -> ConsentEvent:
    """The row for one event (checked); `contact` keeps the identity sealed because the
    organisation will write to the person."""
    check_change(register, change)
    return ConsentEvent(
        identity_kind=person.kind,
        identity_hash=person.hashed(key),
        identity_sealed=person.sealed(key) if contact else None,
        purpose=change.purpose,
        action=change.action,
        statement_version=change.statement_version or register.statement.version,
        at=change.at or utcnow(),
        method=change.method,
        evidence=dict(change.evidence),
    )


def record(
    session: Session, key: bytes, register: Register, person: Person, change: ConsentChange, *, contact: bool = False
) -> ConsentEvent:
    """Append one event to the ledger."""
    row = build_event(key, register, person, change, contact=contact)
    session.add(row)
    session.flush()
    return row


def record_hashed(
    session: Session, register: Register, kind: str, hashed: str, change: ConsentChange
) -> ConsentEvent:
    """Append an event for a person known only by hash (a withdrawal through a personal link)."""
    check_change(register, change)
    row = ConsentEvent(
        identity_kind=kind, identity_hash=hashed, identity_sealed=None, purpose=change.purpose,
        action=change.action, statement_version=change.statement_version or register.statement.version,
        at=change.at or utcnow(), method=change.method, evidence=dict(change.evidence),
    )
    session.add(row)
    session.flush()
    return row


def events_of(session: Session, hashed: str) -> list[ConsentEvent]:
    """A person's events, oldest first (by moment, then by recording order)."""
    query = select(ConsentEvent).where(ConsentEvent.identity_hash == hashed)
    return list(session.execute(query.order_by(ConsentEvent.at, ConsentEvent.id)).scalars())


def fact_of(event: ConsentEvent) -> ConsentFact:
    return ConsentFact(event.purpose, event.action, event.at, event.id)  # type: ignore[arg-type]


def state_of(session: Session, hashed: str) -> dict[str, ConsentFact]:
    """The current consent per purpose of one person."""
    return current_state(fact_of(event) for event in events_of(session, hashed))


def states_of(session: Session, hashes: list[str], chunk: int = 5000) -> dict[str, dict[str, ConsentFact]]:
    """The current consent per purpose of many people, their events read a chunk of people at a time
    (one query per chunk instead of one per person: an import of a large list stays fast)."""
    facts: dict[str, list[ConsentFact]] = {}
    ordered = sorted(set(hashes))
    for start in range(0, len(ordered), chunk):
        query = select(ConsentEvent).where(ConsentEvent.identity_hash.in_(ordered[start : start + chunk]))
        for event in session.execute(query.order_by(ConsentEvent.at, ConsentEvent.id)).scalars():
            facts.setdefault(event.identity_hash, []).append(fact_of(event))
    return {hashed: current_state(facts.get(hashed, [])) for hashed in ordered}
