"""Signing in and out: password (throttled), the optional TOTP code, a forced password change.

Every step that raises the session's privilege starts a new session token (no fixation)."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import RedirectResponse, Response

from waarborg.office import roles, sessions, totp, users
from waarborg.office.models import OfficeUser
from waarborg.office.passwords import WeakPassword

from ..frame import Page, clear_session_cookie, client_address, current_user, set_session_cookie
from ..render import render


def _office(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.office


async def login_form(request: Request) -> Response:
    return render(request, "office/login.html", {"expired": "expired" in request.query_params, "error": None})


async def login(request: Request) -> Response:
    office = _office(request)
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    now = office.clock.now()
    with office.workspace.store.session() as session:
        outcome = users.check_login(session, office.settings, email, password, client_address(request), now)
    if outcome.refused is not None:
        return render(request, "office/login.html", {"expired": False, "error": outcome.refused},
                      status=429 if outcome.refused == "throttled" else 401)
    stage = (roles.SECOND_FACTOR if outcome.needs_second_factor
             else roles.CHANGE_PASSWORD if outcome.password_expired else "full")
    return _start(request, outcome.user_id, stage)


def _start(request: Request, user_id: int, stage: str) -> Response:
    office = _office(request)
    old = request.cookies.get("waarborg_session")
    with office.workspace.store.session() as session:
        token = sessions.start_session(session, office.settings, user_id, stage, office.clock.now(), replaces=old)
    steps = {roles.SECOND_FACTOR: "/office/login/code", roles.CHANGE_PASSWORD: "/office/password"}
    target = steps.get(stage, "/office/")
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, token)
    return response


async def code_form(request: Request) -> Response:
    return render(request, "office/code.html", {"error": False})


async def code(request: Request) -> Response:
    office = _office(request)
    user = current_user(request)
    assert user is not None  # the frame let only a second-factor session in
    form = await request.form()
    now = office.clock.now()
    with office.workspace.store.session() as session:
        account = session.get(OfficeUser, user.user_id)
        sealed = account.totp_secret_sealed if account else None
        ok = sealed is not None and totp.code_is_valid(office.settings.session_key, sealed,
                                                       str(form.get("code", "")), now.timestamp())
        users.record_code_attempt(session, user.email, client_address(request), ok, now)
        expired = account is not None and users.password_expired(account, office.settings, now)
    if not ok:
        return render(request, "office/code.html", {"error": True}, status=401)
    return _start(request, user.user_id, roles.CHANGE_PASSWORD if expired else "full")


async def password_form(request: Request) -> Response:
    return render(request, "office/password.html", {"error": None, "forced": True})


async def change_password(request: Request) -> Response:
    office = _office(request)
    user = current_user(request)
    assert user is not None
    form = await request.form()
    new, repeat = str(form.get("password", "")), str(form.get("repeat", ""))
    if new != repeat:
        return render(request, "office/password.html", {"error": "The two passwords differ.", "forced": True}, 400)
    try:
        with office.workspace.store.session() as session:
            account = session.get(OfficeUser, user.user_id)
            assert account is not None
            users.set_password(session, user.actor, account, new, office.clock.now())
    except WeakPassword as exc:
        return render(request, "office/password.html", {"error": str(exc), "forced": True}, status=400)
    return _start(request, user.user_id, "full")


async def logout(request: Request) -> Response:
    office = _office(request)
    token = request.cookies.get("waarborg_session")
    if token:
        with office.workspace.store.session() as session:
            sessions.end_session(session, token)
    response = RedirectResponse("/office/login", status_code=303)
    clear_session_cookie(request, response)
    return response


async def language(request: Request) -> Response:
    from ..frame import LANG_COOKIE, cookie_secure
    from ..i18n import pick_language

    form = await request.form()
    target = str(form.get("next", "/office/"))
    if not target.startswith("/") or target.startswith("//"):
        target = "/office/"  # never redirect off the site
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, pick_language(str(form.get("lang", ""))), max_age=365 * 86400,
                        samesite="lax", secure=cookie_secure(request), httponly=True, path="/")
    return response


ROUTES = [
    Page("/office/login", login_form, roles.PUBLIC, name="login_form"),
    Page("/office/login", login, roles.PUBLIC, methods=("POST",), name="login"),
    Page("/office/login/code", code_form, roles.SECOND_FACTOR, name="code_form"),
    Page("/office/login/code", code, roles.SECOND_FACTOR, methods=("POST",), name="code"),
    Page("/office/password", password_form, roles.CHANGE_PASSWORD, name="password_form"),
    Page("/office/password", change_password, roles.CHANGE_PASSWORD, methods=("POST",), name="change_password"),
    Page("/office/logout", logout, roles.SIGNED_IN, methods=("POST",), name="logout"),
    Page("/language", language, roles.PUBLIC, methods=("POST",), name="language"),
]
