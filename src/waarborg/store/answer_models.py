"""The answer's tables (migration `0007_answers_delivery`): the links through which a requester
downloads the access or portability package.

A link's token is random and stored only as its SHA-256 hash, so a copy of the store hands out
no download; the package itself lives encrypted in the workspace's state folder
(`waarborg.requests.delivery`), never in the store.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class PackageDownload(Base):
    """One download link of a request's package: single use, until `expires_at`."""

    __tablename__ = "package_downloads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(36), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    downloaded_at: Mapped[datetime | None]  # set once, atomically: the link is single use
    deleted_at: Mapped[datetime | None]  # the encrypted file was removed (after download or expiry)
