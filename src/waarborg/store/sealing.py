"""Sealing identities: a restriction or an open request must find the person's rows later, so
the plain identity is kept encrypted (Fernet) under a key derived from the erasure key."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken


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
