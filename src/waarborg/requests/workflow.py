"""The office's work on a request: ask for more proof of identity (the deadline pauses), extend
with reasons, refuse with a ground and the complaint route, approve an erasure as a second person,
and run fulfilment through the engine (`runner.run_request`). The web office and the CLI call
these same functions.

Every step checks the state machine (`lifecycle.check_transition`), changes the request in one
transaction with its audit entry (`request.<verb>`, naming the request and the actor), and keeps
the stored `due_at` equal to `deadline.deadline(...)` of what is recorded. Free text a handler
writes (reasons, a refusal note) may name the person, so it is stored sealed and never audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from waarborg.audit import chain
from waarborg.register.text import Language
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import seal, unseal
from waarborg.workspace import Workspace

from .answers import addressee, extension_letter, identity_letter, refusal_letter, send_letter
from .deadline import DeadlineError, Extension, Pause, check_extension, deadline
from .identity import Identity
from .lifecycle import REFUSAL_GROUNDS, RequestStatus, TransitionError, check_transition, parse_kind
from .runner import Fulfil, RequestOutcome, run_request


class WorkflowError(ValueError):
    """An action the request's state, the law or the office's rules do not allow; changes nothing."""


class RequestNotFound(LookupError):
    """No request with this id."""


def pauses_of(request: DataSubjectRequest) -> list[Pause]:
    return [Pause(datetime.fromisoformat(p["start"]), datetime.fromisoformat(p["end"]) if p.get("end") else None,
                  p.get("reason", "identity")) for p in request.pauses or []]


def extension_of(request: DataSubjectRequest, key: bytes) -> Extension | None:
    if not request.extension_months or request.extended_at is None:
        return None
    reasons = unseal(key, request.extension_reasons_sealed) if request.extension_reasons_sealed else ""
    return Extension(request.extension_months, reasons, request.extended_at)


def current_deadline(workspace: Workspace, request: DataSubjectRequest, now: datetime) -> datetime:
    """The request's deadline from what is recorded (an open pause counts until `now`)."""
    return deadline(request.received_at, workspace.register.rights.response_time, pauses_of(request),
                    extension_of(request, workspace.erasure_key()), now)


@contextmanager
def _changing(workspace: Workspace, request_id: str) -> Iterator[tuple[Session, DataSubjectRequest]]:
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise RequestNotFound(f"no request {request_id!r}")
        yield session, request


def _move(session: Session, request: DataSubjectRequest, target: RequestStatus, actor: str, verb: str,
          extra: dict[str, Any] | None = None) -> None:
    try:
        check_transition(request.status, target)  # type: ignore[arg-type]
    except TransitionError as exc:
        raise WorkflowError(str(exc)) from exc
    request.status = target
    detail = {"request_id": request.id, "kind": request.kind, "identity_kind": request.identity_kind,
              "identity_hash": request.identity_hash, "status": target, "attempt": request.attempts}
    chain.append(session, actor, f"request.{verb}", detail | (extra or {}))


def receive(workspace: Workspace, kind: str, identity: Identity, actor: str, now: datetime) -> str:
    """Record a request as received (the office takes it in; its deadline starts now); its id."""
    from waarborg.datasets.identities import identity_hash

    key = workspace.erasure_key()
    parsed = parse_kind(kind)
    with workspace.store.session() as session:
        request = DataSubjectRequest(
            kind=parsed, identity_kind=identity.kind, identity_hash=identity_hash(key, identity.kind, identity.value),
            identity_sealed=seal(key, identity.value), status="received", received_at=now,
            due_at=deadline(now, workspace.register.rights.response_time), attempts=0, pauses=[],
        )
        session.add(request)
        session.flush()
        chain.append(session, actor, "request.received", {
            "request_id": request.id, "kind": parsed, "identity_kind": identity.kind,
            "identity_hash": request.identity_hash, "status": "received", "attempt": 0})
        return request.id


