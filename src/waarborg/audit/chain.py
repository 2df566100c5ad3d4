"""A keyed, hash-chained audit trail: each entry's HMAC covers its content and the previous
entry's hash, so nobody without the audit key can alter, insert or append an entry that verifies.

The key never lives in the store: it reaches `append` through the session (see
`waarborg.audit.settings`). After the commit the new head is written to a signed checkpoint
outside the store (`waarborg.audit.checkpoint`), which shows entries cut off the end.

Chains written before the key (scheme `sha256`, plain SHA-256) stay as they are; the first keyed
entry links to their last hash, so from then on they cannot be rewritten without breaking it.

Never put personal data in `detail`: name people by their identity hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from waarborg.store.models import AuditEntry, utcnow

from .checkpoint import Checkpoint, Head, derived_key
from .crosscheck import References, unaudited
from .settings import AuditError, key_of, note_pending, settings_of

GENESIS = "0" * 64
KEYED = "hmac-sha256"
LEGACY = "sha256"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None
    legacy: int = 0  # entries written before the chain was keyed (plain SHA-256)
    unaudited: tuple[str, ...] = field(default_factory=tuple)  # records without their audit entries
    checkpoint: Checkpoint | None = None


def _moment(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def _canonical(seq: int, at: datetime, actor: str, action: str, detail: dict[str, Any], prev_hash: str) -> bytes:
    content = {"seq": seq, "at": _moment(at), "actor": actor, "action": action, "detail": detail, "prev": prev_hash}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def entry_hash(seq: int, at: datetime, actor: str, action: str, detail: dict[str, Any], prev_hash: str) -> str:
    """Plain SHA-256 of an entry (the unkeyed scheme of chains written before the audit key)."""
    return hashlib.sha256(_canonical(seq, at, actor, action, detail, prev_hash)).hexdigest()


def entry_mac(
    key: bytes, seq: int, at: datetime, actor: str, action: str, detail: dict[str, Any], prev_hash: str
) -> str:
    """HMAC-SHA256 under the audit key of the same canonical content (scheme `hmac-sha256`)."""
    canonical = _canonical(seq, at, actor, action, detail, prev_hash)
    return hmac.new(derived_key(key, b"entry"), canonical, hashlib.sha256).hexdigest()


def _serialize_appends(session: Session) -> None:
    # Two processes appending at once would both read the same last seq; on PostgreSQL a
    # transaction-scoped advisory lock orders them (SQLite serialises writers already).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7202601)"))


def append(session: Session, actor: str, action: str, detail: dict[str, Any]) -> AuditEntry:
    """Add a keyed entry at the end of the chain, in the caller's transaction."""
    key = settings_of(session).key
    _serialize_appends(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
    # Round-trip through JSON so the stored detail hashes the same when read back.
    detail = json.loads(json.dumps(detail, default=str))
    at = utcnow()
    entry = AuditEntry(
        seq=seq, at=at, actor=actor, action=action, detail=detail, prev_hash=prev, scheme=KEYED,
        hash=entry_mac(key, seq, at, actor, action, detail, prev),
    )
    session.add(entry)
    session.flush()
    note_pending(session, Head(seq, entry.hash))
    return entry


def verify(session: Session, checkpoint: Checkpoint | None = None) -> VerifyResult:
    """Walk the chain; report the first entry altered, removed, inserted or forged, entries missing
    or added against the checkpoint, and requests, erasures and sweeps without audit entries."""
    walk = _Walk(key_of(session), None if checkpoint is None else checkpoint.seq)
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000).scalars():
        problem = walk.step(entry)
        if problem is not None:
            return VerifyResult(False, walk.checked, entry.seq, problem, walk.legacy)
    if checkpoint is not None:
        mismatch = walk.against(checkpoint)
        if mismatch is not None:
            return VerifyResult(False, walk.checked, mismatch[0], mismatch[1], walk.legacy, checkpoint=checkpoint)
    missing = tuple(unaudited(session, walk.references))
    return VerifyResult(not missing, walk.checked, None, None, walk.legacy, missing, checkpoint)


class _Walk:
    """The state of one walk along the chain."""

    def __init__(self, key: bytes | None, anchor: int | None):
        self.key, self.anchor = key, anchor
        self.prev, self.expected, self.checked, self.legacy = GENESIS, 1, 0, 0
        self.keyed_seen = False
        self.anchored_hash: str | None = None  # the hash of the entry the checkpoint names
        self.references = References()

    def step(self, entry: AuditEntry) -> str | None:
        problem = self._check(entry)
        if problem is None:
            self.prev, self.expected, self.checked = entry.hash, entry.seq + 1, self.checked + 1
            if entry.seq == self.anchor:
                self.anchored_hash = entry.hash
            self.references.note(entry.action, entry.detail)
        return problem

    def _check(self, entry: AuditEntry) -> str | None:
        if entry.seq != self.expected:
            return f"entry {self.expected} is missing (next is {entry.seq})"
        if entry.prev_hash != self.prev:
            return f"entry {entry.seq} does not link to the entry before it"
        content = (entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prev_hash)
        if entry.scheme == LEGACY and not self.keyed_seen:
            self.legacy += 1
            expected = entry_hash(*content)
        elif entry.scheme == KEYED:
            if self.key is None:
                raise AuditError("the chain is keyed: verify it with its audit key (open the store via a workspace)")
            self.keyed_seen = True
            expected = entry_mac(self.key, *content)
        else:
            return f"entry {entry.seq} is not keyed although entries before it are (forged)"
        if not hmac.compare_digest(expected, entry.hash):
            return f"entry {entry.seq} was altered or forged after it was written (its HMAC does not match)"
        return None

    def against(self, checkpoint: Checkpoint) -> tuple[int, str] | None:
        last = self.expected - 1
        if last < checkpoint.seq:
            first = last + 1
            return first, (f"entries {first}..{checkpoint.seq} are missing: the checkpoint of {checkpoint.at} "
                           f"anchors entry {checkpoint.seq}, the store ends at {last}")
        if self.anchored_hash != checkpoint.head:
            return checkpoint.seq, f"entry {checkpoint.seq} differs from the checkpoint of {checkpoint.at}"
        if last > checkpoint.seq:
            return checkpoint.seq + 1, (
                f"entries {checkpoint.seq + 1}..{last} were written after the checkpoint of {checkpoint.at}: "
                "not anchored (a process ended between commit and checkpoint, or they were forged with the key)"
            )
        return None


def count(session: Session) -> int:
    """Number of entries in the trail."""
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def head(session: Session) -> tuple[int, str] | None:
    """(seq, hash) of the newest entry."""
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    return None if last is None else (last.seq, last.hash)
