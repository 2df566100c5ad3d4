"""The breach register in the office: the list with each breach's 72-hour clock, recording a new
breach (pre-filled from the register), the form section by section, the decision aid's proposal
and the decision, notification, follow-ups and withdrawal, and the downloads (the notification as
PDF and JSON, the letter to the people, the register as xlsx and PDF).

Every route parses the request, calls one function of `waarborg.breaches`, and renders; the
library's refusals (a late notification without reasons, a change to a notified breach) come
back as the page with the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from starlette.responses import RedirectResponse, Response

from waarborg.breaches import service
from waarborg.breaches.document import DECISION_TEXT, STATUS_TEXT
from waarborg.breaches.form_input import section_changes, section_fields
from waarborg.breaches.incident import LOCAL_ZONE
from waarborg.breaches.records import BreachError
from waarborg.register.text import Language

from ..frame import Page, current_user
from ..render import language, page, render


def _lang(request: Request) -> Language:
    return "en" if language(request) == "en" else "nl"


def _office(request: Request) -> Any:
    return request.app.state.office


def _actor(request: Request) -> str:
    user = current_user(request)
    assert user is not None  # the frame let only signed-in staff through
    return str(user.actor)


def _ref(request: Request) -> str:
    return str(request.path_params["reference"])


def _list_data(request: Request) -> dict[str, Any]:
    from waarborg.breaches.reading import read_register

    office, lang = _office(request), _lang(request)
    now = office.clock.now()
    register = office.workspace.register
    rows = [{"reference": v.reference, "status": v.status, "aware_at": v.aware_at, "deadline_at": v.deadline_at,
             "clock": v.reading(now).text(lang), "state": v.reading(now).state, "proposal": v.proposal,
             "decision": v.decision, "summary": v.incident.what.summary or "",
             "status_text": STATUS_TEXT[v.status][lang],
             "proposal_text": DECISION_TEXT[v.proposal][lang] if v.proposal else "–",
             "decision_text": DECISION_TEXT[v.decision][lang] if v.decision else "–",
             "phases": [p.reference for p in v.phases]} for v in read_register(office.workspace)]
    return {"breaches": rows,
            "activities": [(key, a.name.get(lang)) for key, a in register.activities.items()],
            "systems": [(key, s.name) for key, s in register.systems.items()]}


async def listing(request: Request) -> Response:
    data = _list_data(request)
    return page(request, "office/breaches/list.html", {**data, "error": None}, data)


async def create(request: Request) -> Response:
    from waarborg.breaches.intake import new_breach

    office = _office(request)
    form = await request.form()
    discovered = str(form.get("discovered_at", "")).strip()
    answers: dict[str, Any] = {"what": {"summary": str(form.get("summary", "")).strip() or None}}
    try:
        if discovered:
            answers["timing"] = {"discovered_at": datetime.fromisoformat(discovered).replace(tzinfo=LOCAL_ZONE)}
        made = new_breach(office.workspace, answers, source="form",
                          activities=[str(v) for v in form.getlist("activity")],
                          systems=[str(v) for v in form.getlist("system")], count=True,
                          actor=_actor(request), now=office.clock.now())
    except (BreachError, ValueError) as exc:
        return render(request, "office/breaches/list.html", {**_list_data(request), "error": str(exc)}, 400)
    return RedirectResponse(f"/office/breaches/{made.view.reference}", status_code=303)


def _show_context(request: Request, error: str | None = None) -> dict[str, Any]:
    from waarborg.breaches.reading import read_document
    from waarborg.breaches.service import DECISIONS

    office = _office(request)
    document = read_document(office.workspace, _ref(request), _lang(request), office.clock.now())
    lang = _lang(request)
    return {"doc": document, "decisions": [(d, DECISION_TEXT[d][lang]) for d in DECISIONS], "error": error}


async def show(request: Request) -> Response:
    try:
        context = _show_context(request)
    except BreachError:
        return render(request, "office/breaches/missing.html", {"reference": _ref(request)}, 404)
    return page(request, "office/breaches/show.html", context, context["doc"])


async def edit_section(request: Request) -> Response:
    from waarborg.breaches.reading import read_breach

    office = _office(request)
    view = read_breach(office.workspace, _ref(request))
    fields = section_fields(view.incident, str(request.path_params["section"]), _lang(request))
    context = {"reference": view.reference, "section": request.path_params["section"], "fields": fields,
               "error": None}
    return render(request, "office/breaches/section.html", context)


async def save_section(request: Request) -> Response:
    office = _office(request)
    form = await request.form()
    submitted = {key: [str(v) for v in form.getlist(key)] for key in form}
    try:
        changes = section_changes(str(request.path_params["section"]), submitted)
        with office.workspace.store.session() as session:
            service.update_breach(session, office.workspace.erasure_key(), _ref(request), changes,
                                  actor=_actor(request), now=office.clock.now())
    except (BreachError, ValueError) as exc:
        return render(request, "office/breaches/show.html", _show_context(request, str(exc)), 400)
    return RedirectResponse(f"/office/breaches/{_ref(request)}", status_code=303)


async def act(request: Request) -> Response:
    """Decide, notify, add a follow-up or withdraw: the button pressed names the step."""
    office = _office(request)
    form = await request.form()
    step, key, now = str(form.get("step", "")), office.workspace.erasure_key(), office.clock.now()
    target = _ref(request)
    try:
        with office.workspace.store.session() as session:
            target = _step(session, key, step, form, _actor(request), now, target)
    except (BreachError, ValueError) as exc:
        return render(request, "office/breaches/show.html", _show_context(request, str(exc)), 400)
    return RedirectResponse(f"/office/breaches/{target}", status_code=303)


def _moment(value: Any, now: datetime) -> datetime:
    text = str(value or "").strip()
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL_ZONE) if text else now


def _step(session: Any, key: bytes, step: str, form: Any, actor: str, now: datetime, ref: str) -> str:
    reasons = str(form.get("reasons", "")).strip() or None
    if step == "decide":
        service.decide(session, key, ref, str(form.get("decision", "")), reasons, actor=actor, now=now)
    elif step == "notify":
        service.notify(session, key, ref, notified_at=_moment(form.get("notified_at"), now),
                       authority_reference=str(form.get("authority_reference", "")).strip() or None,
                       delay_reason=reasons, actor=actor, now=now)
    elif step == "follow_up":
        return service.add_follow_up(session, key, ref, {}, actor=actor, now=now).reference
    elif step == "withdraw":
        service.withdraw(session, key, ref, reasons or "", at=now, actor=actor, now=now)
    else:
        raise BreachError(f"unknown step {step!r}")
    return ref


async def notification_pdf(request: Request) -> Response:
    from waarborg.breaches.exports import notification_pdf as pdf_of

    office = _office(request)
    pdf = pdf_of(office.workspace, _ref(request), _lang(request), office.clock.now())
    return _download(pdf, "application/pdf", f"datalek-{_ref(request)}.pdf")


async def letter_pdf(request: Request) -> Response:
    from waarborg.breaches.letter import people_letter, render_letter_html
    from waarborg.breaches.reading import read_breach
    from waarborg.breaches.render import html_to_pdf

    office = _office(request)
    controller = office.workspace.register.controller
    letter = people_letter(read_breach(office.workspace, _ref(request)),
                           organisation=controller.legal_name or controller.name, country=controller.country,
                           lang=_lang(request), written=office.clock.now().date())
    return _download(html_to_pdf(render_letter_html(letter)), "application/pdf", f"brief-{_ref(request)}.pdf")


async def register_download(request: Request) -> Response:
    from waarborg.breaches.exports import REGISTER_FORMATS, register_file

    office = _office(request)
    kind = str(request.path_params["kind"])
    if kind not in REGISTER_FORMATS:
        return Response(status_code=404)
    data = register_file(office.workspace, kind, _lang(request), office.clock.now().date())
    return _download(data, REGISTER_FORMATS[kind], f"datalekkenregister.{kind}")


def _download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


REF = "/office/breaches/{reference}"
ROUTES = [
    Page("/office/breaches", listing, "breaches.view", name="breaches"),
    Page("/office/breaches.json", listing, "breaches.view", name="breaches_json"),
    Page("/office/breaches", create, "breaches.manage", methods=("POST",), name="breach_create"),
    Page("/office/breaches/register.{kind:str}", register_download, "breaches.view", name="breach_register"),
    Page(REF + ".json", show, "breaches.view", personal_data=True, name="breach_json"),
    Page(REF + "/notification.pdf", notification_pdf, "breaches.view", personal_data=True, name="breach_pdf"),
    Page(REF + "/letter.pdf", letter_pdf, "breaches.view", personal_data=True, name="breach_letter"),
    Page(REF + "/section/{section}", edit_section, "breaches.manage", personal_data=True, name="breach_section"),
    Page(REF + "/section/{section}", save_section, "breaches.manage", methods=("POST",), name="breach_save"),
    Page(REF + "/act", act, "breaches.manage", methods=("POST",), name="breach_act"),
    Page(REF, show, "breaches.view", personal_data=True, name="breach"),
]
