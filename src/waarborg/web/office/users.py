"""Staff accounts (admin only): add with a one-time password, reset, disable and enable."""

from __future__ import annotations

import secrets

from fastapi import Request
from starlette.responses import RedirectResponse, Response

from waarborg.office import sessions
from waarborg.office import users as accounts
from waarborg.office.models import OfficeUser
from waarborg.office.passwords import WeakPassword
from waarborg.office.roles import ROLES

from ..frame import Page, current_user
from ..render import page, render


def _listing(request: Request) -> list[dict[str, object]]:
    office = request.app.state.office
    with office.workspace.store.session() as session:
        return [{"id": u.id, "email": u.email, "name": u.name, "role": u.role, "disabled": u.disabled,
                 "totp": u.totp_secret_sealed is not None, "last_login_at": u.last_login_at,
                 "must_change_password": u.must_change_password} for u in accounts.list_users(session)]


async def show(request: Request) -> Response:
    data = {"users": _listing(request), "roles": list(ROLES)}
    return page(request, "office/users.html", {**data, "created": None, "error": None}, data)


def one_time_password() -> str:
    """A random password handed to a new user once; they must change it at the first login."""
    return secrets.token_urlsafe(12)


async def add(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    form = await request.form()
    password = one_time_password()
    try:
        with office.workspace.store.session() as session:
            added = accounts.add_user(session, user.actor, str(form.get("email", "")), str(form.get("name", "")),
                                      str(form.get("role", "")), password, office.clock.now())
            added.must_change_password = True
            created = {"email": added.email, "password": password}
    except (accounts.AccountError, WeakPassword) as exc:
        return render(request, "office/users.html",
                      {"users": _listing(request), "roles": list(ROLES), "created": None, "error": _message(exc)}, 400)
    return render(request, "office/users.html",
                  {"users": _listing(request), "roles": list(ROLES), "created": created, "error": None})


def _message(exc: Exception) -> str:
    """The catalogue's message id for an account error (the library's text names the value)."""
    text = str(exc)
    if "exists already" in text:
        return "An account for this e-mail address exists already."
    if "unknown role" in text:
        return "Choose one of the roles."
    if "not an e-mail address" in text:
        return "That is not an e-mail address."
    return text


async def change(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    form = await request.form()
    action, created = str(form.get("action", "")), None
    with office.workspace.store.session() as session:
        account = session.get(OfficeUser, int(request.path_params["user_id"]))
        if account is None or account.id == user.user_id:  # admins do not lock themselves out here
            return RedirectResponse("/office/users", status_code=303)
        if action in ("disable", "enable"):
            accounts.set_disabled(session, user.actor, account, action == "disable")
        elif action == "reset":
            password = one_time_password()
            accounts.set_password(session, user.actor, account, password, office.clock.now(), must_change=True)
            created = {"email": account.email, "password": password}
        if action in ("disable", "reset"):
            sessions.end_sessions_of(session, account.id)
    if created is None:
        return RedirectResponse("/office/users", status_code=303)
    return render(request, "office/users.html",
                  {"users": _listing(request), "roles": list(ROLES), "created": created, "error": None})


ROUTES = [
    Page("/office/users", show, "users.manage", name="users"),
    Page("/office/users.json", show, "users.manage", name="users_json"),
    Page("/office/users", add, "users.manage", methods=("POST",), name="user_add"),
    Page("/office/users/{user_id:int}", change, "users.manage", methods=("POST",), name="user_change"),
]
