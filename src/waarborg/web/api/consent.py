"""Consent over the API.

Public (no token; the personal links carry their own proof): subscribe with double opt-in,
confirm, the preference centre (read and change through the personal token), unsubscribe from
everything, and RFC 8058 one-click unsubscribe. With a token: a person's consent state and proof
(found by e-mail in a POST body, never in an address; audited) and the counts per mailing type.
Each route calls the function of `waarborg.consent` that the centre's and the office's pages call.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from waarborg.consent.children import AgeError, AgeStatement
from waarborg.consent.ledger import ConsentError, Person
from waarborg.consent.mailing_types import UnknownMailingType
from waarborg.consent.subscribe import SubscribeForm, TooManyRequests, check_email
from waarborg.consent.tokens import TokenError

from .auth import PUBLIC, route
from .common import download, now, office
from .errors import ApiError, bad_input

router = APIRouter(prefix="/consent", tags=["consent"])
FIELD = re.compile(r"^([a-z_]+): ")


class SubscribeBody(BaseModel):
    """A subscription from the organisation's own form; nothing is recorded until the link is clicked."""

    email: str = Field(max_length=254)
    mailing_types: list[str] = Field(min_length=1, description="Keys of the register's mailing types.")
    form_text: str = Field(min_length=1, max_length=2000,
                           description="The text the person agreed to, kept as evidence (Art. 7(1)).")
    lang: Literal["nl", "en"] = "nl"
    birth_date: date | None = Field(None, description="Where a mailing may reach children (Art. 8).")
    at_least: int | None = Field(None, ge=0, le=130, description="Or: the person states being at least this old.")
    parent_email: str | None = Field(None, max_length=254, description="Below the age of consent: the parent.")


class SubscribeAnswer(BaseModel):
    """Where the confirmation link went (never the address) and until when it works."""

    confirmation_sent_to: Literal["person", "parent"]
    mailing_types: list[str]
    expires_at: datetime


class ConfirmAnswer(BaseModel):
    mailing_types: list[str]
    kind: str
    already: bool = Field(description="The link had been used before; nothing new was recorded.")


class PreferencesAnswer(BaseModel):
    subscribed: dict[str, bool]
    suppressed: bool


class PreferencesBody(BaseModel):
    subscribed: dict[str, bool] = Field(description="Mailing type -> on or off; types left out stay as they are.")
    form_text: str = Field("", max_length=2000, description="The text shown with the choices (evidence).")


class UnsubscribeAnswer(BaseModel):
    withdrawn: list[str]
    suppressed: bool
    newly_suppressed: bool


class PersonBody(BaseModel):
    email: str = Field(max_length=254)
    lang: Literal["nl", "en"] = "nl"


class ProofEventModel(BaseModel):
    purpose: str
    activity: str
    action: str
    at: str
    method: str
    statement_version: str
    evidence: dict[str, Any]


class ProofAnswer(BaseModel):
    """The proof of consent of one person (Art. 7(1)): every event and today's state per activity."""

    identity_kind: str
    identity: str
    controller: str
    made_at: str
    current: dict[str, str]
    events: list[ProofEventModel]


def _refused(exc: Exception) -> ApiError:
    """The library's refusal as an API error naming the field (never echoing the value)."""
    if isinstance(exc, TooManyRequests):
        return ApiError(429, "too_many_requests", str(exc))
    if isinstance(exc, TokenError):
        return ApiError(400, "invalid_link", str(exc), "token")
    if isinstance(exc, AgeError):
        return bad_input(str(exc), "birth_date")
    if isinstance(exc, UnknownMailingType):
        return bad_input(str(exc), "mailing_types")
    text = str(exc)
    named = FIELD.match(text)
    field = named.group(1) if named else ("mailing_types" if "mailing type" in text else None)
    return bad_input(text, field)


def _age(body: SubscribeBody) -> AgeStatement | None:
    if body.birth_date is None and body.at_least is None:
        return None
    return AgeStatement(birth_date=body.birth_date, at_least=body.at_least)


@route(router, "POST", "/subscriptions", PUBLIC, limit="consent.subscribe",
       response_model=SubscribeAnswer, status_code=202,
       summary="Subscribe (double opt-in): mails the confirmation link")
def subscribe(request: Request, body: SubscribeBody) -> SubscribeAnswer:
    from waarborg.consent.signup import subscribe_and_send

    state = office(request)
    form = SubscribeForm(body.email, body.mailing_types, body.form_text, "api", _age(body), body.parent_email)
    try:
        with state.workspace.store.session() as session:
            pending = subscribe_and_send(session, state.workspace.erasure_key(), state.workspace.register, form,
                                         body.lang, state.settings, now(request))
    except (ConsentError, AgeError, UnknownMailingType, TooManyRequests) as exc:
        raise _refused(exc) from None
    return SubscribeAnswer(confirmation_sent_to="parent" if pending.kind == "parental" else "person",
                           mailing_types=list(pending.purposes), expires_at=pending.expires_at)


@route(router, "POST", "/confirmations/{token}", PUBLIC, limit="consent.confirm",
       response_model=ConfirmAnswer,
       summary="Confirm a subscription through the link's token")
def confirm(request: Request, token: str) -> ConfirmAnswer:
    from waarborg.consent.subscribe import confirm as confirm_pending

    state = office(request)
    try:
        with state.workspace.store.session() as session:
            done = confirm_pending(session, state.workspace.erasure_key(), state.workspace.register, token,
                                   now(request))
    except TokenError as exc:
        raise _refused(exc) from None
    return ConfirmAnswer(mailing_types=list(done.purposes), kind=done.kind, already=done.already)


