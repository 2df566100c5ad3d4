"""A hash-chained audit trail: each entry's hash covers its content and the previous hash, so
altering or removing any entry breaks every link after it.

Never put personal data in `detail`: name people by their identity hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from waarborg.store.models import AuditEntry, utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def _moment(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def entry_hash(seq: int, at: datetime, actor: str, action: str, detail: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 over the canonical JSON of an entry's content and its predecessor's hash."""
    content = {"seq": seq, "at": _moment(at), "actor": actor, "action": action, "detail": detail, "prev": prev_hash}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _serialize_appends(session: Session) -> None:
    # Two processes appending at once would both read the same last seq; on PostgreSQL a
    # transaction-scoped advisory lock orders them (SQLite serialises writers already).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7202601)"))


def append(session: Session, actor: str, action: str, detail: dict[str, Any]) -> AuditEntry:
    """Add an entry at the end of the chain, in the caller's transaction."""
    _serialize_appends(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
    # Round-trip through JSON so the stored detail hashes the same when read back.
    detail = json.loads(json.dumps(detail, default=str))
    at = utcnow()
    entry = AuditEntry(
        seq=seq, at=at, actor=actor, action=action, detail=detail, prev_hash=prev,
        hash=entry_hash(seq, at, actor, action, detail, prev),
    )
    session.add(entry)
    session.flush()
    return entry


def verify(session: Session) -> VerifyResult:
    """Walk the chain from the start; report the first entry that was altered, removed or inserted."""
    prev, expected_seq, checked = GENESIS, 1, 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        problem = _check(entry, expected_seq, prev)
        if problem is not None:
            return VerifyResult(False, checked, entry.seq, problem)
        prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    return VerifyResult(True, checked)


def _check(entry: AuditEntry, expected_seq: int, prev: str) -> str | None:
    if entry.seq != expected_seq:
        return f"entry {expected_seq} is missing (next is {entry.seq})"
    if entry.prev_hash != prev:
        return f"entry {entry.seq} does not link to the entry before it"
    if entry_hash(entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prev_hash) != entry.hash:
        return f"entry {entry.seq} was altered after it was written"
    return None


def count(session: Session) -> int:
    """Number of entries in the trail."""
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def head(session: Session) -> tuple[int, str] | None:
    """(seq, hash) of the newest entry: record it elsewhere to detect entries cut off the end."""
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    return None if last is None else (last.seq, last.hash)
