"""Rate limits on the public forms (subscribe, request intake, verification links, ...), counted in
the store so that they hold across every server process on one database.

Each accepted submission is one `FormHit`: the form's name, a keyed hash of the client's address
(HMAC with the session key, so the store never holds an IP address and a stolen copy cannot be
tested against guessed addresses without the key) and the moment. A client that already sent a
form `maximum` times within the window is refused with `FormLimited`; a refused submission is
not stored, so a client hammering a form cannot grow the table beyond the maximum.

The limit is exact under concurrency: posts from one client that arrive at the same instant, in
any number of processes, never pass it together. Count and insert run in one transaction, and
the admits of one form and client take turns: on PostgreSQL behind a transaction-scoped advisory
lock on (form, client) (other clients do not wait), on SQLite because the transaction's first
statement is a write (the expired hits' DELETE), which takes the database's single write lock
before anything is counted.

    with store.session() as session:
        admit(session, settings, "consent.subscribe", "203.0.113.7", now)   # or FormLimited
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from waarborg.store.form_limit_models import FormHit

from .settings import OfficeSettings

MAX_FORM_NAME = 60


class FormLimited(Exception):
    """This client sent `form` too often within the window; nothing was stored or done.

    `retry_after` is the number of seconds until the oldest counted submission leaves the window.
    """

    def __init__(self, form: str, retry_after: int):
        super().__init__(f"{form}: too many submissions from this address; try again in {retry_after} s")
        self.form = form
        self.retry_after = retry_after

    @property
    def retry_minutes(self) -> int:
        """Whole minutes to wait, at least one (what a person is told)."""
        return max(1, math.ceil(self.retry_after / 60))


def client_key(settings: OfficeSettings, address: str) -> str:
    """The keyed hash under which a client address is counted (the address itself is never stored)."""
    return hmac.new(settings.session_key, b"form-limit\x00" + address.encode("utf-8"), hashlib.sha256).hexdigest()


def maximum(settings: OfficeSettings, form: str) -> int:
    """How many submissions of `form` one client may make per window (a per-form override, else the default)."""
    return dict(settings.form_limit_overrides).get(form, settings.form_limit_max)


def _check_name(form: str) -> None:
    if not form or len(form) > MAX_FORM_NAME:
        raise ValueError(f"form name {form!r}: give 1 to {MAX_FORM_NAME} characters")


def recent_hits(session: Session, settings: OfficeSettings, form: str, address: str, now: datetime) -> int:
    """How many submissions of `form` this client made within the window ending `now`."""
    since = now - settings.form_limit_window
    query = select(func.count()).select_from(FormHit).where(
        FormHit.form == form, FormHit.client_key == client_key(settings, address), FormHit.at > since)
    return int(session.execute(query).scalar_one())


def _take_turn(session: Session, form: str, key: str) -> None:
    """Wait for this form and client's other admits to commit (PostgreSQL: an advisory lock until
    this transaction ends; SQLite needs none, see the module docstring)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.sha256(f"form-limit\x00{form}\x00{key}".encode()).digest()
    lock = int.from_bytes(digest[:8], "big", signed=True)  # pg_advisory_xact_lock takes a bigint
    session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})


def admit(session: Session, settings: OfficeSettings, form: str, address: str, now: datetime) -> int:
    """Count one submission of `form` from `address`, in the caller's transaction; how many remain.

    Raises FormLimited (storing nothing) when the client reached the maximum within the window.
    The client's own expired hits are removed on the way, so the table stays small without a job.
    """
    _check_name(form)
    key, since, limit = client_key(settings, address), now - settings.form_limit_window, maximum(settings, form)
    mine = (FormHit.form == form) & (FormHit.client_key == key)
    _take_turn(session, form, key)
    session.execute(delete(FormHit).where(mine, FormHit.at <= since))
    moments = list(session.execute(select(FormHit.at).where(mine, FormHit.at > since)
                                   .order_by(FormHit.at).limit(limit)).scalars())
    if len(moments) >= limit:
        wait = (moments[0] + settings.form_limit_window - now).total_seconds()
        raise FormLimited(form, max(1, math.ceil(wait)))
    session.add(FormHit(form=form, client_key=key, at=now))
    session.flush()
    return limit - len(moments) - 1


def prune_hits(session: Session, settings: OfficeSettings, now: datetime) -> int:
    """Forget every hit older than the window (it no longer counts); the number removed."""
    result = session.execute(delete(FormHit).where(FormHit.at <= now - settings.form_limit_window))
    return int(getattr(result, "rowcount", 0) or 0)
