"""SQLAlchemy models of Waarborg's own state. Nothing here holds a plain identity.

Identities are stored as keyed hashes (HMAC-SHA256 with the erasure key) so that the ledger and
the suppression list can recognise a person without holding their data; where Waarborg must find
the person's rows later (a restriction, an open request) the identity is also kept *sealed*
(encrypted with a key derived from the erasure key, see `waarborg.store.sealing`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .ledger_hashes import recorded_hashes


def utcnow() -> datetime:
    """The current moment in UTC, timezone-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite keeps none) and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


def _uuid() -> str:
    return str(uuid.uuid4())


class AuditEntry(Base):
    """One link of the hash-chained audit trail (see `waarborg.audit.chain`)."""

    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # hmac-sha256 (keyed, since migration audit_1) or sha256 (the plain chain written before it)
    scheme: Mapped[str] = mapped_column(String(20), server_default="sha256")


class ErasureLedgerEntry(Base):
    """What was erased, when and why; replayed after a backup restore.

    A request erasure names one person (`identity_hash`); a sweep batch names the identities of
    all rows it erased as raw digests in `identity_hashes_packed` (entries from before migration
    `sweep_1`: a JSON list in `identity_hashes`); both empty when the table holds no identity
    column. `hashes()` reads either (`waarborg.store.ledger_hashes`).
    """

    __tablename__ = "erasure_ledger"
    __table_args__ = (Index("ix_erasure_ledger_erased_at", "erased_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_kind: Mapped[str | None] = mapped_column(String(100))
    identity_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    identity_hashes: Mapped[list[Any] | None]
    identity_hashes_packed: Mapped[bytes | None] = mapped_column(LargeBinary)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    system: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    columns: Mapped[dict[str, Any]]  # column -> strategy ("null", "hash", {"fixed": ...}, ...)
    action: Mapped[str] = mapped_column(String(10))  # delete | mask
    source: Mapped[str] = mapped_column(String(10))  # request | sweep
    request_id: Mapped[str | None] = mapped_column(String(36))
    sweep_run_id: Mapped[str | None] = mapped_column(String(36))
    row_count: Mapped[int] = mapped_column(Integer, default=0)

    def hashes(self) -> list[str]:
        """The identity hashes this entry names (a sweep batch's, in either stored form)."""
        return recorded_hashes(self.identity_hashes_packed, self.identity_hashes)


class Restriction(Base):
    """Art. 18: the person's data may be stored but not otherwise processed; sweeps skip them."""

    __tablename__ = "restrictions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_kind: Mapped[str] = mapped_column(String(100))
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    identity_sealed: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lifted_at: Mapped[datetime | None]


class Suppression(Base):
    """Art. 21(3): an objection to direct marketing puts the identity on the do-not-contact list."""

    __tablename__ = "suppression_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class DataSubjectRequest(Base):
    """A data-subject request and its lifecycle (Art. 12(3): answered within one month)."""

    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    kind: Mapped[str] = mapped_column(String(20))  # access|erase|rectify|restrict|object|port
    identity_kind: Mapped[str] = mapped_column(String(100))
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    identity_sealed: Mapped[str] = mapped_column(Text)
    # 30: `awaiting_verification` (21 characters) did not fit the first 20 (migration intake_1)
    status: Mapped[str] = mapped_column(String(30), default="received", index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))  # keyed hash of what is asked (migration audit_1)
    lease_holder: Mapped[str | None] = mapped_column(String(200))  # the process working on it, while it does
    lease_expires_at: Mapped[datetime | None]  # in_progress past this moment = interrupted (shown as failed)
    # The office's workflow (migration requests_1; waarborg.requests.workflow):
    pauses: Mapped[list[Any] | None]  # [{"start", "end", "reason"}]: waiting for the requester
    extension_months: Mapped[int | None] = mapped_column(Integer)  # Art. 12(3) extension, 1 or 2
    extension_reasons_sealed: Mapped[str | None] = mapped_column(Text)
    extended_at: Mapped[datetime | None]
    refusal_ground: Mapped[str | None] = mapped_column(String(40))  # lifecycle.REFUSAL_GROUNDS
    refusal_note_sealed: Mapped[str | None] = mapped_column(Text)
    approval_asked_by: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None]


class SweepRun(Base):
    """One retention sweep; `now` is fixed for the whole run so a resumed run decides the same."""

    __tablename__ = "sweep_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    now: Mapped[datetime]
    batch_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|completed|failed
    finished_at: Mapped[datetime | None]
    summary: Mapped[dict[str, Any] | None]


class SweepProgress(Base):
    """One batch of a sweep: announced (`applying`) before the organisation's commit, `done` after."""

    __tablename__ = "sweep_progress"
    __table_args__ = (UniqueConstraint("run_id", "system", "table_name", "batch_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("sweep_runs.id"), index=True)
    system: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    batch_no: Mapped[int] = mapped_column(Integer)
    first_key: Mapped[list[Any]]  # [key] exclusive lower bound ([None] for the first batch)
    last_key: Mapped[list[Any]]  # [key] inclusive upper bound
    status: Mapped[str] = mapped_column(String(20))  # applying | done
    rows: Mapped[int] = mapped_column(Integer, default=0)


class Lock(Base):
    """A named lock so scheduled work (a sweep) never runs twice at once."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
