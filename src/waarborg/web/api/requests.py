"""Data-subject requests for the office over the API: the queue (filters, identity search by keyed
hash), one request with its history, and the handler's actions. Each route calls the function of
`waarborg.requests.queue` / `waarborg.requests.workflow` that the office's page calls.

An identity is searched with a POST (it never ends up in an address or an access log); actions
and searches are written to the audit trail as the office's are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from waarborg.office.api_tokens import TokenCaller
from waarborg.requests import queue as queue_module
from waarborg.requests import workflow
from waarborg.requests.runner import RequestBusy

from .auth import caller, route
from .common import now, office
from .errors import ApiError, bad_input, not_found

router = APIRouter(prefix="/requests", tags=["requests"])
VIEW, HANDLE = "requests.view", "requests.handle"


class RequestLine(BaseModel):
    """One line of the queue: no personal data, only the id, kind, state and dates."""

    id: str
    kind: str
    status: str
    received_at: datetime
    due_at: datetime
    days_left: int
    overdue: bool
    open: bool
    extended: bool
    attempts: int
    error: str | None


class QueueAnswer(BaseModel):
    requests: list[RequestLine]
    overdue: int


class SearchBody(BaseModel):
    """Find a person's requests by an identity of the register's bindings (matched by keyed hash)."""

    identity_kind: str = Field(description="e.g. email or member_number")
    identity_value: str = Field(min_length=1)
    kind: str = ""
    status: str = Field("all", description="all, or one state; empty: the open requests")


class RequestDetail(BaseModel):
    """A request's page as data: its line, pauses, extension, refusal, approval, result and history."""

    request: RequestLine
    pauses: list[dict[str, Any]]
    extension: dict[str, Any] | None
    refusal: dict[str, Any] | None
    approval: dict[str, Any]
    result: dict[str, Any] | None
    history: list[dict[str, Any]]
    next_states: list[str]
    complaint_route: dict[str, str] | None
    dry_run: dict[str, Any] | None = None


class FulfilBody(BaseModel):
    dry_run: bool = Field(False, description="Only report what the engine would do (rows per table, holds).")


class Outcome(BaseModel):
    """How a run of the engine ended (status is null for a dry run)."""

    request_id: str | None
    kind: str
    status: str | None
    attempts: int
    result: dict[str, Any]
    error: str | None


class RefuseBody(BaseModel):
    ground: Literal["manifestly_unfounded", "excessive", "identity_not_established"]
    reasons: str = Field(min_length=1, description="Sent to the requester (Art. 12(4)).")


class ExtendBody(BaseModel):
    months: Literal[1, 2]
    reasons: str = Field(min_length=1, description="Sent to the requester within the first month (Art. 12(3)).")


def _queue(request: Request, wanted: queue_module.QueueFilter) -> QueueAnswer:
    try:
        items = queue_module.queue(office(request).workspace, now(request), wanted)
    except queue_module.QueueFilterError as exc:
        raise bad_input(str(exc), "status" if str(exc).startswith("state") else "kind") from None
    return QueueAnswer(requests=[RequestLine(**item) for item in items], overdue=sum(i["overdue"] for i in items))


@route(router, "GET", "", VIEW, response_model=QueueAnswer, summary="The queue, nearest deadline first")
def listing(request: Request, kind: str = Query("", description="access, erase, rectify, restrict, object, port"),
            status: str = Query("", description="empty: open requests; all; or one state")) -> QueueAnswer:
    return _queue(request, queue_module.QueueFilter(kind, status))


@route(router, "POST", "/search", VIEW, personal_data=True, response_model=QueueAnswer,
       summary="A person's requests, found by an identity")
def search(request: Request, body: SearchBody) -> QueueAnswer:
    return _queue(request, queue_module.QueueFilter(body.kind, body.status, body.identity_kind, body.identity_value))


def _detail(request: Request, request_id: str) -> RequestDetail:
    try:
        view = queue_module.show(office(request).workspace, request_id, now(request))
    except workflow.RequestNotFound:
        raise not_found(f"no request {request_id!r}") from None
    return RequestDetail(**view.as_json())


