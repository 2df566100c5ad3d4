"""The preference centre and one-click unsubscribe, through personal links without a login.

Unsubscribing (the one-click link of RFC 8058, or "unsubscribe from everything") withdraws the
consent and puts the address on the suppression list, so it is never mailed again, also not from
an imported list. Changing a preference — switching one mailing type off while keeping another —
only records the withdrawal: the person still wants mail, so the address is not suppressed.
A one-click unsubscribe that leaves the person subscribed to another mailing type is such a
preference change too. Every call is idempotent: a repeated click writes nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.store.models import utcnow

from . import suppression
from .ledger import ConsentChange, ConsentError, record_hashed, state_of
from .mailing_types import mailing_type, mailing_types
from .state import consents_to
from .tokens import LinkSubject, TokenError, read_preference_token, read_unsubscribe_token


@dataclass(frozen=True)
class Preferences:
    """What the preference centre shows: each mailing type on or off, and whether suppressed."""

    subscribed: dict[str, bool]
    suppressed: bool


@dataclass(frozen=True)
class Unsubscribed:
    """The outcome of an unsubscribe: which types were withdrawn now, and whether newly suppressed."""

    withdrawn: tuple[str, ...]
    suppressed: bool
    newly_suppressed: bool


def preferences(session: Session, key: bytes, register: Register, token: str) -> Preferences:
    """The preference centre of the person the personal link belongs to."""
    return _preferences(session, register, read_preference_token(key, token))


def _preferences(session: Session, register: Register, subject: LinkSubject) -> Preferences:
    state = state_of(session, subject.identity_hash)
    subscribed = {key: consents_to(state, key) for key in mailing_types(register)}
    return Preferences(subscribed, suppression.contains_hash(session, subject.identity_hash))


def change_preferences(
    session: Session, key: bytes, register: Register, token: str, wanted: Mapping[str, bool],
    form_text: str, now: datetime | None = None,
) -> Preferences:
    """Record the consents switched on or off in the preference centre (no suppression)."""
    subject = read_preference_token(key, token)
    for name in wanted:
        mailing_type(register, name)
    current = _preferences(session, register, subject)
    for name, on in wanted.items():
        if current.subscribed[name] != on:
            change = ConsentChange(name, "given" if on else "withdrawn", "web_form",
                                   {"form_text": form_text, "via": "preference_centre"}, now or utcnow())
            record_hashed(session, register, subject.kind, subject.identity_hash, change)
    if any(wanted.values()):
        # Switching a mailing on through one's own link is a new opt-in by the mailbox owner.
        suppression.remove_hash(session, subject.identity_hash)
    return _preferences(session, register, subject)


def unsubscribe_everything(
    session: Session, key: bytes, register: Register, token: str, now: datetime | None = None
) -> Unsubscribed:
    """Withdraw every mailing type and suppress the address (the preference centre's big button)."""
    subject = read_preference_token(key, token)
    return _unsubscribe(session, register, subject, tuple(mailing_types(register)), "preference_centre", now)


def one_click_unsubscribe(
    session: Session, key: bytes, register: Register, token: str, now: datetime | None = None
) -> Unsubscribed:
    """RFC 8058 one-click: validate the token, withdraw its mailing type; idempotent, no login."""
    subject = read_unsubscribe_token(key, token)
    if subject.mailing_type is None:
        raise TokenError("this link is not valid")
    try:
        mailing_type(register, subject.mailing_type)
    except ValueError:
        raise TokenError("this link names a mailing that no longer exists") from None
    return _unsubscribe(session, register, subject, (subject.mailing_type,), "one_click", now)


def _unsubscribe(
    session: Session, register: Register, subject: LinkSubject, types: tuple[str, ...], via: str,
    now: datetime | None,
) -> Unsubscribed:
    before = _preferences(session, register, subject)
    withdrawn: list[str] = []
    for name in types:
        if before.subscribed.get(name):
            change = ConsentChange(name, "withdrawn", "web_form", {"via": via}, now or utcnow())
            record_hashed(session, register, subject.kind, subject.identity_hash, change)
            withdrawn.append(name)
    still_wanted = any(on for name, on in before.subscribed.items() if name not in types)
    if still_wanted:
        return Unsubscribed(tuple(withdrawn), before.suppressed, newly_suppressed=False)
    added = suppression.add_hash(session, subject.identity_hash, subject.kind, "unsubscribe", now)
    return Unsubscribed(tuple(withdrawn), True, newly_suppressed=added)


__all__ = ["ConsentError", "Preferences", "Unsubscribed", "change_preferences", "one_click_unsubscribe",
           "preferences", "unsubscribe_everything"]
