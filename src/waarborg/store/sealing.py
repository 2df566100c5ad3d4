"""Sealing identities: a restriction or an open request must find the person's rows later, so
the plain identity is kept encrypted (Fernet) under a key derived from the erasure key."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import not_, select
from sqlalchemy.orm import Session

from .models import Restriction

# Every Fernet token starts with its version byte 0x80, which base64 writes as "gAAAAA".
SEALED_PREFIX = "gAAAAA"


class SealError(Exception):
    """A sealed identity cannot be opened (wrong erasure key or damaged value)."""


def _fernet(erasure_key: bytes) -> Fernet:
    # A separate key for sealing, derived so one secret serves both purposes without reuse.
    derived = hashlib.sha256(b"waarborg-seal\x00" + erasure_key).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(erasure_key: bytes, value: str) -> str:
    """Encrypt an identity value for storage."""
    return _fernet(erasure_key).encrypt(value.encode("utf-8")).decode("ascii")


def unseal(erasure_key: bytes, token: str) -> str:
    """Decrypt a sealed identity; SealError when the key does not fit."""
    try:
        return _fernet(erasure_key).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as exc:
        raise SealError("cannot open a sealed identity: is WAARBORG_ERASURE_KEY the key it was sealed with?") from exc


def seal_plain_reasons(session: Session, erasure_key: bytes) -> int:
    """Seal restriction reasons stored as typed by versions before reasons were sealed; returns
    how many. Run when a workspace opens its store (a migration has no key)."""
    plain_text = not_(Restriction.reason.startswith(SEALED_PREFIX))
    query = select(Restriction).where(Restriction.reason.is_not(None), plain_text)
    plain = list(session.execute(query).scalars())
    for restriction in plain:
        restriction.reason = seal(erasure_key, str(restriction.reason))
    return len(plain)
