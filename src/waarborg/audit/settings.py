"""How the audit trail reaches its key and its checkpoint from any session of the store.

`chain.append(session, actor, action, detail)` is called from many places (requests, sweeps,
replay, the web office) with nothing but a session. The workspace opens the store and calls
`attach(store, AuditSettings(key, checkpoint_path))`; every session of that store then carries
the settings in `session.info`, and after each commit that appended entries the new head is
written to the checkpoint outside the store (`waarborg.audit.checkpoint`).

A session without settings cannot append: an unkeyed entry would be a hole in the chain.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from waarborg.store.db import Store

from .checkpoint import Head, write_checkpoint

SETTINGS = "waarborg.audit.settings"
PENDING = "waarborg.audit.pending"

log = logging.getLogger("waarborg.audit")


class AuditError(Exception):
    """The audit trail cannot be written or checked as configured (no key, no checkpoint)."""


@dataclass(frozen=True)
class AuditSettings:
    """The secret behind the chain's HMACs and where the signed head is kept."""

    key: bytes
    checkpoint: Path

    def __repr__(self) -> str:
        return f"AuditSettings(key=<hidden>, checkpoint={str(self.checkpoint)!r})"


def attach(store: Store, settings: AuditSettings) -> None:
    """Make every session of `store` append keyed entries and checkpoint the head after commit."""
    if len(settings.key) < 32:
        raise AuditError("the audit key is too short (at least 32 characters)")
    store.info[SETTINGS] = settings
    if not event.contains(Session, "after_commit", _checkpoint_after_commit):
        event.listen(Session, "after_commit", _checkpoint_after_commit)
        event.listen(Session, "after_rollback", _forget_pending)


def settings_of(session: Session) -> AuditSettings:
    """The settings the store was opened with; AuditError when it was opened without."""
    settings = session.info.get(SETTINGS)
    if not isinstance(settings, AuditSettings):
        raise AuditError("the store was opened without an audit key: open it through a workspace")
    return settings


def key_of(session: Session) -> bytes | None:
    """The audit key of the session's store, or None when it was opened without one."""
    settings = session.info.get(SETTINGS)
    return settings.key if isinstance(settings, AuditSettings) else None


def note_pending(session: Session, head: Head) -> None:
    """Remember the newest entry of this transaction; it is checkpointed once committed."""
    session.info[PENDING] = head


def _checkpoint_after_commit(session: Session) -> None:
    head = session.info.pop(PENDING, None)
    settings = session.info.get(SETTINGS)
    if head is None or not isinstance(settings, AuditSettings):
        return
    try:
        write_checkpoint(settings.checkpoint, settings.key, head)
    except OSError as exc:
        # The entries are committed; a missing checkpoint shows as unanchored entries in
        # `audit verify`, which fails until the location is writable again.
        log.error("cannot write the audit checkpoint %s: %s", settings.checkpoint, exc.strerror or exc)


def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
