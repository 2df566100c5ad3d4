"""The suppression (do-not-contact) list: people who objected to direct marketing (Art. 21(2)-(3))
or unsubscribed, kept as keyed hashes only.

A hash lets every mailing be checked against the list without the list holding a single
address: Waarborg can answer "is jan@example.nl suppressed?" but nobody can read the list back.
Identities are hashed by the one rule of `waarborg.datasets.identities`: e-mail addresses as
lower(trim(value)) (``Jan@Example.nl `` unsubscribing also stops mail to ``jan@example.nl``), other
kinds as given — the same hash the erasure ledger, requests and restrictions use.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import ColumnElement

from waarborg.datasets.identities import identity_hash
from waarborg.store.models import Restriction, Suppression, utcnow


def suppression_hash(key: bytes, kind: str, value: str) -> str:
    """The keyed hash under which an identity is listed (`identities.identity_hash`)."""
    return identity_hash(key, kind, value)


def add(session: Session, key: bytes, kind: str, value: str, reason: str) -> bool:
    """Put an identity on the list; False when it was already there (idempotent)."""
    return add_hash(session, suppression_hash(key, kind, value), kind, reason)


def add_hash(session: Session, identity_hash: str, kind: str, reason: str, at: datetime | None = None) -> bool:
    """Put an already hashed identity on the list (at the caller's moment, else now); False when it was there."""
    if _find(session, identity_hash) is not None:
        return False
    session.add(Suppression(identity_hash=identity_hash, kind=kind, reason=reason, added_at=at or utcnow()))
    session.flush()
    return True


def add_hashes(session: Session, kinds: dict[str, str], reason: str) -> int:
    """Put many hashed identities (hash -> identity kind) on the list; how many were new."""
    listed = _hashes_in(session, Suppression.identity_hash, set(kinds))
    new = [hashed for hashed in kinds if hashed not in listed]
    session.add_all(Suppression(identity_hash=hashed, kind=kinds[hashed], reason=reason) for hashed in new)
    session.flush()
    return len(new)


def contains(session: Session, key: bytes, kind: str, value: str) -> bool:
    """True when this identity must not be contacted for marketing."""
    return _find(session, suppression_hash(key, kind, value)) is not None


def remove(session: Session, key: bytes, kind: str, value: str) -> bool:
    """Take an identity off the list (the person opted in again); False when it was not listed."""
    statement = delete(Suppression).where(Suppression.identity_hash == suppression_hash(key, kind, value))
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return bool(result.rowcount)


def remove_hash(session: Session, identity_hash: str) -> bool:
    """Take an already hashed identity off the list (a confirmed new opt-in); False when not listed."""
    statement = delete(Suppression).where(Suppression.identity_hash == identity_hash)
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return bool(result.rowcount)


def contains_hash(session: Session, identity_hash: str) -> bool:
    """True when this hashed identity is on the list."""
    return _find(session, identity_hash) is not None


def allowed_recipients(session: Session, key: bytes, kind: str, values: Iterable[str]) -> list[str]:
    """The values of a mailing list that may be mailed, in their original order.

    Left out: suppressed identities, and people under an active restriction (Art. 18: their data
    may be stored, not used, so no marketing either).
    """
    candidates = list(values)
    hashes = [identity_hash(key, kind, v) for v in candidates]
    listed = _hashes_in(session, Suppression.identity_hash, set(hashes))
    active = Restriction.lifted_at.is_(None) & (Restriction.identity_kind == kind)
    restricted = _hashes_in(session, Restriction.identity_hash, set(hashes), active)
    return [value for value, hashed in zip(candidates, hashes, strict=True) if hashed not in listed | restricted]


def _hashes_in(
    session: Session, column: InstrumentedAttribute[str], hashes: set[str], *where: ColumnElement[bool]
) -> set[str]:
    """Which of `hashes` occur in `column`, asked in IN lists well under the parameter limits."""
    unique = sorted(hashes)
    found: set[str] = set()
    for start in range(0, len(unique), 5000):
        query = select(column).where(column.in_(unique[start : start + 5000]), *where)
        found.update(session.execute(query).scalars())
    return found


def _find(session: Session, identity_hash: str) -> Suppression | None:
    return session.execute(select(Suppression).where(Suppression.identity_hash == identity_hash)).scalar_one_or_none()
