"""Login throttling per account and per address, counted in the database so that it holds
across every server process on one store (a second process sees the first one's failures).

An account is locked while it has `max_failures_per_account` failed attempts within the window;
an address likewise with `max_failures_per_address`. A successful login does not wipe the count
(an attacker who also knows one password must not reset the lock of another account).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from .models import LoginAttempt
from .settings import OfficeSettings


def account_key(email: str) -> str:
    """A hash of the lower-cased e-mail, so what someone typed is never stored."""
    return hashlib.sha256(b"waarborg-login\x00" + email.strip().lower().encode("utf-8")).hexdigest()


def _failures(session: Session, column: InstrumentedAttribute[str], value: str, since: datetime) -> int:
    query = select(func.count()).select_from(LoginAttempt).where(
        column == value, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False)
    )
    return int(session.execute(query).scalar_one())


def is_locked(session: Session, settings: OfficeSettings, email: str, address: str, now: datetime) -> bool:
    """Whether this account or this address has failed too often within the window."""
    since = now - settings.throttle_window
    if _failures(session, LoginAttempt.account_key, account_key(email), since) >= settings.max_failures_per_account:
        return True
    return _failures(session, LoginAttempt.address, address, since) >= settings.max_failures_per_address


def record_attempt(session: Session, email: str, address: str, succeeded: bool, now: datetime) -> None:
    """Count one attempt (in the caller's transaction)."""
    session.add(LoginAttempt(at=now, account_key=account_key(email), address=address[:64], succeeded=succeeded))


def prune_attempts(session: Session, settings: OfficeSettings, now: datetime) -> int:
    """Forget attempts older than a day (they no longer count); the number removed."""
    cutoff = now - max(settings.throttle_window * 4, timedelta(days=1))
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
