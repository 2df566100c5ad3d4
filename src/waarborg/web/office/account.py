"""The signed-in user's own account: change the password, turn the TOTP second factor on or off."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import RedirectResponse, Response

from waarborg.audit.chain import append
from waarborg.office import roles, totp
from waarborg.office import users as accounts
from waarborg.office.models import OfficeUser
from waarborg.office.passwords import WeakPassword

from ..frame import Page, current_user
from ..render import render


def _account(request: Request) -> dict[str, object]:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    with office.workspace.store.session() as session:
        account = session.get(OfficeUser, user.user_id)
        assert account is not None
        return {"email": account.email, "name": account.name, "role": account.role,
                "totp": account.totp_secret_sealed is not None}


async def show(request: Request) -> Response:
    return render(request, "office/account.html", {"account": _account(request), "setup": None, "message": None})


async def password(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    form = await request.form()
    new, message = str(form.get("password", "")), "Your password was changed."
    if new != str(form.get("repeat", "")):
        message = "The two passwords differ."
    else:
        try:
            with office.workspace.store.session() as session:
                account = session.get(OfficeUser, user.user_id)
                assert account is not None
                accounts.set_password(session, user.actor, account, new, office.clock.now())
        except WeakPassword as exc:
            message = str(exc)
    return render(request, "office/account.html", {"account": _account(request), "setup": None, "message": message})


async def totp_setup(request: Request) -> Response:
    """Show a new secret as a QR code; it is kept only after a correct code confirms it."""
    user = current_user(request)
    assert user is not None
    form = await request.form()
    secret = str(form.get("secret", "")) or totp.new_secret()
    uri = totp.provisioning_uri(secret, user.email)
    setup = {"secret": secret, "qr": totp.qr_svg(uri), "error": False}
    code = str(form.get("code", ""))
    if code:
        office = request.app.state.office
        sealed = totp.seal_secret(office.settings.session_key, secret)
        if totp.code_is_valid(office.settings.session_key, sealed, code, office.clock.now().timestamp()):
            with office.workspace.store.session() as session:
                account = session.get(OfficeUser, user.user_id)
                assert account is not None
                account.totp_secret_sealed = sealed
                append(session, user.actor, "office.totp_enabled", {"user_id": user.user_id})
            return RedirectResponse("/office/account", status_code=303)
        setup["error"] = True
    return render(request, "office/account.html", {"account": _account(request), "setup": setup, "message": None})


async def totp_off(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    with office.workspace.store.session() as session:
        account = session.get(OfficeUser, user.user_id)
        assert account is not None
        account.totp_secret_sealed = None
        append(session, user.actor, "office.totp_disabled", {"user_id": user.user_id})
    return RedirectResponse("/office/account", status_code=303)


ROUTES = [
    Page("/office/account", show, roles.SIGNED_IN, name="account"),
    Page("/office/account/password", password, roles.SIGNED_IN, methods=("POST",), name="account_password"),
    Page("/office/account/totp", totp_setup, roles.SIGNED_IN, methods=("POST",), name="totp_setup"),
    Page("/office/account/totp/off", totp_off, roles.SIGNED_IN, methods=("POST",), name="totp_off"),
]
