"""Staff accounts: add, change password, disable, list, and check a login.

Every change of an account is written to the audit trail (who did it, to which account id; no
password, no hash)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waarborg.audit.chain import append

from . import throttle
from .models import OfficeUser
from .passwords import check_quality, dummy_verify, hash_password, verify_password
from .roles import check_role
from .settings import OfficeSettings


class AccountError(Exception):
    """An account cannot be created or changed as asked; nothing was changed."""


@dataclass(frozen=True)
class LoginOutcome:
    """`refused` is None for a good login, else `invalid` (never saying which part) or `throttled`.

    A refusal is returned, not raised, so the caller's transaction commits the counted attempt."""

    refused: str | None
    user_id: int = 0
    needs_second_factor: bool = False
    password_expired: bool = False


def _normal_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or " " in email:
        raise AccountError(f"{email!r} is not an e-mail address")
    return email


def add_user(
    session: Session, actor: str, email: str, name: str, role: str, password: str, now: datetime
) -> OfficeUser:
    """Create an account; AccountError for a taken address, an unknown role or a weak password."""
    email = _normal_email(email)
    try:
        check_role(role)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    if session.execute(select(OfficeUser.id).where(OfficeUser.email == email)).first():
        raise AccountError(f"an account for {email} exists already")
    check_quality(password, _own_words(email, name))
    user = OfficeUser(email=email, name=name.strip() or email, role=role, password_hash=hash_password(password),
                      password_changed_at=now, must_change_password=False, disabled=False, created_at=now)
    session.add(user)
    session.flush()
    append(session, actor, "office.user_added", {"user_id": user.id, "role": role})
    return user


def _own_words(email: str, name: str) -> list[str]:
    """What zxcvbn should treat as known to an attacker: the address, its parts and the name's words."""
    local, _, domain = email.partition("@")
    return [email, local, domain, "".join(name.split()), *name.split(), "waarborg"]


def find_user(session: Session, email: str) -> OfficeUser | None:
    return session.execute(select(OfficeUser).where(OfficeUser.email == email.strip().lower())).scalar_one_or_none()


def require_user(session: Session, email: str) -> OfficeUser:
    user = find_user(session, email)
    if user is None:
        raise AccountError(f"no account for {email.strip().lower()}")
    return user


def set_password(session: Session, actor: str, user: OfficeUser, password: str, now: datetime,
                 must_change: bool = False) -> None:
    """Replace the password (quality-checked); `must_change` for one handed out by an admin."""
    check_quality(password, _own_words(user.email, user.name))
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    user.must_change_password = must_change
    append(session, actor, "office.password_set", {"user_id": user.id, "must_change": must_change})


def set_disabled(session: Session, actor: str, user: OfficeUser, disabled: bool) -> None:
    user.disabled = disabled
    append(session, actor, "office.user_disabled" if disabled else "office.user_enabled", {"user_id": user.id})


def list_users(session: Session) -> list[OfficeUser]:
    return list(session.execute(select(OfficeUser).order_by(OfficeUser.role, OfficeUser.email)).scalars())


def count_users(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(OfficeUser)).scalar_one())


def record_code_attempt(session: Session, email: str, address: str, ok: bool, now: datetime) -> None:
    """A second-factor code counts against the same throttle as a password."""
    throttle.record_attempt(session, email, address, ok, now)


def password_expired(user: OfficeUser, settings: OfficeSettings, now: datetime) -> bool:
    if user.must_change_password:
        return True
    return settings.password_max_age is not None and user.password_changed_at + settings.password_max_age <= now


def check_login(session: Session, settings: OfficeSettings, email: str, password: str, address: str,
                now: datetime) -> LoginOutcome:
    """Check a password login against the throttle and count the attempt."""
    if throttle.is_locked(session, settings, email, address, now):
        return LoginOutcome("throttled")
    user = find_user(session, email)
    if user is None:
        dummy_verify()  # answer as slowly as for a real account
    ok = user is not None and not user.disabled and verify_password(user.password_hash, password)
    throttle.record_attempt(session, email, address, ok, now)
    if not ok or user is None:
        return LoginOutcome("invalid")
    user.last_login_at = now
    return LoginOutcome(None, user.id, user.totp_secret_sealed is not None, password_expired(user, settings, now))
