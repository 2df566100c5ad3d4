"""The public forms' rate limiter's table (migration `0007_consentx_form_limits`).

One row per accepted submission of a public form, kept only as long as the limiter's window:
which form, a keyed hash of the client's address (never the address itself) and when.
See `waarborg.office.form_limits`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class FormHit(Base):
    """One accepted submission of a public form by one client (counted across processes)."""

    __tablename__ = "form_hits"
    __table_args__ = (
        Index("ix_form_hits_form_client_at", "form", "client_key", "at"),
        Index("ix_form_hits_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    form: Mapped[str] = mapped_column(String(60))
    client_key: Mapped[str] = mapped_column(String(64))  # HMAC-SHA256 of the client address
    at: Mapped[datetime] = mapped_column(default=utcnow)
