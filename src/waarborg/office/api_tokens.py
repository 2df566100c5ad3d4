"""Bearer tokens of the REST API: made by an admin for an office user, acting with that user's role.

Why a token belongs to a user rather than carrying its own permissions: there is ONE permission
table (`waarborg.office.roles.PERMISSIONS`); a token can do exactly what its user may do in the
office, no more, and disabling the user stops the token too. The secret is shown once; the store
keeps its SHA-256 hash (the secret is 256 random bits, so a plain hash cannot be guessed back)
and a short prefix to recognise it in a list. Making and revoking a token is audited (ids only).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.audit.chain import append
from waarborg.store.api_models import ApiToken

from .models import OfficeUser
from .users import AccountError, require_user

SECRET_PREFIX = "wbt_"  # recognisable in a leaked config file or by a secret scanner
PREFIX_LENGTH = 12  # "wbt_" and 8 characters of the secret: shown in lists, useless alone


class TokenRefused(Exception):
    """A bearer token is missing, unknown, expired, revoked, or its user is disabled."""


@dataclass(frozen=True)
class NewToken:
    """A token just made: `secret` is shown to the person once and then forgotten."""

    id: int
    secret: str
    prefix: str
    user_email: str
    expires_at: datetime | None

    def __repr__(self) -> str:
        return f"NewToken(id={self.id}, prefix={self.prefix!r}, secret=<hidden>)"


@dataclass(frozen=True)
class TokenCaller:
    """Who calls the API: the token and its user with the user's role (checked on every call)."""

    token_id: int
    user_id: int
    email: str
    role: str

    @property
    def actor(self) -> str:
        """How the audit trail names a call: the user, and through which token."""
        return f"api:{self.email}#token{self.token_id}"


@dataclass(frozen=True)
class TokenLine:
    """One token as a list shows it (never the secret, never the hash)."""

    id: int
    name: str
    prefix: str
    user_email: str
    role: str
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(session: Session, actor: str, user_email: str, name: str, now: datetime,
                 expires_at: datetime | None = None) -> NewToken:
    """A new token for the user with that address; AccountError for an unknown or disabled user,
    an empty name or an expiry in the past (nothing is stored then)."""
    user = require_user(session, user_email)
    if user.disabled:
        raise AccountError(f"the account {user.email} is disabled: enable it before giving it a token")
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 100:
        raise AccountError("name: give the token a name of 1 to 100 characters (what it is for)")
    if expires_at is not None and expires_at <= now:
        raise AccountError("expires: the expiry lies in the past")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=cleaned, token_hash=secret_hash(secret), prefix=secret[:PREFIX_LENGTH],
                     created_at=now, created_by=actor, expires_at=expires_at)
    session.add(token)
    session.flush()
    append(session, actor, "api.token_created", {"token_id": token.id, "user_id": user.id,
                                                 "expires_at": expires_at.isoformat() if expires_at else None})
    return NewToken(token.id, secret, token.prefix, user.email, expires_at)


def list_tokens(session: Session) -> list[TokenLine]:
    """Every token, newest first, with its user and role."""
    rows = session.execute(select(ApiToken, OfficeUser).join(OfficeUser, OfficeUser.id == ApiToken.user_id)
                           .order_by(ApiToken.id.desc()))
    return [TokenLine(t.id, t.name, t.prefix, u.email, u.role, t.created_at, t.created_by, t.expires_at,
                      t.revoked_at, t.last_used_at) for t, u in rows]


def revoke_token(session: Session, actor: str, token_id: int, now: datetime) -> bool:
    """Revoke a token at once; False when it was revoked already. AccountError when there is none."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise AccountError(f"no API token with id {token_id}")
    if token.revoked_at is not None:
        return False
    token.revoked_at, token.revoked_by = now, actor
    append(session, actor, "api.token_revoked", {"token_id": token.id, "user_id": token.user_id})
    return True


def authenticate(session: Session, secret: str, now: datetime) -> TokenCaller:
    """The caller a secret stands for, its last use recorded; TokenRefused (with the reason for
    the server's eyes only: the client is told just "invalid token")."""
    if not secret.startswith(SECRET_PREFIX):
        raise TokenRefused("malformed")
    row = session.execute(select(ApiToken, OfficeUser).join(OfficeUser, OfficeUser.id == ApiToken.user_id)
                          .where(ApiToken.token_hash == secret_hash(secret))).first()
    if row is None:
        raise TokenRefused("unknown")
    token, user = row
    if token.revoked_at is not None:
        raise TokenRefused("revoked")
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused("expired")
    if user.disabled:
        raise TokenRefused("user_disabled")
    token.last_used_at = now
    return TokenCaller(token.id, user.id, user.email, user.role)
