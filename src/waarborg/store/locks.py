"""Named locks in Waarborg's store, so scheduled work never runs twice at once (DESIGN: several
processes behind a load balancer on one PostgreSQL).

A lock expires after its time to live unless refreshed; a holder on this machine whose process
has died (killed during a sweep) is recognised at once, so a rerun need not wait for expiry.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError

from .db import Store
from .models import Lock, utcnow

DEFAULT_TTL = timedelta(minutes=10)


class LockHeld(Exception):
    """Another process holds the lock."""


def new_holder() -> str:
    """An identity for this process: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def holder_is_dead(holder: str) -> bool:
    """True when `holder` (from `new_holder`) is a process of this host that no longer exists."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def acquire(store: Store, name: str, holder: str, ttl: timedelta = DEFAULT_TTL) -> None:
    """Take the lock or raise LockHeld naming who has it; expired or orphaned locks are taken over."""
    with store.session() as session:
        current = session.execute(select(Lock).where(Lock.name == name)).scalar_one_or_none()
        if current is not None and (current.expires_at <= utcnow() or holder_is_dead(current.holder)):
            session.execute(delete(Lock).where(Lock.name == name, Lock.holder == current.holder))
        elif current is not None:
            raise LockHeld(f"{name} is running elsewhere ({current.holder}, until {current.expires_at:%H:%M:%S} UTC)")
    try:
        with store.session() as session:
            session.add(Lock(name=name, holder=holder, expires_at=utcnow() + ttl))
    except IntegrityError as exc:
        raise LockHeld(f"{name} was started by another process just now") from exc


def refresh(store: Store, name: str, holder: str, ttl: timedelta = DEFAULT_TTL) -> None:
    """Extend the lock; LockHeld when it was lost (expired and taken over)."""
    with store.session() as session:
        statement = update(Lock).where(Lock.name == name, Lock.holder == holder).values(expires_at=utcnow() + ttl)
        changed = cast(CursorResult[Any], session.execute(statement)).rowcount
    if changed != 1:
        raise LockHeld(f"lost the lock {name}")


def release(store: Store, name: str, holder: str) -> None:
    """Give the lock back (only if we still hold it)."""
    with store.session() as session:
        session.execute(delete(Lock).where(Lock.name == name, Lock.holder == holder))
