"""The consent ledger and the pending opt-ins, in Waarborg's own store.

Like every table of the store these hold no plain identity: a person is a keyed hash
(`waarborg.datasets.identities.identity_hash`), and where the organisation must write to the
person again (a newsletter subscriber, a parent asked to confirm) the address is kept sealed
(`waarborg.store.sealing`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class ConsentEvent(Base):
    """One consent given or withdrawn (Art. 7(1): the organisation must be able to prove it).

    Append-only: the library has no path that changes or removes a row, the ORM refuses to
    (`waarborg.consent.ledger`), and database triggers refuse raw UPDATE and DELETE statements.
    """

    __tablename__ = "consent_events"
    __table_args__ = (Index("ix_consent_events_person_purpose", "identity_hash", "purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_kind: Mapped[str] = mapped_column(String(100))
    identity_hash: Mapped[str] = mapped_column(String(64))
    identity_sealed: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(200), index=True)  # an activity key of the register
    action: Mapped[str] = mapped_column(String(10))  # given | withdrawn
    statement_version: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    method: Mapped[str] = mapped_column(String(20))  # web_form | import | paper | api
    evidence: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingConsent(Base):
    """A consent waiting for its confirmation link: the person's own (double opt-in) or a parent's
    (Art. 8). The token is stored as a SHA-256 hash and works once, until `expires_at`."""

    __tablename__ = "pending_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # opt_in | parental
    identity_kind: Mapped[str] = mapped_column(String(100))
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    identity_sealed: Mapped[str] = mapped_column(Text)
    purposes: Mapped[list[Any]]
    statement_version: Mapped[str] = mapped_column(String(50))
    method: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class AppendOnlyError(Exception):
    """Something tried to change or remove an entry of the consent ledger."""


def _refuse_change(_mapper: object, _connection: object, target: ConsentEvent) -> None:
    raise AppendOnlyError(f"consent event {target.id} cannot be changed or removed: the ledger is append-only")


event.listen(ConsentEvent, "before_update", _refuse_change)
event.listen(ConsentEvent, "before_delete", _refuse_change)
