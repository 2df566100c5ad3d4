"""The handler's queue and a request's page, with the actions as CSRF-protected forms.

The queue (`/office/requests`, twin `.json`) is sorted by deadline and filtered by kind and state
in the address; a search by a person's identity is a POST (an identity never ends up in an
address or an access log) and matches the keyed hash. The actions call `waarborg.requests.workflow`;
a refused action (a late extension, a wrong state) shows its reason and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from waarborg.requests import answers, delivery, workflow
from waarborg.requests import queue as queue_module
from waarborg.requests.identity import identity_kinds
from waarborg.requests.lifecycle import REFUSAL_GROUNDS, REQUEST_KINDS, REQUEST_STATUSES
from waarborg.requests.runner import RequestBusy

from ..frame import Page, current_user
from ..render import page, render, wants_json


def _lists(request: Request) -> dict[str, Any]:
    office = request.app.state.office
    kinds = office.cached("request_identity_kinds", lambda: identity_kinds(office.workspace.register))
    return {"kinds": REQUEST_KINDS, "statuses": REQUEST_STATUSES, "identity_kinds": kinds}


async def _list(request: Request, wanted: queue_module.QueueFilter) -> Response:
    office = request.app.state.office
    try:
        items = queue_module.queue(office.workspace, office.clock.now(), wanted)
    except queue_module.QueueFilterError as exc:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return render(request, "office/requests/list.html", {**_lists(request), "items": [], "wanted": wanted,
                                                             "error": str(exc)}, status=400)
    data = {"requests": items, "overdue": sum(item["overdue"] for item in items),
            "filters": {"kind": wanted.kind, "status": wanted.status, "identity": bool(wanted.identity_value)}}
    return page(request, "office/requests/list.html", {**_lists(request), "items": items, "wanted": wanted}, data)


async def listing(request: Request) -> Response:
    params = request.query_params
    return await _list(request, queue_module.QueueFilter(params.get("kind", ""), params.get("status", "")))


async def search(request: Request) -> Response:
    form = await request.form()
    wanted = queue_module.QueueFilter(str(form.get("kind", "")), str(form.get("status", "all")),
                                      str(form.get("identity_kind", "")), str(form.get("identity_value", "")))
    return await _list(request, wanted)


async def show(request: Request, dry_run: dict[str, Any] | None = None, error: str | None = None,
               status: int = 200) -> Response:
    office = request.app.state.office
    request_id = request.path_params["request_id"]
    try:
        view = queue_module.show(office.workspace, request_id, office.clock.now())
    except workflow.RequestNotFound:
        if wants_json(request):
            return JSONResponse({"error": "not_found"}, status_code=404)
        return render(request, "office/refused.html", {"reason": "not_found"}, status=404)
    view.dry_run = dry_run
    context = {"view": view, "grounds": REFUSAL_GROUNDS, "error": error, "done": request.query_params.get("done")}
    if wants_json(request):
        return page(request, "", context, view.as_json())
    return render(request, "office/requests/show.html", context, status=status)


def _dry_run(workspace: Any, request_id: str, actor: str, now: datetime, form: Any) -> dict[str, Any]:
    outcome = workflow.fulfil(workspace, request_id, actor, now, dry_run=True)
    return {"kind": outcome.kind, "result": outcome.result}


ACTIONS: dict[str, Callable[[Any, str, str, datetime, Any], Any]] = {
    "ask-identity": lambda ws, rid, actor, now, form: workflow.ask_identity(ws, rid, actor, now),
    "identity-received": lambda ws, rid, actor, now, form: workflow.identity_confirmed(ws, rid, actor, now),
    "run": lambda ws, rid, actor, now, form: workflow.fulfil(ws, rid, actor, now),
    "approve": lambda ws, rid, actor, now, form: workflow.approve(ws, rid, actor, now),
    "refuse": lambda ws, rid, actor, now, form: workflow.refuse(
        ws, rid, actor, str(form.get("ground", "")), str(form.get("reasons", "")), now),
    "extend": lambda ws, rid, actor, now, form: workflow.extend(
        ws, rid, actor, _months(form), str(form.get("reasons", "")), now),
    "dry-run": _dry_run,
    "send-link": lambda ws, rid, actor, now, form: delivery.issue_download(ws, rid, now, actor),
    "send-answer": lambda ws, rid, actor, now, form: answers.send_outcome(ws, rid, actor, now),
}


def _months(form: Any) -> int:
    raw = str(form.get("months", ""))
    if not raw.isdigit():
        raise workflow.WorkflowError("months: give 1 or 2")
    return int(raw)


async def act(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    request_id, action = request.path_params["request_id"], request.path_params["action"]
    if action not in ACTIONS:
        return render(request, "office/refused.html", {"reason": "not_found"}, status=404)
    form = await request.form()
    try:
        done = ACTIONS[action](office.workspace, request_id, user.actor, office.clock.now(), form)
    except workflow.RequestNotFound:
        return render(request, "office/refused.html", {"reason": "not_found"}, status=404)
    except (workflow.WorkflowError, RequestBusy, delivery.DeliveryError, answers.AnswerError) as exc:
        return await show(request, error=str(exc), status=400)
    if action == "dry-run":
        return await show(request, dry_run=done)
    return RedirectResponse(f"/office/requests/{request_id}?done={action}", status_code=303)


ROUTES = [
    Page("/office/requests", listing, "requests.view", name="requests"),
    Page("/office/requests.json", listing, "requests.view", name="requests_json"),
    Page("/office/requests", search, "requests.view", methods=("POST",), personal_data=True, name="request_search"),
    Page("/office/requests.json", search, "requests.view", methods=("POST",), personal_data=True,
         name="request_search_json"),
    # personal_data: the page shows what the requester wrote in the centre (identities, a correction)
    Page("/office/requests/{request_id}.json", show, "requests.view", personal_data=True, name="request_json"),
    Page("/office/requests/{request_id}", show, "requests.view", personal_data=True, name="request"),
    Page("/office/requests/{request_id}/{action}", act, "requests.handle", methods=("POST",), personal_data=True,
         name="request_action"),
]
