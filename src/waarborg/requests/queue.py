"""The handler's queue and one request's page, as data: the office's pages, their `.json` twins and
`waarborg request list|show` all read these, so they cannot drift apart.

The queue is sorted by deadline (overdue first), filtered by kind and state in SQL, and searched by
a person's identity through its keyed hash (`identity_hash` is indexed): the identity is hashed
once, never compared against unsealed values row by row. Nothing here unseals an identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from waarborg.datasets.identities import identity_hash
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import unseal
from waarborg.workspace import Workspace

from .lifecycle import OPEN_STATUSES, REQUEST_KINDS, REQUEST_STATUSES, TRANSITIONS
from .runner import settle_interrupted
from .workflow import RequestNotFound, complaint_route, history, needs_approval

LIMIT = 500


class QueueFilterError(ValueError):
    """A filter of the queue names a kind or state that does not exist."""


@dataclass(frozen=True)
class QueueFilter:
    kind: str = ""
    status: str = ""  # "" = open requests only; "all" = every state
    identity_kind: str = ""
    identity_value: str = ""

    def check(self) -> QueueFilter:
        if self.kind and self.kind not in REQUEST_KINDS:
            raise QueueFilterError(f"kind {self.kind!r}: choose one of {', '.join(REQUEST_KINDS)}")
        if self.status and self.status != "all" and self.status not in REQUEST_STATUSES:
            raise QueueFilterError(f"state {self.status!r}: choose all or one of {', '.join(REQUEST_STATUSES)}")
        return self


def summary(request: DataSubjectRequest, now: datetime) -> dict[str, Any]:
    """One line of the queue (no personal data: the id, kind, state and dates)."""
    days_left = (request.due_at.date() - now.date()).days
    is_open = request.status in OPEN_STATUSES
    return {"id": request.id, "kind": request.kind, "status": request.status,
            "received_at": request.received_at, "due_at": request.due_at, "days_left": days_left,
            "overdue": is_open and request.due_at < now, "open": is_open,
            "extended": bool(request.extension_months), "attempts": request.attempts, "error": request.error}


def queue(workspace: Workspace, now: datetime, wanted: QueueFilter = QueueFilter()) -> list[dict[str, Any]]:
    """The requests by deadline, nearest (or most overdue) first."""
    wanted.check()
    query = select(DataSubjectRequest).order_by(DataSubjectRequest.due_at, DataSubjectRequest.id).limit(LIMIT)
    if wanted.kind:
        query = query.where(DataSubjectRequest.kind == wanted.kind)
    if wanted.status == "":
        query = query.where(DataSubjectRequest.status.in_(sorted(OPEN_STATUSES)))
    elif wanted.status == "all":  # an unconfirmed request from the centre is not the office's yet
        query = query.where(DataSubjectRequest.status != "awaiting_verification")
    else:
        query = query.where(DataSubjectRequest.status == wanted.status)
    if wanted.identity_value.strip():
        hashed = identity_hash(workspace.erasure_key(), wanted.identity_kind, wanted.identity_value.strip())
        query = query.where(DataSubjectRequest.identity_kind == wanted.identity_kind,
                            DataSubjectRequest.identity_hash == hashed)
    with workspace.store.session() as session:
        settle_interrupted(session)  # a run that died shows as failed (retryable), not as in progress
    with workspace.store.session() as session:
        return [summary(request, now) for request in session.execute(query).scalars()]


@dataclass
class RequestView:
    """Everything a request's page shows: its line, the recorded decisions, history, next steps."""

    request: dict[str, Any]
    pauses: list[dict[str, Any]]
    extension: dict[str, Any] | None
    refusal: dict[str, Any] | None
    approval: dict[str, Any]
    result: dict[str, Any] | None
    history: list[dict[str, Any]]
    next_states: list[str]
    complaint_route: dict[str, str] | None
    dry_run: dict[str, Any] | None = field(default=None)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def show(workspace: Workspace, request_id: str, now: datetime) -> RequestView:
    """One request with its history from the audit trail; RequestNotFound when there is none."""
    key = workspace.erasure_key()
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise RequestNotFound(f"no request {request_id!r}")
        extension = None
        if request.extension_months:
            extension = {"months": request.extension_months, "decided_at": request.extended_at,
                         "reasons": unseal(key, request.extension_reasons_sealed or "") if
                         request.extension_reasons_sealed else ""}
        refusal = None
        if request.refusal_ground:
            refusal = {"ground": request.refusal_ground,
                       "note": unseal(key, request.refusal_note_sealed) if request.refusal_note_sealed else ""}
        approval = {"needed": needs_approval(workspace, request) or request.status == "awaiting_approval",
                    "asked_by": request.approval_asked_by, "approved_by": request.approved_by,
                    "approved_at": request.approved_at}
        view = RequestView(summary(request, now), list(request.pauses or []), extension, refusal, approval,
                           request.result, [], sorted(TRANSITIONS[request.status]),  # type: ignore[index]
                           complaint_route(workspace))
    view.history = history(workspace, request_id)
    return view
