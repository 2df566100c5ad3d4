"""The breach register over the API: list, record, show, change, decide, notify, follow up,
withdraw, and the downloads (the notification as JSON in the form's structure and as PDF, the
register as xlsx or PDF). Each route calls the function the office page and the CLI call.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from waarborg.breaches import service
from waarborg.breaches.records import BreachNotFound, BreachView
from waarborg.office.api_tokens import TokenCaller

from .auth import caller, route
from .common import Lang, download, language, now, office
from .errors import ApiError, bad_input, not_found

FIELD = re.compile(r"^(?:[^:\s]+: )?([a-z_]+\.[a-z_.]+)(?::| )")  # "timing.delay_reason: ..."
router = APIRouter(prefix="/breaches", tags=["breaches"])
VIEW, MANAGE = "breaches.view", "breaches.manage"
LANG = Query(None, description="nl or en (default: the register's language).")


class BreachLine(BaseModel):
    """A breach as the register lists it: its state, its 72-hour clock and the decision."""

    reference: str
    kind: str
    role: str
    status: str
    version: int
    aware_at: datetime
    deadline_at: datetime
    clock_state: str
    clock: str
    proposal: str | None
    decision: str | None
    notified_at: datetime | None
    late: bool
    follows: str | None = None
    phases: list[str] = []


class NewBreachBody(BaseModel):
    """A breach to record: the answers so far (sections of the form) and the affected parts of the register."""

    answers: dict[str, Any] = Field(default_factory=dict, description="Answers per section of the form.")
    activities: list[str] = Field(default_factory=list, description="Affected activities (fills data and groups).")
    systems: list[str] = Field(default_factory=list, description="Affected systems of the register.")
    count: bool = Field(True, description="Count the people in the bound databases.")


class PeopleCounted(BaseModel):
    minimum: int
    maximum: int
    records: int
    failures: list[str]


class NewBreachAnswer(BaseModel):
    breach: BreachLine
    missing: list[str]
    counted: PeopleCounted | None


class ChangesBody(BaseModel):
    """Changed answers per section of the form (`{"what": {"summary": "..."}}`)."""

    changes: dict[str, Any]


class DecisionBody(BaseModel):
    decision: Literal["none", "authority", "authority_and_people", "authority_and_public", "controllers"]
    reasons: str | None = Field(None, description="Required for none and when departing from the proposal.")


class NotifyBody(BaseModel):
    notified_at: datetime | None = Field(None, description="When it was sent (default now); with a time zone.")
    authority_reference: str | None = None
    delay_reason: str | None = Field(None, description="Required after the 72 hours (Art. 33(1)).")


class WithdrawBody(BaseModel):
    reason: str = Field(min_length=1)
    at: datetime | None = None


def line(view: BreachView, moment: datetime, lang: Lang) -> BreachLine:
    reading = view.reading(moment)
    return BreachLine(reference=view.reference, kind=view.kind, role=view.role, status=view.status,
                      version=view.version, aware_at=view.aware_at, deadline_at=view.deadline_at,
                      clock_state=reading.state, clock=reading.text(lang), proposal=view.proposal,
                      decision=view.decision, notified_at=view.notified_at, late=view.late,
                      follows=view.parent_reference, phases=[p.reference for p in view.phases])


def _refused(exc: ValueError) -> ApiError:
    """The library's refusal as 404 (no such breach) or 400, naming the field its message starts with."""
    if isinstance(exc, BreachNotFound):
        return not_found(str(exc))
    text = str(exc)
    named = FIELD.match(text)
    return bad_input(text, named.group(1) if named else None)


def _in_session(request: Request, step: Any) -> BreachView:
    """Run one service step in one transaction; the library's refusals become 400/404."""
    workspace = office(request).workspace
    try:
        with workspace.store.session() as session:
            return step(session, workspace.erasure_key())  # type: ignore[no-any-return]
    except ValueError as exc:  # BreachError, DelayReasonRequired
        raise _refused(exc) from None


@route(router, "GET", "", VIEW, response_model=list[BreachLine], summary="Every breach, newest first")
def list_breaches(request: Request, lang: str | None = LANG) -> list[BreachLine]:
    from waarborg.breaches.reading import read_register

    chosen, moment = language(request, lang), now(request)
    return [line(view, moment, chosen) for view in read_register(office(request).workspace)]


@route(router, "POST", "", MANAGE, response_model=NewBreachAnswer, status_code=201, summary="Record a breach")
def create(request: Request, body: NewBreachBody, who: TokenCaller = Depends(caller)) -> NewBreachAnswer:
    from waarborg.breaches.intake import new_breach

    try:
        made = new_breach(office(request).workspace, body.answers, source="body.answers", activities=body.activities,
                          systems=body.systems, count=body.count, actor=who.actor, now=now(request))
    except ValueError as exc:  # BreachError, DelayReasonRequired
        raise _refused(exc) from None
    counted = made.counted
    return NewBreachAnswer(breach=line(made.view, now(request), language(request, None)), missing=made.missing,
                           counted=None if counted is None else PeopleCounted(
                               minimum=counted.minimum, maximum=counted.maximum, records=counted.records,
                               failures=list(counted.failures)))


