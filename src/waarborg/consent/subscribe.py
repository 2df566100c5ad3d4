"""Subscribing with double opt-in, and a parent's consent below the national age (Art. 8).

`subscribe` records nothing in the ledger: it stores a *pending* consent and returns the token
for the confirmation link, which the caller mails (to the person, or to the parent when the
person is below the age). Only `confirm`, through that link, appends the consents — so the
ledger holds the proof that the address's owner (or their parent) agreed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from waarborg.audit import append
from waarborg.register import Register
from waarborg.store.consent_models import PendingConsent
from waarborg.store.models import utcnow
from waarborg.store.sealing import unseal

from . import suppression
from .children import AgeStatement, needs_parent
from .ledger import ConsentChange, ConsentError, Method, Person, record
from .mailing_types import mailing_type
from .tokens import TokenError, new_confirmation_token, token_hash

CONFIRMATION_VALID = timedelta(hours=48)
# At most this many confirmation mails per address per hour: a public form must not become a way
# to flood someone's mailbox.
MAX_PENDING_PER_HOUR = 3
EMAIL_KIND = "email"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class TooManyRequests(Exception):
    """Too many subscriptions for one address within the hour; nothing was stored or sent."""


@dataclass(frozen=True)
class SubscribeForm:
    """What a subscribe form (or an API call) hands in."""

    email: str
    mailing_types: Sequence[str]
    form_text: str  # the text the person saw and agreed to: the evidence of Art. 7(1)
    method: Method = "web_form"
    age: AgeStatement | None = None
    parent_email: str | None = None


@dataclass(frozen=True)
class PendingOptIn:
    """A confirmation link to mail: `send_to` is the person's address, or the parent's."""

    token: str
    kind: Literal["opt_in", "parental"]
    send_to: str
    purposes: tuple[str, ...]
    expires_at: datetime

    def __repr__(self) -> str:
        return f"PendingOptIn(kind={self.kind!r}, purposes={self.purposes!r}, send_to=<hidden>, token=<hidden>)"


@dataclass(frozen=True)
class Confirmation:
    """The outcome of a confirmation link; `already` when it had been used before (nothing new written)."""

    purposes: tuple[str, ...]
    kind: str
    already: bool


def check_email(value: str, field: str = "email") -> str:
    """The address trimmed, or ConsentError naming the field (never echoing the value)."""
    cleaned = value.strip()
    if not _EMAIL.match(cleaned):
        raise ConsentError(f"{field}: not an e-mail address")
    return cleaned


def subscribe(
    session: Session, key: bytes, register: Register, form: SubscribeForm, now: datetime | None = None
) -> PendingOptIn:
    """Store a pending consent for the mailing types and return the link to confirm it."""
    moment = now or utcnow()
    email = check_email(form.email)
    if not form.mailing_types:
        raise ConsentError("choose at least one mailing type")
    purposes = tuple(dict.fromkeys(mailing_type(register, key_).key for key_ in form.mailing_types))
    parent = _parent_address(register, form, email, purposes, moment.date())
    person = Person(EMAIL_KIND, email)
    _check_rate(session, person.hashed(key), moment)
    token, hashed = new_confirmation_token()
    evidence = _evidence(form, moment.date())
    if parent is not None:
        # Which address confirmed, provable later without keeping the parent's address.
        parent_hash = Person(EMAIL_KIND, parent).hashed(key)
        evidence["parental_consent"] = {"required": True, "parent_identity_hash": parent_hash}
    kind: Literal["opt_in", "parental"] = "opt_in" if parent is None else "parental"
    session.add(PendingConsent(
        token_hash=hashed, kind=kind, identity_kind=EMAIL_KIND, identity_hash=person.hashed(key),
        identity_sealed=person.sealed(key), purposes=list(purposes), statement_version=register.statement.version,
        method=form.method, evidence=evidence, created_at=moment, expires_at=moment + CONFIRMATION_VALID,
    ))
    session.flush()
    return PendingOptIn(token, kind, parent or email, purposes, moment + CONFIRMATION_VALID)


def _check_rate(session: Session, identity_hash: str, moment: datetime) -> None:
    recent = session.execute(select(func.count()).select_from(PendingConsent).where(
        PendingConsent.identity_hash == identity_hash, PendingConsent.created_at > moment - timedelta(hours=1),
    )).scalar_one()
    if recent >= MAX_PENDING_PER_HOUR:
        raise TooManyRequests("too many subscriptions for this address within the hour; try again later")


def _parent_address(
    register: Register, form: SubscribeForm, email: str, purposes: tuple[str, ...], today: date
) -> str | None:
    """The parent's address when a parent must consent (Art. 8), else None; ConsentError when missing."""
    if not any(needs_parent(register, register.activities[p], form.age, today) for p in purposes):
        return None
    if not form.parent_email:
        raise ConsentError("parent_email: below the age of consent a parent must confirm; give their address")
    parent = check_email(form.parent_email, "parent_email")
    if parent.lower() == email.lower():
        raise ConsentError("parent_email: the parent's address must differ from the child's")
    return parent


