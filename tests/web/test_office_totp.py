"""The optional second factor: with TOTP on, a password alone reaches only the code step; a wrong
code is refused and counted, the right one (from the authenticator's secret) opens the office."""

from __future__ import annotations

import pyotp
from fastapi.testclient import TestClient
from web_support import PASSWORDS, SESSION_KEY, csrf_of, sign_in_as

from waarborg.office import totp
from waarborg.office.clock import MovableClock
from waarborg.office.users import require_user
from waarborg.workspace import Workspace


def test_totp_second_factor_guards_the_office(client: TestClient, workspace: Workspace, clock: MovableClock) -> None:
    secret = pyotp.random_base32()
    email = PASSWORDS["hr"][0]
    with workspace.store.session() as session:
        require_user(session, email).totp_secret_sealed = totp.seal_secret(SESSION_KEY.encode(), secret)
    try:
        sign_in_as(client, "hr")
        assert client.get("/office/", follow_redirects=False).headers["location"] == "/office/login/code"
        page = client.get("/office/login/code").text
        wrong = client.post("/office/login/code", data={"code": "000000", "csrf_token": csrf_of(page)})
        assert wrong.status_code == 401 and "Die code klopt niet" in wrong.text
        code = pyotp.TOTP(secret).at(clock.now())
        right = client.post("/office/login/code", data={"code": code, "csrf_token": csrf_of(page)},
                            follow_redirects=False)
        assert right.status_code == 303 and right.headers["location"] == "/office/"
        assert client.get("/office/").status_code == 200
    finally:
        with workspace.store.session() as session:
            require_user(session, email).totp_secret_sealed = None


def test_account_page_shows_a_qr_code_to_set_up_totp(client: TestClient) -> None:
    sign_in_as(client, "viewer")
    page = client.get("/office/account").text
    setup = client.post("/office/account/totp", data={"csrf_token": csrf_of(page)})
    assert setup.status_code == 200 and "<svg" in setup.text and "authenticator" in setup.text


def test_session_cookie_is_httponly_samesite_and_secure_over_https(app: object) -> None:
    for base, secure in (("http://127.0.0.1", False), ("https://office.example", True)):
        with TestClient(app, base_url=base) as fresh:  # type: ignore[arg-type]
            email, password = PASSWORDS["viewer"]
            token = csrf_of(fresh.get("/office/login").text)
            answer = fresh.post("/office/login", data={"email": email, "password": password, "csrf_token": token},
                                follow_redirects=False)
            cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and "waarborg_session" in v)
            assert "HttpOnly" in cookie and "SameSite=lax" in cookie
            assert ("Secure" in cookie) is secure