def _document(request: Request, reference: str, lang: str | None) -> dict[str, Any]:
    from waarborg.breaches.reading import read_document

    try:
        return read_document(office(request).workspace, reference, language(request, lang), now(request))
    except ValueError as exc:  # BreachError, DelayReasonRequired
        raise _refused(exc) from None


@route(router, "GET", "/register.{kind}", VIEW, response_class=Response, summary="The register as xlsx or pdf",
       responses={200: {"content": {"application/pdf": {}, "application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet": {}}}})
def register_export(request: Request, kind: Literal["xlsx", "pdf"], lang: str | None = LANG) -> Response:
    from waarborg.breaches.exports import REGISTER_FORMATS, register_file

    data = register_file(office(request).workspace, kind, language(request, lang), now(request).date())
    return download(data, REGISTER_FORMATS[kind], f"datalekkenregister.{kind}")


@route(router, "GET", "/{reference}", VIEW, personal_data=True, response_model=dict[str, Any],
       summary="One breach: clock, proposal, decision and every answer in the form's order")
def show(request: Request, reference: str, lang: str | None = LANG) -> dict[str, Any]:
    return _document(request, reference, lang)


@route(router, "PATCH", "/{reference}", MANAGE, response_model=BreachLine, summary="Change answers (not yet notified)")
def update(request: Request, reference: str, body: ChangesBody, who: TokenCaller = Depends(caller)) -> BreachLine:
    view = _in_session(request, lambda session, key: service.update_breach(
        session, key, reference, body.changes, actor=who.actor, now=now(request)))
    return line(view, now(request), language(request, None))


@route(router, "POST", "/{reference}/decision", MANAGE, response_model=BreachLine, summary="Record the decision")
def decide(request: Request, reference: str, body: DecisionBody, who: TokenCaller = Depends(caller)) -> BreachLine:
    view = _in_session(request, lambda session, key: service.decide(
        session, key, reference, body.decision, body.reasons, actor=who.actor, now=now(request)))
    return line(view, now(request), language(request, None))


@route(router, "POST", "/{reference}/notification", MANAGE, response_model=BreachLine,
       summary="Record that the notification was sent")
def notify(request: Request, reference: str, body: NotifyBody, who: TokenCaller = Depends(caller)) -> BreachLine:
    moment = now(request)
    view = _in_session(request, lambda session, key: service.notify(
        session, key, reference, notified_at=body.notified_at or moment,
        authority_reference=body.authority_reference, delay_reason=body.delay_reason, actor=who.actor, now=moment))
    return line(view, moment, language(request, None))


@route(router, "POST", "/{reference}/follow-ups", MANAGE, response_model=BreachLine, status_code=201,
       summary="Supplement a notified breach (Art. 33(4))")
def follow_up(request: Request, reference: str, body: ChangesBody, who: TokenCaller = Depends(caller)) -> BreachLine:
    view = _in_session(request, lambda session, key: service.add_follow_up(
        session, key, reference, body.changes, actor=who.actor, now=now(request)))
    return line(view, now(request), language(request, None))


@route(router, "POST", "/{reference}/withdrawal", MANAGE, response_model=BreachLine, status_code=201,
       summary="Withdraw a notification")
def withdraw(request: Request, reference: str, body: WithdrawBody, who: TokenCaller = Depends(caller)) -> BreachLine:
    moment = now(request)
    view = _in_session(request, lambda session, key: service.withdraw(
        session, key, reference, body.reason, at=body.at or moment, actor=who.actor, now=moment))
    return line(view, moment, language(request, None))


@route(router, "GET", "/{reference}/notification.json", VIEW, personal_data=True, response_model=dict[str, Any],
       summary="The notification in the form's structure, as a download")
def export_json(request: Request, reference: str, lang: str | None = LANG) -> Response:
    import json

    document = _document(request, reference, lang)
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return download(data, "application/json", f"datalek-{reference}.json")


@route(router, "GET", "/{reference}/notification.pdf", VIEW, personal_data=True, response_class=Response,
       summary="The notification as PDF", responses={200: {"content": {"application/pdf": {}}}})
def export_pdf(request: Request, reference: str, lang: str | None = LANG) -> Response:
    from waarborg.breaches.exports import notification_pdf

    try:
        pdf = notification_pdf(office(request).workspace, reference, language(request, lang), now(request))
    except ValueError as exc:  # BreachError, DelayReasonRequired
        raise _refused(exc) from None
    return download(pdf, "application/pdf", f"datalek-{reference}.pdf")
