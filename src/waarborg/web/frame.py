"""Security in the frame: every route is declared with a permission, and the frame — not the
route — resolves the session (idle timeout), checks the permission, checks CSRF on every
state-changing request and audits views of personal data. Security headers are a middleware.

A route gets all of it by being listed in an area's `ROUTES` with a `Page(...)`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.responses import Response

from waarborg.audit.chain import append
from waarborg.office import form_limits, roles, sessions
from waarborg.office.sessions import ActiveSession

SESSION_COOKIE = "waarborg_session"
ANON_COOKIE = "waarborg_visitor"  # random id of a visitor who is not signed in (login-form CSRF)
LANG_COOKIE = "waarborg_lang"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True)
class Page:
    """One route of the route table: its path, handler, methods and the permission it needs.

    `permission` is a key of `waarborg.office.roles.PERMISSIONS`, or `roles.PUBLIC` / `roles.SIGNED_IN`.
    `personal_data=True` writes every successful request to the audit trail (who, when, which page).
    """

    path: str
    endpoint: Callable[..., Awaitable[Response]]
    permission: str
    methods: tuple[str, ...] = ("GET",)
    personal_data: bool = False
    name: str | None = None
    # False only where a client posts without our page (RFC 8058 one-click unsubscribe from a mail
    # client); such a route must carry its own proof in the address (a signed token).
    csrf: bool = True
    # A public form's name for the rate limit (`waarborg.office.form_limits`): every POST to the
    # route counts against the client's address, and past the maximum the frame answers 429.
    limit: str | None = None


class Refused(Exception):
    """The frame refuses a request: `status` 401 (sign in), 403 (no permission / bad CSRF)."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def current_user(request: Request) -> ActiveSession | None:
    return getattr(request.state, "user", None)


def visitor_id(request: Request) -> str:
    """The anonymous visitor id (set as a cookie by the middleware when missing)."""
    return str(getattr(request.state, "visitor", "") or request.cookies.get(ANON_COOKIE, ""))


def csrf_token(request: Request) -> str:
    """The token a form must send back: the session's, or one bound to the visitor cookie."""
    user = current_user(request)
    if user is not None:
        return user.csrf_token
    key = request.app.state.office.settings.session_key
    return hmac.new(key, b"csrf\x00" + visitor_id(request).encode(), hashlib.sha256).hexdigest()


def resolve_session(request: Request) -> None:
    """Load the signed-in user from the session cookie, touching it (idle timeout applies)."""
    office = request.app.state.office
    token = request.cookies.get(SESSION_COOKIE)
    request.state.user = None
    request.state.session_ended = False
    if not token:
        return
    with office.workspace.store.session() as session:
        request.state.user = sessions.resume_session(session, office.settings, token, office.clock.now())
    request.state.session_ended = request.state.user is None


async def guard(request: Request, page: Page) -> None:
    """Session, permission, CSRF and audit for one request to `page`; raises Refused."""
    resolve_session(request)
    user = current_user(request)
    if page.permission != roles.PUBLIC:
        if user is None:
            raise Refused(401, "expired" if request.state.session_ended else "sign_in")
        if user.stage != "full" and page.permission != user.stage:
            raise Refused(401, user.stage)  # finish the login first
        if page.permission not in roles.FRAME_RULES and not roles.allowed(user.role, page.permission):
            raise Refused(403, "forbidden")
    if request.method not in ("GET", "HEAD") and page.csrf:
        form = await request.form()
        submitted = str(form.get("csrf_token", "")) or request.headers.get("x-csrf-token", "")
        if not submitted or not hmac.compare_digest(submitted, csrf_token(request)):
            raise Refused(403, "csrf")
    if page.limit is not None and request.method not in ("GET", "HEAD"):
        count_submission(request, page.limit)
    if page.personal_data and user is not None:
        with request.app.state.office.workspace.store.session() as session:
            append(session, user.actor, "office.page_viewed", {"page": page.path, "role": user.role})


def count_submission(request: Request, form: str) -> None:
    """Count one submission of a public form from this client; FormLimited (answered 429) past the limit.

    For routes outside the route table (an API router): call it first, before any work is done.
    """
    office = request.app.state.office
    with office.workspace.store.session() as session:
        form_limits.admit(session, office.settings, form, client_address(request), office.clock.now())


def new_visitor_id() -> str:
    return secrets.token_urlsafe(16)


def cookie_secure(request: Request) -> bool:
    mode = request.app.state.office.settings.secure_cookies
    return mode == "1" or (mode == "auto" and request.url.scheme == "https")


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=cookie_secure(request), path="/")


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_secure(request))


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def with_headers(response: Response, extra: dict[str, Any] | None = None) -> Response:
    for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
        response.headers.setdefault(name, str(value))
    return response
