"""The public centre's consent pages: subscribe (double opt-in), confirm, the preference centre
and one-click unsubscribe (RFC 8058). No login: the links carry the tokens.

Links in mails are opened by mail scanners too, so a GET never changes anything: it shows a page
with a button, and the button POSTs. The one exception is RFC 8058's one-click POST, which a mail
client sends without our page (no CSRF token): its route is `csrf=False`, the signed token in
the address being the proof that the mail reached the person.
"""

from __future__ import annotations

from datetime import date

from fastapi import Request
from starlette.responses import PlainTextResponse, Response

from waarborg.consent.children import AgeError, AgeStatement
from waarborg.consent.headers import is_one_click_body
from waarborg.consent.ledger import ConsentError
from waarborg.consent.mailing_types import UnknownMailingType, mailing_types
from waarborg.consent.mails import confirmation_mail
from waarborg.consent.preferences import change_preferences, one_click_unsubscribe, preferences, unsubscribe_everything
from waarborg.consent.subscribe import SubscribeForm, TooManyRequests, confirm, subscribe
from waarborg.consent.tokens import TokenError
from waarborg.office import roles
from waarborg.office.mail import Mail, deliver

from ..frame import Page
from ..render import language, render

FORM_TEXT = {
    "nl": "Ja, stuur mij de aangevinkte mailings. Ik kan mij altijd afmelden via de link in elke mail.",
    "en": "Yes, send me the mailings I ticked. I can unsubscribe at any time through the link in every mail.",
}


def _types(request: Request) -> list[dict[str, object]]:
    register = request.app.state.office.workspace.register
    lang = language(request)
    return [{"key": key, "label": kind.name.get(lang, register.language), "children": kind.children}  # type: ignore[arg-type]
            for key, kind in mailing_types(register).items()]


async def subscribe_form(request: Request) -> Response:
    context: dict[str, object] = {"types": _types(request), "form_text": FORM_TEXT[language(request)],
                                  "error": None, "values": {}}
    return render(request, "centre/subscribe.html", context)


async def subscribe_post(request: Request) -> Response:
    office = request.app.state.office
    submitted = await request.form()
    values = {name: str(submitted.get(name, "")).strip() for name in ("email", "birth_date", "parent_email")}
    chosen = [str(v) for v in submitted.getlist("types")]
    lang = language(request)
    try:
        form = SubscribeForm(values["email"], chosen, FORM_TEXT[lang], "web_form", _age(submitted, values),
                             values["parent_email"] or None)
        with office.workspace.store.session() as session:
            pending = subscribe(session, office.workspace.erasure_key(), office.workspace.register, form,
                                office.clock.now())
            mail = confirmation_mail(office.workspace.register, pending, office.settings.base_url, lang,  # type: ignore[arg-type]
                                     office.settings.mail_from)
            deliver(session, Mail(pending.send_to, str(mail["Subject"]), mail.get_content()),
                    office.settings.smtp_url, office.settings.mail_from, office.clock.now())
    except (ConsentError, AgeError, UnknownMailingType, TooManyRequests) as exc:
        return render(request, "centre/subscribe.html", {"types": _types(request), "form_text": FORM_TEXT[lang],
                                                         "error": _message(exc), "values": values},
                      status=429 if isinstance(exc, TooManyRequests) else 400)
    return render(request, "centre/subscribe_sent.html", {"parental": pending.kind == "parental"})


def _age(submitted: object, values: dict[str, str]) -> AgeStatement | None:
    if values["birth_date"]:
        try:
            return AgeStatement(birth_date=date.fromisoformat(values["birth_date"]))
        except ValueError:
            raise AgeError("not a date") from None
    stated = str(submitted.get("at_least", "")).strip()  # type: ignore[attr-defined]
    return AgeStatement(at_least=int(stated)) if stated.isdigit() else None


def _(message: str) -> str:
    """Marks a message id for the catalogue; the template translates it."""
    return message


def _message(exc: Exception) -> str:
    """The catalogue's sentence for a library error (the library's own words are English)."""
    if isinstance(exc, AgeError):
        return _("Give your date of birth.")
    if isinstance(exc, TooManyRequests):
        return _("Too many subscriptions for this address; try again later.")
    text = str(exc)
    if "parent_email" in text:
        return _("Below the age of consent a parent must confirm: give a parent's e-mail address (not your own).")
    if "mailing type" in text:
        return _("Choose at least one mailing.")
    return _("That is not an e-mail address.")


