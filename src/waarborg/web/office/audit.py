"""The audit trail, filterable by action, actor and date, with the result of `audit verify`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import select
from starlette.responses import Response

from waarborg.audit.trail import verify_trail
from waarborg.store.models import AuditEntry

from ..frame import Page
from ..render import page

LIMIT = 200


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


async def show(request: Request) -> Response:
    office = request.app.state.office
    params = request.query_params
    action, actor = params.get("action", "").strip(), params.get("actor", "").strip()
    since, until = _day(params.get("from")), _day(params.get("until"))
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(LIMIT)
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if actor:
        query = query.where(AuditEntry.actor.contains(actor, autoescape=True))
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time()))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1), time()))
    with office.workspace.store.session() as session:
        entries = [_entry(e) for e in session.execute(query).scalars()]
    result = verify_trail(office.workspace.store)  # the same check as `waarborg audit verify`
    check = {"ok": result.ok and not result.unaudited, "checked": result.checked,
             "first_bad_seq": result.first_bad_seq, "problem": result.problem,
             "unaudited": len(result.unaudited)}
    filters = {"action": action, "actor": actor, "from": since.isoformat() if since else "",
               "until": until.isoformat() if until else ""}
    data = {"verify": check, "filters": filters, "entries": entries, "limit": LIMIT}
    return page(request, "office/audit.html", data, data)


def _entry(entry: AuditEntry) -> dict[str, Any]:
    return {"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action, "detail": entry.detail}


ROUTES = [
    Page("/office/audit", show, "audit.view", name="audit"),
    Page("/office/audit.json", show, "audit.view", name="audit_json"),
]
