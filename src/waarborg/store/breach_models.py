"""The data-breach register in Waarborg's store (Art. 33(5): every breach, notified or not).

The answers to the notification form name the organisation's contact people and describe what
happened in free text, so they are kept *sealed* (encrypted under a key derived from the erasure
key, `waarborg.store.sealing`); the columns beside them hold only what the register lists and the
clock needs: moments, states, counts and the proposal. A follow-up or a withdrawal is a record of
its own, linked to the first notification by `parent_id` (Art. 33(4): notification in phases).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


def _uuid() -> str:
    return str(uuid.uuid4())


class BreachRecord(Base):
    """One notification of a breach: the first, a follow-up or a withdrawal."""

    __tablename__ = "breaches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    reference: Mapped[str] = mapped_column(String(30), unique=True)  # 2026-007, 2026-007-1 for a follow-up
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("breaches.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # new | follow_up | withdrawal
    role: Mapped[str] = mapped_column(String(20))  # controller | processor
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | notified | not_notified | withdrawn
    aware_at: Mapped[datetime]
    deadline_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    content_sealed: Mapped[str] = mapped_column(Text)
    people_max: Mapped[int | None] = mapped_column(Integer)
    records: Mapped[int | None] = mapped_column(Integer)
    assessment: Mapped[dict[str, Any] | None]
    proposal: Mapped[str | None] = mapped_column(String(30))
    decision: Mapped[str | None] = mapped_column(String(30))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(200))
    notified_at: Mapped[datetime | None]
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    authority_reference: Mapped[str | None] = mapped_column(String(100))
    reminders_sent: Mapped[list[Any]] = mapped_column(default=list)