async def confirm_page(request: Request) -> Response:
    return render(request, "centre/confirm.html", {"token": request.path_params["token"], "done": None})


async def confirm_post(request: Request) -> Response:
    office = request.app.state.office
    try:
        with office.workspace.store.session() as session:
            outcome = confirm(session, office.workspace.erasure_key(), office.workspace.register,
                              request.path_params["token"], office.clock.now())
    except TokenError:
        return render(request, "centre/link_invalid.html", {}, status=400)
    return render(request, "centre/confirm.html", {"token": None, "done": outcome})


async def preferences_page(request: Request, notice: str | None = None) -> Response:
    office = request.app.state.office
    token = request.path_params["token"]
    try:
        with office.workspace.store.session() as session:
            shown = preferences(session, office.workspace.erasure_key(), office.workspace.register, token)
    except TokenError:
        return render(request, "centre/link_invalid.html", {}, status=400)
    return render(request, "centre/preferences.html", {"token": token, "types": _types(request),
                                                       "subscribed": shown.subscribed, "suppressed": shown.suppressed,
                                                       "notice": notice})


async def preferences_post(request: Request) -> Response:
    office = request.app.state.office
    token = request.path_params["token"]
    submitted = await request.form()
    key, register, now = office.workspace.erasure_key(), office.workspace.register, office.clock.now()
    try:
        with office.workspace.store.session() as session:
            if submitted.get("everything"):
                unsubscribe_everything(session, key, register, token, now)
            else:
                wanted = {name: name in submitted.getlist("types") for name in mailing_types(register)}
                change_preferences(session, key, register, token, wanted, FORM_TEXT[language(request)], now)
    except TokenError:
        return render(request, "centre/link_invalid.html", {}, status=400)
    return await preferences_page(request, _("Your preferences were saved."))


async def unsubscribe_page(request: Request) -> Response:
    return render(request, "centre/unsubscribe.html", {"token": request.path_params["token"], "done": False})


async def unsubscribe_post(request: Request) -> Response:
    """RFC 8058: a POST of `List-Unsubscribe=One-Click` unsubscribes at once; our own button too."""
    office = request.app.state.office
    submitted = await request.form()
    try:
        with office.workspace.store.session() as session:
            one_click_unsubscribe(session, office.workspace.erasure_key(), office.workspace.register,
                                  request.path_params["token"], office.clock.now())
    except TokenError:
        return PlainTextResponse("invalid link", status_code=400)
    if is_one_click_body({k: str(v) for k, v in submitted.items()}):
        return PlainTextResponse("unsubscribed")
    return render(request, "centre/unsubscribe.html", {"token": None, "done": True})


# The public forms' rate limits (waarborg.office.form_limits), per client address. The one-click
# unsubscribe is deliberately not limited: RFC 8058 POSTs come from the mail providers' servers,
# where one address speaks for millions of mailboxes, and withdrawing must stay as easy as giving
# (Art. 7(3)); its signed token already makes a forged POST a cheap, harmless refusal.
SUBSCRIBE_FORM, CONFIRM_FORM, PREFERENCES_FORM = "consent.subscribe", "consent.confirm", "consent.preferences"

ROUTES = [
    Page("/subscribe", subscribe_form, roles.PUBLIC, name="subscribe"),
    Page("/subscribe", subscribe_post, roles.PUBLIC, methods=("POST",), name="subscribe_post", limit=SUBSCRIBE_FORM),
    Page("/centre/confirm/{token}", confirm_page, roles.PUBLIC, name="confirm"),
    Page("/centre/confirm/{token}", confirm_post, roles.PUBLIC, methods=("POST",), name="confirm_post",
         limit=CONFIRM_FORM),
    Page("/centre/preferences/{token}", preferences_page, roles.PUBLIC, name="preferences"),
    Page("/centre/preferences/{token}", preferences_post, roles.PUBLIC, methods=("POST",), name="preferences_post",
         limit=PREFERENCES_FORM),
    Page("/centre/unsubscribe/{token}", unsubscribe_page, roles.PUBLIC, name="unsubscribe"),
    Page("/centre/unsubscribe/{token}", unsubscribe_post, roles.PUBLIC, methods=("POST",), csrf=False,
         name="unsubscribe_post"),
]

