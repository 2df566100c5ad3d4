"""The public centre's request pages: a form per kind of request, the verification of the e-mail
address and the status page behind the requester's secret link. No login, no JavaScript.

Every answer to a form is the same whoever fills it in: `intake.submit` looks nobody up, so the
page (and the mail) cannot tell whether the person is in any database. A link opened from a mail
may be opened by a mail scanner first, so the verification GET only shows a button; the button
POSTs. The status page is not cached and not indexed.
"""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from waarborg.office import roles
from waarborg.requests import intake
from waarborg.requests.lifecycle import REQUEST_KINDS

from ..frame import Page
from ..render import language, render

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}


def _(message: str) -> str:
    """Marks a message id for the catalogue; the template translates it."""
    return message


# Per kind: the title, what it means (with its article), the label of the free-text field.
KIND_TEXT: dict[str, tuple[str, str, str]] = {
    "access": (
        _("See your data"),
        _("Which of your data we hold, why, from where, for whom and how long (Article 15 GDPR)."),
        _("Anything that helps us find your data (optional)"),
    ),
    "rectify": (
        _("Correct your data"),
        _("Have wrong or incomplete data corrected (Article 16 GDPR)."),
        _("Which data are wrong, and what should they be?"),
    ),
    "erase": (
        _("Erase your data"),
        _("Have your data erased where we have no reason left to keep them (Article 17 GDPR)."),
        _("Anything that helps us find your data (optional)"),
    ),
    "restrict": (
        _("Restrict the use of your data"),
        _("We keep your data but do nothing else with them for now (Article 18 GDPR)."),
        _("Why (optional)"),
    ),
    "object": (
        _("Object to the use of your data"),
        _("Object to use for our legitimate interests or for direct marketing (Article 21 GDPR)."),
        _("Your grounds (optional; not needed against direct marketing)"),
    ),
    "port": (
        _("Take your data elsewhere"),
        _("Receive the data you gave us in a file a computer can read (Article 20 GDPR)."),
        _("Anything that helps us find your data (optional)"),
    ),
    "withdraw": (
        _("Withdraw your consent"),
        _("Withdraw a consent you gave us; what we did before stays lawful (Article 7(3) GDPR)."),
        _("Which consent do you withdraw? (optional)"),
    ),
}

PROBLEM_TEXT: dict[str, str] = {
    "missing_email": _("Give your e-mail address: we send the confirmation link there."),
    "not_email": _("That is not an e-mail address."),
    "too_long": _("That value is too long."),
    "details_too_long": _("Your text is too long: at most 4,000 characters."),
    "correction_missing": _("Say which data are wrong and what they should be."),
    "unknown_identity": _("This form does not ask for that."),
    "language": _("Choose Dutch or English."),
}

STATE_TEXT: dict[str, str] = {
    "awaiting_verification": _("Waiting for you to confirm your e-mail address with the link in our mail."),
    "received": _("Received: we are working on your request."),
    "awaiting_identity": _("We asked you for proof of your identity; the deadline waits until it arrives."),
    "in_progress": _("In hand: we are working on your request."),
    "completed": _("Answered: you received our answer by e-mail."),
    "rejected": _("Refused: you received our reasons and where you can complain by e-mail."),
}

LINK_TEXT: dict[str, str] = {
    "unknown": _("This link is unknown or damaged. Copy the whole link from the mail, or make the request again."),
    "expired": _("This link has expired: a confirmation is valid for 48 hours. Make the request again."),
    "used": _("This link was used already: your request is confirmed. Follow it with your status link."),
}


def _fields(request: Request) -> list[dict[str, object]]:
    register = request.app.state.office.workspace.register
    contact = intake.contact_kind(register)
    return [{"kind": kind, "contact": kind == contact} for kind in intake.identity_fields(register)]


def _form(request: Request, kind: str, error: intake.IntakeError | None = None,
          values: dict[str, str] | None = None, status: int = 200) -> Response:
    title, explanation, details_label = KIND_TEXT[kind]
    context = {"kind": kind, "title": title, "explanation": explanation, "details_label": details_label,
               "fields": _fields(request), "values": values or {}, "required_details": kind == "rectify",
               "error": PROBLEM_TEXT.get(error.problem) if error else None, "error_field": error.field if error else ""}
    return render(request, "centre/requests/form.html", context, status=status)


async def choose(request: Request) -> Response:
    kinds = [{"kind": kind, "title": KIND_TEXT[kind][0], "explanation": KIND_TEXT[kind][1]} for kind in REQUEST_KINDS]
    return render(request, "centre/requests/choose.html", {"kinds": kinds})


async def form(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in KIND_TEXT:
        return render(request, "centre/requests/unknown.html", {}, status=404)
    return _form(request, kind)


async def submit(request: Request) -> Response:
    office = request.app.state.office
    kind = request.path_params["kind"]
    submitted = await request.form()
    values = {name: str(value) for name, value in submitted.items() if name != "csrf_token"}
    identities = {name.removeprefix("identity_"): value for name, value in values.items()
                  if name.startswith("identity_")}
    try:
        intake.submit(office.workspace, kind, identities, values.get("details", ""), language(request),
                      office.clock.now(), settings=office.settings)
    except intake.IntakeError as exc:
        if exc.problem == "unknown_kind":
            return render(request, "centre/requests/unknown.html", {}, status=404)
        return _form(request, kind, exc, values, status=400)
    except intake.TooManyIntakes:
        return render(request, "centre/requests/too_many.html", {}, status=429)
    return render(request, "centre/requests/sent.html", {})


async def verify_page(request: Request) -> Response:
    return render(request, "centre/requests/verify.html", {"token": request.path_params["token"]})


async def verify_post(request: Request) -> Response:
    office = request.app.state.office
    try:
        verified = intake.verify(office.workspace, request.path_params["token"], office.clock.now())
    except intake.LinkError as exc:
        return render(request, "centre/requests/link.html", {"problem": LINK_TEXT[exc.reason]}, status=400)
    return render(request, "centre/requests/verified.html", {"due_at": verified.due_at})


async def status_page(request: Request) -> Response:
    office = request.app.state.office
    try:
        shown = intake.status(office.workspace, request.path_params["token"], office.clock.now())
    except intake.StatusNotFound:
        response = render(request, "centre/requests/link.html", {"problem": LINK_TEXT["unknown"]}, status=404)
    else:
        response = render(request, "centre/requests/status.html", {
            "shown": shown, "title": KIND_TEXT[shown.kind][0], "state_text": STATE_TEXT[shown.state]})
    response.headers.update(PRIVATE)
    return response


ROUTES = [
    Page("/centre/requests", choose, roles.PUBLIC, name="centre_requests"),
    Page("/centre/requests/verify/{token}", verify_page, roles.PUBLIC, name="centre_verify"),
    Page("/centre/requests/verify/{token}", verify_post, roles.PUBLIC, methods=("POST",), name="centre_verify_post"),
    Page("/centre/requests/status/{token}", status_page, roles.PUBLIC, name="centre_status"),
    Page("/centre/requests/{kind}", form, roles.PUBLIC, name="centre_request_form"),
    Page("/centre/requests/{kind}", submit, roles.PUBLIC, methods=("POST",), name="centre_request_post"),
]