def ask_identity(workspace: Workspace, request_id: str, actor: str, now: datetime) -> None:
    """Ask the requester for more proof of identity: the request waits, its deadline stands still."""
    with _changing(workspace, request_id) as (session, request):
        _move(session, request, "awaiting_identity", actor, "identity_asked")
        request.pauses = [*(request.pauses or []), {"start": now.isoformat(), "end": None, "reason": "identity"}]
        letter = identity_letter(workspace.register, request, _lang(workspace, session, request))
        send_letter(session, workspace, request, letter, "identity", actor, now)


def identity_confirmed(workspace: Workspace, request_id: str, actor: str, now: datetime) -> None:
    """The proof arrived: the pause ends (recorded), the deadline moves by its length, work resumes."""
    with _changing(workspace, request_id) as (session, request):
        _move(session, request, "received", actor, "identity_confirmed")
        request.pauses = [p if p.get("end") else {**p, "end": now.isoformat()} for p in request.pauses or []]
        request.due_at = current_deadline(workspace, request, now)


def extend(workspace: Workspace, request_id: str, actor: str, months: int, reasons: str, now: datetime) -> datetime:
    """Extend by 1 or 2 months with reasons (Art. 12(3)); refused after month one. The new deadline."""
    with _changing(workspace, request_id) as (session, request):
        if request.status not in ("received", "awaiting_identity", "in_progress", "awaiting_approval", "failed"):
            raise WorkflowError(f"a request that is {request.status} cannot be extended")
        if request.extension_months:
            raise WorkflowError("this request was extended already; the law allows one extension of at most "
                                "two months")
        extension = Extension(months, reasons, now)
        try:
            check_extension(request.received_at, extension, pauses_of(request), now)
        except DeadlineError as exc:
            raise WorkflowError(str(exc)) from exc
        request.extension_months, request.extended_at = months, now
        request.extension_reasons_sealed = seal(workspace.erasure_key(), reasons.strip())
        request.due_at = current_deadline(workspace, request, now)
        chain.append(session, actor, "request.extended", {"request_id": request.id, "months": months,
                                                          "due_at": request.due_at.isoformat()})
        letter = extension_letter(workspace.register, request, reasons, _lang(workspace, session, request))
        send_letter(session, workspace, request, letter, "extension", actor, now)
        return request.due_at


def refuse(workspace: Workspace, request_id: str, actor: str, ground: str, note: str, now: datetime) -> None:
    """Refuse to act (Art. 12(4)/(5)) on a listed ground; the answer names the complaint route."""
    if ground not in REFUSAL_GROUNDS:
        raise WorkflowError(f"unknown refusal ground {ground!r}; choose one of {', '.join(REFUSAL_GROUNDS)}")
    if not note.strip():
        raise WorkflowError("a refusal needs its reasons: the requester must be told why (Art. 12(4))")
    with _changing(workspace, request_id) as (session, request):
        _move(session, request, "rejected", actor, "rejected", {"ground": ground})
        request.refusal_ground = ground
        request.refusal_note_sealed = seal(workspace.erasure_key(), note.strip())
        request.completed_at = now
        letter = refusal_letter(workspace.register, request, note, _lang(workspace, session, request))
        send_letter(session, workspace, request, letter, "refusal", actor, now)


def _lang(workspace: Workspace, session: Session, request: DataSubjectRequest) -> Language:
    return addressee(workspace, request, session).lang


def complaint_route(workspace: Workspace) -> dict[str, str] | None:
    """The supervisory authority of the controller's country (NL: AP, BE: GBA), for refusals."""
    return workspace.register.authority()


def needs_approval(workspace: Workspace, request: DataSubjectRequest) -> bool:
    """An erasure waits for a second person when the register asks so and nobody approved it yet."""
    return (request.kind == "erase" and workspace.register.office.erasure_approval
            and request.approved_by is None)


def approve(workspace: Workspace, request_id: str, actor: str, now: datetime) -> None:
    """A second person approves the erasure; the one who asked for approval cannot."""
    with _changing(workspace, request_id) as (session, request):
        if request.status != "awaiting_approval":
            raise WorkflowError(f"a request that is {request.status} does not wait for approval")
        if request.approval_asked_by == actor:
            raise WorkflowError("a second person must approve: you asked for this erasure yourself")
        _move(session, request, "in_progress", actor, "approved")
        request.approved_by, request.approved_at = actor, now