@route(router, "GET", "/{request_id}", VIEW, response_model=RequestDetail, summary="One request with its history")
def show(request: Request, request_id: str) -> RequestDetail:
    return _detail(request, request_id)


def _act(request: Request, request_id: str, step: Callable[[Any, str, str, datetime], Any], who: TokenCaller) -> Any:
    """Run one workflow step; a refused step is 400 (409 while another run works on it), nothing changed."""
    try:
        return step(office(request).workspace, request_id, who.actor, now(request))
    except workflow.RequestNotFound:
        raise not_found(f"no request {request_id!r}") from None
    except RequestBusy as exc:
        raise ApiError(409, "busy", str(exc) or "another run works on this request; try again later") from None
    except workflow.WorkflowError as exc:
        raise bad_input(str(exc)) from None


def _outcome(done: Any) -> Outcome:
    return Outcome(request_id=done.request_id, kind=done.kind, status=done.status, attempts=done.attempts,
                   result=done.result, error=done.error)


@route(router, "POST", "/{request_id}/ask-identity", HANDLE, personal_data=True, response_model=RequestDetail,
       summary="Ask for more proof of identity (the deadline pauses)")
def ask_identity(request: Request, request_id: str, who: TokenCaller = Depends(caller)) -> RequestDetail:
    _act(request, request_id, workflow.ask_identity, who)
    return _detail(request, request_id)


@route(router, "POST", "/{request_id}/identity-confirmed", HANDLE, personal_data=True,
       response_model=RequestDetail, summary="The proof arrived: the pause ends")
def identity_confirmed(request: Request, request_id: str, who: TokenCaller = Depends(caller)) -> RequestDetail:
    _act(request, request_id, workflow.identity_confirmed, who)
    return _detail(request, request_id)


@route(router, "POST", "/{request_id}/fulfil", HANDLE, personal_data=True, response_model=Outcome,
       summary="Run the request through the engine (or a dry run)")
def fulfil(request: Request, request_id: str, body: FulfilBody, who: TokenCaller = Depends(caller)) -> Outcome:
    return _outcome(_act(request, request_id, lambda ws, rid, actor, moment: workflow.fulfil(
        ws, rid, actor, moment, dry_run=body.dry_run), who))


@route(router, "POST", "/{request_id}/retry", HANDLE, personal_data=True, response_model=Outcome,
       summary="Run a failed request again")
def retry(request: Request, request_id: str, who: TokenCaller = Depends(caller)) -> Outcome:
    return _outcome(_act(request, request_id, workflow.retry, who))


@route(router, "POST", "/{request_id}/approve", HANDLE, personal_data=True, response_model=RequestDetail,
       summary="A second person approves an erasure")
def approve(request: Request, request_id: str, who: TokenCaller = Depends(caller)) -> RequestDetail:
    _act(request, request_id, workflow.approve, who)
    return _detail(request, request_id)


@route(router, "POST", "/{request_id}/refuse", HANDLE, personal_data=True, response_model=RequestDetail,
       summary="Refuse with a ground and reasons (Art. 12(4)/(5))")
def refuse(request: Request, request_id: str, body: RefuseBody, who: TokenCaller = Depends(caller)) -> RequestDetail:
    _act(request, request_id, lambda ws, rid, actor, moment: workflow.refuse(
        ws, rid, actor, body.ground, body.reasons, moment), who)
    return _detail(request, request_id)


@route(router, "POST", "/{request_id}/extend", HANDLE, personal_data=True, response_model=RequestDetail,
       summary="Extend by one or two months with reasons (Art. 12(3))")
def extend(request: Request, request_id: str, body: ExtendBody, who: TokenCaller = Depends(caller)) -> RequestDetail:
    _act(request, request_id, lambda ws, rid, actor, moment: workflow.extend(
        ws, rid, actor, body.months, body.reasons, moment), who)
    return _detail(request, request_id)
