"""The signed checkpoint: the chain's head, kept outside the store.

A keyed chain shows every entry that was changed or forged by someone without the key, but not
entries cut off its end: a shorter chain is still a valid chain. So after every commit that
appended entries the newest one is written to a file the organisation chooses — sequence number,
hash, number of entries, time — with an HMAC under the audit key (so that whoever can write the
file but lacks the key cannot forge a checkpoint that fits a truncated chain). `audit verify`
compares the store's chain with it.

Writes are atomic (a temporary file renamed over the old one) and monotonic: under a lock on
`<file>.lock` a checkpoint only replaces an older one, so two processes committing at once can
never leave the older head behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VERSION = 1


class CheckpointError(Exception):
    """A checkpoint file is missing, unreadable, or not signed with this audit key."""


@dataclass(frozen=True)
class Head:
    """The newest entry of the chain: its sequence number and hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    """A signed head: entries are numbered from 1 without gaps, so `count` equals `seq`."""

    seq: int
    head: str
    count: int
    at: str
    mac: str

    def content(self) -> dict[str, Any]:
        return {"version": VERSION, "seq": self.seq, "head": self.head, "count": self.count, "at": self.at}


def derived_key(key: bytes, purpose: bytes) -> bytes:
    """One audit secret, separate keys for entries and checkpoints (no MAC valid as the other)."""
    return hmac.new(key, b"waarborg-audit\x00" + purpose, hashlib.sha256).digest()


def _mac(key: bytes, content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(derived_key(key, b"checkpoint"), canonical, hashlib.sha256).hexdigest()


def sign(key: bytes, head: Head, at: datetime | None = None) -> Checkpoint:
    """A checkpoint of `head`, signed with the audit key."""
    moment = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(head.seq, head.hash, head.seq, moment, "")
    return Checkpoint(head.seq, head.hash, head.seq, moment, _mac(key, unsigned.content()))


def read_checkpoint(path: Path, key: bytes) -> Checkpoint:
    """The checkpoint in `path`; CheckpointError when it is missing, damaged or signed with another key."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        checkpoint = Checkpoint(int(raw["seq"]), str(raw["head"]), int(raw["count"]), str(raw["at"]), str(raw["mac"]))
    except FileNotFoundError as exc:
        raise CheckpointError(f"{path}: no checkpoint there") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CheckpointError(f"{path}: not a readable audit checkpoint ({type(exc).__name__})") from exc
    signed = hmac.compare_digest(checkpoint.mac, _mac(key, checkpoint.content()))
    if int(raw.get("version", 0)) != VERSION or not signed:
        raise CheckpointError(f"{path}: the checkpoint's signature does not match this audit key (altered or forged)")
    return checkpoint


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_checkpoint(path: Path, key: bytes, head: Head) -> bool:
    """Sign `head` and write it to `path` unless the checkpoint there is as new or newer."""
    with _locked(path):
        with contextlib.suppress(CheckpointError):
            if read_checkpoint(path, key).seq >= head.seq:
                return False
        checkpoint = sign(key, head)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(checkpoint.content() | {"mac": checkpoint.mac}, handle, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    return True


def check_writable(path: Path) -> None:
    """OSError unless a checkpoint can be written at `path` (checked when the store is opened)."""
    with _locked(path):
        pass