def office_fulfilment(workspace: Workspace, kind: str) -> Fulfil:
    """The engine's fulfilment for a kind that asks nothing more (packages go to the state folder)."""
    from .access import access_fulfilment
    from .erase import erase_fulfilment
    from .port import port_fulfilment

    packages = Path(workspace.state_dir) / "packages"
    if kind == "access":
        return access_fulfilment(packages, pdf=False)
    if kind == "erase":
        return erase_fulfilment()
    if kind == "port":
        return port_fulfilment(packages)
    if kind == "withdraw":
        from .withdraw import withdraw_fulfilment

        return withdraw_fulfilment()
    raise WorkflowError(f"a {kind} request carries what it asks (corrections, activities); run it with "
                        f"`waarborg request {kind}` from the command line")


def fulfil(workspace: Workspace, request_id: str, actor: str, now: datetime, dry_run: bool = False) -> RequestOutcome:
    """Run the request through the engine, or first ask a second person when an erasure needs one."""
    with _changing(workspace, request_id) as (session, request):
        kind = parse_kind(request.kind)
        identity = Identity(request.identity_kind, unseal(workspace.erasure_key(), request.identity_sealed))
        if not dry_run and needs_approval(workspace, request) and request.status != "awaiting_approval":
            _move(session, request, "awaiting_approval", actor, "approval_asked")
            request.approval_asked_by = actor
            return RequestOutcome(request.id, kind, "awaiting_approval", request.attempts, request.received_at,
                                  request.due_at)
        if not dry_run and request.status not in ("received", "in_progress", "failed"):
            raise WorkflowError(f"a request that is {request.status} cannot be run now")
    outcome = run_request(workspace, kind, identity, office_fulfilment(workspace, kind), now=now,
                          dry_run=dry_run, actor=actor, request_id=request_id)
    if not dry_run:
        answer(workspace, outcome, actor, now)
    return outcome


def answer(workspace: Workspace, outcome: RequestOutcome, actor: str, now: datetime) -> None:
    """Tell the requester what came of a run: the download link of a package, or what was done and
    kept; a failed run (retryable) tells nothing yet."""
    from .answers import mail_about
    from .delivery import PACKAGED_KINDS, issue_download

    if outcome.request_id is None or outcome.status not in ("completed", "in_progress"):
        return
    if outcome.kind in PACKAGED_KINDS:
        if outcome.status == "completed":
            issue_download(workspace, outcome.request_id, now, actor)
        return
    mail_about(workspace, outcome.request_id, "outcome", actor, now)


def history(workspace: Workspace, request_id: str) -> list[dict[str, Any]]:
    """Every state change, message and action of the request, oldest first, from the audit trail
    (the store's JSON lookup on `detail.request_id`, so only this request's entries are read)."""
    from sqlalchemy import select

    from waarborg.store.models import AuditEntry

    query = (select(AuditEntry).where(AuditEntry.detail["request_id"].as_string() == request_id)
             .order_by(AuditEntry.seq))
    with workspace.store.session() as session:
        return [{"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action,
                 "status": e.detail.get("status"), "detail": _public(e.detail)}
                for e in session.execute(query).scalars()]


def _public(detail: dict[str, Any]) -> dict[str, Any]:
    """The entry's detail without the keyed hash (no use to a reader, and it links records)."""
    return {k: v for k, v in detail.items() if k not in ("identity_hash", "request_id")}


def retry(workspace: Workspace, request_id: str, actor: str, now: datetime) -> RequestOutcome:
    """Run a failed request again (the queue's retry): refused for a request that did not fail."""
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise RequestNotFound(f"no request {request_id!r}")
        if request.status != "failed":
            raise WorkflowError(f"only a failed request is retried; this one is {request.status}")
    return fulfil(workspace, request_id, actor, now)
