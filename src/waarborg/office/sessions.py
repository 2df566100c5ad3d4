"""Web sessions in the database: a random token in the cookie, its hash in `office_sessions`.

A login always makes a new token (no fixation: a token planted before login is worth nothing
after it); a session ends after the idle time or the maximum age, whichever comes first, and on
logout. The CSRF token belongs to the session and is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import OfficeUser, WebSession
from .settings import OfficeSettings


@dataclass(frozen=True)
class ActiveSession:
    token_hash: str
    user_id: int
    email: str
    name: str
    role: str
    stage: str
    csrf_token: str

    @property
    def actor(self) -> str:
        """How the audit trail names this user."""
        return f"office:{self.email}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, settings: OfficeSettings, user_id: int, stage: str, now: datetime,
                  replaces: str | None = None) -> str:
    """A fresh session token for the user; the session it replaces (if any) ends now."""
    if replaces:
        end_session(session, replaces)
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=token_hash(token), user_id=user_id, stage=stage,
                           csrf_token=secrets.token_urlsafe(32), created_at=now, last_seen_at=now,
                           expires_at=now + settings.session_max_age))
    return token


def resume_session(session: Session, settings: OfficeSettings, token: str, now: datetime) -> ActiveSession | None:
    """The session of a cookie, touched; None (and ended) when idle too long, expired or disabled."""
    row = session.execute(
        select(WebSession, OfficeUser).join(OfficeUser, OfficeUser.id == WebSession.user_id)
        .where(WebSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    web, user = row
    if user.disabled or web.expires_at <= now or web.last_seen_at + settings.idle_timeout <= now:
        session.delete(web)
        return None
    web.last_seen_at = now
    return ActiveSession(web.token_hash, user.id, user.email, user.name, user.role, web.stage, web.csrf_token)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


def end_sessions_of(session: Session, user_id: int) -> None:
    """Log a user out everywhere (disabled account, password reset by an admin)."""
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def csrf_matches(active: ActiveSession, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(active.csrf_token, submitted or "")


def expire_sessions(session: Session, settings: OfficeSettings, now: datetime) -> int:
    """Remove sessions past their maximum age or idle time; the number removed."""
    statement = delete(WebSession).where(
        (WebSession.expires_at <= now) | (WebSession.last_seen_at <= now - settings.idle_timeout)
    )
    return int(getattr(session.execute(statement), "rowcount", 0) or 0)
