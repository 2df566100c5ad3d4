"""Consent in the office: per mailing type how many are subscribed and the months' consents and
withdrawals; the suppression list's size and additions; one person's consents (found by e-mail,
posted, never in the address; audited) with the proof of consent as PDF."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from fastapi import Request
from starlette.responses import JSONResponse, Response

from waarborg.consent.ledger import Person
from waarborg.consent.overview import consent_overview
from waarborg.consent.proof import build_proof, render_proof_pdf
from waarborg.consent.subscribe import check_email

from ..frame import Page
from ..render import language, page, render, wants_json


async def overview(request: Request) -> Response:
    office = request.app.state.office
    with office.workspace.store.session() as session:
        data = asdict(consent_overview(session, office.workspace.register,
                                       office.clock.now() - timedelta(days=366)))
    types = [(t["key"], t["name_nl"] if language(request) == "nl" else t["name_en"]) for t in data["types"]]
    return page(request, "office/consent.html", {"overview": data, "proof": None, "error": None, "types": types},
                data)


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
