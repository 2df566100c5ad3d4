"""API tokens in the office (admin only): the list, a new token shown once, revoking one.

Each route calls one function of `waarborg.office.api_tokens`; the secret of a new token is put
on the page that answers the POST and nowhere else (not in a redirect, not in a log).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import Request
from starlette.responses import RedirectResponse, Response

from waarborg.office import api_tokens
from waarborg.office import users as accounts
from waarborg.office.users import AccountError

from ..frame import Page, current_user
from ..render import page, render


def _(message: str) -> str:
    return message


def _context(request: Request, created: Any = None, error: str | None = None) -> dict[str, Any]:
    office = request.app.state.office
    now = office.clock.now()
    with office.workspace.store.session() as session:
        tokens = [{"id": t.id, "name": t.name, "prefix": t.prefix, "user": t.user_email, "role": t.role,
                   "state": t.state(now), "created_at": t.created_at, "expires_at": t.expires_at,
                   "last_used_at": t.last_used_at} for t in api_tokens.list_tokens(session)]
        people = [(u.email, u.role) for u in accounts.list_users(session) if not u.disabled]
    return {"tokens": tokens, "people": people, "created": created, "error": error}


async def show(request: Request) -> Response:
    context = _context(request)
    return page(request, "office/api_tokens.html", context, {"tokens": context["tokens"]})


def _days(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise AccountError(_("Give the number of days the token stays valid, or leave it empty."))
    return int(value)


async def create(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    form = await request.form()
    now = office.clock.now()
    try:
        days = _days(str(form.get("days", "")))
        with office.workspace.store.session() as session:
            made = api_tokens.create_token(session, user.actor, str(form.get("email", "")), str(form.get("name", "")),
                                           now, now + timedelta(days=days) if days else None)
    except AccountError as exc:
        return render(request, "office/api_tokens.html", _context(request, error=_message(exc)), 400)
    return render(request, "office/api_tokens.html", _context(request, created=made))


def _message(exc: Exception) -> str:
    text = str(exc)
    if text.startswith("name:"):
        return _("Give the token a name that says what it is for.")
    if "disabled" in text or text.startswith("no account"):
        return _("Choose an active user.")
    return text


async def revoke(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    try:
        with office.workspace.store.session() as session:
            api_tokens.revoke_token(session, user.actor, int(request.path_params["token_id"]), office.clock.now())
    except AccountError:
        return render(request, "office/refused.html", {"reason": "not_found"}, status=404)
    return RedirectResponse("/office/api-tokens", status_code=303)


# Values the template translates: a token's state.
DYNAMIC = (_("active"), _("expired"), _("revoked"))

ROUTES = [
    Page("/office/api-tokens", show, "users.manage", name="api_tokens"),
    Page("/office/api-tokens.json", show, "users.manage", name="api_tokens_json"),
    Page("/office/api-tokens", create, "users.manage", methods=("POST",), name="api_token_create"),
    Page("/office/api-tokens/{token_id:int}/revoke", revoke, "users.manage", methods=("POST",),
         name="api_token_revoke"),
]
