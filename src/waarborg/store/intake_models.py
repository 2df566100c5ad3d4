"""The public centre's side of a request (migration `0007_intake_request_intakes`).

A request made in the privacy centre gets one row here next to its row in `requests`: the hashes
of its two secret links (verification and status; the tokens themselves are never stored), the
requester's language, every identity they gave (sealed, with its keyed hash) and what they wrote
(sealed: a correction or the grounds of an objection may name anyone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.models import Base


class RequestIntake(Base):
    """How a request arrived through the public centre, and the hashes of its secret links."""

    __tablename__ = "request_intakes"

    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    verify_hash: Mapped[str] = mapped_column(String(64), unique=True)
    verify_expires_at: Mapped[datetime] = mapped_column(index=True)
    verified_at: Mapped[datetime | None]
    status_hash: Mapped[str] = mapped_column(String(64), unique=True)
    identity_hashes: Mapped[dict[str, Any]]  # kind -> keyed hash of every identity given
    identities_sealed: Mapped[str] = mapped_column(Text)  # JSON {kind: value}, sealed
    details_sealed: Mapped[str | None] = mapped_column(Text)
    receipt_message_id: Mapped[int | None] = mapped_column(ForeignKey("office_outbox.id", ondelete="SET NULL"))
