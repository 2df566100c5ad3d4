"""A request made by the data subject in the public centre: submit, verify the e-mail, follow it.

    submit(...)  -> the request waits in `awaiting_verification`; a receipt mail goes to the
                    given address with a single-use verification link (valid 48 hours) and the
                    secret status link. The office does not see the request yet.
    verify(...)  -> the link was opened: the request becomes `received` (audit `request.received`)
                    and lands in the handlers' queue.
    status(...)  -> what the holder of the status link may see: kind, state, dates, the deadline.

The month of Art. 12(3) starts at submission, not at verification: the conservative reading (the
request reached the organisation when it was sent), and a requester who confirms a day late
cannot cost the office a day it did not have. Both links carry random tokens of 256 bits; only
their SHA-256 hashes are stored, and a token is compared in constant time. Identities and what
the person wrote are stored sealed, with a keyed hash to find them; nothing is looked up in the
organisation's databases here, so no answer and no mail can tell whether someone is in them.
Unverified requests lapse: `lapse_unverified` deletes them once their link has expired.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from waarborg.audit import chain
from waarborg.datasets.identities import identity_hash, is_email_kind
from waarborg.office.mail import Mail, deliver
from waarborg.office.settings import OfficeSettings
from waarborg.office.settings import mail_settings_from_env as office_mail_settings
from waarborg.register import Register
from waarborg.register.parties import plausible_email
from waarborg.register.text import Language
from waarborg.store.intake_models import RequestIntake
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import seal, unseal
from waarborg.workspace import Workspace

from .deadline import deadline
from .identity import MAX_VALUE_LENGTH, identity_kinds
from .intake_mail import receipt_text
from .lifecycle import REQUEST_KINDS, RequestKind, check_transition
from .workflow import current_deadline

VERIFY_VALIDITY: Final = timedelta(hours=48)
MAX_DETAILS_LENGTH: Final = 4000
# Unconfirmed requests per e-mail address per hour: more is someone flooding another's mailbox.
MAX_UNVERIFIED_PER_ADDRESS: Final = 3
ACTOR: Final = "centre"
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")

PublicState = Literal["awaiting_verification", "received", "awaiting_identity", "in_progress", "completed",
                      "rejected"]
# What the requester is shown of the office's states: an engine failure or a second person's
# approval is the office's own business; to the requester the request is simply in hand.
PUBLIC_STATE: Final[dict[str, PublicState]] = {
    "awaiting_verification": "awaiting_verification", "received": "received",
    "awaiting_identity": "awaiting_identity", "in_progress": "in_progress", "awaiting_approval": "in_progress",
    "failed": "in_progress", "completed": "completed", "rejected": "rejected",
}


IntakeProblem = Literal["unknown_kind", "language", "missing_email", "not_email", "unknown_identity", "too_long",
                        "details_too_long", "correction_missing"]


class IntakeError(ValueError):
    """The form cannot be taken in: `field` names the field, `problem` says what is wrong (for a
    translated message); the message never echoes a value."""

    def __init__(self, field: str, problem: IntakeProblem, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.problem = problem


class TooManyIntakes(Exception):
    """Too many unconfirmed requests for one address within the hour; nothing was stored or sent."""


class LinkError(ValueError):
    """A verification link that is unknown, expired or used already; `reason` says which."""

    def __init__(self, reason: Literal["unknown", "expired", "used"]):
        super().__init__({"unknown": "this link is unknown or damaged",
                          "expired": "this link has expired: make the request again",
                          "used": "this link was used already: the request is confirmed"}[reason])
        self.reason = reason


class StatusNotFound(LookupError):
    """No request has this status link (the same answer for a wrong, damaged or lapsed link)."""


@dataclass(frozen=True)
class Submission:
    """A stored, unconfirmed request; `status_token` is the secret of the status link (shown once)."""

    request_id: str
    status_token: str
    received_at: datetime
    due_at: datetime
    verify_expires_at: datetime


@dataclass(frozen=True)
class Verified:
    request_id: str
    kind: str
    due_at: datetime


@dataclass(frozen=True)
class PublicStatus:
    """What the holder of a status link may see, and nothing else (no identity, no findings)."""

    kind: str
    state: PublicState
    received_at: datetime
    due_at: datetime
    extension_months: int
    completed_at: datetime | None
    language: str


@dataclass(frozen=True)
class IntakeForm:
    """A checked form: the kind, the identities by kind (the contact address under `contact`)."""

    kind: RequestKind
    identities: dict[str, str]
    contact: str
    primary: str
    details: str
    language: Language


def contact_kind(register: Register) -> str:
    """The identity kind holding the e-mail address: the bindings' own name for it, else `email`."""
    return next((kind for kind in identity_kinds(register) if is_email_kind(kind)), "email")


