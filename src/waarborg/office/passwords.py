"""Passwords: argon2id hashes and a quality rule (length plus zxcvbn's strength estimate).

The Infogroen statement promises "requirements for the quality and validity of passwords": the
quality rule is here, validity is the optional expiry in `OfficeSettings.password_max_age`.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn 0..4: 3 = "safely unguessable: moderate protection from offline attacks"

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class WeakPassword(Exception):
    """The password fails the quality rule; the message is a message id of the catalogue."""


def check_quality(password: str, user_inputs: list[str] | None = None) -> None:
    """Raise WeakPassword when too short or guessable (zxcvbn score below 3, also against the
    user's own name and e-mail)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"The password must be at least {MIN_LENGTH} characters long.")
    from zxcvbn import zxcvbn  # heavy dictionaries: load when a password is actually set

    if zxcvbn(password[:100], user_inputs=user_inputs or [])["score"] < MIN_SCORE:
        raise WeakPassword("The password is too easy to guess: use more unrelated words.")


def hash_password(password: str) -> str:
    """An argon2id hash in PHC format (salt and parameters included)."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether the password matches; never raises on a wrong password or a damaged hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def dummy_verify() -> None:
    """Spend the time of one verification, so an unknown account answers as slowly as a known one."""
    verify_password(_dummy_hash(), "not the password")


@cache
def _dummy_hash() -> str:
    return _hasher.hash("waarborg-dummy-password")