@route(router, "GET", "/preferences/{token}", PUBLIC, limit="consent.preferences",
       response_model=PreferencesAnswer,
       summary="The preference centre of the personal link")
def preferences(request: Request, token: str) -> PreferencesAnswer:
    from waarborg.consent.preferences import preferences as read_preferences

    state = office(request)
    try:
        with state.workspace.store.session() as session:
            shown = read_preferences(session, state.workspace.erasure_key(), state.workspace.register, token)
    except TokenError as exc:
        raise _refused(exc) from None
    return PreferencesAnswer(subscribed=shown.subscribed, suppressed=shown.suppressed)


@route(router, "PUT", "/preferences/{token}", PUBLIC, limit="consent.preferences",
       response_model=PreferencesAnswer,
       summary="Switch mailing types on or off (no suppression)")
def change_preferences(request: Request, token: str, body: PreferencesBody) -> PreferencesAnswer:
    from waarborg.consent.preferences import change_preferences as change

    state = office(request)
    try:
        with state.workspace.store.session() as session:
            shown = change(session, state.workspace.erasure_key(), state.workspace.register, token, body.subscribed,
                           body.form_text or "API", now(request))
    except (TokenError, UnknownMailingType, ConsentError) as exc:
        raise _refused(exc) from None
    return PreferencesAnswer(subscribed=shown.subscribed, suppressed=shown.suppressed)


@route(router, "POST", "/preferences/{token}/unsubscribe", PUBLIC, limit="consent.preferences",
       response_model=UnsubscribeAnswer,
       summary="Unsubscribe from everything: the address goes on the suppression list")
def unsubscribe_everything(request: Request, token: str) -> UnsubscribeAnswer:
    from waarborg.consent.preferences import unsubscribe_everything as unsubscribe_all

    state = office(request)
    try:
        with state.workspace.store.session() as session:
            done = unsubscribe_all(session, state.workspace.erasure_key(), state.workspace.register, token,
                                   now(request))
    except TokenError as exc:
        raise _refused(exc) from None
    return UnsubscribeAnswer(**asdict(done))


@route(router, "POST", "/unsubscribe/{token}", PUBLIC, response_model=UnsubscribeAnswer,
       summary="One-click unsubscribe (RFC 8058) of the mailing type in the token",
       description="Works without a login and without a body; a mail client's POST of "
                   "`List-Unsubscribe=One-Click` (form-encoded) is accepted as it is. Idempotent.")
def one_click(request: Request, token: str) -> UnsubscribeAnswer:
    from waarborg.consent.preferences import one_click_unsubscribe

    state = office(request)
    try:
        with state.workspace.store.session() as session:
            done = one_click_unsubscribe(session, state.workspace.erasure_key(), state.workspace.register, token,
                                         now(request))
    except TokenError as exc:
        raise _refused(exc) from None
    return UnsubscribeAnswer(**asdict(done))


def _proof(request: Request, body: PersonBody) -> Any:
    from waarborg.consent.proof import build_proof

    state = office(request)
    try:
        email = check_email(body.email)
    except ConsentError as exc:
        raise _refused(exc) from None
    with state.workspace.store.session() as session:
        return build_proof(session, state.workspace.erasure_key(), state.workspace.register, Person("email", email),
                           body.lang, now(request))


@route(router, "POST", "/person", "consent.view", personal_data=True, response_model=ProofAnswer,
       summary="One person's consent state and every event (proof of consent, Art. 7(1))")
def person(request: Request, body: PersonBody) -> ProofAnswer:
    return ProofAnswer(**asdict(_proof(request, body)))


@route(router, "POST", "/person/proof.pdf", "consent.view", personal_data=True, response_class=Response,
       summary="The proof of consent as PDF", responses={200: {"content": {"application/pdf": {}}}})
def person_pdf(request: Request, body: PersonBody) -> Response:
    from waarborg.consent.proof import render_proof_pdf

    return download(render_proof_pdf(_proof(request, body), body.lang), "application/pdf", "proof-of-consent.pdf")


class PeriodLine(BaseModel):
    """One week or month of one mailing type; `active`: subscribed at the end of the period."""

    start: date
    given: int
    withdrawn: int
    active: int


class AddedLine(BaseModel):
    start: date
    added: int


class TypeCounts(BaseModel):
    key: str
    name_nl: str
    name_en: str
    needs_consent: bool
    subscribed: int
    periods: list[PeriodLine]


class OverviewAnswer(BaseModel):
    """Per mailing type the subscribers now and the consents per period; the suppression list's size and
    additions per period. The same figures as the office's consent page."""

    period: Literal["week", "month"]
    types: list[TypeCounts]
    suppressed: int
    suppressed_added: list[AddedLine]
    pending: int


@route(router, "GET", "/overview", "consent.view", response_model=OverviewAnswer,
       summary="Counts per mailing type and of the suppression list (the last 12 weeks or months)")
def overview(request: Request, per: Literal["week", "month"] = "month") -> OverviewAnswer:
    from waarborg.consent.overview import consent_overview

    state = office(request)
    with state.workspace.store.session() as session:
        data = consent_overview(session, state.workspace.register, now(request), per)
    return OverviewAnswer(**asdict(data))
