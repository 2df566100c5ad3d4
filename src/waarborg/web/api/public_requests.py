"""The public side of data-subject requests over the API, for an organisation's own website: make a
request, confirm the e-mail address, follow the status through the requester's secret link, and
download the package. No token; every call counts against the shared public-form rate limit.

The same functions as the public centre's pages (`waarborg.requests.intake`, `.delivery`), so the
answers are the centre's: making a request answers the same whoever it names (nobody is looked up),
the status token is only ever mailed to the address (never returned to the caller, who may not be
the person), and a wrong, used or expired link gets one answer that tells a guesser nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from waarborg.requests import intake

from .auth import PUBLIC, route
from .common import now, office
from .errors import ApiError, bad_input

router = APIRouter(prefix="/public", tags=["public requests"])
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}


class IntakeBody(BaseModel):
    """A request as the centre's form takes it: the identities by kind (the e-mail address required)."""

    kind: Literal["access", "rectify", "erase", "restrict", "object", "port", "withdraw"]
    identities: dict[str, str] = Field(description="e.g. {\"email\": \"...\", \"member_number\": \"...\"}")
    details: str = Field("", description="The correction (required for rectify) or what helps to find the data.")
    language: Literal["nl", "en"] = "nl"


class IntakeAnswer(BaseModel):
    """The same for every request: a confirmation link went to the e-mail address given."""

    accepted: bool
    verify_expires_at: datetime
    message: str


class VerifiedAnswer(BaseModel):
    kind: str
    due_at: datetime


class StatusAnswer(BaseModel):
    """What the holder of the status link may see: no identity, no findings."""

    kind: str
    state: str
    received_at: datetime
    due_at: datetime
    extension_months: int
    completed_at: datetime | None
    language: str


ACCEPTED = ("If the address is right, a mail with a confirmation link is on its way; the request reaches "
            "the office once the link is used. The mail also holds the link to follow the request.")


@route(router, "POST", "/requests", PUBLIC, limit="requests.intake", response_model=IntakeAnswer, status_code=202,
       summary="Make a request (it reaches the office after the e-mail address is confirmed)")
def submit(request: Request, body: IntakeBody) -> IntakeAnswer:
    state = office(request)
    try:
        made = intake.submit(state.workspace, body.kind, body.identities, body.details, body.language, now(request),
                             settings=state.settings)
    except intake.IntakeError as exc:
        raise bad_input(str(exc), exc.field) from None
    except intake.TooManyIntakes as exc:
        raise ApiError(429, "too_many_requests", str(exc)) from None
    return IntakeAnswer(accepted=True, verify_expires_at=made.verify_expires_at, message=ACCEPTED)


@route(router, "POST", "/requests/verify/{token}", PUBLIC, limit="requests.verify", response_model=VerifiedAnswer,
       summary="Confirm the e-mail address with the token of the mailed link")
def verify(request: Request, token: str) -> VerifiedAnswer:
    try:
        verified = intake.verify(office(request).workspace, token, now(request))
    except intake.LinkError as exc:
        raise ApiError(400, f"link_{exc.reason}", str(exc), "token") from None
    return VerifiedAnswer(kind=verified.kind, due_at=verified.due_at)


@route(router, "GET", "/requests/status/{token}", PUBLIC, limit="requests.status", response_model=StatusAnswer,
       summary="Where the request stands, through the requester's secret status link")
def status(request: Request, token: str, response: Response) -> StatusAnswer:
    response.headers.update(PRIVATE)
    try:
        shown = intake.status(office(request).workspace, token, now(request))
    except intake.StatusNotFound:
        raise ApiError(404, "not_found", "no request has this link", headers=PRIVATE) from None
    return StatusAnswer(kind=shown.kind, state=shown.state, received_at=shown.received_at, due_at=shown.due_at,
                        extension_months=shown.extension_months, completed_at=shown.completed_at,
                        language=shown.language)


@route(router, "POST", "/downloads/{token}", PUBLIC, limit="requests.download", response_class=Response,
       summary="Download the access or portability package (single use)",
       responses={200: {"content": {"application/zip": {}}}})
def download(request: Request, token: str) -> Response:
    from waarborg.requests.delivery import DownloadRefused, open_download

    try:
        filename, content = open_download(office(request).workspace, token, now(request))
    except DownloadRefused as exc:
        raise ApiError(404, "not_found", str(exc), headers=PRIVATE) from None
    return Response(content, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', **PRIVATE})
