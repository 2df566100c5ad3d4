"""Running a request through its lifecycle in the store's `requests` table.

`run_request` opens (or reopens) the request, marks it in progress, calls the fulfilment
function, and records the outcome with an audit entry at each step. A fulfilment that raises —
one database unreachable, an environment variable unset — leaves the request `failed` and
retryable, never `completed`; running the same request again for the same person picks it up,
counts another attempt and finishes it (fulfilment functions are idempotent).

"The same request" means the same kind, person *and content*: a fulfilment built with
`asking(fulfil, content)` (the corrections of a rectify, the activities of an objection, lift or
impose of a restriction) is matched on a keyed hash of that content. A rectify with other
corrections is a new request; the failed one stays open until it is retried as it was asked.

Nothing personal is stored: the identity is kept as a keyed hash (of its normalised form, so
``Jan@Example.nl`` and ``jan@example.nl`` are one person: `waarborg.datasets.identities`) and
sealed (encrypted) for retries, results name tables and counts, and error messages are scrubbed of
the identity value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from waarborg.audit import chain
from waarborg.datasets.connect import driver_error_name, driver_message
from waarborg.datasets.identities import identity_hash as hash_identity
from waarborg.store.locks import holder_is_dead, new_holder
from waarborg.store.models import DataSubjectRequest, utcnow
from waarborg.store.sealing import seal
from waarborg.workspace import Workspace

from .identity import Identity
from .lifecycle import OPEN_STATUSES, RequestKind, RequestStatus, check_transition, due_at, parse_kind

ACTOR = "cli"
# How long a run may hold a request before it counts as interrupted (killed, machine gone). A run
# of a process that died on this host is recognised at once; one elsewhere after the lease.
LEASE = timedelta(minutes=30)
INTERRUPTED = "interrupted: the run ended without an outcome"


class RequestBusy(Exception):
    """Another run is working on this request right now; try again when it has ended."""


class RequestWaiting(RequestBusy):
    """The request waits in the office (for the requester's proof of identity, or for a second
    person's approval of an erasure); the engine does not run it past that."""


@dataclass
class RequestContext:
    """What a fulfilment function gets: the workspace, the person and the request."""

    workspace: Workspace
    identity: Identity
    identity_hash: str
    request_id: str | None  # None in a dry run: nothing is recorded
    received_at: datetime
    now: datetime
    dry_run: bool
    secrets: tuple[str, ...] = ()  # other personal values to scrub from errors (new values of a rectify)


@dataclass
class Fulfilment:
    """What a fulfilment function returns: a result without personal data, and the final state.

    `status="in_progress"` leaves the request open for a person to decide (an objection to
    processing on legitimate interests must be weighed, Art. 21(1)).
    """

    result: dict[str, Any]
    status: RequestStatus = "completed"


@dataclass(frozen=True)
class RequestOutcome:
    """How a run ended, for the CLI to print."""

    request_id: str | None
    kind: RequestKind
    status: RequestStatus | None  # None for a dry run
    attempts: int
    received_at: datetime
    due_at: datetime
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


Fulfil = Callable[[RequestContext], Fulfilment]


@dataclass(frozen=True)
class Asking:
    """A fulfilment function together with what the request asks (may hold personal data: it
    is stored only as a keyed hash, to recognise a retry of the same request)."""

    fulfil: Fulfil
    content: Mapping[str, Any]

    def __call__(self, context: RequestContext) -> Fulfilment:
        return self.fulfil(context)


def asking(fulfil: Fulfil, content: Mapping[str, Any]) -> Fulfil:
    """`fulfil`, marked with the content a retry must repeat to count as the same request."""
    return Asking(fulfil, content)


def content_hash(key: bytes, kind: str, fulfil: Fulfil) -> str:
    """The keyed hash of a request's kind and content (empty for kinds that ask nothing more)."""
    content = dict(fulfil.content) if isinstance(fulfil, Asking) else {}
    canonical = json.dumps({"kind": kind, "content": content}, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(key, b"waarborg-request\x00" + canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def _asks_nothing(fulfil: Fulfil) -> bool:
    return not (isinstance(fulfil, Asking) and fulfil.content)


def run_request(
    workspace: Workspace,
    kind: RequestKind,
    identity: Identity,
    fulfil: Fulfil,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    secrets: Iterable[str] = (),
    actor: str = ACTOR,
    request_id: str | None = None,
) -> RequestOutcome:
    """Run one request from receipt (or retry) to completed, failed or left open for a decision.

    `request_id` names the stored request to run (the office runs the one on its page); without it
    the open request of the same kind, person and content is picked up, or a new one recorded."""
    now = now or datetime.now(UTC)
    key = workspace.erasure_key()
    identity_hash = hash_identity(key, identity.kind, identity.value)
    promise = workspace.register.rights.response_time
    if dry_run:
        context = RequestContext(workspace, identity, identity_hash, None, now, now, True, tuple(secrets))
        done = fulfil(context)
        return RequestOutcome(None, kind, None, 0, now, due_at(now, promise), done.result)
    asked = Asked(content_hash(key, kind, fulfil), _asks_nothing(fulfil))
    request_id, received_at = _start(workspace, kind, identity, identity_hash, asked, now, actor, request_id)
    context = RequestContext(workspace, identity, identity_hash, request_id, received_at, now, False, tuple(secrets))
    try:
        done = fulfil(context)
    except Exception as exc:  # any failure must leave the request failed and retryable
        return _finish(workspace, request_id, "failed", {}, scrub(exc, identity, secrets), actor)
    return _finish(workspace, request_id, done.status, done.result, None, actor)


@dataclass(frozen=True)
class Asked:
    """How a request's content is matched: its keyed hash, and whether it asks nothing beyond its
    kind (then a request recorded before content was hashed matches too)."""

    hash: str
    nothing: bool


def _start(
    workspace: Workspace, kind: RequestKind, identity: Identity, identity_hash: str, asked: Asked, now: datetime,
    actor: str,
    request_id: str | None = None,
) -> tuple[str, datetime]:
    """Open a new request, or pick up the open one of the same kind and content for the same
    person (a retry), or the named one."""
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        if request_id is not None:
            request = session.get(DataSubjectRequest, request_id)
            if request is None or (request.kind, request.identity_hash) != (kind, identity_hash):
                raise ValueError(f"request {request_id} is not a {kind} request of this person")
        else:
            request = _open_request(session, kind, identity.kind, identity_hash, asked)
        if request is None:
            request = DataSubjectRequest(
                kind=kind,
                identity_kind=identity.kind,
                identity_hash=identity_hash,
                identity_sealed=seal(key, identity.value),
                content_hash=asked.hash,
                status="received",
                received_at=now,
                due_at=due_at(now, workspace.register.rights.response_time),
                attempts=0,
            )
            session.add(request)
            session.flush()
            chain.append(session, actor, "request.received", _detail(request))
        if _interrupted(request):
            _fail_interrupted(session, request, actor)
        elif request.status == "in_progress" and request.lease_expires_at is not None:
            raise RequestBusy(f"request {request.id} is being worked on ({request.lease_holder}, "
                              f"until {request.lease_expires_at:%H:%M:%S} UTC); run it again after that")
        if request.status in ("awaiting_identity", "awaiting_approval"):
            raise RequestWaiting(f"request {request.id} is {request.status.replace('_', ' ')} in the office; "
                                 "it runs once that is settled there")
        if request.status != "in_progress":  # in progress without a lease: awaiting a decision
            check_transition(request.status, "in_progress")  # type: ignore[arg-type]
        request.status = "in_progress"
        request.attempts += 1
        request.error = None
        request.lease_holder, request.lease_expires_at = new_holder(), utcnow() + LEASE
        chain.append(session, actor, "request.started", _detail(request))
        return request.id, request.received_at


def _open_request(
    session: Session, kind: str, identity_kind: str, identity_hash: str, asked: Asked
) -> DataSubjectRequest | None:
    same_content = DataSubjectRequest.content_hash == asked.hash
    if asked.nothing:
        same_content = or_(same_content, DataSubjectRequest.content_hash.is_(None))
    query = (
        select(DataSubjectRequest)
        .where(
            DataSubjectRequest.kind == kind,
            DataSubjectRequest.identity_kind == identity_kind,
            DataSubjectRequest.identity_hash == identity_hash,
            DataSubjectRequest.status.in_(sorted(OPEN_STATUSES)),
            same_content,
        )
        .order_by(DataSubjectRequest.received_at.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def _finish(
    workspace: Workspace,
    request_id: str,
    status: RequestStatus,
    result: dict[str, Any],
    error: str | None,
    actor: str,
) -> RequestOutcome:
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        assert request is not None  # we created it
        if status != "in_progress":
            check_transition(request.status, status)  # type: ignore[arg-type]
        request.status = status
        request.result = result or request.result
        request.error = error
        request.lease_holder = request.lease_expires_at = None
        if status in ("completed", "rejected"):
            request.completed_at = datetime.now(UTC)
        detail = _detail(request) | ({"error": error} if error else {"result": result})
        chain.append(session, actor, f"request.{_verb(status)}", detail)
        kind = parse_kind(request.kind)
        return RequestOutcome(
            request.id, kind, status, request.attempts, request.received_at, request.due_at, result, error
        )


def _interrupted(request: DataSubjectRequest) -> bool:
    """In progress under a lease that has run out, or held by a process that is gone."""
    if request.status != "in_progress" or request.lease_expires_at is None:
        return False
    return request.lease_expires_at <= utcnow() or holder_is_dead(request.lease_holder or "")


def _fail_interrupted(session: Session, request: DataSubjectRequest, actor: str) -> None:
    request.status, request.error = "failed", INTERRUPTED
    request.lease_holder = request.lease_expires_at = None
    chain.append(session, actor, "request.failed", _detail(request) | {"error": INTERRUPTED})


def settle_interrupted(session: Session, actor: str = ACTOR) -> int:
    """Record every request whose run was interrupted as failed (retryable); returns how many."""
    query = select(DataSubjectRequest).where(
        DataSubjectRequest.status == "in_progress", DataSubjectRequest.lease_expires_at.is_not(None)
    )
    interrupted = [request for request in session.execute(query).scalars() if _interrupted(request)]
    for request in interrupted:
        _fail_interrupted(session, request, actor)
    return len(interrupted)


def _verb(status: RequestStatus) -> str:
    return {"in_progress": "awaiting_decision"}.get(status, status)


def _detail(request: DataSubjectRequest) -> dict[str, Any]:
    # The audit trail names the person only by the keyed hash (never the plain identity).
    return {
        "request_id": request.id,
        "kind": request.kind,
        "identity_kind": request.identity_kind,
        "identity_hash": request.identity_hash,
        "status": request.status,
        "attempt": request.attempts,
    }


def scrub(exc: BaseException, identity: Identity, secrets: Iterable[str] = ()) -> str:
    """A one-line error message with the identity (and other personal values) blanked out.

    Database errors can echo bound parameters; the message is stored and audited, so any
    occurrence of the person's values is replaced before it leaves this function.
    """
    message = f"{driver_error_name(exc)}: {driver_message(exc)}"
    for value in (identity.value, *secrets):
        if value:
            message = message.replace(value, "<hidden>")
    return message[:500]


def list_requests(workspace: Workspace, open_only: bool = False) -> list[DataSubjectRequest]:
    """The recorded requests, newest first (they hold hashes and sealed identities only); runs
    that were interrupted are recorded as failed first, so they show as what they are."""
    query = select(DataSubjectRequest).order_by(DataSubjectRequest.received_at.desc())
    if open_only:
        query = query.where(DataSubjectRequest.status.in_(sorted(OPEN_STATUSES)))
    with workspace.store.session() as session:
        settle_interrupted(session)
    with workspace.store.session() as session:
        return list(session.execute(query).scalars())
