"""Tokens in links that work without a login.

- A confirmation token (double opt-in, a parent's consent) is random, stored only as its
  SHA-256 hash, single-use and expiring: a leaked database cannot confirm anything.
- A personal preference token and a one-click unsubscribe token are *signed* (itsdangerous,
  with a key derived from the erasure key) and carry the person's keyed identity hash, never the
  address: they go in every mailing, so they must keep working without a table of tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer


class TokenError(ValueError):
    """A link's token is unknown, damaged, used up or expired."""


def new_confirmation_token() -> tuple[str, str]:
    """(token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _serializer(key: bytes, salt: str) -> URLSafeSerializer:
    derived = hashlib.sha256(b"waarborg-consent-links\x00" + key).hexdigest()
    return URLSafeSerializer(derived, salt=salt)


@dataclass(frozen=True)
class LinkSubject:
    """Whom a personal link is for (a keyed identity hash) and, for unsubscribing, which mailing type."""

    kind: str
    identity_hash: str
    mailing_type: str | None = None


def preference_token(key: bytes, kind: str, identity_hash: str) -> str:
    """The personal link to the preference centre."""
    return str(_serializer(key, "preferences").dumps([kind, identity_hash]))


def unsubscribe_token(key: bytes, kind: str, identity_hash: str, mailing_type: str) -> str:
    """The one-click unsubscribe link of one mailing type (RFC 8058)."""
    return str(_serializer(key, "unsubscribe").dumps([kind, identity_hash, mailing_type]))


def read_preference_token(key: bytes, token: str) -> LinkSubject:
    kind, hashed = _load(key, "preferences", token, 2)
    return LinkSubject(kind, hashed)


def read_unsubscribe_token(key: bytes, token: str) -> LinkSubject:
    kind, hashed, mailing = _load(key, "unsubscribe", token, 3)
    return LinkSubject(kind, hashed, mailing)


def _load(key: bytes, salt: str, token: str, size: int) -> list[str]:
    try:
        value = _serializer(key, salt).loads(token)
    except BadSignature:
        raise TokenError("this link is not valid (damaged or not made by this organisation)") from None
    if not (isinstance(value, list) and len(value) == size and all(isinstance(v, str) for v in value)):
        raise TokenError("this link is not valid")
    return value
