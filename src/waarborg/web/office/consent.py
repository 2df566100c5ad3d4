"""Consent in the office: per mailing type how many are subscribed, and per week or month (`?per=`)
the consents given and withdrawn and the subscribers at the period's end, drawn as server-side SVG
charts; the suppression list's size and additions; one person's consents (found by e-mail,
posted, never in the address; audited) with the proof of consent as PDF."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import Request
from starlette.responses import JSONResponse, Response

from waarborg.consent.ledger import Person
from waarborg.consent.overview import ConsentOverview, consent_overview
from waarborg.consent.periods import PERIODS
from waarborg.consent.proof import build_proof, render_proof_pdf
from waarborg.consent.subscribe import check_email

from ..charts import bar_chart, grouped_bar_chart, line_chart
from ..frame import Page
from ..render import language, page, render, wants_json


def _label(period: str, start: date) -> str:
    return f"{start.month:02d}/{start.year % 100:02d}" if period == "month" else f"{start.day}/{start.month}"


def _charts(overview: ConsentOverview) -> dict[str, Any]:
    """The SVG geometry per mailing type (subscribers; given and withdrawn) and for the suppression list."""
    labels = [_label(overview.period, p.start) for p in overview.suppressed_added]
    charts: dict[str, Any] = {"suppressed": bar_chart(list(zip(labels, [p.added for p in overview.suppressed_added],
                                                               strict=True)))}
    for kind in overview.types:
        charts[kind.key] = {
            "active": line_chart(list(zip(labels, [p.active for p in kind.periods], strict=True))),
            "flow": grouped_bar_chart(labels, [("given", [p.given for p in kind.periods]),
                                               ("withdrawn", [p.withdrawn for p in kind.periods])]),
        }
    return charts


async def overview(request: Request) -> Response:
    office = request.app.state.office
    period = request.query_params.get("per", "month")
    if period not in PERIODS:
        message = _("Choose per week or per month.")
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=400)
        return render(request, "office/consent.html", {"overview": None, "proof": None, "types": [],
                                                       "error": message}, status=400)
    with office.workspace.store.session() as session:
        counted = consent_overview(session, office.workspace.register, office.clock.now(), period)
    data = asdict(counted)
    types = [(t["key"], t["name_nl"] if language(request) == "nl" else t["name_en"]) for t in data["types"]]
    return page(request, "office/consent.html", {"overview": data, "charts": _charts(counted), "proof": None,
                                                 "error": None, "types": types}, data)


async def person(request: Request) -> Response:
    office = request.app.state.office
    submitted = await request.form()
    lang = language(request)
    try:
        email = check_email(str(submitted.get("email", "")))
    except ValueError:
        if wants_json(request):
            return JSONResponse({"error": "That is not an e-mail address."}, status_code=400)
        return render(request, "office/consent.html", {"overview": None, "proof": None, "types": [],
                                                       "error": "That is not an e-mail address."}, status=400)
    with office.workspace.store.session() as session:
        proof = build_proof(session, office.workspace.erasure_key(), office.workspace.register,
                            Person("email", email), lang, office.clock.now())  # type: ignore[arg-type]
    if submitted.get("pdf"):
        return Response(render_proof_pdf(proof, lang), media_type="application/pdf",  # type: ignore[arg-type]
                        headers={"Content-Disposition": 'attachment; filename="proof-of-consent.pdf"'})
    data = asdict(proof)
    return page(request, "office/consent.html", {"overview": None, "proof": data, "error": None, "types": []}, data)


def _(message: str) -> str:
    return message


# Values the template translates: a consent's action and how it was given.
DYNAMIC = (_("given"), _("withdrawn"), _("web_form"), _("import"), _("paper"), _("api"))

ROUTES = [
    Page("/office/consent", overview, "consent.view", name="consent"),
    Page("/office/consent.json", overview, "consent.view", name="consent_json"),
    Page("/office/consent/person", person, "consent.view", methods=("POST",), personal_data=True,
         name="consent_person"),
    Page("/office/consent/person.json", person, "consent.view", methods=("POST",), personal_data=True,
         name="consent_person_json"),
]