def _evidence(form: SubscribeForm, today: date) -> dict[str, Any]:
    evidence: dict[str, Any] = {"form_text": form.form_text, "asked_on": today.isoformat()}
    if form.age is not None and form.age.birth_date is not None:
        # The year is enough to show the age check was made; the full date is not kept.
        evidence["age"] = {"birth_year": form.age.birth_date.year}
    elif form.age is not None and form.age.at_least is not None:
        evidence["age"] = {"stated_at_least": form.age.at_least}
    return evidence


def confirm(
    session: Session, key: bytes, register: Register, token: str, now: datetime | None = None
) -> Confirmation:
    """Turn a pending consent into consents given; TokenError when unknown or expired.

    Using the link again is harmless: it reports `already` and writes nothing. A confirmed new
    opt-in takes the address off the suppression list: the owner of the mailbox asked for it.
    """
    moment = now or utcnow()
    pending = session.execute(
        select(PendingConsent).where(PendingConsent.token_hash == token_hash(token))
    ).scalar_one_or_none()
    if pending is None:
        raise TokenError("this confirmation link is unknown")
    purposes = tuple(pending.purposes)
    if pending.used_at is not None:
        return Confirmation(purposes, pending.kind, already=True)
    if moment >= pending.expires_at:
        raise TokenError("this confirmation link has expired: subscribe again")
    person = Person(pending.identity_kind, unseal(key, pending.identity_sealed))
    confirmation = {"kind": "parental" if pending.kind == "parental" else "double_opt_in",
                    "confirmed_at": moment.isoformat(), "link_sent_at": pending.created_at.isoformat()}
    for purpose in purposes:
        change = ConsentChange(purpose, "given", pending.method,  # type: ignore[arg-type]
                               pending.evidence | {"confirmation": confirmation}, moment, pending.statement_version)
        record(session, key, register, person, change, contact=True)
    pending.used_at = moment
    suppression.remove_hash(session, pending.identity_hash)
    session.flush()
    return Confirmation(purposes, pending.kind, already=False)


def purge_expired(session: Session, now: datetime | None = None, dry_run: bool = False, actor: str = "cli") -> int:
    """Remove pending consents whose link expired unconfirmed (they hold a sealed address that no
    longer serves any purpose: storage limitation, Art. 5(1)(e)); used ones are removed too, their
    consent lives in the ledger. Returns how many were (or, in a dry run, would be) removed; audited."""
    moment = now or utcnow()
    done = (PendingConsent.expires_at <= moment) | PendingConsent.used_at.is_not(None)
    count = session.execute(select(func.count()).select_from(PendingConsent).where(done)).scalar_one()
    if not dry_run and count:
        session.execute(delete(PendingConsent).where(done))
        append(session, actor, "consent_purge_pending", {"removed": int(count), "before": moment.isoformat()})
    return int(count)