def identity_fields(register: Register) -> list[str]:
    """The identities the form asks for: the e-mail address first, then every other kind a binding
    declares (a member number, ...); only the e-mail address is required. A national identification
    number is never asked on a public form (its use is bound by law: UAVG art. 46, Art. 87 GDPR);
    the office asks for proof of identity when it needs more."""
    email = contact_kind(register)
    official = _government_kinds(register)
    return [email, *(kind for kind in identity_kinds(register) if kind != email and kind not in official)]


def _government_kinds(register: Register) -> set[str]:
    """Identity kinds bound to a column categorised as a government identifier (BSN, passport)."""
    return {
        kind
        for system in register.systems.values() if system.database is not None
        for table in system.database.tables.values()
        for kind, column in table.identities.items()
        if column in table.columns and table.columns[column].category.startswith("user.government_id")
    }


def new_token() -> tuple[str, str]:
    """(token for the link, its hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_form(register: Register, kind: str, identities: Mapping[str, str], details: str,
               language: str) -> IntakeForm:
    """The form, checked; IntakeError naming the first field that cannot be taken in."""
    if kind not in REQUEST_KINDS:
        raise IntakeError("kind", "unknown_kind", f"unknown request kind; choose one of {', '.join(REQUEST_KINDS)}")
    if language not in LANGUAGES:
        raise IntakeError("language", "language", "choose nl or en")
    given = _identities(register, identities)
    contact = contact_kind(register)
    if not given.get(contact):
        raise IntakeError(contact, "missing_email", "an e-mail address is needed: the confirmation link is sent there")
    try:
        plausible_email(given[contact])
    except ValueError:
        raise IntakeError(contact, "not_email", "not an e-mail address") from None
    details = details.strip()
    if len(details) > MAX_DETAILS_LENGTH:
        raise IntakeError("details", "details_too_long", f"{len(details)} characters; at most {MAX_DETAILS_LENGTH}")
    if kind == "rectify" and not details:
        raise IntakeError("details", "correction_missing", "say which data are wrong and what they should be")
    primary = contact if contact in identity_kinds(register) else next(iter(given))
    return IntakeForm(kind, given, contact, primary, details, language)


def _identities(register: Register, identities: Mapping[str, str]) -> dict[str, str]:
    known = set(identity_fields(register))
    given: dict[str, str] = {}
    for kind, raw in identities.items():
        if kind not in known:
            raise IntakeError("identity", "unknown_identity",
                              f"unknown identity kind; the form asks for {', '.join(sorted(known))}")
        value = str(raw).strip()
        if len(value) > MAX_VALUE_LENGTH:
            raise IntakeError(kind, "too_long", f"{len(value)} characters; at most {MAX_VALUE_LENGTH}")
        if value:
            given[kind] = value
    return given


def submit(workspace: Workspace, kind: str, identities: Mapping[str, str], details: str, language: str,
           now: datetime, *, settings: OfficeSettings | None = None) -> Submission:
    """Store the request unconfirmed and write the receipt mail; the secret status token.

    IntakeError (bad form) and TooManyIntakes change nothing."""
    form = check_form(workspace.register, kind, identities, details, language)
    mail_settings = settings or mail_settings_from_env(workspace)
    key = workspace.erasure_key()
    verify_token, verify_hash = new_token()
    status_token, status_hash = new_token()
    until = now + VERIFY_VALIDITY
    due = deadline(now, workspace.register.rights.response_time)
    hashes = {k: identity_hash(key, k, v) for k, v in form.identities.items()}
    with workspace.store.session() as session:
        _check_flood(session, form.primary, hashes[form.primary], now)
        request = DataSubjectRequest(
            kind=form.kind, identity_kind=form.primary, identity_hash=hashes[form.primary],
            identity_sealed=seal(key, form.identities[form.primary]), status="awaiting_verification",
            received_at=now, due_at=due, attempts=0, pauses=[])
        session.add(request)
        session.flush()
        subject, body = receipt_text(form.language, workspace.register.controller.name, form.kind,
                                     mail_settings.base_url, verify_token, status_token, until, due)
        message = deliver(session, Mail(form.identities[form.contact], subject, body), mail_settings.smtp_url,
                          mail_settings.mail_from, now)
        session.add(RequestIntake(
            request_id=request.id, language=form.language, verify_hash=verify_hash, verify_expires_at=until,
            status_hash=status_hash, identity_hashes=hashes,
            identities_sealed=seal(key, json.dumps(form.identities, ensure_ascii=False)),
            details_sealed=seal(key, form.details) if form.details else None, receipt_message_id=message.id))
        chain.append(session, ACTOR, "request.submitted", {"request_id": request.id, "kind": form.kind,
                                                           "status": "awaiting_verification"})
        return Submission(request.id, status_token, now, due, until)


def mail_settings_from_env(workspace: Workspace) -> OfficeSettings:
    """Where mail goes and how links start, read from the workspace environment by the office's own
    rule; the session key plays no part in a mail."""
    smtp_url, sender, base_url = office_mail_settings(workspace.env, workspace.register.controller.email)
    return OfficeSettings(session_key=b"", smtp_url=smtp_url, mail_from=sender, base_url=base_url)


def _check_flood(session: Session, kind: str, hashed: str, now: datetime) -> None:
    recent = session.execute(select(func.count()).select_from(DataSubjectRequest).where(
        DataSubjectRequest.identity_kind == kind, DataSubjectRequest.identity_hash == hashed,
        DataSubjectRequest.status == "awaiting_verification",
        DataSubjectRequest.received_at > now - timedelta(hours=1))).scalar_one()
    if recent >= MAX_UNVERIFIED_PER_ADDRESS:
        raise TooManyIntakes("too many unconfirmed requests for this address within the hour; "
                             "confirm one from its mail or try again later")


def verify(workspace: Workspace, token: str, now: datetime) -> Verified:
    """Confirm the e-mail address: the request becomes `received` and reaches the office.

    LinkError (unknown, expired, used) changes nothing."""
    hashed = token_hash(token)
    with workspace.store.session() as session:
        intake = session.execute(select(RequestIntake).where(RequestIntake.verify_hash == hashed)).scalar_one_or_none()
        if intake is None or not hmac.compare_digest(intake.verify_hash, hashed):
            raise LinkError("unknown")
        if intake.verified_at is not None:
            raise LinkError("used")
        if now >= intake.verify_expires_at:
            raise LinkError("expired")
        # Only one of two simultaneous clicks may win: the update counts the rows it changed.
        claimed = session.execute(update(RequestIntake).where(
            RequestIntake.request_id == intake.request_id, RequestIntake.verified_at.is_(None)
        ).values(verified_at=now).execution_options(synchronize_session=False))
        if getattr(claimed, "rowcount", 0) != 1:
            raise LinkError("used")
        request = session.get(DataSubjectRequest, intake.request_id)
        if request is None:
            raise LinkError("unknown")
        check_transition(request.status, "received")  # type: ignore[arg-type]
        request.status = "received"
        chain.append(session, ACTOR, "request.received", {
            "request_id": request.id, "kind": request.kind, "identity_kind": request.identity_kind,
            "identity_hash": request.identity_hash, "status": "received", "attempt": 0, "verified": True})
        return Verified(request.id, request.kind, request.due_at)


def status(workspace: Workspace, status_token: str, now: datetime) -> PublicStatus:
    """The request behind a status link; StatusNotFound for any link that is not one."""
    hashed = token_hash(status_token)
    with workspace.store.session() as session:
        intake = session.execute(select(RequestIntake).where(RequestIntake.status_hash == hashed)).scalar_one_or_none()
        if intake is None or not hmac.compare_digest(intake.status_hash, hashed):
            raise StatusNotFound("no request has this link")
        request = session.get(DataSubjectRequest, intake.request_id)
        if request is None:
            raise StatusNotFound("no request has this link")
        due = current_deadline(workspace, request, now) if request.completed_at is None else request.due_at
        return PublicStatus(request.kind, PUBLIC_STATE[request.status], request.received_at, due,
                            request.extension_months or 0, request.completed_at, intake.language)


def requester_language(workspace: Workspace, request_id: str) -> str | None:
    """The language the requester used in the centre (for the answer), None for other requests."""
    with workspace.store.session() as session:
        intake = session.get(RequestIntake, request_id)
        return intake.language if intake is not None else None


def submitted_details(workspace: Workspace, request_id: str) -> tuple[dict[str, str], str] | None:
    """The identities and text the requester gave (unsealed, for the handler), None for other requests."""
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        intake = session.get(RequestIntake, request_id)
        if intake is None:
            return None
        identities = json.loads(unseal(key, intake.identities_sealed))
        return identities, unseal(key, intake.details_sealed) if intake.details_sealed else ""


def lapse_unverified(workspace: Workspace, now: datetime) -> int:
    """Delete the requests whose verification link expired unused (data minimisation); how many."""
    with workspace.store.session() as session:
        lapsed = list(session.execute(select(RequestIntake.request_id).where(
            RequestIntake.verified_at.is_(None), RequestIntake.verify_expires_at <= now)).scalars())
        if not lapsed:
            return 0
        session.execute(delete(RequestIntake).where(RequestIntake.request_id.in_(lapsed)))
        session.execute(delete(DataSubjectRequest).where(
            DataSubjectRequest.id.in_(lapsed), DataSubjectRequest.status == "awaiting_verification"))
        chain.append(session, ACTOR, "intake.lapsed", {"requests": len(lapsed)})
        return len(lapsed)
