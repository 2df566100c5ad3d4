"""The office's tables in Waarborg's store (migration `0002_office_accounts`).

Everything that must hold across several server processes on one PostgreSQL lives here, not in
process memory: sessions, login attempts (the throttle counts them) and job runs. Session tokens
are stored only as their SHA-256 hash, TOTP secrets only sealed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.models import Base, utcnow


class OfficeUser(Base):
    """A member of staff who logs in to the office, with one role (see `waarborg.office.roles`)."""

    __tablename__ = "office_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, PHC string
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_secret_sealed: Mapped[str | None] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]


class WebSession(Base):
    """A logged-in browser. `token_hash` is SHA-256 of the cookie value, so a stolen database
    does not hand out sessions; `stage` is `second_factor` between password and TOTP code."""

    __tablename__ = "office_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("office_users.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20), default="full")
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)  # absolute end, whatever the activity


class LoginAttempt(Base):
    """One failed (or successful) login, counted per account and per address by the throttle.

    `account_key` is a hash of the lower-cased e-mail so that attempts on unknown accounts are
    counted too without storing what someone typed."""

    __tablename__ = "office_login_attempts"
    __table_args__ = (
        Index("ix_office_login_attempts_account", "account_key", "at"),
        Index("ix_office_login_attempts_address", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    account_key: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)


class OutboxMessage(Base):
    """An e-mail Waarborg wrote: `sent` when an SMTP server took it, `not_sent` when none is
    configured (the office shows it in the outbox), `failed` with the server's answer."""

    __tablename__ = "office_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # sent | not_sent | failed
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # one reminder, once
    # The data-subject request a mail answers (migration answers_1): kept with the request's history.
    request_id: Mapped[str | None] = mapped_column(String(36), index=True)


class JobRun(Base):
    """One run of a scheduled job (`waarborg run-due` or the loop inside `serve`)."""

    __tablename__ = "office_job_runs"
    __table_args__ = (Index("ix_office_job_runs_job", "job", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(50))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(10), default="running")  # running | done | failed
    summary: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
